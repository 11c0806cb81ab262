"""Moving planned dates once the activity plan is approved: through the admin form, the
Excel import and a granted change request. Each move needs a decision or a reason, is
recorded as a re-planning that the progress pages and the status report show, and a late
activity stays late until it is done.

The dates are counted from today, so that "late" means what a reader sees now: the
activity's planned end passed 60 days ago and the move puts it 90 days ahead.
"""

import datetime
import io
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest
from openpyxl import load_workbook

from governance.decisions.models import ActivityChange, Decision, Meeting
from governance.register import replanning
from governance.register.activity_plan import export_activity_plan, import_activity_plan
from governance.register.models import Activity, Replanning, WorkArea
from governance.reports import content as report_content
from governance.reports.content import quarter_period
from tests.governance.decisions.factories import (
    ChangeRequestFactory,
    DecisionFactory,
    MeetingFactory,
)
from tests.governance.register.factories import (
    ProjectFactory,
    ProjectPageFactory,
    activity_form_data,
)
from tests.governance.reports.factories import StatusReportFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PLANNED_START = TODAY - datetime.timedelta(days=200)
PAST_END = TODAY - datetime.timedelta(days=60)
NEW_END = TODAY + datetime.timedelta(days=90)
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
STOCKHOLM = ZoneInfo("Europe/Stockholm")
IMPORT_URL = "/admin/styrning/aktiviteter/excel/import/"


def swedish(day):
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


MOVED = f"Planerat slut flyttat från {swedish(PAST_END)} till {swedish(NEW_END)}"


@pytest.fixture
def project():
    return ProjectFactory(
        slug="nu",
        start_date=datetime.date(TODAY.year - 1, 1, 1),
        end_date=datetime.date(TODAY.year + 2, 12, 31),
        plan_approved_on=datetime.date(TODAY.year - 1, 1, 20),
    )


@pytest.fixture
def work_area(project):
    return WorkArea.objects.create(project=project, code="A", title="Arbetsgivare möts")


@pytest.fixture
def late_activity(work_area):
    activity = Activity.objects.create(
        work_area=work_area,
        code="A.1",
        title="Arbetsgivarträffar",
        planned_start=PLANNED_START,
        planned_end=PAST_END,
        status=Activity.Status.IN_PROGRESS,
        progress=40,
    )
    assert activity.is_late
    return activity


@pytest.fixture
def decision(project):
    """A public decision: the steering group's, its minutes approved ten days ago."""
    held = timezone.now() - datetime.timedelta(days=10)
    meeting = MeetingFactory(
        project=project, starts_at=held.astimezone(ZoneInfo("Europe/Stockholm"))
    )
    decision = DecisionFactory(
        meeting=meeting, title="Förlängd tid för arbetsgivarträffar", kind=Decision.Kind.TIMELINE
    )
    meeting.state = Meeting.State.MINUTES_APPROVED
    meeting.save()
    return decision


def test_the_form_refuses_a_move_without_a_decision_or_reason(
    client, project_leader, late_activity
):
    client.force_login(project_leader)
    response = client.post(
        reverse("activity:edit", args=[late_activity.pk]),
        activity_form_data(late_activity, planned_end=NEW_END.isoformat()),
    )
    assert response.status_code == 200
    assert "Aktivitetsplanen är fastställd" in response.content.decode()
    late_activity.refresh_from_db()
    assert late_activity.planned_end == PAST_END
    assert not Replanning.objects.exists()


def test_a_move_by_decision_in_the_form_is_recorded_and_the_activity_stays_late(
    client, project_leader, late_activity, decision
):
    client.force_login(project_leader)
    response = client.post(
        reverse("activity:edit", args=[late_activity.pk]),
        activity_form_data(
            late_activity, planned_end=NEW_END.isoformat(), replanning_decision=decision.pk
        ),
    )
    assert response.status_code == 302
    late_activity.refresh_from_db()
    assert late_activity.planned_end == NEW_END
    assert late_activity.late_since == PAST_END
    assert late_activity.is_late  # the new end is ahead, but the delay is not forgotten
    assert Activity.objects.late().filter(pk=late_activity.pk).exists()

    moved = Replanning.objects.get()
    assert (moved.previous_end, moved.new_end, moved.decision) == (PAST_END, NEW_END, decision)
    assert moved.was_late and moved.recorded_by == project_leader

    entry = ModelLogEntry.objects.for_instance(late_activity).get(action=replanning.REPLAN)
    assert entry.data["decision"] == decision.number
    history = client.get(reverse("activity:history", args=[late_activity.pk])).content.decode()
    assert f"{MOVED} genom beslut {decision.number}" in history


def test_a_late_activity_stops_being_late_only_when_done(late_activity):
    previous_end = late_activity.planned_end
    late_activity.planned_end = NEW_END
    late_activity.save()
    replanning.record_replanning(
        late_activity, previous_start=PLANNED_START, previous_end=previous_end, reason="Sjukdom"
    )
    late_activity.refresh_from_db()
    assert late_activity.is_late
    late_activity.status = Activity.Status.DONE
    late_activity.progress = 100
    late_activity.save()
    assert not late_activity.is_late
    assert not Activity.objects.late().filter(pk=late_activity.pk).exists()


def test_before_the_plan_is_approved_a_move_is_no_replanning_but_late_stays_late(
    project, late_activity
):
    project.plan_approved_on = None
    project.save()
    late_activity.planned_end = NEW_END
    late_activity.save()
    assert not replanning.needs_justification(late_activity, PLANNED_START, PAST_END)
    recorded = replanning.record_replanning(
        late_activity, previous_start=PLANNED_START, previous_end=PAST_END
    )
    assert recorded is None and not Replanning.objects.exists()
    late_activity.refresh_from_db()
    assert late_activity.is_late


def moved_plan(project):
    """The exported plan with the planned end of A.1 (row 2, column H) moved."""
    workbook = load_workbook(io.BytesIO(export_activity_plan(project)))
    sheet = workbook.worksheets[0]
    assert sheet["H1"].value == "Planerat slut"
    sheet["H2"] = datetime.datetime.combine(NEW_END, datetime.time())
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    output.name = "aktivitetsplan.xlsx"
    return output


def test_the_excel_import_needs_a_decision_or_reason_for_moved_dates(project, late_activity):
    plan = import_activity_plan(project, moved_plan(project), commit=False)
    assert plan.is_valid and plan.needs_justification
    assert [p.previous_dates for p in plan.replannings] == [(PLANNED_START, PAST_END)]
    with pytest.raises(ValidationError):
        import_activity_plan(project, moved_plan(project))
    late_activity.refresh_from_db()
    assert late_activity.planned_end == PAST_END


def test_a_move_by_excel_import_is_previewed_recorded_and_logged(
    client, project, project_leader, late_activity
):
    client.force_login(project_leader)
    preview_url = client.post(IMPORT_URL, {"project": project.pk, "file": moved_plan(project)})[
        "Location"
    ]
    preview = client.get(preview_url).content.decode()
    assert "Flyttade planerade datum" in preview
    assert f"{PLANNED_START:%Y-%m-%d} – {PAST_END:%Y-%m-%d}" in preview
    assert f"{PLANNED_START:%Y-%m-%d} – {NEW_END:%Y-%m-%d}" in preview

    refused = client.post(preview_url, {"decision": "", "reason": "  "})
    assert refused.status_code == 200
    assert "Aktivitetsplanen är fastställd" in refused.content.decode()
    late_activity.refresh_from_db()
    assert late_activity.planned_end == PAST_END

    reason = "Arbetsgivarna kan först efter semestrarna."
    saved = client.post(preview_url, {"decision": "", "reason": reason})
    assert saved.status_code == 302
    late_activity.refresh_from_db()
    assert late_activity.planned_end == NEW_END and late_activity.is_late
    moved = Replanning.objects.get()
    assert (moved.reason, moved.decision, moved.recorded_by) == (reason, None, project_leader)

    history = client.get(reverse("activity:history", args=[late_activity.pk])).content.decode()
    assert f"{MOVED} av projektledningen utan beslut" in history
    assert "Uppdaterad genom import av aktivitetsplanen: Planerat slut" in history


def test_the_progress_pages_show_the_move_and_the_delay(client, project, late_activity, decision):
    ProjectPageFactory(project=project, slug="lagesbild")
    late_activity.planned_end = NEW_END
    late_activity.save()
    replanning.record_replanning(
        late_activity, previous_start=PLANNED_START, previous_end=PAST_END, decision=decision
    )
    sentence = f"{MOVED} genom beslut {decision.number}"
    overview = client.get("/lagesbild/").content.decode()
    assert "Omplanerade aktiviteter" in overview and sentence in overview
    detail = client.get("/lagesbild/arbetsomrade/a/").content.decode()
    assert sentence in detail
    assert "aktiviteten räknas som försenad tills den är klar" in detail
    assert "status--forsenad" in detail  # still shown late in the activity table


def test_a_confidential_decision_is_not_named_on_the_progress_page(
    client, project, late_activity, decision
):
    Decision.objects.filter(pk=decision.pk).update(is_confidential=True)
    decision.refresh_from_db()
    ProjectPageFactory(project=project, slug="lagesbild")
    late_activity.planned_end = NEW_END
    late_activity.save()
    replanning.record_replanning(
        late_activity, previous_start=PLANNED_START, previous_end=PAST_END, decision=decision
    )
    overview = client.get("/lagesbild/").content.decode()
    assert f"{MOVED} genom beslut i styrgruppen" in overview
    assert decision.number not in overview


def test_the_status_report_shows_the_move_and_keeps_the_activity_late(
    project, late_activity, decision
):
    late_activity.planned_end = NEW_END
    late_activity.save()
    replanning.record_replanning(
        late_activity,
        previous_start=PLANNED_START,
        previous_end=PAST_END,
        decision=decision,
        on=TODAY,
    )
    start, end = quarter_period(TODAY.year, (TODAY.month - 1) // 3 + 1)
    report = StatusReportFactory(
        project=project, title="Lägesrapport", period_start=start, period_end=end
    )
    content = report_content.generate(report)
    assert [(moved["code"], moved["text"]) for moved in content["replannings"]] == [
        (
            "A.1",
            f"{MOVED} genom beslut {decision.number}; "
            "aktiviteten räknas som försenad tills den är klar.",
        )
    ]
    assert [activity["code"] for activity in content["activities"]["late"]] == ["A.1"]


def test_a_granted_change_request_records_the_move_with_its_decision(
    project, late_activity, decision
):
    request = ChangeRequestFactory(project=project)
    ActivityChange.objects.create(
        change_request=request,
        kind=ActivityChange.Kind.RESCHEDULE,
        activity=late_activity,
        planned_end=NEW_END,
    )
    meeting = MeetingFactory(project=project, starts_at=timezone.now())
    granting = DecisionFactory(
        meeting=meeting,
        title="Ändringsförslaget bifalls",
        change_request=request,
        change_request_outcome=Decision.Outcome.GRANTED,
    )
    moved = Replanning.objects.get()
    assert (moved.decision, moved.previous_end, moved.new_end) == (granting, PAST_END, NEW_END)
    late_activity.refresh_from_db()
    assert late_activity.is_late and late_activity.late_since == PAST_END


def test_inline_under_the_work_area_the_planned_dates_of_an_approved_plan_stay(
    client, project_leader, work_area, late_activity
):
    prefix = "activities-0-"
    data = {
        "project": work_area.project_id,
        "code": work_area.code,
        "sort_order": 0,
        "title": work_area.title,
        "goal": "",
        "activities-TOTAL_FORMS": "1",
        "activities-INITIAL_FORMS": "1",
        "activities-MIN_NUM_FORMS": "0",
        "activities-MAX_NUM_FORMS": "1000",
        prefix + "id": late_activity.pk,
        prefix + "code": late_activity.code,
        prefix + "title": late_activity.title,
        prefix + "description": "",
        prefix + "planned_start": PLANNED_START.isoformat(),
        prefix + "planned_end": NEW_END.isoformat(),
        prefix + "status": late_activity.status,
        prefix + "progress": late_activity.progress,
        prefix + "is_public": "on",
    }
    client.force_login(project_leader)
    response = client.post(reverse("workarea:edit", args=[work_area.pk]), data)
    assert response.status_code == 200
    assert "flytta de planerade datumen i aktivitetens eget formulär" in response.content.decode()
    late_activity.refresh_from_db()
    assert late_activity.planned_end == PAST_END

    data[prefix + "planned_end"] = PAST_END.isoformat()
    data[prefix + "title"] = "Arbetsgivarträffar i hela regionen"
    assert client.post(reverse("workarea:edit", args=[work_area.pk]), data).status_code == 302
    late_activity.refresh_from_db()
    assert late_activity.title == "Arbetsgivarträffar i hela regionen"
