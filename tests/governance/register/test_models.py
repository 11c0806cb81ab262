import datetime

from django.core.exceptions import ValidationError

import pytest

from governance.register.models import Activity, Milestone, WorkArea

pytestmark = pytest.mark.django_db


def errors_of(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return {field: " ".join(messages) for field, messages in caught.value.message_dict.items()}


def new_activity(work_area, **fields):
    values = {
        "code": "A.9",
        "title": "Ny aktivitet",
        "planned_start": datetime.date(2013, 1, 1),
        "planned_end": datetime.date(2013, 3, 31),
        **fields,
    }
    return Activity(work_area=work_area, **values)


def validation_errors(instance):
    """The messages the admin form would show for this instance; {} when it is valid."""
    try:
        instance.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_a_valid_activity_passes(work_area):
    activity = new_activity(work_area, status=Activity.Status.DONE, progress=100)
    assert validation_errors(activity) == {}
    activity.planned_start = datetime.date(2012, 10, 1)  # the project's first day
    activity.planned_end = datetime.date(2014, 9, 30)  # and its last are inside the period
    assert validation_errors(activity) == {}


def test_planned_end_before_start_is_refused_in_swedish(work_area):
    activity = new_activity(work_area, planned_end=datetime.date(2012, 12, 1))
    assert errors_of(activity) == {"planned_end": "Slutet kan inte ligga före starten."}


def test_actual_end_before_actual_start_is_refused(work_area):
    activity = new_activity(
        work_area, actual_start=datetime.date(2013, 2, 1), actual_end=datetime.date(2013, 1, 1)
    )
    assert "actual_end" in errors_of(activity)


@pytest.mark.parametrize(
    "field, day",
    [
        ("planned_start", datetime.date(2012, 9, 30)),
        ("planned_end", datetime.date(2014, 10, 1)),
        ("actual_start", datetime.date(2011, 1, 1)),
    ],
)
def test_dates_outside_the_project_period_are_refused(work_area, field, day):
    activity = new_activity(work_area, **{field: day})
    if field == "planned_start":
        activity.planned_end = datetime.date(2013, 1, 1)
    errors = errors_of(activity)
    assert errors[field] == ("Datumet måste ligga inom projektperioden, 2012-10-01 – 2014-09-30.")


def test_progress_100_only_when_done(work_area):
    activity = new_activity(work_area, status=Activity.Status.IN_PROGRESS, progress=100)
    assert errors_of(activity) == {
        "progress": "Framsteget kan vara 100 procent först när aktiviteten är klar."
    }


def test_progress_above_100_is_refused(work_area):
    activity = new_activity(work_area, status=Activity.Status.DONE, progress=101)
    assert "progress" in errors_of(activity)


def test_work_area_code_is_unique_per_project(work_area):
    duplicate = WorkArea(project=work_area.project, code="A", title="Igen")
    assert "__all__" in errors_of(duplicate)


def test_milestone_outside_the_project_period_is_refused(make_activity):
    milestone = Milestone(
        activity=make_activity(), title="Rapport", due_date=datetime.date(2015, 1, 1)
    )
    assert "due_date" in errors_of(milestone)


def test_project_period_cannot_end_before_it_starts(project):
    project.end_date = datetime.date(2012, 1, 1)
    assert "end_date" in errors_of(project)


def test_late_means_marked_late_or_open_past_the_planned_end(make_activity):
    marked = make_activity("A.1", status=Activity.Status.LATE)
    overdue = make_activity("A.2", status=Activity.Status.IN_PROGRESS)
    done = make_activity("A.3", status=Activity.Status.DONE, progress=100)
    future = make_activity(
        "A.4", planned_end=datetime.date(2099, 1, 1), status=Activity.Status.PLANNED
    )
    assert set(Activity.objects.late()) == {marked, overdue}
    assert [a.is_late for a in (marked, overdue, done, future)] == [True, True, False, False]
