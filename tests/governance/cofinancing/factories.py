"""Factories for co-financing: the project's settings, hourly costs, time reports and
contributions in kind. A row's project is its person's or financier's unless given."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from governance.cofinancing.models import (
    CofinancingSettings,
    HourlyCost,
    InKindContribution,
    TimeReport,
)
from tests.governance.budget.factories import FinancierFactory
from tests.governance.register.factories import PersonFactory, ProjectFactory, WorkAreaFactory


class CofinancingSettingsFactory(DjangoModelFactory):
    class Meta:
        model = CofinancingSettings
        django_get_or_create = ("project",)

    project = factory.SubFactory(ProjectFactory)
    payroll_overhead_percent = Decimal("42.15")


class HourlyCostFactory(DjangoModelFactory):
    class Meta:
        model = HourlyCost

    project = factory.SubFactory(ProjectFactory)
    person = factory.SubFactory(PersonFactory)
    financier = None
    valid_from = factory.LazyAttribute(lambda cost: cost.project.start_date)
    valid_to = None
    hourly_rate = Decimal("412.50")


class TimeReportFactory(DjangoModelFactory):
    class Meta:
        model = TimeReport

    project = factory.SubFactory(ProjectFactory)
    person = factory.SubFactory(PersonFactory)
    work_area = factory.SubFactory(WorkAreaFactory, project=factory.SelfAttribute("..project"))
    month = datetime.date(2013, 3, 1)
    hours = Decimal("37.50")


class InKindContributionFactory(DjangoModelFactory):
    class Meta:
        model = InKindContribution

    project = factory.SubFactory(ProjectFactory)
    financier = factory.SubFactory(FinancierFactory, project=factory.SelfAttribute("..project"))
    kind = InKindContribution.Kind.PREMISES
    description = "Mötesrum för projektgruppen"
    date = datetime.date(2013, 5, 15)
    value = Decimal("12000.00")
