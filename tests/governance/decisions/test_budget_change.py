"""The money a change request moves: before/after per work area × cost category, shown to
the steering group before it decides and kept in the decision's record afterwards.

The figures are computed by hand below: two versions of a two-area budget where money
moves from travel in A to external services in B, B's staff grows by a line split in
three (33 333,33 + 33 333,33 + 33 333,34) and A gets a new line of 12 345,67 kr.
"""

import io
from decimal import Decimal

from django.urls import reverse

import pypdf
import pytest

from governance.budget.models import BudgetLine, BudgetVersion, CostCategory
from governance.decisions import budget_change, documents
from governance.decisions.budget_change import ChangeRow
from governance.decisions.models import Decision
from governance.register.models import WorkArea
from tests.governance.budget.factories import BudgetLineFactory, BudgetVersionFactory
from tests.governance.decisions.fixtures import approve_minutes

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
AREA_A = "A. Arbetsgivare möts"
AREA_B = "B. Gemensam identitet"


def kr(text):
    """'12 345,67 kr' as the pages write it, with no-break spaces."""
    return text.replace(" ", NBSP)


@pytest.fixture
def versions(project, work_area):
    identity = WorkArea.objects.create(
        project=project, code="B", title="Gemensam identitet", sort_order=1
    )
    staff, services, travel = (
        CostCategory.objects.get(project=project, name=name)
        for name in ("Personal", "Externa tjänster", "Resor")
    )
    in_force = BudgetVersionFactory(
        project=project, label="Budget enligt projektplanen", approved=True
    )
    proposed = BudgetVersionFactory(project=project, label="Reviderad budget 2014")

    def lines(version, rows):
        for area, category, year, quarter, amount in rows:
            BudgetLineFactory(
                version=version,
                work_area=area,
                category=category,
                year=year,
                quarter=quarter,
                amount=Decimal(amount),
            )

    lines(
        in_force,
        [
            (work_area, staff, 2013, None, "250000.00"),
            (work_area, staff, 2014, None, "125000.00"),
            (work_area, travel, 2013, None, "40000.00"),
            (identity, staff, 2013, None, "80000.00"),
            (identity, services, 2013, None, "100000.00"),
        ],
    )
    lines(
        proposed,
        [
            (work_area, staff, 2013, None, "250000.00"),
            (work_area, staff, 2014, None, "125000.00"),
            (work_area, services, 2014, None, "12345.67"),
            (work_area, travel, 2013, None, "17500.00"),
            (identity, staff, 2013, 1, "33333.33"),
            (identity, staff, 2013, 2, "33333.33"),
            (identity, staff, 2013, 3, "33333.34"),
            (identity, services, 2013, None, "100000.00"),
            (identity, services, 2014, 1, "22500.00"),
        ],
    )
    return in_force, proposed


EXPECTED_ROWS = [
    ChangeRow(AREA_A, "Externa tjänster", Decimal("0.00"), Decimal("12345.67")),
    ChangeRow(AREA_A, "Resor", Decimal("40000.00"), Decimal("17500.00")),
    ChangeRow(AREA_B, "Personal", Decimal("80000.00"), Decimal("100000.00")),
    ChangeRow(AREA_B, "Externa tjänster", Decimal("100000.00"), Decimal("122500.00")),
]


@pytest.fixture
def budget_request(make_change_request, versions):
    return make_change_request(title="Reviderad budget för 2014", budget_version=versions[1])


def test_the_table_sums_each_work_area_and_category_of_both_versions(
    budget_request, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        change = budget_change.budget_change(budget_request)
    assert change.before_version == "1. Budget enligt projektplanen"
    assert change.after_version == "2. Reviderad budget 2014"
    assert change.rows == EXPECTED_ROWS
    assert [row.difference for row in change.rows] == [
        Decimal("12345.67"),
        Decimal("-22500.00"),
        Decimal("20000.00"),
        Decimal("22500.00"),
    ]
    assert change.unchanged_count == 1  # A × Personal: 375 000 kr in both
    assert change.total_before == Decimal("595000.00")
    assert change.total_after == Decimal("627345.67")
    assert change.total_difference == Decimal("32345.67")
    assert all(isinstance(row.before, Decimal) for row in change.rows)


def test_without_a_budget_in_force_everything_proposed_is_new(budget_request, versions):
    BudgetVersion.objects.filter(pk=versions[0].pk).update(state=BudgetVersion.State.DRAFT)
    change = budget_change.budget_change(budget_request)
    assert change.before_version == ""
    assert change.total_before == Decimal("0.00")
    assert change.total_after == Decimal("627345.67")
    assert change.unchanged_count == 0


def test_a_600_line_version_compares_in_one_query(project, django_assert_num_queries):
    areas = [
        WorkArea.objects.create(project=project, code=f"{n:02d}", title=f"Område {n}", sort_order=n)
        for n in range(20)
    ]
    categories = list(CostCategory.objects.filter(project=project))
    assert len(categories) == 6
    before = BudgetVersionFactory(project=project, approved=True)
    after = BudgetVersionFactory(project=project)
    for version, amount in ((before, Decimal("1000.00")), (after, Decimal("1000.50"))):
        BudgetLine.objects.bulk_create(
            BudgetLine(
                version=version,
                work_area=area,
                category=category,
                year=year,
                amount=amount,
            )
            for area in areas
            for category in categories
            for year in range(2012, 2017)
        )
    with django_assert_num_queries(1):
        change = budget_change.compare_versions(before, after)
    assert len(change.rows) == 120
    assert change.rows[0].difference == Decimal("2.50")  # five years × 0,50 kr
    assert change.total_difference == Decimal("300.00")  # 600 lines × 0,50 kr


def test_the_steering_group_sees_the_table_before_deciding(client, steering_member, budget_request):
    client.force_login(steering_member)
    html = client.get(reverse("changerequest:inspect", args=[budget_request.pk])).content.decode()
    assert "Budget före och efter" in html
    assert kr("+12 345,67 kr") in html
    assert kr("−22 500,00 kr") in html
    assert kr("595 000,00 kr") in html and kr("627 345,67 kr") in html
    assert kr("+32 345,67 kr") in html


def test_the_decision_keeps_the_table_it_decided_on(
    client, steering_member, budget_request, versions, make_decision, meeting
):
    decision = make_decision(
        "Reviderad budget för 2014 bifalls",
        kind=Decision.Kind.BUDGET,
        change_request=budget_request,
        change_request_outcome=Decision.Outcome.GRANTED,
    )
    # The proposed version is now the budget in force: a live comparison would show no
    # change at all, but the record keeps what the steering group decided on.
    assert BudgetVersion.current_for(budget_request.project) == versions[1]
    budget_request.refresh_from_db()
    kept = budget_change.budget_change(budget_request)
    assert kept.rows == EXPECTED_ROWS and kept.total_difference == Decimal("32345.67")

    client.force_login(steering_member)
    html = client.get(reverse("decision:inspect", args=[decision.pk])).content.decode()
    assert kr("−22 500,00 kr") in html and kr("+32 345,67 kr") in html

    minutes = documents.render_html(meeting, "minutes")
    assert kr("+12 345,67 kr") in minutes and kr("627 345,67 kr") in minutes
    approve_minutes(meeting)
    pdf = documents.render_pdf(meeting, "minutes")
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    text = text.replace(NBSP, " ")
    assert "22 500,00 kr" in text and "32 345,67 kr" in text and "627 345,67 kr" in text


def test_a_rejected_request_keeps_its_table_when_the_draft_is_edited_later(
    budget_request, versions, make_decision
):
    make_decision(
        "Reviderad budget för 2014 avslås",
        change_request=budget_request,
        change_request_outcome=Decision.Outcome.REJECTED,
    )
    BudgetLine.objects.filter(version=versions[1]).update(amount=Decimal("1.00"))
    budget_request.refresh_from_db()
    assert budget_change.budget_change(budget_request).total_after == Decimal("627345.67")


def test_a_request_without_a_budget_version_moves_no_money(
    client, steering_member, make_change_request
):
    request = make_change_request()
    assert budget_change.budget_change(request) is None
    client.force_login(steering_member)
    response = client.get(reverse("changerequest:inspect", args=[request.pk]))
    assert response.status_code == 200


def test_the_project_leaders_see_the_table_while_preparing_the_request(
    client, project_leader, budget_request
):
    budget_request.state = budget_request.State.DRAFT
    budget_request.save()
    client.force_login(project_leader)
    html = client.get(reverse("changerequest:edit", args=[budget_request.pk])).content.decode()
    assert "Budget före och efter" in html
    assert kr("−22 500,00 kr") in html and kr("+32 345,67 kr") in html
