"""Co-financing on the small hand-checked budget of ../budget/fixtures.py (project
2013-01-01 – 2014-12-31; Umeå kommun commits 600 000,00, Örnsköldsviks kommun 40 % of
version 1's 180 000,75 = 72 000,30). Payroll overhead 42,15 %.

Hourly costs: Roland Carlsson (Umeå kommun) 412,50 kr in 2013 and 425,00 kr from 2014;
Frida Bylin (Örnsköldsviks kommun) 318,75 kr from 2013. Erik Sedig has none.

Time reports, valued by hand (hours × hourly cost × 1,4215, rounded to öre per line):
  Roland  2013-03 A  37,50 h × 412,50 × 1,4215 = 21 988,828125 → 21 988,83
  Roland  2013-05 B  12,25 h × 412,50 × 1,4215 =  7 183,0171875 → 7 183,02
  Roland  2014-01 A  10,00 h × 425,00 × 1,4215 =  6 041,375     → 6 041,38
  Frida   2013-04 A  20,50 h × 318,75 × 1,4215 =  9 288,6140625 → 9 288,61
  Erik    2013-06 B   8,00 h, no hourly cost: not valued
In kind: Umeå kommun premises 2013-05-15 12 000,00; Örnsköldsviks kommun services
2014-02-01 3 500,50.

Whole project:          cash        hours   staff time   in kind     total
  Umeå kommun      30 000,10   59,75    35 213,23   12 000,00   77 213,33
  Örnsköldsviks k. 14 000,50   20,50     9 288,61    3 500,50   26 789,61
  not assigned     25 000,00    0,00         0,00        0,00   25 000,00
To date 2013-06-30 (the 2013 Q2 report):
  Umeå kommun      30 000,10   49,75    29 171,85   12 000,00   71 171,95  (11,9 % of 600 000,00;
                                                                            528 828,05 left)
  Örnsköldsviks k.  4 000,45   20,50     9 288,61        0,00   13 289,06  (18,5 % of 72 000,30;
                                                                            58 711,24 left)
  In the period 2013-04 – 2013-06: Umeå 12,25 h and 19 183,02 non-cash; Ö-vik 20,50 h and
  9 288,61 non-cash; 8,00 h not valued (Erik Sedig, 2013-06).
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from tests.governance.cofinancing.factories import (
    CofinancingSettingsFactory,
    HourlyCostFactory,
    InKindContributionFactory,
    TimeReportFactory,
)
from tests.governance.register.factories import OrganisationFactory, PersonFactory


def month(text):
    return datetime.date.fromisoformat(text + "-01")


def add_cofinancing(small):
    project = small.project
    CofinancingSettingsFactory(project=project, payroll_overhead_percent=Decimal("42.15"))
    roland = PersonFactory(name="Roland Carlsson", organisation=small.umea.organisation)
    frida = PersonFactory(name="Frida Bylin", organisation=small.ovik.organisation)
    erik = PersonFactory(name="Erik Sedig", organisation=OrganisationFactory(name="Umeåregionen"))
    HourlyCostFactory(
        project=project,
        person=roland,
        financier=small.umea,
        valid_from=datetime.date(2013, 1, 1),
        valid_to=datetime.date(2013, 12, 31),
        hourly_rate=Decimal("412.50"),
    )
    HourlyCostFactory(
        project=project,
        person=roland,
        financier=small.umea,
        valid_from=datetime.date(2014, 1, 1),
        hourly_rate=Decimal("425.00"),
    )
    HourlyCostFactory(
        project=project,
        person=frida,
        financier=small.ovik,
        valid_from=datetime.date(2013, 1, 1),
        hourly_rate=Decimal("318.75"),
    )
    for person, when, area, hours in [
        (roland, "2013-03", small.area_a, "37.50"),
        (roland, "2013-05", small.area_b, "12.25"),
        (roland, "2014-01", small.area_a, "10.00"),
        (frida, "2013-04", small.area_a, "20.50"),
        (erik, "2013-06", small.area_b, "8.00"),
    ]:
        TimeReportFactory(
            project=project, person=person, work_area=area, month=month(when), hours=Decimal(hours)
        )
    InKindContributionFactory(
        project=project,
        financier=small.umea,
        description="Mötesrum för projektgruppen",
        date=datetime.date(2013, 5, 15),
        value=Decimal("12000.00"),
    )
    InKindContributionFactory(
        project=project,
        financier=small.ovik,
        kind="tjanster",
        description="Grafisk form av broschyren",
        date=datetime.date(2014, 2, 1),
        value=Decimal("3500.50"),
    )
    return SimpleNamespace(**vars(small), roland=roland, frida=frida, erik=erik)
