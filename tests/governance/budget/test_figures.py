"""Budget follow-up figures against the hand-computed fixture in budget_fixture.py."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core.roles import PROJECT_GROUP, PROJECT_LEADER, STEERING_GROUP
from governance.budget import figures, services
from governance.budget.models import BudgetLine, BudgetVersion, CostCategory
from governance.common.money import format_sek
from governance.register.models import Project
from tests.governance.budget.factories import BudgetLineFactory, BudgetVersionFactory
from tests.governance.budget.fixtures import add_entries, build_small_budget
from tests.governance.register.factories import ProjectFactory, WorkAreaFactory

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
    # A Personal 2013: April–August 5 × 8 333,33, September–December 4 × 8 333,34;
    # A Resor 2013 Q2 in full; B Externa tjänster 2013: April 1 666,66, May–December 8 × 1 666,67.
    assert overview.total.budget == D("75000.01") + D("10000.50") + D("15000.02")
    second_half = figures.overview(
        small.project, start=datetime.date(2013, 7, 1), end=datetime.date(2013, 12, 31)
    )
    assert second_half.total.budget == D("50000.02") + D("10000.02")
    assert second_half.total.actual == D("25000.00")


def test_financier_shares_against_commitment(small):
    rows = {
        (row.financier.organisation.name if row.financier else None): row
        for row in figures.overview(small.project).financier_rows
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
    # 100 000,00 / 12 = 8 333,33 and 4 öre over (September–December get one each);
    # 20 000,00 / 12 = 1 666,66 and 8 öre over (May–December).
    assert points[datetime.date(2013, 1, 1)].budget == D("8333.33") + D("1666.66")
    assert points[datetime.date(2013, 4, 1)].budget == D("8333.33") + D("3333.50") + D("1666.66")
    june = points[datetime.date(2013, 6, 1)]
    assert june.cumulative_budget == 6 * D("8333.33") + D("10000.50") + D("9999.98")
    assert june.cumulative_actual == D("34000.55")
    # 50 000,25 / 12 = 4 166,68 and 9 öre over: January–March 4 166,68, April on 4 166,69.
    assert points[datetime.date(2014, 2, 1)].budget == D("4166.68")
    assert points[datetime.date(2014, 12, 1)].budget == D("4166.69")
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


# The spreading rule (module docstring of governance/budget/figures.py), pinned by hand


def months(*pairs):
    return [datetime.date(year, month, 1) for year, month in pairs]


def test_a_line_is_spread_in_whole_ore_and_the_ore_left_over_go_to_the_last_months():
    quarter = months((2013, 4), (2013, 5), (2013, 6))
    assert figures.spread(D("100000.00"), quarter) == list(
        zip(quarter, [D("33333.33"), D("33333.33"), D("33333.34")], strict=True)
    )
    assert [part for _m, part in figures.spread(D("0.05"), quarter)] == [
        D("0.01"),
        D("0.02"),
        D("0.02"),
    ]
    # A negative line (a revision taking money away) is spread the same way and still sums.
    parts = [part for _m, part in figures.spread(D("-100.00"), quarter)]
    assert parts == [D("-33.34"), D("-33.33"), D("-33.33")] and sum(parts) == D("-100.00")


def test_a_quarterly_line_of_100000_shows_its_three_parts_in_the_chart(small):
    BudgetLine.objects.create(
        version=small.v1,
        work_area=small.area_b,
        category=small.category["Lokaler"],
        year=2014,
        quarter=2,
        amount=D("100000.00"),
    )
    points = {p.month: p for p in figures.overview(small.project).cumulative}
    # B Personal 2014 gives April–June 4 166,69 each (see above).
    assert [points[m].budget - D("4166.69") for m in months((2014, 4), (2014, 5), (2014, 6))] == [
        D("33333.33"),
        D("33333.33"),
        D("33333.34"),
    ]
    q2 = figures.overview(
        small.project, start=datetime.date(2014, 4, 1), end=datetime.date(2014, 6, 30)
    )
    assert q2.total.budget == D("100000.00") + 3 * D("4166.69")


def test_a_yearly_line_over_a_quarter_counts_three_twelfths(small):
    q2 = figures.overview(
        small.project, start=datetime.date(2013, 4, 1), end=datetime.date(2013, 6, 30)
    )
    area_a, area_b = q2.work_area_rows
    # A: Personal 2013 April–June 3 × 8 333,33, plus Resor 2013 Q2 10 000,50 in full.
    assert area_a.amounts.budget == D("24999.99") + D("10000.50")
    # B: Externa tjänster 2013 April 1 666,66, May and June 1 666,67; nothing of 2014.
    assert area_b.amounts.budget == D("5000.00")
    assert q2.total.budget == D("40000.49") == q2.cumulative[-1].cumulative_budget
    assert [p.month for p in q2.cumulative] == months((2013, 4), (2013, 5), (2013, 6))


def test_a_range_crossing_years_takes_the_months_of_each_year(small):
    winter = figures.overview(
        small.project, start=datetime.date(2013, 11, 1), end=datetime.date(2014, 2, 28)
    )
    # November–December 2013 of A Personal (8 333,34 each) and of B Externa tjänster
    # (1 666,67 each), January–February 2014 of B Personal (4 166,68 each).
    assert winter.total.budget == D("16666.68") + D("3333.34") + D("8333.36")
    assert [row.amounts.budget for row in winter.year_rows] == [D("20000.02"), D("8333.36")]
    assert winter.total.actual == D("25000.00") + D("10000.05")


def test_a_range_counts_the_whole_months_it_touches(small):
    middle = figures.overview(
        small.project, start=datetime.date(2013, 4, 15), end=datetime.date(2013, 5, 20)
    )
    assert [middle.first_month, middle.last_month] == months((2013, 4), (2013, 5))
    assert middle.total.budget == 2 * D("8333.33") + 2 * D("3333.50") + D("3333.33")
    assert middle.total.actual == D("4500.45") - D("500.00")


def test_a_yearly_line_of_the_start_year_is_spread_over_the_project_months_of_that_year(db):
    project = ProjectFactory(
        start_date=datetime.date(2012, 10, 1), end_date=datetime.date(2013, 9, 30)
    )
    area = WorkAreaFactory(project=project, code="A")
    version = BudgetVersionFactory(project=project, number=1, approved=True)
    personal = CostCategory.objects.get(project=project, name="Personal")
    for year, amount in [(2012, "30000.00"), (2013, "90000.00")]:
        BudgetLineFactory(
            version=version, work_area=area, category=personal, year=year, amount=D(amount)
        )
    points = {p.month: p.budget for p in figures.overview(project).cumulative}
    # 2012 over October–December, 2013 over January–September: 10 000,00 a month throughout.
    assert list(points) == figures.months_between(project.start_date, project.end_date)
    assert set(points.values()) == {D("10000.00")}
    end_2012 = figures.overview(project, end=datetime.date(2012, 12, 31))
    assert end_2012.total.budget == D("30000.00")


def test_a_line_outside_the_project_period_keeps_its_money(small):
    BudgetLine.objects.create(
        version=small.v1,
        work_area=small.area_a,
        category=small.category["Övrigt"],
        year=2015,
        quarter=1,
        amount=D("3000.00"),
    )
    overview = figures.overview(small.project)
    assert overview.total.budget == D("183000.75")
    assert overview.cumulative[-1].month == datetime.date(2015, 3, 1)
    assert overview.cumulative[-1].cumulative_budget == D("183000.75")


def test_the_chosen_version_counts_for_every_month_of_a_range(small):
    # Version 2 has only A Personal 2013 at 120 000,00: 10 000,00 a month.
    q2 = figures.overview(
        small.project,
        version=small.v2,
        start=datetime.date(2013, 4, 1),
        end=datetime.date(2013, 6, 30),
    )
    assert q2.total.budget == D("30000.00")


def test_the_version_in_force_on_a_day(small):
    revised = services.new_draft_from(small.v1)
    services.approve_budget_version(
        revised, approved_on=datetime.date(2013, 5, 15), approved_by="Styrgruppen"
    )
    assert figures.version_in_force(small.project, datetime.date(2013, 5, 14)) == small.v1
    assert figures.version_in_force(small.project, datetime.date(2013, 5, 15)) == revised
    # Before the first approval (10 December 2012) the first approved version counts.
    assert figures.version_in_force(small.project, datetime.date(2012, 1, 31)) == small.v1


def test_under_a_date_range_the_forecast_stays_the_whole_projects(small):
    whole = figures.overview(small.project)
    q2 = figures.overview(
        small.project, start=datetime.date(2013, 4, 1), end=datetime.date(2013, 6, 30)
    )
    assert q2.total.forecast == whole.total.forecast == D("175000.75")
    assert q2.total.project_budget == whole.total.budget == D("180000.75")
    assert q2.total.project_actual == whole.total.actual == D("69000.60")
    assert q2.total.forecast_variance == D("5000.00")
    area_a = q2.work_area_rows[0].amounts
    # A Personal's own forecast 95 000,00 and the whole-project budget of A Resor 10 000,50.
    assert area_a.forecast == D("105000.50") and area_a.project_budget == D("110000.50")
    assert not area_a.is_forecast_over_budget


def test_a_forecast_below_the_costs_already_booked_is_flagged(small):
    overview = figures.overview(
        small.project, start=datetime.date(2014, 1, 1), end=datetime.date(2014, 3, 31)
    )
    external_of_b = overview.work_area_rows[1].cells[1]
    # No forecast: the budget of 20 000,00 is expected to hold, but 25 000,00 is spent.
    assert (external_of_b.forecast, external_of_b.project_actual) == (
        D("20000.00"),
        D("25000.00"),
    )
    assert external_of_b.is_forecast_below_actual
    assert external_of_b.actual == D("0.00")  # nothing in the range itself
    personal_of_a = overview.work_area_rows[0].cells[0]
    assert not personal_of_a.is_forecast_below_actual
