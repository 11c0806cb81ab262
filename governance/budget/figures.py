"""Budget follow-up: budget, actual, forecast and variance for a project. Costs are summed
with SQL aggregates, so the number of queries stays the same however many cost entries
there are; the budget lines of one version (a few hundred) are spread over their months
here. The sums are read from the monthly cost totals (cost_totals.py), which the import,
its undo and every entry saved or deleted keep equal to the entries; a date range that
cuts a month is summed from the entries themselves (rule 4 counts costs by their date).

The rule every budget figure follows (the overview, its charts and export, the status
report's page, .xlsx and PDF, and the cumulative chart alike):

1. A budget line covers the months of its period: a yearly line the twelve months of its
   year, a quarterly line the three months of its quarter.
2. The line is carried by those of its months that lie inside the project period (from the
   month of the project's start to the month of its end): a yearly 2012 line of a project
   starting in October is carried by October, November and December. A line none of whose
   months lies inside the project period is carried by all of its months, so no money
   disappears.
3. Each carrying month gets an equal part in whole öre: the amount divided by the number of
   months, rounded down; the öre left over (fewer than the months) go one each to the last
   months. The parts of a line always sum to the line: 100 000,00 kr over three months is
   33 333,33 + 33 333,33 + 33 333,34.
4. A date range counts whole months: the budget of a range is the sum of the parts of every
   month the range touches (from the month of its first day to the month of its last);
   "budget to date" is every month up to and including the month of the end. Costs count
   by their date. So the budget to date of a period is, to the öre, the cumulative budget
   at the period's last month in the chart.
5. One budget version counts for every month: the version chosen on the overview (by
   default the budget in force, the approved version with the highest number) and, in a
   status report, the version in force at the period's end (the approved version with the
   highest number approved on or before that day; before the first approval, the first
   approved version). A version approved in the middle of a period counts for the whole
   period and for the months before it. A revision is a copy of the version before it
   (services.new_draft_from), so the past months only change where the steering group
   changed them.
6. variance = budget − actual: what is left; negative means over budget.
7. The forecast is the expected final cost of the whole project per work area and cost
   category; where none is given, the whole project's budget of that cell is expected to
   hold. It is never cut to a date range: with a range, it is shown next to the whole
   project's budget and labelled as the whole project's. A forecast above the whole
   project's budget, and a forecast below the costs already booked (which it can never be
   in the end), are flagged.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum

from governance.budget.models import (
    BudgetLine,
    BudgetVersion,
    CostCategory,
    CostEntry,
    CostTotal,
    Financier,
    Forecast,
)
from governance.register.models import WorkArea

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def percent(part, whole):
    """part of whole in per cent with one decimal, or None when whole is zero."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass
class Amounts:
    """The figures of one cell or row. budget and actual are those of the date range (of
    the whole project without one); forecast, project_budget and project_actual are always
    the whole project's."""

    budget: Decimal = ZERO
    actual: Decimal = ZERO
    forecast: Decimal = ZERO
    project_budget: Decimal = ZERO
    project_actual: Decimal = ZERO

    @property
    def variance(self):
        return self.budget - self.actual

    @property
    def forecast_variance(self):
        return self.project_budget - self.forecast

    @property
    def used_percent(self):
        return percent(self.actual, self.budget)

    @property
    def is_over_budget(self):
        return self.actual > self.budget

    @property
    def is_forecast_over_budget(self):
        return self.forecast > self.project_budget

    @property
    def is_forecast_below_actual(self):
        return self.forecast < self.project_actual

    def __add__(self, other):
        return Amounts(
            self.budget + other.budget,
            self.actual + other.actual,
            self.forecast + other.forecast,
            self.project_budget + other.project_budget,
            self.project_actual + other.project_actual,
        )


@dataclass
class Row:
    """One line of a table: a work area, a cost category or a period, with its amounts and,
    for work areas, the amounts per cost category."""

    label: str
    amounts: Amounts
    key: object = None
    cells: list = field(default_factory=list)


@dataclass
class FinancierRow:
    financier: Financier | None
    committed: Decimal | None
    committed_percent: Decimal | None
    budget: Decimal
    actual: Decimal
    share_of_costs_percent: Decimal | None
    used_of_commitment_percent: Decimal | None

    @property
    def is_over_commitment(self):
        return self.committed is not None and self.actual > self.committed


@dataclass
class CumulativePoint:
    month: datetime.date
    actual: Decimal
    budget: Decimal
    cumulative_actual: Decimal
    cumulative_budget: Decimal


@dataclass
class Overview:
    project: object
    version: BudgetVersion | None
    start: datetime.date | None
    end: datetime.date | None
    categories: list
    work_area_rows: list
    category_rows: list
    total: Amounts
    financier_rows: list
    cumulative: list
    year_rows: list
    # governance/cofinancing/figures.cofinancing() for the same version and range, where a
    # caller adds it (the overview page and its export).
    cofinancing: object = None

    @property
    def is_filtered(self):
        return bool(self.start or self.end)

    @property
    def first_month(self):
        """The first month whose budget counts (rule 4), or None."""
        return self.cumulative[0].month if self.cumulative else None

    @property
    def last_month(self):
        return self.cumulative[-1].month if self.cumulative else None


def _money(value):
    return (value or ZERO).quantize(CENT)


def month_of(day):
    return day.replace(day=1)


def next_month(month):
    return (month + datetime.timedelta(days=32)).replace(day=1)


def months_between(first, last):
    """First days of every month from first's month to last's month."""
    months = []
    month = month_of(first)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


# The spreading rule (rules 1–3)


def line_months(year, quarter, first_month, last_month):
    """The months that carry a line of the given year (and quarter): those of its months
    inside first_month–last_month (the project period), or all of them if none is."""
    if quarter:
        covered = [datetime.date(year, 3 * (quarter - 1) + m, 1) for m in (1, 2, 3)]
    else:
        covered = [datetime.date(year, m, 1) for m in range(1, 13)]
    inside = [m for m in covered if first_month <= m <= last_month]
    return inside or covered


def spread(amount, months):
    """[(month, part)]: amount in equal parts of whole öre over months, the öre left over
    one each to the last months, so that the parts sum exactly to amount."""
    cents = int(Decimal(amount).quantize(CENT) * 100)
    base, left_over = divmod(cents, len(months))
    first_with_extra = len(months) - left_over
    return [
        (month, Decimal(base + (index >= first_with_extra)).scaleb(-2))
        for index, month in enumerate(months)
    ]


@dataclass(frozen=True)
class BudgetPart:
    """The part of one budget line that one month carries."""

    month: datetime.date
    work_area_id: int
    category_id: int
    financier_id: int | None
    amount: Decimal


def budget_parts(project, version):
    """Every line of version spread over its months (one query)."""
    if version is None:
        return []
    first_month, last_month = month_of(project.start_date), month_of(project.end_date)
    lines = BudgetLine.objects.filter(version=version).values_list(
        "work_area_id", "category_id", "financier_id", "year", "quarter", "amount"
    )
    return [
        BudgetPart(month, area, category, financier, part)
        for area, category, financier, year, quarter, amount in lines
        for month, part in spread(amount, line_months(year, quarter, first_month, last_month))
    ]


def _in_range(parts, start, end):
    """The parts of the months the range [start, end] touches (rule 4)."""
    first = month_of(start) if start else None
    last = month_of(end) if end else None
    return [
        part
        for part in parts
        if (first is None or part.month >= first) and (last is None or part.month <= last)
    ]


def _sum_by(parts, key):
    totals = defaultdict(lambda: ZERO)
    for part in parts:
        totals[key(part)] += part.amount
    return dict(totals)


def version_in_force(project, day):
    """The budget version in force on day (rule 5): the approved version with the highest
    number approved on or before day; before the first approval, the first approved one."""
    approved = BudgetVersion.objects.filter(project=project, state=BudgetVersion.State.APPROVED)
    return (
        approved.filter(approved_on__lte=day).order_by("-number").first()
        or approved.order_by("number").first()
    )


# Actual costs


def period_filter(start, end, prefix=""):
    """Q for rows with a date field named prefix+'date' inside [start, end]."""
    q = Q()
    if start:
        q &= Q(**{f"{prefix}date__gte": start})
    if end:
        q &= Q(**{f"{prefix}date__lte": end})
    return q


def _entries(project, start, end):
    return CostEntry.objects.filter(project=project).filter(period_filter(start, end))


def whole_months(start, end):
    """True when the range starts on the first and ends on the last day of a month (either
    end may be open): the monthly totals answer it."""
    return (start is None or start.day == 1) and (
        end is None or (end + datetime.timedelta(days=1)).day == 1
    )


def _costs(project, start, end):
    """(rows, date field): the monthly totals (cost_totals.py) when the range is whole
    months, which they answer in a few thousand rows however many entries there are;
    otherwise the entries themselves. Both hold the same sums."""
    if whole_months(start, end):
        totals = CostTotal.objects.filter(project=project)
        if start:
            totals = totals.filter(month__gte=start)
        if end:
            totals = totals.filter(month__lte=end)
        return totals, "month"
    return _entries(project, start, end), "date"


def actual_by_area_category_and_financier(project, start=None, end=None):
    """{(work area, category, financier): actual}: one pass over the monthly totals (or over
    the entries, which the index costentry_by_cell answers without reading the table)."""
    rows, _date = _costs(project, start, end)
    rows = (
        rows.values_list("work_area_id", "category_id", "financier_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {(area, category, financier): _money(total) for area, category, financier, total in rows}


def forecast_by_area_and_category(project):
    rows = (
        Forecast.objects.filter(project=project)
        .values_list("work_area_id", "category_id")
        .annotate(total=Sum("expected_total"))
        .order_by()
    )
    return {(area, category): _money(total) for area, category, total in rows}


def actual_total(project, start=None, end=None):
    rows, _date = _costs(project, start, end)
    return _money(rows.aggregate(total=Sum("amount"))["total"])


def _period_start(month, period):
    if period == "year":
        return month.replace(month=1)
    if period == "quarter":
        return month.replace(month=3 * ((month.month - 1) // 3) + 1)
    return month


def actual_by_period(project, period="month", start=None, end=None):
    """{first day of the period: actual} for period month, quarter or year. SQL sums per
    month from the monthly totals (or per day from the entries, which the index
    costentry_by_date_voucher answers without reading the table); the few hundred rows
    are then added up here, the same on every database."""
    rows, date = _costs(project, start, end)
    rows = rows.values_list(date).annotate(total=Sum("amount")).order_by(date)
    totals = defaultdict(lambda: ZERO)
    for day, total in rows:
        totals[_period_start(month_of(day), period)] += _money(total)
    return dict(totals)


# The overview


def commitment(financier, version_total):
    """What the financier committed: its amount, or its share of version_total (the whole
    budget of the version that counts); None when it gave neither."""
    if financier.committed_amount is not None:
        return financier.committed_amount
    if financier.committed_share is not None:
        return (version_total * financier.committed_share / 100).quantize(CENT)
    return None


def whole_budget(version):
    """The whole budget of version (the sum of its lines, which their parts sum to)."""
    if version is None:
        return ZERO
    lines = BudgetLine.objects.filter(version=version)
    return _money(lines.aggregate(total=Sum("amount"))["total"])


def actual_by_financier(project, start=None, end=None):
    """{financier id or None: actual costs}: the costs booked on each financier."""
    rows, _date = _costs(project, start, end)
    rows = rows.values_list("financier_id").annotate(total=Sum("amount")).order_by()
    return {financier: _money(total) for financier, total in rows}


def financier_rows(project, budget, actual, version_total):
    """Each financier's commitment (a share is of the whole version's budget), its
    budgeted and actual costs, its share of all costs and how much of its commitment is
    used; a last row (financier None) for costs and budget not assigned to one."""
    financiers = list(
        Financier.objects.filter(project=project)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    actual_sum = sum(actual.values(), ZERO)
    commitments = {f.pk: commitment(f, version_total) for f in financiers}
    committed_sum = sum((c for c in commitments.values() if c is not None), ZERO)
    rows = []
    for financier in financiers:
        committed = commitments[financier.pk]
        spent = actual.get(financier.pk, ZERO)
        rows.append(
            FinancierRow(
                financier=financier,
                committed=committed,
                committed_percent=percent(committed, committed_sum) if committed else None,
                budget=budget.get(financier.pk, ZERO),
                actual=spent,
                share_of_costs_percent=percent(spent, actual_sum),
                used_of_commitment_percent=percent(spent, committed) if committed else None,
            )
        )
    unassigned = actual.get(None, ZERO)
    if unassigned or budget.get(None):
        rows.append(
            FinancierRow(
                financier=None,
                committed=None,
                committed_percent=None,
                budget=budget.get(None, ZERO),
                actual=unassigned,
                share_of_costs_percent=percent(unassigned, actual_sum),
                used_of_commitment_percent=None,
            )
        )
    return rows


@dataclass
class FinancierShare:
    financier: Financier | None  # None: lines without a financier
    budget: Decimal
    percent: Decimal | None


@dataclass
class BudgetSummary:
    """A version's whole-project budget and each financier's part of it, for the public
    project page (no costs: those stay with the steering group)."""

    version: BudgetVersion
    total: Decimal
    financiers: list


def budget_summary(project, version):
    """The whole project's budget of version and each financier's budget in it, with its
    share of the total (the same sums as the overview's financier rows); None without a
    version."""
    if version is None:
        return None
    parts = budget_parts(project, version)
    total = sum((part.amount for part in parts), ZERO)
    by_financier = _sum_by(parts, lambda part: part.financier_id)
    financiers = Financier.objects.filter(project=project).select_related("organisation")
    rows = [
        FinancierShare(f, by_financier.pop(f.pk, ZERO), None)
        for f in financiers.order_by("organisation__name")
    ]
    if by_financier.get(None):
        rows.append(FinancierShare(None, by_financier[None], None))
    for row in rows:
        row.percent = percent(row.budget, total)
    return BudgetSummary(version=version, total=total, financiers=rows)


def cumulative_over_time(project, budget_by_month, actual_by_month, start=None, end=None):
    """The months of the range (without one: the project period, widened to any month with
    budget or costs) with their budget and actual, and both added up from the first."""
    known = [*budget_by_month, *actual_by_month]
    first = month_of(start) if start else min([month_of(project.start_date), *known])
    last = month_of(end) if end else max([month_of(project.end_date), *known])
    points = []
    running_actual = running_budget = ZERO
    for month in months_between(first, last):
        actual = actual_by_month.get(month, ZERO)
        budget = budget_by_month.get(month, ZERO)
        running_actual += actual
        running_budget += budget
        points.append(CumulativePoint(month, actual, budget, running_actual, running_budget))
    return points


def year_rows(cumulative):
    """Budget and actual per year, rolled up from the monthly points."""
    years = defaultdict(Amounts)
    for point in cumulative:
        years[point.month.year] += Amounts(budget=point.budget, actual=point.actual)
    return [
        Row(label=str(year), amounts=amounts, key=year) for year, amounts in sorted(years.items())
    ]


def _by_area_and_category(totals):
    result = defaultdict(lambda: ZERO)
    for (area, category, _financier), total in totals.items():
        result[area, category] += total
    return result


def overview(project, *, version=None, start=None, end=None):
    """Everything the overview page, the status reports and the exports show, by the rule
    at the top of this module."""
    if version is None:
        version = BudgetVersion.current_for(project)
    categories = list(CostCategory.objects.filter(project=project))
    work_areas = list(WorkArea.objects.filter(project=project))
    all_parts = budget_parts(project, version)
    parts = _in_range(all_parts, start, end)
    budget = _sum_by(parts, lambda p: (p.work_area_id, p.category_id))
    project_budget = _sum_by(all_parts, lambda p: (p.work_area_id, p.category_id))
    actual_cells = actual_by_area_category_and_financier(project, start, end)
    actual = _by_area_and_category(actual_cells)
    if start or end:
        project_actual = _by_area_and_category(actual_by_area_category_and_financier(project))
    else:
        project_actual = actual
    forecast = forecast_by_area_and_category(project)

    def cell(area_id, category_id):
        key = (area_id, category_id)
        whole_budget = project_budget.get(key, ZERO)
        return Amounts(
            budget=budget.get(key, ZERO),
            actual=actual.get(key, ZERO),
            forecast=forecast.get(key, whole_budget),
            project_budget=whole_budget,
            project_actual=project_actual.get(key, ZERO),
        )

    work_area_rows = []
    category_totals = {category.pk: Amounts() for category in categories}
    for area in work_areas:
        cells = [cell(area.pk, category.pk) for category in categories]
        for category, amounts in zip(categories, cells, strict=True):
            category_totals[category.pk] += amounts
        work_area_rows.append(
            Row(label=str(area), amounts=sum(cells, Amounts()), key=area, cells=cells)
        )
    category_rows = [
        Row(label=str(category), amounts=category_totals[category.pk], key=category)
        for category in categories
    ]
    actual_by_financier = defaultdict(lambda: ZERO)
    for (_area, _category, financier), total in actual_cells.items():
        actual_by_financier[financier] += total
    cumulative = cumulative_over_time(
        project,
        _sum_by(parts, lambda p: p.month),
        actual_by_period(project, "month", start, end),
        start,
        end,
    )
    return Overview(
        project=project,
        version=version,
        start=start,
        end=end,
        categories=categories,
        work_area_rows=work_area_rows,
        category_rows=category_rows,
        total=sum((row.amounts for row in work_area_rows), Amounts()),
        financier_rows=financier_rows(
            project,
            _sum_by(parts, lambda p: p.financier_id),
            actual_by_financier,
            sum((p.amount for p in all_parts), ZERO),
        ),
        cumulative=cumulative,
        year_rows=year_rows(cumulative),
    )
