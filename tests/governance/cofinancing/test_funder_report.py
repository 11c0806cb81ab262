"""The report to the funder takes its co-financing from governance/cofinancing/figures.py:
the hand-computed figures of fixtures.py in its .xlsx, in the period and to date."""

import io
from decimal import Decimal

from django.utils import translation

import openpyxl
import pytest

from governance.funder_report import exports, figures
from governance.reports import review
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.cofinancing.fixtures import add_cofinancing
from tests.governance.funder_report.fixtures import add_funder_setup
from tests.governance.reports.fixtures import add_register_data, build_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(db, project_leader):
    small = add_cofinancing(build_small_budget())
    add_register_data(small)
    add_funder_setup(small)
    report = build_report(small)  # 2013 Q2
    review.submit(report, project_leader)
    report.refresh_from_db()
    return report


def test_the_funder_report_shows_co_financing_in_the_period_and_to_date(report):
    funder = figures.build(report)
    period = {row.name: row for row in funder.cofinancing_period.rows}
    to_date = {row.name: row for row in funder.cofinancing_to_date.rows}
    # April–June 2013: Roland's May 7 183,02 and the premises 12 000,00; no costs for Umeå.
    assert (period["Umeå kommun"].cash, period["Umeå kommun"].non_cash) == (
        Decimal("0.00"),
        Decimal("19183.02"),
    )
    assert to_date["Umeå kommun"].total == Decimal("71171.95")
    with translation.override("sv"):
        book = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(funder)))
    sheet = book["Medfinansiering"]
    umea = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Umeå kommun")
    assert umea[1:6] == (0, 7183.02, 12000, 19183.02, 71171.95)
