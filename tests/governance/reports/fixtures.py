"""A status report for 2013 Q2 on the small hand-checked budget of ../budget/fixtures.py.

Figures of the report (period 2013-04-01 – 2013-06-30), computed by hand by the rule of
governance/budget/figures.py (each line spread evenly over its months in whole öre, the öre
left over on the last months):
                budget (whole)  forecast     budget to date  actual to date  actual in period
  A             110 000,50      105 000,50    60 000,48      34 000,55        4 000,45
  B              70 000,25       70 000,25     9 999,98           0,00            0,00
  total         180 000,75      175 000,75    70 000,46      34 000,55        4 000,45
Budget to date of A: Personal 2013 January–June 6 × 8 333,33, Resor 2013 Q2 10 000,50; of B:
Externa tjänster 2013 January–April 1 666,66, May–June 1 666,67. Budget in the period
(April–June) 40 000,49. Variance to date (budget to date − actual to date): 35 999,91.
To date per financier: Umeå kommun 30 000,10, Örnsköldsviks kommun 4 000,45.
"""

import datetime
from decimal import Decimal

from governance.decisions.models import Meeting
from governance.reports import content as report_content
from governance.reports import review
from governance.reports.models import IndicatorValue, Risk, WorkAreaStatus
from tests.governance.register.factories import ActivityFactory, MembershipFactory
from tests.governance.reports.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    RiskFactory,
    StatusReportFactory,
)

Q2_START = datetime.date(2013, 4, 1)
Q2_END = datetime.date(2013, 6, 30)


def build_report(small, **fields):
    """A draft "Lägesrapport 2013 kvartal 2" with a status row per work area."""
    values = {
        "project": small.project,
        "period_start": Q2_START,
        "period_end": Q2_END,
        "summary": "Arbetsgivarträffarna har kommit i gång.",
    }
    return StatusReportFactory(**{**values, **fields})


def day(iso):
    return iso and datetime.date.fromisoformat(iso)


def add_register_data(small):
    """Activities, a risk, the commuting indicator and a steering-group member."""
    for code, area, start, end, status, actual_start, actual_end in [
        ("A.1", small.area_a, "2013-01-10", "2013-05-31", "klar", "2013-01-10", "2013-05-20"),
        ("A.2", small.area_a, "2013-04-15", "2013-06-15", "pagar", "2013-04-15", None),
        ("B.1", small.area_b, "2013-08-01", "2013-12-31", "planerad", None, None),
    ]:
        ActivityFactory(
            work_area=area,
            code=code,
            planned_start=day(start),
            planned_end=day(end),
            status=status,
            progress=100 if status == "klar" else 40,
            actual_start=day(actual_start),
            actual_end=day(actual_end),
        )
    RiskFactory(
        project=small.project,
        title="Arbetsgivarna deltar inte",
        likelihood=3,
        impact=4,
        mitigation="Personliga inbjudningar via handelskamrarna.",
    )
    RiskFactory(project=small.project, title="Stängd risk", likelihood=5, impact=5, state="stangd")
    indicator = IndicatorFactory(
        project=small.project,
        name="Andel pendlare mellan kommunerna",
        unit="%",
        baseline=Decimal("5.10"),
        target=Decimal("7.50"),
    )
    for measured_on, value in [("2013-01-01", "5.40"), ("2014-01-01", "6.00")]:
        IndicatorValueFactory(
            indicator=indicator, measured_on=day(measured_on), value=Decimal(value), source="SCB"
        )
    MembershipFactory(
        project=small.project,
        person__name="Styrgruppsledamot",
        person__email="ledamot@example.invalid",
    )
    return indicator


# Three reports, 2013 Q1–Q3, for the comparison over time (see test_over_time.py for the
# figures computed by hand).
RISK = "Arbetsgivarna deltar inte"
# period, overall, status of A, likelihood of RISK, whether "Lokalerna räcker inte" is open
QUARTERS = [
    (1, "gron", "gron", 3, False),
    (2, "gul", "gul", 4, True),
    (3, "gron", "rod", 2, False),
]


def submit_quarters(small, leader):
    """Submits a report for each of 2013 Q1–Q3 (after add_register_data), moving the risk
    and the statuses between them and adding a commuting value of 2013-06-30."""
    risk = Risk.objects.get(title=RISK)
    premises = Risk.objects.create(
        project=small.project, title="Lokalerna räcker inte", likelihood=1, impact=2
    )
    IndicatorValue.objects.create(
        indicator=small.project.indicators.get(),
        measured_on=datetime.date(2013, 6, 30),
        value=Decimal("5.70"),
        source="SCB",
    )
    reports = []
    for quarter, overall, status_a, likelihood, premises_open in QUARTERS:
        start, end = report_content.quarter_period(2013, quarter)
        risk.likelihood = likelihood
        risk.save()
        premises.state = Risk.State.OPEN if premises_open else Risk.State.CLOSED
        premises.save()
        report = build_report(
            small,
            title=f"Lägesrapport 2013 kvartal {quarter}",
            period_start=start,
            period_end=end,
            overall_status=overall,
            overall_comment="" if overall == "gron" else "Förseningar.",
        )
        WorkAreaStatus.objects.filter(report=report, work_area=small.area_a).update(
            status=status_a, comment="" if status_a == "gron" else "Rekryteringen dröjer."
        )
        reports.append(review.submit(report, leader, notify=False))
    return reports


__all__ = [
    "Meeting",
    "Q2_END",
    "Q2_START",
    "RISK",
    "add_register_data",
    "build_report",
    "submit_quarters",
]
