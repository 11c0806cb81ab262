"""Demo budget of the demo project: two financing municipalities, an approved budget and a
draft revision, forecasts, and monthly actual costs for the whole project period, written to
an .xlsx file and imported through the same import as a real accounting export.

Every amount here is invented example data, and says so: the real project's budget is not
public. Finds what an earlier run made and then changes nothing.
"""

import datetime
import random
import tempfile
from decimal import Decimal

from django.contrib.auth import get_user_model

from openpyxl import Workbook

from core import demo_data
from governance.budget import cost_import, services
from governance.budget.figures import months_between
from governance.budget.models import (
    BudgetVersion,
    CostCategory,
    CostImportBatch,
    Financier,
    Forecast,
    create_default_account_mappings,
)
from governance.budget.version_lines import LineKey
from governance.register.models import Organisation, Project, WorkArea

EXAMPLE = "Exempeldata"
DEMO_FILE = "exempeldata-utfall-2012-2014.xlsx"
FINANCIERS = [("Umeå kommun", "U"), ("Örnsköldsviks kommun", "Ö")]
# Each municipality commits its cash and its staff time and premises
# (governance/cofinancing/demo.py).
COMMITMENT = Decimal("1500000.00")

# Budget for the whole project per work area and cost category, in kronor (example data).
BUDGET = {
    "A": {"Personal": 360000, "Externa tjänster": 120000, "Resor": 60000, "Lokaler": 40000,
          "Övrigt": 20000},
    "B": {"Personal": 300000, "Externa tjänster": 200000, "Resor": 30000, "Utrustning": 20000,
          "Övrigt": 10000},
    "C": {"Personal": 240000, "Externa tjänster": 260000, "Resor": 40000, "Lokaler": 30000,
          "Övrigt": 20000},
    "D": {"Personal": 400000, "Externa tjänster": 60000, "Resor": 60000, "Lokaler": 20000,
          "Övrigt": 10000},
}  # fmt: skip
# Share of each year in the budget: the project runs October 2012 – September 2014.
YEAR_SHARES = {2012: Decimal("0.125"), 2013: Decimal("0.5"), 2014: Decimal("0.375")}
# The draft revision moves money from travel in A to external services in C in 2014.
REVISION = {
    ("A", "Resor", 2014): Decimal("-20000"),
    ("C", "Externa tjänster", 2014): Decimal("80000"),
}


def load_financiers(project):
    financiers = []
    for name, _prefix in FINANCIERS:
        organisation, _created = Organisation.objects.get_or_create(
            name=name, defaults={"kind": Organisation.Kind.MUNICIPALITY}
        )
        financier, _created = Financier.objects.get_or_create(
            project=project,
            organisation=organisation,
            defaults={
                "committed_amount": COMMITMENT,
                "note": f"{EXAMPLE}: beloppet är påhittat för demonstrationen.",
            },
        )
        financiers.append(financier)
    return financiers


def _lines(project, financiers):
    """(work area code, category, year, financier, amount) with each year's share split
    evenly between the financiers."""
    for code, categories in BUDGET.items():
        for category, total in categories.items():
            for year, share in YEAR_SHARES.items():
                per_financier = (Decimal(total) * share / len(financiers)).quantize(Decimal("1"))
                for financier in financiers:
                    yield code, category, year, financier, per_financier


def load_versions(project, financiers):
    if BudgetVersion.objects.filter(project=project).exists():
        return False
    areas = {area.code: area for area in WorkArea.objects.filter(project=project)}
    categories = {c.name: c for c in CostCategory.objects.filter(project=project)}
    # Through the budget's own services, as a project leader and the steering group would.
    approved = BudgetVersion.objects.create(
        project=project, number=1, label=f"Budget enligt projektplanen ({EXAMPLE.lower()})"
    )
    draft = BudgetVersion.objects.create(
        project=project,
        number=2,
        label=f"Förslag till reviderad budget 2014 ({EXAMPLE.lower()})",
    )
    approved_amounts, draft_amounts = {}, {}
    for code, category, year, financier, amount in _lines(project, financiers):
        key = LineKey(areas[code].pk, categories[category].pk, None, financier.pk, year, None)
        approved_amounts[key] = amount
        change = REVISION.get((code, category, year), Decimal(0)) / len(financiers)
        draft_amounts[key] = amount + change
    services.save_draft_lines(approved, approved_amounts)
    services.approve_budget_version(
        approved,
        approved_on=datetime.date(2012, 10, 22),
        approved_by="Styrgruppen",
        reference="2012:01",
    )
    services.save_draft_lines(draft, draft_amounts)
    for code, category, expected in [
        ("A", "Personal", Decimal("372000.00")),
        ("C", "Externa tjänster", Decimal("335000.00")),
        ("D", "Resor", Decimal("48000.00")),
    ]:
        Forecast.objects.create(
            project=project,
            work_area=areas[code],
            category=categories[category],
            expected_total=expected,
            made_on=datetime.date(2014, 3, 31),
            comment=f"{EXAMPLE}: bedömning inför styrgruppsmötet i april 2014.",
        )
    return True


def cost_rows(project, financiers):
    """Monthly actual costs through the project period, as an accounting export has them.
    A fixed seed keeps the demo the same on every machine."""
    randomiser = random.Random(2012)
    months = months_between(project.start_date, project.end_date)
    numbers = {prefix: 0 for _name, prefix in FINANCIERS}
    for month_index, month in enumerate(months):
        day = month.replace(day=25)
        for area_index, (code, categories) in enumerate(BUDGET.items()):
            for category, total in categories.items():
                monthly = Decimal(total) / len(months)
                # External services in C run over budget, so the overview has something to flag.
                factor = Decimal("1.35") if (code, category) == ("C", "Externa tjänster") else 1
                factor *= Decimal(randomiser.randint(60, 130)) / 100
                amount = (monthly * factor).quantize(Decimal("0.01"))
                (name, prefix) = FINANCIERS[(month_index + area_index) % len(FINANCIERS)]
                financier = next(f for f in financiers if f.organisation.name == name)
                numbers[prefix] += 1
                yield [
                    day,
                    float(amount),
                    category,
                    code,
                    None,
                    financier.organisation.name,
                    f"{prefix}{day.year}-{numbers[prefix]:04d}",
                    f"{EXAMPLE}: {category.lower()}, arbetsområde {code}",
                ]
    # A correction, as the accounts have them: a travel invoice booked twice, reversed.
    yield [
        datetime.date(2013, 3, 12),
        -1850.0,
        "Resor",
        "A",
        None,
        FINANCIERS[0][0],
        "U2013-9001",
        f"{EXAMPLE}: rättelse av dubbelbokad resefaktura",
    ]


def write_cost_export(rows, path):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Utfall")
    sheet.append(
        ["Datum", "Belopp", "Kostnadsslag", "Arbetsområde", "Aktivitet", "Finansiär",
         "Verifikation", "Text"]
    )  # fmt: skip
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def load_costs(project, financiers, rows=None, file_name=DEMO_FILE, username="projektledare"):
    """The rows (by default the first project's cost_rows) written to an .xlsx file and
    imported as the project leader imports an accounting export."""
    if CostImportBatch.objects.filter(project=project, file_name=file_name).exists():
        return None
    user = get_user_model().objects.filter(username=username).first()
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as export:
        write_cost_export(rows or cost_rows(project, financiers), export.name)
        with open(export.name, "rb") as file_obj:
            with cost_import.open_sheet(file_obj, file_name) as sheet:
                mapping = cost_import.guess_mapping(sheet.headers)
            batch, _validation = cost_import.import_costs(
                project, file_obj, file_name, mapping, user
            )
    return batch


# The second, invented project (core/demo_data.py's SECOND_PROJECT): one approved budget of
# 16 lines (two work areas, four categories each, 2012 and 2013), each work area paid by
# one financier, and a few monthly costs of 2012.
SECOND_FILE = "exempeldata-kompetenslyft-utfall-2012.xlsx"
SECOND_BUDGET = {
    "A": {"Personal": 240000, "Externa tjänster": 90000, "Resor": 20000, "Lokaler": 30000},
    "B": {"Personal": 180000, "Externa tjänster": 60000, "Resor": 15000, "Övrigt": 10000},
}
SECOND_FINANCIER_OF_AREA = {"A": "Norrby kommun (exempel)", "B": "Region Nord (exempel)"}
SECOND_YEAR_SHARES = {2012: Decimal("0.45"), 2013: Decimal("0.55")}
# (month of 2012, work area, category, amount in kronor)
SECOND_COSTS = [
    (3, "A", "Personal", "9800.00"), (4, "A", "Personal", "10250.00"),
    (4, "B", "Externa tjänster", "12400.00"), (5, "A", "Resor", "1860.50"),
    (5, "B", "Personal", "7900.00"), (6, "B", "Personal", "8120.00"),
    (6, "A", "Lokaler", "2500.00"), (8, "A", "Externa tjänster", "18750.00"),
    (9, "B", "Resor", "1245.00"), (9, "A", "Personal", "10400.00"),
    (10, "B", "Övrigt", "990.00"), (11, "A", "Personal", "10400.00"),
]  # fmt: skip


def second_cost_rows():
    numbers = {}
    for month, code, category, amount in SECOND_COSTS:
        financier = SECOND_FINANCIER_OF_AREA[code]
        numbers[financier] = numbers.get(financier, 0) + 1
        yield [
            datetime.date(2012, month, 25),
            float(amount),
            category,
            code,
            None,
            financier,
            f"N{code}2012-{numbers[financier]:03d}",
            f"{EXAMPLE}: {category.lower()}, arbetsområde {code}",
        ]


def load_second(stdout):
    project = Project.objects.get(slug=demo_data.SECOND_PROJECT["slug"])
    create_default_account_mappings(project)
    financiers = {}
    for code, name in SECOND_FINANCIER_OF_AREA.items():
        organisation = Organisation.objects.get(name=name)
        financiers[code], _created = Financier.objects.get_or_create(
            project=project,
            organisation=organisation,
            defaults={
                "committed_amount": Decimal(sum(SECOND_BUDGET[code].values())),
                "note": f"{EXAMPLE}: beloppet är påhittat för demonstrationen.",
            },
        )
    made_version = False
    if not BudgetVersion.objects.filter(project=project).exists():
        areas = {area.code: area for area in WorkArea.objects.filter(project=project)}
        categories = {c.name: c for c in CostCategory.objects.filter(project=project)}
        version = BudgetVersion.objects.create(
            project=project, number=1, label=f"Budget enligt projektplanen ({EXAMPLE.lower()})"
        )
        amounts = {
            LineKey(
                areas[code].pk, categories[category].pk, None, financiers[code].pk, year, None
            ): (Decimal(total) * share).quantize(Decimal("1"))
            for code, lines in SECOND_BUDGET.items()
            for category, total in lines.items()
            for year, share in SECOND_YEAR_SHARES.items()
        }
        services.save_draft_lines(version, amounts)
        services.approve_budget_version(
            version,
            approved_on=datetime.date(2012, 3, 20),
            approved_by="Styrgruppen",
            reference="2012:01",
        )
        made_version = True
    batch = load_costs(
        project,
        list(financiers.values()),
        rows=list(second_cost_rows()),
        file_name=SECOND_FILE,
        username="kompetens-projektledare",
    )
    if made_version or batch:
        stdout.write(
            f"Budget för {project.short_name} ({EXAMPLE.lower()}): 1 budgetversion, "
            f"{batch.row_count if batch else 0} kostnadsposter importerade från {SECOND_FILE}."
        )


def load(stdout):
    project = Project.objects.get(slug=demo_data.PROJECT["slug"])
    # The BAS account mapping, for importing the municipalities' ledgers and SIE files.
    create_default_account_mappings(project)
    financiers = load_financiers(project)
    made_versions = load_versions(project, financiers)
    batch = load_costs(project, financiers)
    if made_versions or batch:
        stdout.write(
            f"Budget ({EXAMPLE.lower()}): 2 budgetversioner, "
            f"{batch.row_count if batch else 0} kostnadsposter importerade från {DEMO_FILE}."
        )
    load_second(stdout)
