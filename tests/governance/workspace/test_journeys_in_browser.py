"""Two journeys in Chromium: a steering-group member finds the waiting report on the
dashboard and approves it with the button and its confirmation page; a project leader
submits a change request with the button."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

import pytest

from core.roles import PROJECT_LEADER, STEERING_GROUP
from governance.decisions.models import ChangeRequest
from governance.reports import review
from governance.reports.models import StatusReport
from tests.governance.register.factories import ProjectFactory
from tests.governance.reports.factories import StatusReportFactory

PASSWORD = "secret-pass-123"


def user(username, role):
    account = get_user_model().objects.create_user(username, password=PASSWORD)
    account.groups.add(Group.objects.get(name=role))
    return account


@pytest.fixture
def browser_page(live_server, monkeypatch):
    from tests.quality.browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(locale="sv-SE", viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def log_in(page, base_url, username):
    page.context.clear_cookies()
    page.goto(base_url + reverse("wagtailadmin_login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_approve_a_report_from_the_dashboard_and_submit_a_change_request(
    migrated_db, live_server, browser_page
):
    page = browser_page
    today = timezone.localdate()
    project = ProjectFactory(
        slug="pagaende",
        start_date=today.replace(day=1) - datetime.timedelta(days=365),
        end_date=today.replace(day=1) + datetime.timedelta(days=365),
        work_areas=[("A", "Arbetsgivare möts")],
    )
    leader = user("ledaren", PROJECT_LEADER)
    user("ledamoten", STEERING_GROUP)
    report = StatusReportFactory(project=project, title="Lägesrapport kvartal 2")
    review.submit(report, leader, notify=False)
    change = ChangeRequest.objects.create(
        project=project,
        title="Förlängd tidplan för A",
        what_changes="A.1 slutar senare.",
        reason="Arbetsgivarna vill vänta till hösten.",
    )

    # The steering group: dashboard → report → Godkänn → confirmation → approved.
    log_in(page, live_server.url, "ledamoten")
    panel = page.locator("#steering-group-work-section")
    panel.get_by_role("link", name="Lägesrapport kvartal 2").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Godkänn", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("Vad som kommer att hända").is_visible()
    page.fill("textarea[name=comment]", "Bra rapport.")
    page.get_by_role("button", name="Godkänn rapporten").click()
    page.wait_for_load_state()
    assert page.get_by_text("Rapporten är godkänd.").is_visible()
    report.refresh_from_db()
    assert report.state == StatusReport.State.APPROVED
    assert report.review_comment == "Bra rapport."
    page.goto(live_server.url + reverse("wagtailadmin_home"))
    assert (
        page.locator("#steering-group-work-section")
        .get_by_text("Ingen rapport väntar")
        .is_visible()
    )

    # A project leader: the change request's page → Lämna in → confirmation → submitted.
    log_in(page, live_server.url, "ledaren")
    page.goto(live_server.url + reverse("changerequest:edit", args=[change.pk]))
    page.locator("header").get_by_role("link", name="Lämna in till styrgruppen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Förslaget väntar på styrgruppens beslut").is_visible()
    page.get_by_role("button", name="Lämna in till styrgruppen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Ändringsförslaget är inlämnat till styrgruppen.").is_visible()
    change.refresh_from_db()
    assert change.state == ChangeRequest.State.SUBMITTED
