"""The review of a status report in Chromium, as each role, with the admin in Swedish: the
project leader writes a report and submits it with the button; the steering-group member
finds it on the dashboard and returns it with a comment; the project leader reads the
comment (dashboard, report form, mail), revises and submits again; the steering group
approves it, after which the report is read-only. The steering group approves a budget
version from the version list. Last, the report's PDF carries the approval and no draft
mark."""

import datetime
import io
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

import pypdf
import pytest

from core.roles import PROJECT_LEADER, STEERING_GROUP
from governance.budget.models import BudgetVersion
from governance.register.models import Membership
from governance.reports.models import StatusReport
from tests.governance.register.factories import MembershipFactory, PersonFactory, ProjectFactory
from tests.quality.browser import admin_account as user
from tests.quality.browser import log_in

LONG = 30_000  # ms: a page of the admin on a loaded two-core machine


def open_link(page, locator):
    """Clicks a link and waits for the page it leads to."""
    with page.expect_navigation(timeout=LONG):
        locator.click()
    page.wait_for_load_state()


def press(page, button):
    """Clicks a form's button and waits for the answer."""
    with page.expect_navigation(timeout=LONG):
        button.click()
    page.wait_for_load_state()


def header_button(page, name):
    return page.locator("header").get_by_role("link", name=name, exact=True)


def swedish_date(day):
    with translation.override("sv"):
        return date_format(day, "j F Y")


def pdf_text(page, url):
    response = page.context.request.get(url, timeout=LONG)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.body()))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_submit_return_revise_and_approve_a_status_report(migrated_db, live_server, browser_page):  # noqa: F811
    page = browser_page
    page.set_default_timeout(LONG)
    today = timezone.localdate()
    quarter_start = today.replace(day=1) - datetime.timedelta(days=90)
    project = ProjectFactory(
        name="Arbetsmarknadsregionen",
        short_name="Regionen",
        slug="regionen",
        start_date=today.replace(day=1) - datetime.timedelta(days=365),
        end_date=today.replace(day=1) + datetime.timedelta(days=365),
        work_areas=[("A", "Arbetsgivare möts")],
    )
    leader = user("ledaren", PROJECT_LEADER)
    member = user("ledamoten", STEERING_GROUP)
    lena = PersonFactory(name="Lena Projektledare", email="lena@example.se", user=leader)
    anna = PersonFactory(name="Anna Ledamot", email="anna@example.se", user=member)
    MembershipFactory(project=project, person=lena, body=Membership.Body.PROJECT_MANAGEMENT)
    MembershipFactory(project=project, person=anna, body=Membership.Body.STEERING_GROUP)
    base = live_server.url

    # The project leader writes a new report for the last quarter.
    log_in(page, base, "ledaren")
    page.goto(base + reverse("statusreport:add"))
    page.select_option("#id_project", str(project.pk))
    page.fill("#id_title", "Lägesrapport kvartal 3")
    page.fill("#id_period_start", f"{quarter_start:%Y-%m-%d}")
    page.fill("#id_period_end", f"{today:%Y-%m-%d}")
    press(page, page.locator("main button.button-longrunning[type=submit]").first)
    report = StatusReport.objects.get()
    assert page.url.endswith(reverse("statusreport:edit", args=[report.pk]))
    assert page.get_by_text("Utkast – genererad text").first.is_visible()
    # A draft is submitted with the button in the form's header; nothing is done with a field.
    assert page.locator("main select[name=state], main input[name=state]").count() == 0

    page.fill("#id_summary", "Arbetsgivarna har träffats två gånger under kvartalet.")
    press(page, page.locator("main button.button-longrunning[type=submit]").first)
    report.refresh_from_db()
    assert not report.narrative_is_draft
    assert report.state == StatusReport.State.DRAFT
    pdf_url = base + reverse("statusreport:pdf", args=[report.pk])
    assert "UTKAST" in pdf_text(page, pdf_url)

    # Submit: the confirmation says what will happen, and who gets mail.
    open_link(page, header_button(page, "Lämna in till styrgruppen"))
    assert page.get_by_text("Vad som kommer att hända").is_visible()
    assert page.get_by_text("Rapportens innehåll fryses").is_visible()
    assert page.get_by_text("1 ledamot med adress").is_visible()
    press(page, page.get_by_role("button", name="Lämna in till styrgruppen"))
    assert page.get_by_text("Rapporten är inlämnad till styrgruppen.").is_visible()
    assert [message.to for message in mail.outbox] == [["anna@example.se"]]
    assert "Lägesrapport kvartal 3" in mail.outbox[0].subject
    # Submitted, it is closed to the project leader too: no edit button, the form refuses.
    page.goto(base + reverse("statusreport:inspect", args=[report.pk]))
    edit_url = reverse("statusreport:edit", args=[report.pk])
    assert page.locator(f'a[href="{edit_url}"]').count() == 0
    assert header_button(page, "Lämna in till styrgruppen").count() == 0
    response = page.goto(base + edit_url)
    assert response.status == 403
    assert page.get_by_text("väntar på dess granskning").first.is_visible()

    # The steering-group member finds it on the dashboard and returns it with a comment.
    log_in(page, base, "ledamoten")
    panel = page.locator("#steering-group-work-section")
    open_link(page, panel.get_by_role("link", name="Lägesrapport kvartal 3"))
    assert header_button(page, "Godkänn").is_visible()
    assert page.locator(f'a[href="{edit_url}"]').count() == 0
    open_link(page, header_button(page, "Återremittera"))
    assert page.get_by_text("Rapporten går tillbaka till projektledarna").is_visible()
    assert page.get_by_text("1 projektledare med adress").is_visible()
    press(page, page.get_by_role("button", name="Återremittera rapporten"))
    assert page.get_by_text("Skriv vad projektledarna ska ändra.").first.is_visible()
    page.fill("textarea[name=comment]", "Beskriv riskerna med rekryteringen.")
    press(page, page.get_by_role("button", name="Återremittera rapporten"))
    assert page.get_by_text("Rapporten är återremitterad till projektledarna.").is_visible()
    assert header_button(page, "Godkänn").count() == 0
    returned = mail.outbox[1]
    assert returned.to == ["lena@example.se"]
    assert "Lägesrapport kvartal 3" in returned.subject
    assert "Beskriv riskerna med rekryteringen." in returned.body
    assert edit_url in returned.body

    # The project leader: the dashboard says it came back; the form says why.
    log_in(page, base, "ledaren")
    leader_panel = page.locator("#project-leader-work-section")
    item = leader_panel.locator("li", has_text="Lägesrapport kvartal 3")
    assert "återremitterad" in item.inner_text()
    open_link(page, item.get_by_role("link"))
    assert page.url.endswith(edit_url)
    assert page.get_by_text(
        "Styrgruppen återremitterade rapporten: Beskriv riskerna med rekryteringen."
    ).first.is_visible()
    page.fill("#id_risk_comment", "Rekryteringen kan dra ut på tiden; vi annonserar i två län.")
    press(page, page.locator("main button.button-longrunning[type=submit]").first)
    report.refresh_from_db()
    assert report.state == StatusReport.State.DRAFT
    open_link(page, header_button(page, "Lämna in till styrgruppen"))
    press(page, page.get_by_role("button", name="Lämna in till styrgruppen"))
    assert page.get_by_text("Rapporten är inlämnad till styrgruppen.").is_visible()
    assert [message.to for message in mail.outbox[2:]] == [["anna@example.se"]]

    # The steering group approves it, from the list row's menu this time.
    log_in(page, base, "ledamoten")
    page.goto(base + reverse("statusreport:index"))
    row = page.locator("tbody tr", has_text="Lägesrapport kvartal 3")
    assert "inlämnad till styrgruppen" in row.inner_text()
    row.get_by_role("button", name=re.compile("Fler alternativ")).click()
    open_link(page, row.get_by_role("link", name="Godkänn", exact=True))
    assert page.get_by_text("Rapporten godkänns och stängs").is_visible()
    page.fill("textarea[name=comment]", "Bra, tack.")
    press(page, page.get_by_role("button", name="Godkänn rapporten"))
    assert page.get_by_text("Rapporten är godkänd.").is_visible()
    report.refresh_from_db()
    assert report.state == StatusReport.State.APPROVED
    approved_on = timezone.localtime(report.reviewed_at).date()

    # Approved, it is read-only for everyone: no buttons to change it, the form refuses.
    assert "Läge: Fastställd" in page.locator(".status-report p").first.inner_text()
    for name in ("Godkänn", "Återremittera", "Lämna in till styrgruppen"):
        assert header_button(page, name).count() == 0
    log_in(page, base, "ledaren")
    page.goto(base + reverse("statusreport:inspect", args=[report.pk]))
    assert page.locator(f'a[href="{edit_url}"]').count() == 0
    assert header_button(page, "Lämna in till styrgruppen").count() == 0
    response = page.goto(base + edit_url)
    assert response.status == 403
    assert page.get_by_text(
        "är godkänd av styrgruppen och kan inte längre ändras"
    ).first.is_visible()

    # The budget: a draft version is approved by the steering group from the version list.
    version = BudgetVersion.objects.create(project=project, number=1, label="Ursprunglig budget")
    log_in(page, base, "ledamoten")
    page.goto(base + reverse("budget_version:index"))
    row = page.locator("tbody tr", has_text="Ursprunglig budget")
    row.get_by_role("button", name=re.compile("Fler alternativ")).click()
    open_link(page, row.get_by_role("link", name="Fastställ budgeten"))
    assert page.get_by_text("Vad som kommer att hända").is_visible()
    assert page.get_by_text("Den blir gällande budget").first.is_visible()
    press(page, page.get_by_role("button", name="Fastställ budgeten"))
    assert page.get_by_text("är fastställd och är nu den gällande budgeten").is_visible()
    version.refresh_from_db()
    assert version.state == BudgetVersion.State.APPROVED
    assert header_button(page, "Fastställ budgeten").count() == 0

    # The report's PDF is the approved one: submitted a week ago, approved today, no draft mark.
    submitted_on = approved_on - datetime.timedelta(days=7)
    StatusReport.objects.filter(pk=report.pk).update(
        submitted_at=report.submitted_at - datetime.timedelta(days=7)
    )
    text = pdf_text(page, pdf_url)
    assert "Lägesrapport kvartal 3" in text
    assert "UTKAST" not in text
    assert "Fastställd" in text
    assert swedish_date(submitted_on) in text
    assert swedish_date(approved_on) in text
