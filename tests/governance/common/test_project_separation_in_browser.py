"""A project leader of project A, by membership only, works in Chromium in an installation
with two projects: the dashboard, the Styrning menu's lists, the budget overview's project
choice and the activity plan's Excel file show project A and nothing of project B."""

import io

from django.urls import reverse

import openpyxl
import pytest

from governance.register.models import Membership, Person, Project
from tests.governance.common.test_project_separation import MARK, build_project, mark
from tests.quality.browser import admin_account, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = 30_000  # ms: a page of the admin on a loaded two-core machine


@pytest.fixture
def leader_of_a(migrated_db):
    """On the database the migrations made (roles, root page and collection), which an
    earlier transactional test may have flushed."""
    a = build_project("projekt-a", "Projekt A")
    b = build_project("projekt-b", f"{MARK} projekt B")
    mark(b.project)
    Project.objects.update(state=Project.State.ONGOING)
    account = admin_account("ledare-a", None, first_name="Alva", language="sv")
    person = Person.objects.create(name="Alva i A", user=account)
    Membership.objects.create(
        project=a.project, person=person, body=Membership.Body.PROJECT_MANAGEMENT
    )
    return a, b


def visit(page, url):
    page.goto(url, timeout=LONG)
    page.wait_for_load_state()
    return page.locator("main").inner_text()


def test_a_project_leader_of_a_sees_only_a_in_menu_dashboard_and_exports(
    browser_page, live_server, leader_of_a, tmp_path
):
    a, _b = leader_of_a
    page = browser_page
    log_in(page, live_server.url, "ledare-a")
    dashboard = page.locator("main").inner_text()
    assert "Försenade aktiviteter" in dashboard and "Rapporter att lämna" in dashboard
    assert MARK not in dashboard

    # The Styrning menu leads to lists of A's records only.
    page.get_by_role("button", name="Styrning").click()
    with page.expect_navigation(timeout=LONG):
        page.get_by_role("link", name="Aktiviteter", exact=True).click()
    listing = page.locator("main").inner_text()
    assert "Arbetsgivare" in listing and MARK not in listing
    page.screenshot(path=str(tmp_path / "aktiviteter.png"), full_page=True)

    projects = visit(page, live_server.url + reverse("project:index"))
    assert "Projekt A" in projects and MARK not in projects

    # The budget overview offers A alone; B's address answers "not found".
    visit(page, live_server.url + reverse("budget:overview"))
    offered = page.locator("select[name=project] option").all_inner_texts()
    assert [text for text in offered if text.strip("- ")] == ["Projekt A"]
    response = page.goto(live_server.url + reverse("budget:overview") + f"?project={_b.project.pk}")
    assert response.status == 404

    # With one project to choose, the activity plan's button downloads A's plan at once.
    visit(page, live_server.url + reverse("activity:index"))
    with page.expect_download(timeout=LONG) as download:
        page.get_by_role("link", name="Exportera till Excel").click()
    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    cells = [
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    assert any("Arbetsgivare" in cell for cell in cells)
    assert not any(MARK in cell for cell in cells)
