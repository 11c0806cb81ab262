"""The final report: the whole project period, outcomes per work area, indicator results
and lessons learned, on the page, in the .xlsx and in the PDF."""

import io
from decimal import Decimal

import openpyxl
import pytest
from pypdf import PdfReader

from governance.reports import content as report_content
from governance.reports import excel as report_excel
from governance.reports import pdf as report_pdf
from governance.reports import review
from governance.reports.models import StatusReport
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.reports.fixtures import add_register_data

pytestmark = pytest.mark.django_db


def test_final_report_covers_the_whole_period_with_outcomes_and_lessons(project_leader):
    small = build_small_budget()
    add_register_data(small)
    report = review.create_final_report(
        small.project, lessons_learned="Träffar på arbetsplatserna fungerade bäst."
    )
    report.work_area_statuses.filter(work_area__code="A").update(
        outcome="Arbetsgivarträffar: tolv med 300 deltagare."
    )
    review.submit(report, project_leader)
    report.refresh_from_db()
    assert report.kind == StatusReport.Kind.FINAL
    assert report.title == "Slutrapport Test"
    content = report_content.content(report)
    # All five cost entries of the fixture, 2013-03-15 … 2014-01-15.
    assert content["budget"]["total"]["actual_to_date"] == Decimal("69000.60")
    assert content["budget"]["total"]["budget_to_date"] == Decimal("180000.75")
    (indicator,) = content["indicators"]
    assert indicator["latest"] == Decimal("6.00") and indicator["achieved"] is False
    assert content["work_areas"][0]["outcome"] == "Arbetsgivarträffar: tolv med 300 deltagare."

    pdf = report_pdf.render_pdf(report)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.replace("\u00a0", " ").split())
    assert "Slutrapport Test" in text
    assert "1 januari 2013 – 31 december 2014" in text
    assert "Arbetsgivarträffar: tolv med 300 deltagare." in text
    assert "Indikatorernas resultat" in text and "målet inte nått" in text
    assert "Lärdomar" in text and "Träffar på arbetsplatserna fungerade bäst." in text
    assert "69 000,60 kr" in text

    book = openpyxl.load_workbook(io.BytesIO(report_excel.workbook_bytes(report)))
    values = [row[1] for row in book["Sammanfattning"].iter_rows(values_only=True)]
    assert "Träffar på arbetsplatserna fungerade bäst." in values
    assert "Arbetsgivarträffar: tolv med 300 deltagare." in values
