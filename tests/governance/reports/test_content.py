"""Status reports: figures from live data to the öre, the freeze at submission, the flow."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from wagtail.models import ModelLogEntry

import pytest

from governance.budget.models import CostEntry
from governance.reports import content as report_content
from governance.reports import review
from governance.reports.models import StatusReport
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.reports.fixtures import add_register_data, build_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(db):
    small = build_small_budget()
    add_register_data(small)
    return small


@pytest.fixture
def report(small):
    return build_report(small)


def test_generated_figures_match_the_hand_computed_fixture_to_the_ore(report):
    content = report_content.content(report)
    total = content["budget"]["total"]
    assert total["budget"] == Decimal("180000.75")
    assert total["forecast"] == Decimal("175000.75")
    # Rule of governance/budget/figures.py: January–June 2013 of A Personal (6 × 8 333,33),
    # A Resor 2013 Q2 in full, January–June of B Externa tjänster (4 × 1 666,66 + 2 × 1 666,67).
    assert total["budget_to_date"] == Decimal("49999.98") + Decimal("10000.50") + Decimal("9999.98")
    # April–June: 3 × 8 333,33 + 10 000,50 + 1 666,66 + 2 × 1 666,67.
    assert total["budget_period"] == Decimal("40000.49")
    assert total["actual_to_date"] == Decimal("34000.55")
    assert total["actual_period"] == Decimal("4000.45")
    assert total["variance"] == Decimal("70000.46") - Decimal("34000.55")
    area_a, area_b = content["budget"]["work_areas"]
    assert (area_a["code"], area_a["budget"], area_a["forecast"]) == (
        "A",
        Decimal("110000.50"),
        Decimal("105000.50"),
    )
    assert (area_a["actual_to_date"], area_a["actual_period"]) == (
        Decimal("34000.55"),
        Decimal("4000.45"),
    )
    assert (area_b["budget"], area_b["budget_to_date"], area_b["actual_to_date"]) == (
        Decimal("70000.25"),
        Decimal("9999.98"),
        Decimal("0.00"),
    )
    financiers = {row["name"]: row["actual"] for row in content["budget"]["financiers"]}
    assert financiers["Umeå kommun"] == Decimal("30000.10")
    assert financiers["Örnsköldsviks kommun"] == Decimal("4000.45")
    assert content["budget"]["months"][-1]["cumulative_actual"] == Decimal("34000.55")
    assert content["budget"]["months"][-1]["month"] == datetime.date(2013, 6, 1)
    assert content["budget"]["months"][-1]["cumulative_budget"] == total["budget_to_date"]
    assert content["budget"]["version"] == "1. Budget enligt projektplanen"


def test_activities_risks_and_indicators_of_the_period(report):
    content = report_content.content(report)
    codes = {group: [a["code"] for a in rows] for group, rows in content["activities"].items()}
    assert codes == {"started": ["A.2"], "finished": ["A.1"], "late": ["A.2"], "next": ["B.1"]}
    assert [risk["title"] for risk in content["risks"]] == ["Arbetsgivarna deltar inte"]
    assert content["risks"][0]["score"] == 12
    (indicator,) = content["indicators"]
    # The value measured after the period's end is not part of this report.
    assert indicator["latest"] == Decimal("5.40") and len(indicator["values"]) == 1
    assert indicator["achieved"] is False
    assert [area["code"] for area in content["work_areas"]] == ["A", "B"]


def test_submitted_report_is_frozen_against_later_cost_changes(report, project_leader):
    review.submit(report, project_leader)
    report.refresh_from_db()
    before = report_content.content(report)
    entry = CostEntry.objects.get(voucher="V2")  # corrected in the admin
    entry.amount = Decimal("99999.99")
    entry.save()
    report.refresh_from_db()
    assert report_content.content(report) == before
    assert report_content.content(report)["budget"]["total"]["actual_to_date"] == Decimal(
        "34000.55"
    )
    # A draft on the same period follows the live data: 99 999,99 − 500,00.
    draft = build_report(SimpleNamespace(project=report.project), title="Utkast")
    assert report_content.content(draft)["budget"]["total"]["actual_period"] == Decimal("99499.99")


def test_not_green_needs_a_comment_before_submission(report, project_leader):
    status = report.work_area_statuses.get(work_area__code="B")
    status.status = "gul"
    status.save()
    with pytest.raises(ValidationError) as error:
        review.submit(report, project_leader)
    assert "B. Styrkor" in str(error.value)
    status.comment = "Rekryteringen av studenter dröjer."
    status.save()
    review.submit(report, project_leader)
    report.refresh_from_db()
    assert report.state == StatusReport.State.SUBMITTED
    assert report.snapshot["work_areas"][1]["comment"] == "Rekryteringen av studenter dröjer."


def test_submission_mails_the_steering_group_and_is_logged(
    report, project_leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review.submit(report, project_leader)
    (message,) = mail.outbox
    assert message.to == ["ledamot@example.invalid"]
    assert "Lägesrapport 2013 kvartal 2" in message.subject
    assert f"/styrning/lagesrapporter/inspect/{report.pk}/" in message.body
    entry = ModelLogEntry.objects.for_instance(report).get(action=review.SUBMIT)
    assert entry.user == project_leader


def test_only_the_steering_group_approves(
    report, project_leader, project_group_member, steering_member
):
    review.submit(report, project_leader)
    for user in (project_leader, project_group_member):
        with pytest.raises(PermissionDenied):
            review.approve(report, user)
    review.approve(report, steering_member, comment="Bra rapport.")
    report.refresh_from_db()
    assert report.state == StatusReport.State.APPROVED
    assert report.reviewed_by == steering_member
    with pytest.raises(ValidationError):
        review.return_for_revision(report, steering_member, "För sent")


def test_returned_report_becomes_a_new_draft_when_edited(report, project_leader, steering_member):
    review.submit(report, project_leader)
    with pytest.raises(ValidationError):
        review.return_for_revision(report, steering_member, "  ")
    review.return_for_revision(report, steering_member, "Beskriv riskerna mer.")
    report.refresh_from_db()
    assert report.state == StatusReport.State.RETURNED
    assert report.review_comment == "Beskriv riskerna mer."
    review.reopen_as_draft(report, project_leader)
    report.refresh_from_db()
    assert report.state == StatusReport.State.DRAFT and report.snapshot is None
    actions = list(
        ModelLogEntry.objects.for_instance(report).order_by("pk").values_list("action", flat=True)
    )
    assert actions == [review.SUBMIT, review.RETURN, review.REOPEN]


def test_comparison_with_the_previous_report(small, project_leader):
    first = build_report(
        small,
        title="Lägesrapport 2013 kvartal 1",
        period_start=datetime.date(2013, 1, 1),
        period_end=datetime.date(2013, 3, 31),
    )
    review.submit(first, project_leader)
    second = build_report(small)
    second.work_area_statuses.filter(work_area__code="A").update(status="rod", comment="Sent.")
    rows = {row["label"]: row for row in report_content.content(second)["comparison"]["rows"]}
    assert rows["Status A. Arbetsgivare"]["before"] == "grön"
    assert rows["Status A. Arbetsgivare"]["now"] == "röd"
    assert rows["Status A. Arbetsgivare"]["changed"] is True
    assert rows["Utfall hittills"]["before"] == Decimal("30000.10")
    assert rows["Utfall hittills"]["now"] == Decimal("34000.55")
