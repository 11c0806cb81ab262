"""The status report's PDF as a steering group sends it: the cover with the review history
and the approving decision, UTKAST on every page of a report not approved, no empty page,
every chart with its table, and no table wider than its page. Read back with pypdf; the
widths are measured on WeasyPrint's own layout of the same HTML."""

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from governance.common.pdf import PDF_VARIANT
from governance.reports import pdf as report_pdf
from governance.reports import review
from tests.governance.budget.factories import BudgetLineFactory, ForecastFactory
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.common.tagged_pdf import assert_tagged
from tests.governance.decisions.factories import DecisionFactory, MeetingFactory
from tests.governance.reports.fixtures import add_register_data, build_report

pytestmark = [pytest.mark.django_db, pytest.mark.any_database]

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(year, month, day, hour):
    return datetime.datetime(year, month, day, hour, tzinfo=STOCKHOLM)


@pytest.fixture
def small(db):
    small = build_small_budget()
    add_register_data(small)
    return small


@pytest.fixture
def submitted(small, project_leader):
    report = build_report(small)
    review.submit(report, project_leader, notify=False, at=at(2013, 7, 12, 9))
    report.refresh_from_db()
    return report


@pytest.fixture
def approved(submitted, small, steering_member):
    meeting = MeetingFactory(project=small.project, starts_at=at(2013, 8, 20, 13))
    decision = DecisionFactory(meeting=meeting, title="Lägesrapporten för kvartal 2 godkänns")
    review.approve(submitted, steering_member, decision=decision, at=at(2013, 8, 20, 15))
    submitted.refresh_from_db()
    return submitted


def pages_text(content):
    reader = PdfReader(io.BytesIO(content))
    return [page.extract_text().replace("\u00a0", " ") for page in reader.pages]


def test_an_approved_report_cover_pages_and_chart_tables(approved):
    content = report_pdf.render_pdf(approved)
    reader = PdfReader(io.BytesIO(content))
    pages = pages_text(content)

    # The cover: project, period, status, the review history and the approving decision.
    cover = " ".join(pages[0].split())
    assert approved.project.name in cover.replace("T e", "Te")  # pypdf splits a kerned pair
    assert "Lägesrapport 2013 kvartal 2" in cover
    assert "1 april 2013 – 30 juni 2013" in cover
    assert "Grön" in cover
    assert "Inlämnad 12 juli 2013" in cover
    assert "Godkänd 20 augusti 2013" in cover
    number = approved.approving_decision.number
    assert f"Beslut {number} den 20 augusti 2013: Lägesrapporten för kvartal 2 godkänns" in cover

    # Approved: no UTKAST mark, and no page without text of its own.
    header = f"{approved.project.short_name} · {approved.title}"
    for page_number, text in enumerate(pages, start=1):
        assert "UTKAST" not in text
        body = text.replace(header, "").replace(f"Sida {page_number} av {len(pages)}", "")
        assert len(body.strip()) > 40, f"page {page_number} is empty: {text!r}"

    # The budget section on landscape pages, the rest portrait.
    landscape = [page.mediabox.width > page.mediabox.height for page in reader.pages]
    budget_pages = [i for i, text in enumerate(pages) if text.startswith("Budget och utfall")]
    assert budget_pages and all(landscape[i] for i in budget_pages)
    assert not landscape[0] and not landscape[-1]

    # Every chart has its table, with the chart's figures. The small budget's months by hand
    # (tests/governance/budget/fixtures.py): budget per month: A Personal 100 000,00 over
    # 2013 = 8 333,33 a month (the 4 öre left over on September–December), A Resor
    # 10 000,50 over Q2 = 3 333,50 a month, B Externa tjänster 20 000,00 over 2013 =
    # 1 666,66 January–April, 1 666,67 from May. Actual: 30 000,10 in March, 4 500,45 in
    # April, −500,00 in May.
    text = "\n".join(pages)
    months = [
        ("januari 2013", "0,00", "9 999,99", "0,00", "9 999,99"),
        ("februari 2013", "0,00", "9 999,99", "0,00", "19 999,98"),
        ("mars 2013", "30 000,10", "9 999,99", "30 000,10", "29 999,97"),
        ("april 2013", "4 500,45", "13 333,49", "34 500,55", "43 333,46"),
        ("maj 2013", "−500,00", "13 333,50", "34 000,55", "56 666,96"),
        ("juni 2013", "0,00", "13 333,50", "34 000,55", "70 000,46"),
    ]
    assert "Diagrammet som tabell: Utfall och budget per månad, och ackumulerat" in text
    for month, *amounts in months:
        row = month + " " + " ".join(f"{amount} kr" for amount in amounts)
        assert row in text, row
    # The bar chart's table: budget, actual to date and forecast per work area.
    assert "A 110 000,50 kr 34 000,55 kr 105 000,50 kr" in text
    assert "B 70 000,25 kr 0,00 kr 70 000,25 kr" in text
    assert_tagged(content, title="Lägesrapport 2013 kvartal 2")


def test_a_report_not_approved_is_marked_utkast_on_every_page(small, submitted):
    draft = build_report(small, title="Lägesrapport 2013 kvartal 3")
    for report in (draft, submitted):
        pages = pages_text(report_pdf.render_pdf(report))
        assert len(pages) >= 5
        assert all("UTKAST" in text for text in pages), report.state
        if report == submitted:
            cover = " ".join(pages[0].split())
            assert "Inlämnad 12 juli 2013" in cover and "Godkänd –" in cover
            assert "Godkänd genom beslut" not in cover


def text_overflow(document):
    """The text boxes that reach past the right edge of their page's content area, in
    WeasyPrint's layout: what a reader would see cut off."""
    from weasyprint.formatting_structure import boxes

    overflowing = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width

        def walk(box, number=number, right=right):
            if isinstance(box, boxes.MarginBox):
                return  # the header and the page number live in the margin
            if isinstance(box, boxes.TextBox) and box.position_x + box.width > right + 0.5:
                overflowing.append((number, box.text))
            for child in getattr(box, "children", []):
                walk(child)

        walk(page_box)
    return overflowing


def test_wide_budget_tables_fit_their_page(small, project_leader):
    """Amounts in the millions in every column of the budget tables (the forecast column was
    cut off at the right edge of the demo's page 4): the budget section is landscape."""
    BudgetLineFactory(
        version=small.v1,
        work_area=small.area_b,
        category=small.category["Externa tjänster"],
        financier=small.umea,
        year=2013,
        quarter=None,
        amount=Decimal("12345678.90"),
    )
    ForecastFactory(
        project=small.project,
        work_area=small.area_a,
        category=small.category["Resor"],
        expected_total=Decimal("23456789.01"),
        made_on=datetime.date(2013, 6, 1),
    )
    from weasyprint import HTML

    report = build_report(small)
    document = HTML(string=report_pdf.render_html(report)).render()
    assert text_overflow(document) == []
    text = "\n".join(pages_text(document.write_pdf(pdf_variant=PDF_VARIANT)))
    assert "35 967 468,16 kr" in text  # the forecast column's total
