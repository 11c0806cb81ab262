"""A status report as an .xlsx workbook (on the one spreadsheet writer,
governance/common/spreadsheets.py), from the same content as the report page: its
snapshot once submitted.

Every table has its heading row frozen and an auto filter; money cells carry the budget
export's number format (a Swedish Excel shows 1 234 567,50 kr), dates are real dates,
and totals rows are SUM formulas over the rows above them, so that they equal the
report's totals when a spreadsheet program computes them. The Budget sheet has a native
bar chart of budget against actual per work area.
"""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from openpyxl.chart import BarChart, Reference

from governance.cofinancing import excel as cofinancing_excel
from governance.common.spreadsheets import (
    DATE,
    MONEY,
    MONEY_FORMAT,
    NUMBER,
    PERCENT,
    TEXT,
    Workbook,
)
from governance.decisions import visibility
from governance.reports import content as report_content

AMOUNT_KEYS = [
    "budget",
    "budget_to_date",
    "actual_to_date",
    "budget_period",
    "actual_period",
    "variance",
    "forecast",
]


def _amount_columns(first):
    return [
        (first, TEXT, 34),
        (_("Budget for the whole project"), MONEY, 18),
        (_("Budget to date"), MONEY, 18),
        (_("Actual to date"), MONEY, 18),
        (_("Budget in the period"), MONEY, 20),
        (_("Actual in the period"), MONEY, 20),
        (_("Variance to date"), MONEY, 18),
        (_("Forecast for the whole project"), MONEY, 18),
        (_("Note"), TEXT, 36),
    ]


def forecast_note(row):
    """The flag the report page shows beside a forecast, as text."""
    if row["forecast"] < row["actual_to_date"]:
        return _("Forecast below the actual cost to date")
    if row["forecast"] > row["budget"]:
        return _("Forecast over the budget")
    return None


def _amount_row(table, label, row):
    table.row(label, *[row[key] for key in AMOUNT_KEYS], forecast_note(row))


def summary_sheet(workbook, report, content):
    table = workbook.sheet(_("Summary"), [(_("Item"), TEXT, 36), (_("Value"), TEXT, 60)])
    total = content["budget"]["total"]
    table.row(_("Project"), content["project"]["name"])
    table.row(_("Report"), content["title"])
    for label, day in ((_("Period start"), "start"), (_("Period end"), "end")):
        table.row(label, content["period"][day], kinds=(TEXT, DATE))
    table.row(_("State"), report.get_state_display())
    table.row(_("Overall status"), content["overall"]["status_label"])
    table.row(_("Comment"), content["overall"]["comment"])
    for area in content["work_areas"]:
        table.row(f"{area['code']}. {area['title']}", area["status_label"] or "–")
    for label, key in (
        (_("Budget for the whole project"), "budget"),
        (_("Budget to date"), "budget_to_date"),
        (_("Actual to date"), "actual_to_date"),
        (_("Budget in the period"), "budget_period"),
        (_("Actual in the period"), "actual_period"),
        (_("Variance to date"), "variance"),
        (_("Forecast for the whole project"), "forecast"),
    ):
        table.row(label, total[key], kinds=(TEXT, MONEY))
    table.row(_("Budget version"), content["budget"]["version"] or "–")
    table.row(_("Summary"), content["narrative"]["summary"])
    if content["kind"] == "slutrapport":
        for area in content["work_areas"]:
            table.row(_("Outcome %(code)s. %(title)s") % area, area["outcome"])
        table.row(_("Lessons learned"), content["narrative"]["lessons_learned"])
    table.row(_("Next steps"), content["narrative"]["next_steps"])


def activities_sheet(workbook, content):
    table = workbook.sheet(
        _("Activities"),
        [
            (_("Group"), TEXT, 34),
            (_("Code"), TEXT, 10),
            (_("Activity"), TEXT, 44),
            (_("Work area"), TEXT, 12),
            (_("Planned start"), DATE, 14),
            (_("Planned end"), DATE, 14),
            (_("Actual start"), DATE, 14),
            (_("Actual end"), DATE, 14),
            (_("Status"), TEXT, 14),
            (_("Progress (%)"), NUMBER, 12),
        ],
    )
    for label, rows in report_content.activity_groups(content):
        for a in rows:
            table.row(
                label,
                a["code"],
                a["title"],
                a["work_area"],
                a["planned_start"],
                a["planned_end"],
                a["actual_start"],
                a["actual_end"],
                a["status_label"],
                a["progress"],
            )


def budget_sheet(workbook, content):
    table = workbook.sheet(_("Budget"), _amount_columns(_("Work area")))
    areas = content["budget"]["work_areas"]
    for area in areas:
        _amount_row(table, area["label"], area)
    table.sum_totals(_("Total"))
    if areas:
        chart = BarChart()
        chart.type = "col"
        chart.title = _("Budget and actual per work area")
        chart.y_axis.title = "kr"
        chart.y_axis.numFmt = MONEY_FORMAT
        last = len(areas) + 1
        for column in (2, 4):  # budget, actual to date
            chart.add_data(
                Reference(table.worksheet, min_col=column, min_row=1, max_row=last),
                titles_from_data=True,
            )
        chart.set_categories(Reference(table.worksheet, min_col=1, min_row=2, max_row=last))
        chart.width, chart.height = 22, 11
        table.worksheet.add_chart(chart, f"A{last + 4}")


def actual_sheet(workbook, content):
    table = workbook.sheet(_("Actual"), _amount_columns(_("Cost category")))
    for category in content["budget"]["categories"]:
        _amount_row(table, category["label"], category)
    table.sum_totals(_("Total"))


def financiers_sheet(workbook, content):
    table = workbook.sheet(
        _("Financiers"),
        [
            (_("Financier"), TEXT, 34),
            (_("Committed"), MONEY, 18),
            (_("Budget to date"), MONEY, 18),
            (_("Actual to date"), MONEY, 18),
            (_("Share of costs"), PERCENT, 16),
        ],
    )
    for row in content["budget"]["financiers"]:
        table.row(
            row["name"],
            row["committed"],
            row["budget"],
            row["actual"],
            row["share_of_costs_percent"],
        )
    table.sum_totals(_("Total"))


def months_sheet(workbook, content):
    """The cumulative chart's figures: per month up to the period's end. The last row's
    cumulative budget is the budget to date of the Summary sheet."""
    table = workbook.sheet(
        _("Months"),
        [
            (_("Month"), DATE, 14),
            (_("Budget"), MONEY, 18),
            (pgettext("money", "Actual"), MONEY, 18),
            (_("Cumulative budget"), MONEY, 20),
            (_("Cumulative actual"), MONEY, 20),
        ],
    )
    for month in content["budget"]["months"]:
        table.row(
            month["month"],
            month["budget"],
            month["actual"],
            month["cumulative_budget"],
            month["cumulative_actual"],
        )


def decisions_sheet(workbook, content):
    table = workbook.sheet(
        _("Decisions"),
        [
            (_("Decision number"), TEXT, 14),
            (_("Date"), DATE, 14),
            (_("Title"), TEXT, 50),
            (_("Kind"), TEXT, 16),
            (_("State"), TEXT, 16),
            (_("Publication"), TEXT, 44),
        ],
    )
    for d in content["decisions"]:
        table.row(d["number"], d["date"], d["title"], d["kind"], d["state"], _publication(d))


def _publication(decision):
    """Marks a withheld decision (confidential, minutes not approved) in the workbook."""
    if visibility.snapshot_is_public(decision):
        return _("May be published")
    reason = visibility.withheld_label(decision.get("withheld")) or _("not recorded")
    return _("May not be published (%(reason)s)") % {"reason": reason}


def risks_sheet(workbook, content):
    table = workbook.sheet(
        _("Risks"),
        [
            (_("Risk"), TEXT, 40),
            (_("Likelihood"), NUMBER, 12),
            (_("Impact"), NUMBER, 12),
            (_("Score"), NUMBER, 10),
            (_("Owner"), TEXT, 24),
            (_("Mitigation"), TEXT, 50),
        ],
    )
    for r in content["risks"]:
        table.row(r["title"], r["likelihood"], r["impact"], r["score"], r["owner"], r["mitigation"])


def indicators_sheet(workbook, content):
    table = workbook.sheet(
        _("Indicators"),
        [
            (_("Indicator"), TEXT, 40),
            (_("Unit"), TEXT, 10),
            (_("Baseline"), NUMBER, 12),
            (_("Target"), NUMBER, 12),
            (_("Measured on"), DATE, 14),
            (_("Value"), NUMBER, 12),
            (_("Source"), TEXT, 30),
        ],
    )
    for indicator in content["indicators"]:
        for value in indicator["values"] or [None]:
            table.row(
                indicator["name"],
                indicator["unit"],
                indicator["baseline"],
                indicator["target"],
                value and value["measured_on"],
                value and value["value"],
                value and value["source"],
            )


def workbook_bytes(report, publication=False):
    """The workbook; with `publication`, the version meant for publication, which leaves out
    the decisions governance/decisions/visibility.py withholds."""
    content = report_content.content(report)
    if publication:
        content = report_content.for_publication(content)
    workbook = Workbook()
    summary_sheet(workbook, report, content)
    activities_sheet(workbook, content)
    budget_sheet(workbook, content)
    actual_sheet(workbook, content)
    financiers_sheet(workbook, content)
    if content.get("cofinancing"):
        co = content["cofinancing"]
        cofinancing_excel.cofinancing_sheet(
            workbook, co["financiers"], co["total"], co["overhead_percent"]
        )
    months_sheet(workbook, content)
    decisions_sheet(workbook, content)
    risks_sheet(workbook, content)
    indicators_sheet(workbook, content)
    return workbook.bytes()


# The comparison over time (governance/reports/over_time.py)


def _yes_no(value):
    if value is None:
        return "–"
    return _("yes") if value else _("no")


TRENDS = {
    "upp": pgettext("risk trend", "up"),
    "ned": pgettext("risk trend", "down"),
    "oforandrad": pgettext("risk trend", "unchanged"),
}


def comparison_status_sheet(workbook, comparison):
    areas = comparison["status"]["areas"]
    table = workbook.sheet(
        _("Status"),
        [
            (_("Period"), TEXT, 14),
            (_("Report"), TEXT, 30),
            (_("Overall status"), TEXT, 16),
            *[(f"{code}. {title}", TEXT, 18) for code, title in areas],
        ],
        caption=_("Status per work area, report by report"),
    )
    for row in comparison["status"]["rows"]:
        table.row(
            row["column"].label,
            row["column"].report.title,
            row["overall"]["status_label"].capitalize(),
            *[
                (area["status_label"] or _("not set")).capitalize() if area else "–"
                for area in row["areas"]
            ],
        )


def comparison_costs_sheet(workbook, comparison):
    table = workbook.sheet(
        _("Costs"),
        [
            (_("Period"), TEXT, 14),
            (_("Report"), TEXT, 30),
            (_("Budget version"), TEXT, 24),
            (_("Budget in the period"), MONEY, 18),
            (_("Actual in the period"), MONEY, 18),
            (_("Variance in the period"), MONEY, 18),
            (_("Budget to date"), MONEY, 18),
            (_("Actual to date"), MONEY, 18),
            (_("Variance to date"), MONEY, 18),
            (_("Forecast for the whole project"), MONEY, 18),
        ],
        caption=_("Cost and variance per period, as each report was frozen"),
        lines=[_("Variance is budget minus actual: a negative variance means over budget.")],
    )
    for row in comparison["costs"]:
        table.row(
            row["column"].label,
            row["column"].report.title,
            row["version"],
            row["budget_period"],
            row["actual_period"],
            row["variance_period"],
            row["budget_to_date"],
            row["actual_to_date"],
            row["variance"],
            row["forecast"],
        )


def comparison_risks_sheet(workbook, comparison):
    table = workbook.sheet(
        _("Risks"),
        [
            (_("Risk"), TEXT, 40),
            (_("Period"), TEXT, 14),
            (_("Likelihood"), NUMBER, 12),
            (_("Impact"), NUMBER, 12),
            (_("Score"), NUMBER, 10),
            (_("Level"), TEXT, 10),
            (_("Since the report before"), TEXT, 16),
        ],
        caption=_("Risks report by report: likelihood, impact and score (likelihood × impact)"),
    )
    columns = comparison["columns"]
    for row in comparison["risks"]:
        for column, cell in zip(columns, row["cells"], strict=True):
            if cell is None:
                continue
            table.row(
                row["title"],
                column.label,
                cell.likelihood,
                cell.impact,
                cell.score,
                str(cell.level_label),
                TRENDS[cell.trend] if cell.trend else "–",
            )


def comparison_indicators_sheet(workbook, comparison):
    table = workbook.sheet(
        _("Indicators"),
        [
            (_("Indicator"), TEXT, 40),
            (_("Unit"), TEXT, 10),
            (_("Period"), TEXT, 14),
            (_("Measured on"), DATE, 14),
            (_("Value"), NUMBER, 12),
            (_("Baseline"), NUMBER, 12),
            (_("Target"), NUMBER, 12),
            (_("Change from the baseline"), NUMBER, 16),
            (_("Target reached"), TEXT, 14),
        ],
        caption=_("Indicators: the latest value each report showed, against baseline and target"),
    )
    for indicator in comparison["indicators"]:
        for row in indicator["rows"]:
            table.row(
                indicator["name"],
                indicator["unit"],
                row.label,
                row.measured_on,
                row.value,
                indicator["baseline"],
                indicator["target"],
                row.change,
                _yes_no(row.achieved),
            )


def comparison_workbook(comparison):
    """The comparison over time as .xlsx: the same figures as its page."""
    workbook = Workbook()
    comparison_status_sheet(workbook, comparison)
    comparison_costs_sheet(workbook, comparison)
    comparison_risks_sheet(workbook, comparison)
    comparison_indicators_sheet(workbook, comparison)
    return workbook.bytes()
