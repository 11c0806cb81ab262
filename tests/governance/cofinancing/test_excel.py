"""Time reports from Excel (governance/cofinancing/excel.py): a file shaped like a
municipality's time report, the shapes accepted and the Swedish errors for the rest, the
preview old → new with each line's value, and saving."""

import datetime
import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest
from openpyxl import Workbook

from governance.cofinancing import excel, figures, services
from governance.cofinancing.models import TimeReport
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.cofinancing.fixtures import add_cofinancing

pytestmark = pytest.mark.django_db

HEADER = ["Namn", "Månad", "Arbetsområde", "Timmar", "Kommentar"]


@pytest.fixture(autouse=True)
def swedish():
    with translation.override("sv"):
        yield


@pytest.fixture
def small():
    return add_cofinancing(build_small_budget())


def workbook(rows, title="Tidrapport Umeå kommun, våren 2013"):
    """An .xlsx file as staff keep one: a title row, the header, the rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Tidrapport"
    if title:
        sheet.append([title])
        sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


REAL_SHAPE = [
    ["Roland Carlsson", "2013-03", "A", "37,5", "Arbetsgivarträff"],
    ["Roland Carlsson", datetime.datetime(2013, 5, 1), "B", 12.25, None],
    ["Frida Bylin", "april 2013", "A. Arbetsgivare", "20,50 h", None],
    ["Roland Carlsson", "Juni 2013", "Styrkor", 4, None],
    [],
    ["Summa", None, None, 74.25, None],
]


def test_a_real_time_report_previews_with_values_to_the_ore(small):
    TimeReport.objects.filter(person=small.roland, month=datetime.date(2013, 5, 1)).update(
        hours=Decimal("10.00")
    )
    preview = excel.read_time_reports(small.project, workbook(REAL_SHAPE))
    assert preview.errors == []
    assert preview.warnings == []
    # March and April are already reported with the same hours; May changes 10 → 12,25;
    # June is new.
    assert [(line.row, line.value) for line in preview.unchanged] == [
        (4, Decimal("21988.83")),  # 37,5 × 412,50 × 1,4215
        (6, Decimal("9288.61")),  # 20,5 × 318,75 × 1,4215
    ]
    [changed] = preview.to_update
    assert (changed.old_hours, changed.hours, changed.value) == (
        Decimal("10.00"),
        Decimal("12.25"),
        Decimal("7183.02"),
    )
    [new] = preview.to_create
    assert (new.person, new.month, new.work_area, new.value) == (
        small.roland,
        datetime.date(2013, 6, 1),
        small.area_b,
        Decimal("2345.48"),  # 4 × 412,50 × 1,4215 = 2 345,475
    )
    assert preview.total_hours == Decimal("74.25")
    assert preview.total_value == Decimal("40805.94")  # 21 988,83 + 7 183,02 + 9 288,61 + 2 345,48

    services.save_import(preview)
    report = TimeReport.objects.get(person=small.roland, month=datetime.date(2013, 5, 1))
    assert (report.hours, report.source) == (Decimal("12.25"), TimeReport.Source.IMPORT)
    assert TimeReport.objects.filter(project=small.project).count() == 6
    co = {row.name: row for row in figures.cofinancing(small.project).rows}
    # 35 213,23 of the fixture + 2 345,48 for June
    assert co["Umeå kommun"].time_value == Decimal("37558.71")


def test_a_sum_row_that_does_not_add_up_warns(small):
    rows = [*REAL_SHAPE[:-1], [None, None, None, "80"]]
    preview = excel.read_time_reports(small.project, workbook(rows, title=None))
    assert preview.is_valid
    assert preview.warnings == [
        "Summaraden på rad 7 anger 80,00 timmar, men raderna ovanför blir 74,25 timmar. "
        "Kontrollera att ingen rad saknas."
    ]


def test_hours_without_an_hourly_cost_are_imported_and_warned_about(small):
    preview = excel.read_time_reports(
        small.project, workbook([["Erik Sedig", "2013-09", "A", "6,5"]])
    )
    assert preview.is_valid
    assert preview.warnings == [
        "Erik Sedig har ingen timkostnad för 2013-09: timmarna sparas men värderas inte "
        "förrän en projektledare lägger in en."
    ]
    assert preview.to_create[0].value is None


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["Okänd Person", "2013-03", "A", "1"], "Namn",
         "Det finns ingen person som heter ”Okänd Person”. Lägg först till personen i registret."),
        (["Roland Carlsson", "Q1 2013", "A", "1"], "Månad",
         "Q1 2013 är inte en månad. Skriv månaden som 2024-03 eller mars 2024."),
        (["Roland Carlsson", "03/2013", "A", "1"], "Månad",
         "03/2013 är inte en månad. Skriv månaden som 2024-03 eller mars 2024."),
        (["Roland Carlsson", "2016-03", "A", "1"], "Månad",
         "2016-03 ligger utanför projektperioden, 2013-01-01 – 2014-12-31."),
        (["Roland Carlsson", "2013-03", "Z", "1"], "Arbetsområde",
         "Projektet Test har inget arbetsområde ”Z”."),
        (["Roland Carlsson", "2013-03", "A", "sju"], "Timmar",
         "sju är inte ett antal timmar. Skriv timmarna som ett tal, t.ex. 37,5."),
        (["Roland Carlsson", "2013-03", "A", "7:30"], "Timmar",
         "7:30 är inte ett antal timmar. Skriv timmarna som ett tal, t.ex. 37,5."),
        (["Roland Carlsson", "2013-03", "A", "-2"], "Timmar",
         "-2 är inte ett antal timmar. Skriv timmarna som ett tal, t.ex. 37,5."),
        (["Roland Carlsson", "2013-03", "A", "7,125"], "Timmar",
         "Skriv timmarna med högst två decimaler, inte 7,125."),
        (["Roland Carlsson", "2013-03", "A", 800], "Timmar",
         "Timmarna ska vara från 0 till 744, inte 800."),
        (["Roland Carlsson", None, "A", "1"], "Månad", "Värde saknas."),
    ],
)  # fmt: skip
def test_other_shapes_are_refused_in_swedish_naming_row_and_column(small, row, column, message):
    preview = excel.read_time_reports(small.project, workbook([row], title=None))
    assert [(e.row, e.column, e.message) for e in preview.errors] == [(2, column, message)]


def test_the_same_line_twice_is_an_error(small):
    rows = [["Frida Bylin", "2013-04", "A", "1"], ["Frida Bylin", "april 2013", "A", "2"]]
    preview = excel.read_time_reports(small.project, workbook(rows, title=None))
    assert [e.message for e in preview.errors] == [
        "Frida Bylin, 2013-04, arbetsområde A finns redan på rad 2."
    ]


def test_a_file_without_the_columns_says_which_are_missing(small):
    book = Workbook()
    book.active.append(["Namn", "Datum", "Timmar"])
    book.active.append(["Roland Carlsson", "2013-03-01", "4"])
    buffer = io.BytesIO()
    book.save(buffer)
    preview = excel.read_time_reports(small.project, buffer.getvalue())
    assert [e.message for e in preview.errors] == [
        "Rubrikraden saknar kolumnerna: Månad, Arbetsområde. En tidrapport har kolumnerna "
        "Namn, Månad, Arbetsområde och Timmar."
    ]


def test_a_file_that_is_not_excel_is_refused_in_swedish(small):
    preview = excel.read_time_reports(small.project, b"PK\x03\x04 inte en arbetsbok")
    assert [e.message for e in preview.errors] == [
        "Filen kunde inte läsas som en Excel-arbetsbok (.xlsx). Spara den som .xlsx."
    ]


def test_reading_takes_the_same_queries_however_many_rows(small):
    def queries(count):
        rows = [
            ["Roland Carlsson", f"{2013 + n % 24 // 12}-{1 + n % 12:02d}", "AB"[n // 24], "1"]
            for n in range(count)
        ]
        with CaptureQueriesContext(connection) as captured:
            preview = excel.read_time_reports(small.project, workbook(rows))
        assert preview.is_valid, preview.errors[:2]
        return len(captured.captured_queries)

    assert queries(3) == queries(48)
