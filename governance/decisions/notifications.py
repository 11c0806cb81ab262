"""Emails to the steering group: a published agenda, a submitted change request (and, from
governance/reports/review.py, a submitted status report). core/mail.py sends them after the
commit; the bodies are the templates in templates/mail/."""

from django.db.models import Q
from django.utils import timezone

from core.mail import admin_url, send_after_commit
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


def send_to_steering_group(project, template, context):
    """One message per current steering-group member of `project`, after the commit."""
    return send_after_commit(steering_group_addresses(project), template, context)


def agenda_published(meeting):
    context = {
        "meeting": meeting,
        "day": f"{meeting.local_date:%Y-%m-%d}",
        "link": admin_url("meeting_documents:agenda", meeting.pk),
    }
    return send_to_steering_group(meeting.project, "mail/agenda_published", context)


def change_request_submitted(change_request):
    context = {
        "change_request": change_request,
        "link": admin_url("changerequest:inspect", change_request.pk),
    }
    return send_to_steering_group(change_request.project, "mail/change_request_submitted", context)
