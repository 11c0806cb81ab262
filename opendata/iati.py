"""The public projects as IATI activities (IATI activity standard 2.03), at /api/v1/iati.xml.

One `iati-activity` per public project (`?project=` for one), built only from the open
data's datasets (opendata/datasets.py), so it shows what they show and nothing else:

- iati-identifier: the reporting organisation's IATI identifier (the setting
  IATI_REPORTING_ORG_REF) and the project's slug; without that setting there is no export;
- participating-org: the financiers as funding (role 1), the municipalities that finance
  the project or are responsible for one of its public activities as implementing (role 4);
- activity-status and activity-date: the project's state and period;
- budget: per calendar year, the first public budget version as original (type 1) and
  each later public version as revised (type 2), valued on its approval day;
- result: the indicators, baseline, target and each measured value as a period's actual.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from lxml import etree

from governance.budget import figures
from governance.register.models import Organisation, Project
from opendata import datasets

VERSION = "2.03"
CURRENCY = "SEK"
LANGUAGE = "sv"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# IATI codelists: ActivityStatus, ActivityDateType, OrganisationRole, OrganisationType,
# BudgetType, BudgetStatus, ResultType, IndicatorMeasure.
STATUS = {
    Project.State.PLANNED: "1",  # pipeline/identification
    Project.State.ONGOING: "2",  # implementation
    Project.State.CLOSED: "4",  # closed
}
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
FUNDING, IMPLEMENTING = "1", "4"
ORGANISATION_TYPE = {
    Organisation.Kind.MUNICIPALITY: "11",  # local government
    Organisation.Kind.REGION: "11",
    Organisation.Kind.AUTHORITY: "10",  # government
    Organisation.Kind.UNIVERSITY: "80",  # academic, training and research
    Organisation.Kind.COMPANY: "70",  # private sector
}
OTHER_ORGANISATION_TYPE = "90"
ORIGINAL, REVISED = "1", "2"
COMMITTED = "2"
OUTCOME = "2"
UNIT, PERCENTAGE = "1", "2"


def reporting_org_ref():
    return getattr(settings, "IATI_REPORTING_ORG_REF", "").strip()


def _sub(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _narrative(parent, tag, text, **attributes):
    element = _sub(parent, tag, **attributes)
    _sub(element, "narrative", text)
    return element


def _amount(value):
    return f"{Decimal(value).quantize(Decimal('0.01'))}"


def _number(value):
    return format(Decimal(value).normalize(), "f")


def budget_years(project):
    """[(type, version, [(first day, last day, amount)])]: each public budget version's
    yearly totals, the first as original and the later ones as revised."""
    result = []
    for number, version in enumerate(datasets.public_budget_versions(project)):
        totals = defaultdict(lambda: figures.ZERO)
        for part in figures.budget_parts(project, version):
            totals[part.month.year] += part.amount
        years = [
            (
                max(datetime.date(year, 1, 1), project.start_date),
                min(datetime.date(year, 12, 31), project.end_date),
                amount,
            )
            for year, amount in sorted(totals.items())
        ]
        result.append((ORIGINAL if number == 0 else REVISED, version, years))
    return result


def organisations(project):
    """(funding, implementing): the financiers' organisations, and the municipalities that
    finance the project or are responsible for one of its public activities; by name."""
    financiers = {
        f.organisation.name: f.organisation
        for f in project.financiers.select_related("organisation")
    }
    responsible = {
        row["organisation"]
        for row in datasets.activities(Project.objects.filter(pk=project.pk))
        if row["organisation"]
    }
    municipality = Organisation.Kind.MUNICIPALITY
    implementing = {name: o for name, o in financiers.items() if o.kind == municipality}
    for organisation in Organisation.objects.filter(name__in=responsible, kind=municipality):
        implementing[organisation.name] = organisation
    return (
        [financiers[name] for name in sorted(financiers)],
        [implementing[name] for name in sorted(implementing)],
    )


def activity(parent, project, reporting_org_name, indicators, updated, today):
    ref = reporting_org_ref()
    element = _sub(parent, "iati-activity", default_currency=CURRENCY)
    if updated:
        element.set("last-updated-datetime", updated.isoformat(timespec="seconds"))
    element.set(XML_LANG, LANGUAGE)
    _sub(element, "iati-identifier", f"{ref}-{project.slug}")
    _narrative(
        element,
        "reporting-org",
        reporting_org_name,
        ref=ref,
        type=getattr(settings, "IATI_REPORTING_ORG_TYPE", "11"),
    )
    _narrative(element, "title", project.name)
    _narrative(element, "description", project.description or project.effect_goal or project.name)
    funding, implementing = organisations(project)
    for role, group in ((FUNDING, funding), (IMPLEMENTING, implementing)):
        for organisation in group:
            kind = ORGANISATION_TYPE.get(organisation.kind, OTHER_ORGANISATION_TYPE)
            _narrative(element, "participating-org", organisation.name, role=role, type=kind)
    _sub(element, "activity-status", code=STATUS[project.state])
    _sub(element, "activity-date", type=PLANNED_START, iso_date=project.start_date.isoformat())
    if project.state != Project.State.PLANNED and project.start_date <= today:
        _sub(element, "activity-date", type=ACTUAL_START, iso_date=project.start_date.isoformat())
    _sub(element, "activity-date", type=PLANNED_END, iso_date=project.end_date.isoformat())
    if project.state == Project.State.CLOSED and project.end_date <= today:
        _sub(element, "activity-date", type=ACTUAL_END, iso_date=project.end_date.isoformat())
    for kind, version, years in budget_years(project):
        for first, last, amount in years:
            budget = _sub(element, "budget", type=kind, status=COMMITTED)
            _sub(budget, "period-start", iso_date=first.isoformat())
            _sub(budget, "period-end", iso_date=last.isoformat())
            value_date = (version.approved_on or first).isoformat()
            _sub(budget, "value", _amount(amount), value_date=value_date)
    if indicators:
        result(element, project, indicators)
    return element


def result(parent, project, indicators):
    element = _sub(parent, "result", type=OUTCOME)
    _narrative(element, "title", project.effect_goal or project.name)
    for indicator in indicators:
        measure = PERCENTAGE if indicator.unit.strip() == "%" else UNIT
        item = _sub(element, "indicator", measure=measure)
        _narrative(item, "title", indicator.name)
        if indicator.description:
            _narrative(item, "description", indicator.description)
        if indicator.baseline is not None:
            _sub(
                item,
                "baseline",
                year=str(project.start_date.year),
                iso_date=project.start_date.isoformat(),
                value=_number(indicator.baseline),
            )
        values = list(indicator.values.all())
        if indicator.target is not None:
            period = _sub(item, "period")
            _sub(period, "period-start", iso_date=project.start_date.isoformat())
            _sub(period, "period-end", iso_date=project.end_date.isoformat())
            _sub(period, "target", value=_number(indicator.target))
        start = project.start_date
        for measured in values:
            period = _sub(item, "period")
            _sub(period, "period-start", iso_date=min(start, measured.measured_on).isoformat())
            _sub(period, "period-end", iso_date=measured.measured_on.isoformat())
            _sub(period, "actual", value=_number(measured.value))
            start = measured.measured_on + datetime.timedelta(days=1)
    return element


def document(public, reporting_org_name, updated):
    """The iati-activities document (bytes) of the public projects; `updated`, when the
    open data last changed (opendata/updates.py), dates it, so that the same data gives
    the same bytes (and ETag)."""
    root = etree.Element("iati-activities", version=VERSION)
    if updated:
        root.set("generated-datetime", timezone.localtime(updated).isoformat(timespec="seconds"))
        updated = timezone.localtime(updated)
    today = timezone.localdate()
    indicators = defaultdict(list)
    for indicator in datasets.indicators(public):
        indicators[indicator.project_id].append(indicator)
    for project in datasets.projects(public):
        activity(root, project, reporting_org_name, indicators[project.pk], updated, today)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
