"""Issue 21: the report to the funder for a project with 100 000 cost entries and 5 000 time
reports (target 5 s): the figures built once (governance/funder_report/figures.py) and the
.xlsx with the cost-type table and a voucher list of all 100 000 entries (the report is the
final report over the whole project period), and the PDF and the .docx of the text."""

import datetime
import time
from decimal import Decimal

from bench.run import measure

WORK_AREAS = 5
COST_ENTRIES = 100_000
TIME_REPORTS = 5_000
START = datetime.date(2012, 10, 1)
END = datetime.date(2014, 9, 30)
SLUG = "bench-finansiar"


def _months():
    month = START
    while month <= END:
        yield month
        month = (month + datetime.timedelta(days=32)).replace(day=1)


def add_time_reports(project, areas):
    """5 000 time reports (person × work area × month) with hourly costs, when the
    co-financing slice (governance/cofinancing) is installed; returns how many."""
    try:
        from governance.cofinancing.models import CofinancingSettings, HourlyCost, TimeReport
    except ImportError:
        return 0
    from governance.budget.models import Financier
    from governance.register.models import Person

    financiers = list(Financier.objects.filter(project=project))
    months = list(_months())
    people_needed = -(-TIME_REPORTS // (len(months) * WORK_AREAS))
    people = Person.objects.bulk_create(
        Person(name=f"Benchperson {n}") for n in range(people_needed)
    )
    CofinancingSettings.objects.create(project=project, payroll_overhead_percent=Decimal("42.15"))
    HourlyCost.objects.bulk_create(
        HourlyCost(
            project=project,
            person=person,
            hourly_rate=Decimal("412.50"),
            valid_from=START,
            financier=financiers[n % len(financiers)],
        )
        for n, person in enumerate(people)
    )
    rows = [
        TimeReport(
            project=project, person=person, work_area=area, month=month, hours=Decimal("7.5")
        )
        for person in people
        for area in areas
        for month in months
    ][:TIME_REPORTS]
    TimeReport.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def fill():
    from django.contrib.auth.models import Group, User

    from core.roles import PROJECT_LEADER
    from governance.budget import cost_totals
    from governance.budget.models import (
        BudgetLine,
        BudgetVersion,
        CostCategory,
        CostEntry,
        Financier,
    )
    from governance.funder_report.models import (
        FunderCostMapping,
        FunderCostType,
        FunderReportSettings,
    )
    from governance.register.models import Organisation, Project, WorkArea
    from governance.reports import review
    from governance.reports.models import StatusReport

    existing = StatusReport.objects.filter(project__slug=SLUG).first()
    if existing:  # filled by an earlier run on this database
        return existing, None
    project = Project.objects.create(
        name="Finansiärsbench", short_name="Finansiär", slug=SLUG, start_date=START, end_date=END
    )
    areas = WorkArea.objects.bulk_create(
        WorkArea(project=project, code=chr(65 + n), title=f"Område {n}", sort_order=n)
        for n in range(WORK_AREAS)
    )
    categories = list(CostCategory.objects.filter(project=project))
    financiers = [
        Financier.objects.create(
            project=project,
            organisation=Organisation.objects.get_or_create(name=f"Benchkommun {n}")[0],
            committed_amount=Decimal("5000000.00"),
        )
        for n in range(2)
    ]
    version = BudgetVersion.objects.create(
        project=project, number=1, label="Budget", state="faststalld", approved_on=START
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            version=version, work_area=area, category=category, year=year,
            amount=Decimal("100000.00"), financier=financiers[year % 2],
        )
        for area in areas
        for category in categories
        for year in (2012, 2013, 2014)
    )  # fmt: skip
    days = (END - START).days
    CostEntry.objects.bulk_create(
        (
            CostEntry(
                project=project,
                date=START + datetime.timedelta(days=n % days),
                amount=Decimal(n % 5000) + Decimal("0.25"),
                category=categories[n % len(categories)],
                work_area=areas[n % WORK_AREAS],
                financier=financiers[n % 2] if n % 3 else None,
                description=f"Faktura {n}",
                voucher=f"B{n // 2}/{n % 2 + 1}",  # two cost rows per voucher
            )
            for n in range(COST_ENTRIES)
        ),
        batch_size=5000,
    )
    cost_totals.rebuild(project)  # bulk_create sends no signals
    add_time_reports(project, areas)
    FunderReportSettings.objects.create(
        project=project, funder="Tillväxtverket", flat_rate_percent=Decimal("15.00")
    )
    for order, category in enumerate(categories[:-1]):  # the last category left unmapped
        cost_type = FunderCostType.objects.create(
            project=project,
            name=f"Kostnadsslag {category.name}",
            is_flat_rate_base=category.name == "Personal",
            sort_order=order,
        )
        FunderCostMapping.objects.create(cost_type=cost_type, category=category)
    report = StatusReport.objects.create(
        project=project,
        kind=StatusReport.Kind.FINAL,
        title="Slutrapport",
        period_start=START,
        period_end=END,
    )
    review.ensure_work_area_statuses(report)
    leader = User.objects.create_user("bench-funder", password="x")
    leader.groups.add(Group.objects.get(name=PROJECT_LEADER))
    review.submit(report, leader, notify=False)
    report.refresh_from_db()
    return report, leader


def quarter_report(final):
    """A status report for 2013 Q2 (about an eighth of the entries), submitted."""
    from governance.reports import content, review
    from governance.reports.models import StatusReport

    start, end = content.quarter_period(2013, 2)
    report = StatusReport.objects.filter(project=final.project, period_start=start).first()
    if report is None:
        report = StatusReport.objects.create(
            project=final.project,
            title="Lägesrapport 2013 kvartal 2",
            period_start=start,
            period_end=end,
        )
        review.ensure_work_area_statuses(report)
        review.submit(report, None, notify=False)
        report.refresh_from_db()
    return report


def cpu_seconds(func):
    started = time.process_time()
    func()
    return time.process_time() - started


def run():
    from django.utils import translation

    from governance.budget.models import CostEntry
    from governance.funder_report import admin, exports, figures

    final, _leader = fill()
    quarter = quarter_report(final)
    entries = CostEntry.objects.filter(project=final.project).count()
    try:
        from governance.cofinancing.models import TimeReport

        time_reports = TimeReport.objects.filter(project=final.project).count()
    except ImportError:
        time_reports = 0
    note = f"{entries} cost entries, {time_reports} time reports"
    rows = []
    with translation.override("sv"):
        for report, label in ((quarter, "quarter"), (final, "final report")):
            vouchers = figures.voucher_entries(report).count()

            def whole_export(report=report):
                admin.funder_workbook(admin.ReportVouchers(report))

            cpu = cpu_seconds(whole_export)
            rows.append(
                (
                    f"funder .xlsx, {label}",
                    *measure(whole_export, repeat=3),
                    f"{vouchers} vouchers, {cpu:.1f} s CPU; {note}",
                )
            )
        built = figures.build(final)
        rows.append(("funder build (final)", *measure(lambda: figures.build(final), repeat=5), ""))
        rows.append(
            ("funder PDF (final)", *measure(lambda: exports.pdf_bytes(built), repeat=3), "")
        )
        rows.append(
            ("funder .docx (final)", *measure(lambda: exports.docx_bytes(built), repeat=3), "")
        )
    return rows
