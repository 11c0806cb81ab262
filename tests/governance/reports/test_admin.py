"""The status report in the admin: the page for the steering group, the flow through the
admin with its permissions, and the freeze of page, .xlsx and PDF."""

import io
from decimal import Decimal

from django.urls import reverse

import openpyxl
import pytest

from governance.budget.models import CostEntry
from governance.reports import review
from governance.reports.models import StatusReport
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.reports.fixtures import add_register_data, build_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(db):
    small = build_small_budget()
    add_register_data(small)
    return build_report(small)


def sheet_values(content):
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook}


def test_report_page_shows_figures_statuses_and_charts(client, steering_member, report):
    client.force_login(steering_member)
    page = client.get(reverse("statusreport:inspect", args=[report.pk])).content.decode()
    assert "Lägesrapport 2013 kvartal 2" in page
    assert "1 april 2013" in page and "30 juni 2013" in page
    assert "34\u00a0000,55\u00a0kr" in page  # actual to date
    assert "180\u00a0000,75\u00a0kr" in page  # whole budget
    assert "A. Arbetsgivare" in page and "B. Styrkor" in page
    assert "<svg" in page and "Grön" in page
    assert "Godkänn" not in page  # a draft is not for review yet
    # Each chart's table is shown, not hidden in a <details> whose marker the admin's
    # styles remove (it read as an empty heading), and holds the chart's figures.
    assert page.count("Diagrammet som tabell") == 2 and "<details" not in page
    cumulative = page[page.index("Utfall och budget per månad") :]
    assert "april 2013" in cumulative and "43\u00a0333,46\u00a0kr" in cumulative


def test_project_leader_submits_and_steering_group_approves(
    client, project_leader, steering_member, report
):
    client.force_login(project_leader)
    inspect_url = reverse("statusreport:inspect", args=[report.pk])
    submit_url = reverse("statusreport:submit", args=[report.pk])
    # The button is in the inspect view's header and in the list row's menu; it opens a
    # page that says what will happen, and changes nothing until confirmed.
    assert f'href="{submit_url}"' in client.get(inspect_url).content.decode()
    assert f'href="{submit_url}"' in client.get(reverse("statusreport:index")).content.decode()
    confirm = client.get(submit_url).content.decode()
    assert "Vad som kommer att hända" in confirm and "fryses" in confirm
    report.refresh_from_db()
    assert report.state == StatusReport.State.DRAFT
    response = client.post(submit_url)
    assert response.status_code == 302 and response.url == inspect_url
    report.refresh_from_db()
    assert report.state == StatusReport.State.SUBMITTED and report.snapshot
    # Submitted: the form no longer edits it.
    assert client.get(reverse("statusreport:edit", args=[report.pk])).status_code == 403
    client.force_login(steering_member)
    page = client.get(reverse("statusreport:inspect", args=[report.pk])).content.decode()
    approve_url = reverse("statusreport:approve", args=[report.pk])
    assert f'href="{approve_url}"' in page
    assert f'href="{reverse("statusreport:return", args=[report.pk])}"' in page
    assert "Godkänn rapporten" in client.get(approve_url).content.decode()
    client.post(approve_url, {"comment": "Godkänd utan ändringar.", "decision": ""})
    report.refresh_from_db()
    assert report.state == StatusReport.State.APPROVED
    page = client.get(reverse("statusreport:inspect", args=[report.pk])).content.decode()
    assert "Inlämnat till styrgruppen" in page and "Godkänd av styrgruppen" in page


def test_project_group_member_cannot_approve(client, project_leader, project_group_member, report):
    review.submit(report, project_leader)
    client.force_login(project_group_member)
    assert client.get(reverse("statusreport:inspect", args=[report.pk])).status_code == 200
    page = client.get(reverse("statusreport:inspect", args=[report.pk])).content.decode()
    assert reverse("statusreport:approve", args=[report.pk]) not in page
    response = client.post(reverse("statusreport:approve", args=[report.pk]), {"comment": ""})
    assert response.status_code == 403
    assert client.post(reverse("statusreport:submit", args=[report.pk])).status_code == 403
    report.refresh_from_db()
    assert report.state == StatusReport.State.SUBMITTED


def test_guest_writer_sees_nothing(client, guest_writer, report):
    client.force_login(guest_writer)
    for name in ("index", "inspect", "xlsx", "pdf"):
        args = [] if name == "index" else [report.pk]
        response = client.get(reverse(f"statusreport:{name}", args=args))
        assert response.status_code == 403, name
        assert "Lägesrapport 2013" not in response.content.decode(errors="replace")
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Lägesrapporter" not in menu


def test_returned_report_is_edited_into_a_new_draft(
    client, project_leader, steering_member, report
):
    review.submit(report, project_leader)
    client.force_login(steering_member)
    return_url = reverse("statusreport:return", args=[report.pk])
    # Returning needs a comment: without one the page says so and nothing changes.
    page = client.post(return_url, {"comment": " "}).content.decode()
    assert "Skriv vad projektledarna ska ändra." in page
    report.refresh_from_db()
    assert report.state == StatusReport.State.SUBMITTED
    client.post(return_url, {"comment": "Skriv mer om riskerna."})
    report.refresh_from_db()
    assert report.state == StatusReport.State.RETURNED
    client.force_login(project_leader)
    page = client.get(reverse("statusreport:inspect", args=[report.pk])).content.decode()
    assert "Skriv mer om riskerna." in page
    review.reopen_as_draft(report, project_leader)
    report.refresh_from_db()
    assert report.state == StatusReport.State.DRAFT


def test_page_xlsx_and_pdf_do_not_change_after_submission(client, project_leader, report):
    from pypdf import PdfReader

    review.submit(report, project_leader)
    client.force_login(project_leader)
    urls = [reverse(f"statusreport:{n}", args=[report.pk]) for n in ("inspect", "xlsx", "pdf")]
    page, xlsx, pdf = (client.get(url).content for url in urls)
    entry = CostEntry.objects.get(voucher="V1")  # corrected in the admin
    entry.amount = Decimal("77777.77")
    entry.save()
    page_after, xlsx_after, pdf_after = (client.get(url).content for url in urls)

    def report_part(html):
        return html.decode().split('class="status-report"')[1].split('id="historik"')[0]

    assert report_part(page_after) == report_part(page)
    assert "77\u00a0777" not in page_after.decode()
    assert sheet_values(xlsx_after) == sheet_values(xlsx)

    def text(data):
        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)

    assert text(pdf_after) == text(pdf)
    assert "34 000,55 kr" in text(pdf_after).replace("\u00a0", " ")
