"""Co-financing in the admin as each role sees it: the budget overview's cash and non-cash
table to the öre, the overview's export, the monthly form a member fills in for
themselves, the Excel import (upload, preview old → new, confirm) and who may see what."""

import datetime
import io
import re
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import lxml.html
import pytest
from openpyxl import load_workbook

from governance.cofinancing.models import TimeReport
from governance.register.models import Membership
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.cofinancing.factories import HourlyCostFactory, TimeReportFactory
from tests.governance.cofinancing.fixtures import add_cofinancing
from tests.governance.cofinancing.test_excel import REAL_SHAPE, workbook
from tests.governance.register.factories import PersonFactory

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


@pytest.fixture
def small(db):
    return add_cofinancing(build_small_budget())


def cells(response, table_id="cofinancing-table"):
    """The table's rows as lists of cell texts, spaces folded."""
    root = lxml.html.fromstring(response.content.decode())
    return [
        [" ".join(cell.text_content().replace(NBSP, " ").split()) for cell in row]
        for row in root.xpath(f'//table[@id="{table_id}"]//tr')
    ]


def text(response):
    return re.sub(r"\s+", " ", response.content.decode().replace(NBSP, " "))


def overview_url(small, **params):
    query = "&".join(f"{k}={v}" for k, v in {"project": small.project.pk, **params}.items())
    return reverse("budget:overview") + "?" + query


def test_the_overview_shows_cash_and_non_cash_per_financier_to_the_ore(
    small, client, steering_member
):
    client.force_login(steering_member)
    response = client.get(overview_url(small), HTTP_ACCEPT_LANGUAGE="sv")
    rows = cells(response)
    assert rows[0][:8] == [
        "Finansiär",
        "Åtagande",
        "Kontant (bokförda kostnader)",
        "Personaltid, timmar",
        "Personaltid, värde",
        "Naturainsatser",
        "Icke-kontant totalt",
        "Medfinansiering totalt",
    ]
    assert rows[1] == [
        "Umeå kommun",
        "600 000,00 kr",
        "30 000,10 kr",
        "59,75 h",
        "35 213,23 kr",
        "12 000,00 kr",
        "47 213,23 kr",
        "77 213,33 kr",
        "12,9 %",
        "522 786,67 kr",
    ]
    assert rows[2][0] == "Örnsköldsviks kommun" and rows[2][7] == "26 789,61 kr"
    assert rows[3][0] == "Ej fördelat på finansiär" and rows[3][2] == "25 000,00 kr"
    assert rows[4][0] == "Summa" and rows[4][7] == "129 002,94 kr"
    page = text(response)
    assert "personalkostnadspålägget 42,15 %" in page
    assert "8,00 h personaltid under 1 personmånad är inte värderade" in page
    assert "Erik Sedig 2013-06" in page


def test_the_overview_of_a_period_shows_the_periods_co_financing(small, client, project_leader):
    client.force_login(project_leader)
    response = client.get(overview_url(small, start="2013-04-01", end="2013-06-30"))
    umea = cells(response)[1]
    # Roland's May 12,25 h (7 183,02) and the premises of 15 May (12 000,00); no costs.
    assert umea[2:8] == [
        "0,00 kr",
        "12,25 h",
        "7 183,02 kr",
        "12 000,00 kr",
        "19 183,02 kr",
        "19 183,02 kr",
    ]


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("url_name", ["budget:overview", "budget:export_overview"])
def test_the_overview_makes_the_same_queries_however_many_time_reports(
    small, client, project_leader, url_name
):
    client.force_login(project_leader)
    url = reverse(url_name) + f"?project={small.project.pk}"
    queries_of(client, url)  # the first remembers the chosen project for the user
    few = queries_of(client, url)
    for index in range(30):
        person = PersonFactory(name=f"Medarbetare {index}", organisation=small.umea.organisation)
        HourlyCostFactory(project=small.project, person=person, financier=small.umea)
        TimeReportFactory(project=small.project, person=person, work_area=small.area_a)
    assert queries_of(client, url) == few
    if url_name == "budget:overview":
        print(f"budget overview: {few} queries")  # noqa: T201  (reported in the closing note)


def test_the_overview_export_has_a_co_financing_sheet(small, client, project_leader):
    client.force_login(project_leader)
    response = client.get(
        reverse("budget:export_overview") + f"?project={small.project.pk}",
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    sheet = load_workbook(io.BytesIO(response.content))["Medfinansiering"]
    rows = [row for row in sheet.iter_rows(values_only=True) if any(row)]
    header = rows.index(next(r for r in rows if r[0] == "Finansiär"))
    umea = rows[header + 1]
    assert umea[:8] == (
        "Umeå kommun",
        600000,
        30000.1,
        59.75,
        35213.23,
        12000,
        47213.23,
        77213.33,
    )
    assert rows[-1][0] == "Summa" and rows[-1][7] == 129002.94
    umea_cells = next(row for row in sheet.iter_rows() if row[0].value == "Umeå kommun")
    assert umea_cells[1].number_format == '#,##0.00 "kr"'


# The monthly form


@pytest.fixture
def member(small, project_group_member):
    """Frida Bylin of the project group, with her user account."""
    small.frida.user = project_group_member
    small.frida.save()
    Membership.objects.create(
        project=small.project, person=small.frida, body=Membership.Body.PROJECT_GROUP
    )
    return project_group_member


def test_a_member_reports_her_own_month(small, client, member):
    client.force_login(member)
    url = reverse("own_time:form")
    response = client.get(url + f"?projekt={small.project.pk}&manad=2013-04")
    assert response.status_code == 200
    page = text(response)
    assert "Timmar i april 2013" in page
    root = lxml.html.fromstring(response.content.decode())
    field_a = root.xpath(f'//input[@name="area_{small.area_a.pk}"]')[0]
    assert field_a.get("value") == "20,50"  # her reported April, in Swedish
    assert "9 288,61 kr" in page  # April's value as co-financing

    response = client.post(
        url,
        {
            "projekt": small.project.pk,
            "month": "2013-04",
            f"area_{small.area_a.pk}": "",  # cleared: the line goes
            f"area_{small.area_b.pk}": "16,5",
        },
    )
    assert response.status_code == 302
    reports = TimeReport.objects.filter(person=small.frida)
    assert [(r.work_area.code, r.hours, r.source, r.entered_by) for r in reports] == [
        ("B", Decimal("16.50"), TimeReport.Source.FORM, member)
    ]


def test_the_form_refuses_hours_that_cannot_be(small, client, member):
    client.force_login(member)
    response = client.post(
        reverse("own_time:form"),
        {"projekt": small.project.pk, "month": "2013-04", f"area_{small.area_a.pk}": "-3"},
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert response.status_code == 200
    assert "Kontrollera att detta värde är större än eller lika med 0." in text(response)
    assert TimeReport.objects.get(person=small.frida).hours == Decimal("20.50")


def test_a_user_without_a_person_is_told_what_to_do(small, client, project_group_member):
    client.force_login(project_group_member)
    response = client.get(reverse("own_time:form"), HTTP_ACCEPT_LANGUAGE="sv")
    assert "Ditt användarkonto är inte kopplat till en person i registret." in text(response)


def test_who_sees_what(small, client, member, steering_member, guest_writer):
    # The project group reports its own time but sees neither the lists nor salaries.
    client.force_login(member)
    assert client.get(reverse("time_report:index")).status_code == 403
    assert client.get(reverse("hourly_cost:index")).status_code == 403
    # The steering group reads time reports and contributions, not the hourly costs.
    client.force_login(steering_member)
    assert client.get(reverse("time_report:index")).status_code == 200
    assert client.get(reverse("in_kind:index")).status_code == 200
    assert client.get(reverse("hourly_cost:index")).status_code == 403
    assert client.get(reverse("time_report:import")).status_code == 403
    assert client.get(reverse("own_time:form")).status_code == 403
    client.force_login(guest_writer)
    assert client.get(reverse("own_time:form")).status_code in (302, 403)


# The Excel import


def test_import_upload_preview_and_confirm(small, client, project_leader):
    client.force_login(project_leader)
    response = client.get(reverse("time_report:index"), HTTP_ACCEPT_LANGUAGE="sv")
    assert "Importera från Excel" in text(response)
    upload = SimpleUploadedFile("tidrapport-2013.xlsx", workbook(REAL_SHAPE))
    response = client.post(
        reverse("time_report:import"), {"project": small.project.pk, "file": upload}
    )
    assert response.status_code == 302
    preview = client.get(response.url, HTTP_ACCEPT_LANGUAGE="sv")
    rows = cells(preview, "time-report-lines")
    assert rows[1] == ["4", "Roland Carlsson", "2013-03", "A", "37,50 h (oförändrad)",
                       "412,50 kr", "21 988,83 kr"]  # fmt: skip
    assert rows[2][4] == "12,25 h (oförändrad)"
    assert rows[4] == ["7", "Roland Carlsson", "2013-06", "B", "4,00 h (ny)", "412,50 kr",
                       "2 345,48 kr"]  # fmt: skip
    assert TimeReport.objects.count() == 5  # nothing saved by the preview
    done = client.post(response.url, follow=True, HTTP_ACCEPT_LANGUAGE="sv")
    assert "Nya: 1. Ändrade: 0. Oförändrade: 3." in text(done)
    assert TimeReport.objects.count() == 6


def test_an_import_with_errors_saves_nothing(small, client, project_leader):
    client.force_login(project_leader)
    upload = SimpleUploadedFile("tid.xlsx", workbook([["Roland Carlsson", "Q1 2013", "A", "3"]]))
    response = client.post(
        reverse("time_report:import"), {"project": small.project.pk, "file": upload}
    )
    preview = client.get(response.url, HTTP_ACCEPT_LANGUAGE="sv")
    assert "Q1 2013 är inte en månad." in text(preview)
    assert client.post(response.url).status_code == 200
    assert TimeReport.objects.count() == 5
    assert datetime.date(2013, 1, 1) not in TimeReport.objects.values_list("month", flat=True)
