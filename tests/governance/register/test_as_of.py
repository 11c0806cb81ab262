"""The project as it stood on a date (governance/register/as_of.py): the states of
activities rebuilt from their actual dates and re-plannings, the decisions in force, the
public pages with ?per=, refused dates, and bounded queries."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from governance.decisions.models import Decision, Meeting
from governance.register import as_of
from governance.register.models import Activity, Replanning
from tests.governance.budget.factories import BudgetVersionFactory
from tests.governance.decisions.factories import DecisionRegisterPageFactory
from tests.governance.decisions.fixtures import approve_minutes, at
from tests.governance.register.factories import ActivityFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_parse_refuses_garbage_days_before_the_project_and_the_future(project):
    today = D(2014, 1, 15)
    assert as_of.parse("2013-06-30", project, today).day == D(2013, 6, 30)
    assert as_of.parse("", project, today).day is None
    assert as_of.parse("2014-01-15", project, today).day is None  # today is the live view
    for value in ("garbage", "2013-02-30", "30/6/2013", "x" * 500, "2013-6-30"):
        refused = as_of.parse(value, project, today)
        assert refused.day is None and "ÅÅÅÅ-MM-DD" in refused.message
        assert len(refused.asked) <= as_of.SHOWN_INPUT_LENGTH
    assert "startade" in as_of.parse("2012-09-30", project, today).message
    assert "framtiden" in as_of.parse("2014-01-16", project, today).message


def test_an_activity_on_a_day_has_that_days_dates_status_and_lateness(work_area):
    activity = ActivityFactory(
        work_area=work_area,
        code="A.1",
        planned_start=D(2013, 1, 1),
        planned_end=D(2013, 3, 31),
        actual_start=D(2013, 1, 15),
        actual_end=D(2013, 8, 20),
        status=Activity.Status.DONE,
        progress=100,
    )
    # Late on 31 March, moved on 10 April to end on 30 June, then finished in August.
    Replanning.objects.create(
        activity=activity,
        moved_on=D(2013, 4, 10),
        previous_start=D(2013, 1, 1),
        previous_end=D(2013, 3, 31),
        new_start=D(2013, 1, 1),
        new_end=D(2013, 6, 30),
        was_late=True,
    )
    Activity.objects.filter(pk=activity.pk).update(planned_end=D(2013, 6, 30))
    activity.refresh_from_db()
    project = work_area.project

    def on(day):
        return as_of.activities_on(project, [activity], day)[0]

    before = on(D(2013, 1, 10))
    assert (before.status, before.progress, before.actual_start) == ("planerad", 0, None)
    assert not before.is_late
    started = on(D(2013, 2, 1))
    assert started.status == "pagar" and started.progress is None  # never reported
    assert started.planned_end == D(2013, 3, 31) and not started.is_late
    assert on(D(2013, 4, 5)).is_late  # its end had passed, not yet moved
    moved = on(D(2013, 4, 20))
    assert moved.planned_end == D(2013, 6, 30) and moved.is_late  # stays late until done
    done = on(D(2013, 9, 1))
    assert (done.status, done.progress, done.actual_end) == ("klar", 100, D(2013, 8, 20))
    assert not done.is_late
    activity.refresh_from_db()
    assert activity.status == "klar"  # the copies are never saved


def test_decisions_in_force_leave_out_later_and_revoked_ones(project, make_meeting, make_decision):
    first = make_meeting(at(2013, 3, 14))
    later = make_meeting(at(2013, 9, 12))
    rule = make_decision("Styrgruppen möts fyra gånger per år", meeting=first)
    make_decision("Varannan månad", meeting=later, revokes=rule)
    decisions = Decision.objects.filter(project=project)

    def titles(day):
        return {d.title for d in as_of.decisions_in_force(decisions, day)}

    assert titles(D(2013, 3, 13)) == set()
    assert titles(D(2013, 3, 14)) == {"Styrgruppen möts fyra gånger per år"}
    assert titles(D(2013, 9, 12)) == {"Varannan månad"}
    # The public register counts a revocation only once its minutes are approved.
    public = {d.title for d in as_of.decisions_in_force(decisions, D(2013, 10, 1), public=True)}
    assert public == {"Styrgruppen möts fyra gånger per år", "Varannan månad"}
    approve_minutes(later)
    public = {d.title for d in as_of.decisions_in_force(decisions, D(2013, 10, 1), public=True)}
    assert public == {"Varannan månad"}


def test_public_budget_version_of_a_day(project):
    first = BudgetVersionFactory(project=project, approved=True)
    second = BudgetVersionFactory(
        project=project, approved=True, approved_on=D(2013, 11, 20), approved_by="Styrgruppen"
    )
    assert as_of.public_budget_version(project, D(2013, 6, 30)) == first
    assert as_of.public_budget_version(project, D(2013, 11, 20)) == second
    assert as_of.public_budget_version(project) == second
    assert as_of.budget_version(project, D(2013, 6, 30)) == first


@pytest.fixture
def progress_page(project, work_area):
    ActivityFactory(
        work_area=work_area,
        code="A.1",
        planned_start=D(2013, 1, 1),
        planned_end=D(2013, 6, 30),
        actual_start=D(2013, 1, 10),
        actual_end=D(2013, 5, 31),
        status=Activity.Status.DONE,
        progress=100,
    )
    ActivityFactory(
        work_area=work_area,
        code="A.2",
        planned_start=D(2013, 9, 1),
        planned_end=D(2014, 3, 31),
        actual_start=D(2013, 9, 2),
        status=Activity.Status.IN_PROGRESS,
        progress=40,
    )
    return ProjectPageFactory(project=project)


def text_of(html):
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_public_page_as_of_a_day_shows_that_day_with_a_banner(client, progress_page):
    html = client.get("/lagesbild/?per=2013-03-31").content.decode()
    text = text_of(html)
    assert "Så här såg projektet ut den 31 mars 2013" in text
    assert 'href="/lagesbild/">Visa projektet som det ser ut i dag' in html
    assert 'type="date"' in html and 'name="per"' in html and 'value="2013-03-31"' in html
    assert "0 av 2 aktiviteter klara" in text
    assert 'href="/lagesbild/arbetsomrade/a/?per=2013-03-31"' in html
    today = text_of(client.get("/lagesbild/").content.decode())
    assert "1 av 2 aktiviteter klara" in today and "Så här såg" not in today
    area = text_of(client.get("/lagesbild/arbetsomrade/a/?per=2013-07-01").content.decode())
    assert "Så här såg projektet ut den 1 juli 2013" in area
    assert "A.1" in area and "Klar" in area and "Planerad" in area  # A.2 not yet begun
    assert "Pågår" not in area


@pytest.mark.parametrize(
    "value, message",
    [
        ("garbage", "är inget datum"),
        ("2013-02-30", "är inget datum"),
        ("2001-01-01", "Projektet startade den 1 oktober 2012"),
        ("2999-01-01", "ligger i framtiden"),
    ],
)
def test_bad_dates_give_a_swedish_message_and_today(client, progress_page, value, message):
    for address in ("/lagesbild/", "/lagesbild/arbetsomrade/a/"):
        response = client.get(address, {"per": value})
        assert response.status_code == 200
        text = text_of(response.content.decode())
        assert message in text and "visar projektet som det ser ut i dag" in text
        assert "Så här såg" not in text


def test_as_of_pages_have_a_bounded_number_of_queries(client, progress_page, work_area):
    def count(address):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    addresses = ["/lagesbild/?per=2013-06-30", "/lagesbild/arbetsomrade/a/?per=2013-06-30"]
    [count(address) for address in addresses]  # the site and its settings, cached after once
    small = [count(address) for address in addresses]
    for number in range(3, 30):
        ActivityFactory(work_area=work_area, code=f"A.{number}", actual_start=D(2013, 2, 1))
    large = [count(address) for address in addresses]
    assert large == small and max(large) < 40


def test_confidential_and_unapproved_decisions_never_appear_as_of_any_day(
    client, project, make_meeting, make_decision
):
    DecisionRegisterPageFactory(project=project)
    approved = make_meeting(at(2013, 3, 14))
    make_decision("Offentligt beslut om träffar", meeting=approved)
    make_decision("Hemlig förhandling om lokaler", meeting=approved, is_confidential=True)
    approve_minutes(approved)
    held = make_meeting(at(2013, 5, 29), state=Meeting.State.HELD)
    make_decision("Beslut i ojusterat protokoll", meeting=held)
    day = project.start_date
    shown = set()
    while day <= D(2014, 9, 30):
        html = client.get("/beslut/", {"per": day.isoformat()}).content.decode()
        assert "Hemlig förhandling" not in html and "ojusterat protokoll" not in html
        shown.add("Offentligt beslut om träffar" in html)
        day += datetime.timedelta(days=30)
    assert shown == {True, False}  # before and after the meeting


def test_admin_budget_overview_and_decision_list_as_of_a_day(
    client, project_leader, project, make_meeting, make_decision
):
    BudgetVersionFactory(project=project, approved=True, label="Första budgeten")
    BudgetVersionFactory(
        project=project,
        approved=True,
        label="Reviderad budget",
        approved_on=D(2013, 11, 20),
        approved_by="Styrgruppen",
    )
    client.force_login(project_leader)
    url = reverse("budget:overview")
    page = client.get(url, {"project": project.pk, "as_of": "2013-06-30"}).content.decode()
    assert "Så här såg projektet ut den 30 juni 2013" in page and "Första budgeten" in page
    today = client.get(url, {"project": project.pk}).content.decode()
    assert "Reviderad budget" in today and "Så här såg" not in today
    make_decision("Tidigt beslut", meeting=make_meeting(at(2013, 3, 14)))
    make_decision("Sent beslut", meeting=make_meeting(at(2014, 3, 14)))
    listing = client.get(reverse("decision:index"), {"in_force_on": "2013-06-30"})
    assert "Tidigt beslut" in listing.content.decode()
    assert "Sent beslut" not in listing.content.decode()


def test_the_project_state_shows_as_of_a_day_only_when_it_can_be_known(
    client, project, progress_page
):
    # Ongoing today: whether it was ongoing on a past day is not recorded, so it is left out.
    today = text_of(client.get("/lagesbild/").content.decode())
    assert "Läge Pågående" in today
    past = text_of(client.get("/lagesbild/?per=2013-03-31").content.decode())
    assert "Läge" not in past and "Pågående" not in past
    # Still planned today: it was planned on every earlier day.
    project.state = project.State.PLANNED
    project.save()
    past = text_of(client.get("/lagesbild/?per=2013-03-31").content.decode())
    assert "Läge Planerat" in past


def test_revocation_links_in_the_register_as_of_a_day_keep_the_day(
    client, project, make_meeting, make_decision
):
    DecisionRegisterPageFactory(project=project)
    spring = make_meeting(at(2013, 3, 14))
    first = make_decision("Nätverksträffar varje månad", meeting=spring)
    approve_minutes(spring)
    autumn = make_meeting(at(2013, 9, 2))
    later = make_decision("Nätverksträffar varannan månad", revokes=first, meeting=autumn)
    approve_minutes(autumn)

    html = client.get("/beslut/", {"per": "2013-12-31"}).content.decode()
    assert f'Upphäver <a href="?ar=2013&amp;per=2013-12-31#{first.anchor}">beslut' in html
    today = client.get("/beslut/").content.decode()
    assert f'Upphävt genom <a href="?ar=2013#{later.anchor}">beslut' in today
