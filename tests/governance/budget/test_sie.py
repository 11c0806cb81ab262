"""SIE 4 files: the reader (governance/budget/sie.py) and their import, on a file shaped
like a municipality's export (files/verifikationer-2013.se, code page 437): two projects'
objects, a cost centre, balance and income rows, #RTRANS/#BTRANS corrections, and the
labels a real export carries (#IB, #UB, #RES, #PSALDO, #SRU …)."""

import datetime
import io
from decimal import Decimal
from pathlib import Path

from django.urls import reverse

import pytest

from governance.budget import cost_import, sie
from governance.budget.cost_import import ImportFileError, ImportRejected, SieChoice
from governance.budget.models import AccountMapping, CostEntry, CostImportBatch
from tests.governance.budget.fixtures import build_small_budget

D = Decimal
SIE_FILE = Path(__file__).parent / "files" / "verifikationer-2013.se"


@pytest.fixture
def small(db):
    return build_small_budget()


def sie_bytes():
    return SIE_FILE.read_bytes()


def line_of(text):
    """The line number of the first line of the fixture holding `text`."""
    lines = sie_bytes().decode("cp437").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def test_the_fixture_is_code_page_437_as_the_standard_says():
    assert "Ö".encode("cp437") in sie_bytes()
    with pytest.raises(UnicodeDecodeError):
        sie_bytes().decode("utf-8")


def test_the_summary_names_dimensions_objects_and_accounts_with_row_counts():
    summary = sie.summarise(io.BytesIO(sie_bytes()))
    assert summary.company == "Örnsköldsviks kommun"
    assert summary.program == "Raindance 5.2"
    assert summary.dimensions == {1: "Kostnadsställe", 6: "Projekt"}
    assert summary.objects[(6, "P456")] == 'Skolutveckling "Läslyftet"'
    assert summary.accounts[7510] == "Arbetsgivaravgifter 31,42 %"
    assert (summary.voucher_count, summary.transaction_count) == (6, 16)
    # #RTRANS and #BTRANS rows are not counted: the #TRANS after an #RTRANS is the row.
    assert summary.object_choices() == [
        (1, "1100", "Kostnadsställe", "Näringslivskontoret"),
        (6, "P123", "Projekt", "Arbetsmarknadsregion Umeå-Örnsköldsvik"),
        (6, "P456", "Projekt", 'Skolutveckling "Läslyftet"'),
    ]
    assert summary.object_rows == {(1, "1100"): 3, (6, "P123"): 10, (6, "P456"): 1}


def test_transactions_take_the_voucher_date_and_text_when_they_have_none():
    rows = [row for row in sie.read(io.BytesIO(sie_bytes())) if row.voucher == "A 13"]
    assert [(r.account, r.amount, r.date, r.text) for r in rows] == [
        (5010, D("8000.00"), datetime.date(2013, 3, 1), "Lokal och resor"),
        (5810, D("1250.00"), datetime.date(2013, 3, 1), "Tåg Umeå-Örnsköldsvik"),
        (5810, D("430.00"), datetime.date(2013, 3, 2), "Buss till Nordmaling"),
        (2440, D("-9680.00"), datetime.date(2013, 3, 1), "Lokal och resor"),
    ]
    assert rows[1].objects == ((1, "1100"), (6, "P123"))
    assert rows[1].line == line_of("Tåg Umeå")


def test_the_same_file_in_utf_8_reads_the_same():
    utf8 = sie_bytes().decode("cp437").encode("utf-8")
    assert sie.summarise(io.BytesIO(utf8)).objects == sie.summarise(io.BytesIO(sie_bytes())).objects
    with_bom = b"\xef\xbb\xbf" + utf8
    assert sie.summarise(io.BytesIO(with_bom)).company == "Örnsköldsviks kommun"


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ('#KONTO 5010 "Lokalhyra"', ["#KONTO", "5010", "Lokalhyra"]),
        ('#OBJEKT 6 "P1" "Sägen \\"Nej\\""', ["#OBJEKT", "6", "P1", 'Sägen "Nej"']),
        ('#TRANS 5010 {6 "P 1" 1 "10"} -1.5', ["#TRANS", "5010", ["6", "P 1", "1", "10"], "-1.5"]),
        ('#TRANS 5010 {} 10 "" ""', ["#TRANS", "5010", [], "10", "", ""]),
        ("#VER\tA\t1\t20130101", ["#VER", "A", "1", "20130101"]),
        ('#KONTO 5010 "Ej avslutad', ["#KONTO", "5010", "Ej avslutad"]),
    ],
)
def test_fields_with_quotes_escapes_object_lists_and_tabs(line, fields):
    assert sie.tokens(line) == fields


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Konto;Belopp\r\n5010;100\r\n", "Filen är inte en SIE-fil"),
        (b"#FLAGGA 0\r\n#TRANS 5010 {} 100\r\n", "Rad 2: en #TRANS-rad utanför en verifikation"),
        (
            b"#FLAGGA 0\r\n#VER A 1 2013-02-24\r\n{\r\n}\r\n",
            "Rad 2: ”2013-02-24” är inte ett datum",
        ),
        (
            b"#FLAGGA 0\r\n#VER A 1 20130224\r\n{\r\n#TRANS 50X0 {} 1\r\n}\r\n",
            "Rad 4: ”50X0” är inte ett kontonummer.",
        ),
        (
            b"#FLAGGA 0\r\n#VER A 1 20130224\r\n{\r\n#TRANS 5010 {} ett\r\n}\r\n",
            "Rad 4: ”ett” är inte ett belopp.",
        ),
        (b"#FLAGGA 0\r\n#KONTO 5010 " + b"x" * 20_000 + b"\r\n", "Rad 2 i filen är längre än"),
        (b"#FLAGGA 0\r\n#SIETYP 1\r\n#UB 0 1930 100.00\r\n", "SIE-filen har inga verifikationer"),
    ],
)
def test_a_broken_file_is_refused_with_its_line_in_swedish(content, message):
    with pytest.raises(sie.SieError, match=message):
        list(sie.read(io.BytesIO(content)))  # every row, as the import reads its object's
        sie.summarise(io.BytesIO(content))


def test_a_sie_file_is_told_from_spreadsheets_by_its_first_bytes():
    assert cost_import.file_kind(io.BytesIO(sie_bytes()), "export.txt") == cost_import.SIE
    with pytest.raises(ImportFileError, match="Filen är inte en SIE-fil"):
        cost_import.file_kind(io.BytesIO(b"Konto;Belopp\r\n"), "export.se")


# Importing -----------------------------------------------------------------------------


def choice(small, object_id="P123"):
    return SieChoice(6, object_id, small.area_b)


def map_depreciation(small):
    AccountMapping.objects.create(
        project=small.project,
        first_account=7800,
        last_account=7899,
        category=small.category["Utrustning"],
        note="Avskrivningar",
    )


def test_an_unmapped_account_stops_the_import_and_is_listed_once(small):
    validation = cost_import.validate_sie(
        small.project, io.BytesIO(sie_bytes()), "v.se", choice(small)
    )
    assert not validation.is_valid and validation.error_count == 0
    assert [(a.account, a.name, a.rows) for a in validation.unmapped_accounts] == [
        (7831, "Avskrivningar på inventarier och verktyg", 1)
    ]
    with pytest.raises(ImportRejected):
        cost_import.import_sie(small.project, io.BytesIO(sie_bytes()), "v.se", choice(small))
    assert CostImportBatch.objects.count() == 0


def test_the_rows_of_the_chosen_object_are_imported_with_their_vouchers(small, project_leader):
    map_depreciation(small)
    # "A 12" came in with an earlier import of the same accounts.
    CostEntry.objects.create(
        project=small.project,
        date=datetime.date(2013, 2, 24),
        amount=D("12500.00"),
        category=small.category["Lokaler"],
        work_area=small.area_b,
        voucher="A 12",
    )
    before = CostEntry.objects.count()
    batch, validation = cost_import.import_sie(
        small.project,
        io.BytesIO(sie_bytes()),
        "verifikationer-2013.se",
        choice(small),
        project_leader,
    )
    # P123 has 10 rows: 2 on balance accounts (1930, 1229), 1 on an income account (3010),
    # 7 costs, of which A 12 was already imported.
    assert (validation.row_count, validation.balance_rows, validation.income_rows) == (10, 2, 1)
    assert (batch.row_count, batch.duplicate_count) == (6, 1)
    # 1 250 + 430 + 38 000 + 11 939,60 + 45 000 + 2 000
    assert batch.total_amount == D("98619.60")
    assert CostEntry.objects.count() == before + 6
    entries = {e.voucher: e for e in CostEntry.objects.filter(batch=batch)}
    assert sorted(entries) == ["A 13/1", "A 13/2", "A 20", "B 7", "L 3/1", "L 3/2"]
    salary = entries["L 3/1"]
    assert (salary.date, salary.amount, salary.category.name, salary.work_area) == (
        datetime.date(2013, 4, 25),
        D("38000.00"),
        "Personal",
        small.area_b,
    )
    assert salary.description == "Löner april"
    assert entries["A 13/2"].description == "Buss till Nordmaling"
    assert entries["A 20"].category.name == "Utrustning"
    assert entries["B 7"].amount == D("45000.00")  # the #TRANS, not the removed #BTRANS
    assert cost_import.saved_sie_choice(small.project) == (6, "P123")

    # The same file again adds nothing.
    batch_again, validation = cost_import.import_sie(
        small.project, io.BytesIO(sie_bytes()), "verifikationer-2013.se", choice(small)
    )
    assert batch_again is None and validation.duplicate_count == 7


def test_the_other_project_gets_only_its_own_row(small):
    validation = cost_import.validate_sie(
        small.project, io.BytesIO(sie_bytes()), "v.se", choice(small, "P456")
    )
    assert [(e.voucher, e.amount, e.category.name) for e in validation.entries] == [
        ("A 13", D("8000.00"), "Lokaler")
    ]


def test_a_row_outside_the_project_period_is_an_error_with_its_line(small):
    early = sie_bytes().replace(b"#VER L 3 20130425", b"#VER L 3 20121231")
    validation = cost_import.validate_sie(small.project, io.BytesIO(early), "v.se", choice(small))
    assert [(e.row, e.column) for e in validation.errors] == [
        (line_of("#TRANS 7010"), "Datum"),
        (line_of("#TRANS 7510"), "Datum"),
    ]


# Through the admin ---------------------------------------------------------------------


def test_a_sie_file_through_the_admin_choose_check_and_import(
    small, client, project_leader, django_assert_max_num_queries
):
    map_depreciation(small)
    client.force_login(project_leader)
    upload = io.BytesIO(sie_bytes())
    upload.name = "verifikationer-2013.se"
    response = client.post(
        reverse("budget:import"), {"step": "upload", "project": small.project.pk, "file": upload}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "6 Projekt · P123 Arbetsmarknadsregion Umeå-Örnsköldsvik · 10 rader" in page
    assert "1 Kostnadsställe · 1100 Näringslivskontoret · 3 rader" in page
    assert response.context["sie_form"]["object"].value() == "6:P123"
    token = response.context["token"]

    data = {"token": token, "object": "6:P123", "work_area": small.area_b.pk}
    with django_assert_max_num_queries(30):
        response = client.post(reverse("budget:import"), {**data, "step": "preview"})
    page = response.content.decode()
    assert "Filen har 10 rader: 7 nya kostnadsposter, totalt 111\u00a0119,60\u00a0kr" in page
    assert "2 rader på balanskonton (1xxx–2xxx) tas inte med." in page
    assert "1 rad på ett intäktskonto (3xxx) tas inte med." in page
    assert "L 3/2" in page
    assert CostImportBatch.objects.count() == 0

    response = client.post(reverse("budget:import"), {**data, "step": "confirm"})
    batch = CostImportBatch.objects.get()
    assert response.url == reverse("cost_import:inspect", args=[batch.pk])
    assert (batch.row_count, batch.total_amount, batch.file_name) == (
        7,
        D("111119.60"),
        "verifikationer-2013.se",
    )
    # The undo works as for a spreadsheet.
    client.post(reverse("cost_import:undo", args=[batch.pk]))
    assert not CostEntry.objects.filter(batch=batch).exists()


def test_a_missing_work_area_is_asked_for_not_a_crash(small, client, project_leader):
    client.force_login(project_leader)
    upload = io.BytesIO(sie_bytes())
    upload.name = "verifikationer-2013.se"
    response = client.post(
        reverse("budget:import"), {"step": "upload", "project": small.project.pk, "file": upload}
    )
    data = {"token": response.context["token"], "object": "6:P999", "step": "preview"}
    response = client.post(reverse("budget:import"), data)
    assert response.status_code == 200
    assert set(response.context["sie_form"].errors) == {"object", "work_area"}


def test_a_broken_row_of_the_chosen_object_is_a_message_not_an_error_page(
    small, client, project_leader
):
    client.force_login(project_leader)
    broken = sie_bytes().replace(b'7010 {6 "P123"} 38000.00', b'7010 {6 "P123"} 38000:-')
    upload = io.BytesIO(broken)
    upload.name = "verifikationer-2013.se"
    response = client.post(
        reverse("budget:import"), {"step": "upload", "project": small.project.pk, "file": upload}
    )
    data = {"token": response.context["token"], "object": "6:P123", "work_area": small.area_a.pk}
    response = client.post(reverse("budget:import"), {**data, "step": "preview"}, follow=True)
    assert response.status_code == 200
    assert (
        f"Rad {line_of('#TRANS 7010')}: ”38000:-” är inte ett belopp." in response.content.decode()
    )
    assert CostImportBatch.objects.count() == 0


def test_a_sie_file_over_50_mb_is_refused_before_it_is_read():
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("stor.se", b"#FLAGGA 0\r\n#SIETYP 4\r\n")
    big.size = 50 * 1024 * 1024 + 1
    with pytest.raises(ImportFileError, match="Filen är 50,0 MB. SIE-filer på högst 50 MB"):
        cost_import.check_upload(big)
    big.size = 21 * 1024 * 1024  # more than a spreadsheet may be, and fine for SIE
    cost_import.check_upload(big)
