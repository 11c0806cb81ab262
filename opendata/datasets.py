"""What the open data publishes, and nothing else.

A project is public when it has a live progress page anyone may read
(governance/register/pages.py; a page behind a password or login does not count). Of a
public project the open data shows what its public pages show, by the rules they use:

- its work areas, and its public activities (`Activity.objects.public()`, as
  governance/register/progress.py lists them) with their dates, status and milestones;
  never the people responsible or anyone's contact details;
- its indicators with their measured values;
- the approved budget the public may see (`visibility.public_budget_version`: never a
  draft, never a version whose approving decision is not public), per work area × cost
  category × year × financier, summed from `figures.budget_parts` like every budget figure
  (governance/budget/figures.py); no costs: those stay with the steering group;
- its public decisions (`Decision.objects.public()`, governance/decisions/visibility.py:
  not confidential, minutes approved), revoked only once the revocation is public.

Each dataset is a function of the public projects (already narrowed to one project when
the reader asks for it) giving rows in a stable order, so that pages of it never skip or
repeat a row.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.budget import figures
from governance.budget.models import BudgetVersion, CostCategory, Financier
from governance.decisions import visibility
from governance.decisions.models import Decision
from governance.register.models import Activity, Milestone, Project, WorkArea
from governance.register.pages import ProjectPage
from governance.reports.models import Indicator, IndicatorValue


def public_projects():
    """The projects with a live progress page that anyone may read."""
    pages = ProjectPage.objects.live().public()
    return Project.objects.filter(pk__in=pages.values("project_id"))


def projects_for_request(request, slug=None):
    """The public projects a request is about: the one named by its slug (none if it is not
    public); else, on a project's own site, that project
    (governance/register/public_project.py); else, on the main site, every public project."""
    from governance.register import public_project

    public = public_projects()
    if slug:
        return public.filter(slug=slug)
    if not public_project.site_wide(request):
        project = public_project.project_for_request(request)
        return public.filter(pk=project.pk)
    return public


def projects(public):
    return public.order_by("slug")


def work_areas(public):
    return (
        WorkArea.objects.filter(project__in=public)
        .select_related("project")
        .order_by("project__slug", "sort_order", "code", "pk")
    )


def activities(public):
    """Rows as dicts (`.values()`), not Activity instances: initialising a page of 1 000
    clusterable models took most of the page's time. `label_activities` adds what the
    instance's methods gave."""
    return (
        Activity.objects.public()
        .filter(work_area__project__in=public)
        .order_by(
            "work_area__project__slug",
            "work_area__sort_order",
            "work_area__code",
            "planned_start",
            "code",
            "pk",
        )
        .values(
            "code",
            "title",
            "description",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
            "status",
            "late_since",
            "progress",
            project_slug=F("work_area__project__slug"),
            work_area_code=F("work_area__code"),
            organisation=F("responsible_organisation__name"),
        )
    )


def label_activities(rows):
    """The status label and today's lateness of a page of activity rows, as
    `get_status_display` and `is_late` give them of an instance."""
    today = timezone.localdate()
    labels = dict(Activity.Status.choices)
    return [
        {
            **row,
            "status_label": labels[row["status"]],
            "late": Activity.late_on(today, row["status"], row["planned_end"], row["late_since"]),
        }
        for row in rows
    ]


def milestones(public):
    """Rows as dicts (`.values()`), like the activities'."""
    return (
        Milestone.objects.filter(
            activity__in=Activity.objects.public().filter(work_area__project__in=public)
        )
        .order_by("activity__work_area__project__slug", "due_date", "activity__code", "pk")
        .values(
            "title",
            "due_date",
            "done_date",
            project_slug=F("activity__work_area__project__slug"),
            work_area_code=F("activity__work_area__code"),
            activity_code=F("activity__code"),
        )
    )


def indicators(public):
    values = IndicatorValue.objects.order_by("measured_on", "pk")
    return (
        Indicator.objects.filter(project__in=public)
        .select_related("project")
        .prefetch_related(Prefetch("values", queryset=values))
        .order_by("project__slug", "name", "pk")
    )


@dataclass(frozen=True)
class BudgetRow:
    """The approved budget of one work area, cost category, year and financier."""

    project: Project
    version_number: int
    version_label: str
    approved_on: datetime.date | None
    work_area: WorkArea
    category: CostCategory
    year: int
    financier: Financier | None
    amount: Decimal


def budget(public):
    """The rows of each public project's public budget version (a few queries a project,
    however many lines the version has)."""
    rows = []
    for project in public.order_by("slug"):
        version = visibility.public_budget_version(project)
        if version is None:
            continue
        totals = defaultdict(lambda: figures.ZERO)
        for part in figures.budget_parts(project, version):
            key = (part.work_area_id, part.category_id, part.month.year, part.financier_id)
            totals[key] += part.amount
        areas = {a.pk: a for a in WorkArea.objects.filter(project=project)}
        categories = {c.pk: c for c in CostCategory.objects.filter(project=project)}
        financiers = Financier.objects.filter(project=project).select_related("organisation")
        financiers = {f.pk: f for f in financiers}
        project_rows = [
            BudgetRow(
                project=project,
                version_number=version.number,
                version_label=version.label,
                approved_on=version.approved_on,
                work_area=areas[area],
                category=categories[category],
                year=year,
                financier=financiers.get(financier),
                amount=amount,
            )
            for (area, category, year, financier), amount in totals.items()
        ]
        project_rows.sort(
            key=lambda row: (
                row.work_area.sort_order,
                row.work_area.code,
                row.category.sort_order,
                row.category.name,
                row.year,
                row.financier is not None,
                row.financier.organisation.name if row.financier else "",
            )
        )
        rows += project_rows
    return rows


def public_budget_versions(project):
    """The budget versions the public may see, oldest first: the public version
    (`visibility.public_budget_version`) as of each day a version was approved, and
    today's; the last is the one `budget` shows. A few queries a version."""
    days = (
        BudgetVersion.objects.filter(
            project=project, state=BudgetVersion.State.APPROVED, approved_on__isnull=False
        )
        .order_by("approved_on")
        .values_list("approved_on", flat=True)
        .distinct()
    )
    seen = {}
    for day in [*days, None]:
        version = visibility.public_budget_version(project, on=day)
        if version is not None:
            seen.setdefault(version.pk, version)
    return list(seen.values())


def decisions(public):
    return (
        Decision.objects.public()
        .filter(project__in=public)
        .select_related("project", "meeting", "revokes__meeting", "revoked_by__meeting")
        .order_by("project__slug", "-year", "-sequence", "pk")
    )


def name_revocations(rows):
    return visibility.name_public_revocations(list(rows))


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    rows: object  # function of the public projects
    prepare: object = list  # what a page of rows needs before it is written


DATASETS = {
    dataset.slug: dataset
    for dataset in (
        Dataset(
            "projects",
            _("Projects"),
            _("Name, period, state, effect goal and description of each project."),
            projects,
        ),
        Dataset(
            "work-areas",
            _("Work areas"),
            _("The work areas of each project with their goals."),
            work_areas,
        ),
        Dataset(
            "activities",
            _("Activities"),
            _(
                "The public activities: planned and actual dates, status, progress and the "
                "responsible organisation."
            ),
            activities,
            label_activities,
        ),
        Dataset(
            "milestones",
            _("Milestones"),
            _("The milestones of the public activities: due date and the day each was done."),
            milestones,
        ),
        Dataset(
            "indicators",
            _("Indicators"),
            _("Each indicator with its baseline, target and measured values."),
            indicators,
        ),
        Dataset(
            "budget",
            _("Approved budget"),
            _(
                "The approved budget per work area, cost category, year and financier, in "
                "kronor: the version the steering group approved in a public decision."
            ),
            budget,
        ),
        Dataset(
            "decisions",
            _("Decision register"),
            _(
                "The steering group's public decisions: not confidential, from approved "
                "minutes, revoked ones marked."
            ),
            decisions,
            name_revocations,
        ),
    )
}
