"""The project as it stood on a date: the one place that rebuilds past states.

Every "as of" view (the public progress and work-area pages with `?per=2013-06-30`, the
decision register, the budget overview in the admin) and the status reports ask this
module; each then computes its figures with the same functions as today's view, given the
activities, decisions and budget version of that date. The history comes from:

- activities: the actual dates (started on its actual start, done on its actual end) and
  the re-plannings (`Replanning`, governance/register/replanning.py), which record every
  move of the planned dates with its day, so the planned dates of any day are the
  "previous" dates of the first move after it. Late on a day means open with the planned
  end of that day passed, or kept late by a re-planning made by then. The progress of an
  activity in progress is what the last frozen status report up to that day said of it,
  and unknown (None) without one. A cancelled activity counts as cancelled from its
  planned start (the cancellation's own day is not recorded);
- decisions: in force on a day when taken at a meeting on or before it and not revoked by
  a decision taken on or before it; what the public may see of them is still decided by
  governance/decisions/visibility.py as of today;
- the project's state: not recorded over time, known only while it is still planned;
- blog posts: published on or before the day (their publication date);
- budget: the approved version in force on the day (`figures.version_in_force`), and for
  the public the highest approved on or before the day whose decision is public
  (`visibility.public_budget_version`).
"""

import copy
import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from governance.register.models import Activity, Project, Replanning

PARAMETER = "per"
SHOWN_INPUT_LENGTH = 40


@dataclass
class AsOf:
    """The day asked for (None: today, the live view) and why a given value was refused."""

    day: datetime.date | None = None
    asked: str = ""
    message: str = ""

    @property
    def is_past(self):
        return self.day is not None

    @property
    def label(self):
        return formats.date_format(self.day, "j F Y") if self.day else ""

    @property
    def iso(self):
        return self.day.isoformat() if self.day else ""

    @property
    def query(self):
        """`?per=…` to keep on links inside the as-of view, or ""."""
        return f"?{PARAMETER}={self.iso}" if self.day else ""

    @property
    def and_query(self):
        """`&per=…` to add to a link that has a query already, or ""."""
        return f"&{PARAMETER}={self.iso}" if self.day else ""


def parse(value, project, today=None):
    """The AsOf for the address's `per` value. Garbage, a day before the project's start or
    a day in the future give a message and the live view; today is the live view."""
    today = today or timezone.localdate()
    value = (value or "").strip()
    if not value:
        return AsOf()
    shown = value[:SHOWN_INPUT_LENGTH]
    try:
        day = datetime.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        message = _(
            "“%(value)s” is not a date: write it as YYYY-MM-DD, e.g. 2013-06-30. "
            "The page shows the project as it is today."
        ) % {"value": shown}
        return AsOf(asked=shown, message=message)
    if day < project.start_date:
        message = _(
            "The project started on %(start)s; there is nothing to show before then. "
            "The page shows the project as it is today."
        ) % {"start": formats.date_format(project.start_date, "j F Y")}
        return AsOf(asked=shown, message=message)
    if day > today:
        message = _("%(day)s is in the future. The page shows the project as it is today.") % {
            "day": formats.date_format(day, "j F Y")
        }
        return AsOf(asked=shown, message=message)
    if day == today:
        return AsOf(asked=shown)
    return AsOf(day=day, asked=shown)


def from_request(request, project):
    return parse(request.GET.get(PARAMETER), project)


# The project


def project_state(project, day):
    """The project's state (Project.State) on `day`, or None when it cannot be known. Its
    changes are not recorded, so only a project still planned today was surely planned on
    an earlier day; the as-of pages leave the state out otherwise. Today (`day` None): the
    state."""
    state = Project.State(project.state)
    if day is None or state == Project.State.PLANNED:
        return state
    return None


# Blog posts


def published_by(listings, day):
    """Of blog listings (blog.ListedPost) or posts: those published on or before `day`."""
    return listings.filter(date__lt=_day_after(day))


# Activities


def _reported_progress(project, day):
    """{activity code: progress} from the frozen status reports up to `day`, the latest
    report's word last. One query."""
    from governance.reports.models import StatusReport

    reports = (
        StatusReport.objects.filter(project=project, snapshot__isnull=False, period_end__lte=day)
        .order_by("period_end", "pk")
        .values_list("snapshot", flat=True)
    )
    progress = {}
    for snapshot in reports:
        for group in (snapshot or {}).get("activities", {}).values():
            for row in group:
                progress[row["code"]] = row.get("progress")
    return progress


def _moves(activities, day):
    """Per activity id: the first re-planning after `day` and whether one made by `day`
    kept it late, with its late day. One query."""
    later, late_since = {}, {}
    moves = Replanning.objects.filter(activity__in=[a.pk for a in activities]).order_by(
        "moved_on", "pk"
    )
    for move in moves:
        if move.moved_on > day:
            later.setdefault(move.activity_id, move)
        elif move.was_late and move.activity_id not in late_since:
            late_since[move.activity_id] = min(
                move.previous_end, move.moved_on - datetime.timedelta(days=1)
            )
    return later, late_since


def activity_on(activity, day, *, later_move=None, late_since=None, reported=None):
    """A copy of `activity` as it stood on `day` (never saved): planned and actual dates,
    status, progress and lateness of that day. Its `is_late` answers for that day."""
    past = copy.copy(activity)
    past.as_of = day
    if later_move is not None:
        past.planned_start, past.planned_end = later_move.previous_start, later_move.previous_end
    past.actual_start = activity.actual_start if _by(activity.actual_start, day) else None
    past.actual_end = activity.actual_end if _by(activity.actual_end, day) else None
    past.late_since = late_since
    status = activity.status
    if status == Activity.Status.DONE and (
        past.actual_end or (activity.actual_end is None and past.planned_end <= day)
    ):
        past.status, past.progress = Activity.Status.DONE, 100
    elif status == Activity.Status.CANCELLED and past.planned_start <= day:
        past.status = Activity.Status.CANCELLED
    elif past.actual_start:
        past.status = Activity.Status.IN_PROGRESS
        value = (reported or {}).get(activity.code)
        past.progress = min(int(value), 99) if value is not None else None
    else:
        past.status, past.progress = Activity.Status.PLANNED, 0
    return past


def _by(date, day):
    return date is not None and date <= day


def activities_on(project, activities, day):
    """The activities (a list, of `project`) as they stood on `day`: three queries
    whatever their number."""
    activities = list(activities)
    if not activities:
        return []
    later, late_since = _moves(activities, day)
    reported = _reported_progress(project, day)
    return [
        activity_on(
            activity,
            day,
            later_move=later.get(activity.pk),
            late_since=late_since.get(activity.pk),
            reported=reported,
        )
        for activity in activities
    ]


# Decisions


def _day_after(day):
    """The first moment after `day` in Stockholm time: meetings start before it."""
    following = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(following)


def decisions_taken_by(queryset, day):
    return queryset.filter(meeting__starts_at__lt=_day_after(day))


def decisions_in_force(queryset, day, *, public=False):
    """The decisions of `queryset` in force on `day`: taken by then and not revoked by
    then. With `public`, a revocation counts only once its minutes are approved (what the
    public register shows, governance/decisions/visibility.py); filter `queryset` through
    visibility.public_decisions for the public."""
    from governance.decisions.models import Meeting

    revoked = {"revoked_by__meeting__starts_at__lt": _day_after(day)}
    if public:
        revoked["revoked_by__meeting__state"] = Meeting.State.MINUTES_APPROVED
    return decisions_taken_by(queryset, day).exclude(**revoked)


def decisions_between(queryset, after, until):
    """Decisions taken after `after` up to and including `until`."""
    return decisions_taken_by(queryset, until).filter(meeting__starts_at__gte=_day_after(after))


# Budget


def budget_version(project, day):
    """The approved budget version in force on `day`, as the status reports use it."""
    from governance.budget import figures

    return figures.version_in_force(project, day)


def public_budget_version(project, day=None):
    """The approved version the public may see on `day` (None: today)."""
    from governance.decisions import visibility

    return visibility.public_budget_version(project, on=day)


# What changed between two days


def changes_between(project, after, until):
    """What happened after `after` up to and including `until`: activities started,
    finished and moved, decisions taken (with what the public may see of each), and the
    budget version in force before and after. Plain data for reports and drafts."""
    from governance.decisions import visibility
    from governance.decisions.models import Decision
    from governance.register import replanning

    activities = Activity.objects.filter(work_area__project=project).select_related("work_area")
    started, finished = [], []
    for activity in activities:
        if activity.actual_start and after < activity.actual_start <= until:
            started.append(activity)
        if activity.actual_end and after < activity.actual_end <= until:
            finished.append(activity)
    moves = (
        Replanning.objects.filter(
            activity__work_area__project=project, moved_on__gt=after, moved_on__lte=until
        )
        .select_related("activity__work_area", "decision__meeting")
        .order_by("moved_on", "pk")
    )
    decisions = decisions_between(
        Decision.objects.filter(project=project).select_related("meeting"), after, until
    ).order_by("year", "sequence")
    version_before = budget_version(project, after)
    version_now = budget_version(project, until)
    return {
        "after": after,
        "until": until,
        "started": [_activity_row(a) for a in sorted(started, key=lambda a: a.actual_start)],
        "finished": [_activity_row(a) for a in sorted(finished, key=lambda a: a.actual_end)],
        "moved": [
            {
                **_activity_row(move.activity),
                "moved_on": move.moved_on,
                "text": replanning.describe(move, with_reason=True),
            }
            for move in moves
        ],
        "decisions": [
            {
                "number": decision.number,
                "title": decision.title,
                "date": decision.meeting.local_date,
                **visibility.snapshot_fields(decision),
            }
            for decision in decisions
        ],
        "budget_before": str(version_before) if version_before else "",
        "budget_now": str(version_now) if version_now else "",
        "budget_changed": (version_before and version_before.pk)
        != (version_now and version_now.pk),
    }


def _activity_row(activity):
    return {
        "code": activity.code,
        "title": activity.title,
        "work_area": activity.work_area.code,
        "actual_start": activity.actual_start,
        "actual_end": activity.actual_end,
    }
