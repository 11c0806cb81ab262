"""The IATI activity file (/api/v1/iati.xml, opendata/iati.py): the public projects as IATI
2.03 activities with what the open data shows and nothing withheld, valid against the IATI
schema when it is at hand (IATI_SCHEMA_DIR: a folder with iati-activities-schema.xsd,
iati-common.xsd and xml.xsd of version 2.03), and always well-formed with the elements
the standard requires."""

import datetime
import os
from decimal import Decimal
from pathlib import Path

from django.test.utils import override_settings

import pytest
from lxml import etree

from governance.budget.models import BudgetVersion
from governance.reports.models import IndicatorValue
from tests.governance.budget.factories import BudgetLineFactory, BudgetVersionFactory
from tests.governance.register.factories import ActivityFactory, OrganisationFactory
from tests.opendata.test_api import SECRETS, published  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

URL = "/api/v1/iati.xml"
REF = "SE-ON-2120002411"
REQUIRED = [
    "iati-identifier",
    "reporting-org",
    "title",
    "description",
    "participating-org",
    "activity-status",
    "activity-date",
]


def schema():
    folder = os.environ.get("IATI_SCHEMA_DIR")
    path = Path(folder) / "iati-activities-schema.xsd" if folder else None
    return etree.XMLSchema(etree.parse(str(path))) if path and path.exists() else None


@pytest.fixture
def iati_file(published):  # noqa: F811 (the imported fixture)
    """The published project with a revised budget approved later, a municipality
    responsible for an activity, and a second measured value."""
    project = published
    first = BudgetVersion.objects.get(project=project, label="Budget enligt ansökan")
    revised = BudgetVersionFactory(
        project=project,
        approved=True,
        label="Reviderad budget",
        approved_on=datetime.date(2013, 4, 2),
    )
    BudgetLineFactory(
        version=revised,
        work_area=first.lines.get().work_area,
        financier=first.lines.get().financier,
        year=2013,
        amount=Decimal("95000.00"),
    )
    BudgetLineFactory(
        version=revised, work_area=first.lines.get().work_area, year=2014, amount=Decimal("5000")
    )
    ActivityFactory(
        work_area=project.work_areas.get(),
        code="A.9",
        responsible_organisation=OrganisationFactory(name="Örnsköldsviks kommun", kind="kommun"),
    )
    indicator = project.indicators.get()
    IndicatorValue.objects.create(
        indicator=indicator, measured_on=datetime.date(2014, 6, 30), value=Decimal("6.10")
    )
    return project


def get(client, **params):
    with override_settings(IATI_REPORTING_ORG_REF=REF):
        response = client.get(URL, params)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return response


def test_the_iati_file_holds_the_public_project_and_is_valid(client, iati_file):
    response = get(client)
    text = response.content.decode()
    for secret in SECRETS:
        assert secret not in text, secret
    root = etree.fromstring(response.content)  # well-formed
    validator = schema()
    if validator is not None:
        assert validator.validate(root), validator.error_log
    assert root.tag == "iati-activities" and root.get("version") == "2.03"
    (activity,) = root.findall("iati-activity")
    tags = list(dict.fromkeys(child.tag for child in activity))  # in order, once each
    assert tags == [*REQUIRED, "budget", "result"]
    assert activity.get("default-currency") == "SEK"
    assert activity.findtext("iati-identifier") == f"{REF}-test"
    assert activity.find("reporting-org").get("ref") == REF
    assert activity.findtext("title/narrative") == "Testprojektet"
    orgs = [
        (org.get("role"), org.findtext("narrative"))
        for org in activity.findall("participating-org")
    ]
    assert orgs == [
        ("1", "Umeå kommun"),
        ("4", "Umeå kommun"),
        ("4", "Örnsköldsviks kommun"),
    ]
    assert activity.find("activity-status").get("code") == "2"
    assert [(d.get("type"), d.get("iso-date")) for d in activity.findall("activity-date")] == [
        ("1", "2012-10-01"),
        ("2", "2012-10-01"),
        ("3", "2014-09-30"),
    ]
    budgets = [
        (
            b.get("type"),
            b.find("period-start").get("iso-date"),
            b.find("period-end").get("iso-date"),
            b.findtext("value"),
            b.find("value").get("value-date"),
        )
        for b in activity.findall("budget")
    ]
    # The draft (777 777) and the version waiting for a decision (888 888) are not there.
    assert budgets == [
        ("1", "2013-01-01", "2013-12-31", "120000.00", "2012-12-10"),
        ("2", "2013-01-01", "2013-12-31", "95000.00", "2013-04-02"),
        ("2", "2014-01-01", "2014-09-30", "5000.00", "2013-04-02"),
    ]
    (indicator,) = activity.findall("result/indicator")
    assert indicator.find("baseline").get("value") == "4.8"
    periods = [
        (
            p.find("period-start").get("iso-date"),
            p.find("period-end").get("iso-date"),
            p.find("target").get("value") if p.find("target") is not None else None,
            p.find("actual").get("value") if p.find("actual") is not None else None,
        )
        for p in indicator.findall("period")
    ]
    assert periods == [
        ("2012-10-01", "2014-09-30", "7.5", None),
        ("2012-10-01", "2013-12-31", None, "5.3"),
        ("2014-01-01", "2014-06-30", None, "6.1"),
    ]


def test_only_public_projects_and_only_with_the_organisation_identifier(client, iati_file):
    root = etree.fromstring(get(client, project="dolt").content)
    assert root.findall("iati-activity") == []
    assert client.get(URL).status_code == 404
    page = client.get("/oppna-data/").content.decode()
    assert 'href="/api/v1/iati.xml"' not in page
    with override_settings(IATI_REPORTING_ORG_REF=REF):
        page = client.get("/oppna-data/").content.decode()
    assert 'href="/api/v1/iati.xml"' in page and "IATI" in page


def test_the_same_data_gives_the_same_file(client, iati_file):
    first = get(client)
    with override_settings(IATI_REPORTING_ORG_REF=REF):
        again = client.get(URL, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
