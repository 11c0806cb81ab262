"""Issue 8: a project with 500 activities, 100 000 cost entries and 200 decisions;
generating and freezing a status report (< 2 s), its .xlsx (< 5 s, < 300 MB) and its PDF
(< 15 s)."""

import datetime
import tracemalloc
from decimal import Decimal

from bench.run import measure

WORK_AREAS = 5
ACTIVITIES = 500
COST_ENTRIES = 100_000
DECISIONS = 200
START = datetime.date(2012, 10, 1)
END = datetime.date(2014, 9, 30)


def fill():
    from zoneinfo import ZoneInfo

    from django.contrib.auth.models import Group, User

    from core.roles import PROJECT_LEADER
    from governance.budget import cost_totals
    from governance.budget.models import BudgetLine, BudgetVersion, CostCategory, CostEntry
    from governance.decisions.models import Decision, Meeting
    from governance.register.models import Activity, Project, WorkArea
    from governance.reports import content, review
    from governance.reports.models import Risk

    project = Project.objects.create(
        name="Rapportbench",
        short_name="Rapport",
        slug="bench-rapport",
        start_date=START,
        end_date=END,
    )
    areas = WorkArea.objects.bulk_create(
        WorkArea(project=project, code=chr(65 + n), title=f"Område {n}", sort_order=n)
        for n in range(WORK_AREAS)
    )
    categories = list(CostCategory.objects.filter(project=project))
    statuses = [s for s, _label in Activity.Status.choices]
    activities = Activity.objects.bulk_create(
        Activity(
            work_area=areas[n % WORK_AREAS],
            code=f"{areas[n % WORK_AREAS].code}.{n}",
            title=f"Aktivitet {n}",
            planned_start=START + datetime.timedelta(days=n),
            planned_end=START + datetime.timedelta(days=n + 90),
            actual_start=START + datetime.timedelta(days=n) if n % 3 else None,
            status=statuses[n % len(statuses)],
            progress=n % 100 if statuses[n % len(statuses)] != "klar" else 100,
        )
        for n in range(ACTIVITIES)
    )
    version = BudgetVersion.objects.create(
        project=project, number=1, label="Budget", state="faststalld", approved_on=START
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            version=version, work_area=area, category=category, year=year,
            amount=Decimal("100000.00"),
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
                activity=activities[n % ACTIVITIES],
                voucher=f"B{n}",
            )
            for n in range(COST_ENTRIES)
        ),
        batch_size=5000,
    )
    cost_totals.rebuild(project)  # bulk_create sends no signals
    stockholm = ZoneInfo("Europe/Stockholm")
    meetings = [
        Meeting.objects.create(
            project=project,
            starts_at=datetime.datetime(2013, month, 10, 13, tzinfo=stockholm),
        )
        for month in range(1, 13)
    ]
    Decision.objects.bulk_create(
        Decision(
            meeting=meetings[n % len(meetings)],
            project=project,
            year=2013,
            sequence=n + 1,
            title=f"Beslut {n + 1}",
            text="Styrgruppen beslutar.",
        )
        for n in range(DECISIONS)
    )
    Risk.objects.bulk_create(
        Risk(project=project, title=f"Risk {n}", likelihood=1 + n % 5, impact=1 + n % 4)
        for n in range(20)
    )
    start, end = content.quarter_period(2013, 2)
    from governance.reports.models import StatusReport

    report = StatusReport.objects.create(
        project=project, title="Lägesrapport 2013 kvartal 2", period_start=start, period_end=end
    )
    review.ensure_work_area_statuses(report)
    leader = User.objects.create_user("bench-reports", password="x")
    leader.groups.add(Group.objects.get(name=PROJECT_LEADER))
    return report, leader


def run():
    from governance.reports import excel as report_excel
    from governance.reports import pdf as report_pdf
    from governance.reports import review
    from governance.reports.models import StatusReport

    report, leader = fill()
    note = f"{ACTIVITIES} activities, {COST_ENTRIES} cost entries, {DECISIONS} decisions"

    def generate_and_freeze():
        StatusReport.objects.filter(pk=report.pk).update(state="utkast", snapshot=None)
        review.submit(report, leader, notify=False)

    rows = [("report: generate + freeze", *measure(generate_and_freeze, repeat=5), note)]
    frozen = StatusReport.objects.get(pk=report.pk)

    def xlsx():
        report_excel.workbook_bytes(frozen)

    tracemalloc.start()
    xlsx()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows.append(("report: .xlsx", *measure(xlsx, repeat=5), f"peak {peak / 2**20:.1f} MB"))

    def pdf():
        report_pdf.render_pdf(frozen)

    rows.append(("report: PDF", *measure(pdf, repeat=3), "from the snapshot"))
    return rows
