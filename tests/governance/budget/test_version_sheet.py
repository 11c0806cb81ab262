"""A budget version's Excel round trip in the admin: export, edit the file as a project
leader would in Excel, import with a preview of every change, confirm; bad rows get
Swedish messages and nothing is saved."""

import io
import re
from decimal import Decimal

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from governance.budget import services
from governance.budget.models import BudgetLine
from governance.budget.version_lines import current_amounts
from governance.budget.version_sheet import budget_version_workbook, read_version_sheet
from tests.governance.budget.fixtures import build_small_budget


@pytest.fixture
def small(db):
    return build_small_budget()


def text(response):
    return re.sub(r"[ \t\r\n]+", " ", response.content.decode())


def edited(content, edit):
    """The exported file after `edit(rows)` changed its first sheet's rows (lists of cell
    objects, header first), saved as Excel would."""
    workbook = load_workbook(io.BytesIO(content))
    edit(workbook.worksheets[0])
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    output.name = "budget-redigerad.xlsx"
    return output


def row_of(sheet, work_area, category):
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == work_area and row[2].value == category:
            return row
    raise AssertionError(f"no row {work_area} {category}")


def upload(client, version, file):
    response = client.post(reverse("budget_version:import", args=[version.pk]), {"file": file})
    assert response.status_code == 302, text(response)[-2000:]
    return response.url


def table_rows(page, table_id):
    match = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', page, re.S)
    if match is None:
        return []
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(1), re.S)
    return [
        [re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", "", cell)).strip(" \n") for cell in cells]
        for cells in (re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows)
    ]


def test_the_round_trip_changes_exactly_what_the_preview_showed(small, client, project_leader):
    draft = services.new_draft_from(small.v1)  # 4 lines, 180 000,75 kr
    client.force_login(project_leader)
    exported = client.get(reverse("budget_version:export", args=[draft.pk]))
    assert exported.status_code == 200

    def edit(sheet):
        # Change one amount as text the Swedish way, remove a row, add a quarterly row.
        row_of(sheet, "A. Arbetsgivare", "Personal")[6].value = "110 000,50"
        sheet.delete_rows(row_of(sheet, "B. Styrkor", "Externa tjänster")[0].row)
        totals = sheet.max_row
        sheet.insert_rows(totals)
        for column, value in enumerate(["B", None, "Resor", "Umeå kommun", 2014, 3, 7500], 1):
            sheet.cell(row=totals, column=column, value=value)

    before, _ids = current_amounts(draft)
    preview_url = upload(client, draft, edited(exported.content, edit))
    preview = client.get(preview_url)
    page = preview.content.decode()
    assert "Poster att lägga till: 1. Att ändra: 1. Att ta bort: 1. Oförändrade: 2." in text(
        preview
    )
    assert table_rows(page, "budget-import-added") == [
        [
            "B. Styrkor · Resor · Umeå kommun · 2014 kv 3",
            "–",
            "7\xa0500,00\xa0kr",
            "7\xa0500,00\xa0kr",
        ]
    ]
    assert table_rows(page, "budget-import-changed") == [
        [
            "A. Arbetsgivare · Personal · Umeå kommun · 2013",
            "100\xa0000,00\xa0kr",
            "110\xa0000,50\xa0kr",
            "10\xa0000,50\xa0kr",
        ]
    ]
    assert table_rows(page, "budget-import-removed") == [
        [
            "B. Styrkor · Externa tjänster · 2013",
            "20\xa0000,00\xa0kr",
            "–",
            "\u221220\xa0000,00\xa0kr",
        ]
    ]
    assert draft.lines.count() == 4  # the preview saved nothing

    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', page).group(1)
    response = client.post(preview_url, {"fingerprint": fingerprint})
    assert response.url == reverse("budget_version:edit", args=[draft.pk])
    after, _ids = current_amounts(draft)
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    assert len(changed) == 3
    assert sorted(after.get(key) or Decimal(0) for key in changed) == [
        Decimal(0),
        Decimal("7500.00"),
        Decimal("110000.50"),
    ]
    assert sum(after.values()) == Decimal("180000.75") + Decimal("10000.50") + Decimal(
        "7500"
    ) - Decimal("20000")
    # Confirming twice is not importing twice: the upload is gone.
    assert client.post(preview_url, {"fingerprint": fingerprint}).status_code == 404


def test_an_unchanged_export_imports_as_no_change(small):
    draft = services.new_draft_from(small.v1)
    result = read_version_sheet(draft, io.BytesIO(budget_version_workbook(draft)))
    assert result.is_valid, result.errors
    assert not result.changes and result.changes.unchanged == 4


def test_bad_rows_get_swedish_messages_and_nothing_is_saved(small, client, project_leader):
    draft = services.new_draft_from(small.v1)
    client.force_login(project_leader)
    exported = client.get(reverse("budget_version:export", args=[draft.pk])).content

    def edit(sheet):
        rows = list(sheet.iter_rows(min_row=2, max_row=5))
        rows[0][6].value = "tjugotusen"
        rows[1][0].value = "Q. Finns inte"
        rows[2][2].value = "Resekostnader"
        rows[3][4].value = 1999
        rows[3][5].value = 5

    preview_url = upload(client, draft, edited(exported, edit))
    response = client.get(preview_url)
    page = text(response)
    assert "Filen har 5 fel. Inget har sparats." in page
    errors = table_rows(response.content.decode(), "budget-import-errors")
    assert ["2", "Belopp", "”tjugotusen” är inte ett belopp."] in errors
    assert ["3", "Arbetsområde", "Projektet Test har inget arbetsområde ”Q”."] in errors
    assert errors[2][:2] == ["4", "Kostnadsslag"] and "Resekostnader" in errors[2][2]
    assert ["5", "År", "1999 är inget år från 2000 till 2100."] in errors
    assert errors[4][:2] == ["5", "Kvartal"]
    assert 'name="fingerprint"' not in response.content.decode()  # no button to import
    # A post of the preview saves nothing either.
    response = client.post(preview_url, {"fingerprint": "x"})
    assert response.status_code == 200
    assert draft.lines.count() == 4
    assert sorted(draft.lines.values_list("amount", flat=True)) == sorted(
        small.v1.lines.values_list("amount", flat=True)
    )


def test_a_changed_version_since_the_preview_is_checked_again(small, client, project_leader):
    draft = services.new_draft_from(small.v1)
    client.force_login(project_leader)
    exported = client.get(reverse("budget_version:export", args=[draft.pk])).content

    def edit(sheet):
        row_of(sheet, "A. Arbetsgivare", "Personal")[6].value = 99000

    preview_url = upload(client, draft, edited(exported, edit))
    page = client.get(preview_url).content.decode()
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', page).group(1)
    # Meanwhile someone edits the same line in the grid.
    line = draft.lines.get(category__name="Personal", work_area__code="A")
    BudgetLine.objects.filter(pk=line.pk).update(amount=Decimal("99000"))
    response = client.post(preview_url, {"fingerprint": fingerprint})
    assert response.status_code == 200
    assert "har ändrats sedan du granskade filen" in text(response)


def test_an_approved_version_is_not_imported_into(small, client, project_leader):
    client.force_login(project_leader)
    response = client.get(reverse("budget_version:import", args=[small.v1.pk]))
    assert response.url == reverse("budget_version:inspect", args=[small.v1.pk])


def test_a_file_that_is_not_a_workbook_gets_a_message(small, client, project_leader):
    draft = services.new_draft_from(small.v1)
    client.force_login(project_leader)
    file = io.BytesIO(b"%PDF-1.4 not a workbook")
    file.name = "budget.xlsx"
    response = client.get(upload(client, draft, file))
    assert "kunde inte läsas som en Excel-arbetsbok" in text(response)
    assert draft.lines.count() == 4
