import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from core import demo_data
from governance.register.models import Activity, Membership, Project, WorkArea
from tests.governance.register.factories import MembershipFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project_page(project, work_area, person):
    MembershipFactory(
        project=project,
        person=person,
        body=Membership.Body.PROJECT_MANAGEMENT,
        role=Membership.Role.PROJECT_LEADER,
    )
    return ProjectPageFactory(project=project)


def test_project_page_shows_goal_period_bodies_and_work_areas(client, project_page, project):
    project.effect_goal = "Minst 7,5 % pendlar."
    project.save()
    html = client.get("/lagesbild/").content.decode()
    assert "Minst 7,5 % pendlar." in html
    assert "1 oktober 2012 – 30 september 2014" in html
    assert "Projektledning" in html and "Carina Lindberg" in html and "Umeå kommun" in html
    assert 'href="/lagesbild/arbetsomrade/a/"' in html


def test_no_private_contact_data_on_public_pages(client, project_page, make_activity, person):
    activity = make_activity(responsible_people=[person])
    overview = client.get("/lagesbild/").content.decode()
    work_area_page = client.get("/lagesbild/arbetsomrade/a/").content.decode()
    assert "Carina Lindberg, projektledare, Umeå kommun" in overview  # named, not reachable
    assert activity.title in work_area_page
    for html in (overview, work_area_page):
        assert "carina.privat@example.invalid" not in html
        assert "070-123 45 67" not in html


def test_only_public_activities_are_shown_and_counted(client, project_page, make_activity):
    make_activity("A.1", title="Öppen aktivitet", status=Activity.Status.DONE, progress=100)
    make_activity("A.2", title="Intern aktivitet", is_public=False)
    detail = client.get("/lagesbild/arbetsomrade/a/").content.decode()
    assert "Öppen aktivitet" in detail
    assert "Intern aktivitet" not in detail
    overview = client.get("/lagesbild/").content.decode()
    assert "1 av 1 aktivitet klar" in overview
    assert "Intern aktivitet" not in overview


def test_overview_counts_done_and_late_per_work_area(client, project_page, make_activity):
    make_activity("A.1", status=Activity.Status.DONE, progress=100)
    make_activity("A.2", status=Activity.Status.LATE, progress=20)
    make_activity("A.3", status=Activity.Status.IN_PROGRESS, progress=60)
    html = client.get("/lagesbild/").content.decode()
    assert "1 av 3 aktiviteter klara, 2 försenade. Genomsnittligt framsteg 60 %." in html


def test_work_area_page_lists_activities_status_progress_and_milestones(
    client, project_page, make_activity
):
    activity = make_activity(
        "A.1", title="Nätverksträffar", status=Activity.Status.IN_PROGRESS, progress=40
    )
    activity.milestones.create(title="Första träffen", due_date=datetime.date(2013, 3, 1))
    activity.save()
    response = client.get("/lagesbild/arbetsomrade/a/")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "Arbetsområde A" in html
    assert "Nätverksträffar" in html and "Pågår" in html and "40 %" in html
    assert "Första träffen" in html
    assert client.get("/lagesbild/arbetsomrade/x/").status_code == 404


def test_timelines_are_accessible_svgs_with_a_bar_per_row(client, project_page, make_activity):
    make_activity("A.1", actual_start=datetime.date(2013, 2, 1))
    make_activity("A.2")
    for url, bars, actual_bars in (
        ("/lagesbild/", 1, 0),
        ("/lagesbild/arbetsomrade/a/", 2, 1),
    ):
        html = client.get(url).content.decode()
        svg = html[html.index("<svg") : html.index("</svg>")]
        assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
        assert svg.count('class="timeline__planned"') == bars
        assert svg.count('class="timeline__actual"') == actual_bars
        assert "2013 kv 1" in svg
        assert "<table" in html


def test_timeline_bars_sit_where_their_dates_are(project, make_activity):
    from governance.register.progress import (
        TIMELINE_LABEL_WIDTH,
        TIMELINE_WIDTH,
        TimelineRow,
        timeline,
    )

    whole = make_activity("A.1", planned_start=project.start_date, planned_end=project.end_date)
    bar = timeline(project, [TimelineRow.for_activity(whole)]).bars[0]
    assert bar.planned_x == TIMELINE_LABEL_WIDTH
    assert bar.planned_x + bar.planned_width == TIMELINE_WIDTH


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def fill(project, work_areas, per_area, *, first=0):
    areas = WorkArea.objects.bulk_create(
        WorkArea(project=project, code=f"{i:02d}", title=f"Område {i}", sort_order=i + 1)
        for i in range(first, first + work_areas)
    )
    Activity.objects.bulk_create(
        Activity(
            work_area=area,
            code=f"{area.code}.{n}",
            title=f"Aktivitet {n}",
            planned_start=datetime.date(2013, 1, 1),
            planned_end=datetime.date(2013, 6, 30),
        )
        for area in areas
        for n in range(per_area)
    )


def test_project_page_query_count_is_the_same_for_few_and_many_activities(
    client, project_page, project
):
    fill(project, work_areas=1, per_area=2)
    client.get("/lagesbild/")
    few = [query_count(client, url) for url in ("/lagesbild/", "/lagesbild/arbetsomrade/00/")]
    fill(project, work_areas=19, per_area=100, first=1)
    WorkArea.objects.filter(code="00").delete()
    fill(project, work_areas=1, per_area=100)
    many = [query_count(client, url) for url in ("/lagesbild/", "/lagesbild/arbetsomrade/00/")]
    assert many == few


def test_demo_builds_the_project_page_with_the_real_bodies(client, load_demo_output):
    load_demo_output()
    html = client.get("/lagesbild/").content.decode()
    assert "Styrgrupp" in html and "Kurt-Allan Egelby" in html
    assert "Projektgrupp" in html and "Camilla Fahlander" in html
    project = Project.objects.get(slug=demo_data.PROJECT["slug"])  # not the second demo's
    assert 15 <= Activity.objects.filter(work_area__project=project).count() <= 25
    areas = WorkArea.objects.filter(project=project)
    assert set(areas.values_list("code", flat=True)) == {"A", "B", "C", "D"}


def test_demo_plan_is_valid_and_marked_as_example_data(load_demo_output):
    load_demo_output()
    activities = list(Activity.objects.select_related("work_area__project"))
    assert {activity.work_area.code for activity in activities} == {"A", "B", "C", "D"}
    for activity in activities:
        activity.full_clean()
        assert "Exempeldata" in activity.description


def test_work_area_page_lists_the_blog_posts_filed_under_it(client, load_demo_output):
    from blog.models import BlogPostPage

    load_demo_output()
    area_c = WorkArea.objects.get(code="C")
    # The Swedish progress page lists the Swedish posts; the demo's English post shares
    # its Swedish original's date and work area.
    swedish = BlogPostPage.objects.live().filter(locale__language_code="sv")
    in_c = swedish.filter(categories=area_c).order_by("-date").first()
    not_in_c = swedish.exclude(categories=area_c).first()
    html = client.get("/lagesbild/arbetsomrade/c/").content.decode()
    section = html.split('id="work-area-posts-heading"')[1].split("</section>")[0]
    assert in_c.title in section
    assert not_in_c.title not in section
    assert "Alla inlägg om arbetsområde C" in section


def test_home_page_shows_the_work_areas_with_their_progress(client, load_demo_output):
    load_demo_output()
    html = client.get("/").content.decode()
    section = html.split('id="home-work-areas-heading"')[1].split("</section>")[0]
    assert 'href="/lagesbild/arbetsomrade/a/"' in section
    assert "aktiviteter klara" in section
    assert 'href="/lagesbild/"' in section


def test_project_page_shows_the_approved_budget_financiers_and_funder_statement(client, demo_site):
    from wagtail.models import Site

    from tests.governance.budget.fixtures import build_small_budget
    from website.models import SiteSettings

    small = build_small_budget()
    ProjectPageFactory(project=small.project)
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.funder_statement = "Projektet medfinansieras av Europeiska unionen."
    site_settings.save()

    html = client.get("/lagesbild/").content.decode().replace("\u00a0", " ")
    # Version 1 (the draft 2 is not approved): 100 000 + 10 000,50 + 50 000,25 + 20 000.
    assert "Den godkända budgeten för hela projektet är 180 000,75 kr" in html
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td class="amount">([^<]+)</td>'
                      r'<td class="amount">([^<]+)</td></tr>', html)  # fmt: skip
    assert rows == [
        ("Umeå kommun", "100 000,00 kr", "55,6 %"),
        ("Örnsköldsviks kommun", "60 000,75 kr", "33,3 %"),
        ("Ej fördelat på finansiär", "20 000,00 kr", "11,1 %"),
        ("Summa", "180 000,75 kr", "100,0 %"),
    ]
    assert "Projektet medfinansieras av Europeiska unionen." in html


def test_a_budget_approved_by_a_decision_not_yet_public_waits(client, demo_site):
    from governance.budget import services
    from tests.governance.budget.fixtures import build_small_budget
    from tests.governance.decisions.factories import DecisionFactory, MeetingFactory

    small = build_small_budget()
    ProjectPageFactory(project=small.project)
    meeting = MeetingFactory(project=small.project)
    decision = DecisionFactory(meeting=meeting, title="Reviderad budget", is_confidential=True)
    services.approve_budget_version(
        small.v2, approved_on=datetime.date(2013, 3, 14), approved_by="Styrgruppen",
        reference=f"beslut {decision.number}",
    )  # fmt: skip
    html = client.get("/lagesbild/").content.decode().replace("\u00a0", " ")
    assert "180 000,75 kr" in html  # version 1: version 2's decision is confidential
    Decision = type(decision)
    Decision.objects.filter(pk=decision.pk).update(is_confidential=False)
    meeting.state = meeting.State.MINUTES_APPROVED
    meeting.save()
    html = client.get("/lagesbild/").content.decode().replace("\u00a0", " ")
    assert "Den godkända budgeten för hela projektet är 120 000,00 kr" in html
