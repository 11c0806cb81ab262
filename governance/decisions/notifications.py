"""Emails to the steering group: a published agenda, a submitted change request."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.register.models import Membership


def steering_group_addresses(project):
    """Email addresses of the project's current steering-group members."""
    today = timezone.localdate()
    memberships = (
        Membership.objects.filter(project=project, body=Membership.Body.STEERING_GROUP)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("person__user")
    )
    addresses = []
    for membership in memberships:
        person = membership.person
        address = person.email or (person.user.email if person.user_id else "")
        if address and address not in addresses:
            addresses.append(address)
    return addresses


def admin_link(url_name, pk):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(url_name, args=[pk])


def send_to_steering_group(project, subject, body):
    messages = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        for address in steering_group_addresses(project)
    ]
    return send_mass_mail(messages, fail_silently=False)


def agenda_published(meeting):
    day = f"{meeting.local_date:%Y-%m-%d}"
    subject = _("Agenda for the meeting on %(day)s") % {"day": day}
    body = _(
        "The agenda for %(meeting)s (%(project)s) is published.\n\nRead it here: %(link)s\n"
    ) % {
        "meeting": meeting,
        "project": meeting.project,
        "link": admin_link("meeting_documents:agenda", meeting.pk),
    }
    return send_to_steering_group(meeting.project, subject, body)


def change_request_submitted(change_request):
    subject = _("New change request: %(title)s") % {"title": change_request.title}
    body = _(
        "The project leaders have submitted a change request for %(project)s to the steering "
        "group.\n\n%(title)s\n\nRead it here: %(link)s\n"
    ) % {
        "project": change_request.project,
        "title": change_request.title,
        "link": admin_link("changerequest:inspect", change_request.pk),
    }
    return send_to_steering_group(change_request.project, subject, body)
