"""Reminders by mail, sent by `manage.py send_reminders` (run daily from cron):

- REMINDER_DAYS_BEFORE_MEETING days before a meeting, to its invited attendees (or, for a
  meeting without a list of attendees, to the current members of its body), with a
  calendar invitation (governance/workspace/calendar.py);
- REMINDER_DAYS_BEFORE_REPORT_DUE days before a status report is due, to the project
  leaders, while the report is a draft or returned.

Each reminder is recorded per recipient (SentReminder), so running the command again sends
nothing twice; a meeting whose time or place has changed since is announced again with its
new calendar SEQUENCE, and a report given a new due date is reminded of again.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.mail import admin_url, send_after_commit
from governance.decisions import notifications
from governance.decisions.models import Meeting
from governance.register.models import Membership
from governance.reports.models import StatusReport
from governance.workspace.calendar import invitation_attachment
from governance.workspace.models import SentReminder


@dataclass
class Sent:
    meetings: int = 0
    reports: int = 0
    messages: int = 0


def _recipients(people):
    """(name, address) of each person with an address, once each."""
    seen, result = set(), []
    for person in people:
        address = notifications.person_address(person)
        if address and address not in seen:
            seen.add(address)
            result.append((person.name, address))
    return result


def meeting_recipients(meeting):
    attendees = [attendee.person for attendee in meeting.attendees.all()]
    if attendees:
        return _recipients(attendees)
    body = Membership.Body(meeting.body)
    memberships = notifications.current_memberships([meeting.project_id], [body])
    return _recipients(membership.person for membership in memberships)


def _not_yet_sent(kind, object_id, key, recipients):
    sent = set(
        SentReminder.objects.filter(
            kind=kind, object_id=object_id, key=key, recipient__in=[a for _n, a in recipients]
        ).values_list("recipient", flat=True)
    )
    return [(name, address) for name, address in recipients if address not in sent]


def _record(kind, object_id, key, recipients):
    SentReminder.objects.bulk_create(
        SentReminder(kind=kind, object_id=object_id, key=key, recipient=address)
        for _name, address in recipients
    )


def remind_of_meeting(meeting):
    """Sends the meeting's reminder to whoever has not had this version of it; returns the
    number of messages."""
    key = f"sequence-{meeting.calendar_sequence}"
    invited = meeting_recipients(meeting)
    recipients = _not_yet_sent(SentReminder.Kind.MEETING, meeting.pk, key, invited)
    if not recipients:
        return 0
    _record(SentReminder.Kind.MEETING, meeting.pk, key, recipients)
    context = {
        "meeting": meeting,
        "is_update": meeting.calendar_sequence > 0,
        "agenda_items": list(meeting.agenda_items.order_by("sort_order")),
        "agenda_link": admin_url("meeting_documents:agenda", meeting.pk),
    }
    attachment = invitation_attachment(meeting, invited)
    return send_after_commit(
        [address for _name, address in recipients],
        "mail/meeting_reminder",
        context,
        attachments=[attachment],
    )


def remind_of_report(report):
    key = report.due_on.isoformat()
    leaders = notifications.current_memberships(
        [report.project_id], [Membership.Body.PROJECT_MANAGEMENT]
    )
    recipients = _not_yet_sent(
        SentReminder.Kind.REPORT_DUE,
        report.pk,
        key,
        _recipients(membership.person for membership in leaders),
    )
    if not recipients:
        return 0
    _record(SentReminder.Kind.REPORT_DUE, report.pk, key, recipients)
    context = {"report": report, "link": admin_url("statusreport:edit", report.pk)}
    return send_after_commit(
        [address for _name, address in recipients], "mail/report_due_reminder", context
    )


def meetings_to_remind_of(now):
    until = now + datetime.timedelta(days=settings.REMINDER_DAYS_BEFORE_MEETING)
    return (
        Meeting.objects.filter(starts_at__gt=now, starts_at__lte=until)
        .exclude(state=Meeting.State.MINUTES_APPROVED)
        .select_related("project")
        .prefetch_related("attendees__person__user")
        .order_by("starts_at")
    )


def reports_to_remind_of(today):
    until = today + datetime.timedelta(days=settings.REMINDER_DAYS_BEFORE_REPORT_DUE)
    return (
        StatusReport.objects.filter(
            due_on__gte=today,
            due_on__lte=until,
            state__in=[StatusReport.State.DRAFT, StatusReport.State.RETURNED],
        )
        .select_related("project")
        .order_by("due_on")
    )


@transaction.atomic
def send_reminders(now=None):
    """Sends every reminder that is due and not yet sent; the mail leaves after the commit."""
    now = now or timezone.now()
    sent = Sent()
    for meeting in meetings_to_remind_of(now):
        if count := remind_of_meeting(meeting):
            sent.meetings += 1
            sent.messages += count
    for report in reports_to_remind_of(timezone.localdate(now)):
        if count := remind_of_report(report):
            sent.reports += 1
            sent.messages += count
    return sent
