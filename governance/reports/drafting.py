"""A new status report's narrative starts as a draft written from the data: plain Swedish
sentences, no language model.

The draft says what the history says about the period (governance/register/as_of.py's
`changes_between`: activities started, finished and moved, decisions taken, the budget
version), the posts published in it (the `report_publications` hook,
governance/reports/publications.py), indicator values measured in it, and the activities
planned to start in the next period. Only public decisions are named: the narrative is
also printed in the version meant for publication; the others are counted.

`fill_new_report` writes the draft into the empty narrative fields and sets
`StatusReport.narrative_is_draft`; the editor shows a notice and the report the label
"Utkast – genererad text" until the project leader edits the text (the edit view clears
the flag), and a report cannot be submitted with the generated text unread.
"""

import datetime

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.common.money import format_percent
from governance.register import as_of
from governance.register.models import Activity, WorkArea
from governance.reports.models import Indicator, StatusReport
from governance.reports.publications import publications

DRAFTED_FIELDS = ("summary", "next_steps")
DRAFTED_WORK_AREA_FIELDS = ("narrative",)
LANGUAGE = "sv"  # project text is Swedish whatever the writer's admin language


def _day(day):
    return formats.date_format(day, "j F Y")


def _list(items):
    """ "a", "a och b", "a, b och c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _activity(row):
    return f"{row['code']} {row['title']}"


def _value(value, unit):
    """5.30 with "%" → "5,3 %"; 120.00 with "företag" → "120 företag"."""
    if unit.strip() == "%":
        return format_percent(value)
    number = f"{value.normalize():f}".replace(".", ",")
    return f"{number} {unit}".strip()


def activity_sentences(changes):
    sentences = []
    for row in changes["started"]:
        sentences.append(
            _("%(activity)s started on %(day)s.")
            % {"activity": _activity(row), "day": _day(row["actual_start"])}
        )
    for row in changes["finished"]:
        sentences.append(
            _("%(activity)s was finished on %(day)s.")
            % {"activity": _activity(row), "day": _day(row["actual_end"])}
        )
    for row in changes["moved"]:
        sentences.append(
            _("%(activity)s was re-planned: %(change)s")
            % {"activity": _activity(row), "change": row["text"][:1].lower() + row["text"][1:]}
        )
    return sentences


def decision_sentences(changes):
    public = [row for row in changes["decisions"] if row["public"]]
    withheld = len(changes["decisions"]) - len(public)
    sentences = [
        _("The steering group decided on %(day)s (decision %(number)s): %(title)s.")
        % {"day": _day(row["date"]), "number": row["number"], "title": row["title"]}
        for row in public
    ]
    if withheld:
        sentences.append(
            ngettext(
                "The steering group also took %(count)s decision that is not public yet.",
                "The steering group also took %(count)s decisions that are not public yet.",
                withheld,
            )
            % {"count": withheld}
        )
    if changes["budget_changed"] and changes["budget_now"]:
        sentences.append(
            _("The budget in force is now %(version)s.") % {"version": changes["budget_now"]}
        )
    return sentences


def publication_sentences(items):
    if not items:
        return []
    titles = [f"”{item['title']}”" for item in items]
    return [
        ngettext(
            "%(count)s post was published on the website: %(titles)s.",
            "%(count)s posts were published on the website: %(titles)s.",
            len(items),
        )
        % {"count": len(items), "titles": _list(titles)}
    ]


def indicator_sentences(project, start, end):
    sentences = []
    for indicator in Indicator.objects.filter(project=project).prefetch_related("values"):
        values = sorted(indicator.values.all(), key=lambda v: v.measured_on)
        inside = [v for v in values if start <= v.measured_on <= end]
        if not inside:
            continue
        latest = inside[-1]
        before = [v for v in values if v.measured_on < start]
        text = _("%(name)s was %(value)s on %(day)s") % {
            "name": indicator.name,
            "value": _value(latest.value, indicator.unit),
            "day": _day(latest.measured_on),
        }
        if before:
            text += _(" (%(value)s on %(day)s)") % {
                "value": _value(before[-1].value, indicator.unit),
                "day": _day(before[-1].measured_on),
            }
        if indicator.target is not None:
            text += _("; the target is %(target)s") % {
                "target": _value(indicator.target, indicator.unit)
            }
        sentences.append(text + ".")
    return sentences


def next_step_sentences(project, start, end):
    next_end = end + (end - start) + datetime.timedelta(days=1)
    upcoming = Activity.objects.filter(
        work_area__project=project,
        planned_start__gt=end,
        planned_start__lte=next_end,
        status__in=[Activity.Status.PLANNED, Activity.Status.IN_PROGRESS],
    ).order_by("planned_start", "code")
    return [
        _("%(code)s %(title)s is planned to start on %(day)s.")
        % {"code": activity.code, "title": activity.title, "day": _day(activity.planned_start)}
        for activity in upcoming
    ]


def draft(report):
    """The draft texts of a report: {"summary", "next_steps", "work_areas": {code: text}}."""
    project, start, end = report.project, report.period_start, report.period_end
    with translation.override(LANGUAGE):
        changes = as_of.changes_between(project, start - datetime.timedelta(days=1), end)
        summary = [
            *activity_sentences(changes),
            *decision_sentences(changes),
            *publication_sentences(publications(start, end)),
            *indicator_sentences(project, start, end),
        ]
        if not summary:
            summary = [_("No activity started, finished or moved in the period.")]
        next_steps = next_step_sentences(project, start, end) or [
            _("No activity is planned to start in the next period.")
        ]
        work_areas = {}
        for area in WorkArea.objects.filter(project=project):
            area_changes = {
                key: [row for row in changes[key] if row["work_area"] == area.code]
                for key in ("started", "finished", "moved")
            }
            work_areas[area.code] = " ".join(activity_sentences(area_changes)) or _(
                "No activity started, finished or moved in the period."
            )
    return {
        "summary": " ".join(summary),
        "next_steps": " ".join(next_steps),
        "work_areas": work_areas,
    }


def fill_new_report(report):
    """Writes the draft into the report's empty narrative fields and marks it as a draft.
    Call after the report's work-area rows exist (review.ensure_work_area_statuses)."""
    texts = draft(report)
    filled = []
    for field in DRAFTED_FIELDS:
        if not getattr(report, field).strip():
            setattr(report, field, texts[field])
            filled.append(field)
    for status in report.work_area_statuses.select_related("work_area"):
        if not status.narrative.strip():
            status.narrative = texts["work_areas"].get(status.work_area.code, "")
            status.save(update_fields=["narrative"])
            filled.append(status.work_area.code)
    if filled:
        report.narrative_is_draft = True
        StatusReport.objects.filter(pk=report.pk).update(
            narrative_is_draft=True, **{field: getattr(report, field) for field in DRAFTED_FIELDS}
        )
    return report


def edited(form):
    """Whether the editor's form changed a drafted text (the report's or a work area's)."""
    if any(field in form.changed_data for field in DRAFTED_FIELDS):
        return True
    formset = getattr(form, "formsets", {}).get("work_area_statuses")
    if formset is None:
        return False
    return any(
        field in inline.changed_data
        for inline in formset.forms
        for field in DRAFTED_WORK_AREA_FIELDS
    )


def clear_draft_flag(report):
    if report.narrative_is_draft:
        StatusReport.objects.filter(pk=report.pk).update(narrative_is_draft=False)
        report.narrative_is_draft = False
    return report
