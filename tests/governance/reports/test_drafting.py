"""A new status report's narrative drafted from the data (governance/reports/drafting.py):
hand-checked Swedish sentences for a small project, the draft flag in the editor, and the
report refused for submission until the text is edited."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse

from wagtail import hooks

import pytest

from governance.register.models import Activity, Replanning
from governance.reports import content, drafting, review
from governance.reports.models import StatusReport
from governance.reports.publications import REPORT_PUBLICATIONS
from tests.governance.decisions.factories import DecisionFactory, MeetingFactory
from tests.governance.decisions.fixtures import approve_minutes, at
from tests.governance.register.factories import ActivityFactory, ProjectFactory
from tests.governance.reports.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    StatusReportFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def factory_project(db):
    """Two work areas; in 2013 Q2 one activity starts, one finishes, one is moved by a
    public decision, a confidential decision is taken, two posts are published and the
    commuting indicator is measured; one activity is to start in the next quarter."""
    project = ProjectFactory(work_areas=[("A", "Arbetsgivare"), ("B", "Styrkor")])
    area_a, area_b = project.work_areas.order_by("code")
    ActivityFactory(
        work_area=area_a,
        code="A.1",
        title="Nätverksträffar",
        planned_start=D(2013, 1, 10),
        planned_end=D(2013, 5, 31),
        actual_start=D(2013, 1, 10),
        actual_end=D(2013, 5, 20),
        status=Activity.Status.DONE,
        progress=100,
    )
    ActivityFactory(
        work_area=area_a,
        code="A.2",
        title="Arbetsgivarträffar",
        planned_start=D(2013, 4, 15),
        planned_end=D(2013, 6, 15),
        actual_start=D(2013, 4, 15),
        status=Activity.Status.IN_PROGRESS,
        progress=40,
    )
    ActivityFactory(
        work_area=area_b,
        code="B.1",
        title="Rekryteringsportal",
        planned_start=D(2013, 8, 1),
        planned_end=D(2013, 12, 31),
    )
    moved = ActivityFactory(
        work_area=area_b,
        code="B.2",
        title="Kartläggning",
        planned_start=D(2013, 1, 1),
        planned_end=D(2013, 9, 30),
        actual_start=D(2013, 1, 7),
        status=Activity.Status.IN_PROGRESS,
        progress=50,
    )
    meeting = MeetingFactory(project=project, starts_at=at(2013, 5, 29))
    decision = DecisionFactory(meeting=meeting, title="Förlängd tid för kartläggningen")
    DecisionFactory(meeting=meeting, title="Förhandling om lokaler", is_confidential=True)
    approve_minutes(meeting)
    Replanning.objects.create(
        activity=moved,
        moved_on=D(2013, 5, 29),
        previous_start=D(2013, 1, 1),
        previous_end=D(2013, 6, 30),
        new_start=D(2013, 1, 1),
        new_end=D(2013, 9, 30),
        decision=decision,
    )
    indicator = IndicatorFactory(
        project=project,
        name="Andel pendlare",
        unit="%",
        baseline=Decimal("5.10"),
        target=Decimal("7.50"),
    )
    for measured_on, value in [(D(2013, 1, 1), "5.40"), (D(2013, 6, 15), "5.70")]:
        IndicatorValueFactory(indicator=indicator, measured_on=measured_on, value=Decimal(value))
    return project


def posts(start, end):
    return [
        {"title": "Träff i Örnsköldsvik", "date": D(2013, 5, 2), "kind": "Nyhet"},
        {"title": "Portalen öppnar", "date": D(2013, 6, 10), "kind": "Nyhet"},
    ]


SUMMARY = (
    "A.2 Arbetsgivarträffar startade den 15 april 2013. "
    "A.1 Nätverksträffar avslutades den 20 maj 2013. "
    "B.2 Kartläggning planerades om: planerat slut flyttat från 30 juni 2013 till "
    "30 september 2013 genom beslut 2013:01. "
    "Styrgruppen beslutade den 29 maj 2013 (beslut 2013:01): Förlängd tid för kartläggningen. "
    "Styrgruppen fattade också 1 beslut som ännu inte är offentligt. "
    "2 inlägg publicerades på webbplatsen: ”Träff i Örnsköldsvik” och ”Portalen öppnar”. "
    "Andel pendlare var 5,7\u00a0% den 15 juni 2013 (5,4\u00a0% den 1 januari 2013); "
    "målet är 7,5\u00a0%."
)


def test_draft_of_a_small_project_in_plain_swedish(factory_project):
    report = StatusReportFactory(project=factory_project, summary="", next_steps="")
    with hooks.register_temporarily(REPORT_PUBLICATIONS, posts):
        texts = drafting.draft(report)
    assert texts["summary"] == SUMMARY
    assert "Förhandling om lokaler" not in texts["summary"]  # confidential: counted only
    assert texts["next_steps"] == "B.1 Rekryteringsportal planeras starta den 1 augusti 2013."
    assert texts["work_areas"] == {
        "A": "A.2 Arbetsgivarträffar startade den 15 april 2013. "
        "A.1 Nätverksträffar avslutades den 20 maj 2013.",
        "B": "B.2 Kartläggning planerades om: planerat slut flyttat från 30 juni 2013 till "
        "30 september 2013 genom beslut 2013:01.",
    }


def test_quiet_period_says_so(factory_project):
    report = StatusReportFactory(
        project=factory_project, period_start=D(2014, 4, 1), period_end=D(2014, 6, 30)
    )
    texts = drafting.draft(report)
    quiet = "Ingen aktivitet startade, avslutades eller flyttades under perioden."
    assert texts["summary"] == quiet
    assert texts["next_steps"] == "Ingen aktivitet planeras starta under nästa period."


def test_filled_draft_is_marked_until_edited_and_cannot_be_submitted(
    client, project_leader, factory_project
):
    report = StatusReportFactory(project=factory_project, summary="", next_steps="")
    drafting.fill_new_report(report)
    report.refresh_from_db()
    assert report.narrative_is_draft and report.summary.startswith("A.2 Arbetsgivarträffar")
    area_b = report.work_area_statuses.get(work_area__code="B")
    assert area_b.narrative.startswith("B.2 Kartläggning planerades om")
    with pytest.raises(ValidationError, match="genererade utkastet"):
        review.submit(report, project_leader, notify=False)

    client.force_login(project_leader)
    edit_url = reverse("statusreport:edit", args=[report.pk])
    editor = client.get(edit_url).content.decode()
    assert "Utkast – genererad text" in editor
    page = client.get(reverse("statusreport:inspect", args=[report.pk])).content.decode()
    assert "Utkast – genererad text" in page

    # Saving without touching the texts keeps the mark; editing one clears it.
    assert not drafting.edited(_FakeForm([], {}))
    assert drafting.edited(_FakeForm(["summary"], {}))
    assert drafting.edited(_FakeForm([], {"work_area_statuses": _FakeFormset([["narrative"]])}))
    drafting.clear_draft_flag(report)
    report.refresh_from_db()
    assert not report.narrative_is_draft
    assert "Utkast – genererad text" not in client.get(edit_url).content.decode()
    assert not content.content(report)["narrative"]["is_draft"]
    review.submit(report, project_leader, notify=False)
    assert StatusReport.objects.get(pk=report.pk).state == StatusReport.State.SUBMITTED


def test_written_text_is_kept(factory_project):
    report = StatusReportFactory(project=factory_project, summary="Eget.", next_steps="Mer.")
    for status in report.work_area_statuses.all():
        status.narrative = "Skrivet."
        status.save()
    drafting.fill_new_report(report)
    report.refresh_from_db()
    assert (report.summary, report.next_steps, report.narrative_is_draft) == (
        "Eget.",
        "Mer.",
        False,
    )


class _FakeForm:
    def __init__(self, changed, formsets):
        self.changed_data, self.formsets = changed, formsets


class _FakeFormset:
    def __init__(self, changed_per_form):
        self.forms = [_FakeForm(changed, {}) for changed in changed_per_form]


def report_form_data(report, **changes):
    """What the report's edit form posts for the report as it is, with changes on top."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    statuses = list(report.work_area_statuses.order_by("sort_order", "pk"))
    data = {
        "project": report.project_id,
        "kind": report.kind,
        "title": report.title,
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
        "due_on": "",
        "overall_status": report.overall_status,
        "overall_comment": report.overall_comment,
        "summary": report.summary,
        "budget_comment": report.budget_comment,
        "risk_comment": report.risk_comment,
        "next_steps": report.next_steps,
        "lessons_learned": report.lessons_learned,
        "work_area_statuses": inline_formset(
            [
                {
                    "id": status.pk,
                    "work_area": status.work_area_id,
                    "status": status.status,
                    "comment": status.comment,
                    "narrative": status.narrative,
                    "outcome": status.outcome,
                    "ORDER": str(number),
                }
                for number, status in enumerate(statuses)
            ],
            initial=len(statuses),
        ),
        "attachments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def test_admin_creates_a_drafted_report_and_an_edit_clears_the_mark(
    client, project_leader, factory_project
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    client.force_login(project_leader)
    data = nested_form_data(
        {
            "project": factory_project.pk,
            "kind": StatusReport.Kind.STATUS,
            "title": "Lägesrapport 2013 kvartal 2",
            "period_start": "2013-04-01",
            "period_end": "2013-06-30",
            "overall_status": "gron",
            "work_area_statuses": inline_formset([]),
            "attachments": inline_formset([]),
        }
    )
    with hooks.register_temporarily(REPORT_PUBLICATIONS, posts):
        response = client.post(reverse("statusreport:add"), data)
    assert response.status_code == 302
    report = StatusReport.objects.get(title="Lägesrapport 2013 kvartal 2")
    assert report.narrative_is_draft and report.summary == SUMMARY
    edit_url = reverse("statusreport:edit", args=[report.pk])
    assert "Utkast – genererad text" in client.get(edit_url).content.decode()

    # Saving with the texts as they are keeps the mark ...
    response = client.post(edit_url, report_form_data(report, overall_comment="Bra."))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.narrative_is_draft
    # ... editing one of them clears it.
    response = client.post(edit_url, report_form_data(report, summary=SUMMARY + " Eget tillägg."))
    assert response.status_code == 302
    report.refresh_from_db()
    assert not report.narrative_is_draft


def test_report_lists_what_changed_since_the_previous_report(factory_project, project_leader):
    first = StatusReportFactory(
        project=factory_project,
        title="Lägesrapport 2013 kvartal 1",
        period_start=D(2013, 1, 1),
        period_end=D(2013, 3, 31),
    )
    review.submit(first, project_leader, notify=False)
    report = StatusReportFactory(project=factory_project)
    changes = content.content(report)["changes"]
    assert changes["since_title"] == "Lägesrapport 2013 kvartal 1"
    assert (changes["after"], changes["until"]) == (D(2013, 3, 31), D(2013, 6, 30))
    assert codes(changes["started"]) == ["A.2"] and codes(changes["finished"]) == ["A.1"]
    assert codes(changes["moved"]) == ["B.2"]
    assert [(d["number"], d["public"]) for d in changes["decisions"]] == [
        ("2013:01", True),
        ("2013:02", False),
    ]
    assert not changes["budget_changed"]
    published = content.for_publication(content.content(report))["changes"]
    assert [d["number"] for d in published["decisions"]] == ["2013:01"]


def codes(rows):
    return [row["code"] for row in rows]
