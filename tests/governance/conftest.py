import datetime

import pytest

from governance.register.models import Activity, Organisation, Person, Project, WorkArea


@pytest.fixture
def project(db):
    return Project.objects.create(
        name="Testprojektet",
        short_name="Test",
        slug="test",
        start_date=datetime.date(2012, 10, 1),
        end_date=datetime.date(2014, 9, 30),
        state=Project.State.ONGOING,
    )


@pytest.fixture
def work_area(project):
    return WorkArea.objects.create(project=project, code="A", title="Arbetsgivare möts")


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Umeå kommun", kind=Organisation.Kind.MUNICIPALITY)


@pytest.fixture
def person(organisation):
    return Person.objects.create(
        name="Carina Lindberg",
        organisation=organisation,
        title="Projektledare",
        email="carina.privat@example.invalid",
        phone="070-123 45 67",
    )


@pytest.fixture
def make_activity(work_area):
    def make(code="A.1", **fields):
        values = {
            "title": f"Aktivitet {code}",
            "planned_start": datetime.date(2013, 1, 1),
            "planned_end": datetime.date(2013, 6, 30),
            **fields,
        }
        return Activity.objects.create(
            work_area=values.pop("work_area", work_area), code=code, **values
        )

    return make


from tests.governance.decisions.fixtures import (  # noqa: E402, F401  (fixtures for the decision tests)
    make_change_request,
    make_decision,
    make_meeting,
    meeting,
)
