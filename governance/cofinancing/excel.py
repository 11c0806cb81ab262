"""Time reports from Excel: the sheet a municipality's staff fill in, read through the
common reader (governance/common/spreadsheets.read_table) and checked row by row before
anything is saved. `read_time_reports()` returns a preview (new lines, changed hours
old → new, unchanged lines, errors and warnings) without touching the database;
services.save_import() writes a valid one.

The shape accepted:
- One row per person, month and work area. The header row is the first row that names
  the columns; title rows above it are skipped. Columns (any order, any case):
  Namn (or Person, Medarbetare), Månad (or Period), Arbetsområde (or Område), Timmar (or
  Antal timmar, Tid, Tim) and, optionally, Kommentar (or Anteckning).
- The month as an Excel date (its month counts), as text 2024-03 or 2024-03-01, or as a
  Swedish (or English) month name and year: "mars 2024", "mar 2024", "Mars 2024".
- Hours as a number, or as text with a decimal comma or point ("37,5", "37.5 h"), at most
  two decimals, from 0 to 744. Zero sets a month's hours to zero.
- The person by name as in the register, or "Name (Organisation)" when two share a name;
  the work area by its code ("A"), "A. Title" or its title.
- Blank rows are skipped. A sum row (the name "Summa", "Totalt" or "Total", or only
  hours with the other columns empty) is not imported; when its hours differ from the
  rows above it, the preview warns.
Anything else is an error in Swedish naming the row and the column.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.cofinancing import figures
from governance.cofinancing.models import MAX_MONTH_HOURS, HourlyCost, TimeReport
from governance.common.spreadsheets import (
    MONEY,
    NUMBER,
    PERCENT,
    TEXT,
    EmptyFile,
    RowError,
    SpreadsheetRefused,
    UnreadableFile,
    is_blank,
    map_columns,
    normalise,
    read_table,
)
from governance.common.spreadsheets import text as cell_text
from governance.register.models import Person

UPLOAD_KIND = "time-reports"
MAX_ROWS = 20_000
# How far down a title and notes above the header row may reach.
HEADER_SEARCH_ROWS = 10

PERSON = "person"
MONTH = "month"
WORK_AREA = "work_area"
HOURS = "hours"
NOTE = "note"
COLUMN_LABELS = {
    PERSON: ["Namn", "Person", "Medarbetare", "Anställd", "Name"],
    MONTH: ["Månad", "Period", "Month"],
    WORK_AREA: ["Arbetsområde", "Område", "Work area"],
    HOURS: ["Timmar", "Antal timmar", "Tid", "Tim", "Tid (h)", "Timmar (h)", "Hours"],
    NOTE: ["Kommentar", "Anteckning", "Note"],
}
COLUMN_NAMES = {
    PERSON: gettext_lazy("Name"),
    MONTH: gettext_lazy("Month"),
    WORK_AREA: gettext_lazy("Work area"),
    HOURS: gettext_lazy("Hours"),
    NOTE: gettext_lazy("Comment"),
}
REQUIRED = [PERSON, MONTH, WORK_AREA, HOURS]
SUM_WORDS = ("summa", "totalt", "total", "sum")

MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan", "january"),
            ("februari", "feb", "february"),
            ("mars", "mar", "march"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("augusti", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
NAMED_MONTH = re.compile(r"^([a-zåäö]+)\.?\s+(\d{4})$")
HOURS_TEXT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(?:h|tim|timmar)?$")


@dataclass
class ImportLine:
    row: int
    person: Person
    work_area: object
    month: datetime.date
    hours: Decimal
    old_hours: Decimal | None = None
    existing_id: int | None = None
    hourly_rate: Decimal | None = None
    value: Decimal | None = None


@dataclass
class TimeReportImport:
    project: object
    overhead_percent: Decimal = Decimal("0.00")
    to_create: list = field(default_factory=list)
    to_update: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    saved: bool = False

    @property
    def is_valid(self):
        return not self.errors

    @property
    def lines(self):
        return sorted(self.to_create + self.to_update + self.unchanged, key=lambda line: line.row)

    @property
    def total_hours(self):
        return sum((line.hours for line in self.lines), Decimal("0.00"))

    @property
    def total_value(self):
        return sum((line.value for line in self.lines if line.value is not None), Decimal("0.00"))

    @property
    def unvalued(self):
        return [line for line in self.lines if line.value is None]

    def add_error(self, row, column, message):
        label = str(COLUMN_NAMES[column]) if column else ""
        self.errors.append(RowError(row, label, str(message)))


class _ParseError(Exception):
    pass


def read_time_reports(project, file):
    """Checks every row of the file against the project; writes nothing."""
    preview = TimeReportImport(project=project)
    try:
        with read_table(file) as table:
            _read(preview, project, table)
    except EmptyFile:
        preview.add_error(None, None, _("The file is empty."))
    except SpreadsheetRefused as refused:
        preview.add_error(None, None, str(refused))
    except UnreadableFile:
        preview.add_error(
            None,
            None,
            _("The file could not be read as an Excel workbook (.xlsx). Save it as .xlsx."),
        )
    return preview


def _find_header(table):
    """(row number, columns): the header row, or the first of the next rows that names
    every required column (a title row above the table)."""
    columns = map_columns(table.header, COLUMN_LABELS)
    if all(key in columns for key in REQUIRED):
        return table.header_row, columns, iter(table.rows)
    rows = iter(table.rows)
    for _index, (number, values) in zip(range(HEADER_SEARCH_ROWS), rows, strict=False):
        candidate = map_columns(values, COLUMN_LABELS)
        if all(key in candidate for key in REQUIRED):
            return number, candidate, rows
    return None, columns, None


def _read(preview, project, table):
    header_row, columns, rows = _find_header(table)
    if rows is None:
        missing = [str(COLUMN_NAMES[key]) for key in REQUIRED if key not in columns]
        preview.add_error(
            table.header_row,
            None,
            _(
                "The header row lacks the columns: %(columns)s. A time report has the "
                "columns Namn, Månad, Arbetsområde and Timmar."
            )
            % {"columns": ", ".join(missing)},
        )
        return
    reader = _RowReader(project, preview, columns)
    for seen, (number, values) in enumerate(rows, start=1):
        if seen > MAX_ROWS:
            preview.add_error(
                None, None, _("The file has more than %(count)s rows.") % {"count": MAX_ROWS}
            )
            return
        reader.read(number, values)
    if not reader.lines:
        if not preview.errors:
            preview.add_error(
                header_row, None, _("The file contains no time reports below the header row.")
            )
        return
    reader.finish()


def _hours_text(value):
    return f"{value:.2f}".replace(".", ",")


class _RowReader:
    """Turns rows into lines, collecting every error; holds the lookups, so that a row
    costs no query."""

    def __init__(self, project, preview, columns):
        self.project = project
        self.preview = preview
        self.columns = columns
        self.work_areas = {}
        for area in project.work_areas.all():
            self.work_areas[normalise(area.code)] = area
            self.work_areas.setdefault(normalise(area.title), area)
            self.work_areas.setdefault(normalise(str(area)), area)
        self.people = {}
        for person in Person.objects.select_related("organisation"):
            for name in {normalise(person.name), normalise(str(person))}:
                self.people.setdefault(name, []).append(person)
        self.existing = {
            (report.person_id, report.work_area_id, report.month): report
            for report in TimeReport.objects.filter(project=project)
        }
        self.costs = {}
        for cost in HourlyCost.objects.filter(project=project).order_by("valid_from"):
            self.costs.setdefault(cost.person_id, []).append(cost)
        self.preview.overhead_percent = figures.overhead_percent(project)
        self.first_month = project.start_date.replace(day=1)
        self.last_month = project.end_date.replace(day=1)
        self.lines = []
        self.rows_by_key = {}
        self.since_sum = Decimal("0.00")

    def value(self, values, key):
        position = self.columns.get(key)
        if position is None or position >= len(values):
            return None
        return values[position]

    def read(self, number, values):
        name = cell_text(self.value(values, PERSON))
        month_value = self.value(values, MONTH)
        area_value = self.value(values, WORK_AREA)
        hours_value = self.value(values, HOURS)
        if self.is_sum_row(name, month_value, area_value):
            self.check_sum(number, hours_value)
            return
        errors_before = len(self.preview.errors)
        parsed = {}
        for key, parser, cell in (
            (PERSON, self.parse_person, name),
            (MONTH, self.parse_month, month_value),
            (WORK_AREA, self.parse_work_area, area_value),
            (HOURS, self.parse_hours, hours_value),
        ):
            try:
                parsed[key] = parser(cell)
            except _ParseError as error:
                self.preview.add_error(number, key, error)
        if len(self.preview.errors) > errors_before:
            return
        person, month, area, hours = (parsed[k] for k in (PERSON, MONTH, WORK_AREA, HOURS))
        key = (person.pk, area.pk, month)
        if key in self.rows_by_key:
            self.preview.add_error(
                number,
                None,
                _("%(person)s, %(month)s, work area %(area)s is already on row %(row)s.")
                % {
                    "person": person.name,
                    "month": month.strftime("%Y-%m"),
                    "area": area.code,
                    "row": self.rows_by_key[key],
                },
            )
            return
        self.rows_by_key[key] = number
        self.since_sum += hours
        cost = figures.hourly_cost_for(self.costs.get(person.pk, ()), month)
        line = ImportLine(number, person, area, month, hours)
        if cost is not None:
            line.hourly_rate = cost.hourly_rate
            line.value = figures.time_value(hours, cost.hourly_rate, self.preview.overhead_percent)
        existing = self.existing.get(key)
        if existing is None:
            self.preview.to_create.append(line)
        else:
            line.existing_id, line.old_hours = existing.pk, existing.hours
            if existing.hours == hours:
                self.preview.unchanged.append(line)
            else:
                self.preview.to_update.append(line)
        self.lines.append(line)

    def finish(self):
        missing = sorted(
            {(line.person.name, line.month) for line in self.lines if line.value is None},
            key=lambda item: (item[1], item[0]),
        )
        for name, month in missing:
            self.preview.warnings.append(
                _(
                    "%(person)s has no hourly cost for %(month)s: the hours are saved but not "
                    "valued until a project leader enters one."
                )
                % {"person": name, "month": month.strftime("%Y-%m")}
            )

    # Sum rows

    def is_sum_row(self, name, month_value, area_value):
        if normalise(name).startswith(SUM_WORDS):
            return True
        return not name and is_blank(month_value) and is_blank(area_value)

    def check_sum(self, number, hours_value):
        try:
            stated = self.parse_hours(hours_value)
        except _ParseError:
            stated = None
        if stated is not None and stated != self.since_sum:
            self.preview.warnings.append(
                _(
                    "The sum row %(row)s says %(stated)s hours, but the rows above it add up "
                    "to %(counted)s hours. Check that no row is missing."
                )
                % {
                    "row": number,
                    "stated": _hours_text(stated),
                    "counted": _hours_text(self.since_sum),
                }
            )
        self.since_sum = Decimal("0.00")

    # Parsers: each returns the value or raises _ParseError with a Swedish message.

    def parse_person(self, name):
        if not name:
            raise _ParseError(_("A value is required."))
        matches = self.people.get(normalise(name), [])
        if not matches:
            raise _ParseError(
                _("There is no person named %(name)s. Add the person in the register first.")
                % {"name": name}
            )
        if len(matches) > 1:
            raise _ParseError(
                _(
                    "Several people are named %(name)s; write the name with the "
                    "organisation, e.g. %(example)s."
                )
                % {"name": name, "example": matches[0]}
            )
        return matches[0]

    def parse_month(self, value):
        if is_blank(value):
            raise _ParseError(_("A value is required."))
        month = None
        if isinstance(value, datetime.datetime | datetime.date):
            month = datetime.date(value.year, value.month, 1)
        elif isinstance(value, str):
            month = _month_from_text(normalise(value))
        if month is None:
            raise _ParseError(
                _("%(value)s is not a month. Write the month as 2024-03 or mars 2024.")
                % {"value": cell_text(value)}
            )
        if not self.first_month <= month <= self.last_month:
            raise _ParseError(
                _("%(month)s is outside the project period, %(start)s – %(end)s.")
                % {
                    "month": month.strftime("%Y-%m"),
                    "start": self.project.start_date,
                    "end": self.project.end_date,
                }
            )
        return month

    def parse_work_area(self, value):
        text = cell_text(value)
        if not text:
            raise _ParseError(_("A value is required."))
        area = self.work_areas.get(normalise(text))
        if area is None:
            code = text.split(".", 1)[0].strip()
            area = self.work_areas.get(normalise(code))
        if area is None:
            raise _ParseError(
                _("The project %(project)s has no work area %(code)s.")
                % {"project": self.project, "code": text}
            )
        return area

    def parse_hours(self, value):
        if is_blank(value):
            raise _ParseError(_("A value is required."))
        number = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int | float | Decimal):
            number = Decimal(str(value))
        elif isinstance(value, str):
            text = normalise(value).replace("\u00a0", "").replace(" ", "")
            match = HOURS_TEXT.match(text)
            if match:
                number = Decimal(match.group(1).replace(",", "."))
        if number is None:
            raise _ParseError(
                _("%(value)s is not a number of hours. Write hours as a number, e.g. 37,5.")
                % {"value": cell_text(value)}
            )
        try:
            rounded = number.quantize(Decimal("0.01"))
        except InvalidOperation as error:
            raise _ParseError(_("%(value)s hours is too many.") % {"value": value}) from error
        if abs(rounded - number) > Decimal("0.0001"):
            raise _ParseError(
                _("Write the hours with at most two decimals, not %(value)s.")
                % {"value": cell_text(value)}
            )
        if not 0 <= rounded <= MAX_MONTH_HOURS:
            raise _ParseError(
                _("The hours must be from 0 to %(max)s, not %(value)s.")
                % {"max": MAX_MONTH_HOURS, "value": cell_text(value)}
            )
        return rounded


def _month_from_text(text):
    match = ISO_MONTH.match(text)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
    else:
        match = NAMED_MONTH.match(text)
        if not match or match.group(1) not in MONTH_NAMES:
            return None
        year, month = int(match.group(2)), MONTH_NAMES[match.group(1)]
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        return None
    return datetime.date(year, month, 1)


# Export: the co-financing table in a workbook (the overview's and the reports' .xlsx)

SHEET_KEYS = [
    "committed",
    "cash",
    "hours",
    "time_value",
    "in_kind",
    "non_cash",
    "total",
    "used_of_commitment_percent",
    "remaining",
]


def _field(row, key):
    return row[key] if isinstance(row, dict) else getattr(row, key)


def cofinancing_sheet(workbook, rows, total, overhead_percent):
    """A sheet "Medfinansiering": per financier the commitment, cash, staff time (hours and
    value), in kind, non-cash, total, share of the commitment and what is left. `rows` and
    `total` are figures.FinancierCofinancing or a report's frozen dicts of the same keys."""
    sheet = workbook.sheet(
        _("Co-financing"),
        [
            (_("Financier"), TEXT, 34),
            (_("Commitment"), MONEY, 18),
            (_("Cash (costs booked)"), MONEY, 18),
            (_("Staff time, hours"), NUMBER, 14),
            (_("Staff time, value"), MONEY, 18),
            (_("In kind"), MONEY, 16),
            (_("Non-cash in all"), MONEY, 18),
            (_("Co-financing in all"), MONEY, 18),
            (_("Of commitment"), PERCENT, 14),
            (_("Left of commitment"), MONEY, 18),
        ],
        lines=[
            _(
                "Staff time = hours × hourly cost × (1 + payroll overhead %(overhead)s %%), "
                "rounded to whole öre on each time report."
            )
            % {"overhead": str(overhead_percent).replace(".", ",")}
        ],
    )
    for row in rows:
        name = _field(row, "name") or _("Not assigned to a financier")
        sheet.row(name, *(_field(row, key) for key in SHEET_KEYS))
    sheet.totals(_("Total"), *(_field(total, key) for key in SHEET_KEYS))
    return sheet
