"""Reminders before meetings (with a calendar invitation that updates itself when the
meeting moves) and before reports are due, sent by `manage.py send_reminders` once each."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import icalendar
import pytest

from governance.decisions.models import AgendaItem, MeetingAttendee
from governance.register.models import Membership
from governance.reports import review
from governance.workspace.reminders import send_reminders
from tests.governance.decisions.factories import MeetingFactory
from tests.governance.register.factories import MembershipFactory, PersonFactory
from tests.governance.reports.factories import StatusReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """`manage.py send_reminders` as cron runs it; returns what it printed."""

    def run_command():
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", stdout=out)
        return out.getvalue()

    return run_command


def invitation(message):
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".ics") and mimetype == "text/calendar; method=REQUEST"
    calendar = icalendar.Calendar.from_ical(content)
    assert calendar["method"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    return event


def in_days(days, hour=13):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def test_a_meeting_is_reminded_of_once_with_an_invitation_that_updates_when_it_moves(
    run, project, settings
):
    settings.REMINDER_DAYS_BEFORE_MEETING = 7
    meeting = MeetingFactory(project=project, starts_at=in_days(5), place="Stadshuset, Umeå")
    AgendaItem.objects.create(meeting=meeting, title="Lägesrapport kvartal 2", sort_order=0)
    anna = PersonFactory(name="Anna Olofsson", email="anna.olofsson@example.se")
    peter = PersonFactory(name="Peter Holmqvist", email="peter.holmqvist@example.se")
    nobody = PersonFactory(name="Jan Bergmark", email="")
    for person in (anna, peter, nobody):
        MeetingAttendee.objects.create(meeting=meeting, person=person)
    MeetingFactory(project=project, starts_at=in_days(20))  # too far ahead
    MeetingFactory(project=project, starts_at=in_days(-1))  # past

    assert "2 messages (1 meetings, 0 reports)" in run()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anna.olofsson@example.se",
        "peter.holmqvist@example.se",
    ]
    message = mail.outbox[0]
    assert message.subject.startswith("Påminnelse: Styrgrupp")
    assert "1. Lägesrapport kvartal 2" in message.body
    assert "Stadshuset, Umeå" in message.body
    first = invitation(message)
    assert first["sequence"] == 0
    assert first.decoded("dtstart") == meeting.starts_at
    # No end given: the meeting lasts two hours.
    assert first.decoded("dtend") - first.decoded("dtstart") == datetime.timedelta(hours=2)
    assert str(first["location"]) == "Stadshuset, Umeå"
    attendees = sorted(str(a) for a in first["attendee"])
    assert attendees == ["mailto:anna.olofsson@example.se", "mailto:peter.holmqvist@example.se"]

    # Cron runs again the next day: nothing is sent twice.
    assert "0 messages" in run()
    assert len(mail.outbox) == 2

    # The meeting moves: the same invitation, a higher SEQUENCE, a new start.
    meeting.starts_at = in_days(6, hour=9)
    meeting.save()
    run()
    assert len(mail.outbox) == 4
    moved = mail.outbox[2]
    assert moved.subject.startswith("Ändrat: Styrgrupp")
    update = invitation(moved)
    assert str(update["uid"]) == str(first["uid"])
    assert update["sequence"] == 1
    assert update.decoded("dtstart") == meeting.starts_at
    # Moved without a new end, it keeps its length.
    assert update.decoded("dtend") == in_days(6, hour=11)

    # Only the end changes: the invitation is updated again, with the real end.
    meeting.ends_at = in_days(6, hour=12) + datetime.timedelta(minutes=30)
    meeting.save()
    run()
    assert len(mail.outbox) == 6
    longer = invitation(mail.outbox[4])
    assert str(longer["uid"]) == str(first["uid"])
    assert longer["sequence"] == 2
    assert longer.decoded("dtstart") == in_days(6, hour=9)
    assert longer.decoded("dtend") == in_days(6, hour=12) + datetime.timedelta(minutes=30)


def test_a_meeting_without_attendees_reminds_the_members_of_its_body(run, project):
    meeting = MeetingFactory(project=project, starts_at=in_days(2))
    MembershipFactory(
        project=project,
        person=PersonFactory(email="kurt-allan.egelby@example.se"),
        body=Membership.Body.STEERING_GROUP,
    )
    MembershipFactory(
        project=project,
        person=PersonFactory(email="per.renstrom@example.se"),
        body=Membership.Body.PROJECT_GROUP,
    )
    run()
    assert [m.to for m in mail.outbox] == [["kurt-allan.egelby@example.se"]]
    assert invitation(mail.outbox[0])["uid"].startswith(f"lagesbild-meeting-{meeting.pk}@")


def test_the_project_leaders_are_reminded_before_a_report_is_due(
    run, project, project_leader, settings
):
    settings.REMINDER_DAYS_BEFORE_REPORT_DUE = 5
    leader = PersonFactory(name="Carina Lindberg", email="carina.lindberg@example.se")
    MembershipFactory(project=project, person=leader, body=Membership.Body.PROJECT_MANAGEMENT)
    today = timezone.localdate()
    due = StatusReportFactory(
        project=project, title="Lägesrapport Q2", due_on=today + datetime.timedelta(days=3)
    )
    StatusReportFactory(project=project, title="Senare", due_on=today + datetime.timedelta(days=30))
    handed_in = StatusReportFactory(project=project, title="Inlämnad", due_on=today)
    review.submit(handed_in, project_leader, notify=False)

    assert "1 messages (0 meetings, 1 reports)" in run()
    (message,) = mail.outbox
    assert message.to == ["carina.lindberg@example.se"]
    assert "Lägesrapport Q2" in message.subject
    assert f"/admin/styrning/lagesrapporter/edit/{due.pk}/" in message.body
    run()
    assert len(mail.outbox) == 1
    # A new due date is a new reminder.
    due.due_on = today + datetime.timedelta(days=4)
    due.save()
    run()
    assert len(mail.outbox) == 2


def test_send_reminders_returns_what_it_sent(project, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_reminders()
    assert (sent.meetings, sent.reports, sent.messages) == (0, 0, 0)
