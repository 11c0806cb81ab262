"""Meetings and decisions for the decision tests."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from governance.decisions.models import Meeting
from tests.governance.decisions.factories import (
    ChangeRequestFactory,
    DecisionFactory,
    MeetingFactory,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(year, month, day, hour=13):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=STOCKHOLM)


@pytest.fixture
def make_meeting(project):
    def make(when=None, **fields):
        if when:
            fields["starts_at"] = when
        return MeetingFactory(**{"project": project, **fields})

    return make


@pytest.fixture
def meeting(make_meeting):
    return make_meeting()


@pytest.fixture
def make_decision(meeting):
    def make(title="Beslut", user=None, **fields):
        return DecisionFactory(**{"meeting": meeting, **fields}, title=title, user=user)

    return make


def approve_minutes(meeting):
    meeting.state = Meeting.State.MINUTES_APPROVED
    meeting.save()
    return meeting


@pytest.fixture
def make_change_request(project):
    def make(title=None, **fields):
        if title:
            fields["title"] = title
        return ChangeRequestFactory(project=project, **fields)

    return make
