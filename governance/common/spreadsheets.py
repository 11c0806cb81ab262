"""Spreadsheets in and out of the governance slices: one writer for every Excel export and
one header-mapped reader for every Excel or CSV import.

Writing: `Workbook()` wraps openpyxl's write-only mode for the layout and styles, and
writes the rows' XML itself into a temporary file (an openpyxl cell per value was most of
the time of a big export): 100 000 cost entries take well under a second and little
memory. Control characters XML cannot hold are left out of text, and text is cut at the
32 767 characters a cell holds. `workbook.sheet(title,
columns)` takes (heading, kind, width) columns, writes a bold heading row, freezes it and
puts an auto filter over the table; `sheet.row(...)` formats money, percentages, dates
and numbers by the column's kind; `sheet.totals(...)` and `sheet.sum_totals(label)` end
the table with a bold totals row; `workbook.bytes()` is the .xlsx file, and
`workbook.save(file)` writes it into a file instead of memory.

Text from users is never run as a formula: a str that a spreadsheet program would read as
one (it starts with =, +, -, @, a tab or a carriage return) or as an error value (#N/A) is
written as a text cell. The only way to write a formula is to say so: `Formula("=SUM(…)")`.

Reading: `read_table(file, kind)` opens the first sheet of an .xlsx file (openpyxl in
read-only mode, computed values) or a CSV file (UTF-8 with or without BOM, or
Windows-1252; semicolons, commas or tabs), takes the first non-blank row as the header and
yields (row number as Excel shows it, values) for every non-blank row below it. Whatever
a damaged file makes openpyxl raise, when opening or later while reading the rows, is one
`UnreadableFile`. `map_columns()` finds the header columns that mean a field by their
normalised text.

Limits: an upload is a file from outside, and a small .xlsx can unpack to gigabytes (a zip
bomb) or to millions of shared strings that openpyxl keeps in memory. Before openpyxl sees
a file, `check_spreadsheet` refuses one larger than SPREADSHEET_MAX_UPLOAD_BYTES, a zip whose
parts unpack (declared, and then counted while streaming with a cap, since a zip can lie
about its sizes) to more than SPREADSHEET_MAX_UNCOMPRESSED_BYTES, a part openpyxl reads whole
(shared strings, styles) beyond SPREADSHEET_MAX_SHARED_STRINGS_BYTES, and a sheet or CSV with
more than SPREADSHEET_MAX_ROWS rows. While the rows are read, a row number beyond the limit,
a value right of SPREADSHEET_MAX_COLUMNS or reading longer than SPREADSHEET_MAX_SECONDS stops
it. Each refusal is a `SpreadsheetRefused` (an UnreadableFile) whose text is the Swedish
message; `validate_spreadsheet_upload` is the same check as a form field validator, so that
a refused upload is never stored.
"""

import codecs
import csv
import datetime
import io
import re
import tempfile
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import WINDOWS_EPOCH, to_excel

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX, CSV = "xlsx", "csv"

# ---------------------------------------------------------------------------------------
# Writing

# Excel's locale-neutral number codes: a Swedish Excel shows `#,##0.00 "kr"` as
# 1 234 567,50 kr (space between thousands, comma before öre).
MONEY_FORMAT = '#,##0.00 "kr"'
PERCENT_FORMAT = "0.0 %"
DATE_FORMAT = "yyyy-mm-dd"

TEXT, MONEY, PERCENT, DATE, NUMBER = "text", "money", "percent", "date", "number"
FORMATS = {MONEY: MONEY_FORMAT, PERCENT: PERCENT_FORMAT, DATE: DATE_FORMAT}

BOLD = Font(bold=True)
HEADING_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
# What makes a spreadsheet program run a cell's text as a formula (CSV/formula injection).
FORMULA_STARTS = frozenset("=+-@\t\r")


@dataclass(frozen=True)
class Formula:
    """A formula the export means to write, e.g. Formula("=SUM(B2:B9)"). Text from a user
    is a str and stays text; only a Formula becomes one."""

    text: str

    def __post_init__(self):
        if not self.text.startswith("="):
            raise ValueError(f"A formula starts with '=': {self.text!r}")


class Column(NamedTuple):
    heading: object  # str or a lazy translation
    kind: str = TEXT
    width: float | None = None


def is_formula_like(value):
    """True for a str that a spreadsheet program would not show as the text it is."""
    first = value[:1]
    return first in FORMULA_STARTS or (first == "#" and value in ERROR_CODES)


class Workbook:
    """A write-only workbook of sheets; `bytes()` or `save(file)` finishes it.

    openpyxl writes everything around the rows (styles, column widths, frozen panes, the
    auto filter, charts); the rows themselves each Sheet writes as worksheet XML of its own
    into a temporary file, and `bytes()` puts them into openpyxl's empty <sheetData>. An
    openpyxl cell object per value was most of the time of a 100 000-row export."""

    def __init__(self):
        self._workbook = openpyxl.Workbook(write_only=True)
        self._sheets = []

    def sheet(self, title, columns, *, caption=None, lines=()):
        """A sheet holding one table. `caption` (bold) and `lines` are written above the
        heading row, followed by a blank row."""
        worksheet = self._workbook.create_sheet(title=str(title)[:31])
        sheet = Sheet(worksheet, columns, caption=caption, lines=lines)
        self._sheets.append(sheet)
        return sheet

    def bytes(self):
        """Finishes the workbook: the .xlsx file."""
        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()

    def save(self, file):
        """Finishes the workbook and writes the .xlsx file into `file` (binary and
        seekable), for a file too large to hold in memory (the background export)."""
        for sheet in self._sheets:
            sheet._finish()
        skeleton = io.BytesIO()
        self._workbook.save(skeleton)  # gives each worksheet its part name
        sheets = {sheet.worksheet.path.lstrip("/"): sheet for sheet in self._sheets}
        with (
            zipfile.ZipFile(skeleton) as source,
            zipfile.ZipFile(
                file, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=SHEET_COMPRESSION
            ) as target,
        ):
            for info in source.infolist():
                sheet = sheets.get(info.filename)
                if sheet is None:
                    target.writestr(info, source.read(info))
                else:
                    sheet._write_part(target, info, source.read(info))
        for sheet in self._sheets:
            sheet._close()


# The worksheet XML of the rows, as openpyxl writes it: strings inline, numbers with 16
# significant digits, dates as Excel's day numbers, "s" the cell's style (cellXfs) id.
EMPTY_SHEET_DATA = (b"<sheetData></sheetData>", b"<sheetData/>")
MAX_TEXT = 32767  # characters in a cell, as openpyxl cuts them
NO_NUMBER = frozenset(("nan", "inf", "-inf"))
# What clean_text or _escape would change in a text.
NEEDS_CARE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f&<>\r]").search
PRESERVE = ' xml:space="preserve"'
# zlib's level 3 packs the rows' XML three times faster than its default (6), into a file
# a few per cent larger.
SHEET_COMPRESSION = 3
# Written to the temporary file in pieces of about this many rows.
ROWS_PER_WRITE = 1000
# A column remembers the XML of at most this many of its texts (none longer than
# KNOWN_LENGTH) and dates, so that a column of unique values costs little memory.
KNOWN_VALUES = 4096
KNOWN_LENGTH = 100


def clean_text(value):
    """`value` as a cell can hold it: without the control characters XML cannot carry
    (openpyxl would refuse the whole export), and at most 32 767 characters."""
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > MAX_TEXT:
        value = value[:MAX_TEXT]
    return value


def _escape(value):
    """Text as XML character data; a carriage return as a reference, since an XML reader
    turns a literal one into a line feed."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def _inline_string(value):
    """The <is> of a text cell; `value` is clean_text already and not empty."""
    space = PRESERVE if value[0].isspace() or value[-1].isspace() else ""
    return f"<is><t{space}>{_escape(value)}</t></is>"


EPOCH_ORDINAL = WINDOWS_EPOCH.toordinal()


def _excel_date(value):
    """A datetime.date as Excel's day number (openpyxl's to_excel, without its datetime)."""
    days = value.toordinal() - EPOCH_ORDINAL
    if 0 < days <= 60:  # Excel's 29 February 1900
        days -= 1
    return days


class Sheet:
    def __init__(self, worksheet, columns, *, caption=None, lines=()):
        self.worksheet = worksheet
        self.columns = [Column(*column) for column in columns]
        self.kinds = [column.kind for column in self.columns]
        self.rows = 0  # data rows written, not counting headings and totals
        self._row_number = 0  # rows written, as Excel numbers them
        self._parts = []  # row XML not yet in the file
        self._file = None  # a temporary file, once there are many rows
        self._letters = [get_column_letter(index) for index in range(1, len(self.columns) + 1)]
        # Per column, the XML after `r="…"` of the texts and dates written so far: a
        # column's names, codes and dates repeat from row to row.
        self._known = [{} for _letter in self._letters]
        self._epoch_is_windows = worksheet.parent.epoch == WINDOWS_EPOCH
        # The style ids of the plain data cells, from openpyxl's own stylesheet.
        self._style_ids = {}
        self._quote_style = self._style(quote_prefix=True)
        self._date_style = self._style(DATE_FORMAT)
        # Write-only sheets take their layout before the first row.
        for index, column in enumerate(self.columns, start=1):
            if column.width:
                worksheet.column_dimensions[get_column_letter(index)].width = column.width
        above = []
        if caption is not None:
            above.append([self._text_cell(str(caption), bold=True)])
        above += [[self._text_cell(str(line))] for line in lines]
        if above:
            above.append([])
        self.heading_row = len(above) + 1
        worksheet.freeze_panes = f"A{self.heading_row + 1}"
        for row in above:
            self._append(row)
        headings = [
            self._text_cell(str(column.heading), bold=True, alignment=HEADING_ALIGNMENT)
            for column in self.columns
        ]
        self._append(headings)

    def row(self, *values, kinds=None):
        """A data row, each value formatted by its column's kind (or by `kinds`, for a
        row whose cells differ from their columns). Percentages are given in per cent."""
        kinds = kinds or self.kinds
        if len(values) > len(kinds):
            raise ValueError(f"{len(values)} values for {len(kinds)} columns")
        # An export of 100 000 rows passes here a million times: text, numbers and dates
        # become XML here, the rare rest goes through an openpyxl cell (_slow_cell).
        if len(values) > len(self._letters):
            self._letters = [get_column_letter(index) for index in range(1, len(values) + 1)]
            self._known += [{} for _letter in self._letters[len(self._known) :]]
        self._row_number += 1
        number = str(self._row_number)
        styles = self._style_ids
        needs_care = NEEDS_CARE
        cells = []
        append = cells.append
        for value, kind, letter, known in zip(
            values, kinds, self._letters, self._known, strict=False
        ):
            value_class = value.__class__
            if value is None:
                continue
            if value_class is str:
                tail = known.get(value)
                if tail is None:
                    # clean_text, is_formula_like and _inline_string, spelt out for speed.
                    text = value
                    if needs_care(text) or len(text) > MAX_TEXT:
                        text = clean_text(text)
                        xml = _escape(text)
                    else:
                        xml = text
                    if not text:
                        continue
                    first = text[0]
                    space = PRESERVE if first.isspace() or text[-1].isspace() else ""
                    if first in FORMULA_STARTS or (first == "#" and text in ERROR_CODES):
                        style = self._quote_style
                    else:
                        style = ""
                    tail = f'{style} t="inlineStr"><is><t{space}>{xml}</t></is></c>'
                    if len(value) <= KNOWN_LENGTH and len(known) < KNOWN_VALUES:
                        known[value] = tail
                append(f'<c r="{letter}{number}"{tail}')
            elif value_class is Decimal or value_class is int or value_class is float:
                if kind == PERCENT:
                    value = value / 100
                style = styles.get(kind)
                if style is None:
                    style = self._kind_style(kind)
                text = "%.16g" % value  # noqa: UP031 - openpyxl's number text (a Decimal as float)
                if text in NO_NUMBER:
                    text = ""
                append(f'<c r="{letter}{number}"{style} t="n"><v>{text}</v></c>')
            elif (
                value_class is datetime.date
                and kind != MONEY
                and kind != PERCENT
                and self._epoch_is_windows
            ):
                tail = known.get(value)
                if tail is None:
                    tail = f'{self._date_style} t="n"><v>{_excel_date(value)}</v></c>'
                    if len(known) < KNOWN_VALUES:
                        known[value] = tail
                append(f'<c r="{letter}{number}"{tail}')
            else:
                append(self._slow_cell(value, kind, False, letter, number))
        self._parts.append(f'<row r="{number}">{"".join(cells)}</row>')
        if len(self._parts) >= ROWS_PER_WRITE:
            self._flush()
        self.rows += 1

    def totals(self, *values):
        """A bold totals row below the data; the auto filter leaves it out."""
        if len(values) > len(self.kinds):
            raise ValueError(f"{len(values)} values for {len(self.kinds)} columns")
        if len(values) > len(self._letters):
            self._letters = [get_column_letter(index) for index in range(1, len(values) + 1)]
        self._row_number += 1
        number = str(self._row_number)
        cells = [
            self._slow_cell(value, kind, True, letter, number)
            for value, kind, letter in zip(values, self.kinds, self._letters, strict=False)
            if value is not None
        ]
        self._parts.append(f'<row r="{number}">{"".join(cells)}</row>')

    def sum_totals(self, label):
        """A totals row of SUM formulas under the money columns, computed by the
        spreadsheet program; nothing when the table has no rows."""
        if not self.rows:
            return
        first, last = self.heading_row + 1, self.heading_row + self.rows
        values = [label]
        for index, kind in enumerate(self.kinds[1:], start=2):
            letter = get_column_letter(index)
            total = Formula(f"=SUM({letter}{first}:{letter}{last})") if kind == MONEY else None
            values.append(total)
        self.totals(*values)

    def _finish(self):
        last_row = max(self.heading_row + self.rows, self.heading_row + 1)
        last_column = get_column_letter(len(self.columns))
        self.worksheet.auto_filter.ref = f"A{self.heading_row}:{last_column}{last_row}"

    # The rows' XML -----------------------------------------------------------------------

    def _style(self, number_format=None, bold=False, quote_prefix=False):
        """The ` s="…"` attribute of a cell so styled, or "" for no style."""
        cell = WriteOnlyCell(self.worksheet)
        if number_format:
            cell.number_format = number_format
        if bold:
            cell.font = BOLD
        if quote_prefix:
            cell.quotePrefix = True
        return f' s="{cell.style_id}"' if cell.has_style else ""

    def _kind_style(self, kind):
        style = self._style_ids[kind] = self._style(FORMATS.get(kind))
        return style

    def _append(self, cells):
        """A row of openpyxl cells (the caption, lines and headings)."""
        self._row_number += 1
        number = str(self._row_number)
        xml = "".join(
            _cell_xml(cell, f"{letter}{number}")
            for cell, letter in zip(cells, self._letters, strict=False)
        )
        self._parts.append(f'<row r="{number}">{xml}</row>' if xml else f'<row r="{number}"/>')

    def _slow_cell(self, value, kind, bold, letter, number):
        """One cell through an openpyxl cell, the way the exports always wrote it."""
        if value.__class__ is str:
            value = clean_text(value)
            if is_formula_like(value):
                return _cell_xml(self._text_cell(value, bold=bold), f"{letter}{number}")
        elif isinstance(value, Promise):
            value = clean_text(str(value))
        if (
            bold
            or kind in FORMATS
            or isinstance(value, Formula | str)
            or value.__class__ is not datetime.date
        ):
            cell = self._cell(value, kind, bold)
        else:
            cell = WriteOnlyCell(self.worksheet, value=value)
        return _cell_xml(cell, f"{letter}{number}")

    def _flush(self):
        if self._file is None:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Workbook.save()
        self._file.write("".join(self._parts).encode())
        self._parts.clear()

    def _write_part(self, archive, info, skeleton):
        """The worksheet part `skeleton` (openpyxl's, without rows) with the rows in it."""
        for empty in EMPTY_SHEET_DATA:
            head, found, tail = skeleton.partition(empty)
            if found:
                break
        else:
            raise ValueError(f"No empty <sheetData> in {info.filename}")
        self._flush()
        self._file.seek(0, io.SEEK_END)
        size = len(head) + len(tail) + self._file.tell() + len(b"<sheetData></sheetData>")
        self._file.seek(0)
        # By name, so that the part takes the archive's compression level.
        with archive.open(info.filename, "w", force_zip64=size >= zipfile.ZIP64_LIMIT) as stream:
            stream.write(head)
            stream.write(b"<sheetData>")
            while chunk := self._file.read(CHUNK):
                stream.write(chunk)
            stream.write(b"</sheetData>")
            stream.write(tail)

    def _close(self):
        if self._file is not None:
            self._file.close()
            self._file = None

    # openpyxl cells, for the headings, totals and the rare values -----------------------

    def _cell(self, value, kind, bold):
        if isinstance(value, Formula):
            cell = WriteOnlyCell(self.worksheet, value=value.text)
        elif isinstance(value, Promise | str):
            cell = self._text_cell(clean_text(str(value)))
        else:
            if kind == PERCENT and isinstance(value, int | float | Decimal):
                value = value / 100
            cell = WriteOnlyCell(self.worksheet, value=value)
        if kind in FORMATS:
            cell.number_format = FORMATS[kind]
        if bold:
            cell.font = BOLD
        return cell

    def _text_cell(self, value, bold=False, alignment=None):
        """A cell holding `value` as text, whatever it starts with."""
        cell = WriteOnlyCell(self.worksheet, value=clean_text(value))
        if is_formula_like(value):
            cell.data_type = "s"
            cell.quotePrefix = True  # and text still when someone edits the cell in Excel
        if bold:
            cell.font = BOLD
        if alignment is not None:
            cell.alignment = alignment
        return cell


def _cell_xml(cell, reference):
    """An openpyxl cell as the XML openpyxl's writer makes of it (cell/_writer.py)."""
    style = f' s="{cell.style_id}"' if cell.has_style else ""
    value, data_type = cell._value, cell.data_type
    type_attribute = {"s": ' t="inlineStr"', "f": ""}.get(data_type, f' t="{data_type}"')
    if value is None or value == "":
        return f'<c r="{reference}"{style}{type_attribute}/>' if style else ""
    if data_type == "s":
        return f'<c r="{reference}"{style}{type_attribute}>{_inline_string(value)}</c>'
    if data_type == "f":
        return f'<c r="{reference}"{style}><f>{_escape(value[1:])}</f><v/></c>'
    if data_type == "d":
        if getattr(value, "tzinfo", None) is not None:
            raise TypeError("Excel does not support timezones in datetimes.")
        value, data_type = to_excel(value, cell.parent.parent.epoch), "n"
    return f'<c r="{reference}"{style} t="{data_type}"><v>{_escape(safe_string(value))}</v></c>'


# ---------------------------------------------------------------------------------------
# Reading


class UnreadableFile(Exception):
    """The file cannot be read as a spreadsheet of its kind: not a zip, a zip that is no
    workbook (.docx), an old .xls, broken XML, a broken CSV."""


class EmptyFile(UnreadableFile):
    """The file has no bytes, or no row with anything in it."""


@dataclass(frozen=True)
class RowError:
    """One problem in an imported file. `row` is the row number Excel shows, None for a
    problem with the file as a whole; `column` is the header's label."""

    row: int | None
    column: str
    message: str


class Table:
    """The first sheet of a file: its header and, lazily, its non-blank rows below it."""

    def __init__(self, header_row, header, rows):
        self.header_row = header_row  # as Excel shows it
        self.header = header  # the header row's values (cells, when read with cells=True)
        self.headers = [text(value) for value in header]
        self.rows = rows  # iterator of (row number as Excel shows it, values)

    def map_columns(self, labels):
        return map_columns(self.headers, labels)


class SpreadsheetRefused(UnreadableFile):
    """The file is beyond one of the reading limits; str(error) says which, in Swedish."""


@contextmanager
def read_table(file, kind=XLSX, *, cells=False):
    """The first sheet of `file` (bytes or a binary file) as a Table. With `cells`, the
    rows hold cells with `.value` and `.number_format` instead of plain values (an .xlsx
    file only knows that a cell shows 0.5 as 50 %). Raises UnreadableFile (a
    SpreadsheetRefused beyond the limits) or EmptyFile."""
    if isinstance(file, bytes | bytearray):
        file = io.BytesIO(file)
    file.seek(0)
    if not file.read(1):
        raise EmptyFile
    check_spreadsheet(file, kind)
    limits = _Limits()
    if kind == CSV:
        rows = _csv_rows(file)
        if cells:
            rows = ([_CsvCell(value) for value in row] for row in rows)
        yield _table(_guarded(rows, limits), cells)
        return
    try:
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # Files from some programs carry no or a wrong size; read the sheet as it is.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=not cells)
    except Exception as error:
        # openpyxl raises a different exception for each kind of damage; to the user they
        # are all the same problem.
        raise UnreadableFile from error
    try:
        yield _table(_guarded(rows, limits), cells)
    finally:
        workbook.close()


def validate_spreadsheet_upload(uploaded):
    """A form field validator: the limits of `check_spreadsheet` as a ValidationError, so
    that a file beyond them is refused before it is stored."""
    try:
        check_spreadsheet(uploaded)
    except SpreadsheetRefused as refused:
        raise ValidationError(str(refused)) from refused


def check_spreadsheet(file, kind=None):
    """Refuses (SpreadsheetRefused) a file beyond the size, unpacked size or row limits
    without parsing it; `kind` is found from the first bytes when not given. Leaves the file
    at its start."""
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    limit = settings.SPREADSHEET_MAX_UPLOAD_BYTES
    if size > limit:
        raise SpreadsheetRefused(
            _("The file is %(size)s; a spreadsheet may be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    if kind is None:
        kind = XLSX if file.read(4) == b"PK\x03\x04" else CSV
        file.seek(0)
    try:
        if kind == XLSX:
            _check_zip(file)
        else:
            _check_csv(file)
    finally:
        file.seek(0)


def _too_many_rows():
    return SpreadsheetRefused(
        _("The file has more than %(count)s rows. Split it into smaller files.")
        % {"count": number_format(settings.SPREADSHEET_MAX_ROWS, force_grouping=True)}
    )


def _too_large_unpacked(limit):
    return SpreadsheetRefused(
        _(
            "The Excel file unpacks to more than %(limit)s, far more than a spreadsheet of "
            "%(rows)s rows needs. Save it again from Excel, or split it."
        )
        % {
            "limit": filesizeformat(limit),
            "rows": number_format(settings.SPREADSHEET_MAX_ROWS, force_grouping=True),
        }
    )


# openpyxl parses a worksheet as a stream; every other part of the workbook (shared strings,
# styles, the workbook itself) it reads whole into memory.
WORKSHEET_PARTS = "xl/worksheets/"
ROW_TAG = b"<row"
CHUNK = 1024 * 1024


def _check_zip(file):
    """The zip's own sizes first (cheap, and refuses the usual bomb at once), then the
    parts unpacked in chunks, counting what they really hold and stopping at the caps."""
    total_limit = settings.SPREADSHEET_MAX_UNCOMPRESSED_BYTES
    whole_limit = settings.SPREADSHEET_MAX_SHARED_STRINGS_BYTES
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip after all: openpyxl says it cannot read it
    with archive:
        infos = archive.infolist()
        if sum(info.file_size for info in infos) > total_limit:
            raise _too_large_unpacked(total_limit)
        if any(
            info.file_size > whole_limit
            for info in infos
            if not info.filename.startswith(WORKSHEET_PARTS)
        ):
            raise _too_large_unpacked(whole_limit)
        unpacked = 0
        for info in infos:
            is_sheet = info.filename.startswith(WORKSHEET_PARTS)
            part_limit = total_limit if is_sheet else whole_limit
            part_size = rows = 0
            tail = b""
            try:
                with archive.open(info) as part:
                    while chunk := part.read(CHUNK):
                        part_size += len(chunk)
                        unpacked += len(chunk)
                        if part_size > part_limit:
                            raise _too_large_unpacked(part_limit)
                        if unpacked > total_limit:
                            raise _too_large_unpacked(total_limit)
                        if is_sheet:
                            # A tag split between two chunks is counted once, in the tail.
                            rows += (tail + chunk).count(ROW_TAG) - tail.count(ROW_TAG)
                            tail = chunk[-len(ROW_TAG) + 1 :]
                            if rows > settings.SPREADSHEET_MAX_ROWS + 1:  # and a header
                                raise _too_many_rows()
            except SpreadsheetRefused:
                raise
            except Exception:
                return  # a damaged zip: openpyxl says it cannot read it


def _check_csv(file):
    """Counts the lines without keeping them (a quoted text over several lines counts as
    several: the limit is generous)."""
    lines = 0
    while chunk := file.read(CHUNK):
        lines += chunk.count(b"\n")
        if lines > settings.SPREADSHEET_MAX_ROWS + 1:
            raise _too_many_rows()


class _Limits:
    def __init__(self):
        self.rows = settings.SPREADSHEET_MAX_ROWS + 1  # and a header row
        self.columns = settings.SPREADSHEET_MAX_COLUMNS
        self.deadline = time.monotonic() + settings.SPREADSHEET_MAX_SECONDS

    def check(self, number, row):
        if number > self.rows:
            raise _too_many_rows()
        if len(row) > self.columns:
            beyond = row[self.columns :]
            if not all(is_blank(getattr(value, "value", value)) for value in beyond):
                raise SpreadsheetRefused(
                    _("The file has text in more than %(count)s columns.") % {"count": self.columns}
                )
            row = row[: self.columns]  # formatted but empty cells far to the right
        if not number % 1000 and time.monotonic() > self.deadline:
            raise SpreadsheetRefused(
                _("Reading the file took longer than %(seconds)s seconds. Split it into "
                  "smaller files.") % {"seconds": settings.SPREADSHEET_MAX_SECONDS}
            )  # fmt: skip
        return row


class _CsvCell(NamedTuple):
    value: str
    number_format: str = "General"


def _csv_rows(file):
    """The rows of a CSV file, decoded as a stream: UTF-8 (with or without BOM) when the
    whole file is UTF-8, otherwise Windows-1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    encoding = "utf-8-sig"
    first_line = b""
    try:
        while chunk := file.read(CHUNK):
            if not first_line.strip():
                first_line = next((line for line in chunk.splitlines() if line.strip()), b"")
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        encoding = "cp1252"
    file.seek(0)
    first_line = first_line.decode(encoding, errors="replace")
    delimiter = max(";,\t", key=first_line.count)
    # newline="" hands csv the lines with their own ends, as csv wants them.
    stream = io.TextIOWrapper(
        io.BufferedReader(_RawReader(file)), encoding, errors="replace", newline=""
    )
    return csv.reader(stream, delimiter=delimiter)


class _RawReader(io.RawIOBase):
    """Any object with read() (an upload, a stored file) as a raw stream that text can be
    decoded from piece by piece; closing it leaves the file open for the caller."""

    def __init__(self, file):
        self.file = file

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.file.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _guarded(rows, limits):
    """The rows within the limits, turning whatever a damaged file makes the parser raise
    (openpyxl parses lazily, row by row) into UnreadableFile, so that a bad upload is a
    message, not a 500."""
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as error:
            raise UnreadableFile from error
        number += 1
        yield limits.check(number, row)


def _table(rows, cells):
    blank = _is_blank_cells if cells else is_blank_row
    for number, values in enumerate(rows, start=1):
        if not blank(values):
            header_row, header = number, values
            break
    else:
        raise EmptyFile

    def data_rows(number=header_row):
        for values in rows:
            number += 1
            if not blank(values):
                yield number, values

    header_values = [cell.value for cell in header] if cells else header
    return Table(header_row, header_values, data_rows())


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def is_blank_row(values):
    return all(is_blank(value) for value in values)


def _is_blank_cells(cells):
    return all(is_blank(cell.value) for cell in cells)


def text(value):
    """A cell's value as the text a user sees: 12.0 is "12", a date "2013-04-30"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        value = value.isoformat()
    return str(value).strip()


def normalise(label):
    """A header label or a name as it is compared: white space folded, case folded, a
    trailing colon dropped ("Datum:" is "datum")."""
    return " ".join(str(label).split()).casefold().rstrip(":").rstrip()


def map_columns(headers, labels):
    """{key: position of the header column}: `labels` is {key: labels in the order they
    are preferred}; a header matches a label by its normalised text, and of two columns
    with the same label the first counts. Keys without a matching column are left out."""
    positions = {}
    for position, header in enumerate(headers):
        if not is_blank(header):
            positions.setdefault(normalise(header), position)
    columns = {}
    for key, key_labels in labels.items():
        for label in key_labels:
            position = positions.get(normalise(label))
            if position is not None:
                columns[key] = position
                break
    return columns
