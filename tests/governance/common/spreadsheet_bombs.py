"""Hostile spreadsheets, built at run time (never committed): the files of issue 17 that
exhausted a worker's memory. Each is a real .xlsx that Excel and openpyxl would open, or a
real CSV; the bench script bench/bench_spreadsheet_limits.py measures them too."""

import datetime
import io
import zipfile

import openpyxl

SHEET_PART = "xl/worksheets/sheet1.xml"
STRINGS_PART = "xl/sharedStrings.xml"
MAIN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
HEADER_ROW = (
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>Datum</t></is></c>'
    b'<c r="B1" t="inlineStr"><is><t>Belopp</t></is></c></row>'
)
MB = 1024 * 1024


def _template_parts():
    """The parts of a small workbook openpyxl writes (content types, relations, styles)."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["Datum", "Belopp"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xlsx_with(parts):
    """A workbook whose parts are the template's, with `parts` ({name: bytes or an iterable
    of bytes chunks}) put in their place, deflated as Excel does."""
    buffer = io.BytesIO()
    template = _template_parts()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in {**template, **parts}:
            content = parts.get(name, template.get(name))
            with archive.open(name, "w", force_zip64=True) as part:
                for chunk in [content] if isinstance(content, bytes) else content:
                    part.write(chunk)
    return buffer.getvalue()


def zip_bomb(unpacked_mb=200):
    """About 200 KB that unpack to 200 MB: a sheet padded with white space."""
    padding = b" " * MB

    def sheet():
        yield MAIN + b"<sheetData>" + HEADER_ROW
        for _ in range(unpacked_mb):
            yield padding
        yield b"</sheetData></worksheet>"

    return xlsx_with({SHEET_PART: sheet()})


def shared_strings_bomb(count=600_000):
    """About 1.5 MB: a shared-strings table of 600 000 different strings (14 MB unpacked)
    that openpyxl would read whole into memory before the first row."""

    def strings():
        yield (
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'count="%d" uniqueCount="%d">' % (count, count)
        )
        for start in range(0, count, 10_000):
            yield b"".join(b"<si><t>%07d</t></si>" % n for n in range(start, start + 10_000))
        yield b"</sst>"

    first_string = b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    sheet = MAIN + b"<sheetData>" + first_string + b"</sheetData></worksheet>"
    return xlsx_with({STRINGS_PART: strings(), SHEET_PART: sheet})


def million_empty_rows(rows=1_000_000):
    """A sheet with a header and a million empty rows, as a program that formats whole
    columns writes them."""

    def sheet():
        yield MAIN + b"<sheetData>" + HEADER_ROW
        for start in range(2, rows + 2, 50_000):
            yield b"".join(b'<row r="%d"/>' % n for n in range(start, start + 50_000))
        yield b"</sheetData></worksheet>"

    return xlsx_with({SHEET_PART: sheet()})


def far_row(row_number=1_000_000):
    """A header and one value a million rows further down: the rows between are not in
    the file, openpyxl makes them up while reading."""
    sheet = (
        MAIN + b"<sheetData>" + HEADER_ROW
        + b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (row_number, row_number)
        + b"</sheetData></worksheet>"
    )  # fmt: skip
    return xlsx_with({SHEET_PART: sheet})


def wide_row(column_letters="EZ"):
    """A header and a value in column EZ (156)."""
    far_cell = b'<c r="%s2"><v>2</v></c>' % column_letters.encode()
    sheet = (
        MAIN + b"<sheetData>" + HEADER_ROW
        + b'<row r="2"><c r="A2"><v>1</v></c>' + far_cell + b"</row>"
        + b"</sheetData></worksheet>"
    )  # fmt: skip
    return xlsx_with({SHEET_PART: sheet})


def large_csv(megabytes=19):
    """A ledger export of about 19 MB in Windows-1252 with semicolons: 330 000 rows."""
    line = "{date};{amount},00;Resor;A;V{number};Resa Örnsköldsvik–Umeå tur och retur\r\n"
    lines = ["Datum;Belopp;Kostnadsslag;Arbetsområde;Verifikation;Text\r\n"]
    size, number = 0, 0
    start = datetime.date(2013, 1, 1)
    while size < megabytes * MB:
        number += 1
        text = line.format(
            date=start + datetime.timedelta(days=number % 700), amount=number % 9000, number=number
        )
        lines.append(text)
        size += len(text)
    return "".join(lines).encode("cp1252")
