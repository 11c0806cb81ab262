"""Factories for the budget: financiers, cost categories, budget versions and their lines,
cost entries and forecasts. A row's work area, category and financier belong to the
row's project unless given."""

import datetime
from decimal import Decimal

from django.db.models import Max

import factory
from factory.django import DjangoModelFactory

from governance.budget.models import (
    BudgetLine,
    BudgetVersion,
    CostCategory,
    CostEntry,
    Financier,
    Forecast,
)
from tests.governance.register.factories import (
    OrganisationFactory,
    ProjectFactory,
    WorkAreaFactory,
)


class CostCategoryFactory(DjangoModelFactory):
    """One of the project's cost categories, "Personal" unless named; a project has the
    default ones from the start, so a default name gives the existing category."""

    class Meta:
        model = CostCategory
        django_get_or_create = ("project", "name")

    project = factory.SubFactory(ProjectFactory)
    name = "Personal"


class FinancierFactory(DjangoModelFactory):
    """Commits an amount (100 000 kr) unless `committed_share` is given instead."""

    class Meta:
        model = Financier

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    committed_share = None
    committed_amount = factory.LazyAttribute(
        lambda financier: None if financier.committed_share is not None else Decimal("100000.00")
    )


class BudgetVersionFactory(DjangoModelFactory):
    """The project's next budget version, a draft; `approved=True` makes it approved by
    the steering group on 2012-12-10."""

    class Meta:
        model = BudgetVersion

    class Params:
        approved = factory.Trait(
            state=BudgetVersion.State.APPROVED,
            approved_on=datetime.date(2012, 12, 10),
            approved_by="Styrgruppen",
        )

    project = factory.SubFactory(ProjectFactory)
    number = factory.LazyAttribute(
        lambda version: (
            (version.project.budget_versions.aggregate(last=Max("number"))["last"] or 0) + 1
        )
    )
    label = factory.LazyAttribute(lambda version: f"Budget {version.number}")


class BudgetLineFactory(DjangoModelFactory):
    """A year's amount for one work area and cost category of the version's project."""

    class Meta:
        model = BudgetLine

    version = factory.SubFactory(BudgetVersionFactory)
    work_area = factory.SubFactory(
        WorkAreaFactory, project=factory.SelfAttribute("..version.project")
    )
    category = factory.SubFactory(
        CostCategoryFactory, project=factory.SelfAttribute("..version.project")
    )
    year = factory.LazyAttribute(lambda line: line.version.project.start_date.year)
    amount = Decimal("10000.00")


class CostEntryFactory(DjangoModelFactory):
    """An actual cost on the project's first day."""

    class Meta:
        model = CostEntry

    project = factory.SubFactory(ProjectFactory)
    date = factory.LazyAttribute(lambda entry: entry.project.start_date)
    work_area = factory.SubFactory(WorkAreaFactory, project=factory.SelfAttribute("..project"))
    category = factory.SubFactory(CostCategoryFactory, project=factory.SelfAttribute("..project"))
    amount = Decimal("1000.00")
    voucher = factory.Sequence(lambda n: f"V{n + 1}")


class ForecastFactory(DjangoModelFactory):
    class Meta:
        model = Forecast

    project = factory.SubFactory(ProjectFactory)
    work_area = factory.SubFactory(WorkAreaFactory, project=factory.SelfAttribute("..project"))
    category = factory.SubFactory(CostCategoryFactory, project=factory.SelfAttribute("..project"))
    expected_total = Decimal("10000.00")
    made_on = factory.LazyAttribute(lambda forecast: forecast.project.start_date)
