"""Co-financing in the status and final reports (governance/reports/content.py): the
hand-computed figures to the öre, frozen at submission, and on the page, in the .xlsx and
in the PDF."""

import datetime
import io
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

import openpyxl
import pytest
from pypdf import PdfReader

from governance.cofinancing.models import InKindContribution
from governance.reports import content as report_content
from governance.reports import excel as report_excel
from governance.reports import pdf as report_pdf
from governance.reports import review
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.cofinancing.factories import TimeReportFactory
from tests.governance.cofinancing.fixtures import add_cofinancing
from tests.governance.cofinancing.test_admin import cells
from tests.governance.reports.fixtures import add_register_data, build_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(db):
    small = add_cofinancing(build_small_budget())
    add_register_data(small)
    return small


@pytest.fixture
def report(small):
    return build_report(small)  # 2013 Q2


def financier(content, name):
    return next(row for row in content["cofinancing"]["financiers"] if row["name"] == name)


def test_the_status_report_shows_co_financing_to_date_to_the_ore(report):
    with translation.override("sv"):
        content = report_content.content(report)
    umea = financier(content, "Umeå kommun")
    assert umea == {
        "name": "Umeå kommun",
        "committed": Decimal("600000.00"),
        "cash": Decimal("30000.10"),
        "hours": Decimal("49.75"),
        "time_value": Decimal("29171.85"),
        "in_kind": Decimal("12000.00"),
        "non_cash": Decimal("41171.85"),
        "total": Decimal("71171.95"),
        "used_of_commitment_percent": Decimal("11.9"),
        "remaining": Decimal("528828.05"),
        "hours_period": Decimal("12.25"),
        "non_cash_period": Decimal("19183.02"),
    }
    ovik = financier(content, "Örnsköldsviks kommun")
    assert (ovik["committed"], ovik["total"], ovik["remaining"]) == (
        Decimal("72000.30"),
        Decimal("13289.06"),
        Decimal("58711.24"),
    )
    assert content["cofinancing"]["unvalued_hours"] == Decimal("8.00")
    assert content["cofinancing"]["overhead_percent"] == Decimal("42.15")
    assert content["cofinancing"]["total"]["non_cash_period"] == Decimal("28471.63")


def test_a_submitted_report_keeps_its_co_financing(small, report, project_leader):
    review.submit(report, project_leader)
    report.refresh_from_db()
    # Later: more hours for May, and a contribution dated inside the period.
    TimeReportFactory(
        project=small.project,
        person=small.roland,
        work_area=small.area_a,
        month=datetime.date(2013, 5, 1),
        hours=Decimal("100.00"),
    )
    InKindContribution.objects.create(
        project=small.project,
        financier=small.umea,
        description="Sent registrerad lokal",
        date=datetime.date(2013, 6, 1),
        value=Decimal("5000.00"),
    )
    frozen = financier(report_content.content(report), "Umeå kommun")
    assert (frozen["time_value"], frozen["in_kind"]) == (Decimal("29171.85"), Decimal("12000.00"))


def test_the_report_page_xlsx_and_pdf_show_it(small, report, client, project_leader):
    review.submit(report, project_leader)
    client.force_login(project_leader)
    page = client.get(reverse("statusreport:inspect", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="sv")
    rows = cells(page)
    assert rows[1][0] == "Umeå kommun" and rows[1][7] == "71 171,95 kr"
    assert rows[-1][0] == "Summa"

    with translation.override("sv"):
        book = openpyxl.load_workbook(io.BytesIO(report_excel.workbook_bytes(report)))
        pdf = report_pdf.render_pdf(report)
    sheet = book["Medfinansiering"]
    umea = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Umeå kommun")
    assert umea[1:8] == (600000, 30000.1, 49.75, 29171.85, 12000, 41171.85, 71171.95)
    text = " ".join(
        "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        .replace("\u00a0", " ")
        .split()
    )
    assert "Medfinansiering hittills, kontant och icke-kontant" in text
    assert "71 171,95 kr" in text and "29 171,85 kr" in text


def test_the_final_report_counts_the_whole_project(small, project_leader):
    report = review.create_final_report(small.project)
    review.submit(report, project_leader)
    report.refresh_from_db()
    content = report_content.content(report)
    umea = financier(content, "Umeå kommun")
    assert (umea["hours"], umea["time_value"], umea["in_kind"], umea["total"]) == (
        Decimal("59.75"),
        Decimal("35213.23"),
        Decimal("12000.00"),
        Decimal("77213.33"),
    )
    assert content["cofinancing"]["total"]["total"] == Decimal("129002.94")


def test_a_report_frozen_before_co_financing_still_renders(report, client, project_leader):
    review.submit(report, project_leader)
    report.refresh_from_db()
    snapshot = dict(report.snapshot)
    snapshot.pop("cofinancing")
    type(report).objects.filter(pk=report.pk).update(snapshot=snapshot)
    client.force_login(project_leader)
    response = client.get(reverse("statusreport:inspect", args=[report.pk]))
    assert response.status_code == 200
    assert b"cofinancing-table" not in response.content
