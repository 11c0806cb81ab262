"""A budget version in and out of Excel, the way the activity plan goes
(governance/register/activity_plan.py): the export writes one row per budget line, and
the import reads the same layout back in two steps. `read_version_sheet()` checks every
row and compares the file with the version's lines (added, changed and removed lines with
their amounts before and after) without writing anything; `save_version_sheet()` gives
the draft exactly the file's lines through services.save_draft_lines, all or nothing.

The file is the whole version: a line of the version that the file lacks is removed, and
a row with an empty amount is no line.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.budget import services
from governance.budget.cost_import import parse_amount
from governance.budget.version_lines import (
    FIRST_YEAR,
    LAST_YEAR,
    LineChanges,
    LineKey,
    ProjectLookups,
    compare_lines,
    current_amounts,
)
from governance.common.spreadsheets import (
    MONEY,
    NUMBER,
    TEXT,
    EmptyFile,
    RowError,
    UnreadableFile,
    Workbook,
    is_blank,
    normalise,
    read_table,
)
from governance.common.spreadsheets import text as cell_text

UPLOAD_KIND = "budget-version"
# 20 work areas × 6 categories × 4 financiers × 5 years by quarter is 9 600 lines.
MAX_ROWS = 20_000


@dataclass(frozen=True)
class Column:
    key: str
    label: object
    kind: str
    width: int
    required: bool = False


WORK_AREA = Column("work_area", gettext_lazy("Work area"), TEXT, 46, required=True)
ACTIVITY = Column("activity", gettext_lazy("Activity"), TEXT, 14)
CATEGORY = Column("category", gettext_lazy("Cost category"), TEXT, 24, required=True)
FINANCIER = Column("financier", gettext_lazy("Financier"), TEXT, 28)
YEAR = Column("year", gettext_lazy("Year"), NUMBER, 8, required=True)
QUARTER = Column("quarter", gettext_lazy("Quarter"), NUMBER, 10)
AMOUNT = Column("amount", gettext_lazy("Amount"), MONEY, 18, required=True)
COLUMNS = [WORK_AREA, ACTIVITY, CATEGORY, FINANCIER, YEAR, QUARTER, AMOUNT]


def export_filename(version):
    return f"budget-{version.project.slug}-version-{version.number}.xlsx"


def budget_version_workbook(version):
    """A version's lines as an .xlsx file's bytes: one row each, the header in the first
    row (so that the file imports again as it is), the version's total on the last row,
    and what version it is on a second sheet."""
    lookups = ProjectLookups(version.project)
    amounts, _ids = current_amounts(version)
    keys = sorted(
        amounts, key=lambda key: (lookups.row_sort_key(key.row), key.year, key.quarter or 0)
    )
    workbook = Workbook()
    sheet = workbook.sheet(
        _("Budget lines"), [(column.label, column.kind, column.width) for column in COLUMNS]
    )
    total = Decimal(0)
    for key in keys:
        activity = lookups.activities.get(key.activity_id)
        financier = lookups.financiers.get(key.financier_id)
        total += amounts[key]
        sheet.row(
            str(lookups.work_areas[key.work_area_id]),
            activity.code if activity else None,
            str(lookups.categories[key.category_id]),
            str(financier) if financier else None,
            key.year,
            key.quarter,
            amounts[key],
        )
    sheet.totals(_("Total"), *[None] * 5, total)

    about = workbook.sheet(_("Version"), [(_("What"), TEXT, 24), (_("Value"), TEXT, 60)])
    about.row(_("Project"), str(version.project))
    about.row(_("Budget version"), str(version))
    about.row(_("State"), str(version.get_state_display()))
    if version.approved_on:
        about.row(_("Approved on"), version.approved_on.isoformat())
    about.row(_("Exported on"), datetime.date.today().isoformat())
    about.row(
        _("Import"),
        _(
            "The first sheet can be edited and imported into a draft: one row per budget "
            "line; a line the file lacks is removed, an empty amount is no line."
        ),
    )
    return workbook.bytes()


# Import ---------------------------------------------------------------------------------


@dataclass
class VersionSheetImport:
    version: object
    wanted: dict = field(default_factory=dict)  # LineKey → amount
    changes: LineChanges = field(default_factory=LineChanges)
    errors: list = field(default_factory=list)
    saved: bool = False

    @property
    def is_valid(self):
        return not self.errors

    def add_error(self, row, column, message):
        label = str(column.label) if isinstance(column, Column) else ""
        self.errors.append(RowError(row, label, str(message)))


def read_version_sheet(version, file, *, lookups=None):
    """Checks every row of the file and compares it with the version; writes nothing."""
    lookups = lookups or ProjectLookups(version.project)
    result = VersionSheetImport(version=version)
    if version.is_approved:
        result.add_error(
            None,
            None,
            _("Budget version %(version)s is approved and cannot be changed.")
            % {"version": version},
        )
        return result
    try:
        with read_table(file) as table:
            _read_rows(result, lookups, table)
    except EmptyFile:
        result.add_error(None, None, _("The file is empty."))
    except UnreadableFile:
        result.add_error(
            None,
            None,
            _("The file could not be read as an Excel workbook (.xlsx). Save it as .xlsx."),
        )
    if result.is_valid:
        current, _ids = current_amounts(version)
        result.changes = compare_lines(current, result.wanted, replace=True)
        result.changes.sort(lookups)
    else:
        result.wanted = {}
    return result


def save_version_sheet(result, *, user=None):
    """Saves a valid import; returns the changes made (those the preview showed, unless
    the version changed in between)."""
    if not result.is_valid:
        raise ValueError("A budget file with errors cannot be saved.")
    changes = services.save_draft_lines(result.version, result.wanted, replace=True, user=user)
    result.saved = True
    return changes


def _labels(label):
    """The label in the current language, Swedish and English, so that a file exported in
    one admin language imports in another."""
    labels = {str(label)}
    for language in ("sv", "en"):
        with translation.override(language):
            labels.add(str(label))
    return labels


def _read_rows(result, lookups, table):
    columns = table.map_columns({column.key: _labels(column.label) for column in COLUMNS})
    missing = [str(c.label) for c in COLUMNS if c.required and c.key not in columns]
    if missing:
        result.add_error(
            table.header_row,
            None,
            _("The header row lacks the columns: %(columns)s. Start from an exported version.")
            % {"columns": ", ".join(missing)},
        )
        return
    reader = _RowReader(result, lookups, columns)
    for count, (row_number, values) in enumerate(table.rows, start=1):
        if count > MAX_ROWS:
            result.add_error(
                None, None, _("The file has more than %(count)s rows.") % {"count": MAX_ROWS}
            )
            return
        if reader.is_totals_row(values):
            continue
        reader.read(row_number, values)


class _BadCell(Exception):
    pass


QUARTER_TEXT = re.compile(r"^(?:q|k|kv|kvartal)?\s*\.?\s*([1-4])$", re.IGNORECASE)


class _RowReader:
    """Turns rows into line keys and amounts, collecting every error; the project's
    lookups are read once, so a row costs no query."""

    def __init__(self, result, lookups, columns):
        self.result = result
        self.lookups = lookups
        self.columns = columns
        self.work_areas = {normalise(a.code): a for a in lookups.work_areas.values()}
        self.categories = {normalise(c.name): c for c in lookups.categories.values()}
        self.activities = {
            (a.work_area_id, normalise(a.code)): a for a in lookups.activities.values()
        }
        self.financiers = {}
        for financier in lookups.financiers.values():
            self.financiers[normalise(str(financier))] = financier
            self.financiers[normalise(financier.organisation.name)] = financier
        self.total_labels = {normalise(label) for label in _labels(gettext_lazy("Total"))}
        self.rows_by_key = {}

    def value(self, values, column):
        position = self.columns.get(column.key)
        if position is None or position >= len(values):
            return None
        return values[position]

    def is_totals_row(self, values):
        """The export's last row ("Summa" and the total) is no line."""
        first = self.value(values, WORK_AREA)
        return (
            isinstance(first, str)
            and normalise(first) in self.total_labels
            and is_blank(self.value(values, YEAR))
        )

    def read(self, row_number, values):
        parsed, failed = {}, False
        for column, parser in [
            (WORK_AREA, self.parse_work_area),
            (CATEGORY, self.parse_category),
            (FINANCIER, self.parse_financier),
            (YEAR, self.parse_year),
            (QUARTER, self.parse_quarter),
            (AMOUNT, self.parse_amount),
        ]:
            try:
                parsed[column.key] = parser(self.value(values, column))
            except _BadCell as error:
                self.result.add_error(row_number, column, error)
                failed = True
        area = parsed.get("work_area")
        try:
            parsed["activity"] = self.parse_activity(self.value(values, ACTIVITY), area)
        except _BadCell as error:
            self.result.add_error(row_number, ACTIVITY, error)
            failed = True
        if failed:
            return
        key = LineKey(
            area.pk,
            parsed["category"].pk,
            parsed["activity"].pk if parsed["activity"] else None,
            parsed["financier"].pk if parsed["financier"] else None,
            parsed["year"],
            parsed["quarter"],
        )
        earlier = self.rows_by_key.get(key)
        if earlier is not None:
            self.result.add_error(
                row_number,
                None,
                _("The same budget line as on row %(row)s: %(line)s.")
                % {"row": earlier, "line": self.lookups.describe(key)},
            )
            return
        self.rows_by_key[key] = row_number
        if parsed["amount"] is not None:
            self.result.wanted[key] = parsed["amount"]

    def parse_work_area(self, value):
        text = cell_text(value)
        if not text:
            raise _BadCell(_("A value is required."))
        # "A" or "A. Title" as exported: the code is what comes before the first full stop.
        code = text.split(".", 1)[0].strip()
        area = self.work_areas.get(normalise(code))
        if area is None:
            raise _BadCell(
                _("The project %(project)s has no work area %(code)s.")
                % {"project": self.lookups.project, "code": code}
            )
        return area

    def parse_category(self, value):
        text = cell_text(value)
        if not text:
            raise _BadCell(_("A value is required."))
        category = self.categories.get(normalise(text))
        if category is None:
            raise _BadCell(
                _("The project has no cost category “%(name)s”. Use one of: %(names)s.")
                % {
                    "name": text,
                    "names": ", ".join(str(c) for c in self.lookups.categories.values()),
                }
            )
        return category

    def parse_activity(self, value, area):
        text = cell_text(value)
        if not text:
            return None
        if area is None:
            return None  # the work area's own error says what is wrong
        activity = self.activities.get((area.pk, normalise(text)))
        if activity is None:
            raise _BadCell(
                _("Work area %(work_area)s has no activity %(code)s.")
                % {"work_area": area.code, "code": text}
            )
        return activity

    def parse_financier(self, value):
        text = cell_text(value)
        if not text:
            return None
        financier = self.financiers.get(normalise(text))
        if financier is None:
            raise _BadCell(
                _("%(name)s is not a financier of the project. Add the financier first.")
                % {"name": text}
            )
        return financier

    def parse_year(self, value):
        text = cell_text(value)
        if not text:
            raise _BadCell(_("A value is required."))
        if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
            raise _BadCell(
                _("%(value)s is not a year from %(first)s to %(last)s.")
                % {"value": text, "first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return int(text)

    def parse_quarter(self, value):
        text = cell_text(value)
        if not text:
            return None
        match = QUARTER_TEXT.match(text)
        if match is None:
            raise _BadCell(
                _("%(value)s is not a quarter. Write 1, 2, 3 or 4, or leave it empty for the year.")
                % {"value": text}
            )
        return int(match.group(1))

    def parse_amount(self, value):
        if is_blank(value):
            return None
        try:
            return parse_amount(value)
        except ValueError as error:
            raise _BadCell(str(error)) from error
