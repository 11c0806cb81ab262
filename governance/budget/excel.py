"""Excel exports of the budget overview and of all cost entries (openpyxl, write-only mode).

Number formats are stored in Excel's locale-neutral code: `#,##0.00 "kr"` is shown by a
Swedish Excel as 1 234 567,50 kr (space between thousands, comma before öre).
"""

import io

from django.db.models import F
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from governance.budget.figures import ZERO

MONEY_FORMAT = '#,##0.00 "kr"'
PERCENT_FORMAT = "0.0 %"
DATE_FORMAT = "yyyy-mm-dd"
BOLD = Font(bold=True)


class SheetWriter:
    """Appends rows to a write-only sheet, styling money, percentages and headings."""

    def __init__(self, workbook, title, widths):
        self.sheet = workbook.create_sheet(title=title[:31])
        for index, width in enumerate(widths):
            self.sheet.column_dimensions[chr(ord("A") + index)].width = width

    def cell(self, value, number_format=None, bold=False):
        cell = WriteOnlyCell(self.sheet, value=value)
        if number_format:
            cell.number_format = number_format
        if bold:
            cell.font = BOLD
        return cell

    def heading(self, *values):
        self.sheet.append([self.cell(str(v), bold=True) for v in values])

    def row(self, label, *amounts, percent=None, bold=False, label_bold=None):
        cells = [self.cell(label, bold=bold if label_bold is None else label_bold)]
        cells += [self.cell(a, MONEY_FORMAT, bold) for a in amounts]
        if percent is not None or bold:
            value = percent / 100 if percent is not None else None
            cells.append(self.cell(value, PERCENT_FORMAT, bold))
        self.sheet.append(cells)

    def blank(self):
        self.sheet.append([])


def _amount_headings():
    return [_("Budget"), pgettext("money", "Actual"), _("Forecast"), _("Variance"), _("Used")]


def _amount_row(writer, label, amounts, bold=False):
    writer.row(
        label,
        amounts.budget,
        amounts.actual,
        amounts.forecast,
        amounts.variance,
        percent=amounts.used_percent,
        bold=bold,
    )


def overview_workbook(overview):
    """The overview as an .xlsx file's bytes: per work area, per work area and cost category,
    per cost category, per financier and per month, each table with its totals."""
    workbook = Workbook(write_only=True)
    version = overview.version
    title = _("Budget follow-up: %(project)s") % {"project": overview.project}

    sheet = SheetWriter(workbook, _("Work areas"), [46, 18, 18, 18, 18, 12])
    sheet.sheet.append([sheet.cell(title, bold=True)])
    sheet.sheet.append([_("Budget version: %(version)s") % {"version": version or "–"}])
    if overview.start or overview.end:
        sheet.sheet.append(
            [_("Period: %(start)s – %(end)s") % {"start": overview.start, "end": overview.end}]
        )
    sheet.blank()
    sheet.heading(_("Work area"), *_amount_headings())
    for row in overview.work_area_rows:
        _amount_row(sheet, row.label, row.amounts)
    _amount_row(sheet, _("Total"), overview.total, bold=True)

    sheet = SheetWriter(workbook, _("Work area × category"), [46, 24, 18, 18, 18, 18, 12])
    sheet.heading(_("Work area"), _("Cost category"), *_amount_headings())
    for row in overview.work_area_rows:
        for category, amounts in zip(overview.categories, row.cells, strict=True):
            sheet.sheet.append(
                [
                    sheet.cell(row.label),
                    sheet.cell(str(category)),
                    *[
                        sheet.cell(value, MONEY_FORMAT)
                        for value in (
                            amounts.budget,
                            amounts.actual,
                            amounts.forecast,
                            amounts.variance,
                        )
                    ],
                    sheet.cell(
                        amounts.used_percent / 100 if amounts.used_percent is not None else None,
                        PERCENT_FORMAT,
                    ),
                ]
            )
    sheet.sheet.append(
        [
            sheet.cell(_("Total"), bold=True),
            sheet.cell(""),
            *[
                sheet.cell(value, MONEY_FORMAT, bold=True)
                for value in (
                    overview.total.budget,
                    overview.total.actual,
                    overview.total.forecast,
                    overview.total.variance,
                )
            ],
        ]
    )

    sheet = SheetWriter(workbook, _("Cost categories"), [30, 18, 18, 18, 18, 12])
    sheet.heading(_("Cost category"), *_amount_headings())
    for row in overview.category_rows:
        _amount_row(sheet, row.label, row.amounts)
    _amount_row(sheet, _("Total"), overview.total, bold=True)

    sheet = SheetWriter(workbook, _("Financiers"), [34, 18, 18, 18, 16, 16])
    sheet.heading(
        _("Financier"),
        _("Commitment"),
        _("Budget"),
        pgettext("money", "Actual"),
        _("Share of costs"),
        _("Used of commitment"),
    )
    for row in overview.financier_rows:
        sheet.sheet.append(
            [
                sheet.cell(str(row.financier) if row.financier else _("Not assigned")),
                sheet.cell(row.committed, MONEY_FORMAT),
                sheet.cell(row.budget, MONEY_FORMAT),
                sheet.cell(row.actual, MONEY_FORMAT),
                sheet.cell(_fraction(row.share_of_costs_percent), PERCENT_FORMAT),
                sheet.cell(_fraction(row.used_of_commitment_percent), PERCENT_FORMAT),
            ]
        )
    sheet.sheet.append(
        [
            sheet.cell(_("Total"), bold=True),
            sheet.cell(
                sum((r.committed or ZERO for r in overview.financier_rows), ZERO),
                MONEY_FORMAT,
                bold=True,
            ),
            sheet.cell(sum((r.budget for r in overview.financier_rows), ZERO), MONEY_FORMAT, True),
            sheet.cell(sum((r.actual for r in overview.financier_rows), ZERO), MONEY_FORMAT, True),
        ]
    )

    sheet = SheetWriter(workbook, _("Months"), [14, 18, 18, 20, 20])
    sheet.heading(
        _("Month"),
        _("Budget"),
        pgettext("money", "Actual"),
        _("Cumulative budget"),
        _("Cumulative actual"),
    )
    for point in overview.cumulative:
        sheet.row(
            dateformat.format(point.month, "Y-m"),
            point.budget,
            point.actual,
            point.cumulative_budget,
            point.cumulative_actual,
        )
    sheet.row(
        _("Total"),
        sum((p.budget for p in overview.cumulative), ZERO),
        sum((p.actual for p in overview.cumulative), ZERO),
        bold=False,
        label_bold=True,
    )
    return _bytes(workbook)


def _fraction(percent):
    return percent / 100 if percent is not None else None


COST_ENTRY_COLUMNS = [
    ("date", gettext_lazy("Date"), 12),
    ("voucher", gettext_lazy("Voucher"), 14),
    ("amount", gettext_lazy("Amount"), 18),
    ("category_name", gettext_lazy("Cost category"), 22),
    ("work_area_code", gettext_lazy("Work area"), 12),
    ("activity_code", gettext_lazy("Activity"), 12),
    ("financier_name", gettext_lazy("Financier"), 28),
    ("description", gettext_lazy("Text"), 50),
    ("file_name", gettext_lazy("Import file"), 30),
]


def cost_entries_workbook(queryset):
    """All the given cost entries in one sheet, with their total on the last row. One query,
    read in chunks, so that 100 000 rows fit in memory and in time."""
    workbook = Workbook(write_only=True)
    sheet = SheetWriter(workbook, _("Cost entries"), [w for _n, _l, w in COST_ENTRY_COLUMNS])
    sheet.sheet.freeze_panes = "A2"
    sheet.heading(*[label for _name, label, _width in COST_ENTRY_COLUMNS])
    rows = (
        queryset.order_by("date", "voucher")
        .annotate(
            category_name=F("category__name"),
            work_area_code=F("work_area__code"),
            activity_code=F("activity__code"),
            financier_name=F("financier__organisation__name"),
            file_name=F("batch__file_name"),
        )
        .values_list(*[name for name, _label, _width in COST_ENTRY_COLUMNS])
        .iterator(chunk_size=5000)
    )
    total = ZERO
    count = 0
    append = sheet.sheet.append
    for date, voucher, amount, *rest in rows:
        total += amount
        count += 1
        # openpyxl gives a date the format yyyy-mm-dd by itself; only money needs a style.
        amount_cell = WriteOnlyCell(sheet.sheet, value=amount)
        amount_cell.number_format = MONEY_FORMAT
        append([date, voucher, amount_cell, *rest])
    sheet.sheet.append(
        [
            sheet.cell(_("Total"), bold=True),
            sheet.cell(_("%(count)s entries") % {"count": count}),
            sheet.cell(total, MONEY_FORMAT, bold=True),
        ]
    )
    return _bytes(workbook)


def _bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def budget_version_workbook(version):
    """A budget version's lines, one row each, with the version's total on the last row."""
    workbook = Workbook(write_only=True)
    sheet = SheetWriter(workbook, _("Budget lines"), [46, 14, 24, 28, 8, 10, 18])
    sheet.sheet.append([sheet.cell(str(version), bold=True)])
    sheet.sheet.append([f"{version.get_state_display()} {version.approved_on or ''}".strip()])
    sheet.blank()
    sheet.heading(
        _("Work area"),
        _("Activity"),
        _("Cost category"),
        _("Financier"),
        _("Year"),
        _("Quarter"),
        _("Amount"),
    )
    lines = version.lines.select_related(
        "work_area", "activity", "category", "financier__organisation"
    ).order_by("work_area__sort_order", "work_area__code", "category__sort_order", "year")
    total = ZERO
    for line in lines:
        total += line.amount
        sheet.sheet.append(
            [
                str(line.work_area),
                line.activity.code if line.activity_id else None,
                str(line.category),
                str(line.financier) if line.financier_id else None,
                line.year,
                line.quarter,
                sheet.cell(line.amount, MONEY_FORMAT),
            ]
        )
    sheet.sheet.append(
        [sheet.cell(_("Total"), bold=True), *[None] * 5, sheet.cell(total, MONEY_FORMAT, True)]
    )
    return _bytes(workbook)
