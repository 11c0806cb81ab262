"""Co-financing per financier (governance/cofinancing/figures.py), to the öre against the
hand-computed figures in fixtures.py, and its bounded queries."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from governance.budget import figures as budget_figures
from governance.cofinancing import figures
from governance.cofinancing.models import CofinancingSettings, HourlyCost
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.cofinancing.factories import HourlyCostFactory, TimeReportFactory
from tests.governance.cofinancing.fixtures import add_cofinancing
from tests.governance.register.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small():
    return add_cofinancing(build_small_budget())


def by_name(result):
    return {row.name: row for row in result.rows}


@pytest.mark.parametrize(
    ("hours", "rate", "overhead", "value"),
    [
        ("37.5", "412.50", "42.15", "21988.83"),  # 21 988,828125
        ("12.25", "412.50", "42.15", "7183.02"),  # 7 183,0171875
        ("10", "425.00", "42.15", "6041.38"),  # 6 041,375: half an öre goes up
        ("7.5", "300.00", "0", "2250.00"),
    ],
)
def test_a_line_is_hours_times_cost_times_overhead_in_whole_ore(hours, rate, overhead, value):
    assert figures.time_value(Decimal(hours), Decimal(rate), Decimal(overhead)) == Decimal(value)


def test_whole_project_per_financier_to_the_ore(small):
    result = figures.cofinancing(small.project)
    rows = by_name(result)
    umea, ovik, unassigned = rows["Umeå kommun"], rows["Örnsköldsviks kommun"], rows[""]
    assert (umea.cash, umea.hours, umea.time_value, umea.in_kind) == (
        Decimal("30000.10"),
        Decimal("59.75"),
        Decimal("35213.23"),
        Decimal("12000.00"),
    )
    assert umea.non_cash == Decimal("47213.23")
    assert umea.total == Decimal("77213.33")
    assert umea.committed == Decimal("600000.00")
    assert (ovik.cash, ovik.time_value, ovik.in_kind, ovik.total) == (
        Decimal("14000.50"),
        Decimal("9288.61"),
        Decimal("3500.50"),
        Decimal("26789.61"),
    )
    assert ovik.committed == Decimal("72000.30")  # 40 % of version 1's 180 000,75
    assert (unassigned.cash, unassigned.non_cash) == (Decimal("25000.00"), Decimal("0.00"))
    assert result.total.total == Decimal("129002.94")
    assert result.unvalued_hours == Decimal("8.00")
    assert result.unvalued == [("Erik Sedig", datetime.date(2013, 6, 1))]
    assert result.overhead_percent == Decimal("42.15")


def test_cash_is_the_overviews_actual_per_financier(small):
    """One truth: the cash column equals the budget overview's financier actual."""
    overview = budget_figures.overview(small.project)
    result = figures.cofinancing(small.project)
    assert [(r.financier, r.actual) for r in overview.financier_rows] == [
        (r.financier, r.cash) for r in result.rows
    ]


def test_to_date_counts_months_for_time_and_dates_for_in_kind(small):
    result = figures.cofinancing(small.project, end=datetime.date(2013, 6, 30))
    rows = by_name(result)
    umea, ovik = rows["Umeå kommun"], rows["Örnsköldsviks kommun"]
    assert (umea.hours, umea.time_value, umea.in_kind, umea.total) == (
        Decimal("49.75"),
        Decimal("29171.85"),
        Decimal("12000.00"),
        Decimal("71171.95"),
    )
    assert umea.used_of_commitment_percent == Decimal("11.9")
    assert umea.remaining == Decimal("528828.05")
    assert (ovik.cash, ovik.total, ovik.remaining) == (
        Decimal("4000.45"),
        Decimal("13289.06"),
        Decimal("58711.24"),
    )
    # A range that cuts a month counts the whole month's time report.
    cut = by_name(figures.cofinancing(small.project, end=datetime.date(2013, 3, 2)))
    assert cut["Umeå kommun"].time_value == Decimal("21988.83")


def test_the_hourly_cost_of_a_month_is_the_one_in_force_on_its_first_day(small):
    HourlyCost.objects.filter(person=small.frida).update(valid_from=datetime.date(2013, 4, 10))
    # The only hourly cost starts inside April: it values April.
    lines = figures.valued_time_reports(small.project)
    april = next(line for line in lines if line.person_name == "Frida Bylin")
    assert april.value == Decimal("9288.61")
    HourlyCostFactory(
        project=small.project,
        person=small.frida,
        financier=small.ovik,
        valid_from=datetime.date(2013, 1, 1),
        valid_to=datetime.date(2013, 4, 9),
        hourly_rate=Decimal("300.00"),
    )
    lines = figures.valued_time_reports(small.project)
    april = next(line for line in lines if line.person_name == "Frida Bylin")
    assert april.hourly_rate == Decimal("300.00")  # in force on 1 April
    assert april.value == Decimal("8742.23")  # 20,5 × 300 × 1,4215 = 8 742,225


def test_without_settings_the_overhead_is_zero(small):
    CofinancingSettings.objects.all().delete()
    rows = by_name(figures.cofinancing(small.project))
    # 37,5 × 412,50 + 12,25 × 412,50 + 10 × 425,00 = 15 468,75 + 5 053,13 + 4 250,00
    assert rows["Umeå kommun"].time_value == Decimal("24771.88")


def test_the_figures_take_the_same_queries_however_many_time_reports(small):
    with CaptureQueriesContext(connection) as few:
        figures.cofinancing(small.project)
    emmy = PersonFactory(name="Emmy Sundin", organisation=small.umea.organisation)
    HourlyCostFactory(project=small.project, person=emmy, financier=small.umea)
    for index in range(40):
        month = index // 2
        TimeReportFactory(
            project=small.project,
            person=emmy,
            work_area=[small.area_a, small.area_b][index % 2],
            month=datetime.date(2013 + month // 12, 1 + month % 12, 1),
            hours=Decimal("1.00"),
        )
    with CaptureQueriesContext(connection) as many:
        figures.cofinancing(small.project)
    assert len(few.captured_queries) == len(many.captured_queries) == 8
