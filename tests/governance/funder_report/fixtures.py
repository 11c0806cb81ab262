"""A report to the funder on the small hand-checked budget (../budget/fixtures.py) and its
Q2 2013 status report (../reports/fixtures.py), with a ledger of the period computed by hand.

The funder's cost types and our categories mapped to them:
  Personal (basis of the flat rate)  ← Personal
  Externa tjänster                   ← Externa tjänster
  Resor och logi                     ← Resor
  Lokaler                            ← Lokaler
  Investeringar                      ← Utrustning
  Intäkter (income)                  ← Intäkter (a category of its own)
  (not mapped)                       ← Övrigt
Flat rate: 15 % of personnel.

Ledger of the period 2013-04-01 – 2013-06-30 (besides V2 4 500,45 and V3 −500,00, Resor):
  P 10/1  2013-04-10  A Personal          Umeå     12 345,49
  P 10/2  2013-04-10  A Personal          Umeå      1 000,01   (one voucher, two rows)
  E 11    2013-05-20  B Externa tjänster  –         8 000,00
  I 15    2013-05-05  A Intäkter          –        −3 000,00   (income 3 000,00)
  L 12    2013-06-30  A Lokaler           Ö-vik     2 500,50
  U 13    2013-06-01  B Utrustning        –           999,99
  O 14    2013-06-15  A Övrigt            Umeå        100,00
Outside it: V1 2013-03-15 Personal 30 000,10 (to date), P 20 2013-07-01 Personal 5 000,00
(after the period: in neither column).

In the period, per the funder's cost type:
  Personal 13 345,50 · Externa tjänster 8 000,00 · Resor och logi 4 000,45 · Lokaler 2 500,50
  · Investeringar 999,99 · not mapped 100,00 → direct costs 28 946,44
  flat rate 15 % × 13 345,50 = 2 001,825 → 2 001,83 (half an öre up; half-even would give ,82)
  total costs 30 948,27 · income 3 000,00 · ledger 25 946,44 · net 27 948,27
To date (up to 2013-06-30): Personal 43 345,60 → flat rate 6 501,84; direct 58 946,54;
  total 65 448,38.
Budget (the frozen report's whole-project budget per category): Personal 150 000,25
  → flat rate 22 500,0375 → 22 500,04.
"""

import datetime
from decimal import Decimal

from governance.budget.models import CostCategory
from governance.funder_report.models import (
    FunderCostMapping,
    FunderCostType,
    FunderReportSettings,
)
from tests.governance.budget.factories import CostEntryFactory

PERIOD_VOUCHERS = ["V2", "V3", "P 10/1", "P 10/2", "I 15", "E 11", "U 13", "O 14", "L 12"]


def add_funder_setup(small, percent="15.00"):
    project = small.project
    small.category["Intäkter"] = CostCategory.objects.create(
        project=project, name="Intäkter", sort_order=20
    )
    FunderReportSettings.objects.create(
        project=project,
        funder="Tillväxtverket",
        case_number="20201234",
        flat_rate_percent=Decimal(percent),
        working_methods="Projektet leds av två projektledare.\n\nStyrgruppen möts kvartalsvis.",
    )
    types = {}
    for order, (name, kind, base, ours) in enumerate(
        [
            ("Personal", "kostnad", True, ["Personal"]),
            ("Externa tjänster", "kostnad", False, ["Externa tjänster"]),
            ("Resor och logi", "kostnad", False, ["Resor"]),
            ("Lokaler", "kostnad", False, ["Lokaler"]),
            ("Investeringar", "kostnad", False, ["Utrustning"]),
            ("Intäkter", "intakt", False, ["Intäkter"]),
        ]
    ):
        types[name] = FunderCostType.objects.create(
            project=project, name=name, kind=kind, is_flat_rate_base=base, sort_order=order
        )
        for category in ours:
            FunderCostMapping.objects.create(
                cost_type=types[name], category=small.category[category]
            )
    return types


def add_period_ledger(small):
    for voucher, day, area, category, financier, amount in [
        ("P 10/1", "2013-04-10", small.area_a, "Personal", small.umea, "12345.49"),
        ("P 10/2", "2013-04-10", small.area_a, "Personal", small.umea, "1000.01"),
        ("E 11", "2013-05-20", small.area_b, "Externa tjänster", None, "8000.00"),
        ("I 15", "2013-05-05", small.area_a, "Intäkter", None, "-3000.00"),
        ("L 12", "2013-06-30", small.area_a, "Lokaler", small.ovik, "2500.50"),
        ("U 13", "2013-06-01", small.area_b, "Utrustning", None, "999.99"),
        ("O 14", "2013-06-15", small.area_a, "Övrigt", small.umea, "100.00"),
        ("P 20", "2013-07-01", small.area_a, "Personal", small.umea, "5000.00"),
    ]:
        CostEntryFactory(
            project=small.project,
            date=datetime.date.fromisoformat(day),
            work_area=area,
            category=small.category[category],
            financier=financier,
            amount=Decimal(amount),
            voucher=voucher,
            description=f"Kostnad {voucher}",
        )
