"""A status report for 2013 Q2 on the small hand-checked budget (budget_fixture.py).

Figures of the report (period 2013-04-01 – 2013-06-30), computed by hand:
                budget (whole)  forecast     budget to date  actual to date  actual in period
  A             110 000,50      105 000,50   110 000,50      34 000,55        4 000,45
  B              70 000,25       70 000,25    20 000,00           0,00            0,00
  total         180 000,75      175 000,75   130 000,50      34 000,55        4 000,45
Variance to date (budget to date − actual to date): 95 999,95.
To date per financier: Umeå kommun 30 000,10, Örnsköldsviks kommun 4 000,45.
"""

import datetime
from decimal import Decimal

from governance.decisions.models import Meeting
from governance.register.models import Activity, Membership, Person
from governance.reports import review
from governance.reports.models import Indicator, IndicatorValue, Risk, StatusReport

Q2_START = datetime.date(2013, 4, 1)
Q2_END = datetime.date(2013, 6, 30)


def build_report(small, **fields):
    values = {
        "project": small.project,
        "title": "Lägesrapport 2013 kvartal 2",
        "period_start": Q2_START,
        "period_end": Q2_END,
        "summary": "Arbetsgivarträffarna har kommit i gång.",
        **fields,
    }
    report = StatusReport.objects.create(**values)
    review.ensure_work_area_statuses(report)
    return report


def add_register_data(small):
    """Activities, a risk, the commuting indicator and a steering-group member."""
    for code, area, start, end, status, actual_start, actual_end in [
        ("A.1", small.area_a, "2013-01-10", "2013-05-31", "klar", "2013-01-10", "2013-05-20"),
        ("A.2", small.area_a, "2013-04-15", "2013-06-15", "pagar", "2013-04-15", None),
        ("B.1", small.area_b, "2013-08-01", "2013-12-31", "planerad", None, None),
    ]:
        Activity.objects.create(
            work_area=area,
            code=code,
            title=f"Aktivitet {code}",
            planned_start=datetime.date.fromisoformat(start),
            planned_end=datetime.date.fromisoformat(end),
            status=status,
            progress=100 if status == "klar" else 40,
            actual_start=actual_start and datetime.date.fromisoformat(actual_start),
            actual_end=actual_end and datetime.date.fromisoformat(actual_end),
        )
    Risk.objects.create(
        project=small.project,
        title="Arbetsgivarna deltar inte",
        likelihood=3,
        impact=4,
        mitigation="Personliga inbjudningar via handelskamrarna.",
    )
    Risk.objects.create(
        project=small.project, title="Stängd risk", likelihood=5, impact=5, state="stangd"
    )
    indicator = Indicator.objects.create(
        project=small.project,
        name="Andel pendlare mellan kommunerna",
        unit="%",
        baseline=Decimal("5.10"),
        target=Decimal("7.50"),
    )
    IndicatorValue.objects.create(
        indicator=indicator,
        measured_on=datetime.date(2013, 1, 1),
        value=Decimal("5.40"),
        source="SCB",
    )
    IndicatorValue.objects.create(
        indicator=indicator,
        measured_on=datetime.date(2014, 1, 1),
        value=Decimal("6.00"),
        source="SCB",
    )
    member = Person.objects.create(name="Styrgruppsledamot", email="ledamot@example.invalid")
    Membership.objects.create(
        project=small.project, person=member, body=Membership.Body.STEERING_GROUP
    )
    return indicator


__all__ = ["Meeting", "Q2_END", "Q2_START", "add_register_data", "build_report"]
