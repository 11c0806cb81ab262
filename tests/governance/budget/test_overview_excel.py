"""The overview's .xlsx (governance/budget/excel.py overview_workbook) carries the page's
figures: under a date range the range's budget and actual, and the whole project's budget
and forecast, labelled so, with the page's flags as notes."""

import io
import re
from decimal import Decimal

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from tests.governance.budget.fixtures import build_small_budget

D = Decimal
NBSP = "\xa0"


@pytest.fixture
def small(db):
    return build_small_budget()


def money(value):
    return round(D(str(value)), 2)


def test_the_export_of_a_quarter_has_the_figures_of_the_page(small, client, project_leader):
    client.force_login(project_leader)
    query = f"?project={small.project.pk}&start=2013-04-01&end=2013-06-30"
    page = re.sub(
        r"[ \t\r\n]+", " ", client.get(reverse("budget:overview") + query).content.decode()
    )
    response = client.get(reverse("budget:export_overview") + query)
    book = load_workbook(io.BytesIO(response.content))

    sheet = book["Arbetsområden"]
    rows = [row for row in sheet.iter_rows(values_only=True) if row and row[0]]
    assert "Period: 2013-04-01 – 2013-06-30" in [r[0] for r in rows]
    assert "Periodens budget räknas i hela månader: april 2013 – juni 2013." in [r[0] for r in rows]
    heading = next(r for r in rows if r[0] == "Arbetsområde")
    assert list(heading) == [
        "Arbetsområde",
        "Budget under perioden",
        "Utfall under perioden",
        "Avvikelse under perioden",
        "Förbrukat under perioden",
        "Budget för hela projektet",
        "Prognos för hela projektet",
        "Anmärkning",
    ]
    total = next(r for r in rows if r[0] == "Summa")
    # April–June 2013 (figures.py's rule): A Personal 3 × 8 333,33, A Resor Q2 10 000,50,
    # B Externa tjänster 1 666,66 + 2 × 1 666,67; costs V2 4 500,45 and V3 −500,00.
    assert [money(v) for v in total[1:4]] == [D("40000.49"), D("4000.45"), D("36000.04")]
    assert round(total[4], 3) == 0.100
    assert [money(v) for v in total[5:7]] == [D("180000.75"), D("175000.75")]
    for figure in ("40 000,49 kr", "4 000,45 kr", "36 000,04 kr", "180 000,75 kr", "175 000,75 kr"):
        assert figure.replace(" ", NBSP) in page, figure
    assert "Periodens budget räknas i hela månader: april 2013 – juni 2013." in page

    # B Externa tjänster: no forecast, so its budget of 20 000,00 is expected to hold,
    # though 25 000,00 is booked (in December): flagged on the page and in the file.
    cells = {
        (r[0][:1], r[1]): r for r in book["Arbetsområde × kostnadsslag"].iter_rows(values_only=True)
    }
    note = cells["B", "Externa tjänster"][-1]
    assert note == f"prognosen är lägre än bokfört hittills, 25{NBSP}000,00{NBSP}kr"
    assert cells["A", "Personal"][-1] is None
    assert f"lägre än bokfört hittills, 25{NBSP}000,00{NBSP}kr" in page

    months = list(book["Månader"].iter_rows(values_only=True))
    assert [r[0] for r in months[1:-1]] == ["2013-04", "2013-05", "2013-06"]
    assert money(months[-2][3]) == D("40000.49")  # cumulative budget at June


def test_an_end_before_the_start_is_refused_with_a_message(small, client, project_leader):
    client.force_login(project_leader)
    query = f"?project={small.project.pk}&start=2013-06-30&end=2013-04-01"
    response = client.get(reverse("budget:overview") + query)
    assert response.status_code == 200
    assert "Slutdatumet ligger före startdatumet." in response.content.decode()
