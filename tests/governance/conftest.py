import pytest

from governance.register.models import Organisation
from tests.governance.register.factories import (
    ActivityFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    WorkAreaFactory,
)


@pytest.fixture
def project(db):
    return ProjectFactory(slug="test")


@pytest.fixture
def work_area(project):
    return WorkAreaFactory(project=project, code="A", title="Arbetsgivare möts")


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Umeå kommun", kind=Organisation.Kind.MUNICIPALITY)


@pytest.fixture
def person(organisation):
    return PersonFactory(
        name="Carina Lindberg",
        organisation=organisation,
        title="Projektledare",
        email="carina.privat@example.invalid",
        phone="070-123 45 67",
    )


@pytest.fixture
def make_activity(work_area):
    def make(code="A.1", **fields):
        return ActivityFactory(**{"work_area": work_area, **fields}, code=code)

    return make


from tests.governance.decisions.fixtures import (  # noqa: E402, F401  (fixtures for the decision tests)
    make_change_request,
    make_decision,
    make_meeting,
    meeting,
)
