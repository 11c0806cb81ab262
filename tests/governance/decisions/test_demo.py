"""The demo meetings: numbered decisions, a granted and a rejected change request."""

import datetime

import pytest

from core import demo_data
from governance.budget.models import BudgetVersion
from governance.decisions.models import ChangeRequest, Decision, Meeting
from governance.register.models import Activity, Project

pytestmark = pytest.mark.any_database


@pytest.mark.django_db
def test_demo_meetings_record_decisions_and_settle_two_change_requests(load_demo_output, client):
    first = load_demo_output()
    assert "Styrgruppsmöten och beslut" in first
    # The first project's; the second demo project has meetings and decisions of its own.
    project = Project.objects.get(slug=demo_data.PROJECT["slug"])
    meetings = Meeting.objects.filter(project=project)
    decisions = Decision.objects.filter(project=project)
    assert meetings.count() == 4
    numbers = [d.number for d in decisions.order_by("year", "sequence")]
    assert numbers == ["2012:01", "2012:02", "2012:03", "2013:01", "2013:02", "2013:03",
                       "2013:04", "2014:01"]  # fmt: skip
    states = dict(ChangeRequest.objects.values_list("state", "decision__year"))
    assert set(states) == {ChangeRequest.State.IMPLEMENTED, ChangeRequest.State.REJECTED}
    placements = Activity.objects.get(work_area__project=project, code="A.5")
    assert placements.planned_end == datetime.date(2014, 8, 31)
    revoked = decisions.get(year=2012, sequence=2)
    assert revoked.state == Decision.State.REVOKED and revoked.revoked_by.number == "2013:03"
    # The meetings went through the buttons' services: held, minutes approved, documents
    # and the granted request's attachment frozen; the minutes carry a registry number.
    assert list(meetings.order_by("starts_at").values_list("state", flat=True)) == [
        Meeting.State.MINUTES_APPROVED,
        Meeting.State.MINUTES_APPROVED,
        Meeting.State.MINUTES_APPROVED,
        Meeting.State.HELD,
    ]
    assert all(meeting.registry_number for meeting in meetings)
    # Every decision was taken under an item of its own meeting's agenda.
    taken_under = decisions.values_list("meeting_id", "agenda_item__meeting_id")
    assert all(meeting == item_meeting for meeting, item_meeting in taken_under)
    assert decisions.get(year=2012, sequence=3).agenda_item.title == "Gemensamma lokaler"
    granted = ChangeRequest.objects.get(state=ChangeRequest.State.IMPLEMENTED)
    (attachment,) = granted.attachments.all()
    assert attachment.is_frozen and len(attachment.sha256) == 64
    # The rejected budget revision stays a draft; version 1 remains the budget in force.
    assert BudgetVersion.current_for(project).number == 1

    html = client.get("/beslut/").content.decode()
    assert "2013:04" in html and "Förlängd tid för praktikplatser bifalls" in html
    assert "Förhandling om gemensamma lokaler" not in html  # confidential
    assert "Projektet avslutas" not in html  # minutes not yet approved
    assert demo_data.PROJECT["name"] in html

    second = load_demo_output()
    assert "Styrgruppsmöten" not in second
    assert decisions.count() == len(numbers)
