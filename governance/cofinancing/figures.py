"""Co-financing per financier: cash (the costs booked on the financier, as in the budget
overview), staff time and contributions in kind, against the financier's commitment.
`cofinancing()` is the one function the budget overview, its export, the status and
final reports (and any report to a funder) call; `valued_time_reports()` gives the
valued lines it sums, for a list of them.

The rule every co-financing figure follows:

1. Staff time is valued per time report line (one person, one work area, one month):
   value = hours × hourly cost × (1 + payroll overhead % / 100), rounded to whole öre
   (half an öre up) on that line. Every total is the sum of the rounded lines, so a
   financier's staff time is, to the öre, the sum of the lines listed for it.
   37,5 h × 412,50 kr × 1,4215 = 21 989,3906… → 21 989,39 kr.
2. The hourly cost of a month is the person's hourly cost in the project whose period
   covers the month's first day, or, if none does, the first one that starts inside the
   month. The payroll overhead is the project's setting (CofinancingSettings); without
   one it is 0 %. A line without an hourly cost is not valued: its hours are shown apart
   as "not valued" and count for no financier until an hourly cost is entered.
3. Staff time counts for the financier of the hourly cost (whose employee the person is);
   an hourly cost without a financier counts on the row "not assigned to a financier".
4. A date range counts whole months for time reports (every month the range touches, as
   the budget does) and the date for contributions in kind and costs (as costs count by
   their date). "To date" is everything up to the range's end.
5. Cash co-financing is the actual costs booked on the financier
   (governance/budget/figures.actual_by_financier, the same sums as the overview's
   financier table). Non-cash is staff time plus contributions in kind; total = cash +
   non-cash. The commitment is the financier's committed amount, or its share of the
   whole budget of the version that counts (budget/figures.commitment); remaining =
   commitment − total, negative when the financier has given more than it committed.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from governance.budget import figures as budget_figures
from governance.budget.models import BudgetVersion, Financier
from governance.cofinancing.models import (
    CofinancingSettings,
    HourlyCost,
    InKindContribution,
    TimeReport,
)

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def time_value(hours, hourly_rate, overhead_percent):
    """Rule 1: one line's value in whole öre."""
    factor = 1 + Decimal(overhead_percent) / HUNDRED
    return (Decimal(hours) * Decimal(hourly_rate) * factor).quantize(CENT, rounding=ROUND_HALF_UP)


def overhead_percent(project):
    setting = CofinancingSettings.objects.filter(project=project).first()
    return setting.payroll_overhead_percent if setting else Decimal("0.00")


@dataclass(frozen=True)
class ValuedTimeReport:
    """A time report line with its hourly cost and value (rule 1–3); hourly_rate and value
    are None when no hourly cost covers the month."""

    person_id: int
    person_name: str
    work_area_id: int
    month: datetime.date
    hours: Decimal
    hourly_rate: Decimal | None
    financier_id: int | None
    value: Decimal | None

    @property
    def is_valued(self):
        return self.value is not None


def _month_range(start, end):
    first = budget_figures.month_of(start) if start else None
    last = budget_figures.month_of(end) if end else None
    return first, last


def hourly_cost_for(costs, month):
    """Rule 2 over one person's hourly costs, sorted by their start."""
    following = budget_figures.next_month(month)
    touching = [
        cost
        for cost in costs
        if cost.valid_from < following and (cost.valid_to is None or cost.valid_to >= month)
    ]
    covering = [cost for cost in touching if cost.covers(month)]
    return (covering or touching or [None])[0]


def valued_time_reports(project, start=None, end=None, *, overhead=None):
    """Every time report line of the months the range touches, valued (two queries, and
    one more for the overhead unless given)."""
    if overhead is None:
        overhead = overhead_percent(project)
    first, last = _month_range(start, end)
    reports = TimeReport.objects.filter(project=project)
    if first:
        reports = reports.filter(month__gte=first)
    if last:
        reports = reports.filter(month__lte=last)
    rows = reports.values_list(
        "person_id", "person__name", "work_area_id", "month", "hours"
    ).order_by("month", "person__name", "work_area__sort_order", "work_area__code")
    costs = defaultdict(list)
    for cost in HourlyCost.objects.filter(project=project).order_by("valid_from"):
        costs[cost.person_id].append(cost)
    lines = []
    for person_id, name, area_id, month, hours in rows:
        cost = hourly_cost_for(costs.get(person_id, ()), month)
        lines.append(
            ValuedTimeReport(
                person_id=person_id,
                person_name=name,
                work_area_id=area_id,
                month=month,
                hours=hours,
                hourly_rate=cost.hourly_rate if cost else None,
                financier_id=cost.financier_id if cost else None,
                value=time_value(hours, cost.hourly_rate, overhead) if cost else None,
            )
        )
    return lines


def in_kind_by_financier(project, start=None, end=None):
    """{financier id: value of the contributions in kind dated inside the range}."""
    rows = (
        InKindContribution.objects.filter(project=project)
        .filter(budget_figures.period_filter(start, end))
        .values_list("financier_id")
        .annotate(total=Sum("value"))
        .order_by()
    )
    return {financier: (total or ZERO).quantize(CENT) for financier, total in rows}


@dataclass
class FinancierCofinancing:
    """One financier's co-financing (financier None: what belongs to no financier)."""

    financier: Financier | None
    committed: Decimal | None
    cash: Decimal = ZERO
    hours: Decimal = ZERO
    time_value: Decimal = ZERO
    in_kind: Decimal = ZERO

    @property
    def non_cash(self):
        return self.time_value + self.in_kind

    @property
    def total(self):
        return self.cash + self.non_cash

    @property
    def remaining(self):
        return None if self.committed is None else self.committed - self.total

    @property
    def used_of_commitment_percent(self):
        return budget_figures.percent(self.total, self.committed) if self.committed else None

    @property
    def is_over_commitment(self):
        return self.committed is not None and self.total > self.committed

    @property
    def name(self):
        return str(self.financier) if self.financier else ""


@dataclass
class Cofinancing:
    project: object
    version: BudgetVersion | None
    start: datetime.date | None
    end: datetime.date | None
    overhead_percent: Decimal
    rows: list
    total: FinancierCofinancing
    unvalued_hours: Decimal = ZERO
    unvalued: list = field(default_factory=list)  # [(person name, month)]

    @property
    def has_non_cash(self):
        return bool(self.total.non_cash or self.total.hours or self.unvalued_hours)


def cofinancing(project, *, version=None, start=None, end=None):
    """Each financier's cash, staff time and in-kind co-financing in the range (without
    one: the whole project so far) against its commitment, by the rule above. The
    commitments use the whole budget of `version` (by default the budget in force).
    Eight queries however many time reports there are."""
    if version is None:
        version = BudgetVersion.current_for(project)
    overhead = overhead_percent(project)
    financiers = list(
        Financier.objects.filter(project=project)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    version_total = budget_figures.whole_budget(version)
    rows = {
        financier.pk: FinancierCofinancing(
            financier, budget_figures.commitment(financier, version_total)
        )
        for financier in financiers
    }
    unassigned = FinancierCofinancing(None, None)

    def row(financier_id):
        return rows.get(financier_id, unassigned) if financier_id else unassigned

    for financier_id, cash in budget_figures.actual_by_financier(project, start, end).items():
        row(financier_id).cash += cash
    unvalued_hours = ZERO
    unvalued = set()
    for line in valued_time_reports(project, start, end, overhead=overhead):
        if not line.is_valued:
            unvalued_hours += line.hours
            unvalued.add((line.person_name, line.month))
            continue
        target = row(line.financier_id)
        target.hours += line.hours
        target.time_value += line.value
    for financier_id, value in in_kind_by_financier(project, start, end).items():
        row(financier_id).in_kind += value
    result_rows = list(rows.values())
    if unassigned.cash or unassigned.hours or unassigned.in_kind:
        result_rows.append(unassigned)
    total = FinancierCofinancing(
        None,
        sum((r.committed for r in result_rows if r.committed is not None), ZERO),
        cash=sum((r.cash for r in result_rows), ZERO),
        hours=sum((r.hours for r in result_rows), ZERO),
        time_value=sum((r.time_value for r in result_rows), ZERO),
        in_kind=sum((r.in_kind for r in result_rows), ZERO),
    )
    return Cofinancing(
        project=project,
        version=version,
        start=start,
        end=end,
        overhead_percent=overhead,
        rows=result_rows,
        total=total,
        unvalued_hours=unvalued_hours,
        unvalued=sorted(unvalued, key=lambda item: (item[1], item[0])),
    )
