"""The dashboard tells each role what to do next: the steering group what waits for its
review and decision and what the next meeting holds; the project leaders what is late,
due or over budget. Each item links to where it is handled, and the page costs the same
number of queries with 3 items as with 30."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from governance.budget.models import CostCategory
from governance.decisions.models import AgendaItem, ChangeRequest
from governance.register.models import Activity, Membership, Milestone
from governance.reports import review
from governance.reports.models import StatusReport
from tests.governance.budget.factories import (
    BudgetLineFactory,
    BudgetVersionFactory,
    CostEntryFactory,
)
from tests.governance.decisions.factories import (
    ChangeRequestFactory,
    DecisionFactory,
    MeetingFactory,
)
from tests.governance.register.factories import (
    ActivityFactory,
    MembershipFactory,
    PersonFactory,
    ProjectFactory,
)
from tests.governance.reports.factories import StatusReportFactory

pytestmark = pytest.mark.django_db


def local(days, hour=13):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def current_project(db):
    """A project running now, so that its meetings and milestones lie ahead."""
    today = timezone.localdate()
    return ProjectFactory(
        slug="pagaende",
        short_name="Pågående",
        start_date=today.replace(day=1) - datetime.timedelta(days=365),
        end_date=today.replace(day=1) + datetime.timedelta(days=730),
        work_areas=[("A", "Arbetsgivare möts"), ("B", "Pendling")],
    )


def steering_work(project, count, author):
    area = project.work_areas.first()
    for n in range(count):
        if n == 0:  # one through the review flow; the rest only need their state
            report = StatusReportFactory(project=project, title=f"Lägesrapport {n + 1}")
            review.submit(report, author, notify=False)
        else:
            StatusReportFactory(
                project=project,
                title=f"Lägesrapport {n + 1}",
                state=StatusReport.State.SUBMITTED,
                submitted_at=timezone.now(),
            )
        ChangeRequestFactory(project=project, title=f"Ändring {n + 1}", submitted_at=timezone.now())
    meeting = MeetingFactory(project=project, starts_at=local(-20))
    for n in range(count):
        DecisionFactory(meeting=meeting, title=f"Beslut {n + 1}")
    upcoming = MeetingFactory(project=project, starts_at=local(9), place="Stadshuset, Umeå")
    AgendaItem.objects.create(meeting=upcoming, title="Lägesrapport kvartal 2", sort_order=0)
    AgendaItem.objects.create(meeting=upcoming, title="Ändrad tidplan", sort_order=1)
    MeetingFactory(project=project, starts_at=local(60))
    return area


def leader_work(project, count):
    today = timezone.localdate()
    area = project.work_areas.first()
    for n in range(count):
        ActivityFactory(
            work_area=area,
            code=f"A.{n + 1}",
            planned_start=today - datetime.timedelta(days=90),
            planned_end=today - datetime.timedelta(days=10),
            status=Activity.Status.IN_PROGRESS,
        )
        soon = ActivityFactory(
            work_area=area,
            code=f"A.{100 + n}",
            planned_start=today,
            planned_end=today + datetime.timedelta(days=200),
        )
        Milestone.objects.create(
            activity=soon, title=f"Leverans {n + 1}", due_date=today + datetime.timedelta(days=5)
        )
        StatusReportFactory(
            project=project,
            title=f"Rapport att lämna {n + 1}",
            due_on=today + datetime.timedelta(days=7),
        )
    category = CostCategory.objects.filter(project=project).first()
    version = BudgetVersionFactory(project=project, approved=True)
    BudgetLineFactory(
        version=version,
        work_area=area,
        category=category,
        year=today.year,
        amount=Decimal("1000.00"),
    )
    CostEntryFactory(
        project=project,
        work_area=area,
        category=category,
        date=today.replace(day=1),
        amount=Decimal("25000.00"),
    )


def dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_steering_group_sees_what_waits_for_it_with_links(
    client, current_project, steering_member, project_leader
):
    steering_work(current_project, 2, project_leader)
    client.force_login(steering_member)
    page = dashboard(client)
    assert "Styrgruppens arbete" in page
    report = StatusReport.objects.get(title="Lägesrapport 1")
    assert f'href="{reverse("statusreport:inspect", args=[report.pk])}"' in page
    change = ChangeRequest.objects.get(title="Ändring 2")
    assert f'href="{reverse("changerequest:inspect", args=[change.pk])}"' in page
    assert "Beslut 2" in page
    assert "Nästa möte" in page and "Stadshuset, Umeå" in page
    assert page.index("Lägesrapport kvartal 2") < page.index("Ändrad tidplan")
    # The steering group writes no reports: the project leaders' panel is not theirs.
    assert "Projektledarnas arbete" not in page


def test_the_project_leader_sees_late_work_milestones_budget_and_reports_due(
    client, current_project, project_leader
):
    leader_work(current_project, 2)
    client.force_login(project_leader)
    page = dashboard(client)
    assert "Projektledarnas arbete" in page
    assert "Styrgruppens arbete" not in page
    late = Activity.objects.get(code="A.1")
    assert f'href="{reverse("activity:edit", args=[late.pk])}"' in page
    assert "Leverans 1" in page
    assert "A. Arbetsgivare möts – " in page and "över budget hittills" in page
    report = StatusReport.objects.get(title="Rapport att lämna 1")
    assert f'href="{reverse("statusreport:edit", args=[report.pk])}"' in page


def test_nothing_to_do_says_so(client, current_project, project_leader, steering_member):
    client.force_login(steering_member)
    page = dashboard(client)
    assert "Ingen rapport väntar på granskning." in page
    assert "Inget möte är planerat." in page
    client.force_login(project_leader)
    page = dashboard(client)
    assert "Ingen aktivitet är försenad." in page


def test_a_member_sees_only_the_projects_they_belong_to(
    client, current_project, steering_member, project_leader
):
    steering_work(current_project, 1, project_leader)
    other = ProjectFactory(slug="annat", work_areas=[("A", "Annat")])
    StatusReportFactory(project=other, title="Annat projekts rapport")
    review.submit(
        StatusReport.objects.get(title="Annat projekts rapport"), project_leader, notify=False
    )
    person = PersonFactory(name="Anna Olofsson", user=steering_member)
    MembershipFactory(project=current_project, person=person, body=Membership.Body.STEERING_GROUP)
    client.force_login(steering_member)
    page = dashboard(client)
    assert "Lägesrapport 1" in page
    assert "Annat projekts rapport" not in page


def test_the_project_group_gets_no_governance_panel(client, current_project, project_group_member):
    client.force_login(project_group_member)
    page = dashboard(client)
    assert "Styrgruppens arbete" not in page and "Projektledarnas arbete" not in page


@pytest.mark.parametrize("role", ["steering", "leader"])
def test_the_dashboard_costs_the_same_queries_with_3_and_30_items(
    client, role, steering_member, project_leader, make_user
):
    def count(n, slug):
        today = timezone.localdate()
        project = ProjectFactory(
            slug=slug,
            start_date=today.replace(day=1) - datetime.timedelta(days=365),
            end_date=today.replace(day=1) + datetime.timedelta(days=730),
            work_areas=[("A", "Område A")],
        )
        user = steering_member if role == "steering" else project_leader
        person = PersonFactory(user=user) if not hasattr(user, "person") else user.person
        # Each run sees only its own project.
        Membership.objects.filter(person=person).delete()
        MembershipFactory(project=project, person=person)
        if role == "steering":
            steering_work(project, n, project_leader)
        else:
            leader_work(project, n)
        client.force_login(user)
        dashboard(client)  # warm caches (site, settings, content types)
        with CaptureQueriesContext(connection) as queries:
            page = dashboard(client)
        return len(queries), page

    few, few_page = count(3, "tre")
    many, many_page = count(30, "trettio")
    assert few == many
    assert "Visa alla" not in few_page
    assert "Visa alla" in many_page  # at most eight of each, and a link to the rest
