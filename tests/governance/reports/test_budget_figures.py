"""The status report's budget figures by the rule of governance/budget/figures.py: the
version in force at the period's end, and on the demo project every report's budget to date
equal to its own cumulative chart at the period's end, on the page, in the .xlsx and in the
PDF."""

import datetime
import io
import re
from decimal import Decimal

from django.urls import reverse

import openpyxl
import pytest
from pypdf import PdfReader

from core import demo_data
from governance.budget import figures, services
from governance.common.money import format_sek
from governance.register.models import Project
from governance.reports import content as report_content
from governance.reports import excel as report_excel
from governance.reports import pdf as report_pdf
from governance.reports.models import StatusReport
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.reports.fixtures import build_report

pytestmark = pytest.mark.django_db

D = Decimal


def test_a_version_approved_in_the_middle_of_a_period_counts_for_that_whole_period(db):
    small = build_small_budget()
    revised = services.new_draft_from(small.v1)
    line = revised.lines.get(work_area=small.area_a, category=small.category["Personal"])
    line.amount = D("120000.00")
    line.save()
    services.approve_budget_version(
        revised, approved_on=datetime.date(2013, 5, 15), approved_by="Styrgruppen"
    )
    first = build_report(
        small,
        title="Lägesrapport 2013 kvartal 1",
        period_start=datetime.date(2013, 1, 1),
        period_end=datetime.date(2013, 3, 31),
    )
    second = build_report(small)  # 2013 Q2, ending after the approval on 15 May
    q1 = report_content.content(first)["budget"]
    q2 = report_content.content(second)["budget"]

    # Q1 ends before the revision: version 1, January–March of A Personal (3 × 8 333,33)
    # and of B Externa tjänster (3 × 1 666,66).
    assert q1["version"] == str(small.v1)
    assert q1["total"]["budget_to_date"] == D("24999.99") + D("4999.98")
    # Q2: the revision for every month, also before 15 May and before the period:
    # A Personal 120 000,00 is 10 000,00 a month.
    assert q2["version"] == str(revised)
    assert q2["total"]["budget"] == D("200000.75")
    assert q2["total"]["budget_to_date"] == 6 * D("10000.00") + D("10000.50") + D("9999.98")
    assert q2["total"]["budget_period"] == 3 * D("10000.00") + D("10000.50") + D("5000.00")
    assert q2["months"][-1]["cumulative_budget"] == q2["total"]["budget_to_date"]
    # The overview compares any version chosen, for every month alike.
    overview = figures.overview(
        small.project,
        version=small.v1,
        start=datetime.date(2013, 4, 1),
        end=datetime.date(2013, 6, 30),
    )
    assert overview.total.budget == D("40000.49")


def test_a_forecast_below_the_actual_cost_to_date_is_flagged_in_the_report(db, project_leader):
    small = build_small_budget()
    report = build_report(
        small,
        title="Lägesrapport 2014 kvartal 1",
        period_start=datetime.date(2014, 1, 1),
        period_end=datetime.date(2014, 3, 31),
    )
    content = report_content.content(report)
    area_b = content["budget"]["work_areas"][1]
    # B: no forecast, so its budget of 70 000,25 is expected to hold; 35 000,05 is spent.
    assert (area_b["forecast"], area_b["actual_to_date"]) == (D("70000.25"), D("35000.05"))
    rows = {row["label"]: row for row in content["budget"]["categories"]}
    external = rows["Externa tjänster"]
    assert (external["forecast"], external["actual_to_date"]) == (D("20000.00"), D("25000.00"))
    assert report_excel.forecast_note(external) == "Prognosen är lägre än utfallet hittills"
    assert report_excel.forecast_note(area_b) is None
    book = openpyxl.load_workbook(io.BytesIO(report_excel.workbook_bytes(report)))
    notes = {r[0]: r[-1] for r in book["Utfall"].iter_rows(values_only=True)}
    assert notes["Externa tjänster"] == "Prognosen är lägre än utfallet hittills"
    assert notes["Personal"] is None


# The demo project: every report agrees with its own chart


def key_figure(html, label):
    match = re.search(rf'<th scope="row">{re.escape(label)}</th><td class="num">([^<]+)</td>', html)
    assert match, label
    return match.group(1)


def chart_table_rows(html):
    """(month, actual, budget, cumulative actual, cumulative budget) of the table under the
    cumulative chart."""
    table = html[html.index("Utfall och budget per månad, och ackumulerat") :]
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr>\s*<th scope=\"row\">([^<]+)</th>(.*?)</tr>", table, re.S)
    return [(month, *re.findall(r'<td class="[^"]*">([^<]+)</td>', cells)) for month, cells in rows]


@pytest.fixture
def demo(load_demo_output):
    load_demo_output()
    return Project.objects.get(slug=demo_data.PROJECT["slug"])


def test_every_demo_report_shows_the_budget_to_date_of_its_own_chart(demo, client):
    client.login(username="styrgrupp", password="demo-styrgrupp-2012")
    reports = list(StatusReport.objects.filter(project=demo).order_by("period_start"))
    assert len(reports) == 8
    for report in reports:
        content = report_content.content(report)
        money = content["budget"]
        total = money["total"]
        last = money["months"][-1]
        assert last["month"] == report.period_end.replace(day=1), report
        assert total["budget_to_date"] == last["cumulative_budget"], report
        assert total["actual_to_date"] == last["cumulative_actual"], report
        expected = format_sek(total["budget_to_date"])

        page = client.get(reverse("statusreport:inspect", args=[report.pk])).content.decode()
        assert key_figure(page, "Budget hittills") == expected, report
        rows = chart_table_rows(page)
        assert rows[-1][4] == expected, report

        book = openpyxl.load_workbook(io.BytesIO(report_excel.workbook_bytes(report)))
        summary = {r[0]: r[1] for r in book["Sammanfattning"].iter_rows(values_only=True)}
        months = list(book["Månader"].iter_rows(values_only=True))[1:]
        assert round(D(str(summary["Budget hittills"])), 2) == total["budget_to_date"], report
        assert round(D(str(months[-1][3])), 2) == total["budget_to_date"], report
        assert months[-1][0].date() == last["month"], report

        pdf = PdfReader(io.BytesIO(report_pdf.render_pdf(report)))
        text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pdf.pages))
        amount = expected.replace("\xa0", " ")  # \s+ above made every space a plain one
        assert f"Budget hittills {amount}" in text, report
        # The chart's table in the PDF ends with the period's last month and its budget to date.
        table = text[text.rindex("Utfall och budget per månad, och ackumulerat") :]
        assert f"{rows[-1][0]} " in table and table.count(amount) == 1, report


def test_the_demo_figures_quoted_in_the_issue(demo):
    """Issue 16 quoted 1 437 500 kr for Q1 2013 (the whole of 2013 counted from January)
    against 574 999,99 kr in the chart, and 2 300 000 kr for Q2 2014 against 2 012 499,98.
    By the rule, per financier and line (the demo's lines are the two municipalities' halves):
    all of 2012 (287 500,00) is spent by December; a 2013 line gives January–March three
    twelfths rounded down to whole öre, which for the ten lines whose öre do not divide by
    twelve is 64 999,83 instead of 65 000,00 (the öre left over fall on the year's last
    months): 2 × (78 750,00 + 64 999,83) = 287 499,66."""
    q1 = StatusReport.objects.get(project=demo, title="Lägesrapport 2013 kvartal 1")
    q1_total = report_content.content(q1)["budget"]["total"]
    assert q1_total["budget_to_date"] == D("287500.00") + D("287499.66")
    q2_2014 = StatusReport.objects.get(project=demo, title="Lägesrapport 2014 kvartal 2")
    q2_total = report_content.content(q2_2014)["budget"]["total"]
    # 2012 and 2013 in full, January–June 2014: 2 × (143 749,83 + 143 750,01).
    assert q2_total["budget_to_date"] == D("1437500.00") + D("574999.68")
    assert q2_total["budget"] == D("2300000.00")


def test_the_demo_overview_of_a_quarter_shows_the_quarters_budget(demo, client):
    client.login(username="styrgrupp", password="demo-styrgrupp-2012")
    url = reverse("budget:overview") + f"?project={demo.pk}&start=2014-04-01&end=2014-06-30"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="sv-SE").content.decode()
    total = re.search(r"<tfoot>(.*?)</tfoot>", page, re.S).group(1)
    amounts = re.findall(r'<td class="amount[^"]*">\s*([^<]+?)\s*<', total)
    # Budget in the period: three ninths of 2014 (862 500,00) per line, in whole öre, with
    # the öre left over of eight lines in April–June: 2 × 143 750,01.
    quarter_budget = format_sek(D("287500.02"))
    assert amounts[0] == quarter_budget
    assert amounts[4] == format_sek(D("2300000.00"))  # budget for the whole project
    assert "Budget under perioden" in page and "Prognos för hela projektet" in page
    assert format_sek(D("862500.00")) not in page
    overview = figures.overview(
        demo, start=datetime.date(2014, 4, 1), end=datetime.date(2014, 6, 30)
    )
    assert overview.total.budget == D("287500.02") == overview.cumulative[-1].cumulative_budget
    assert overview.total.forecast == figures.overview(demo).total.forecast
