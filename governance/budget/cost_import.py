"""Import of actual costs from the municipalities' accounting systems: a spreadsheet
(.xlsx, or CSV in UTF-8 or Windows-1252 with ;, , or tab between the columns) or a SIE 4
file (governance/budget/sie.py).

The flow is: read the file, let the user map its columns to our fields (a spreadsheet) or
choose the object that marks the project's rows (SIE), validate every row with a Swedish
message per row and column, show a preview, and write everything in one transaction or
nothing. Rows whose voucher reference is already in the project are counted and skipped,
so importing the same file twice adds nothing. A whole import can be undone.

A raw ledger needs no cost-category column: the account (Konto) decides the category by
the project's account mapping (governance/budget/accounts.py). Rows on balance and
income accounts are left out and counted; an account without a mapping is reported once,
with the number of its rows. In a ledger one voucher has several rows; when more than one
of them is a cost of the project, they are told apart as "A 123/1", "A 123/2" in the
order of the file, which stays the same when the file is exported again.
"""

import datetime
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import PurePath

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpyxl.utils.datetime import from_excel

from governance.budget import accounts, cost_totals, sie
from governance.budget.models import (
    CostCategory,
    CostEntry,
    CostImportBatch,
    CostImportMapping,
    Financier,
)
from governance.common.spreadsheets import (
    CSV,
    XLSX,
    EmptyFile,
    RowError,
    Table,
    UnreadableFile,
    is_blank,
    map_columns,
    normalise,
    read_table,
    text,
)
from governance.register.models import Activity, WorkArea

MAX_FILE_SIZE = 20 * 1024 * 1024
SIE = "sie"
MAX_AMOUNT = Decimal(10) ** 13
CENT = Decimal("0.01")
# Rows written (or removed) per transaction: on SQLite a chunk holds the write lock for
# about a tenth of a second on the development machine, far below a second.
WRITE_CHUNK = 2000
# How many errors the preview lists; the rest are counted.
MAX_ERRORS_SHOWN = 200
# How far down a spreadsheet its table may start, below the export's title lines.
MAX_TITLE_ROWS = 30
# A ledger's summary lines (per account, per period, at the bottom) start like this and
# have no voucher.
SUMMARY_WORDS = ("summa", "total", "saldo", "ingående", "utgående", "omsättning")


@dataclass(frozen=True)
class Field:
    name: str
    label: object
    required: bool
    # Column headings of accounting exports that mean this field (compared normalised:
    # white space folded, case folded, a trailing colon dropped).
    headings: tuple


FIELDS = [
    Field("date", gettext_lazy("Date"), True, ("datum", "bokföringsdatum", "verifikationsdatum")),
    Field("amount", gettext_lazy("Amount"), False, ("belopp", "summa", "kostnad", "amount")),
    # A ledger often has the amount in two columns: debit (a cost) and credit (a reduction).
    Field("debit", gettext_lazy("Debit"), False, ("debet",)),
    Field("credit", gettext_lazy("Credit"), False, ("kredit",)),
    Field("account", gettext_lazy("Account"), False, ("konto", "kontonr", "kontonummer")),
    Field(
        "account_name",
        gettext_lazy("Account name"),
        False,
        ("kontonamn", "kontobenämning", "benämning konto"),
    ),
    Field("category", gettext_lazy("Cost category"), False, ("kostnadsslag", "kategori")),
    Field("work_area", gettext_lazy("Work area"), False, ("arbetsområde", "område")),
    Field("activity", gettext_lazy("Activity"), False, ("aktivitet",)),
    Field("financier", gettext_lazy("Financier"), False, ("finansiär", "kommun")),
    Field(
        "voucher",
        gettext_lazy("Voucher"),
        True,
        ("verifikation", "verifikationsnummer", "ver.nr", "vernr", "ver nr", "verifikat"),
    ),
    Field("description", gettext_lazy("Text"), False, ("text", "beskrivning", "benämning")),
]
FIELDS_BY_NAME = {f.name: f for f in FIELDS}


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says why, in Swedish."""


# ---------------------------------------------------------------------------------------
# Reading the file


def check_upload(uploaded):
    if uploaded.size == 0:
        raise ImportFileError(_("The file is empty."))
    head = uploaded.read(4096)
    uploaded.seek(0)
    if sie.is_sie(head):
        if uploaded.size > sie.MAX_FILE_SIZE:
            raise ImportFileError(
                _("The file is %(size)s MB. SIE files of at most 50 MB can be imported.")
                % {"size": _megabytes(uploaded.size)}
            )
    elif uploaded.size > MAX_FILE_SIZE:
        raise ImportFileError(
            _("The file is %(size)s MB. Files of at most 20 MB can be imported.")
            % {"size": _megabytes(uploaded.size)}
        )


def _megabytes(size):
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def file_kind(file_obj, file_name):
    """XLSX, CSV or SIE, by the file's first bytes. Raises ImportFileError."""
    file_obj.seek(0)
    head = file_obj.read(4096)
    file_obj.seek(0)
    if not head:
        raise ImportFileError(_("The file is empty."))
    return _kind(file_name, head)


def _kind(file_name, head):
    suffix = PurePath(file_name).suffix.lower()
    if sie.is_sie(head):
        return SIE
    if suffix in (".se", ".si", ".sie"):
        raise ImportFileError(
            _(
                "The file is not a SIE file: it does not start with #FLAGGA. "
                "Export it again as SIE 4."
            )
        )
    if head.startswith(b"PK\x03\x04"):
        return XLSX
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _("Old Excel files (.xls) cannot be read. Save the file as .xlsx or CSV and try again.")
        )
    if suffix in (".csv", ".txt", "") and b"\x00" not in head:
        return CSV
    raise ImportFileError(
        _(
            "The file is not a spreadsheet. Upload an Excel file (.xlsx), a CSV file (.csv) "
            "or a SIE file (.se)."
        )
    )


@contextmanager
def open_sheet(file_obj, file_name):
    """The first sheet of the file: a spreadsheets.Table with `headers` and `rows`, (row
    number, values) below the header. The header is the first row with headings we know,
    below any title lines of the export. Raises ImportFileError, also while the rows are
    read."""
    kind = file_kind(file_obj, file_name)
    if kind == SIE:
        raise ImportFileError(_("This is a SIE file, not a spreadsheet."))
    try:
        with read_table(file_obj, kind) as table:
            yield _below_title_lines(table)
    except EmptyFile as error:
        raise ImportFileError(_("The file is empty.")) from error
    except UnreadableFile as error:
        # A file refused by one of the reader's limits says which in its message.
        if str(error):
            message = str(error)
        elif kind == XLSX:
            message = _("The file could not be read as an Excel file (.xlsx). Is it damaged?")
        else:
            message = _(
                "The file is not a spreadsheet. Upload an Excel file (.xlsx), a CSV file (.csv) "
                "or a SIE file (.se)."
            )
        raise ImportFileError(message) from error


KNOWN_HEADINGS = {f.name: (f.name, *f.headings) for f in FIELDS}


def _below_title_lines(table):
    """The table whose header is the first row naming at least two of our fields: an
    export often starts with its title, the company and the period above the table."""
    if len(map_columns(table.headers, KNOWN_HEADINGS)) >= 2:
        return table
    looked_at = []
    for number, values in table.rows:
        headers = [text(value) for value in values]
        if len(map_columns(headers, KNOWN_HEADINGS)) >= 2:
            return Table(number, values, table.rows)
        looked_at.append((number, values))
        if len(looked_at) >= MAX_TITLE_ROWS:
            break
    # No row further down looks like a header: the first row is it, as before.
    rows = iter(looked_at)
    return Table(table.header_row, table.header, _chain(rows, table.rows))


def _chain(first, rest):
    yield from first
    yield from rest


# ---------------------------------------------------------------------------------------
# Column mapping


def guess_mapping(headers, saved=None):
    """{field name: heading}: the saved mapping where its headings are still in the file,
    otherwise headings that accounting exports usually have."""
    mapping = {}
    known = {}
    for field_ in FIELDS:
        saved_heading = (saved or {}).get(field_.name)
        if saved_heading and saved_heading in headers:
            mapping[field_.name] = saved_heading
        else:
            known[field_.name] = (field_.name, *field_.headings)
    for name, position in map_columns(headers, known).items():
        mapping[name] = headers[position]
    return {f.name: mapping[f.name] for f in FIELDS if f.name in mapping}


def saved_mapping(project):
    mapping = CostImportMapping.objects.filter(project=project).first()
    return mapping.columns if mapping else {}


def check_mapping(mapping, headers, work_area=None):
    """Swedish messages for required fields left unmapped or headings used twice."""
    errors = []
    for field_ in FIELDS:
        heading = mapping.get(field_.name)
        if field_.required and not heading:
            errors.append(_("Choose the column for %(field)s.") % {"field": field_.label})
        elif heading and heading not in headers:
            errors.append(_("The file has no column “%(heading)s”.") % {"heading": heading})
    if not mapping.get("amount") and not (mapping.get("debit") or mapping.get("credit")):
        errors.append(_("Choose the column for Amount, or those for Debit and Credit."))
    if not mapping.get("category") and not mapping.get("account"):
        errors.append(_("Choose the column for Account or the one for Cost category."))
    if not mapping.get("work_area") and work_area is None:
        errors.append(_("Choose the column for Work area, or one work area for every row."))
    used = [h for h in mapping.values() if h]
    for heading in sorted({h for h in used if used.count(h) > 1}):
        errors.append(
            _("The column “%(heading)s” is chosen for two fields.") % {"heading": heading}
        )
    return errors


# ---------------------------------------------------------------------------------------
# Parsing values the Swedish way

SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
DECIMAL_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def parse_amount(value):
    """1 234,50 / -300,00 / 1 250,00- / 1234.5 / 1.234,50 / Excel numbers → Decimal with
    öre."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(_("The amount is missing."))
    if isinstance(value, bool):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": value})
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
        # Excel stores money as binary floating point: 0.1 + 0.2 is 0.30000000000000004.
        if abs(amount - amount.quantize(CENT)) > Decimal("0.000001"):
            raise ValueError(
                _("The amount %(value)s has more than two decimals.") % {"value": value}
            )
        amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    elif isinstance(value, Decimal):
        amount = value
    else:
        amount = _parse_amount_text(str(value))
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(CENT):
        raise ValueError(_("The amount %(value)s has more than two decimals.") % {"value": value})
    if abs(amount) >= MAX_AMOUNT:
        raise ValueError(_("The amount %(value)s is too large.") % {"value": value})
    return amount.quantize(CENT)


CURRENCY = re.compile(r"(?i)(kr|sek|:-)$")


def _parse_amount_text(original):
    text = SPACES.sub("", original.strip()).replace("\u2212", "-").replace("\u2013", "-")
    text = CURRENCY.sub("", text)
    if text.endswith("-") and not text.startswith("-"):
        # "1 250,00-": many accounting systems write a credit with the minus after it.
        text = "-" + CURRENCY.sub("", text[:-1])
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        text = text.replace(thousands, "").replace(decimal_mark, ".")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    elif text.count(",") > 1 or text.count(".") > 1:
        text = text.replace(",", "").replace(".", "")
    if not DECIMAL_NUMBER.match(text):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": original})
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": original}) from error


ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
DAY_FIRST_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
COMPACT_DATE = re.compile(r"^((?:19|20)\d\d)(\d\d)(\d\d)$")


def parse_date(value):
    """2013-04-30 / 20130430 / 30.4.2013 / 30/4/2013 / Excel dates → date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(_("The date is missing."))
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if COMPACT_DATE.match(text(value)):
            # 20130430 as a number: a ledger's date column saved without a date format.
            return parse_date(text(value))
        # A date cell without a date format arrives as Excel's day number.
        if 1 <= value < 2958466:
            return from_excel(value).date()
        raise ValueError(_("“%(value)s” is not a date.") % {"value": value})
    written = str(value).strip()
    if match := ISO_DATE.match(written) or COMPACT_DATE.match(written):
        year, month, day = (int(part) for part in match.groups())
    elif match := DAY_FIRST_DATE.match(written):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise ValueError(
            _("“%(value)s” is not a date. Write it as 2013-04-30 or 30.4.2013.")
            % {"value": written}
        )
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise ValueError(_("“%(value)s” is not a valid date.") % {"value": written}) from error


# ---------------------------------------------------------------------------------------
# Validation


@dataclass(frozen=True)
class UnmappedAccount:
    account: int
    name: str
    rows: int


@dataclass
class Validation:
    file_name: str
    headers: list
    mapping: dict
    entries: list = field(default_factory=list)  # unsaved CostEntry, only the new ones
    errors: list = field(default_factory=list)
    error_count: int = 0
    row_count: int = 0
    duplicate_count: int = 0
    mapping_errors: list = field(default_factory=list)
    # Rows that are no costs of the project, counted: on balance or income accounts, and a
    # ledger's summary lines.
    balance_rows: int = 0
    income_rows: int = 0
    summary_rows: int = 0
    unmapped: Counter = field(default_factory=Counter)  # account → rows
    account_names: dict = field(default_factory=dict)  # account → name, where known

    @property
    def is_valid(self):
        return (
            not self.mapping_errors
            and not self.error_count
            and not self.unmapped
            and self.row_count > 0
        )

    @property
    def total_amount(self):
        return sum((entry.amount for entry in self.entries), Decimal("0.00"))

    @property
    def unmapped_accounts(self):
        """Each account without a cost category once, with its number of rows."""
        return [
            UnmappedAccount(account, self.account_names.get(account, ""), rows)
            for account, rows in sorted(self.unmapped.items())
        ]

    def add_error(self, row, column, message):
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_SHOWN:
            self.errors.append(RowError(row, column, message))


class Lookups:
    """The project's categories, work areas, activities, financiers and account mapping
    by their names, read once per import."""

    def __init__(self, project):
        self.project = project
        self.categories = {c.name.lower(): c for c in CostCategory.objects.filter(project=project)}
        self.work_areas = {}
        for area in WorkArea.objects.filter(project=project):
            for key in (area.code, str(area), area.title):
                self.work_areas.setdefault(key.lower(), area)
        self.activities = {}
        for activity in Activity.objects.filter(work_area__project=project):
            self.activities[(activity.work_area_id, activity.code.lower())] = activity
        self.financiers = {
            f.organisation.name.lower(): f
            for f in Financier.objects.filter(project=project).select_related("organisation")
        }
        self.chart = accounts.AccountChart(project)

    def category_names(self):
        return ", ".join(c.name for c in self.categories.values())


LEFT_OUT = object()  # a row that is no cost of the project: counted, neither error nor entry


def validate(project, file_obj, file_name, mapping, work_area=None):
    """Reads and checks the whole file. Never writes. Raises ImportFileError when the file
    cannot be read at all. `work_area` is the work area of rows without one."""
    with open_sheet(file_obj, file_name) as sheet:
        result = Validation(file_name=file_name, headers=sheet.headers, mapping=dict(mapping))
        result.mapping_errors = check_mapping(mapping, sheet.headers, work_area)
        if result.mapping_errors:
            return result
        columns = {
            name: sheet.headers.index(heading) for name, heading in mapping.items() if heading
        }
        lookups = Lookups(project)
        ledger = "account" in columns
        first_row_of_voucher = {}
        rows_of_voucher = {}
        for row_number, values in sheet.rows:
            if _is_summary_line(values, columns):
                result.summary_rows += 1
                continue
            result.row_count += 1
            entry = _validate_row(lookups, row_number, values, columns, mapping, work_area, result)
            if entry is None or entry is LEFT_OUT:
                continue
            if ledger:
                rows_of_voucher.setdefault(entry.voucher, []).append((row_number, entry))
                continue
            if entry.voucher in first_row_of_voucher:
                result.add_error(
                    row_number,
                    mapping["voucher"],
                    _("The voucher “%(voucher)s” is also on row %(row)s of the file.")
                    % {"voucher": entry.voucher, "row": first_row_of_voucher[entry.voucher]},
                )
                continue
            first_row_of_voucher[entry.voucher] = row_number
            result.entries.append(entry)
        if ledger:
            _number_rows_of_vouchers(rows_of_voucher, result, mapping["voucher"])
    if result.row_count == 0:
        raise ImportFileError(_("The file has headings but no rows."))
    _leave_out_vouchers_already_imported(project, result)
    return result


def _is_summary_line(values, columns):
    """A ledger's "Summa konto 5010", "Ingående saldo", "Totalt": no voucher, and a cell
    that starts with one of the summary words."""
    voucher = columns.get("voucher")
    if voucher is not None and voucher < len(values) and not is_blank(values[voucher]):
        return False
    return any(
        isinstance(value, str) and normalise(value).startswith(SUMMARY_WORDS) for value in values
    )


def _number_rows_of_vouchers(rows_of_voucher, result, voucher_heading):
    """A voucher's cost rows in file order: "A 123" alone, "A 123/1", "A 123/2" together."""
    for voucher, rows in rows_of_voucher.items():
        for position, (row_number, entry) in enumerate(rows, start=1):
            if len(rows) > 1:
                entry.voucher = f"{voucher}/{position}"
            if len(entry.voucher) > 50:
                result.add_error(
                    row_number,
                    voucher_heading,
                    _("The voucher reference is longer than 50 characters."),
                )
                continue
            result.entries.append(entry)


def _categorise(lookups, account, category_name, result, fail):
    """The category of a row: its category cell where filled, otherwise its account. None
    when it has neither or the account has no mapping (counted in `result.unmapped`)."""
    if category_name:
        found = lookups.categories.get(category_name.lower())
        if found is None:
            fail(
                "category",
                _("Unknown cost category “%(value)s”. The cost categories are: %(names)s.")
                % {"value": category_name, "names": lookups.category_names()},
            )
        return found
    if account is None:
        fail("category", _("The cost category is missing."))
        return None
    found = lookups.chart.category_for(account)
    if found is None:
        result.unmapped[account] += 1
    return found


def _validate_row(lookups, row_number, values, columns, mapping, work_area, result):
    def cell(name):
        index = columns.get(name)
        if index is None or index >= len(values):
            return None
        return values[index]

    def fail(name, message):
        result.add_error(row_number, mapping[name], message)

    project = lookups.project
    account = None
    if "account" in columns:
        try:
            account = accounts.parse_account(cell("account"))
        except ValueError as error:
            fail("account", str(error))
            return None
        kind = accounts.account_class(account)
        if kind != accounts.COST:
            if kind == accounts.BALANCE:
                result.balance_rows += 1
            else:
                result.income_rows += 1
            return LEFT_OUT
        # The name from its own column, or after the number in the account's cell.
        name = text(cell("account_name")) or text(cell("account"))[len(str(account)) :].strip()
        if name:
            result.account_names.setdefault(account, name)

    entry = CostEntry(project=project)
    errors_before = result.error_count
    unmapped_before = sum(result.unmapped.values())
    try:
        entry.date = parse_date(cell("date"))
        if message := _period_error(project, entry.date):
            fail("date", message)
    except ValueError as error:
        fail("date", str(error))
    if "amount" in columns:
        try:
            entry.amount = parse_amount(cell("amount"))
        except ValueError as error:
            fail("amount", str(error))
    else:
        entry.amount = _debit_minus_credit(cell("debit"), cell("credit"), fail)

    entry.category = _categorise(lookups, account, text(cell("category")), result, fail)

    area = text(cell("work_area"))
    found_area = lookups.work_areas.get(area.lower()) if area else work_area
    if found_area is not None:
        entry.work_area = found_area
    elif area:
        fail("work_area", _("Unknown work area “%(value)s”.") % {"value": area})
    else:
        fail("work_area", _("The work area is missing."))

    activity = text(cell("activity"))
    if activity and found_area is not None:
        entry.activity = lookups.activities.get((found_area.pk, activity.lower()))
        if entry.activity is None:
            fail(
                "activity",
                _("Unknown activity “%(value)s” in work area %(area)s.")
                % {"value": activity, "area": found_area.code},
            )

    financier = text(cell("financier"))
    if financier:
        entry.financier = lookups.financiers.get(financier.lower())
        if entry.financier is None:
            fail("financier", _("Unknown financier “%(value)s”.") % {"value": financier})

    entry.voucher = text(cell("voucher"))
    if not entry.voucher:
        fail("voucher", _("The voucher reference is missing."))
    elif len(entry.voucher) > 50:
        fail("voucher", _("The voucher reference is longer than 50 characters."))
    entry.description = (text(cell("description")) or _account_text(account, result))[:255]
    if result.error_count != errors_before or sum(result.unmapped.values()) != unmapped_before:
        return None
    return entry


def _debit_minus_credit(debit, credit, fail):
    """The amount of a row with debit and credit columns; an empty one counts as zero."""
    amount = Decimal("0.00")
    for name, value, sign in (("debit", debit, 1), ("credit", credit, -1)):
        if is_blank(value):
            continue
        try:
            amount += sign * parse_amount(value)
        except ValueError as error:
            fail(name, str(error))
    if is_blank(debit) and is_blank(credit):
        fail("debit", _("The amount is missing."))
    return amount


def _account_text(account, result):
    if account is None:
        return ""
    return f"{account} {result.account_names.get(account, '')}".strip()


def _period_error(project, date):
    """The message for a date outside the project period, or None."""
    if project.covers(date):
        return None
    return _("The date %(date)s is outside the project period %(start)s – %(end)s.") % {
        "date": date,
        "start": project.start_date,
        "end": project.end_date,
    }


def _leave_out_vouchers_already_imported(project, result):
    # One query for all of the project's vouchers: faster than many IN lists, and a set of
    # 100 000 short strings is a few megabytes.
    existing = set(CostEntry.objects.filter(project=project).values_list("voucher", flat=True))
    if existing:
        before = len(result.entries)
        result.entries = [e for e in result.entries if e.voucher not in existing]
        result.duplicate_count = before - len(result.entries)


# ---------------------------------------------------------------------------------------
# SIE files


@dataclass(frozen=True)
class SieChoice:
    """The rows of one object (dimension 6 "Projekt", object "P123") go to one work area."""

    dimension: int
    object_id: str
    work_area: WorkArea


def summarise_sie(file_obj):
    """The SIE file's dimensions, objects with their row counts and accounts. Raises
    ImportFileError."""
    try:
        return sie.summarise(file_obj)
    except sie.SieError as error:
        raise ImportFileError(str(error)) from error


def validate_sie(project, file_obj, file_name, choice):
    """Reads and checks the rows of the chosen object. Never writes."""
    result = Validation(file_name=file_name, headers=[], mapping={})
    lookups = Lookups(project)
    summary = sie.Summary()
    date_column, amount_column = str(_("Date")), str(_("Amount"))
    wanted = (choice.dimension, choice.object_id)
    rows_of_voucher = {}
    try:
        for row in sie.read(file_obj, summary, wanted):
            if wanted not in row.objects:
                continue
            result.row_count += 1
            kind = accounts.account_class(row.account)
            if kind == accounts.BALANCE:
                result.balance_rows += 1
                continue
            if kind == accounts.INCOME:
                result.income_rows += 1
                continue
            errors_before = result.error_count
            category = lookups.chart.category_for(row.account)
            if category is None:
                result.unmapped[row.account] += 1
            if message := _period_error(project, row.date):
                result.add_error(row.line, date_column, message)
            if abs(row.amount) >= MAX_AMOUNT or row.amount != row.amount.quantize(CENT):
                result.add_error(
                    row.line,
                    amount_column,
                    _("The amount %(value)s has more than two decimals or is too large.")
                    % {"value": row.amount},
                )
            if category is None or result.error_count != errors_before:
                continue
            entry = CostEntry(
                project=project,
                date=row.date,
                amount=row.amount.quantize(CENT),
                category=category,
                work_area=choice.work_area,
                voucher=row.voucher,
                description=(
                    row.text or f"{row.account} {summary.accounts.get(row.account, '')}"
                ).strip()[:255],
            )
            rows_of_voucher.setdefault(row.voucher, []).append((row.line, entry))
    except sie.SieError as error:
        raise ImportFileError(str(error)) from error
    result.account_names = summary.accounts
    _number_rows_of_vouchers(rows_of_voucher, result, str(_("Voucher")))
    if not summary.voucher_count:
        raise ImportFileError(
            _("The SIE file has no vouchers (#VER). Export it as SIE 4, with vouchers.")
        )
    _leave_out_vouchers_already_imported(project, result)
    return result


# ---------------------------------------------------------------------------------------
# Writing and undoing


class ImportRejected(Exception):
    def __init__(self, validation):
        super().__init__("import rejected")
        self.validation = validation


def import_costs(project, file_obj, file_name, mapping, user=None, work_area=None):
    """Validates the spreadsheet again and writes every new row in one transaction, or
    raises ImportRejected and writes nothing. Returns the batch (None when every row was
    already imported) and the validation, which tells how many rows were already there."""
    validation = validate(project, file_obj, file_name, mapping, work_area)
    return _write(project, validation, user, {**validation.mapping})


def import_sie(project, file_obj, file_name, choice, user=None):
    """The same for the chosen object's rows of a SIE file; the choice is offered again
    next time."""
    validation = validate_sie(project, file_obj, file_name, choice)
    remembered = {
        **saved_mapping(project),
        "sie": {"dimension": choice.dimension, "object": choice.object_id},
    }
    return _write(project, validation, user, remembered)


def saved_sie_choice(project):
    """(dimension, object) chosen in the project's last SIE import, or None."""
    chosen = saved_mapping(project).get("sie")
    return (chosen["dimension"], chosen["object"]) if chosen else None


def _write(project, validation, user, columns):
    """The batch first, then its entries in transactions of WRITE_CHUNK rows: on SQLite a
    transaction holds the one write lock, and a chunk holds it for well under a second, so
    the site's readers and writers (a search writes a row) wait for it instead of failing.
    The batch is marked complete after its last chunk; an import stopped in between (the
    server restarted) shows as interrupted with the rows it wrote, and is undone or
    completed by importing the file again (rows already imported are skipped)."""
    if not validation.is_valid:
        raise ImportRejected(validation)
    if not validation.entries:
        CostImportMapping.objects.update_or_create(project=project, defaults={"columns": columns})
        return None, validation
    with transaction.atomic():
        CostImportMapping.objects.update_or_create(project=project, defaults={"columns": columns})
        batch = CostImportBatch.objects.create(
            project=project,
            file_name=validation.file_name[:255],
            imported_by=user if user and user.is_authenticated else None,
            row_count=len(validation.entries),
            duplicate_count=validation.duplicate_count,
            total_amount=validation.total_amount,
            complete=False,
        )
    for entry in validation.entries:
        entry.batch = batch
        entry.entered_by = batch.imported_by
    entries = validation.entries
    try:
        for first in range(0, len(entries), WRITE_CHUNK):
            chunk = entries[first : first + WRITE_CHUNK]
            with transaction.atomic():
                CostEntry.objects.bulk_create(chunk)
                cost_totals.add(project.pk, chunk)
    except IntegrityError as error:
        # Someone imported the same vouchers between our check and our write.
        _remove_entries(batch)
        batch.delete()
        raise ImportFileError(
            _("Some of the rows were imported by someone else just now. Try again.")
        ) from error
    CostImportBatch.objects.filter(pk=batch.pk).update(complete=True)
    batch.complete = True
    return batch, validation


def _remove_entries(batch):
    """Deletes the batch's entries in transactions of WRITE_CHUNK rows."""
    removed = 0
    while True:
        with transaction.atomic():
            rows = list(
                CostEntry.objects.filter(batch=batch)
                .order_by("pk")
                .values_list("pk", *cost_totals.ROW)[:WRITE_CHUNK]
            )
            if not rows:
                return removed
            removed += CostEntry.objects.filter(pk__in=[row[0] for row in rows]).delete()[0]
            cost_totals.subtract(batch.project_id, [row[1:] for row in rows])


def undo_import(batch, user=None):
    """Removes every cost entry of the batch, in chunks (see _write); the batch stays,
    marked as undone. An undo stopped in between is finished by undoing again."""
    with transaction.atomic():
        batch = CostImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.undone_at:
            return 0
    removed = _remove_entries(batch)
    with transaction.atomic():
        updated = CostImportBatch.objects.filter(pk=batch.pk, undone_at=None).update(
            undone_at=timezone.now(),
            undone_by=user if user and user.is_authenticated else None,
        )
    return removed if updated else 0


def read_headers(file_obj, file_name):
    """The column headings of the file, for the mapping form. Raises ImportFileError."""
    with open_sheet(file_obj, file_name) as sheet:
        return sheet.headers
