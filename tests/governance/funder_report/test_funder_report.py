"""The report to the funder: its figures by hand to the öre (fixtures.py), the .xlsx read back
with openpyxl, the PDF with pypdf, the .docx with python-docx, the public rule for
decisions, bounded queries, and the admin views with their permissions."""

import datetime
import io
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.users.models import UserProfile

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from governance.budget import figures as budget_figures
from governance.budget.models import CostEntry
from governance.funder_report import document, exports, figures
from governance.funder_report.models import FunderCostMapping, FunderCostType
from governance.reports import review
from tests.governance.budget.fixtures import add_entries, build_small_budget
from tests.governance.common.tagged_pdf import assert_tagged
from tests.governance.decisions.factories import DecisionFactory, MeetingFactory
from tests.governance.decisions.fixtures import approve_minutes
from tests.governance.funder_report.fixtures import (
    PERIOD_VOUCHERS,
    add_funder_setup,
    add_period_ledger,
)
from tests.governance.reports.fixtures import Q2_END, Q2_START, add_register_data, build_report

pytestmark = pytest.mark.django_db

D = Decimal
HEADINGS = [
    "Allmänna uppgifter",
    "Arbetssätt och organisation",
    "Genomförda aktiviteter",
    "Resultat i förhållande till mål",
    "Indikatorvärden",
    "Avvikelser och oförutsedda effekter",
    "Kostnader per kostnadsslag",
    "Intäkter",
    "Faktiskt inbetald medfinansiering",
    "Verifikationslista",
]


def at(year, month, day):
    return datetime.datetime(year, month, day, 13, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def small(db):
    small = build_small_budget()
    add_register_data(small)
    add_funder_setup(small)
    add_period_ledger(small)
    return small


def add_decisions(project):
    """In the period: 2013:01 public and 2013:02 confidential in approved minutes, 2013:03 in
    minutes not yet approved."""
    may = MeetingFactory(project=project, starts_at=at(2013, 5, 14))
    DecisionFactory(meeting=may, title="Arbetsgivarträffarna utökas")
    DecisionFactory(meeting=may, title="Förhandling om lokalhyran", is_confidential=True)
    approve_minutes(may)
    june = MeetingFactory(project=project, starts_at=at(2013, 6, 11))
    DecisionFactory(meeting=june, title="Nytt mötesschema")


@pytest.fixture
def report(small, project_leader):
    add_decisions(small.project)
    report = build_report(small)
    review.submit(report, project_leader)
    report.refresh_from_db()
    return report


def flat(text):
    return " ".join(text.replace("\u00a0", " ").split())


def test_costs_per_funder_cost_type_by_hand_to_the_ore(report):
    costs = figures.build(report).costs
    rows = {row.name: row for row in costs.rows}
    assert list(rows) == [
        "Personal",
        "Externa tjänster",
        "Resor och logi",
        "Lokaler",
        "Investeringar",
        "Ej mappat till något av finansiärens kostnadsslag",
    ]
    assert {name: row.amounts.period for name, row in rows.items()} == {
        "Personal": D("13345.50"),
        "Externa tjänster": D("8000.00"),
        "Resor och logi": D("4000.45"),
        "Lokaler": D("2500.50"),
        "Investeringar": D("999.99"),
        "Ej mappat till något av finansiärens kostnadsslag": D("100.00"),
    }
    assert rows["Ej mappat till något av finansiärens kostnadsslag"].categories == ["Övrigt"]
    assert costs.direct.period == D("28946.44")
    assert costs.flat_rate_basis.period == D("13345.50")
    assert costs.flat_rate.period == D("2001.83")  # 2 001,825 half an öre up
    assert costs.total.period == D("30948.27")
    assert costs.income.period == D("3000.00")
    assert costs.ledger.period == D("25946.44")
    assert costs.net.period == D("27948.27")
    # To date: V1 (March) joins Personal; P 20 (July) is in neither column.
    assert rows["Personal"].amounts.to_date == D("43345.60")
    assert costs.flat_rate.to_date == D("6501.84")
    assert costs.direct.to_date == D("58946.54")
    assert costs.total.to_date == D("65448.38")
    # The budget is the frozen report's: Personal 150 000,25 × 15 % = 22 500,0375.
    assert rows["Personal"].amounts.budget == D("150000.25")
    assert costs.flat_rate.budget == D("22500.04")
    # The ledger's own total for the period, summed by the budget follow-up.
    assert costs.ledger.period == budget_figures.actual_total(report.project, Q2_START, Q2_END)
    assert all(isinstance(value, Decimal) for value in vars(costs.total).values())


def test_the_flat_rate_and_the_mapping_are_data_of_the_project(report, small):
    settings = report.project.funder_report_settings
    settings.flat_rate_percent = D("0")
    settings.save()
    personal = FunderCostType.objects.get(project=report.project, name="Personal")
    FunderCostMapping.objects.create(cost_type=personal, category=small.category["Övrigt"])
    costs = figures.build(report).costs
    assert costs.flat_rate.period == D("0.00")
    assert [row.name for row in costs.rows][-1] == "Investeringar"  # nothing unmapped
    assert costs.rows[0].amounts.period == D("13445.50")
    assert costs.total.period == costs.direct.period == D("28946.44")


def test_a_draft_has_no_funders_report(small):
    draft = build_report(small)
    with pytest.raises(ValueError):
        figures.build(draft)


def read_xlsx(report):
    return openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(figures.build(report))))


def table(sheet):
    """The rows below the heading row (the first row whose first cell is a heading)."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] in ("Kostnadsslag", "Verifikation"))
    return rows[start], rows[start + 1 :]


def test_workbook_cost_table_equals_the_ledger_and_lists_every_voucher_once(report):
    book = read_xlsx(report)
    assert book.sheetnames[0] == "Kostnader per kostnadsslag"
    assert "Verifikationslista" in book.sheetnames
    headings, rows = table(book["Kostnader per kostnadsslag"])
    assert list(headings) == [
        "Kostnadsslag",
        "Projektets kostnadsslag",
        "Budget",
        "Under perioden",
        "Ackumulerat",
    ]
    by_name = {row[0].replace("\u00a0", " "): row for row in rows}
    cost_rows = rows[: rows.index(by_name["Summa direkta kostnader"])]
    ledger = budget_figures.actual_total(report.project, Q2_START, Q2_END)
    income = by_name["Intäkt: Intäkter"][3]
    assert sum(D(str(row[3])) for row in cost_rows) - D(str(income)) == ledger
    assert D(str(by_name["Summa direkta kostnader"][3])) == D("28946.44")
    flat_rate = by_name["Schablon för indirekta kostnader, 15 % av Personal"]
    assert D(str(flat_rate[3])) == D("2001.83") and D(str(flat_rate[4])) == D("6501.84")
    assert D(str(by_name["Summa kostnader"][3])) == D("30948.27")
    assert D(str(by_name["Kostnader minus intäkter"][3])) == D("27948.27")
    assert book["Kostnader per kostnadsslag"]["D7"].number_format == '#,##0.00 "kr"'

    headings, rows = table(book["Verifikationslista"])
    assert headings[0] == "Verifikation" and headings[-1] == "Belopp"
    vouchers, total_row = rows[:-1], rows[-1]
    listed = [row[0] for row in vouchers]
    assert sorted(listed) == sorted(PERIOD_VOUCHERS)  # every voucher of the period once
    assert len(listed) == len(set(listed))
    assert "P 10/1" in listed and "P 10/2" in listed  # one voucher's two cost rows
    assert sum(D(str(row[7])) for row in vouchers) == ledger == D("25946.44")
    assert D(str(total_row[7])) == ledger
    personal = next(row for row in vouchers if row[0] == "P 10/1")
    assert personal[1] == datetime.datetime(2013, 4, 10)
    assert personal[3:5] == ("Personal", "Personal")
    assert next(row for row in vouchers if row[0] == "O 14")[4] == "Ej mappat"


def test_pdf_has_every_heading_is_tagged_and_leaves_out_withheld_decisions(report):
    funder_report = figures.build(report)
    content = exports.pdf_bytes(funder_report)
    assert_tagged(content, title=funder_report.title)
    text = flat("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))
    for number, heading in enumerate(HEADINGS, start=1):
        assert f"{number}. {heading}" in text
    assert "Tillväxtverket" in text and "20201234" in text
    assert "2 001,83 kr" in text and "30 948,27 kr" in text
    assert "Schablon för indirekta kostnader, 15 % av Personal" in text
    assert "2013:01 Arbetsgivarträffarna utökas" in text
    assert "lokalhyran" not in text and "2013:02" not in text  # confidential
    assert "Nytt mötesschema" not in text  # minutes not yet approved
    assert "9 kostnadsrader på sammanlagt 25 946,44 kr" in text


def test_docx_has_every_heading_the_same_figures_and_no_withheld_decision(report):
    word = docx.Document(io.BytesIO(exports.docx_bytes(figures.build(report))))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == HEADINGS
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert "2\u00a0001,83\u00a0kr" in cells and "30\u00a0948,27\u00a0kr" in cells
    text = "\n".join(p.text for p in word.paragraphs) + "\n".join(cells)
    assert "Projektet leds av två projektledare." in text
    assert "2013:01 Arbetsgivarträffarna utökas" in text
    assert "lokalhyran" not in text and "Nytt mötesschema" not in text
    assert word.core_properties.title == figures.build(report).title


def test_a_later_change_to_the_report_data_does_not_change_the_text(report, small):
    before = document.document(figures.build(report))
    small.area_a.goal = "Ett nytt mål skrivet efter inlämningen"
    small.area_a.save()
    after = document.document(figures.build(report))
    assert before == after


def test_queries_are_bounded_however_many_entries(report, small):
    def count():
        with CaptureQueriesContext(connection) as queries:
            funder_report = figures.build(report)
            exports.xlsx_bytes(funder_report)
            exports.docx_bytes(funder_report)
        return len(queries)

    count()  # the first call also reads what the process caches
    few = count()
    add_entries(small, 300)
    CostEntry.objects.filter(voucher__startswith="X").update(date=datetime.date(2013, 5, 2))
    from governance.budget import cost_totals

    cost_totals.rebuild(small.project)
    assert count() == few
    # 13 for the report itself (three of them the voucher list's few names), and 2 × 7 for
    # co-financing in the period and to date (governance/cofinancing/figures.cofinancing(),
    # with the version given).
    assert few <= 27


# The admin


def test_links_on_a_submitted_report_and_the_three_files(client, steering_member, report):
    client.force_login(steering_member)
    page = client.get(reverse("statusreport:inspect", args=[report.pk])).content.decode()
    for name in ("pdf", "docx", "xlsx"):
        url = reverse(f"funder_report:{name}", args=[report.pk])
        assert f'href="{url}"' in page
        response = client.get(url)
        assert response.status_code == 200, name
    pdf = client.get(reverse("funder_report:pdf", args=[report.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert "lagesrapport-2013-kvartal-2-finansiar.pdf" in pdf["Content-Disposition"]
    word = client.get(reverse("funder_report:docx", args=[report.pk]))
    assert word["Content-Type"] == exports.DOCX_CONTENT_TYPE


def test_in_swedish_whatever_the_editors_language(client, steering_member, report):
    profile = UserProfile.get_for_user(steering_member)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(steering_member)
    response = client.get(reverse("funder_report:docx", args=[report.pk]))
    word = docx.Document(io.BytesIO(response.content))
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"] == HEADINGS


def test_a_draft_answers_403_with_the_reason(client, steering_member, small):
    draft = build_report(small)
    client.force_login(steering_member)
    page = client.get(reverse("statusreport:inspect", args=[draft.pk])).content.decode()
    assert reverse("funder_report:pdf", args=[draft.pk]) not in page
    response = client.get(reverse("funder_report:xlsx", args=[draft.pk]))
    assert response.status_code == 403
    assert "inlämnad eller godkänd lägesrapport" in response.content.decode()


def test_a_user_without_the_governance_roles_gets_403(client, guest_writer, report):
    client.force_login(guest_writer)
    assert client.get(reverse("funder_report:pdf", args=[report.pk])).status_code == 403
    assert client.get(reverse("funder_report:index")).status_code == 403
    assert client.get(reverse("fundercosttype:index")).status_code == 403


def test_project_leader_edits_the_mapping_and_a_category_belongs_to_one_type(
    client, project_leader, report, small
):
    client.force_login(project_leader)
    index = client.get(reverse("fundercosttype:index")).content.decode()
    assert "Externa tjänster" in index and "Resor och logi" in index
    travel = FunderCostType.objects.get(project=small.project, name="Resor och logi")
    url = reverse("fundercosttype:edit", args=[travel.pk])
    assert client.get(url).status_code == 200
    data = {
        "project": small.project.pk,
        "name": "Resor och logi",
        "kind": "kostnad",
        "sort_order": 2,
        "mappings-TOTAL_FORMS": 2,
        "mappings-INITIAL_FORMS": 1,
        "mappings-MIN_NUM_FORMS": 0,
        "mappings-MAX_NUM_FORMS": 1000,
        "mappings-0-id": travel.mappings.get().pk,
        "mappings-0-category": small.category["Resor"].pk,
        "mappings-0-ORDER": 1,
        "mappings-0-DELETE": "",
        "mappings-1-id": "",
        "mappings-1-category": small.category["Personal"].pk,  # already Personal's
        "mappings-1-ORDER": 2,
        "mappings-1-DELETE": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "hör redan till ett annat av finansiärens kostnadsslag" in response.content.decode()
    data["mappings-1-category"] = small.category["Övrigt"].pk
    response = client.post(url, data)
    assert response.status_code == 302
    assert sorted(m.category.name for m in travel.mappings.all()) == ["Resor", "Övrigt"]
    rows = {row.name: row for row in figures.build(report).costs.rows}
    assert rows["Resor och logi"].amounts.period == D("4100.45")


def test_steering_member_reads_the_settings_but_cannot_change_them(client, steering_member, report):
    client.force_login(steering_member)
    settings = report.project.funder_report_settings
    assert client.get(reverse("funder_report:index")).status_code == 200
    assert client.get(reverse("funder_report:inspect", args=[settings.pk])).status_code == 200
    assert client.get(reverse("funder_report:edit", args=[settings.pk])).status_code == 403


def test_settings_list_shows_the_flat_rate_in_swedish(client, project_leader, report):
    client.force_login(project_leader)
    page = client.get(reverse("funder_report:index")).content.decode()
    assert "Tillväxtverket" in page
    assert re.search(r"15,00", page)


def test_a_long_voucher_list_is_written_by_the_worker(
    client, steering_member, report, settings, tmp_path
):
    from background.models import ExportJob

    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_BACKGROUND_ROWS = 5  # the period has 9 vouchers
    client.force_login(steering_member)
    response = client.get(reverse("funder_report:xlsx", args=[report.pk]))
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/exporter/{job.pk}/"
    assert (job.status, job.processed, job.total) == ("done", 9, 9)
    download = client.get(f"/admin/exporter/{job.pk}/fil/")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    _headings, rows = table(book["Verifikationslista"])
    assert sorted(row[0] for row in rows[:-1]) == sorted(PERIOD_VOUCHERS)
    assert book.sheetnames[0] == "Kostnader per kostnadsslag"  # in Swedish from the worker
