"""A small project with hand-checked figures, shared by the budget tests.

Budget (version 1, approved; current):      Actual:
  A Personal   2013      100 000,00 Umeå      V1 2013-03-15 A Personal  Umeå   30 000,10
  A Resor      2013 Q2    10 000,50 Ö-vik     V2 2013-04-30 A Resor     Ö-vik   4 500,45
  B Personal   2014       50 000,25 Ö-vik     V3 2013-05-02 A Resor     Ö-vik    −500,00
  B Ext. tj.   2013       20 000,00 –         V4 2013-12-31 B Ext. tj.  –      25 000,00
                         ----------           V5 2014-01-15 B Personal  Ö-vik  10 000,05
                         180 000,75                                            ---------
                                                                               69 000,60
Forecast: A Personal 95 000,00 (the other cells fall back to their budget).
Financiers: Umeå kommun commits 600 000,00; Örnsköldsviks kommun 40 % of the budget.
Version 2 (draft): A Personal 2013 120 000,00.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from governance.budget import cost_totals
from governance.budget.models import CostCategory, CostEntry
from governance.register.models import Project
from tests.governance.budget.factories import (
    BudgetLineFactory,
    BudgetVersionFactory,
    CostEntryFactory,
    FinancierFactory,
    ForecastFactory,
)
from tests.governance.register.factories import ProjectFactory, WorkAreaFactory


def build_small_budget(slug="testprojektet", **project_fields):
    project = ProjectFactory(
        slug=slug,
        **project_fields,
        start_date=datetime.date(2013, 1, 1),
        end_date=datetime.date(2014, 12, 31),
        state=Project.State.PLANNED,
    )
    area_a = WorkAreaFactory(project=project, code="A", title="Arbetsgivare", sort_order=0)
    area_b = WorkAreaFactory(project=project, code="B", title="Styrkor", sort_order=1)
    category = {c.name: c for c in CostCategory.objects.filter(project=project)}
    umea = FinancierFactory(
        project=project,
        organisation__name="Umeå kommun",
        committed_amount=Decimal("600000.00"),
    )
    ovik = FinancierFactory(
        project=project,
        organisation__name="Örnsköldsviks kommun",
        committed_share=Decimal("40"),
    )
    v1 = BudgetVersionFactory(
        project=project, number=1, label="Budget enligt projektplanen", approved=True
    )
    v2 = BudgetVersionFactory(project=project, number=2, label="Reviderad")
    for version, area, cat, fin, year, quarter, amount in [
        (v1, area_a, "Personal", umea, 2013, None, "100000.00"),
        (v1, area_a, "Resor", ovik, 2013, 2, "10000.50"),
        (v1, area_b, "Personal", ovik, 2014, None, "50000.25"),
        (v1, area_b, "Externa tjänster", None, 2013, None, "20000.00"),
        (v2, area_a, "Personal", umea, 2013, None, "120000.00"),
    ]:
        BudgetLineFactory(
            version=version,
            work_area=area,
            category=category[cat],
            financier=fin,
            year=year,
            quarter=quarter,
            amount=Decimal(amount),
        )
    for voucher, day, area, cat, fin, amount in [
        ("V1", "2013-03-15", area_a, "Personal", umea, "30000.10"),
        ("V2", "2013-04-30", area_a, "Resor", ovik, "4500.45"),
        ("V3", "2013-05-02", area_a, "Resor", ovik, "-500.00"),
        ("V4", "2013-12-31", area_b, "Externa tjänster", None, "25000.00"),
        ("V5", "2014-01-15", area_b, "Personal", ovik, "10000.05"),
    ]:
        CostEntryFactory(
            project=project,
            date=datetime.date.fromisoformat(day),
            work_area=area,
            category=category[cat],
            financier=fin,
            amount=Decimal(amount),
            voucher=voucher,
        )
    ForecastFactory(
        project=project,
        work_area=area_a,
        category=category["Personal"],
        expected_total=Decimal("95000.00"),
        made_on=datetime.date(2013, 6, 1),
    )
    return SimpleNamespace(
        project=project,
        area_a=area_a,
        area_b=area_b,
        category=category,
        umea=umea,
        ovik=ovik,
        v1=v1,
        v2=v2,
    )


def add_entries(small, count, start_number=100):
    """More cost entries, spread over the areas, categories and months."""
    areas = [small.area_a, small.area_b]
    categories = list(small.category.values())
    CostEntry.objects.bulk_create(
        CostEntry(
            project=small.project,
            date=datetime.date(2013, 1 + n % 12, 1 + n % 28),
            work_area=areas[n % 2],
            category=categories[n % len(categories)],
            financier=[small.umea, small.ovik, None][n % 3],
            amount=Decimal("1.01"),
            voucher=f"X{start_number + n}",
        )
        for n in range(count)
    )
    cost_totals.rebuild(small.project)  # bulk_create sends no signals
