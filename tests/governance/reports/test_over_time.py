"""The comparison over time (governance/reports/over_time.py), the risk matrix and the
indicators against target, on the small hand-checked budget of ../budget/fixtures.py.

Three reports, 2013 Q1–Q3, submitted in turn. By the rule of governance/budget/figures.py
(each line spread evenly over its months in whole öre, the öre left over on the last months):
             budget in period  actual in period  variance in period  budget to date  actual to date
  2013 Q1      29 999,97         30 000,10            −0,13           29 999,97       30 000,10
  2013 Q2      40 000,49          4 000,45        36 000,04           70 000,46       34 000,55
  2013 Q3      30 000,01              0,00        30 000,01          100 000,47       34 000,55
Q1: A Personal 3 × 8 333,33, B Externa tjänster 3 × 1 666,66; actual V1 30 000,10.
Q2: see fixtures.py. Q3: A Personal 8 333,33 + 8 333,33 + 8 333,34, B Externa tjänster
3 × 1 666,67; no costs. Variance to date: −0,13, 35 999,91, 65 999,92.
The risk "Arbetsgivarna deltar inte" is 3 × 4 = 12 (high), then 4 × 4 = 16 (high, up), then
2 × 4 = 8 (medium, down); "Lokalerna räcker inte" is named only in Q2 (1 × 2 = 2, low).
The commuting indicator (baseline 5,10, target 7,50) was 5,40 on 2013-01-01 and 5,70 on
2013-06-30: Q1 shows 5,40 (+0,30), Q2 and Q3 5,70 (+0,60), none reaching the target.
"""

import datetime
import io
from decimal import Decimal

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

import lxml.html
import openpyxl
import pytest
from pypdf import PdfReader

from governance.common.money import format_sek
from governance.reports import content as report_content
from governance.reports import indicators, over_time, review, risk_matrix
from governance.reports import pdf as report_pdf
from governance.reports.models import StatusReport
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.common.test_admin_text import problems_in, visible_text
from tests.governance.reports.fixtures import RISK, add_register_data, build_report, submit_quarters

pytestmark = pytest.mark.django_db

D = Decimal
COSTS = [
    # budget_period, actual_period, variance_period, budget_to_date, actual_to_date, variance
    ("29999.97", "30000.10", "-0.13", "29999.97", "30000.10", "-0.13"),
    ("40000.49", "4000.45", "36000.04", "70000.46", "34000.55", "35999.91"),
    ("30000.01", "0.00", "30000.01", "100000.47", "34000.55", "65999.92"),
]


@pytest.fixture
def small(db):
    small = build_small_budget()
    add_register_data(small)
    return small


@pytest.fixture
def reports(small, project_leader):
    return submit_quarters(small, project_leader)


@pytest.fixture
def steering(steering_member):
    return steering_member


def table_rows(table):
    return [
        [" ".join(cell.text_content().split()) for cell in row.xpath("./th|./td")]
        for row in table.xpath("./tbody/tr")
    ]


def comparison_page(client, user, project):
    client.force_login(user)
    response = client.get(
        reverse("report_comparison:index") + f"?project={project.pk}", HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_comparison_page_shows_status_costs_risks_and_indicators_by_hand(
    client, small, reports, steering
):
    html = comparison_page(client, steering, small.project)
    root = lxml.html.fromstring(html)
    status, costs, risks, matrix, commuting = root.xpath(
        "//table[contains(@class, 'report-table')]"
    )[:5]
    assert table_rows(status) == [
        ["2013 kv 1 Lägesrapport 2013 kvartal 1", "● Grön", "● Grön", "● Grön"],
        ["2013 kv 2 Lägesrapport 2013 kvartal 2", "▲ Gul", "▲ Gul", "● Grön"],
        ["2013 kv 3 Lägesrapport 2013 kvartal 3", "● Grön", "■ Röd", "● Grön"],
    ]
    headings = [" ".join(th.text_content().split()) for th in status.xpath("./thead//th")]
    assert headings == ["Period", "Samlad status", "A. Arbetsgivare", "B. Styrkor"]
    cost_rows = table_rows(costs)
    for row, expected in zip(cost_rows, COSTS, strict=True):
        assert [cell.replace(" ⚠över budget", "") for cell in row[1:7]] == [
            " ".join(format_sek(D(amount)).split()) for amount in expected
        ]
    assert "över budget" in cost_rows[0][3] and "över budget" not in cost_rows[1][3]
    assert table_rows(risks) == [
        [RISK, "12 hög S 3 × K 4", "16 hög ▲steg S 4 × K 4", "8 medel ▼sjönk S 2 × K 4"],
        ["Lokalerna räcker inte", "–", "2 låg S 1 × K 2", "–"],
    ]
    assert table_rows(commuting) == [
        ["2013 kv 1", "1 jan 2013", "5,40 %", "+0,30", "nej"],
        ["2013 kv 2", "30 jun 2013", "5,70 %", "+0,60", "nej"],
        ["2013 kv 3", "30 jun 2013", "5,70 %", "+0,60", "nej"],
    ]
    # The chart draws the same three values; its coordinates are never localised.
    svg = root.xpath("//figure[@class='indicator-chart']/svg")[0]
    assert [t.text for t in svg.xpath(".//circle/following-sibling::text[1]")] == [
        "5,40",
        "5,70",
        "5,70",
    ]
    assert all("," not in c.get("cx") + c.get("cy") for c in svg.xpath(".//circle"))
    # The latest report's matrix.
    assert "Riskmatris i Lägesrapport 2013 kvartal 3" in html
    assert f"Medel (8) {RISK}" in [" ".join(td.text_content().split()) for td in matrix.iter("td")]
    assert not problems_in(visible_text(html))


def test_the_sheet_reads_back_the_figures_of_the_page(client, small, reports, steering):
    client.force_login(steering)
    response = client.get(reverse("report_comparison:xlsx") + f"?project={small.project.pk}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="jamforelse-over-tid-testprojektet.xlsx"'
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Status", "Kostnader", "Risker", "Indikatorer"]

    def data(sheet):
        rows = list(book[sheet].iter_rows(values_only=True))
        heading = next(i for i, row in enumerate(rows) if row[0] in ("Period", "Risk", "Indikator"))
        return rows[heading], rows[heading + 1 :]

    heading, status = data("Status")
    assert heading == ("Period", "Rapport", "Samlad status", "A. Arbetsgivare", "B. Styrkor")
    assert [row[2:] for row in status] == [
        ("Grön", "Grön", "Grön"),
        ("Gul", "Gul", "Grön"),
        ("Grön", "Röd", "Grön"),
    ]
    _heading, costs = data("Kostnader")
    assert [row[0] for row in costs] == ["2013 kv 1", "2013 kv 2", "2013 kv 3"]
    for row, expected in zip(costs, COSTS, strict=True):
        assert [round(D(str(value)), 2) for value in row[3:9]] == [D(v) for v in expected]
        assert book["Kostnader"].cell(row=costs.index(row) + 5, column=4).number_format == (
            '#,##0.00 "kr"'
        )
    _heading, risks = data("Risker")
    assert risks == [
        (RISK, "2013 kv 1", 3, 4, 12, "hög", "–"),
        (RISK, "2013 kv 2", 4, 4, 16, "hög", "upp"),
        (RISK, "2013 kv 3", 2, 4, 8, "medel", "ned"),
        ("Lokalerna räcker inte", "2013 kv 2", 1, 2, 2, "låg", "–"),
    ]
    _heading, values = data("Indikatorer")
    assert [
        (row[2], row[3].date(), round(D(str(row[4])), 2), round(D(str(row[7])), 2), row[8])
        for row in values
    ] == [
        ("2013 kv 1", datetime.date(2013, 1, 1), D("5.40"), D("0.30"), "nej"),
        ("2013 kv 2", datetime.date(2013, 6, 30), D("5.70"), D("0.60"), "nej"),
        ("2013 kv 3", datetime.date(2013, 6, 30), D("5.70"), D("0.60"), "nej"),
    ]
    assert {(row[5], row[6]) for row in values} == {(5.1, 7.5)}


def test_drafts_returned_and_final_reports_are_left_out(small, reports, steering):
    build_report(small, title="Utkast", period_start=datetime.date(2013, 10, 1))
    StatusReport.objects.filter(pk=reports[0].pk).update(state=StatusReport.State.RETURNED)
    final = review.create_final_report(small.project)
    review.submit(final, None, notify=False)
    columns = over_time.comparison(small.project)["columns"]
    assert [column.report.title for column in columns] == [
        "Lägesrapport 2013 kvartal 2",
        "Lägesrapport 2013 kvartal 3",
    ]


def twelve_reports(report):
    """Twelve approved reports, a month each, holding the same frozen content."""
    StatusReport.objects.bulk_create(
        StatusReport(
            project=report.project,
            title=f"Månadsrapport {month}",
            period_start=datetime.date(2014, month, 1),
            period_end=datetime.date(2014, month, 28),
            state=StatusReport.State.APPROVED,
            snapshot=report.snapshot,
        )
        for month in range(1, 13)
    )


def test_queries_do_not_grow_with_the_reports(
    client, small, reports, steering, django_assert_max_num_queries
):
    twelve_reports(reports[-1])
    assert StatusReport.objects.count() == 15
    client.force_login(steering)
    page = reverse("report_comparison:index") + f"?project={small.project.pk}"
    sheet = reverse("report_comparison:xlsx") + f"?project={small.project.pk}"
    client.get(page)  # the session and the user's profile are cached after the first
    with django_assert_max_num_queries(14):
        response = client.get(page)
    status = lxml.html.fromstring(response.content.decode()).xpath(
        "//section[@id='status']//table"
    )[0]
    assert len(table_rows(status)) == 15
    with django_assert_max_num_queries(8):
        assert client.get(sheet).status_code == 200


def test_only_those_who_may_see_reports_see_the_comparison(client, small, make_user):
    client.force_login(make_user(username="nobody", is_staff=True))
    assert client.get(reverse("report_comparison:index")).status_code in (302, 403)
    assert client.get(reverse("report_comparison:xlsx")).status_code in (302, 403)


def test_the_report_list_links_to_the_comparison(client, small, steering):
    client.force_login(steering)
    html = client.get(reverse("statusreport:index"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    root = lxml.html.fromstring(html)
    links = root.xpath(f"//a[@href='{reverse('report_comparison:index')}']")
    assert any("Jämförelse över tid" in link.text_content() for link in links)


# The risk matrix


def test_levels_follow_the_score():
    assert [risk_matrix.level(s) for s in (1, 4, 5, 9, 10, 25)] == [
        "lag",
        "lag",
        "medel",
        "medel",
        "hog",
        "hog",
    ]


def test_the_matrix_places_each_risk_by_likelihood_and_impact():
    matrix = risk_matrix.matrix(
        [
            {"title": "A", "likelihood": 3, "impact": 4},
            {"title": "B", "likelihood": 3, "impact": 4},
            {"title": "C", "likelihood": 5, "impact": 1},
        ]
    )
    assert [row.likelihood for row in matrix["rows"]] == [5, 4, 3, 2, 1]
    assert matrix["rows"][2].cells[3].risks == ["A", "B"]
    assert matrix["rows"][0].cells[0].risks == ["C"]
    assert sum(len(cell.risks) for row in matrix["rows"] for cell in row.cells) == 3


def test_the_report_page_and_pdf_show_the_matrix_and_the_indicator_table(
    client, small, reports, steering
):
    report = reports[1]  # 2013 Q2: the risk at 4 × 4, "Lokalerna" at 1 × 2
    client.force_login(steering)
    html = client.get(
        reverse("statusreport:inspect", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="sv"
    ).content.decode()
    root = lxml.html.fromstring(html)
    matrix = root.xpath("//table[contains(@class, 'risk-matrix')]")[0]
    caption = " ".join(matrix.xpath("./caption")[0].text_content().split())
    assert caption == "Riskmatris: 2 öppna risker efter sannolikhet och konsekvens"
    headings = [" ".join(th.text_content().split()) for th in matrix.xpath("./thead//th")]
    assert headings[0] == "Konsekvens 1 mycket liten" and headings[4] == "Konsekvens 5 mycket stor"
    cells = {
        row[0]: row[1:]
        for row in table_rows(matrix)  # "Sannolikhet 4 sannolik", then impact 1–5
    }
    assert list(cells) == [
        "Sannolikhet 5 mycket sannolik",
        "Sannolikhet 4 sannolik",
        "Sannolikhet 3 möjlig",
        "Sannolikhet 2 osannolik",
        "Sannolikhet 1 mycket osannolik",
    ]
    assert cells["Sannolikhet 4 sannolik"][3] == f"Hög (16) {RISK}"
    assert cells["Sannolikhet 1 mycket osannolik"][1] == "Låg (2) Lokalerna räcker inte"
    assert cells["Sannolikhet 3 möjlig"][3] == "Hög (12)"  # where the risk was before
    assert "Stängd risk" not in matrix.text_content()

    table = root.xpath("//table[contains(@class, 'indicator-table')]")[0]
    assert table_rows(table) == [
        ["1 jan 2013", "5,40 %", "+0,30", "nej", "SCB"],
        ["30 jun 2013", "5,70 %", "+0,60", "nej", "SCB"],
    ]
    assert root.xpath("//section[@id='indikatorer']//figure[@class='indicator-chart']/svg")

    with translation.override("sv"):
        pdf = PdfReader(io.BytesIO(report_pdf.render_pdf(report)))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Riskmatris: 2 öppna risker" in text and "Hög (16)" in text
    assert "Förändring från utgångsläget" in text and "+0,60" in text


def test_a_report_frozen_before_the_matrix_shows_its_top_risks(small, reports):
    report = reports[0]
    snapshot = dict(report.snapshot)
    del snapshot["open_risks"]
    StatusReport.objects.filter(pk=report.pk).update(snapshot=snapshot)
    report.refresh_from_db()
    context = report_content.render_context(report)
    assert context["risk_matrix"]["count"] == 1
    assert context["risk_matrix"]["rows"][2].cells[3].risks == [RISK]


def test_indicator_chart_steps_and_text():
    points = [indicators.Point("a", D("4.80")), indicators.Point("b", D("5.30"))]
    chart = indicators.chart(points, D("4.80"), D("7.50"), "%", "x")
    assert [tick["label"] for tick in chart["ticks"]] == ["4", "5", "6", "7", "8"]
    assert "," not in chart["line"].replace(" ", "").replace(",", "", 2)
    assert chart["line"].count(",") == 2
    assert indicators.chart([], None, None, "%", "x") is None
    rows = indicators.rows(points, D("4.80"), D("5.00"))
    assert [(row.change, row.achieved) for row in rows] == [(D("0.00"), False), (D("0.50"), True)]


def test_the_comparison_is_in_the_governance_menu(client, steering):
    client.force_login(steering)
    html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert reverse("report_comparison:index") in html


def eight_monthly_values():
    """An indicator measured at the end of each month, January to August 2013."""
    ends = [datetime.date(2013, month + 1, 1) - datetime.timedelta(days=1) for month in range(1, 9)]
    values = [
        D("5.10"),
        D("5.20"),
        D("5.40"),
        D("5.35"),
        D("5.60"),
        D("5.70"),
        D("6.10"),
        D("6.40"),
    ]
    return {
        "name": "Andel pendlare mellan kommunerna",
        "unit": "%",
        "baseline": D("5.10"),
        "target": D("7.50"),
        "values": [
            {"measured_on": day, "value": value, "source": "SCB"}
            for day, value in zip(ends, values, strict=True)
        ],
    }


def test_an_indicator_with_eight_values_labels_its_axis_without_overlap():
    """The x axis's dates are thinned to every second, counted back from the latest, so that
    no two touch (a label is taken as 0,64 font sizes a character wide: DejaVu Sans's
    digits); the table under the chart keeps all eight."""
    with translation.override("sv"):
        (indicator,) = indicators.report_indicators({"indicators": [eight_monthly_values()]})
        html = render_to_string(
            "governance/reports/indicator.html",
            {"indicator": indicator, "first_heading": "Mätdatum", "with_source": True},
        )
    root = lxml.html.fromstring(f"<div>{html}</div>")
    labels = root.xpath("//svg//text[@class='indicator-chart__x-label']")
    shown = [(float(label.get("x")), label.text) for label in labels]
    assert [text for _x, text in shown] == [
        "28 feb 2013",
        "30 apr 2013",
        "30 jun 2013",
        "31 aug 2013",
    ]
    font_size = float(labels[0].get("font-size"))

    def half_width(text):
        return len(text) * 0.64 * font_size / 2

    gaps = [
        (right_x - half_width(right)) - (left_x + half_width(left))
        for (left_x, left), (right_x, right) in zip(shown, shown[1:], strict=False)
    ]
    assert min(gaps) > 0
    # All eight would have overlapped: neighbouring points are closer than a label is wide.
    points = [float(circle.get("cx")) for circle in root.xpath("//svg//circle")]
    assert len(points) == 8 and points[1] - points[0] < 2 * half_width("31 jan 2013")
    # Inside the drawing, numbers with a point; every value is in the table.
    assert all("," not in label.get("x") for label in labels)
    table = root.xpath("//table[contains(@class, 'indicator-table')]")[0]
    assert [row[0] for row in table_rows(table)] == [
        "31 jan 2013", "28 feb 2013", "31 mar 2013", "30 apr 2013",
        "31 maj 2013", "30 jun 2013", "31 jul 2013", "31 aug 2013",
    ]  # fmt: skip


def test_few_values_label_every_point():
    points = [indicators.Point(f"{day} jan 2013", D("5")) for day in (1, 10, 20)]
    chart = indicators.chart(points, None, None, "%", "x")
    assert all(mark["show_label"] for mark in chart["marks"])
