"""Budget follow-up figures against the hand-computed fixture in budget_fixture.py."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.roles import PROJECT_GROUP, PROJECT_LEADER, STEERING_GROUP
from governance.budget import figures
from governance.budget.models import BudgetLine, BudgetVersion, CostCategory
from governance.common.money import format_sek
from governance.register.models import Project
from tests.governance.budget.fixtures import add_entries, build_small_budget

D = Decimal


@pytest.fixture
def small(db):
    return build_small_budget()


def test_a_new_project_gets_the_default_cost_categories_in_order(small):
    names = list(CostCategory.objects.filter(project=small.project).values_list("name", flat=True))
    assert names == ["Personal", "Externa tjänster", "Resor", "Lokaler", "Utrustning", "Övrigt"]


def test_current_budget_is_the_latest_approved_version(small):
    assert BudgetVersion.current_for(small.project) == small.v1
    small.v2.state = BudgetVersion.State.APPROVED
    small.v2.approved_on = datetime.date(2013, 9, 1)
    small.v2.save()
    assert BudgetVersion.current_for(small.project) == small.v2


def test_totals_match_the_hand_computed_figures(small):
    overview = figures.overview(small.project)
    assert overview.version == small.v1
    total = overview.total
    assert total.budget == D("180000.75")
    assert total.actual == D("69000.60")
    assert total.forecast == D("175000.75")
    assert total.variance == D("111000.15")
    assert total.forecast_variance == D("5000.00")
    assert total.used_percent == D("38.3")


def test_per_work_area_and_per_category(small):
    overview = figures.overview(small.project)
    area_a, area_b = overview.work_area_rows
    assert (area_a.amounts.budget, area_a.amounts.actual, area_a.amounts.forecast) == (
        D("110000.50"),
        D("34000.55"),
        D("105000.50"),
    )
    assert area_a.amounts.variance == D("75999.95")
    assert (area_b.amounts.budget, area_b.amounts.actual, area_b.amounts.variance) == (
        D("70000.25"),
        D("35000.05"),
        D("35000.20"),
    )
    by_category = {row.label: row.amounts for row in overview.category_rows}
    assert by_category["Resor"].actual == D("4000.45")
    external = by_category["Externa tjänster"]
    assert (external.budget, external.actual, external.variance) == (
        D("20000.00"),
        D("25000.00"),
        D("-5000.00"),
    )
    assert external.is_over_budget and external.used_percent == D("125.0")
    assert not by_category["Personal"].is_over_budget
    assert (
        by_category["Lokaler"].budget == D("0.00") and by_category["Lokaler"].used_percent is None
    )
    external_cell_of_b = area_b.cells[1]
    assert external_cell_of_b.is_over_budget and external_cell_of_b.actual == D("25000.00")


def test_another_version_can_be_compared(small):
    overview = figures.overview(small.project, version=small.v2)
    assert overview.total.budget == D("120000.00")
    assert overview.total.actual == D("69000.60")


def test_a_date_range_limits_actual_and_budget(small):
    overview = figures.overview(
        small.project, start=datetime.date(2013, 4, 1), end=datetime.date(2013, 12, 31)
    )
    assert overview.total.actual == D("29000.45")
    assert overview.total.budget == D("130000.50")
    second_half = figures.overview(
        small.project, start=datetime.date(2013, 7, 1), end=datetime.date(2013, 12, 31)
    )
    assert second_half.total.budget == D("120000.00")
    assert second_half.total.actual == D("25000.00")


def test_financier_shares_against_commitment(small):
    rows = {
        (row.financier.organisation.name if row.financier else None): row
        for row in figures.financier_rows(small.project, small.v1)
    }
    umea, ovik, unassigned = rows["Umeå kommun"], rows["Örnsköldsviks kommun"], rows[None]
    assert (umea.committed, umea.budget, umea.actual) == (
        D("600000.00"),
        D("100000.00"),
        D("30000.10"),
    )
    assert umea.share_of_costs_percent == D("43.5")
    assert umea.used_of_commitment_percent == D("5.0")
    assert umea.committed_percent == D("89.3")
    # 40 % of the approved budget of 180 000,75.
    assert ovik.committed == D("72000.30")
    assert (ovik.budget, ovik.actual) == (D("60000.75"), D("14000.50"))
    assert ovik.share_of_costs_percent == D("20.3")
    assert ovik.used_of_commitment_percent == D("19.4")
    assert (unassigned.actual, unassigned.share_of_costs_percent) == (D("25000.00"), D("36.2"))


def test_actual_per_month_quarter_and_year(small):
    assert figures.actual_by_period(small.project, "month") == {
        datetime.date(2013, 3, 1): D("30000.10"),
        datetime.date(2013, 4, 1): D("4500.45"),
        datetime.date(2013, 5, 1): D("-500.00"),
        datetime.date(2013, 12, 1): D("25000.00"),
        datetime.date(2014, 1, 1): D("10000.05"),
    }
    assert figures.actual_by_period(small.project, "quarter") == {
        datetime.date(2013, 1, 1): D("30000.10"),
        datetime.date(2013, 4, 1): D("4000.45"),
        datetime.date(2013, 10, 1): D("25000.00"),
        datetime.date(2014, 1, 1): D("10000.05"),
    }
    assert figures.actual_by_period(small.project, "year") == {
        datetime.date(2013, 1, 1): D("59000.55"),
        datetime.date(2014, 1, 1): D("10000.05"),
    }


def test_cumulative_budget_spreads_years_and_quarters_over_their_months(small):
    points = {p.month: p for p in figures.overview(small.project).cumulative}
    assert len(points) == 24
    assert points[datetime.date(2013, 1, 1)].budget == D("10000.00")
    assert points[datetime.date(2013, 4, 1)].budget == D("13333.50")
    june = points[datetime.date(2013, 6, 1)]
    assert (june.cumulative_budget, june.cumulative_actual) == (D("70000.50"), D("34000.55"))
    assert points[datetime.date(2014, 2, 1)].budget == D("4166.69")
    assert points[datetime.date(2014, 12, 1)].budget == D("4166.66")
    last = points[datetime.date(2014, 12, 1)]
    assert (last.cumulative_budget, last.cumulative_actual) == (D("180000.75"), D("69000.60"))


def test_per_year_rows(small):
    years = {row.key: row.amounts for row in figures.overview(small.project).year_rows}
    assert (years[2013].budget, years[2013].actual) == (D("130000.50"), D("59000.55"))
    assert (years[2014].budget, years[2014].actual) == (D("50000.25"), D("10000.05"))


def test_the_overview_makes_the_same_number_of_queries_whatever_the_number_of_entries(small):
    with CaptureQueriesContext(connection) as few:
        figures.overview(small.project)
    add_entries(small, 500)
    with CaptureQueriesContext(connection) as many:
        overview = figures.overview(small.project)
    assert overview.total.actual == D("69000.60") + 500 * D("1.01")
    assert len(many) == len(few) <= 12


def test_money_is_formatted_the_swedish_way():
    assert format_sek(D("1234567.5")) == "1\xa0234\xa0567,50\xa0kr"
    assert format_sek(D("-300")) == "\u2212300,00\xa0kr"
    assert format_sek(D("0.005")) == "0,01\xa0kr"
    assert format_sek(D("999999999999.99")) == "999\xa0999\xa0999\xa0999,99\xa0kr"
    assert format_sek(None) == ""


@pytest.mark.django_db
def test_roles_hold_the_budget_permissions():
    def codenames(role):
        return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))

    leader, steering, group = (
        codenames(PROJECT_LEADER),
        codenames(STEERING_GROUP),
        codenames(PROJECT_GROUP),
    )
    assert {"add_costentry", "change_budgetline", "delete_costimportbatch"} <= leader
    assert {"view_costentry", "view_budgetversion", "approve_budgetversion"} <= steering
    assert "change_budgetversion" not in steering and "add_costentry" not in steering
    assert "view_forecast" in group and "approve_budgetversion" not in group


@pytest.mark.django_db
def test_an_amount_of_a_trillion_kronor_with_ore_is_stored_exactly(small):
    line = BudgetLine.objects.create(
        version=small.v2,
        work_area=small.area_a,
        category=small.category["Övrigt"],
        year=2013,
        amount=D("999999999999.99"),
    )
    line.refresh_from_db()
    assert line.amount == D("999999999999.99")
    assert Project.objects.count() == 1
