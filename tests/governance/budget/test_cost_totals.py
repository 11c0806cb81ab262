"""The monthly cost totals are one truth with the entries: after an import, a second
import, an undo, and an entry added, moved to another month and deleted in the admin, the
overview read from the totals shows exactly what the entries sum to."""

import datetime
import io
from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum
from django.urls import reverse

import pytest

from governance.budget import cost_import, figures
from governance.budget.models import CostEntry, CostTotal
from tests.governance.budget.fixtures import build_small_budget


@pytest.fixture
def small(db):
    return build_small_budget()


def ledger(rows):
    lines = ["Datum;Belopp;Kostnadsslag;Arbetsområde;Finansiär;Verifikation"]
    lines += [";".join(row) for row in rows]
    return io.BytesIO("\r\n".join(lines).encode())


def import_ledger(small, rows, name):
    file_obj = ledger(rows)
    with cost_import.open_sheet(file_obj, name) as sheet:
        mapping = cost_import.guess_mapping(sheet.headers)
    batch, _validation = cost_import.import_costs(small.project, file_obj, name, mapping)
    return batch


def from_entries(project):
    """What the entries sum to, per cell and per month, read from the entries alone."""
    cells, months = defaultdict(Decimal), defaultdict(Decimal)
    for entry in CostEntry.objects.filter(project=project):
        cells[entry.work_area_id, entry.category_id, entry.financier_id] += entry.amount
        months[entry.date.replace(day=1)] += entry.amount
    return {k: v for k, v in cells.items() if v}, {k: v for k, v in months.items() if v}


def assert_one_truth(small):
    cells, months = from_entries(small.project)
    from_totals = figures.actual_by_area_category_and_financier(small.project)
    assert {k: v for k, v in from_totals.items() if v} == cells
    assert {k: v for k, v in figures.actual_by_period(small.project).items() if v} == months
    overview = figures.overview(small.project)
    assert overview.total.actual == sum(cells.values(), Decimal("0.00"))
    # A quarter from the totals equals the same quarter summed from the entries' dates.
    quarter = (datetime.date(2013, 4, 1), datetime.date(2013, 6, 30))
    assert figures.whole_months(*quarter)
    in_quarter = CostEntry.objects.filter(project=small.project, date__range=quarter)
    assert figures.actual_total(small.project, *quarter) == (
        in_quarter.aggregate(total=Sum("amount"))["total"] or Decimal("0.00")
    )
    counts = CostTotal.objects.filter(project=small.project).aggregate(n=Sum("entry_count"))
    assert counts["n"] == CostEntry.objects.filter(project=small.project).count()


def test_totals_follow_imports_undo_and_the_admins_changes(small, client, project_leader):
    assert_one_truth(small)  # the fixture's five entries, saved one by one

    first = import_ledger(
        small,
        [
            (
                f"2013-{1 + n % 12:02d}-{1 + n % 28:02d}",
                f"{n * 7 % 900},{n % 100:02d}",
                ["Personal", "Resor"][n % 2],
                ["A", "B"][n % 2],
                ["Umeå kommun", "", "Örnsköldsviks kommun"][n % 3],
                f"V{n}",
            )
            for n in range(150)
        ],  # fmt: skip
        "januari.csv",
    )
    assert_one_truth(small)
    second = import_ledger(
        small,
        [("2013-05-31", "-120,00", "Personal", "A", "Umeå kommun", "K1"),
         ("2014-12-01", "99,99", "Resor", "B", "", "K2")],
        "rättelser.csv",
    )  # fmt: skip
    assert_one_truth(small)
    cost_import.undo_import(first)
    assert_one_truth(small)

    client.force_login(project_leader)
    entry_data = {
        "project": small.project.pk,
        "date": "2013-03-15",
        "amount": "1000.50",
        "voucher": "M1",
        "work_area": small.area_a.pk,
        "category": small.category["Resor"].pk,
        "financier": small.ovik.pk,
        "description": "Manuell post",
    }
    response = client.post(reverse("cost_entry:add"), entry_data)
    assert response.status_code == 302
    assert_one_truth(small)
    entry = CostEntry.objects.get(voucher="M1")
    response = client.post(
        reverse("cost_entry:edit", args=[entry.pk]),
        {**entry_data, "date": "2014-02-01", "amount": "10.00", "financier": ""},
    )
    assert response.status_code == 302
    assert_one_truth(small)
    assert client.post(reverse("cost_entry:delete", args=[entry.pk])).status_code == 302
    assert not CostEntry.objects.filter(voucher="M1").exists()
    assert_one_truth(small)
    cost_import.undo_import(second)
    assert_one_truth(small)
