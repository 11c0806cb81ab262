"""The grid editor of a budget version: one row per work area × cost category (split by
activity or financier where the version's lines are), one column per year, and per
quarter for the years whose lines are quarterly or that the user opens by quarter.

A cell is a text input named for its line ("c<work area>_<category>_<activity or
0>_<financier or 0>_<year>_<quarter or 0>") and shows its amount the Swedish way,
"22 500,00". Without script every cell is posted, so a grid of up to some 900 cells saves
as a plain form. The editor's script (static/governance/budget/version_editor.js) instead
posts only the cells whose text changed, packed into one JSON field (`cells`), so that no
grid, however large, sends more fields than Django accepts (DATA_UPLOAD_MAX_NUMBER_FIELDS).
A posted cell is authoritative for its line: an amount sets it, an empty cell removes it;
a cell not posted leaves its line as it is.
"""

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from governance.budget.cost_import import parse_amount
from governance.budget.version_lines import LineKey, RowKey, current_amounts, period_label
from governance.common.money import format_sek

PACKED_FIELD = "cells"
CELL_NAME = re.compile(r"^c(\d{1,10})_(\d{1,10})_(\d{1,10})_(\d{1,10})_(\d{4})_([0-4])$")
ROW_PARAM = re.compile(r"^(\d{1,10})_(\d{1,10})_(\d{1,10})_(\d{1,10})$")
# A packed grid is text of about 30 characters a cell; this is some 30 000 cells.
MAX_PACKED_LENGTH = 1_000_000


def cell_name(key):
    return (
        f"c{key.work_area_id}_{key.category_id}_{key.activity_id or 0}_"
        f"{key.financier_id or 0}_{key.year}_{key.quarter or 0}"
    )


def parse_cell_name(name):
    match = CELL_NAME.match(name)
    if match is None:
        return None
    area, category, activity, financier, year, quarter = (int(part) for part in match.groups())
    return LineKey(area, category, activity or None, financier or None, year, quarter or None)


def row_param(row):
    return f"{row.work_area_id}_{row.category_id}_{row.activity_id or 0}_{row.financier_id or 0}"


def parse_row_param(text):
    match = ROW_PARAM.match(str(text))
    if match is None:
        return None
    area, category, activity, financier = (int(part) for part in match.groups())
    return RowKey(area, category, activity or None, financier or None)


def amount_text(amount):
    """How a cell shows an amount: "22 500,00" (no-break spaces), "" for no line."""
    return "" if amount is None else format_sek(amount, unit=False)


# ---------------------------------------------------------------------------------------
# Reading a posted grid


@dataclass
class GridSubmission:
    amounts: dict = field(default_factory=dict)  # LineKey → Decimal, or None for no line
    texts: dict = field(default_factory=dict)  # cell name → the text as typed
    cell_errors: dict = field(default_factory=dict)  # cell name → message
    errors: list = field(default_factory=list)  # messages for the page, in grid order

    @property
    def is_valid(self):
        return not self.errors

    @property
    def rows(self):
        return {parse_cell_name(name).row for name in self.texts}


def read_submission(data, lookups):
    """The cells of a posted grid (the packed field and any plain cell fields), each
    parsed and checked against the project; nothing is saved."""
    submission = GridSubmission()
    posted = {}
    packed = data.get(PACKED_FIELD, "")
    if packed:
        try:
            cells = json.loads(packed) if len(packed) <= MAX_PACKED_LENGTH else None
        except ValueError:
            cells = None
        if not isinstance(cells, dict) or not all(
            isinstance(value, str) for value in cells.values()
        ):
            submission.errors.append(
                _("The budget grid could not be read. Reload the page and enter the changes again.")
            )
            return submission
        posted.update(cells)
    for name in data:
        if name.startswith("c") and CELL_NAME.match(name):
            posted.setdefault(name, data.get(name, ""))

    problems = []
    for name, text in posted.items():
        key = parse_cell_name(name)
        if key is None or lookups.problem(key):
            problems.append(
                (
                    None,
                    _(
                        "The budget grid names a work area, cost category, activity or "
                        "financier that is no longer in the project. Reload the page."
                    ),
                )
            )
            continue
        text = text.strip()[:100]
        submission.texts[name] = text
        if not text:
            submission.amounts[key] = None
            continue
        try:
            submission.amounts[key] = parse_amount(text)
        except ValueError as error:
            submission.cell_errors[name] = str(error)
            problems.append((key, f"{lookups.describe(key)}: {error}"))
    ordered = sorted(
        problems,
        key=lambda problem: (
            (lookups.row_sort_key(problem[0].row), problem[0].year, problem[0].quarter or 0)
            if problem[0]
            else ()
        ),
    )
    submission.errors += list(dict.fromkeys(message for _key, message in ordered))
    return submission


# ---------------------------------------------------------------------------------------
# Building the grid


@dataclass
class Column:
    year: int
    quarter: int | None

    @property
    def label(self):
        return period_label(self.year, self.quarter)

    @property
    def short_label(self):
        return _("Q%(quarter)s") % {"quarter": self.quarter} if self.quarter else _("Year")


@dataclass
class YearHeading:
    year: int
    columns: list
    has_quarters: bool
    # A year with quarterly lines shows its quarters whatever the user asks.
    can_toggle: bool = True

    @property
    def span(self):
        return len(self.columns)


@dataclass
class Cell:
    name: str
    label: str  # what a screen reader says for the input
    text: str  # what the input shows
    saved_text: str  # the saved amount as the input would show it
    error: str = ""


@dataclass
class Row:
    key: RowKey
    category: object
    activity: object
    financier: object
    cells: list
    total: Decimal

    @property
    def param(self):
        return row_param(self.key)


@dataclass
class WorkAreaGroup:
    work_area: object
    rows: list
    total: Decimal


@dataclass
class Grid:
    years: list  # YearHeading
    columns: list  # Column, in the order of the cells
    groups: list  # WorkAreaGroup
    column_totals: list
    total: Decimal
    has_quarters: bool

    @property
    def cell_count(self):
        return len(self.columns) * sum(len(group.rows) for group in self.groups)


def build_grid(version, lookups, *, quarter_years=(), extra_rows=(), submission=None):
    """The grid of `version`: its saved amounts, overlaid with what was posted when the
    posted grid is shown again with its errors."""
    project = version.project
    saved, _ids = current_amounts(version)
    shown = dict(saved)
    texts = {}
    if submission is not None:
        shown.update(submission.amounts)
        texts = submission.texts

    years = set(range(project.start_date.year, project.end_date.year + 1))
    years |= {key.year for key in shown}
    quarterly_lines = {key.year for key in shown if key.quarter}
    quarter_years = quarterly_lines | {year for year in quarter_years if year in years}
    columns, headings = [], []
    for year in sorted(years):
        year_columns = [Column(year, None)]
        if year in quarter_years:
            year_columns += [Column(year, quarter) for quarter in (1, 2, 3, 4)]
        headings.append(
            YearHeading(year, year_columns, year in quarter_years, year not in quarterly_lines)
        )
        columns += year_columns

    rows = {key.row for key in saved} | set(extra_rows)
    if submission is not None:
        rows |= submission.rows
    with_lines = {(row.work_area_id, row.category_id) for row in rows}
    for area_id in lookups.work_areas:
        for category_id in lookups.categories:
            if (area_id, category_id) not in with_lines:
                rows.add(RowKey(area_id, category_id, None, None))

    zero = Decimal(0)
    column_totals = [zero] * len(columns)
    groups = {}
    cell_errors = submission.cell_errors if submission is not None else {}
    for row_key in sorted(rows, key=lookups.row_sort_key):
        area = lookups.work_areas[row_key.work_area_id]
        row_label = lookups.describe(row_key)
        cells, row_total = [], zero
        for index, column in enumerate(columns):
            key = LineKey(*row_key, column.year, column.quarter)
            name = cell_name(key)
            amount = shown.get(key)
            if amount is not None:
                row_total += amount
                column_totals[index] += amount
            cells.append(
                Cell(
                    name=name,
                    label=f"{row_label} · {column.label}",
                    text=texts.get(name, amount_text(amount)),
                    saved_text=amount_text(saved.get(key)),
                    error=cell_errors.get(name, ""),
                )
            )
        group = groups.get(area.pk)
        if group is None:
            group = groups[area.pk] = WorkAreaGroup(area, [], zero)
        group.rows.append(
            Row(
                key=row_key,
                category=lookups.categories[row_key.category_id],
                activity=lookups.activities.get(row_key.activity_id),
                financier=lookups.financiers.get(row_key.financier_id),
                cells=cells,
                total=row_total,
            )
        )
        group.total += row_total
    return Grid(
        years=headings,
        columns=columns,
        groups=list(groups.values()),
        column_totals=column_totals,
        total=sum(column_totals, zero),
        has_quarters=bool(quarter_years),
    )
