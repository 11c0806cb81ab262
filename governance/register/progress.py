"""What the public progress pages show: the project's bodies, its work areas with their
public activities, and a timeline laid out for server-side SVG. Private contact details
never leave this module: only names, titles and organisations do."""

import copy
import datetime
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.register.models import Activity, Membership

TIMELINE_WIDTH = 960
TIMELINE_LABEL_WIDTH = 70
TIMELINE_ROW_HEIGHT = 22
TIMELINE_HEADER_HEIGHT = 34


@dataclass
class Body:
    label: str
    members: list


@dataclass
class WorkAreaProgress:
    """A work area with its public activities counted: done, late and mean progress."""

    work_area: object
    activities: list = field(default_factory=list)
    count: int = 0
    done: int = 0
    late: int = 0
    mean_progress: int = 0
    first_start: datetime.date | None = None
    last_end: datetime.date | None = None

    @classmethod
    def from_activities(cls, work_area, activities):
        """Counted from activity objects: live ones, or as-of copies, whose progress may be
        unknown (None) and is then left out of the mean."""
        known = [a.progress for a in activities if a.progress is not None]
        return cls(
            work_area=work_area,
            activities=activities,
            count=len(activities),
            done=sum(a.status == Activity.Status.DONE for a in activities),
            late=sum(a.is_late for a in activities),
            mean_progress=round(sum(known) / len(known)) if known else 0,
            first_start=min((a.planned_start for a in activities), default=None),
            last_end=max((a.planned_end for a in activities), default=None),
        )


@dataclass
class TimelineRow:
    """One bar of the timeline: what it is, its planned and (when begun) actual period."""

    label: str
    description: str
    planned_start: datetime.date
    planned_end: datetime.date
    actual_start: datetime.date | None = None
    actual_end: datetime.date | None = None
    css_modifier: str = ""

    @classmethod
    def for_activity(cls, activity):
        return cls(
            label=activity.code,
            description=_("%(code)s %(title)s: %(status)s, %(progress)s %%")
            % {
                "code": activity.code,
                "title": activity.title,
                "status": activity.get_status_display(),
                "progress": "–" if activity.progress is None else activity.progress,
            },
            planned_start=activity.planned_start,
            planned_end=activity.planned_end,
            actual_start=activity.actual_start,
            actual_end=activity.actual_end,
            css_modifier=activity.status,
        )

    @classmethod
    def for_work_area(cls, area):
        return cls(
            label=area.work_area.code,
            description=_("%(code)s. %(title)s: %(done)s of %(count)s activities done")
            % {
                "code": area.work_area.code,
                "title": area.work_area.title,
                "done": area.done,
                "count": area.count,
            },
            planned_start=area.first_start,
            planned_end=area.last_end,
        )


@dataclass
class TimelineBar:
    row: TimelineRow
    y: int
    planned_x: float
    planned_width: float
    actual_x: float | None = None
    actual_width: float | None = None


@dataclass
class Timeline:
    width: int
    height: int
    label_width: int
    row_height: int
    header_height: int
    ticks: list = field(default_factory=list)
    bars: list = field(default_factory=list)
    today_x: float | None = None


@dataclass
class ProjectOverview:
    project: object
    bodies: list
    work_areas: list
    timeline: Timeline


def public_activities():
    return Activity.objects.public().select_related("responsible_organisation")


def work_area_summaries(project):
    """Counts per work area in one aggregate query, so the overview's cost does not grow
    with the number of activities."""
    public = Q(activities__is_public=True)
    late_ids = Activity.objects.public().late().values("pk")
    work_areas = project.work_areas.annotate(
        activity_count=Count("activities", filter=public),
        done_count=Count("activities", filter=public & Q(activities__status=Activity.Status.DONE)),
        late_count=Count("activities", filter=public & Q(activities__in=late_ids)),
        mean_progress=Avg("activities__progress", filter=public),
        first_start=Min("activities__planned_start", filter=public),
        last_end=Max("activities__planned_end", filter=public),
    )
    return [
        WorkAreaProgress(
            work_area=area,
            count=area.activity_count,
            done=area.done_count,
            late=area.late_count,
            mean_progress=round(area.mean_progress or 0),
            first_start=area.first_start,
            last_end=area.last_end,
        )
        for area in work_areas
    ]


def bodies_of(project):
    memberships = project.memberships.select_related("person__organisation").order_by(
        "person__name"
    )
    by_body = {body: [] for body in Membership.Body.values}
    for membership in memberships:
        by_body[membership.body].append(membership)
    return [
        Body(label=Membership.Body(body).label, members=members)
        for body, members in by_body.items()
        if members
    ]


def work_area_summaries_on(project, day):
    """The same summaries as they stood on `day` (governance/register/as_of.py): counted in
    Python from the activities of that day, in a fixed number of queries."""
    from governance.register import as_of

    activities = as_of.activities_on(
        project,
        public_activities().filter(work_area__project=project).select_related("work_area"),
        day,
    )
    by_area = {}
    for activity in activities:
        by_area.setdefault(activity.work_area_id, []).append(activity)
    return [
        WorkAreaProgress.from_activities(area, by_area.get(area.pk, []))
        for area in project.work_areas.all()
    ]


def project_overview(project, on=None):
    """The overview of today, or with `on` as it stood on that day."""
    work_areas = work_area_summaries_on(project, on) if on else work_area_summaries(project)
    rows = [TimelineRow.for_work_area(area) for area in work_areas if area.count]
    return ProjectOverview(
        project=project,
        bodies=bodies_of(project),
        work_areas=work_areas,
        timeline=timeline(project, rows, today=on),
    )


def work_area_detail(work_area, on=None):
    """A work area's public activities today, or with `on` as they stood on that day."""
    activities = list(
        public_activities().filter(work_area=work_area).prefetch_related("milestones")
    )
    if on:
        from governance.register import as_of

        activities = as_of.activities_on(work_area.project, activities, on)
    for activity in activities:
        activity.shown_milestones = milestones_on(activity, on)
    return {
        "progress": WorkAreaProgress.from_activities(work_area, activities),
        "timeline": timeline(
            work_area.project, [TimelineRow.for_activity(a) for a in activities], today=on
        ),
    }


def milestones_on(activity, on=None):
    """The activity's milestones (prefetched), reached only when reached by `on`."""
    milestones = list(activity.milestones.all())
    if on is None:
        return milestones
    shown = []
    for milestone in milestones:
        if milestone.done_date and milestone.done_date > on:
            milestone = copy.copy(milestone)
            milestone.done_date = None
        shown.append(milestone)
    return shown


def timeline(project, rows, *, today=None):
    """Bars for planned and actual dates, on a month scale spanning the project period."""
    today = today or timezone.localdate()
    start, end = project.start_date, project.end_date
    span_days = max((end - start).days, 1)
    plot_width = TIMELINE_WIDTH - TIMELINE_LABEL_WIDTH

    def x_of(day):
        day = min(max(day, start), end)
        return round(TIMELINE_LABEL_WIDTH + plot_width * (day - start).days / span_days, 1)

    bars = []
    for number, row in enumerate(rows):
        planned_x = x_of(row.planned_start)
        bar = TimelineBar(
            row=row,
            y=TIMELINE_HEADER_HEIGHT + number * TIMELINE_ROW_HEIGHT,
            planned_x=planned_x,
            planned_width=width_between(planned_x, x_of(row.planned_end)),
        )
        if row.actual_start:
            actual_end = row.actual_end or min(today, end)
            bar.actual_x = x_of(row.actual_start)
            bar.actual_width = width_between(bar.actual_x, x_of(actual_end))
        bars.append(bar)
    return Timeline(
        width=TIMELINE_WIDTH,
        height=TIMELINE_HEADER_HEIGHT + max(len(bars), 1) * TIMELINE_ROW_HEIGHT + 4,
        label_width=TIMELINE_LABEL_WIDTH,
        row_height=TIMELINE_ROW_HEIGHT,
        header_height=TIMELINE_HEADER_HEIGHT,
        ticks=[(x_of(day), label) for day, label in quarter_ticks(start, end)],
        bars=bars,
        today_x=x_of(today) if start <= today <= end else None,
    )


def width_between(left, right):
    """A bar's width, at least 2 so a one-day bar shows; rounded like the positions, so the
    SVG carries "25.6" and not "25.599999999999994"."""
    return round(max(right - left, 2), 1)


def quarter_ticks(start, end):
    """The first day of each quarter inside the period, labelled like "2013 kv 2"."""
    day = datetime.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    while day <= end:
        if day >= start:
            quarter = (day.month - 1) // 3 + 1
            yield day, _("%(year)s Q%(quarter)s") % {"year": day.year, "quarter": quarter}
        month = day.month + 3
        day = datetime.date(day.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
