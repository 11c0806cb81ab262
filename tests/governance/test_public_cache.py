"""What readers see of the steering group's work reaches them at once, even when the pages
are in the page cache (governance/public_cache.py): a revoked decision shows as revoked,
a confidential one never shows, an activity taken off the public pages leaves them; pages
that show no governance data stay cached."""

import re

import pytest

from governance.decisions import services
from tests.governance.decisions.factories import DecisionRegisterPageFactory
from tests.governance.decisions.fixtures import approve_minutes, at
from tests.governance.register.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


def text_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def cached(client, *paths):
    for path in paths:
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit", path


@pytest.fixture
def public_pages(demo_site, project, make_activity, make_meeting, make_decision, commit):
    """The progress page and the decision register; 2013:01 public in approved minutes,
    activity A.1 public. Committed, as if made before."""
    with commit():
        progress = ProjectPageFactory(parent=demo_site, project=project)
        register = DecisionRegisterPageFactory(parent=demo_site, project=project)
        activity = make_activity(title="Arbetsgivarträff i Umeå", is_public=True)
        spring = make_meeting(at(2013, 3, 14))
        budget = make_decision(
            "Budget för 2013",
            text="Styrgruppen fastställer budgeten för pendlingsstudien.",
            meeting=spring,
        )
        approve_minutes(spring)
        services.freeze_approved_minutes(spring)
    return progress, register, activity, budget


def test_a_revoked_decision_shows_as_revoked_on_the_cached_register_at_once(
    client, page_cache, commit, public_pages, make_meeting, make_decision
):
    _progress, register, _activity, budget = public_pages
    assert "Upphävt" not in text_of(client, register.url)
    cached(client, register.url)

    with commit():  # the steering group revokes 2013:01 and approves the minutes
        autumn = make_meeting(at(2013, 9, 2))
        make_decision("Ny budgetram", revokes=budget, meeting=autumn)
        approve_minutes(autumn)
        services.freeze_approved_minutes(autumn)

    assert "Upphävt genom beslut 2013:02" in text_of(client, register.url)


def test_a_confidential_decision_never_reaches_the_cached_register(
    client, page_cache, commit, public_pages, make_meeting, make_decision
):
    """A decision is marked confidential before its minutes are approved (then it is
    locked): at the approval the register shows the meeting's other decisions, not it."""
    _progress, register, _activity, _budget = public_pages
    cached(client, register.url)

    with commit():
        autumn = make_meeting(at(2013, 9, 2))
        make_decision("Förhandling om lokaler", is_confidential=True, meeting=autumn)
        make_decision("Sommarjobbsmässan genomförs", meeting=autumn)
        approve_minutes(autumn)
        services.freeze_approved_minutes(autumn)

    text = text_of(client, register.url)
    assert "Sommarjobbsmässan genomförs" in text
    assert "Förhandling om lokaler" not in text


def test_an_activity_taken_off_the_public_pages_leaves_the_cached_ones_at_once(
    client, page_cache, commit, public_pages
):
    progress, _register, activity, _budget = public_pages
    work_area_page = progress.work_area_url(activity.work_area)
    assert "Arbetsgivarträff i Umeå" in text_of(client, work_area_page)
    cached(client, work_area_page, progress.url, "/")

    activity.is_public = False
    with commit():
        activity.save()

    assert "Arbetsgivarträff i Umeå" not in text_of(client, work_area_page)
    assert client.get(progress.url)["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "miss"  # its work-area summary counts it


def test_pages_without_governance_data_stay_cached(client, page_cache, commit, public_pages):
    _progress, _register, activity, _budget = public_pages
    cached(client, "/om-projektet/")

    activity.progress = 50
    with commit():
        activity.save()

    assert client.get("/om-projektet/")["X-Page-Cache"] == "hit"


def test_a_budget_approved_reaches_the_cached_progress_page_at_once(
    client, page_cache, commit, public_pages, project, work_area
):
    from governance.budget import services as budget_services
    from tests.governance.budget.factories import BudgetLineFactory, BudgetVersionFactory

    progress, _register, _activity, _budget = public_pages
    with commit():
        version = BudgetVersionFactory(project=project)
        BudgetLineFactory(version=version, work_area=work_area, amount="250000.00")
    assert "Den godkända budgeten" not in text_of(client, progress.url)
    cached(client, progress.url)

    with commit():  # approved without a decision: public once approved
        budget_services.approve_budget_version(
            version, approved_on=at(2013, 3, 14).date(), approved_by="Styrgruppen"
        )

    text = text_of(client, progress.url)
    assert "Den godkända budgeten för hela projektet är 250 000" in text
