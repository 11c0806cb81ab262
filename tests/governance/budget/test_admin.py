"""The budget admin as each role sees it: overview, versions, cost entries, import, exports."""

import datetime
import io
import re
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest
from openpyxl import Workbook, load_workbook

from governance.budget import services
from governance.budget.models import BudgetVersion, CostEntry, CostImportBatch
from tests.governance.budget.fixtures import add_entries, build_small_budget

NBSP = "\xa0"


@pytest.fixture
def small(db):
    return build_small_budget()


def text(response):
    return re.sub(r"[ \t\r\n]+", " ", response.content.decode())


def is_denied(response):
    """A forbidden governance admin page answers 403, not Wagtail's redirect to the
    dashboard."""
    return response.status_code == 403


def overview_url(small, **params):
    query = "&".join(f"{k}={v}" for k, v in {"project": small.project.pk, **params}.items())
    return reverse("budget:overview") + "?" + query


@pytest.mark.parametrize("role", ["project_leader", "steering_member", "project_group_member"])
def test_every_governance_role_sees_the_overview(small, client, role, request):
    client.force_login(request.getfixturevalue(role))
    response = client.get(overview_url(small))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"180{NBSP}000,75{NBSP}kr" in page  # budget total
    assert f"69{NBSP}000,60{NBSP}kr" in page  # actual total
    assert f"111{NBSP}000,15{NBSP}kr" in page  # variance
    assert "38,3" in page
    assert 'class="amount over-budget"' in page  # Externa tjänster is over budget
    assert page.count('role="img"') == 2 and "Diagrammet som tabell" in page
    # SVG coordinates stay numbers with a decimal point whatever the language.
    assert not re.search(r'(?:x|y|x1|x2|y1|y2|width)="-?\d+,\d', page)
    assert "<title>Budgetöversikt" in page


def test_a_guest_writer_does_not_see_the_budget(small, client, guest_writer):
    client.force_login(guest_writer)
    assert is_denied(client.get(overview_url(small)))
    assert is_denied(client.get(reverse("budget:export_costs")))


def test_the_steering_group_can_view_but_not_edit(small, client, steering_member):
    client.force_login(steering_member)
    assert client.get(reverse("cost_entry:index")).status_code == 200
    assert client.get(reverse("budget_version:inspect", args=[small.v1.pk])).status_code == 200
    for url in [
        reverse("budget_version:edit", args=[small.v2.pk]),
        reverse("budget_version:add"),
        reverse("cost_entry:add"),
    ]:
        assert is_denied(client.get(url)), url
    assert is_denied(client.get(reverse("budget:import")))
    assert is_denied(client.post(reverse("budget_version:new_draft", args=[small.v1.pk])))
    assert BudgetVersion.objects.count() == 2


def test_the_steering_group_approves_a_draft_which_becomes_the_current_budget(
    small, client, steering_member
):
    client.force_login(steering_member)
    url = reverse("budget_version:approve", args=[small.v2.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"approved_on": "2013-09-02", "approved_by": "Styrgruppen", "decision_reference": "2013:7"},
    )
    assert response.status_code == 302
    small.v2.refresh_from_db()
    assert small.v2.is_approved and small.v2.approved_on == datetime.date(2013, 9, 2)
    assert BudgetVersion.current_for(small.project) == small.v2
    page = text(client.get(overview_url(small)))
    assert f"120{NBSP}000,00{NBSP}kr" in page


def test_the_project_group_cannot_approve(small, client, project_group_member):
    client.force_login(project_group_member)
    response = client.post(
        reverse("budget_version:approve", args=[small.v2.pk]),
        {"approved_on": "2013-09-02", "approved_by": "x"},
    )
    assert is_denied(response)
    small.v2.refresh_from_db()
    assert not small.v2.is_approved


def test_an_approved_version_is_not_edited_but_copied_into_a_new_draft(
    small, client, project_leader
):
    client.force_login(project_leader)
    response = client.get(reverse("budget_version:edit", args=[small.v1.pk]))
    assert response.url == reverse("budget_version:inspect", args=[small.v1.pk])
    response = client.post(reverse("budget_version:new_draft", args=[small.v1.pk]))
    draft = BudgetVersion.objects.get(number=3)
    assert response.url == reverse("budget_version:edit", args=[draft.pk])
    assert draft.state == BudgetVersion.State.DRAFT
    assert sum(line.amount for line in draft.lines.all()) == Decimal("180000.75")
    assert client.get(response.url).status_code == 200


def test_the_overview_compares_a_chosen_version_and_period(small, client, project_leader):
    client.force_login(project_leader)
    page = text(client.get(overview_url(small, version=small.v2.pk)))
    assert f"120{NBSP}000,00{NBSP}kr" in page
    page = text(client.get(overview_url(small, start="2013-07-01", end="2013-12-31")))
    # July–December 2013 of A Personal and B Externa tjänster (governance/budget/figures.py).
    assert f"25{NBSP}000,00{NBSP}kr" in page and f"60{NBSP}000,04{NBSP}kr" in page


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url_name",
    ["budget:overview", "cost_entry:index", "budget:export_costs", "budget:export_overview"],
)
def test_pages_and_exports_make_a_bounded_number_of_queries(
    small, client, project_leader, url_name
):
    client.force_login(project_leader)
    url = reverse(url_name) + f"?project={small.project.pk}"
    queries_of(client, url)  # the first remembers the chosen project for the user
    few = queries_of(client, url)
    add_entries(small, 300)
    assert queries_of(client, url) == few


def test_the_cost_entry_list_shows_the_total_of_the_filtered_entries(small, client, project_leader):
    client.force_login(project_leader)
    page = text(client.get(reverse("cost_entry:index")))
    assert f"69{NBSP}000,60{NBSP}kr" in page
    page = text(client.get(reverse("cost_entry:index") + f"?work_area={small.area_a.pk}"))
    assert f"34{NBSP}000,55{NBSP}kr" in page
    url = reverse("cost_entry:index") + "?date_from=2013-04-01&date_to=2013-05-31"
    assert f"4{NBSP}000,45{NBSP}kr" in text(client.get(url))


def workbook_of(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def test_the_overview_export_reads_back_with_swedish_number_formats_and_totals(
    small, client, project_leader
):
    client.force_login(project_leader)
    workbook = workbook_of(client.get(reverse("budget:export_overview")))
    sheet = workbook["Arbetsområden"]
    rows = [row for row in sheet.iter_rows(values_only=True) if row and row[0]]
    heading = next(r for r in rows if r[0] == "Arbetsområde")
    assert list(heading) == [
        "Arbetsområde",
        "Budget",
        "Utfall",
        "Prognos",
        "Avvikelse",
        "Förbrukat",
        "Anmärkning",
    ]
    total = next(r for r in rows if r[0] == "Summa")
    assert [Decimal(str(v)).quantize(Decimal("0.01")) for v in total[1:5]] == [
        Decimal("180000.75"),
        Decimal("69000.60"),
        Decimal("175000.75"),
        Decimal("111000.15"),
    ]
    total_row = next(r for r in sheet.iter_rows() if r[0].value == "Summa")
    assert total_row[1].number_format == '#,##0.00 "kr"'
    assert total_row[5].number_format == "0.0 %" and round(total_row[5].value, 3) == 0.383
    financiers = {r[0]: r for r in workbook["Finansiärer"].iter_rows(values_only=True)}
    assert round(financiers["Örnsköldsviks kommun"][1], 2) == 72000.30
    assert round(financiers["Ej fördelat"][3], 2) == 25000.00
    months = list(workbook["Månader"].iter_rows(values_only=True))
    assert months[-1][0] == "Summa" and round(months[-1][2], 2) == 69000.60


def test_the_cost_entry_export_reads_back_with_all_rows_and_the_total(
    small, client, project_leader
):
    client.force_login(project_leader)
    add_entries(small, 40)
    workbook = workbook_of(client.get(reverse("budget:export_costs")))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Datum", "Verifikation", "Belopp")
    assert len(rows) == 1 + 45 + 1
    first = rows[1]
    assert first[0] == datetime.datetime(2013, 1, 1) and first[4] in ("A", "B")
    assert rows[-1][0] == "Summa" and rows[-1][1] == "45 poster"
    assert round(rows[-1][2], 2) == float(Decimal("69000.60") + 40 * Decimal("1.01"))
    assert sheet.cell(row=2, column=3).number_format == '#,##0.00 "kr"'
    filtered = workbook_of(
        client.get(reverse("budget:export_costs") + "?financier=" + str(small.umea.pk))
    )
    assert len(list(filtered.active.iter_rows())) == 1 + 1 + 14 + 1


def xlsx_upload(rows, name="kostnader.xlsx"):
    workbook = Workbook()
    workbook.active.append(["Datum", "Belopp", "Kostnadsslag", "Arbetsområde", "Verifikation"])
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def upload(client, small, file_obj):
    return client.post(
        reverse("budget:import"), {"step": "upload", "project": small.project.pk, "file": file_obj}
    )


def test_import_upload_preview_and_confirm(small, client, project_leader):
    client.force_login(project_leader)
    assert client.get(reverse("budget:import")).status_code == 200
    rows = [[datetime.datetime(2013, 8, 1), "1 500,00", "Resor", "A", "N1"]]
    rows.append([datetime.datetime(2013, 8, 2), -250, "Resor", "A", "N2"])
    response = upload(client, small, xlsx_upload(rows))
    page = text(response)
    assert "Filen har 2 rader: 2 nya kostnadsposter, totalt 1" in page
    assert CostEntry.objects.count() == 5  # nothing written by the preview
    form = response.context["mapping_form"]
    data = {
        "step": "confirm",
        "project": small.project.pk,
        "token": response.context["token"],
        "file_name": "kostnader.xlsx",
        **{name: form[name].value() or "" for name in form.fields},
    }
    response = client.post(reverse("budget:import"), data)
    batch = CostImportBatch.objects.get()
    assert response.url == reverse("cost_import:inspect", args=[batch.pk])
    assert (batch.row_count, batch.total_amount, batch.imported_by) == (
        2,
        Decimal("1250.00"),
        project_leader,
    )
    assert CostEntry.objects.count() == 7
    # The same file again: nothing is added and the user is told why.
    response = upload(client, small, xlsx_upload(rows))
    assert "2 rader var redan importerade" in text(response)
    data["token"] = response.context["token"]
    response = client.post(reverse("budget:import"), data, follow=True)
    assert "Inget importerades: alla 2 rader var redan importerade." in text(response)
    assert CostEntry.objects.count() == 7


def test_an_import_with_errors_shows_them_and_writes_nothing(small, client, project_leader):
    client.force_login(project_leader)
    rows = [[datetime.datetime(2013, 8, 1), "femtio", "Resor", "Z", "N1"]]
    response = upload(client, small, xlsx_upload(rows))
    page = text(response)
    assert "Filen har 2 fel. Inget importeras förrän de är rättade." in page
    assert "”femtio” är inte ett belopp." in page and "Okänt arbetsområde ”Z”." in page
    assert 'value="confirm"' not in page
    form = response.context["mapping_form"]
    data = {
        "step": "confirm",
        "project": small.project.pk,
        "token": response.context["token"],
        "file_name": "kostnader.xlsx",
        **{name: form[name].value() or "" for name in form.fields},
    }
    response = client.post(reverse("budget:import"), data)
    assert "Filen har fel. Ingenting importerades." in text(response)
    assert CostEntry.objects.count() == 5 and CostImportBatch.objects.count() == 0


def test_a_file_that_is_not_a_spreadsheet_gets_a_message_not_an_error_page(
    small, client, project_leader
):
    client.force_login(project_leader)
    picture = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)
    picture.name = "bild.png"
    response = upload(client, small, picture)
    assert response.status_code == 200
    assert "Filen är inte ett kalkylark." in text(response)
    empty = io.BytesIO(b"")
    empty.name = "tom.csv"
    response = upload(client, small, empty)
    assert response.status_code == 200
    assert CostEntry.objects.count() == 5


def test_an_import_is_undone_from_the_admin(small, client, project_leader):
    client.force_login(project_leader)
    rows = [[datetime.datetime(2013, 8, 1), 100, "Resor", "A", "N1"]]
    response = upload(client, small, xlsx_upload(rows))
    form = response.context["mapping_form"]
    client.post(
        reverse("budget:import"),
        {
            "step": "confirm",
            "project": small.project.pk,
            "token": response.context["token"],
            "file_name": "kostnader.xlsx",
            **{name: form[name].value() or "" for name in form.fields},
        },
    )
    batch = CostImportBatch.objects.get()
    assert client.get(reverse("cost_import:undo", args=[batch.pk])).status_code == 200
    response = client.post(reverse("cost_import:undo", args=[batch.pk]), follow=True)
    assert "1 kostnadsposter togs bort" in text(response)
    assert not CostEntry.objects.filter(voucher="N1").exists()
    batch.refresh_from_db()
    assert batch.undone_by == project_leader


def test_the_steering_group_cannot_undo_an_import(small, client, steering_member):
    batch = CostImportBatch.objects.create(project=small.project, file_name="x.xlsx")
    client.force_login(steering_member)
    assert is_denied(client.post(reverse("cost_import:undo", args=[batch.pk])))
    batch.refresh_from_db()
    assert batch.undone_at is None


def test_a_budget_version_exports_its_lines_and_total(small, client, steering_member):
    client.force_login(steering_member)
    page = text(client.get(reverse("budget_version:inspect", args=[small.v1.pk])))
    assert reverse("budget_version:export", args=[small.v1.pk]) in page
    workbook = workbook_of(client.get(reverse("budget_version:export", args=[small.v1.pk])))
    rows = list(workbook.active.iter_rows(values_only=True))
    heading = rows.index(
        ("Arbetsområde", "Aktivitet", "Kostnadsslag", "Finansiär", "År", "Kvartal", "Belopp")
    )
    lines = rows[heading + 1 : -1]
    assert len(lines) == 4
    assert lines[-3][:6] == ("A. Arbetsgivare", None, "Resor", "Örnsköldsviks kommun", 2013, 2)
    assert rows[-1][0] == "Summa" and round(rows[-1][6], 2) == 180000.75


def test_an_older_draft_cannot_be_approved_over_a_newer_budget_in_force(
    small, client, steering_member
):
    newer = services.new_draft_from(small.v1)
    services.approve_budget_version(
        newer, approved_on=datetime.date(2013, 6, 3), approved_by="Styrgruppen", reference="2013:4"
    )
    client.force_login(steering_member)
    response = client.post(
        reverse("budget_version:approve", args=[small.v2.pk]),
        {"approved_on": "2013-09-02", "approved_by": "Styrgruppen", "decision_reference": "2013:7"},
        follow=True,
    )
    assert "Budgetversion 2. Reviderad kan inte bli gällande budget" in text(response)
    small.v2.refresh_from_db()
    assert not small.v2.is_approved
    assert BudgetVersion.current_for(small.project) == newer
    entry = ModelLogEntry.objects.for_instance(newer).get(action=services.APPROVE)
    assert entry.data["reference"] == "2013:4"
