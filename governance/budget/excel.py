"""Excel exports of the budget overview and of all cost entries, on the one spreadsheet
writer (governance/common/spreadsheets.py). A budget version's export and import are in
version_sheet.py."""

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from governance.budget.figures import ZERO
from governance.budget.models import CostCategory, CostImportBatch, Financier
from governance.cofinancing import excel as cofinancing_excel
from governance.common.money import format_sek
from governance.common.spreadsheets import DATE, MONEY, PERCENT, TEXT, Workbook
from governance.register.models import Activity, WorkArea


def _amount_columns(overview, *first):
    """The given leading columns, then the amounts: budget, actual, forecast, variance and
    used; with a date range, those of the range and then the whole project's budget and
    forecast (the forecast is always the whole project's). Last a note with the flags."""
    if overview.is_filtered:
        amounts = [
            (_("Budget in the period"), MONEY, 18),
            (_("Actual in the period"), MONEY, 18),
            (_("Variance in the period"), MONEY, 18),
            (_("Used in the period"), PERCENT, 12),
            (_("Budget for the whole project"), MONEY, 18),
            (_("Forecast for the whole project"), MONEY, 18),
        ]
    else:
        amounts = [
            (_("Budget"), MONEY, 18),
            (pgettext("money", "Actual"), MONEY, 18),
            (_("Forecast"), MONEY, 18),
            (_("Variance"), MONEY, 18),
            (_("Used"), PERCENT, 12),
        ]
    return [*first, *amounts, (_("Note"), TEXT, 40)]


def flags(amounts):
    """What the overview page flags about these amounts, as text."""
    notes = []
    if amounts.is_over_budget:
        notes.append(_("over budget"))
    if amounts.is_forecast_below_actual:
        notes.append(
            _("forecast below the costs booked so far, %(actual)s")
            % {"actual": format_sek(amounts.project_actual)}
        )
    elif amounts.is_forecast_over_budget:
        notes.append(_("forecast over budget"))
    return "; ".join(notes) or None


def _amounts(overview, amounts, note=True):
    if overview.is_filtered:
        values = [
            amounts.budget,
            amounts.actual,
            amounts.variance,
            amounts.used_percent,
            amounts.project_budget,
            amounts.forecast,
        ]
    else:
        values = [
            amounts.budget,
            amounts.actual,
            amounts.forecast,
            amounts.variance,
            amounts.used_percent,
        ]
    return [*values, flags(amounts) if note else None]


def overview_lines(overview):
    """The lines above the first table: version, period and the rule of the figures."""
    lines = [_("Budget version: %(version)s") % {"version": overview.version or "–"}]
    if overview.is_filtered:
        period = {"start": overview.start or "", "end": overview.end or ""}
        lines.append(_("Period: %(start)s – %(end)s") % period)
        if overview.first_month:
            months = {
                "first": dateformat.format(overview.first_month, "F Y"),
                "last": dateformat.format(overview.last_month, "F Y"),
            }
            lines.append(
                _("The period's budget counts whole months: %(first)s – %(last)s.") % months
            )
    lines.append(
        _(
            "Each budget line is spread evenly over its months inside the project period: a "
            "yearly line over its twelve months, a quarterly line over its three. The forecast "
            "is the expected final cost of the whole project."
        )
    )
    return lines


def overview_workbook(overview):
    """The overview as an .xlsx file's bytes: per work area, per work area and cost category,
    per cost category, per financier and per month, each table with its totals; the same
    figures and flags as the page."""
    workbook = Workbook()
    sheet = workbook.sheet(
        _("Work areas"),
        _amount_columns(overview, (_("Work area"), TEXT, 46)),
        caption=_("Budget follow-up: %(project)s") % {"project": overview.project},
        lines=overview_lines(overview),
    )
    for row in overview.work_area_rows:
        sheet.row(row.label, *_amounts(overview, row.amounts))
    sheet.totals(_("Total"), *_amounts(overview, overview.total))

    sheet = workbook.sheet(
        _("Work area × category"),
        _amount_columns(overview, (_("Work area"), TEXT, 46), (_("Cost category"), TEXT, 24)),
    )
    for row in overview.work_area_rows:
        for category, amounts in zip(overview.categories, row.cells, strict=True):
            sheet.row(row.label, str(category), *_amounts(overview, amounts))
    sheet.totals(_("Total"), None, *_amounts(overview, overview.total, note=False))

    sheet = workbook.sheet(
        _("Cost categories"), _amount_columns(overview, (_("Cost category"), TEXT, 30))
    )
    for row in overview.category_rows:
        sheet.row(row.label, *_amounts(overview, row.amounts))
    sheet.totals(_("Total"), *_amounts(overview, overview.total))

    sheet = workbook.sheet(
        _("Financiers"),
        [
            (_("Financier"), TEXT, 34),
            (_("Commitment"), MONEY, 18),
            (_("Budget in the period") if overview.is_filtered else _("Budget"), MONEY, 18),
            (
                _("Actual in the period") if overview.is_filtered else pgettext("money", "Actual"),
                MONEY,
                18,
            ),
            (_("Share of costs"), PERCENT, 16),
            (_("Used of commitment"), PERCENT, 16),
        ],
    )
    rows = overview.financier_rows
    for row in rows:
        sheet.row(
            str(row.financier) if row.financier else _("Not assigned"),
            row.committed,
            row.budget,
            row.actual,
            row.share_of_costs_percent,
            row.used_of_commitment_percent,
        )
    sheet.totals(
        _("Total"),
        sum((r.committed or ZERO for r in rows), ZERO),
        sum((r.budget for r in rows), ZERO),
        sum((r.actual for r in rows), ZERO),
    )

    if overview.cofinancing is not None:
        co = overview.cofinancing
        cofinancing_excel.cofinancing_sheet(workbook, co.rows, co.total, co.overhead_percent)

    sheet = workbook.sheet(
        _("Months"),
        [
            (_("Month"), TEXT, 14),
            (_("Budget"), MONEY, 18),
            (pgettext("money", "Actual"), MONEY, 18),
            (_("Cumulative budget"), MONEY, 20),
            (_("Cumulative actual"), MONEY, 20),
        ],
    )
    for point in overview.cumulative:
        sheet.row(
            dateformat.format(point.month, "Y-m"),
            point.budget,
            point.actual,
            point.cumulative_budget,
            point.cumulative_actual,
        )
    sheet.totals(
        _("Total"),
        sum((p.budget for p in overview.cumulative), ZERO),
        sum((p.actual for p in overview.cumulative), ZERO),
    )
    return workbook.bytes()


COST_ENTRY_COLUMNS = [
    (gettext_lazy("Date"), DATE, 12),
    (gettext_lazy("Voucher"), TEXT, 14),
    (gettext_lazy("Amount"), MONEY, 18),
    (gettext_lazy("Cost category"), TEXT, 22),
    (gettext_lazy("Work area"), TEXT, 12),
    (gettext_lazy("Activity"), TEXT, 12),
    (gettext_lazy("Financier"), TEXT, 28),
    (gettext_lazy("Text"), TEXT, 50),
    (gettext_lazy("Import file"), TEXT, 30),
]


def _names(model, field):
    """{pk: name} of every record of `model`, of every project (an export may hold several):
    the few categories, work areas, activities, financiers and import files that up to
    millions of entries refer to, read once instead of joined to each entry (on PostgreSQL
    five joins doubled the time of the entries' query), as the funder's voucher list does."""
    return dict(model.objects.values_list("pk", field))


def cost_entries_workbook(queryset, progress=None, file=None):
    """All the given cost entries in one sheet, with their total on the last row: the
    .xlsx file's bytes, or (given a binary `file`) written into that file. The entries are
    one query, read in chunks in the order of the index costentry_by_date_voucher, so that
    1 000 000 rows fit in memory; the names they refer to are five small queries.
    `progress(done, total)` is told after each row when given (the background export,
    background/exports.py)."""
    workbook = Workbook()
    sheet = workbook.sheet(_("Cost entries"), COST_ENTRY_COLUMNS)
    categories = _names(CostCategory, "name")
    work_areas = _names(WorkArea, "code")
    activities = _names(Activity, "code")
    financiers = _names(Financier, "organisation__name")
    files = _names(CostImportBatch, "file_name")
    count = None if progress is None else queryset.count()
    entries = (
        queryset.order_by("date", "voucher")
        .values_list(
            "date",
            "voucher",
            "amount",
            "category_id",
            "work_area_id",
            "activity_id",
            "financier_id",
            "description",
            "batch_id",
        )
        .iterator(chunk_size=5000)
    )
    total = ZERO
    row = sheet.row
    for done, entry in enumerate(entries, start=1):
        day, voucher, amount, category, area, activity, financier, text, batch = entry
        total += amount
        row(
            day,
            voucher,
            amount,
            categories[category],
            work_areas[area],
            activities.get(activity),
            financiers.get(financier),
            text,
            files.get(batch),
        )
        if progress is not None:
            progress(done, count)
    sheet.totals(_("Total"), _("%(count)s entries") % {"count": sheet.rows}, total)
    return workbook.bytes() if file is None else workbook.save(file)
