"""The cost entry export (governance/budget/excel.py cost_entries_workbook), read back with
openpyxl: the values of the small budget's entries, text from the ledger kept as text, and
the same queries for 10 entries as for 100."""

import datetime
import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import openpyxl
import pytest

from governance.budget.excel import cost_entries_workbook
from governance.budget.models import CostEntry
from tests.governance.budget.fixtures import add_entries, build_small_budget
from tests.governance.register.factories import ActivityFactory


@pytest.fixture
def small(db):
    return build_small_budget()


def read_back(content):
    return list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows())


def test_every_entry_reads_back_with_its_values_and_the_total(small):
    activity = ActivityFactory(work_area=small.area_a, code="A.1")
    CostEntry.objects.filter(voucher="V2").update(activity=activity, description="-avdrag")
    CostEntry.objects.filter(voucher="V3").update(description="Tåg & <buss>")

    rows = read_back(cost_entries_workbook(CostEntry.objects.filter(project=small.project)))

    values = [tuple(cell.value for cell in row) for row in rows]
    assert values[0] == ("Datum", "Verifikation", "Belopp", "Kostnadsslag", "Arbetsområde",
                         "Aktivitet", "Finansiär", "Text", "Importfil")  # fmt: skip
    day = datetime.datetime
    assert values[1:6] == [
        (day(2013, 3, 15), "V1", 30000.1, "Personal", "A", None, "Umeå kommun", None, None),
        (day(2013, 4, 30), "V2", 4500.45, "Resor", "A", "A.1", "Örnsköldsviks kommun",
         "-avdrag", None),
        (day(2013, 5, 2), "V3", -500, "Resor", "A", None, "Örnsköldsviks kommun",
         "Tåg & <buss>", None),
        (day(2013, 12, 31), "V4", 25000, "Externa tjänster", "B", None, None, None, None),
        (day(2014, 1, 15), "V5", 10000.05, "Personal", "B", None, "Örnsköldsviks kommun",
         None, None),
    ]  # fmt: skip
    assert values[6][:3] == ("Summa", "5 poster", float(Decimal("69000.60")))
    assert len(values) == 7
    # Dates and amounts are numbers in their formats; text like a formula stays text.
    assert rows[1][0].number_format == "yyyy-mm-dd"
    assert rows[1][2].number_format == '#,##0.00 "kr"' and rows[1][2].data_type == "n"
    assert (rows[2][7].data_type, rows[2][7].quotePrefix) == ("s", True)


def test_the_export_asks_as_many_queries_for_100_entries_as_for_10(small):
    def queries(count, start_number):
        add_entries(small, count, start_number)
        done = []
        with CaptureQueriesContext(connection) as captured:
            content = cost_entries_workbook(
                CostEntry.objects.filter(project=small.project),
                lambda processed, total: done.append((processed, total)),
            )
        total = CostEntry.objects.filter(project=small.project).count()
        assert done[-1] == (total, total)
        assert len(read_back(content)) == 1 + total + 1
        return len(captured)

    # The count, the names of the categories, work areas, activities, financiers and import
    # files, then the rows.
    assert queries(10, 100) == queries(90, 1000) == 7
