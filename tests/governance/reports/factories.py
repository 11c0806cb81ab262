"""Factories for the reports: risks, indicators with their measured values, and status
reports with one status row per work area, as the admin makes a new report."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from governance.reports import review
from governance.reports.models import Indicator, IndicatorValue, Risk, StatusReport
from tests.governance.register.factories import ProjectFactory


class RiskFactory(DjangoModelFactory):
    class Meta:
        model = Risk

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Risk {n}")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    project = factory.SubFactory(ProjectFactory)
    name = "Andel pendlare mellan kommunerna"
    unit = "%"


class IndicatorValueFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = factory.LazyAttribute(lambda value: value.indicator.project.start_date)
    value = Decimal("5.00")


class StatusReportFactory(DjangoModelFactory):
    """A draft status report for 2013 Q2 with a status row for every work area."""

    class Meta:
        model = StatusReport
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    title = "Lägesrapport 2013 kvartal 2"
    period_start = datetime.date(2013, 4, 1)
    period_end = datetime.date(2013, 6, 30)

    @factory.post_generation
    def work_area_statuses(report, create, extracted, **kwargs):
        if create:
            review.ensure_work_area_statuses(report)
