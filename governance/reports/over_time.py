"""The comparison over time for the steering group: every submitted or approved status
report of a project side by side, one per period (quarter), read from the reports'
frozen snapshots only (content.hydrate), so that each figure is the one the steering
group was shown.

- status: the overall status and each work area's status per report;
- costs: the period's budget, actual and variance (budget − actual, figures.Amounts), and
  the to-date figures and forecast, all from each report's budget total;
- risks: each risk's likelihood, impact, score and level per report, and whether it rose
  or fell since the report before (risks are matched by their title, as the reports show
  them);
- indicators: the latest value each report showed, against baseline and target
  (indicators.py).

Drafts and returned reports are left out (their figures are not frozen), and so is the
final report, whose period is the whole project.
"""

from dataclasses import dataclass

from django.utils import dateformat
from django.utils.translation import gettext as _

from governance.budget import figures
from governance.reports import content as report_content
from governance.reports import indicators, risk_matrix
from governance.reports.models import StatusReport

UP, DOWN, SAME = "upp", "ned", "oforandrad"


def frozen_reports(project):
    """The reports compared, oldest period first: submitted or approved status reports."""
    return StatusReport.objects.filter(
        project=project,
        kind=StatusReport.Kind.STATUS,
        state__in=[StatusReport.State.SUBMITTED, StatusReport.State.APPROVED],
        snapshot__isnull=False,
    ).order_by("period_end", "pk")


def period_label(start, end):
    """ "2013 kv. 2" for a calendar quarter, else the dates."""
    if start.day == 1 and start.month % 3 == 1:
        quarter = (start.month - 1) // 3 + 1
        if (start, end) == report_content.quarter_period(start.year, quarter):
            return _("%(year)s Q%(quarter)s") % {"year": start.year, "quarter": quarter}
    return f"{dateformat.format(start, 'j b Y')} – {dateformat.format(end, 'j b Y')}"


@dataclass
class Column:
    report: StatusReport
    label: str
    content: dict


@dataclass
class RiskCell:
    likelihood: int
    impact: int
    score: int
    trend: str | None  # UP, DOWN, SAME or None (not in the report before)

    @property
    def level(self):
        return risk_matrix.level(self.score)

    @property
    def level_label(self):
        return risk_matrix.level_label(self.score)


def status_table(columns):
    areas = {}
    for column in columns:
        for area in column.content["work_areas"]:
            areas.setdefault(area["code"], area["title"])
    rows = []
    for column in columns:
        by_code = {area["code"]: area for area in column.content["work_areas"]}
        rows.append(
            {
                "column": column,
                "overall": column.content["overall"],
                "areas": [by_code.get(code) for code in areas],
            }
        )
    return {"areas": list(areas.items()), "rows": rows}


def cost_rows(columns):
    rows = []
    for column in columns:
        total = column.content["budget"]["total"]
        period = figures.Amounts(budget=total["budget_period"], actual=total["actual_period"])
        rows.append(
            {
                "column": column,
                "version": column.content["budget"]["version"],
                "budget_period": period.budget,
                "actual_period": period.actual,
                "variance_period": period.variance,
                "is_over_budget": period.is_over_budget,
                "budget_to_date": total["budget_to_date"],
                "actual_to_date": total["actual_to_date"],
                "variance": total["variance"],
                "forecast": total["forecast"],
            }
        )
    return rows


def _trend(before, now):
    if before is None:
        return None
    if now.score == before.score:
        return SAME
    return UP if now.score > before.score else DOWN


def risk_rows(columns):
    """One row per risk that any report names, with a cell per report (None where the
    report did not name it: closed, or not yet identified)."""
    by_title = {}
    for index, column in enumerate(columns):
        for risk in risk_matrix.matrix_risks(column.content):
            cells = by_title.setdefault(risk["title"], [None] * len(columns))
            cells[index] = RiskCell(risk["likelihood"], risk["impact"], risk["score"], None)
    rows = []
    for title, cells in by_title.items():
        before = None
        for cell in cells:
            if cell is not None:
                cell.trend = _trend(before, cell)
            before = cell
        rows.append({"title": title, "cells": cells})
    latest = [
        next((cell.score for cell in reversed(row["cells"]) if cell), 0) for row in rows
    ]  # the highest latest score first
    order = sorted(range(len(rows)), key=lambda i: (-latest[i], rows[i]["title"]))
    return [rows[i] for i in order]


def indicator_series(columns):
    """Per indicator: the latest value each report showed, against the baseline and
    target of the newest report that names it."""
    series = {}
    for column in columns:
        for indicator in column.content["indicators"]:
            entry = series.setdefault(indicator["name"], {"points": []})
            entry.update(
                name=indicator["name"],
                unit=indicator["unit"],
                baseline=indicator["baseline"],
                target=indicator["target"],
            )
            if indicator["latest"] is not None:
                measured_on = indicator["values"][-1]["measured_on"]
                entry["points"].append(
                    indicators.Point(column.label, indicator["latest"], measured_on)
                )
    result = []
    for index, entry in enumerate(series.values(), start=1):
        points, baseline, target = entry["points"], entry["baseline"], entry["target"]
        result.append(
            {
                **entry,
                "chart": indicators.chart(
                    points, baseline, target, entry["unit"], f"over-tid-indikator-{index}"
                ),
                "rows": indicators.rows(points, baseline, target),
            }
        )
    return result


def comparison(project):
    columns = [
        Column(
            report,
            period_label(report.period_start, report.period_end),
            report_content.hydrate(report.snapshot),
        )
        for report in frozen_reports(project)
    ]
    latest = columns[-1] if columns else None
    return {
        "project": project,
        "columns": columns,
        "status": status_table(columns),
        "costs": cost_rows(columns),
        "risks": risk_rows(columns),
        "indicators": indicator_series(columns),
        "latest": latest,
        "latest_matrix": (
            risk_matrix.matrix(risk_matrix.matrix_risks(latest.content)) if latest else None
        ),
    }
