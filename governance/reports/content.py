"""Status reports: their content generated from live data for the period, frozen at
submission, and the review flow of the steering group.

The content is one JSON-able dict. A draft's content is generated anew each time it is
shown; at submission the same dict is stored as the report's snapshot, and from then on
the page, the .xlsx and the PDF are rendered from that snapshot only. Every money figure
comes from governance/budget/figures.py.

Budget figures in a report follow the rule in governance/budget/figures.py:
- one budget version throughout: the version in force at the period's end;
- budget and forecast are the whole project's (that version's total, the expected final
  cost);
- "to date" is every month up to the period's last month (each budget line spread evenly
  over its months inside the project period) and the costs dated up to the period's end,
  with variance = budget to date − actual to date; the budget to date is the cumulative
  budget at the period's last month in the report's chart, to the öre;
- "in the period" are the budget of the period's months and the costs dated inside it.
"""

import datetime
import json
import re
from decimal import Decimal
from types import SimpleNamespace

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.budget import charts as budget_charts
from governance.budget import figures
from governance.cofinancing import figures as cofinancing_figures
from governance.decisions import visibility
from governance.decisions.models import ChangeRequest, Decision
from governance.register import as_of, replanning
from governance.register.models import Activity, Milestone, Replanning, WorkArea
from governance.reports import indicators, risk_matrix
from governance.reports.models import Indicator, Risk, StatusReport, WorkAreaStatus
from governance.reports.publications import publications

TOP_RISKS = 5
CONTENT_VERSION = 1

# Keys whose values are money or measured numbers; stored as strings in JSON.
DECIMAL_KEYS = {
    "budget",
    "budget_to_date",
    "budget_period",
    "actual_to_date",
    "actual_period",
    "forecast",
    "variance",
    "committed",
    "actual",
    "cumulative_actual",
    "cumulative_budget",
    "baseline",
    "target",
    "value",
    "latest",
    "used_percent",
    "share_of_costs_percent",
    "used_of_commitment_percent",
    # co-financing (cofinancing_content)
    "cash",
    "hours",
    "time_value",
    "in_kind",
    "non_cash",
    "total",
    "remaining",
    "overhead_percent",
    "unvalued_hours",
    "hours_period",
    "non_cash_period",
}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# Generating


def _area_amounts(row_to_date, row_period, row_project):
    to_date, period, whole = row_to_date.amounts, row_period.amounts, row_project.amounts
    return {
        "budget": whole.budget,
        "forecast": whole.forecast,
        "budget_to_date": to_date.budget,
        "actual_to_date": to_date.actual,
        "variance": to_date.variance,
        "used_percent": figures.percent(to_date.actual, whole.budget),
        "budget_period": period.budget,
        "actual_period": period.actual,
    }


def budget_content(project, start, end):
    version = figures.version_in_force(project, end)
    whole = figures.overview(project, version=version)
    to_date = figures.overview(project, version=version, end=end)
    period = figures.overview(project, version=version, start=start, end=end)
    work_areas = [
        {"code": row.key.code, "label": row.label, **_area_amounts(row, p_row, w_row)}
        for row, p_row, w_row in zip(
            to_date.work_area_rows, period.work_area_rows, whole.work_area_rows, strict=True
        )
    ]
    categories = [
        {"label": row.label, **_area_amounts(row, p_row, w_row)}
        for row, p_row, w_row in zip(
            to_date.category_rows, period.category_rows, whole.category_rows, strict=True
        )
    ]
    total_row = figures.Row(label="", amounts=to_date.total)
    total = _area_amounts(total_row, figures.Row("", period.total), figures.Row("", whole.total))
    financiers = [
        {
            "name": str(row.financier) if row.financier else _("Not assigned to a financier"),
            "committed": row.committed,
            "budget": row.budget,
            "actual": row.actual,
            "share_of_costs_percent": row.share_of_costs_percent,
            "used_of_commitment_percent": row.used_of_commitment_percent,
        }
        for row in to_date.financier_rows
    ]
    months = [
        {
            "month": point.month,
            "actual": point.actual,
            "budget": point.budget,
            "cumulative_actual": point.cumulative_actual,
            "cumulative_budget": point.cumulative_budget,
        }
        for point in to_date.cumulative
        if point.month <= end
    ]
    return {
        "version": str(version) if version else "",
        "work_areas": work_areas,
        "categories": categories,
        "total": total,
        "financiers": financiers,
        "months": months,
    }


def _cofinancing_row(row, period_row, name=None):
    return {
        "name": row.name or _("Not assigned to a financier") if name is None else name,
        "committed": row.committed,
        "cash": row.cash,
        "hours": row.hours,
        "time_value": row.time_value,
        "in_kind": row.in_kind,
        "non_cash": row.non_cash,
        "total": row.total,
        "used_of_commitment_percent": row.used_of_commitment_percent,
        "remaining": row.remaining,
        "hours_period": period_row.hours if period_row else figures.ZERO,
        "non_cash_period": period_row.non_cash if period_row else figures.ZERO,
    }


def cofinancing_content(project, start, end):
    """Each financier's co-financing to date, cash and non-cash apart, against its
    commitment (governance/cofinancing/figures.py, with the budget version in force at the
    period's end), and its staff time and non-cash co-financing in the period."""
    version = figures.version_in_force(project, end)
    to_date = cofinancing_figures.cofinancing(project, version=version, end=end)
    period = cofinancing_figures.cofinancing(project, version=version, start=start, end=end)

    def key(row):
        return row.financier.pk if row.financier else None

    in_period = {key(row): row for row in period.rows}
    return {
        "overhead_percent": to_date.overhead_percent,
        "financiers": [_cofinancing_row(row, in_period.get(key(row))) for row in to_date.rows],
        "total": _cofinancing_row(to_date.total, period.total, name=_("Total")),
        "unvalued_hours": to_date.unvalued_hours,
    }


def _activity(activity):
    return {
        "code": activity.code,
        "title": activity.title,
        "work_area": activity.work_area.code,
        "planned_start": activity.planned_start,
        "planned_end": activity.planned_end,
        "actual_start": activity.actual_start,
        "actual_end": activity.actual_end,
        "status": activity.status,
        "status_label": activity.get_status_display(),
        "progress": activity.progress,
    }


def _inside(day, start, end):
    return day is not None and start <= day <= end


def activities_content(project, start, end):
    """Started, finished, late (as of the period's end) and next period's activities. For
    a period that has ended, states and planned dates are those of its last day
    (governance/register/as_of.py), so a report written late shows the period as it was."""
    next_end = end + (end - start) + datetime.timedelta(days=1)
    open_statuses = (Activity.Status.PLANNED, Activity.Status.IN_PROGRESS)
    groups = {"started": [], "finished": [], "late": [], "next": []}
    per_area = {}
    activities = list(
        Activity.objects.filter(work_area__project=project).select_related("work_area")
    )
    live_progress = {activity.pk: activity.progress for activity in activities}
    if end < timezone.localdate():
        activities = as_of.activities_on(project, activities, end)
    for activity in activities:
        counts = per_area.setdefault(activity.work_area_id, {"total": 0, "done": 0})
        counts["total"] += 1
        if activity.status == Activity.Status.DONE:
            counts["done"] += 1
        row = _activity(activity)
        if row["progress"] is None:  # not reported before: what the activity says now
            row["progress"] = live_progress[activity.pk]
        if _inside(activity.actual_start, start, end):
            groups["started"].append(row)
        if _inside(activity.actual_end, start, end):
            groups["finished"].append(row)
        if activity.is_late_on(end):  # a re-planned late activity stays late until done
            groups["late"].append(row)
        if end < activity.planned_start <= next_end and activity.status in open_statuses:
            groups["next"].append(row)
    return groups, per_area


def replannings_content(project, start, end):
    """Planned dates moved in the period, each in one sentence naming the decision
    (governance/register/replanning.py)."""
    moves = Replanning.objects.filter(
        activity__work_area__project=project, moved_on__range=(start, end)
    ).select_related("activity", "decision__meeting")
    return [
        {
            "code": moved.activity.code,
            "title": moved.activity.title,
            "moved_on": moved.moved_on,
            "text": replanning.describe(moved, with_reason=True),
        }
        for moved in moves
    ]


def milestones_content(project, start, end):
    milestones = Milestone.objects.filter(activity__work_area__project=project).select_related(
        "activity"
    )
    return [
        {
            "title": milestone.title,
            "activity": milestone.activity.code,
            "due_date": milestone.due_date,
            "done_date": milestone.done_date,
        }
        for milestone in milestones
        if _inside(milestone.due_date, start, end) or _inside(milestone.done_date, start, end)
    ]


def decisions_content(project, start, end):
    """The period's decisions, each with what governance/decisions/visibility.py says of it
    (public, or withheld as confidential or with minutes not yet approved)."""
    decisions = (
        Decision.objects.filter(project=project)
        .select_related("meeting")
        .order_by("year", "sequence")
    )
    return [
        {
            "number": decision.number,
            "title": decision.title,
            "date": decision.meeting.local_date,
            "kind": decision.get_kind_display(),
            "state": decision.get_state_display(),
            **visibility.snapshot_fields(decision),
        }
        for decision in decisions
        if _inside(decision.meeting.local_date, start, end)
    ]


def for_publication(report_content):
    """The content of the version meant for publication: withheld decisions left out."""
    published = {
        **report_content,
        "decisions": [d for d in report_content["decisions"] if visibility.snapshot_is_public(d)],
        "for_publication": True,
    }
    if report_content.get("changes"):
        changes = report_content["changes"]
        published["changes"] = {
            **changes,
            "decisions": [d for d in changes["decisions"] if visibility.snapshot_is_public(d)],
        }
    return published


def change_requests_content(project):
    open_states = (ChangeRequest.State.DRAFT, ChangeRequest.State.SUBMITTED)
    return [
        {"title": request.title, "state": request.get_state_display()}
        for request in ChangeRequest.objects.filter(project=project, state__in=open_states)
    ]


def risks_content(project):
    risks = (
        Risk.objects.filter(project=project, state=Risk.State.OPEN)
        .select_related("owner")
        .annotate(product=F("likelihood") * F("impact"))
        .order_by("-product", "-impact", "title")[:TOP_RISKS]
    )
    return [
        {
            "title": risk.title,
            "description": risk.description,
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "score": risk.score,
            "owner": risk.owner.name if risk.owner_id else "",
            "mitigation": risk.mitigation,
        }
        for risk in risks
    ]


def open_risks_content(project):
    """Every open risk's place in the risk matrix (likelihood × impact), highest first."""
    risks = (
        Risk.objects.filter(project=project, state=Risk.State.OPEN)
        .annotate(product=F("likelihood") * F("impact"))
        .order_by("-product", "-impact", "title")
    )
    return [
        {
            "title": risk.title,
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "score": risk.score,
        }
        for risk in risks
    ]


def _achieved(indicator, latest):
    return indicators.achieved(indicator.baseline, indicator.target, latest)


def indicators_content(project, end):
    result = []
    for indicator in Indicator.objects.filter(project=project).prefetch_related("values"):
        values = sorted(
            (v for v in indicator.values.all() if v.measured_on <= end),
            key=lambda v: v.measured_on,
        )
        latest = values[-1].value if values else None
        result.append(
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "baseline": indicator.baseline,
                "target": indicator.target,
                "latest": latest,
                "achieved": _achieved(indicator, latest),
                "values": [
                    {"measured_on": v.measured_on, "value": v.value, "source": v.source}
                    for v in values
                ],
            }
        )
    return result


def blog_posts_content(start, end):
    """Posts and news published in the period: the evidence of informing the public, from
    the apps that register for it (governance/reports/publications.py)."""
    return publications(start, end)


def work_areas_content(report, per_area, budget_rows):
    statuses = {}
    if report.pk:
        statuses = {s.work_area_id: s for s in WorkAreaStatus.objects.filter(report=report)}
    rows = []
    by_code = {row["code"]: row for row in budget_rows}
    for area in WorkArea.objects.filter(project=report.project):
        status = statuses.get(area.pk)
        counts = per_area.get(area.pk, {"total": 0, "done": 0})
        rows.append(
            {
                "code": area.code,
                "title": area.title,
                "goal": area.goal,
                "status": status.status if status else "",
                "status_label": status.get_status_display() if status else "",
                "comment": status.comment if status else "",
                "narrative": status.narrative if status else "",
                "outcome": status.outcome if status else "",
                "activities_total": counts["total"],
                "activities_done": counts["done"],
                **{
                    key: by_code[area.code][key]
                    for key in ("budget", "actual_to_date", "forecast", "variance")
                },
            }
        )
    return rows


def generate(report):
    """The report's content from live data, as the JSON-able dict a snapshot stores."""
    project, start, end = report.project, report.period_start, report.period_end
    money = budget_content(project, start, end)
    activities, per_area = activities_content(project, start, end)
    content = {
        "version": CONTENT_VERSION,
        "kind": report.kind,
        "title": report.title,
        "project": {
            "name": project.name,
            "short_name": project.short_name,
            "start": project.start_date,
            "end": project.end_date,
            "effect_goal": project.effect_goal,
        },
        "period": {"start": start, "end": end},
        "generated_on": timezone.localdate(),
        "authors": [person.name for person in report.authors.all()] if report.pk else [],
        "overall": {
            "status": report.overall_status,
            "status_label": report.get_overall_status_display(),
            "comment": report.overall_comment,
        },
        "narrative": {
            "summary": report.summary,
            "budget_comment": report.budget_comment,
            "risk_comment": report.risk_comment,
            "next_steps": report.next_steps,
            "lessons_learned": report.lessons_learned,
            "is_draft": report.narrative_is_draft,
        },
        "work_areas": work_areas_content(report, per_area, money["work_areas"]),
        "activities": activities,
        "milestones": milestones_content(project, start, end),
        "replannings": replannings_content(project, start, end),
        "budget": money,
        "cofinancing": cofinancing_content(project, start, end),
        "decisions": decisions_content(project, start, end),
        "change_requests": change_requests_content(project),
        "risks": risks_content(project),
        "open_risks": open_risks_content(project),
        "indicators": indicators_content(project, end),
        "blog_posts": blog_posts_content(start, end),
    }
    previous = previous_report(report) if report.period_start else None
    content["comparison"] = comparison(content, previous_content(report))
    content["changes"] = changes_content(report, previous)
    # Through JSON and back, so that a draft renders from exactly what a snapshot holds.
    return json.loads(json.dumps(content, cls=DjangoJSONEncoder))


def hydrate(value, key=None):
    """Snapshot JSON → Python: dates as dates, money and measured values as Decimal."""
    if isinstance(value, dict):
        if value.get("money") is True:  # a comparison row of amounts
            return {**value, "before": Decimal(value["before"]), "now": Decimal(value["now"])}
        return {k: hydrate(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [hydrate(item, key) for item in value]
    if isinstance(value, str):
        if key in DECIMAL_KEYS:
            return Decimal(value)
        if ISO_DATE.match(value):
            return datetime.date.fromisoformat(value)
    return value


def content(report):
    """What the report shows: its snapshot once submitted, live data while a draft."""
    return hydrate(report.snapshot if report.is_frozen else generate(report))


# Comparison with the previous report


def previous_report(report):
    return (
        StatusReport.objects.filter(
            project=report.project,
            kind=StatusReport.Kind.STATUS,
            state__in=[StatusReport.State.SUBMITTED, StatusReport.State.APPROVED],
            period_end__lt=report.period_start,
        )
        .exclude(pk=report.pk)
        .order_by("-period_end")
        .first()
    )


def previous_content(report):
    previous = previous_report(report) if report.period_start else None
    if previous is None or not previous.snapshot:
        return None
    return previous.snapshot


def changes_content(report, previous):
    """What changed since the previous report (or, for the first, in the period), from
    the same history as the project's as-of views (governance/register/as_of.py):
    activities started, finished and moved, decisions taken (withheld ones marked, see
    for_publication) and the budget version in force before and after."""
    if previous is not None and previous.period_end < report.period_end:
        after = previous.period_end
    else:
        after = report.period_start - datetime.timedelta(days=1)
    changes = as_of.changes_between(report.project, after, report.period_end)
    changes["since_title"] = previous.title if previous is not None else ""
    return changes


def comparison(current, previous):
    """What changed since the previous report: statuses and the main figures. Values are
    kept as they are (strings, Decimals); the templates format them."""
    if previous is None:
        return None
    rows = [
        {
            "label": _("Overall status"),
            "before": previous["overall"]["status_label"],
            "now": current["overall"]["status_label"],
            "money": False,
        }
    ]
    before_areas = {area["code"]: area for area in previous["work_areas"]}
    for area in current["work_areas"]:
        before = before_areas.get(area["code"])
        rows.append(
            {
                "label": _("Status %(code)s. %(title)s") % area,
                "before": before["status_label"] if before else "",
                "now": area["status_label"],
                "money": False,
            }
        )
    for label, key in (
        (_("Actual to date"), "actual_to_date"),
        (_("Forecast"), "forecast"),
        (_("Variance to date"), "variance"),
    ):
        rows.append(
            {
                "label": label,
                "before": previous["budget"]["total"][key],
                "now": current["budget"]["total"][key],
                "money": True,
            }
        )
    if "cofinancing" in previous and "cofinancing" in current:
        rows.append(
            {
                "label": _("Non-cash co-financing to date"),
                "before": previous["cofinancing"]["total"]["non_cash"],
                "now": current["cofinancing"]["total"]["non_cash"],
                "money": True,
            }
        )
    rows.append(
        {
            "label": _("Late activities"),
            "before": len(previous["activities"]["late"]),
            "now": len(current["activities"]["late"]),
            "money": False,
        }
    )
    for row in rows:
        row["changed"] = str(row["before"]) != str(row["now"])
    return {"title": previous["title"], "rows": rows}


# Names for files and periods


def file_stem(report):
    return re.sub(r"[^a-z0-9]+", "-", _ascii(report.title).lower()).strip("-") or "lagesrapport"


def _ascii(text):
    return text.translate(str.maketrans("åäöÅÄÖéÉ", "aaoAAOeE"))


def quarter_period(year, quarter):
    first = datetime.date(year, 3 * (quarter - 1) + 1, 1)
    following = datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return first, following - datetime.timedelta(days=1)


# Charts: the budget overview's SVG charts, drawn from the report's own figures


def charts(content):
    money = content["budget"]
    rows = [
        figures.Row(
            label=area["code"],
            key=SimpleNamespace(code=area["code"]),
            amounts=figures.Amounts(
                budget=area["budget"],
                actual=area["actual_to_date"],
                forecast=area["forecast"],
                project_budget=area["budget"],
                project_actual=area["actual_to_date"],
            ),
        )
        for area in money["work_areas"]
    ]
    points = [SimpleNamespace(**month) for month in money["months"]]
    return {
        "work_areas": budget_charts.work_area_bars(rows),
        "cumulative": budget_charts.cumulative_chart(points),
    }


def activity_groups(content):
    """The activity lists with their headings, in the order the report shows them."""
    activities = content["activities"]
    return [
        (_("Started in the period"), activities["started"]),
        (_("Finished in the period"), activities["finished"]),
        (_("Late at the end of the period"), activities["late"]),
        (_("Planned to start in the next period"), activities["next"]),
    ]


def render_context(report, publication=False):
    """What the report page and the PDF render: the content, its charts and its lists;
    with `publication`, the version meant for publication (see for_publication)."""
    report_content = content(report)
    if publication:
        report_content = for_publication(report_content)
    return {
        "report": report,
        "content": report_content,
        "charts": charts(report_content),
        "activity_groups": activity_groups(report_content),
        "risk_matrix": risk_matrix.matrix(risk_matrix.matrix_risks(report_content)),
        "indicator_charts": indicators.report_indicators(report_content),
    }
