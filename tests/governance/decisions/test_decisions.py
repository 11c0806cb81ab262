"""Decisions: numbering, immutability once the minutes are approved, revocation."""

import threading

from django.core.exceptions import ValidationError
from django.db import connection, connections

import pytest

from governance.decisions.models import Decision, LockedRecordError, Meeting
from tests.governance.decisions.fixtures import approve_minutes, at

pytestmark = pytest.mark.django_db


def test_decisions_are_numbered_per_project_and_year_from_the_meeting_date(
    make_meeting, make_decision
):
    spring = make_meeting(at(2013, 3, 14))
    new_year = make_meeting(at(2014, 1, 1, 0))  # 00:00 in Stockholm is still 2014
    first = make_decision("Budget 2013", meeting=spring)
    second = make_decision("Tidplan", meeting=spring)
    next_year = make_decision("Ny tidplan", meeting=new_year)
    assert [first.number, second.number, next_year.number] == ["2013:01", "2013:02", "2014:01"]
    assert str(second) == "2013:02 Tidplan"


def test_a_number_is_never_given_again_after_a_draft_decision_is_deleted(make_decision):
    make_decision("Första")
    mistaken = make_decision("Felaktigt")
    assert mistaken.number == "2013:02"
    mistaken.delete()
    assert make_decision("Rätt").number == "2013:03"


def test_editing_a_decision_keeps_its_number(make_decision):
    decision = make_decision("Första")
    decision.title = "Första, rättat"
    decision.save()
    decision.refresh_from_db()
    assert (decision.number, decision.title) == ("2013:01", "Första, rättat")


@pytest.mark.django_db(transaction=True)
def test_two_threads_recording_decisions_at_once_never_get_the_same_number(project):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL: run with DATABASE_URL=postgres://…")
    meeting = Meeting.objects.create(project=project, starts_at=at(2013, 3, 14))
    per_thread = 10
    start = threading.Barrier(2)
    errors = []

    def record(name):
        try:
            start.wait()
            for n in range(per_thread):
                Decision.objects.create(meeting=meeting, title=f"{name} {n}", text="Beslut.")
        except Exception as error:  # reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=record, args=(name,)) for name in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = list(Decision.objects.values_list("sequence", flat=True))
    assert sorted(numbers) == list(range(1, 2 * per_thread + 1))


def test_after_the_minutes_are_approved_the_decision_refuses_to_change(meeting, make_decision):
    decision = make_decision("Budget 2013")
    approve_minutes(meeting)
    decision.refresh_from_db()
    decision.title = "Ändrad i efterhand"
    with pytest.raises(LockedRecordError):
        decision.save()
    with pytest.raises(LockedRecordError):
        decision.delete()
    with pytest.raises(LockedRecordError):
        Decision.objects.filter(pk=decision.pk).delete()
    decision.refresh_from_db()
    assert decision.title == "Budget 2013"


def test_approved_minutes_lock_the_meeting_too(meeting):
    approve_minutes(meeting)
    meeting.refresh_from_db()
    meeting.minutes = "Ändrat protokoll"
    with pytest.raises(LockedRecordError):
        meeting.save()
    with pytest.raises(LockedRecordError):
        meeting.delete()
    assert Meeting.objects.get(pk=meeting.pk).minutes == ""


def test_no_new_decision_on_a_meeting_whose_minutes_are_approved(meeting):
    approve_minutes(meeting)
    decision = Decision(meeting=meeting, title="Sent tillägg", text="Beslut.")
    with pytest.raises(ValidationError) as error:
        decision.full_clean()
    assert "Protokollet för mötet är redan justerat." in str(error.value)


def test_a_later_decision_revokes_a_locked_one_and_both_show_the_link(
    make_meeting, meeting, make_decision
):
    mistaken = make_decision("Fel budgetram")
    approve_minutes(meeting)
    later_meeting = make_meeting(at(2013, 6, 10))
    correction = make_decision(
        "Upphävande av beslut 2013:01", meeting=later_meeting, revokes=mistaken
    )
    mistaken.refresh_from_db()
    assert mistaken.state == Decision.State.REVOKED
    assert mistaken.revoked_by == correction
    assert correction.revokes == mistaken
    assert mistaken.title == "Fel budgetram"  # the content is as recorded
    again = Decision(meeting=later_meeting, title="Igen", text="Beslut.", revokes=mistaken)
    with pytest.raises(ValidationError):
        again.full_clean()


def test_the_relations_of_a_locked_decision_stay_as_recorded(meeting, make_decision, work_area):
    decision = make_decision("Budget 2013")
    approve_minutes(meeting)
    decision.refresh_from_db()
    with pytest.raises(LockedRecordError):
        decision.work_areas.add(work_area)
    # The refusal aborts the surrounding transaction, so nothing more is asked here.
