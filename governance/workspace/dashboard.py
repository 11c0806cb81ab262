"""What each role should do next, for the admin dashboard (governance/workspace/panels.py).

Every list is one query whatever its length (at most LIMIT rows are read, and one more to
know whether there are more), and the budget warnings come from governance/budget/figures.py
(the one rule every budget figure follows), so the dashboard costs the same number of
queries with three items or thirty. What a user may see is asked of the permission policy
of each model.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.permissions import policy_registry

from governance.budget import figures
from governance.budget.models import CostEntry
from governance.decisions import notifications
from governance.decisions.models import AgendaItem, ChangeRequest, Decision, Meeting
from governance.register.access import permitted_projects
from governance.register.models import Activity, Milestone, Person, Project
from governance.reports.models import StatusReport

LIMIT = 8
MILESTONE_DAYS = 30
REPORT_DUE_DAYS = 30


@dataclass
class Item:
    label: str
    url: str
    note: str = ""
    is_warning: bool = False


@dataclass
class Section:
    """One heading of a panel: its items (at most LIMIT), whether more exist and where the
    whole list is."""

    key: str
    heading: str
    empty: str
    items: list = field(default_factory=list)
    more_url: str = ""
    has_more: bool = False


def may(user, model, action):
    return policy_registry.get_by_type(model).user_has_permission(user, action)


def is_steering_group(user):
    return may(user, StatusReport, "approve")


def is_project_leader(user):
    return may(user, StatusReport, "change")


def projects_for(user, model, action):
    """The open projects where the user may do `action` to `model`'s records (through a
    membership there, or a global role); of those, the ones the user is a member of when
    there are any, so that an administrator who sits in one project sees that one."""
    open_projects = Project.objects.exclude(state=Project.State.CLOSED) & permitted_projects(
        user, model, [action]
    )
    own = list(open_projects.filter(memberships__person__user=user).distinct())
    return own or list(open_projects)


def _section(key, heading, empty, queryset, to_item, more_url=""):
    rows = list(queryset[: LIMIT + 1])
    return Section(
        key=key,
        heading=heading,
        empty=empty,
        items=[to_item(row) for row in rows[:LIMIT]],
        more_url=more_url,
        has_more=len(rows) > LIMIT,
    )


def _inspect(name, pk):
    return reverse(f"{name}:inspect", args=[pk])


def _day(day):
    return f"{day:%Y-%m-%d}"


# The steering group


def reports_waiting_for_review(projects):
    reports = (
        StatusReport.objects.filter(project__in=projects, state=StatusReport.State.SUBMITTED)
        .select_related("project")
        .order_by("submitted_at", "pk")
    )
    return _section(
        "reports",
        _("Reports waiting for your review"),
        _("No report waits for review."),
        reports,
        lambda report: Item(
            str(report),
            _inspect("statusreport", report.pk),
            _("submitted %(day)s") % {"day": _day(timezone.localdate(report.submitted_at))}
            if report.submitted_at
            else "",
        ),
        reverse("statusreport:index") + f"?state={StatusReport.State.SUBMITTED}",
    )


def next_meeting(projects, now=None):
    """The next steering-group meeting with its agenda items, or None."""
    now = now or timezone.now()
    return (
        Meeting.objects.filter(
            project__in=projects, body=Meeting.Body.STEERING_GROUP, starts_at__gte=now
        )
        .select_related("project")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("sort_order"))
        )
        .order_by("starts_at")
        .first()
    )


def decisions_to_follow_up(projects):
    decisions = (
        Decision.objects.filter(project__in=projects, state=Decision.State.DECIDED)
        .select_related("project")
        .order_by("year", "sequence")
    )
    return _section(
        "decisions",
        _("Decisions to follow up"),
        _("Every decision is carried out."),
        decisions,
        lambda decision: Item(
            f"{decision.number} {decision.title}", _inspect("decision", decision.pk)
        ),
        reverse("decision:index") + f"?state={Decision.State.DECIDED}",
    )


def change_requests_waiting(projects):
    requests = (
        ChangeRequest.objects.filter(project__in=projects, state=ChangeRequest.State.SUBMITTED)
        .select_related("project")
        .order_by("submitted_at", "pk")
    )
    return _section(
        "change_requests",
        _("Change requests waiting for a decision"),
        _("No change request waits for a decision."),
        requests,
        lambda request: Item(
            str(request),
            _inspect("changerequest", request.pk),
            _("submitted %(day)s") % {"day": _day(timezone.localdate(request.submitted_at))}
            if request.submitted_at
            else "",
        ),
        reverse("changerequest:index") + f"?state={ChangeRequest.State.SUBMITTED}",
    )


@dataclass
class SteeringGroupWork:
    sections: list
    meeting: Meeting | None
    meeting_url: str = ""
    agenda_url: str = ""


def steering_group_work(user, now=None):
    sections = []
    if may(user, StatusReport, "approve"):
        sections.append(reports_waiting_for_review(projects_for(user, StatusReport, "approve")))
    if may(user, ChangeRequest, "view"):
        sections.append(change_requests_waiting(projects_for(user, ChangeRequest, "view")))
    if may(user, Decision, "view"):
        sections.append(decisions_to_follow_up(projects_for(user, Decision, "view")))
    meeting = None
    if may(user, Meeting, "view"):
        meeting = next_meeting(projects_for(user, Meeting, "view"), now)
    work = SteeringGroupWork(sections=sections, meeting=meeting)
    if meeting:
        work.meeting_url = _inspect("meeting", meeting.pk)
        work.agenda_url = reverse("meeting_documents:agenda", args=[meeting.pk])
    return work


# The project leaders


def late_activities(projects, today):
    activities = (
        Activity.objects.late(today)
        .filter(work_area__project__in=projects)
        .select_related("work_area")
        .order_by("planned_end", "code")
    )
    return _section(
        "late_activities",
        _("Late activities"),
        _("No activity is late."),
        activities,
        lambda activity: Item(
            str(activity),
            reverse("activity:edit", args=[activity.pk]),
            _("planned end %(day)s") % {"day": _day(activity.planned_end)},
            is_warning=True,
        ),
        reverse("activity:index") + "?late=true",
    )


def coming_milestones(projects, today):
    milestones = (
        Milestone.objects.filter(
            activity__work_area__project__in=projects,
            done_date__isnull=True,
            due_date__gte=today,
            due_date__lte=today + datetime.timedelta(days=MILESTONE_DAYS),
        )
        .select_related("activity")
        .order_by("due_date", "pk")
    )
    return _section(
        "milestones",
        _("Milestones in the next 30 days"),
        _("No milestone is due in the next 30 days."),
        milestones,
        lambda milestone: Item(
            f"{milestone.activity.code} {milestone.title}",
            reverse("activity:edit", args=[milestone.activity_id]),
            _("due %(day)s") % {"day": _day(milestone.due_date)},
        ),
    )


def reports_due(projects, today):
    """Drafts due within REPORT_DUE_DAYS or overdue, and every report returned for revision."""
    soon = today + datetime.timedelta(days=REPORT_DUE_DAYS)
    reports = (
        StatusReport.objects.filter(project__in=projects)
        .filter(
            Q(state=StatusReport.State.RETURNED)
            | Q(state=StatusReport.State.DRAFT, due_on__lte=soon)
        )
        .select_related("project")
        .order_by("due_on", "period_end", "pk")
    )

    def item(report):
        if report.state == StatusReport.State.RETURNED:
            note, warning = _("returned for revision"), True
        elif report.due_on < today:
            note, warning = _("was due %(day)s") % {"day": _day(report.due_on)}, True
        else:
            note, warning = _("due %(day)s") % {"day": _day(report.due_on)}, False
        return Item(str(report), reverse("statusreport:edit", args=[report.pk]), note, warning)

    return _section(
        "reports_due",
        _("Reports due"),
        _("No report is due in the next 30 days."),
        reports,
        item,
        reverse("statusreport:index"),
    )


def budget_warnings(projects, today):
    """Cells (work area × cost category) over their budget to date or with a forecast
    below the costs already booked, by the rule of governance/budget/figures.py."""
    items = []
    for project in projects:
        overview = figures.overview(project, end=today)
        url = reverse("budget:overview") + f"?project={project.pk}"
        for row in overview.work_area_rows:
            for category, amounts in zip(overview.categories, row.cells, strict=True):
                problems = []
                if amounts.is_over_budget:
                    problems.append(_("over budget to date"))
                if amounts.is_forecast_below_actual:
                    problems.append(_("forecast below actual"))
                if problems:
                    items.append(Item(f"{row.label} – {category}", url, ", ".join(problems), True))
    return Section(
        key="budget",
        heading=_("Budget lines to look at"),
        empty=_("No budget line is over budget or has a forecast below actual."),
        items=items[:LIMIT],
        more_url=reverse("budget:overview"),
        has_more=len(items) > LIMIT,
    )


def project_leader_work(user, today=None):
    today = today or timezone.localdate()
    sections = []
    if may(user, Activity, "change"):
        projects = projects_for(user, Activity, "change")
        sections.append(late_activities(projects, today))
        sections.append(coming_milestones(projects, today))
    if may(user, CostEntry, "view"):
        sections.append(budget_warnings(projects_for(user, CostEntry, "view"), today))
    if may(user, StatusReport, "change"):
        sections.append(reports_due(projects_for(user, StatusReport, "change"), today))
    return sections


# People the mail cannot reach


def members_without_address(user):
    """For those who keep the register: members of the steering group and the project
    leaders who would get no mail, each with the link to the person's form."""
    if not may(user, Person, "change"):
        return []
    return [
        Item(
            str(membership.person),
            reverse("person:edit", args=[membership.person_id]),
            f"{membership.get_body_display()}, {membership.project}",
            is_warning=True,
        )
        for membership in notifications.members_without_address(
            projects_for(user, Person, "change")
        )
    ]
