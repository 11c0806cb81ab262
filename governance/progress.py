"""What the public progress pages show: the project's bodies, its work areas with their
public activities, and a timeline laid out for server-side SVG. Private contact details
never leave this module: only names, titles and organisations do."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from .models.register import Activity, Membership

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
    work_area: object
    activities: list
    done: int = 0
    late: int = 0
    mean_progress: int = 0

    def __post_init__(self):
        if self.activities:
            self.done = sum(a.status == Activity.Status.DONE for a in self.activities)
            self.late = sum(a.is_late for a in self.activities)
            self.mean_progress = round(
                sum(a.progress for a in self.activities) / len(self.activities)
            )


@dataclass
class TimelineBar:
    activity: object
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


def work_areas_with_activities(project):
    work_areas = project.work_areas.prefetch_related(
        Prefetch("activities", queryset=public_activities(), to_attr="public_activities")
    )
    return [WorkAreaProgress(area, area.public_activities) for area in work_areas]


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


def project_overview(project):
    work_areas = work_areas_with_activities(project)
    activities = [a for area in work_areas for a in area.activities]
    return ProjectOverview(
        project=project,
        bodies=bodies_of(project),
        work_areas=work_areas,
        timeline=timeline(project, activities),
    )


def work_area_detail(work_area):
    activities = list(
        public_activities().filter(work_area=work_area).prefetch_related("milestones")
    )
    return {
        "progress": WorkAreaProgress(work_area, activities),
        "timeline": timeline(work_area.project, activities),
    }


def timeline(project, activities, *, today=None):
    """Bars for planned and actual dates, on a month scale spanning the project period."""
    today = today or timezone.localdate()
    start, end = project.start_date, project.end_date
    span_days = max((end - start).days, 1)
    plot_width = TIMELINE_WIDTH - TIMELINE_LABEL_WIDTH

    def x_of(day):
        day = min(max(day, start), end)
        return round(TIMELINE_LABEL_WIDTH + plot_width * (day - start).days / span_days, 1)

    bars = []
    for row, activity in enumerate(activities):
        planned_x = x_of(activity.planned_start)
        bar = TimelineBar(
            activity=activity,
            y=TIMELINE_HEADER_HEIGHT + row * TIMELINE_ROW_HEIGHT,
            planned_x=planned_x,
            planned_width=max(x_of(activity.planned_end) - planned_x, 2),
        )
        if activity.actual_start:
            actual_end = activity.actual_end or min(today, end)
            bar.actual_x = x_of(activity.actual_start)
            bar.actual_width = max(x_of(actual_end) - bar.actual_x, 2)
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


def quarter_ticks(start, end):
    """The first day of each quarter inside the period, labelled like "2013 kv 2"."""
    day = datetime.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    while day <= end:
        if day >= start:
            quarter = (day.month - 1) // 3 + 1
            yield day, _("%(year)s Q%(quarter)s") % {"year": day.year, "quarter": quarter}
        month = day.month + 3
        day = datetime.date(day.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
