"""The open data (opendata/): the JSON API and the CSV files show what is public and nothing
else, every response names its licence and update date, lists come in pages, and the
number of queries does not grow with the rows."""

import csv
import datetime
import io
import json
from decimal import Decimal

from django.test.utils import override_settings
from django.urls import reverse

import pytest
from openapi_spec_validator import validate

from governance.register.models import Activity, Milestone
from opendata import datasets, updates
from tests.governance.budget.factories import (
    BudgetLineFactory,
    BudgetVersionFactory,
    FinancierFactory,
)
from tests.governance.decisions.fixtures import approve_minutes, at
from tests.governance.register.factories import (
    ActivityFactory,
    ProjectFactory,
    ProjectPageFactory,
    WorkAreaFactory,
)
from tests.governance.reports.factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/"
LISTS = [f"{API}{slug}/" for slug in datasets.DATASETS]
CSVS = [f"{API}csv/{slug}.csv" for slug in datasets.DATASETS]

# Words and amounts that only withheld data holds: none may appear in any response.
SECRETS = [
    "Hemlig aktivitet",
    "Milstolpe i det dolda",
    "Förhandling om lokaler",
    "Norrsken",
    "Ej justerat beslut",
    "Ny budgetram",
    "777777",
    "888888",
    "Dolt projekt",
    "Opublicerat projekt",
]


@pytest.fixture
def published(project, work_area, organisation, make_meeting, make_decision):
    """A project with a live progress page and, beside what is public, every kind of
    withheld data: a non-public activity with a milestone, a confidential decision, one
    whose minutes are not approved (revoking a public one), a draft budget version and an
    approved one whose decision is not public; and two projects without a live page."""
    ProjectPageFactory(project=project)
    public = ActivityFactory(
        work_area=work_area,
        code="A.1",
        title="Nätverksträffar",
        responsible_organisation=organisation,
        status=Activity.Status.IN_PROGRESS,
        progress=40,
        actual_start=datetime.date(2013, 1, 10),
    )
    Milestone.objects.create(
        activity=public, title="Första träffen", due_date=datetime.date(2013, 2, 1)
    )
    hidden = ActivityFactory(
        work_area=work_area, code="A.2", title="Hemlig aktivitet", is_public=False
    )
    Milestone.objects.create(
        activity=hidden, title="Milstolpe i det dolda", due_date=datetime.date(2013, 3, 1)
    )

    spring = make_meeting(at(2013, 3, 14))
    budget_decision = make_decision("Budget för 2013", meeting=spring, kind="budget")
    make_decision(
        "Förhandling om lokaler",
        text="Hyresförhandlingen med Fastighetsbolaget Norrsken.",
        is_confidential=True,
        meeting=spring,
    )
    approve_minutes(spring)
    autumn = make_meeting(at(2013, 9, 2))
    make_decision(
        "Ny budgetram", text="Ej justerat beslut.", revokes=budget_decision, meeting=autumn
    )

    financier = FinancierFactory(project=project, organisation=organisation)
    approved = BudgetVersionFactory(project=project, approved=True, label="Budget enligt ansökan")
    BudgetLineFactory(
        version=approved,
        work_area=work_area,
        financier=financier,
        year=2013,
        amount=Decimal("120000.00"),
    )
    draft = BudgetVersionFactory(project=project, label="Utkast")
    BudgetLineFactory(version=draft, work_area=work_area, year=2013, amount=Decimal("777777.00"))
    waiting = BudgetVersionFactory(
        project=project,
        approved=True,
        label="Väntar på beslut",
        decision_reference=f"beslut {autumn.decisions.get().number}",
    )
    BudgetLineFactory(version=waiting, work_area=work_area, year=2013, amount=Decimal("888888.00"))

    IndicatorValueFactory(
        indicator=IndicatorFactory(
            project=project, baseline=Decimal("4.80"), target=Decimal("7.50")
        ),
        measured_on=datetime.date(2013, 12, 31),
        value=Decimal("5.30"),
        source='=HYPERLINK("http://example.invalid")',
    )

    hidden_project = ProjectFactory(name="Dolt projekt", slug="dolt")
    ActivityFactory(
        work_area=WorkAreaFactory(project=hidden_project, code="A"), title="Dolt projekt"
    )
    unpublished = ProjectFactory(name="Opublicerat projekt", slug="opublicerat")
    ProjectPageFactory(project=unpublished, slug="opublicerat", publish=False)
    return project


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.content[:300])
    return response, json.loads(response.content)


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv; charset=utf-8")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def test_nothing_withheld_appears_in_any_list_or_file(client, published):
    texts = []
    for url in LISTS:
        response, body = get_json(client, url, limit=1000)
        texts.append(response.content.decode())
    for url in CSVS:
        texts.append(client.get(url).content.decode())
    everything = "\n".join(texts)
    assert "Nätverksträffar" in everything and "Budget för 2013" in everything
    for secret in SECRETS:
        assert secret not in everything, secret


def test_the_lists_show_the_public_data(client, published):
    _, projects = get_json(client, f"{API}projects/")
    assert [p["slug"] for p in projects["results"]] == ["test"]

    _, activities = get_json(client, f"{API}activities/")
    assert activities["results"] == [
        {
            "project": "test",
            "work_area": "A",
            "code": "A.1",
            "title": "Nätverksträffar",
            "description": "",
            "responsible_organisation": "Umeå kommun",
            "planned_start": "2013-01-01",
            "planned_end": "2013-06-30",
            "actual_start": "2013-01-10",
            "actual_end": None,
            "status": "pagar",
            "status_label": "pågår",
            "late": True,
            "progress": 40,
        }
    ]
    _, milestones = get_json(client, f"{API}milestones/")
    assert [m["title"] for m in milestones["results"]] == ["Första träffen"]

    # The approved budget: version 1, whose approval needs no decision; version 3 waits for
    # a decision in minutes not yet approved, version 2 is a draft.
    _, budget = get_json(client, f"{API}budget/")
    assert budget["results"] == [
        {
            "project": "test",
            "version": 1,
            "version_label": "Budget enligt ansökan",
            "approved_on": "2012-12-10",
            "work_area": "A",
            "work_area_title": "Arbetsgivare möts",
            "category": "Personal",
            "year": 2013,
            "financier": "Umeå kommun",
            "amount": "120000.00",
        }
    ]
    _, indicators = get_json(client, f"{API}indicators/")
    (indicator,) = indicators["results"]
    assert indicator["baseline"] == "4.80" and indicator["target"] == "7.50"
    assert indicator["values"][0]["value"] == "5.30"


def test_a_revocation_shows_once_its_minutes_are_approved(client, published):
    _, before = get_json(client, f"{API}decisions/")
    (decision,) = before["results"]
    assert decision["number"] == "2013:01" and decision["state"] == "beslutat"
    assert decision["revoked_by"] is None

    autumn = published.meetings.get(starts_at=at(2013, 9, 2))
    approve_minutes(autumn)
    _, after = get_json(client, f"{API}decisions/")
    assert [(d["number"], d["state"], d["revokes"], d["revoked_by"]) for d in after["results"]] == [
        ("2013:03", "beslutat", "2013:01", None),
        ("2013:01", "upphavt", None, "2013:03"),
    ]


def test_every_response_names_the_licence_and_the_update_date(client, published):
    updates.write_stamp(datetime.datetime(2014, 5, 2, 8, 30, tzinfo=datetime.UTC))
    for url in [API, *LISTS]:
        response, body = get_json(client, url)
        assert body["meta"] == {
            "licence": {
                "id": "CC0-1.0",
                "name": "Creative Commons Zero v1.0 Universal",
                "url": "https://creativecommons.org/publicdomain/zero/1.0/",
            },
            "updated": "2014-05-02T10:30:00+02:00",
        }, url
    for url in [API, *LISTS, *CSVS, reverse("open_data")]:
        response = client.get(url)
        assert (
            response["Link"]
            == '<https://creativecommons.org/publicdomain/zero/1.0/>; rel="license"'
        )
        assert response["Last-Modified"] == "Fri, 02 May 2014 08:30:00 GMT", url


@override_settings(OPEN_DATA_LICENCE="CC-BY-4.0")
def test_the_licence_is_a_setting(client, published):
    _, body = get_json(client, f"{API}projects/")
    assert body["meta"]["licence"]["id"] == "CC-BY-4.0"
    assert client.get(f"{API}csv/projects.csv")["Link"].startswith(
        "<https://creativecommons.org/licenses/by/4.0/>"
    )
    assert client.get(f"{API}openapi.json").json()["info"]["license"]["name"] == (
        "Creative Commons Attribution 4.0 International"
    )


def test_a_change_of_public_data_moves_the_update_date(
    client, published, django_capture_on_commit_callbacks
):
    updates.write_stamp(datetime.datetime(2014, 5, 2, 8, 30, tzinfo=datetime.UTC))
    activity = Activity.objects.get(code="A.1")
    updates._local.stamp = None  # as in a new transaction: the fixture's stamp is waiting
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        activity.progress = 60
        activity.save()
        Activity.objects.get(code="A.2").save()
    assert len(callbacks) == 1  # stamped once for the transaction
    assert updates.last_changed().year == datetime.date.today().year


def test_an_unchanged_list_answers_not_modified(client, published):
    first = client.get(f"{API}activities/")
    assert first["ETag"]
    again = client.get(f"{API}activities/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_lists_come_in_pages(client, published):
    for n in range(2, 8):
        ActivityFactory(work_area=published.work_areas.get(), code=f"A.{n + 1}")
    _, first = get_json(client, f"{API}activities/", limit=3)
    assert first["count"] == 7 and len(first["results"]) == 3
    assert first["previous"] is None and "offset=3" in first["next"]
    _, last = get_json(client, f"{API}activities/", limit=3, offset=6)
    assert len(last["results"]) == 1 and last["next"] is None
    codes = [
        a["code"]
        for page in (0, 3, 6)
        for a in get_json(client, f"{API}activities/", limit=3, offset=page)[1]["results"]
    ]
    assert len(set(codes)) == 7
    _, capped = get_json(client, f"{API}activities/", limit=100_000)
    assert len(capped["results"]) == 7 and capped["count"] == 7


def test_a_project_filter_narrows_every_list(client, published):
    other = ProjectFactory(slug="annat")
    ProjectPageFactory(project=other, slug="annat")
    ActivityFactory(work_area=WorkAreaFactory(project=other, code="B"), title="Annan aktivitet")
    _, both = get_json(client, f"{API}activities/")
    assert both["count"] == 2
    _, one = get_json(client, f"{API}activities/", project="annat")
    assert [a["title"] for a in one["results"]] == ["Annan aktivitet"]
    _, hidden = get_json(client, f"{API}activities/", project="dolt")
    assert hidden["count"] == 0
    rows = read_csv(client.get(f"{API}csv/activities.csv", {"project": "annat"}))
    assert len(rows) == 2


def test_csv_files_have_a_header_and_never_run_a_formula(client, published):
    ActivityFactory(
        work_area=published.work_areas.get(), code="A.9", title="=1+1", description="@SUM(A1)"
    )
    rows = read_csv(client.get(f"{API}csv/activities.csv"))
    assert rows[0][:4] == ["project", "work_area", "code", "title"]
    titles = {row[3]: row for row in rows[1:]}
    assert "'=1+1" in titles and titles["'=1+1"][4] == "'@SUM(A1)"
    assert titles["Nätverksträffar"][rows[0].index("late")] == "true"

    indicator_rows = read_csv(client.get(f"{API}csv/indicators.csv"))
    header = indicator_rows[0]
    assert header[-3:] == ["values_measured_on", "values_value", "values_source"]
    assert indicator_rows[1][-3:] == [
        "2013-12-31",
        "5.30",
        '\'=HYPERLINK("http://example.invalid")',
    ]

    budget_rows = read_csv(client.get(f"{API}csv/budget.csv"))
    assert budget_rows[1][-1] == "120000.00"
    response = client.get(f"{API}csv/budget.csv")
    assert response["Content-Disposition"] == 'attachment; filename="lagesbild-budget.csv"'
    assert client.get(f"{API}csv/nothing.csv").status_code == 404


def test_the_openapi_description_is_valid_and_lists_every_endpoint(client, published):
    response = client.get(f"{API}openapi.json")
    schema = response.json()
    validate(schema)
    assert set(schema["paths"]) == {
        API,
        f"{API}csv/{{dataset}}.csv",
        f"{API}iati.xml",
        *LISTS,
    }
    assert schema["info"]["license"]["url"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    page = schema["components"]["schemas"]["PaginatedActivityList"]
    assert "meta" in page["required"] and "meta" in page["properties"]


def test_the_api_root_names_every_dataset(client, published):
    _, body = get_json(client, API)
    assert [d["name"] for d in body["datasets"]] == list(datasets.DATASETS)
    assert body["datasets"][2]["csv"] == "http://testserver/api/v1/csv/activities.csv"
    assert body["schema"] == "http://testserver/api/v1/openapi.json"


def test_the_open_data_page_lists_the_files(client, published):
    html = client.get("/oppna-data/").content.decode()
    assert '<html lang="sv">' in html
    assert "<h1>Öppna data</h1>" in html
    for slug in datasets.DATASETS:
        assert f'href="/api/v1/csv/{slug}.csv"' in html
    assert 'rel="license"' in html
    english = client.get("/en/oppna-data/").content.decode()
    assert "<h1>Open data</h1>" in english


def test_queries_do_not_grow_with_the_activities(client, published, django_assert_max_num_queries):
    area = published.work_areas.get()
    Activity.objects.bulk_create(
        Activity(
            work_area=area,
            code=f"B.{n}",
            title=f"Aktivitet {n}",
            planned_start=datetime.date(2013, 1, 1),
            planned_end=datetime.date(2013, 12, 31),
            responsible_organisation_id=Activity.objects.get(
                code="A.1"
            ).responsible_organisation_id,
        )
        for n in range(1000)
    )
    Milestone.objects.bulk_create(
        Milestone(activity=activity, title="Klar", due_date=datetime.date(2013, 12, 31))
        for activity in Activity.objects.filter(code__startswith="B.")
    )
    for url, params in (
        (f"{API}activities/", {"limit": 1000}),
        (f"{API}milestones/", {"limit": 1000}),
        (f"{API}csv/activities.csv", {}),
        (f"{API}csv/milestones.csv", {}),
    ):
        with django_assert_max_num_queries(6):
            response = client.get(url, params)
        assert response.status_code == 200
    assert len(read_csv(client.get(f"{API}csv/activities.csv"))) == 1 + 1001
    with django_assert_max_num_queries(12):
        assert client.get(f"{API}budget/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(f"{API}decisions/").status_code == 200


def test_a_full_activity_and_milestone_row_in_json_and_csv(client, published):
    """Every field of a finished activity without a responsible organisation, and of its
    milestone, as the API and the CSV write them (rows are read as values, not instances)."""
    finished = ActivityFactory(
        work_area=published.work_areas.get(),
        code="A.3",
        title="=Slutkonferens",
        description="Konferens för arbetsgivare, 40 deltagare.",
        planned_start=datetime.date(2013, 2, 1),
        planned_end=datetime.date(2013, 5, 31),
        actual_start=datetime.date(2013, 2, 4),
        actual_end=datetime.date(2013, 5, 30),
        status=Activity.Status.DONE,
        progress=100,
    )
    Milestone.objects.create(
        activity=finished,
        title="Inbjudan skickad",
        due_date=datetime.date(2013, 3, 1),
        done_date=datetime.date(2013, 2, 27),
    )
    _, body = get_json(client, f"{API}activities/")
    assert body["results"][1] == {
        "project": "test",
        "work_area": "A",
        "code": "A.3",
        "title": "=Slutkonferens",
        "description": "Konferens för arbetsgivare, 40 deltagare.",
        "responsible_organisation": None,
        "planned_start": "2013-02-01",
        "planned_end": "2013-05-31",
        "actual_start": "2013-02-04",
        "actual_end": "2013-05-30",
        "status": "klar",
        "status_label": "klar",
        "late": False,
        "progress": 100,
    }
    rows = read_csv(client.get(f"{API}csv/activities.csv"))
    assert rows[0] == [
        "project",
        "work_area",
        "code",
        "title",
        "description",
        "responsible_organisation",
        "planned_start",
        "planned_end",
        "actual_start",
        "actual_end",
        "status",
        "status_label",
        "late",
        "progress",
    ]
    assert rows[1] == [
        "test", "A", "A.1", "Nätverksträffar", "", "Umeå kommun", "2013-01-01", "2013-06-30",
        "2013-01-10", "", "pagar", "pågår", "true", "40",
    ]  # fmt: skip
    assert rows[2] == [
        "test", "A", "A.3", "'=Slutkonferens", "Konferens för arbetsgivare, 40 deltagare.", "",
        "2013-02-01", "2013-05-31", "2013-02-04", "2013-05-30", "klar", "klar", "false", "100",
    ]  # fmt: skip
    _, milestones = get_json(client, f"{API}milestones/")
    assert milestones["results"] == [
        {
            "project": "test",
            "work_area": "A",
            "activity": "A.1",
            "title": "Första träffen",
            "due_date": "2013-02-01",
            "done_date": None,
        },
        {
            "project": "test",
            "work_area": "A",
            "activity": "A.3",
            "title": "Inbjudan skickad",
            "due_date": "2013-03-01",
            "done_date": "2013-02-27",
        },
    ]
    assert read_csv(client.get(f"{API}csv/milestones.csv"))[2] == [
        "test", "A", "A.3", "Inbjudan skickad", "2013-03-01", "2013-02-27",
    ]  # fmt: skip


def test_the_footer_links_to_the_open_data_page_in_each_language(client, demo_site):
    swedish = client.get("/").content.decode().split('class="site-footer"')[1]
    assert '<a href="/oppna-data/">Projektens siffror som CSV-filer och API</a>' in swedish
    english = client.get("/en/oppna-data/").content.decode().split('class="site-footer"')[1]
    assert '<a href="/en/oppna-data/">The projects\' figures as CSV files and an API</a>' in english
