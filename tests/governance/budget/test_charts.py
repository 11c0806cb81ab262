"""The budget's SVG charts (governance/budget/charts.py): numbers in SVG attributes are
plain numbers with a decimal point whatever language the browser asks for."""

import datetime
import re
from decimal import Decimal

from django.test import override_settings
from django.urls import reverse

import pytest

from governance.budget import charts
from governance.budget.models import BudgetLine, CostEntry
from governance.reports import review
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.register.factories import WorkAreaFactory
from tests.governance.reports.fixtures import build_report

ATTRIBUTES = r"(?:x|y|x1|x2|y1|y2|width|height|viewBox|points)"
ANY_NUMBER_ATTRIBUTE = re.compile(rf'\s{ATTRIBUTES}="([^"]*)"')
PLAIN = re.compile(r"^-?\d+(\.\d+)?$")


def svg_numbers(page):
    """Every value of a coordinate attribute inside the page's charts (the SVGs with
    role="img"; the admin's icons are SVGs too)."""
    values = []
    for svg in re.findall(r"<svg[^>]*role=\"img\".*?</svg>", page, re.S):
        for value in ANY_NUMBER_ATTRIBUTE.findall(svg):
            values.extend(re.split(r"[ ,]", value))
    return values


def test_a_coordinate_is_a_plain_number_with_a_point():
    assert charts.coordinate(70) == "70"
    assert charts.coordinate(70.04) == "70"
    assert charts.coordinate(1234.56) == "1234.6"
    assert charts.coordinate(Decimal("-3.25")) == "-3.2"


@pytest.fixture
def many_areas(db):
    """The small budget with 30 more work areas, so that the bar chart is over 1 000 units
    high (where a localised number would get a thousands separator) and amounts have öre."""
    small = build_small_budget()
    for number in range(30):
        area = WorkAreaFactory(project=small.project, code=f"X{number}", sort_order=10 + number)
        BudgetLine.objects.create(
            version=small.v1,
            work_area=area,
            category=small.category["Övrigt"],
            year=2013,
            amount=Decimal("12345.67") * (number + 1),
        )
        CostEntry.objects.create(
            project=small.project,
            date=datetime.date(2013, 2, 1 + number % 28),
            work_area=area,
            category=small.category["Övrigt"],
            amount=Decimal("777.77") * (number + 1),
            voucher=f"X{number}",
        )
    return small


@override_settings(USE_THOUSAND_SEPARATOR=True)
@pytest.mark.parametrize("query", ["", "&start=2013-04-01&end=2013-06-30"])
def test_overview_charts_under_a_swedish_browser(many_areas, client, project_leader, query):
    client.force_login(project_leader)
    url = reverse("budget:overview") + f"?project={many_areas.project.pk}{query}"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="sv-SE").content.decode()
    assert 'lang="sv"' in page and "Diagrammet som tabell" in page
    assert page.count('role="img"') == 2
    numbers = svg_numbers(page)
    assert len(numbers) > 300
    assert [n for n in numbers if not PLAIN.match(n)] == []
    height = re.search(r'<svg[^>]*aria-labelledby="areas-title[^>]*>', page, re.S).group(0)
    assert 'height="1144"' in height  # 16 + 34 × 32 work areas + 40, not "1 144"
    # With a period, the bars are the period's and carry no forecast mark.
    assert ("Prognos</text>" in page) == (query == "")


@override_settings(USE_THOUSAND_SEPARATOR=True)
def test_report_charts_under_a_swedish_browser(many_areas, client, project_leader):
    report = build_report(many_areas)
    review.submit(report, project_leader)
    client.force_login(project_leader)
    page = client.get(
        reverse("statusreport:inspect", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="sv-SE"
    ).content.decode()
    assert page.count('role="img"') == 2
    numbers = svg_numbers(page)
    assert len(numbers) > 300
    assert [n for n in numbers if not PLAIN.match(n)] == []
