"""Meetings and decisions for the decision tests."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from governance.decisions.models import ChangeRequest, Decision, Meeting
from governance.decisions.services import record_decision

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(year, month, day, hour=13):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=STOCKHOLM)


@pytest.fixture
def make_meeting(project):
    def make(when=None, **fields):
        return Meeting.objects.create(
            project=fields.pop("project", project),
            starts_at=when or at(2013, 3, 14),
            place=fields.pop("place", "Stadshuset, Umeå"),
            **fields,
        )

    return make


@pytest.fixture
def meeting(make_meeting):
    return make_meeting()


@pytest.fixture
def make_decision(meeting):
    def make(title="Beslut", user=None, **fields):
        decision = Decision(
            meeting=fields.pop("meeting", meeting),
            title=title,
            text=fields.pop("text", f"Styrgruppen beslutar: {title}."),
            **fields,
        )
        decision.full_clean()
        return record_decision(decision, user=user)

    return make


def approve_minutes(meeting):
    meeting.state = Meeting.State.MINUTES_APPROVED
    meeting.save()
    return meeting


@pytest.fixture
def make_change_request(project):
    def make(title="Förlängd tidplan för område A", state=ChangeRequest.State.SUBMITTED, **f):
        return ChangeRequest.objects.create(
            project=project,
            title=title,
            what_changes=f.pop("what_changes", "Aktiviteterna i område A flyttas."),
            reason=f.pop("reason", "Arbetsgivarna vill träffas efter sommaren."),
            state=state,
            **f,
        )

    return make
