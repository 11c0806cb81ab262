"""Import of actual costs from the municipalities' accounting systems (.xlsx or .csv).

The flow is: read the file (the one spreadsheet reader, governance/common/spreadsheets.py:
.xlsx, or CSV in UTF-8 or Windows-1252 with ;, , or tab between the columns), let the user
map its columns to our fields, validate every row with
a Swedish message per row and column, show a preview, and write everything in one
transaction or nothing. Rows whose voucher reference is already in the project are counted
and skipped, so importing the same file twice adds nothing. A whole import can be undone.
"""

import datetime
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import PurePath

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpyxl.utils.datetime import from_excel

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
    UnreadableFile,
    map_columns,
    read_table,
    text,
)
from governance.register.models import Activity, WorkArea

MAX_FILE_SIZE = 20 * 1024 * 1024
MAX_AMOUNT = Decimal(10) ** 13
CENT = Decimal("0.01")
BULK_SIZE = 2000
# How many errors the preview lists; the rest are counted.
MAX_ERRORS_SHOWN = 200


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
    Field("amount", gettext_lazy("Amount"), True, ("belopp", "summa", "kostnad", "amount")),
    Field("category", gettext_lazy("Cost category"), True, ("kostnadsslag", "kategori")),
    Field("work_area", gettext_lazy("Work area"), True, ("arbetsområde", "område")),
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
    if uploaded.size > MAX_FILE_SIZE:
        raise ImportFileError(
            _("The file is %(size)s MB. Files of at most 20 MB can be imported.")
            % {"size": f"{uploaded.size / 1024 / 1024:.1f}".replace(".", ",")}
        )
    if uploaded.size == 0:
        raise ImportFileError(_("The file is empty."))


def _kind(file_name, head):
    suffix = PurePath(file_name).suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return XLSX
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            _("Old Excel files (.xls) cannot be read. Save the file as .xlsx or CSV and try again.")
        )
    if suffix in (".csv", ".txt", "") and b"\x00" not in head:
        return CSV
    raise ImportFileError(
        _("The file is not a spreadsheet. Upload an Excel file (.xlsx) or a CSV file (.csv).")
    )


@contextmanager
def open_sheet(file_obj, file_name):
    """The first sheet of the file: a spreadsheets.Table with `headers` and `rows`, (row
    number, values) below the header. Raises ImportFileError, also while the rows are read."""
    file_obj.seek(0)
    head = file_obj.read(4096)
    file_obj.seek(0)
    if not head:
        raise ImportFileError(_("The file is empty."))
    kind = _kind(file_name, head)
    try:
        with read_table(file_obj, kind) as table:
            yield table
    except EmptyFile as error:
        raise ImportFileError(_("The file is empty.")) from error
    except UnreadableFile as error:
        if kind == XLSX:
            message = _("The file could not be read as an Excel file (.xlsx). Is it damaged?")
        else:
            message = _(
                "The file is not a spreadsheet. Upload an Excel file (.xlsx) or a CSV file (.csv)."
            )
        raise ImportFileError(message) from error


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


def check_mapping(mapping, headers):
    """Swedish messages for required fields left unmapped or headings used twice."""
    errors = []
    for field_ in FIELDS:
        heading = mapping.get(field_.name)
        if field_.required and not heading:
            errors.append(_("Choose the column for %(field)s.") % {"field": field_.label})
        elif heading and heading not in headers:
            errors.append(_("The file has no column “%(heading)s”.") % {"heading": heading})
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
    """1 234,50 / -300,00 / 1234.5 / 1.234,50 / Excel numbers → Decimal with öre."""
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


def _parse_amount_text(original):
    text = SPACES.sub("", original.strip())
    text = re.sub(r"(?i)(kr|sek|:-)$", "", text).replace("\u2212", "-").replace("\u2013", "-")
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


def parse_date(value):
    """2013-04-30 / 30.4.2013 / 30/4/2013 / Excel dates → date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(_("The date is missing."))
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A date cell without a date format arrives as Excel's day number.
        if 1 <= value < 2958466:
            return from_excel(value).date()
        raise ValueError(_("“%(value)s” is not a date.") % {"value": value})
    text = str(value).strip()
    if match := ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := DAY_FIRST_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise ValueError(
            _("“%(value)s” is not a date. Write it as 2013-04-30 or 30.4.2013.") % {"value": text}
        )
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise ValueError(_("“%(value)s” is not a valid date.") % {"value": text}) from error


# ---------------------------------------------------------------------------------------
# Validation


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

    @property
    def is_valid(self):
        return not self.mapping_errors and not self.error_count and self.row_count > 0

    @property
    def total_amount(self):
        return sum((entry.amount for entry in self.entries), Decimal("0.00"))

    def add_error(self, row, column, message):
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_SHOWN:
            self.errors.append(RowError(row, column, message))


class Lookups:
    """The project's categories, work areas, activities and financiers by their names,
    read once per import."""

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

    def category_names(self):
        return ", ".join(c.name for c in self.categories.values())


def validate(project, file_obj, file_name, mapping):
    """Reads and checks the whole file. Never writes. Raises ImportFileError when the file
    cannot be read at all."""
    with open_sheet(file_obj, file_name) as sheet:
        result = Validation(file_name=file_name, headers=sheet.headers, mapping=dict(mapping))
        result.mapping_errors = check_mapping(mapping, sheet.headers)
        if result.mapping_errors:
            return result
        columns = {
            name: sheet.headers.index(heading) for name, heading in mapping.items() if heading
        }
        lookups = Lookups(project)
        first_row_of_voucher = {}
        for row_number, values in sheet.rows:
            result.row_count += 1
            entry = _validate_row(project, lookups, row_number, values, columns, mapping, result)
            if entry is None:
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
    if result.row_count == 0:
        raise ImportFileError(_("The file has headings but no rows."))
    _leave_out_vouchers_already_imported(project, result)
    return result


def _validate_row(project, lookups, row_number, values, columns, mapping, result):
    def cell(name):
        index = columns.get(name)
        if index is None or index >= len(values):
            return None
        return values[index]

    def fail(name, message):
        result.add_error(row_number, mapping[name], message)

    entry = CostEntry(project=project)
    errors_before = result.error_count
    try:
        entry.date = parse_date(cell("date"))
        if not project.covers(entry.date):
            fail(
                "date",
                _("The date %(date)s is outside the project period %(start)s – %(end)s.")
                % {"date": entry.date, "start": project.start_date, "end": project.end_date},
            )
    except ValueError as error:
        fail("date", str(error))
    try:
        entry.amount = parse_amount(cell("amount"))
    except ValueError as error:
        fail("amount", str(error))

    category = text(cell("category"))
    found_category = lookups.categories.get(category.lower())
    if found_category is not None:
        entry.category = found_category
    else:
        if category:
            fail(
                "category",
                _("Unknown cost category “%(value)s”. The cost categories are: %(names)s.")
                % {"value": category, "names": lookups.category_names()},
            )
        else:
            fail("category", _("The cost category is missing."))

    area = text(cell("work_area"))
    found_area = lookups.work_areas.get(area.lower())
    if found_area is not None:
        entry.work_area = found_area
    else:
        if area:
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
    entry.description = text(cell("description"))[:255]
    return entry if result.error_count == errors_before else None


def _leave_out_vouchers_already_imported(project, result):
    # One query for all of the project's vouchers: faster than many IN lists, and a set of
    # 100 000 short strings is a few megabytes.
    existing = set(CostEntry.objects.filter(project=project).values_list("voucher", flat=True))
    if existing:
        before = len(result.entries)
        result.entries = [e for e in result.entries if e.voucher not in existing]
        result.duplicate_count = before - len(result.entries)


# ---------------------------------------------------------------------------------------
# Writing and undoing


class ImportRejected(Exception):
    def __init__(self, validation):
        super().__init__("import rejected")
        self.validation = validation


def import_costs(project, file_obj, file_name, mapping, user=None):
    """Validates again and writes every new row in one transaction, or raises ImportRejected
    and writes nothing. Returns the batch (None when every row was already imported) and the
    validation, which tells how many rows were already there."""
    validation = validate(project, file_obj, file_name, mapping)
    if not validation.is_valid:
        raise ImportRejected(validation)
    if not validation.entries:
        CostImportMapping.objects.update_or_create(
            project=project, defaults={"columns": validation.mapping}
        )
        return None, validation
    try:
        with transaction.atomic():
            CostImportMapping.objects.update_or_create(
                project=project, defaults={"columns": validation.mapping}
            )
            batch = CostImportBatch.objects.create(
                project=project,
                file_name=file_name[:255],
                imported_by=user if user and user.is_authenticated else None,
                row_count=len(validation.entries),
                duplicate_count=validation.duplicate_count,
                total_amount=validation.total_amount,
            )
            for entry in validation.entries:
                entry.batch = batch
                entry.entered_by = batch.imported_by
            CostEntry.objects.bulk_create(validation.entries, batch_size=BULK_SIZE)
    except IntegrityError as error:
        # Someone imported the same vouchers between our check and our write.
        raise ImportFileError(
            _("Some of the rows were imported by someone else just now. Try again.")
        ) from error
    return batch, validation


def undo_import(batch, user=None):
    """Removes every cost entry of the batch; the batch stays, marked as undone."""
    with transaction.atomic():
        batch = CostImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.undone_at:
            return 0
        removed, _details = CostEntry.objects.filter(batch=batch).delete()
        batch.undone_at = timezone.now()
        batch.undone_by = user if user and user.is_authenticated else None
        batch.save(update_fields=["undone_at", "undone_by"])
    return removed


def read_headers(file_obj, file_name):
    """The column headings of the file, for the mapping form. Raises ImportFileError."""
    with open_sheet(file_obj, file_name) as sheet:
        return sheet.headers
