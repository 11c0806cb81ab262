"""Two journeys in Chromium: a steering-group member finds the waiting report on the
dashboard and approves it with the button and its confirmation page; a project leader
submits a change request with the button."""

import datetime

from django.urls import reverse
from django.utils import timezone

import pytest

from core.roles import PROJECT_LEADER, STEERING_GROUP
from governance.decisions.models import ChangeRequest
from governance.reports import review
from governance.reports.models import StatusReport
from tests.governance.register.factories import ProjectFactory
from tests.governance.reports.factories import StatusReportFactory
from tests.quality.browser import admin_account as user
from tests.quality.browser import log_in


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
