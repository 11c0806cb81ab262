"""Demo co-financing of the demo project: the payroll overhead, hourly costs of five
project-group members, their monthly time reports (written to an .xlsx file shaped like a
municipality's time report and imported through the same import as a real one) and
contributions in kind from the two financing municipalities.

Every hour, rate and value here is invented example data, and says so. Finds what an
earlier run made and then changes nothing.
"""

import datetime
import random
import tempfile
from decimal import Decimal

from django.contrib.auth import get_user_model

from openpyxl import Workbook

from core import demo_data
from governance.budget.figures import months_between
from governance.budget.models import Financier
from governance.cofinancing import excel, services
from governance.cofinancing.models import (
    CofinancingSettings,
    HourlyCost,
    InKindContribution,
)
from governance.register.models import Person, Project

EXAMPLE = "Exempeldata"
DEMO_FILE = "exempeldata-tidrapporter-2012-2014.xlsx"
OVERHEAD = Decimal("42.15")
MONTH_NAMES = [
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december",
]  # fmt: skip

# (person, financier or None, from, hourly cost, work areas they report on)
HOURLY_COSTS = [
    ("Roland Carlsson", "Umeå kommun", datetime.date(2012, 10, 1), "395.00", "AB"),
    ("Roland Carlsson", "Umeå kommun", datetime.date(2014, 1, 1), "406.50", "AB"),
    ("Emmy Sundin", "Umeå kommun", datetime.date(2012, 10, 1), "298.50", "BC"),
    ("Frida Bylin", "Örnsköldsviks kommun", datetime.date(2012, 10, 1), "312.00", "CD"),
    # Her hourly cost was entered from 2013 only: her hours of 2012 show as not valued.
    ("Hanna Wallin", "Örnsköldsviks kommun", datetime.date(2013, 1, 1), "287.25", "AD"),
    ("Camilla Fahlander", None, datetime.date(2012, 10, 1), "351.00", "D"),
]

# (financier, kind, description, date, period end, value, valuation basis)
IN_KIND = [
    ("Örnsköldsviks kommun", InKindContribution.Kind.PREMISES,
     "Konferenslokal och fika vid projektets kick-off", datetime.date(2012, 10, 22), None,
     "12000.00", "Kommunens pris för externa hyresgäster, en heldag"),
    ("Umeå kommun", InKindContribution.Kind.PREMISES,
     "Mötesrum för projektgruppens möten i Umeå, 2013", datetime.date(2013, 1, 1),
     datetime.date(2013, 12, 31), "24000.00", "Internhyra 2 000 kr per månad"),
    ("Umeå kommun", InKindContribution.Kind.PREMISES,
     "Mötesrum för projektgruppens möten i Umeå, 2014", datetime.date(2014, 1, 1),
     datetime.date(2014, 9, 30), "18000.00", "Internhyra 2 000 kr per månad"),
    ("Örnsköldsviks kommun", InKindContribution.Kind.SERVICES,
     "Grafisk form av informationsbroschyren", datetime.date(2013, 5, 15), None,
     "18500.00", "Kommunikationsavdelningens timpris, 37 timmar à 500 kr"),
]  # fmt: skip


def load_settings(project):
    settings, created = CofinancingSettings.objects.get_or_create(
        project=project,
        defaults={
            "payroll_overhead_percent": OVERHEAD,
            "note": f"{EXAMPLE}: pålägget är påhittat för demonstrationen.",
        },
    )
    return created


def load_hourly_costs(project, people, financiers):
    ends = {}
    for name, _financier, start, _rate, _areas in HOURLY_COSTS:
        if name in ends:
            ends[name][-1] = start - datetime.timedelta(days=1)
        ends.setdefault(name, []).append(None)
    for name, financier, start, rate, _areas in HOURLY_COSTS:
        HourlyCost.objects.create(
            project=project,
            person=people[name],
            financier=financiers.get(financier),
            valid_from=start,
            valid_to=ends[name].pop(0),
            hourly_rate=Decimal(rate),
        )


def time_rows(project):
    """[name, month, work area, hours] as a municipality's time report lists them. A fixed
    seed keeps the demo the same on every machine."""
    randomiser = random.Random(2013)
    reporters = {}
    for name, *_rest, areas in HOURLY_COSTS:
        reporters[name] = areas
    rows = []
    for month in months_between(project.start_date, project.end_date):
        if month.month == 7:
            continue  # the summer holiday
        for name, areas in reporters.items():
            for code in areas:
                hours = Decimal(randomiser.randint(4, 24)) / 2  # whole and half hours
                rows.append([name, f"{MONTH_NAMES[month.month - 1]} {month.year}", code, hours])
    return rows


def write_time_report(project, path):
    """The file as staff keep it: a title row, Swedish headers, hours with a decimal comma
    (as text), a blank row and a sum row at the bottom."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Tidrapport")
    sheet.append([f"Tidrapport, {project.short_name} ({EXAMPLE.lower()})"])
    sheet.append(["Namn", "Månad", "Arbetsområde", "Timmar", "Kommentar"])
    total = Decimal(0)
    for name, month, code, hours in time_rows(project):
        total += hours
        sheet.append([name, month, code, str(hours).replace(".", ","), EXAMPLE])
    sheet.append([])
    sheet.append(["Summa", None, None, float(total)])
    workbook.save(path)


def load_time_reports(project):
    user = get_user_model().objects.filter(username="projektledare").first()
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as export:
        write_time_report(project, export.name)
        with open(export.name, "rb") as file_obj:
            preview = excel.read_time_reports(project, file_obj)
    if not preview.is_valid:
        raise ValueError(f"The demo time report does not import: {preview.errors[:3]}")
    services.save_import(preview, user=user)
    return preview


def load_in_kind(project, financiers):
    for financier, kind, description, day, period_end, value, basis in IN_KIND:
        InKindContribution.objects.create(
            project=project,
            financier=financiers[financier],
            kind=kind,
            description=f"{description} ({EXAMPLE.lower()})",
            date=day,
            period_end=period_end,
            value=Decimal(value),
            valuation_basis=basis,
        )


def load(stdout):
    project = Project.objects.get(slug=demo_data.PROJECT["slug"])
    if not load_settings(project):
        return
    people = {person.name: person for person in Person.objects.all()}
    financiers = {
        f.organisation.name: f
        for f in Financier.objects.filter(project=project).select_related("organisation")
    }
    load_hourly_costs(project, people, financiers)
    preview = load_time_reports(project)
    load_in_kind(project, financiers)
    stdout.write(
        f"Medfinansiering ({EXAMPLE.lower()}): {len(preview.to_create)} tidrapportrader "
        f"importerade från {DEMO_FILE}, {len(IN_KIND)} bidrag i annat än pengar."
    )
