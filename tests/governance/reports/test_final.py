"""The final report: the whole project period, outcomes per work area, indicator results
and lessons learned, on the page, in the .xlsx and in the PDF."""

import io
import re
from decimal import Decimal

from django.urls import reverse

import openpyxl
import pytest
from pypdf import PdfReader

from governance.decisions.models import Meeting
from governance.reports import content as report_content
from governance.reports import excel as report_excel
from governance.reports import pdf as report_pdf
from governance.reports import review
from governance.reports.models import StatusReport
from tests.governance.budget.fixtures import build_small_budget
from tests.governance.decisions.factories import DecisionFactory, MeetingFactory
from tests.governance.decisions.fixtures import approve_minutes, at
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


def withheld_decisions(project):
    """2013:01 public and 2013:02 confidential in approved minutes; 2014:01 in minutes that
    are not approved yet."""
    spring = MeetingFactory(project=project, starts_at=at(2013, 3, 14))
    DecisionFactory(meeting=spring, title="Budget för 2013 fastställs")
    DecisionFactory(meeting=spring, title="Förhandling om lokaler", is_confidential=True)
    approve_minutes(spring)
    autumn = MeetingFactory(project=project, starts_at=at(2014, 1, 20))
    DecisionFactory(meeting=autumn, title="Projektet förlängs")


def flat(text):
    return " ".join(text.replace("\u00a0", " ").split())


def test_the_final_report_marks_withheld_decisions_and_its_publication_version_leaves_them_out(
    client, steering_member
):
    small = build_small_budget()
    withheld_decisions(small.project)
    report = review.create_final_report(small.project)
    client.force_login(steering_member)

    page = flat(client.get(reverse("statusreport:inspect", args=[report.pk])).content.decode())
    assert "2013:01 Budget för 2013 fastställs" in page.replace("</strong>", "")
    assert "Förhandling om lokaler (14 mars 2013) – SEKRETESS" in re.sub(r"<[^>]+>", "", page)
    assert "Projektet förlängs (20 januari 2014) – protokollet ej justerat" in re.sub(
        r"<[^>]+>", "", page
    )

    def pdf_text(name):
        response = client.get(reverse(f"statusreport:{name}", args=[report.pk]))
        assert response["Content-Type"] == "application/pdf"
        return flat(
            "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        )

    internal = pdf_text("pdf")
    assert "2013:02 Förhandling om lokaler" in internal and "SEKRETESS" in internal
    assert "2014:01 Projektet förlängs" in internal and "protokollet ej justerat" in internal
    published = pdf_text("publication_pdf")
    assert "Version för publicering" in published and "2013:01 Budget för 2013" in published
    assert "2013:02" not in published and "Förhandling om lokaler" not in published
    assert "2014:01" not in published and "Projektet förlängs" not in published

    def decision_rows(name):
        response = client.get(reverse(f"statusreport:{name}", args=[report.pk]))
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return list(book["Beslut"].iter_rows(min_row=2, values_only=True))

    internal_rows = {row[0]: row for row in decision_rows("xlsx")}
    assert internal_rows["2013:01"][5] == "Får publiceras"
    assert internal_rows["2013:02"][5] == "Får inte publiceras (sekretess)"
    assert internal_rows["2014:01"][5] == "Får inte publiceras (protokollet ej justerat)"
    assert [row[0] for row in decision_rows("publication_xlsx")] == ["2013:01"]


def test_a_submitted_report_keeps_what_was_withheld_at_submission(project_leader):
    small = build_small_budget()
    withheld_decisions(small.project)
    report = review.create_final_report(small.project)
    review.submit(report, project_leader)
    report.refresh_from_db()
    # The minutes of 2014:01 are approved after the report was frozen.
    approve_minutes(Meeting.objects.get(starts_at=at(2014, 1, 20)))

    published = report_content.for_publication(report_content.content(report))
    assert [d["number"] for d in published["decisions"]] == ["2013:01"]
    book = openpyxl.load_workbook(io.BytesIO(report_excel.workbook_bytes(report, True)))
    assert [row[0] for row in book["Beslut"].iter_rows(min_row=2, values_only=True)] == ["2013:01"]
