"""The demo's two projects (issue 23): the first project, built on the facts of the first
user's project, and a second, smaller one made up as example data. Each has its own site,
people and data, and its people hold their rights through their memberships alone."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup

from blog.models import BlogIndexPage, BlogPostPage, EventPage
from core import demo_data
from governance.budget import figures
from governance.budget.demo import SECOND_BUDGET, SECOND_COSTS
from governance.budget.models import BudgetVersion, CostEntry
from governance.decisions.models import Decision, DecisionRegisterPage, Meeting
from governance.register.access import ROLE_OF_BODY
from governance.register.models import Activity, Membership, Project
from governance.register.pages import ProjectPage
from governance.reports.models import StatusReport

pytestmark = pytest.mark.any_database

FIRST, SECOND = demo_data.PROJECT["slug"], demo_data.SECOND_PROJECT["slug"]


@pytest.fixture
def demo(load_demo_output):
    output = load_demo_output()
    return output, Project.objects.get(slug=FIRST), Project.objects.get(slug=SECOND)


def site_of(project):
    return Site.objects.get(root_page=project.public_root)


def pages_of(model, project):
    return model.objects.descendant_of(project.public_root)


@pytest.mark.django_db
def test_each_project_has_its_own_site(demo, client):
    _output, first, second = demo
    assert Project.objects.count() == 2
    assert "exempeldata" in second.name
    default = Site.objects.get(is_default_site=True)
    assert site_of(first) == default
    kompetens = site_of(second)
    assert (kompetens.hostname, kompetens.port) == ("kompetens.localhost", default.port)
    assert not second.public_root.is_descendant_of(first.public_root)
    for project in (first, second):
        assert [p.project for p in pages_of(ProjectPage, project)] == [project]
        assert [p.project for p in pages_of(DecisionRegisterPage, project)] == [project]
        assert [b.project for b in pages_of(BlogIndexPage, project)] == [project]
    assert pages_of(BlogPostPage, second).live().count() == 5
    assert pages_of(EventPage, second).live().count() == 2

    home = client.get("/", HTTP_HOST="kompetens.localhost")
    assert home.status_code == 200
    assert "Kompetenslyft Norr" in BeautifulSoup(home.content, "html.parser").title.text
    for path in ["/blogg/valkommen/", "/kalender/", "/lagesbild/", "/beslut/"]:
        assert client.get(path, HTTP_HOST="kompetens.localhost").status_code == 200, path


@pytest.mark.django_db
def test_each_project_has_its_own_people_with_rights_through_membership_only(demo):
    output, first, second = demo
    users = get_user_model().objects.exclude(username="admin")
    assert not users.filter(groups__name__in=ROLE_OF_BODY.values()).exists()  # no global role
    assert not users.filter(is_superuser=True).exists()
    for project, accounts in [
        (first, demo_data.DEMO_USERS[1:]),
        (second, demo_data.SECOND_DEMO_USERS),
    ]:
        for username, password, role, _first_name, _last_name in accounts:
            memberships = Membership.objects.filter(person__user__username=username)
            assert [(m.project, ROLE_OF_BODY[m.body]) for m in memberships] == [(project, role)]
            # load_demo names each login with its project and role
            assert f"{username} " in output and f"{project.short_name}: {role}" in output
            assert password in output
    first_people = set(Membership.objects.filter(project=first).values_list("person", flat=True))
    second_people = Membership.objects.filter(project=second).values_list("person", flat=True)
    assert len(second_people) == 7 and not first_people & set(second_people)
    bodies = Membership.objects.filter(project=second).values_list("body", flat=True)
    assert sorted(bodies) == sorted(
        ["projektledning", *["styrgrupp"] * 3, *["projektgrupp"] * 2, "gastskribenter"]
    )
    addresses = [u.email for u in users] + [
        m.person.email for m in Membership.objects.select_related("person")
    ]
    assert all(a.endswith(("@example.invalid", "@example.se")) for a in addresses)


@pytest.mark.django_db
def test_the_second_project_has_its_own_data_and_the_first_keeps_its_figures(demo):
    _output, first, second = demo
    assert list(second.work_areas.values_list("code", flat=True)) == ["A", "B"]
    activities = Activity.objects.filter(work_area__project=second)
    assert activities.count() == 6
    assert all(a.description.startswith("Exempeldata") for a in activities)

    version = BudgetVersion.objects.get(project=second)
    assert version.state == BudgetVersion.State.APPROVED
    assert version.lines.count() == 16
    total = sum(sum(lines.values()) for lines in SECOND_BUDGET.values())
    overview = figures.overview(second)
    assert overview.total.budget == total == 645000
    assert overview.total.actual == sum(Decimal(amount) for *_rest, amount in SECOND_COSTS)
    assert CostEntry.objects.filter(project=second).count() == len(SECOND_COSTS) == 12

    meeting = Meeting.objects.get(project=second)
    assert meeting.state == Meeting.State.MINUTES_APPROVED
    assert [d.number for d in Decision.objects.filter(meeting=meeting).order_by("sequence")] == [
        "2012:01",
        "2012:02",
    ]
    report = StatusReport.objects.get(project=second)
    assert report.state == StatusReport.State.SUBMITTED
    assert report.submitted_by.username == "kompetens-projektledare"

    # What the first project's tests pin: the second project adds nothing to them.
    total = figures.overview(first).total
    assert (total.budget, total.actual, total.forecast) == (
        Decimal("2300000.00"),
        Decimal("2247736.71"),
        Decimal("2375000.00"),
    )
    assert CostEntry.objects.filter(project=first).count() == 481
    assert Activity.objects.filter(work_area__project=first).count() == 20
    assert Decision.objects.filter(project=first).count() == 8


def activity_titles(client):
    response = client.get(reverse("activity:index"))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return {cell.get_text(" ", strip=True) for cell in page.select("table tbody td")}


@pytest.mark.django_db
def test_each_projects_people_see_only_their_project(demo, client):
    _output, first, second = demo
    first_titles = set(
        Activity.objects.filter(work_area__project=first).values_list("title", flat=True)
    )
    second_titles = set(
        Activity.objects.filter(work_area__project=second).values_list("title", flat=True)
    )
    first_version = BudgetVersion.objects.filter(project=first, number=1).get()
    second_version = BudgetVersion.objects.get(project=second)

    leaders = get_user_model().objects.filter(
        username__in=["projektledare", "kompetens-projektledare"]
    )
    for leader in leaders:
        own = leader.username.startswith("kompetens")
        for project, may in [(first, not own), (second, own)]:
            assert project.public_root.permissions_for_user(leader).can_publish() is may

    assert client.login(username="kompetens-projektledare", password="demo-kompetens-2012")
    seen = activity_titles(client)
    assert second_titles <= seen and not first_titles & seen
    inspect = "budget_version:inspect"
    assert client.get(reverse(inspect, args=[first_version.pk])).status_code == 403
    assert client.get(reverse(inspect, args=[second_version.pk])).status_code == 200

    assert client.login(username="projektledare", password="demo-projektledare-2012")
    seen = activity_titles(client)
    assert not second_titles & seen and seen & first_titles
    assert client.get(reverse(inspect, args=[second_version.pk])).status_code == 403
    assert client.get(reverse(inspect, args=[first_version.pk])).status_code == 200
