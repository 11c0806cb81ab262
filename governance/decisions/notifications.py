"""Emails to the steering group: a published agenda, a submitted change request (and, from
governance/reports/review.py, a submitted status report). core/mail.py sends them after the
commit; the bodies are the templates in templates/mail/."""

from core.mail import admin_url, send_after_commit
from governance.register import access
from governance.register.models import Membership

# The bodies whose members must be reachable by mail: the steering group gets what waits
# for it, the project leaders their reminders. The admin warns about a member without an
# address (governance/workspace/panels.py).
MAIL_BODIES = (Membership.Body.STEERING_GROUP, Membership.Body.PROJECT_MANAGEMENT)


def current_memberships(projects, bodies, on=None):
    memberships = Membership.objects.filter(project__in=projects, body__in=bodies)
    return access.current(memberships, on).select_related("person__user")


def person_address(person):
    """Where a person's mail goes: the person's own address, else their user account's."""
    return person.email or (person.user.email if person.user_id else "")


def member_addresses(project, body):
    """Email addresses of the current members of one of the project's bodies."""
    addresses = []
    for membership in current_memberships([project], [body]):
        address = person_address(membership.person)
        if address and address not in addresses:
            addresses.append(address)
    return addresses


def steering_group_addresses(project):
    return member_addresses(project, Membership.Body.STEERING_GROUP)


def project_leader_addresses(project):
    return member_addresses(project, Membership.Body.PROJECT_MANAGEMENT)


def members_without_address(projects):
    """Current memberships of the bodies that must get mail whose person has no address."""
    memberships = current_memberships(projects, MAIL_BODIES).select_related("project")
    return [m for m in memberships.order_by("body", "person__name") if not person_address(m.person)]


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
