"""The activity plan in and out of Excel: real .xlsx files written and read with openpyxl,
the import's validation and preview, and the admin pages with the roles' permissions."""

import datetime
import io
import zipfile
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import ModelLogEntry

import pytest
from openpyxl import Workbook, load_workbook

from core.roles import PROJECT_LEADER
from governance.common.spreadsheets import XLSX_CONTENT_TYPE
from governance.register.activity_plan import export_activity_plan, import_activity_plan
from governance.register.models import Activity, Organisation, Person, Project, WorkArea

pytestmark = pytest.mark.django_db

HEADERS = [
    "Arbetsområde",
    "Kod",
    "Aktivitet",
    "Beskrivning",
    "Ansvarig organisation",
    "Ansvariga personer",
    "Planerad start",
    "Planerat slut",
    "Faktisk start",
    "Faktiskt slut",
    "Status",
    "Framsteg (%)",
    "Publik",
]
INDEX_URL = "/admin/styrning/aktiviteter/"
EXPORT_URL = INDEX_URL + "excel/export/"
IMPORT_URL = INDEX_URL + "excel/import/"
XLSX = XLSX_CONTENT_TYPE


@pytest.fixture
def project():
    project = Project.objects.create(
        name="Arbetsmarknadsregion Örnsköldsvik–Umeå",
        short_name="Ö–U",
        slug="ornskoldsvik-umea",
        start_date=datetime.date(2012, 10, 1),
        end_date=datetime.date(2014, 9, 30),
    )
    WorkArea.objects.create(project=project, code="A", title="Kartläggning", sort_order=0)
    WorkArea.objects.create(project=project, code="B", title="Pendling", sort_order=1)
    return project


@pytest.fixture
def register():
    umea = Organisation.objects.create(name="Umeå kommun", kind="kommun")
    ovik = Organisation.objects.create(name="Örnsköldsviks kommun", kind="kommun")
    Person.objects.create(name="Anna Berg", organisation=umea)
    Person.objects.create(name="Erik Lund", organisation=ovik)
    return {"umea": umea, "ovik": ovik}


def activity_row(work_area="A", code="A.1", title="Kartlägg pendlingen", **overrides):
    row = {
        "Arbetsområde": work_area,
        "Kod": code,
        "Aktivitet": title,
        "Beskrivning": "Exempeldata.",
        "Ansvarig organisation": "Umeå kommun",
        "Ansvariga personer": "Anna Berg; Erik Lund",
        "Planerad start": datetime.date(2013, 1, 15),
        "Planerat slut": datetime.date(2013, 4, 30),
        "Faktisk start": None,
        "Faktiskt slut": None,
        "Status": "planerad",
        "Framsteg (%)": 0,
        "Publik": "Ja",
    }
    row.update(overrides)
    return row


def xlsx(rows, headers=HEADERS):
    """A real workbook as a user would save it from Excel."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    return output


def make_activities(project, count):
    work_areas = list(project.work_areas.all())
    people = list(Person.objects.all())
    for number in range(count):
        activity = Activity(
            work_area=work_areas[number % len(work_areas)],
            code=f"{work_areas[number % len(work_areas)].code}.{number}",
            title=f"Aktivitet {number}",
            responsible_organisation=Organisation.objects.first(),
            planned_start=datetime.date(2013, 1, 1),
            planned_end=datetime.date(2013, 6, 30),
        )
        activity.responsible_people = people
        activity.save()


def read_back(content):
    workbook = load_workbook(io.BytesIO(content))
    return workbook.worksheets[0]


# Export ---------------------------------------------------------------------------------


def test_export_reads_back_with_swedish_headers_real_dates_frozen_header_and_filter(
    project, register
):
    make_activities(project, 3)
    activity = Activity.objects.get(code="A.0")
    activity.actual_start = datetime.date(2013, 1, 20)
    activity.status = Activity.Status.IN_PROGRESS
    activity.progress = 40
    activity.is_public = False
    activity.save()

    sheet = read_back(export_activity_plan(project))

    assert [cell.value for cell in sheet[1]] == HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:M4"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["B"].width
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"A.0", "B.1", "A.2"}
    first = rows["A.0"]
    assert first[0] == "A. Kartläggning"
    assert first[4] == "Umeå kommun"
    assert first[5] == "Anna Berg; Erik Lund"
    assert first[6] == datetime.datetime(2013, 1, 1)  # a real date, not text
    assert first[8] == datetime.datetime(2013, 1, 20)
    assert first[9] is None
    assert first[10:] == ("pågår", 40, "Nej")
    date_cell = sheet.cell(row=2, column=7)
    assert date_cell.is_date and date_cell.number_format == "yyyy-mm-dd"


def test_export_makes_the_same_number_of_queries_for_10_and_200_activities(project, register):
    make_activities(project, 10)
    with CaptureQueriesContext(connection) as small:
        export_activity_plan(project)
    make_activities_from = Activity.objects.count()
    assert make_activities_from == 10
    Activity.objects.all().delete()
    make_activities(project, 200)
    with CaptureQueriesContext(connection) as large:
        content = export_activity_plan(project)
    assert len(large) == len(small) <= 4
    assert read_back(content).max_row == 201


# Import ---------------------------------------------------------------------------------


def test_importing_a_valid_file_creates_the_activities_and_logs_them(
    project, register, project_leader
):
    rows = [
        activity_row(),
        activity_row(
            "B. Pendling",
            "B.1",
            "Pendlingsstudie",
            **{
                "Ansvariga personer": "Erik Lund",
                "Ansvarig organisation": "Örnsköldsviks kommun",
                # Dates typed as text are accepted too.
                "Planerad start": "2013-02-01",
                "Planerat slut": "2013-09-30",
                "Faktisk start": "2013-02-04",
                "Status": "Pågår",
                "Framsteg (%)": "25",
                "Publik": "Nej",
            },
        ),
    ]

    plan = import_activity_plan(project, xlsx(rows), user=project_leader)

    assert plan.errors == []
    assert plan.saved
    assert len(plan.to_create) == 2
    first = Activity.objects.get(work_area__code="A", code="A.1")
    assert first.title == "Kartlägg pendlingen"
    assert first.responsible_organisation == register["umea"]
    assert sorted(p.name for p in first.responsible_people.all()) == ["Anna Berg", "Erik Lund"]
    assert first.planned_end == datetime.date(2013, 4, 30)
    assert first.is_public
    second = Activity.objects.get(work_area__code="B", code="B.1")
    assert second.planned_start == datetime.date(2013, 2, 1)
    assert second.actual_start == datetime.date(2013, 2, 4)
    assert second.status == Activity.Status.IN_PROGRESS
    assert second.progress == 25
    assert not second.is_public
    logs = ModelLogEntry.objects.filter(action="wagtail.create", user=project_leader)
    assert {int(entry.object_id) for entry in logs} == {first.pk, second.pk}


def test_a_file_with_errors_in_several_rows_writes_nothing_and_reports_every_error(
    project, register
):
    rows = [
        activity_row(code="A.1"),  # row 2: valid
        activity_row(work_area="X", code="X.1"),  # row 3
        activity_row(code="A.3", **{"Planerad start": "30/4 2013"}),  # row 4
        activity_row(code="A.4", **{"Status": "nästan klar", "Framsteg (%)": 150}),  # row 5
        activity_row(code="A.5", **{"Ansvarig organisation": "Okänd AB"}),  # row 6
        activity_row(code="A.6", **{"Ansvariga personer": "Anna Berg; Nils Holm"}),  # row 7
        activity_row(code="A.1"),  # row 8: the code of row 2 again
        activity_row(code="A.9", title="x" * 300),  # row 9: too long for the model
        activity_row(code="", title=""),  # row 10
    ]

    plan = import_activity_plan(project, xlsx(rows))

    assert not plan.saved
    assert Activity.objects.count() == 0
    errors = {(error.row, error.column): error.message for error in plan.errors}
    assert "X" in errors[(3, "Arbetsområde")]
    assert "2013-04-30" in errors[(4, "Planerad start")]
    assert "nästan klar" in errors[(5, "Status")]
    assert "0 till 100" in errors[(5, "Framsteg (%)")]
    assert "Okänd AB" in errors[(6, "Ansvarig organisation")]
    assert "Nils Holm" in errors[(7, "Ansvariga personer")]
    assert "rad 2" in errors[(8, "Kod")]
    assert "255" in errors[(9, "Aktivitet")]  # Django's own max_length message, in Swedish
    assert (10, "Kod") in errors and (10, "Aktivitet") in errors
    assert {error.row for error in plan.errors} == {3, 4, 5, 6, 7, 8, 9, 10}


def test_the_models_own_rules_are_reported_with_row_and_column(project, register):
    rows = [
        activity_row(code="A.1", **{"Planerat slut": datetime.date(2013, 1, 1)}),
        activity_row(code="A.2", **{"Planerad start": datetime.date(2012, 6, 1)}),
        activity_row(code="A.3", **{"Status": "pågår", "Framsteg (%)": 100}),
        activity_row(code="A.4", **{"Status": "klar", "Framsteg (%)": 100}),  # valid
    ]

    plan = import_activity_plan(project, xlsx(rows))

    errors = {(error.row, error.column): error.message for error in plan.errors}
    assert errors == {
        (2, "Planerat slut"): "Slutet kan inte ligga före starten.",
        (3, "Planerad start"): errors.get((3, "Planerad start")),
        (4, "Framsteg (%)"): errors.get((4, "Framsteg (%)")),
    }
    assert "2012-10-01" in errors[(3, "Planerad start")]
    assert "klar" in errors[(4, "Framsteg (%)")]
    assert Activity.objects.count() == 0


def test_reimport_updates_matched_activities_instead_of_duplicating(
    client, project, register, project_leader
):
    make_activities(project, 4)
    exported = export_activity_plan(project)

    unchanged = import_activity_plan(project, io.BytesIO(exported), user=project_leader)
    assert unchanged.errors == []
    assert len(unchanged.unchanged) == 4
    assert unchanged.to_create == [] and unchanged.to_update == []

    workbook = load_workbook(io.BytesIO(exported))
    sheet = workbook.worksheets[0]
    old_title, old_people = sheet["C2"].value, sheet["F3"].value
    sheet["C2"] = "Ny titel"
    sheet["K2"] = "klar"
    sheet["L2"] = 100
    sheet["F3"] = "Erik Lund"
    sheet.append(["B", "B.99", "Ny aktivitet", None, None, None, "2013-03-01", "2013-03-31"])
    changed = io.BytesIO()
    workbook.save(changed)
    # The preview shows each change as old → new, in the words of the file.
    client.force_login(project_leader)
    upload = io.BytesIO(changed.getvalue())
    upload.name = "plan.xlsx"
    response = client.post(IMPORT_URL, {"project": project.pk, "file": upload})
    preview = client.get(response["Location"]).text
    assert f"<del>{old_title}</del> → <ins>Ny titel</ins>" in preview

    plan = import_activity_plan(project, changed, user=project_leader)

    assert plan.errors == []
    assert [(p.row, p.changed_columns) for p in plan.to_update] == [
        (2, ["Aktivitet", "Status", "Framsteg (%)"]),
        (3, ["Ansvariga personer"]),
    ]
    first, second = plan.to_update
    assert [(c.label, c.new) for c in first.changes] == [
        ("Aktivitet", "Ny titel"),
        ("Status", "klar"),
        ("Framsteg (%)", "100"),
    ]
    assert first.changes[0].old == old_title and first.changes[1].old != "klar"
    assert [(c.old, c.new) for c in second.changes] == [
        ("; ".join(sorted(name.strip() for name in old_people.split(";"))), "Erik Lund")
    ]
    assert [p.activity.code for p in plan.to_create] == ["B.99"]
    assert Activity.objects.count() == 5
    updated = Activity.objects.get(title="Ny titel")
    assert updated.responsible_people.count() == 2  # untouched in the file, kept
    third_code = sheet["B3"].value
    third = Activity.objects.get(code=third_code)
    assert [person.name for person in third.responsible_people.all()] == ["Erik Lund"]
    assert updated.status == Activity.Status.DONE and updated.progress == 100
    entry = ModelLogEntry.objects.get(
        action="lagesbild.activity.plan_import", object_id=str(updated.pk), user=project_leader
    )
    assert (
        entry.message
        == "Uppdaterad genom import av aktivitetsplanen: Aktivitet, Status, Framsteg (%)"
    )


def docx_like_zip():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    return output.getvalue()


def xlsx_with_broken_sheet():
    source = zipfile.ZipFile(xlsx([activity_row()]))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut off in the middle of the rows
            archive.writestr(item, data)
    return output.getvalue()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "tom"),
        (b"Kod;Aktivitet\nA.1;Test\n", ".xlsx"),
        (b"PK\x03\x04 not really a zip", ".xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ".xlsx"),  # an old .xls
        (docx_like_zip(), ".xlsx"),
        (xlsx_with_broken_sheet(), ".xlsx"),
    ],
)
def test_a_file_that_is_not_a_workbook_gives_a_swedish_message(project, content, message):
    plan = import_activity_plan(project, io.BytesIO(content))

    assert not plan.saved
    assert [error.row for error in plan.errors] == [None]
    assert message in plan.errors[0].message


def test_missing_header_columns_are_named(project, register):
    headers = ["Arbetsområde", "Kod", "Aktivitet"]
    plan = import_activity_plan(project, xlsx([activity_row()], headers=headers))

    assert len(plan.errors) == 1
    assert plan.errors[0].row == 1
    assert "Planerad start" in plan.errors[0].message
    assert "Planerat slut" in plan.errors[0].message
    assert Activity.objects.count() == 0


def test_a_header_only_file_says_there_are_no_activities(project):
    plan = import_activity_plan(project, xlsx([]))

    assert "inga aktiviteter" in plan.errors[0].message


def test_progress_typed_as_an_excel_percentage_is_read_as_percent(project, register):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append([activity_row()[header] for header in HEADERS])
    sheet["K2"] = "pågår"
    sheet["L2"] = 0.5
    sheet["L2"].number_format = "0%"
    content = io.BytesIO()
    workbook.save(content)

    import_activity_plan(project, content)

    assert Activity.objects.get().progress == 50


# Admin ----------------------------------------------------------------------------------


def test_project_leader_imports_through_upload_preview_and_confirm(
    client, project, register, project_leader
):
    client.force_login(project_leader)
    listing = client.get(INDEX_URL)
    assert "Exportera till Excel" in listing.text
    assert "Importera från Excel" in listing.text
    assert client.get(IMPORT_URL).status_code == 200

    upload = xlsx([activity_row(), activity_row(code="A.2", title="Seminarium")])
    upload.name = "plan.xlsx"
    response = client.post(IMPORT_URL, {"project": project.pk, "file": upload})
    assert response.status_code == 302
    preview_url = response["Location"]

    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert "Seminarium" in preview.text
    assert Activity.objects.count() == 0  # the preview writes nothing

    done = client.post(preview_url, follow=True)
    assert done.redirect_chain[-1][0] == INDEX_URL
    assert "Nya aktiviteter: 2" in done.text
    assert Activity.objects.count() == 2
    assert client.get(preview_url).status_code == 404  # the upload is gone after confirm


def test_the_uploaded_plan_is_private_and_only_its_uploader_can_preview_it(
    client, project, register, project_leader, make_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(project_leader)
    upload = xlsx([activity_row(title="Hemlig plan")])
    upload.name = "plan.xlsx"
    preview_url = client.post(IMPORT_URL, {"project": project.pk, "file": upload})["Location"]
    assert "Hemlig plan" in client.get(preview_url).text
    assert not Path(settings.MEDIA_ROOT).exists(), "no copy under the public media"

    colleague = Client()
    colleague.force_login(make_user(PROJECT_LEADER, username="kollega"))
    assert colleague.get(preview_url).status_code == 404
    assert colleague.post(preview_url).status_code == 404
    assert Activity.objects.count() == 0


def test_preview_of_a_bad_file_lists_row_column_and_message_and_confirm_writes_nothing(
    client, project, register, project_leader
):
    client.force_login(project_leader)
    upload = xlsx([activity_row(), activity_row(code="A.2", **{"Planerat slut": "snart"})])
    upload.name = "plan.xlsx"
    preview_url = client.post(IMPORT_URL, {"project": project.pk, "file": upload})["Location"]

    preview = client.get(preview_url)
    assert "Planerat slut" in preview.text and "snart" in preview.text
    assert "Inget har sparats" in preview.text

    confirm = client.post(preview_url)
    assert confirm.status_code == 200
    assert Activity.objects.count() == 0


def test_uploading_a_text_file_shows_a_message_not_a_server_error(client, project, project_leader):
    client.force_login(project_leader)
    upload = io.BytesIO(b"inte en arbetsbok")
    upload.name = "plan.csv"
    response = client.post(IMPORT_URL, {"project": project.pk, "file": upload}, follow=True)

    assert response.status_code == 200
    assert ".xlsx" in response.text


def test_export_from_the_admin_downloads_the_plan(client, project, register, project_leader):
    make_activities(project, 2)
    client.force_login(project_leader)

    response = client.get(EXPORT_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "ornskoldsvik-umea-aktivitetsplan.xlsx" in response["Content-Disposition"]
    assert read_back(response.content).max_row == 3


def test_with_several_projects_the_export_asks_which_one(client, project, project_leader):
    other = Project.objects.create(
        name="Annat projekt",
        short_name="Annat",
        slug="annat",
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2016, 1, 1),
    )
    client.force_login(project_leader)

    assert "<select" in client.get(EXPORT_URL).text
    response = client.get(EXPORT_URL, {"project": other.pk})
    assert response["Content-Type"] == XLSX


def test_steering_group_member_exports_but_gets_403_on_import(
    client, project, register, steering_member
):
    make_activities(project, 2)
    client.force_login(steering_member)

    listing = client.get(INDEX_URL)
    assert "Exportera till Excel" in listing.text
    assert "Importera från Excel" not in listing.text
    assert client.get(EXPORT_URL)["Content-Type"] == XLSX

    assert client.get(IMPORT_URL).status_code == 403
    upload = xlsx([activity_row(code="A.7")])
    upload.name = "plan.xlsx"
    assert client.post(IMPORT_URL, {"project": project.pk, "file": upload}).status_code == 403
    assert not Activity.objects.filter(code="A.7").exists()


def test_confirm_validates_again_against_changes_made_after_the_preview(
    client, project, register, project_leader
):
    client.force_login(project_leader)
    upload = xlsx([activity_row(code="A.1"), activity_row(code="A.2", title="Seminarium")])
    upload.name = "plan.xlsx"
    preview_url = client.post(IMPORT_URL, {"project": project.pk, "file": upload})["Location"]
    assert "Seminarium" in client.get(preview_url).text
    # Meanwhile someone adds A.2 by hand: confirm updates it instead of failing on the
    # unique code.
    Activity.objects.create(
        work_area=project.work_areas.get(code="A"),
        code="A.2",
        title="Handskriven",
        planned_start=datetime.date(2013, 1, 1),
        planned_end=datetime.date(2013, 2, 1),
    )

    client.post(preview_url)

    assert Activity.objects.filter(work_area__code="A").count() == 2
    assert Activity.objects.get(code="A.2").title == "Seminarium"


def test_a_file_without_the_optional_columns_keeps_what_they_would_set(
    project, register, project_leader
):
    make_activities(project, 1)
    headers = ["Arbetsområde", "Kod", "Aktivitet", "Planerad start", "Planerat slut"]
    row = activity_row(code="A.0", title="Kortare fil")

    plan = import_activity_plan(project, xlsx([row], headers=headers), user=project_leader)

    assert plan.errors == []
    activity = Activity.objects.get(code="A.0")
    assert activity.title == "Kortare fil"
    assert activity.responsible_organisation is not None
    assert activity.responsible_people.count() == 2


# Formulas and files as people save them -------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["=1+1", "@SUM(A1:A9)", "+46 90 16 10 00", "-1 aktivitet", '=HYPERLINK("http://x/","y")'],
)
def test_a_title_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(project, register, title):
    Activity.objects.create(
        work_area=project.work_areas.get(code="A"),
        code="A.1",
        title=title,
        description="=cmd|' /C calc'!A0",
        planned_start=datetime.date(2013, 1, 1),
        planned_end=datetime.date(2013, 6, 30),
    )

    content = export_activity_plan(project)

    sheet = read_back(content)
    for cell in (sheet["C2"], sheet["D2"]):
        assert cell.data_type == "s"
    assert sheet["C2"].value == title
    assert sheet["D2"].value == "=cmd|' /C calc'!A0"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    # And the text comes back as it was when the plan is imported again.
    plan = import_activity_plan(project, io.BytesIO(content), commit=False)
    assert plan.errors == [] and len(plan.unchanged) == 1


def test_a_header_below_blank_rows_and_blank_rows_between_give_excel_row_numbers(project, register):
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = None  # an empty first row, as when a table is moved down in Excel
    sheet["B2"] = "  "
    sheet.append(HEADERS)  # row 3
    sheet.append([activity_row()[header] for header in HEADERS])  # row 4: valid
    sheet.append([])
    sheet.append([None, "  "])
    bad = activity_row(code="A.2", **{"Status": "kanske"})
    sheet.append([bad[header] for header in HEADERS])  # row 7
    content = io.BytesIO()
    workbook.save(content)

    plan = import_activity_plan(project, content, commit=False)

    assert [(error.row, error.column) for error in plan.errors] == [(7, "Status")]
    assert [planned.row for planned in plan.to_create] == [4]


def test_a_header_lacking_columns_is_named_with_its_own_row(project, register):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([])
    sheet.append(["Arbetsområde", "Kod", "Aktivitet"])
    content = io.BytesIO()
    workbook.save(content)

    plan = import_activity_plan(project, content)

    assert [error.row for error in plan.errors] == [2]
    assert "Planerad start" in plan.errors[0].message
