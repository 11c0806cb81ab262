"""Budget follow-up: budget, actual, forecast and variance for a project, computed with SQL
aggregates so that the number of queries stays the same however many cost entries there are.

Conventions (shown to the users on the overview page):
- variance = budget − actual: what is left; negative means over budget;
- where no forecast is given for a work area and cost category, the budget is expected to hold;
- with a date range, a budget line counts when its year (or quarter) overlaps the range, and
  for the monthly curve a year's or quarter's budget is spread evenly over its months that
  fall inside the project period.
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
    budget: Decimal = ZERO
    actual: Decimal = ZERO
    forecast: Decimal = ZERO

    @property
    def variance(self):
        return self.budget - self.actual

    @property
    def forecast_variance(self):
        return self.budget - self.forecast

    @property
    def used_percent(self):
        return percent(self.actual, self.budget)

    @property
    def is_over_budget(self):
        return self.actual > self.budget

    @property
    def is_forecast_over_budget(self):
        return self.forecast > self.budget

    def __add__(self, other):
        return Amounts(
            self.budget + other.budget, self.actual + other.actual, self.forecast + other.forecast
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


def _money(value):
    return (value or ZERO).quantize(CENT)


def period_filter(start, end, prefix=""):
    """Q for rows with a date field named prefix+'date' inside [start, end]."""
    q = Q()
    if start:
        q &= Q(**{f"{prefix}date__gte": start})
    if end:
        q &= Q(**{f"{prefix}date__lte": end})
    return q


def _quarter(day):
    return (day.month - 1) // 3 + 1


def budget_line_period_filter(start, end):
    """Q for budget lines whose year, or year and quarter, overlap [start, end]."""
    q = Q()
    if start:
        q &= (
            Q(year__gt=start.year)
            | Q(year=start.year, quarter__isnull=True)
            | Q(year=start.year, quarter__gte=_quarter(start))
        )
    if end:
        q &= (
            Q(year__lt=end.year)
            | Q(year=end.year, quarter__isnull=True)
            | Q(year=end.year, quarter__lte=_quarter(end))
        )
    return q


def _budget_lines(version, start, end):
    if version is None:
        return BudgetLine.objects.none()
    return BudgetLine.objects.filter(version=version).filter(budget_line_period_filter(start, end))


def _entries(project, start, end):
    return CostEntry.objects.filter(project=project).filter(period_filter(start, end))


def budget_by_area_and_category(version, start=None, end=None):
    rows = (
        _budget_lines(version, start, end)
        .values_list("work_area_id", "category_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {(area, category): _money(total) for area, category, total in rows}


def actual_by_area_and_category(project, start=None, end=None):
    rows = (
        _entries(project, start, end)
        .values_list("work_area_id", "category_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {(area, category): _money(total) for area, category, total in rows}


def forecast_by_area_and_category(project):
    rows = (
        Forecast.objects.filter(project=project)
        .values_list("work_area_id", "category_id")
        .annotate(total=Sum("expected_total"))
        .order_by()
    )
    return {(area, category): _money(total) for area, category, total in rows}


def actual_total(project, start=None, end=None):
    return _money(_entries(project, start, end).aggregate(total=Sum("amount"))["total"])


def _period_start(month, period):
    if period == "year":
        return month.replace(month=1)
    if period == "quarter":
        return month.replace(month=3 * ((month.month - 1) // 3) + 1)
    return month


def actual_by_period(project, period="month", start=None, end=None):
    """{first day of the period: actual} for period month, quarter or year. SQL sums per day,
    which an index on (project, date, amount) answers without reading the table and which
    works the same on every database; the few hundred days are then added up here."""
    rows = (
        _entries(project, start, end)
        .values_list("date")
        .annotate(total=Sum("amount"))
        .order_by("date")
    )
    totals = defaultdict(lambda: ZERO)
    for day, total in rows:
        totals[_period_start(day.replace(day=1), period)] += _money(total)
    return dict(totals)


def budget_by_year_and_quarter(version, start=None, end=None):
    """{(year, quarter or None): budget}."""
    rows = (
        _budget_lines(version, start, end)
        .values_list("year", "quarter")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {(year, quarter): _money(total) for year, quarter, total in rows}


def budget_by_financier(version, start=None, end=None):
    rows = (
        _budget_lines(version, start, end)
        .values_list("financier_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {financier: _money(total) for financier, total in rows}


def actual_by_financier(project, start=None, end=None):
    rows = (
        _entries(project, start, end)
        .values_list("financier_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return {financier: _money(total) for financier, total in rows}


def financier_rows(project, version, start=None, end=None):
    """Each financier's commitment, its budgeted and actual costs, its share of all costs and
    how much of its commitment is used; a last row (financier None) for costs not assigned."""
    financiers = list(
        Financier.objects.filter(project=project)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    budget = budget_by_financier(version, start, end)
    actual = actual_by_financier(project, start, end)
    budget_total = sum(budget.values(), ZERO)
    actual_sum = sum(actual.values(), ZERO)

    def commitment(financier):
        if financier.committed_amount is not None:
            return financier.committed_amount
        if financier.committed_share is not None:
            return (budget_total * financier.committed_share / 100).quantize(CENT)
        return None

    commitments = {f.pk: commitment(f) for f in financiers}
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


def months_between(first, last):
    """First days of every month from first's month to last's month."""
    months = []
    month = first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def spread_budget_over_months(budget_by_period, months_in_project):
    """{month: budget}: each year's (or quarter's) budget evenly over its months that lie in
    the project period, the rounding remainder on the last month so the sum stays exact."""
    project_months = set(months_in_project)
    spread = defaultdict(lambda: ZERO)
    for (year, quarter), amount in budget_by_period.items():
        if quarter:
            candidates = [datetime.date(year, 3 * (quarter - 1) + m, 1) for m in (1, 2, 3)]
        else:
            candidates = [datetime.date(year, m, 1) for m in range(1, 13)]
        months = [m for m in candidates if m in project_months] or candidates[-1:]
        share = (amount / len(months)).quantize(CENT, rounding=ROUND_HALF_UP)
        for month in months[:-1]:
            spread[month] += share
        spread[months[-1]] += amount - share * (len(months) - 1)
    return spread


def cumulative_over_time(project, version, start=None, end=None):
    first = start or project.start_date
    last = end or project.end_date
    actual = actual_by_period(project, "month", start, end)
    if actual:
        first = min(first, min(actual))
        last = max(last, max(actual))
    months = months_between(first, last)
    budget = spread_budget_over_months(
        budget_by_year_and_quarter(version, start, end),
        months_between(project.start_date, project.end_date),
    )
    points = []
    running_actual = running_budget = ZERO
    for month in months:
        running_actual += actual.get(month, ZERO)
        running_budget += budget.get(month, ZERO)
        points.append(
            CumulativePoint(
                month=month,
                actual=actual.get(month, ZERO),
                budget=budget.get(month, ZERO),
                cumulative_actual=running_actual,
                cumulative_budget=running_budget,
            )
        )
    return points


def year_rows(cumulative):
    """Budget and actual per year, rolled up from the monthly points."""
    years = defaultdict(Amounts)
    for point in cumulative:
        years[point.month.year] += Amounts(budget=point.budget, actual=point.actual)
    return [
        Row(label=str(year), amounts=amounts, key=year) for year, amounts in sorted(years.items())
    ]


def overview(project, *, version=None, start=None, end=None):
    """Everything the overview page, the status reports and the export show."""
    if version is None:
        version = BudgetVersion.current_for(project)
    categories = list(CostCategory.objects.filter(project=project))
    work_areas = list(WorkArea.objects.filter(project=project))
    budget = budget_by_area_and_category(version, start, end)
    actual = actual_by_area_and_category(project, start, end)
    forecast = forecast_by_area_and_category(project)

    def cell(area_id, category_id):
        key = (area_id, category_id)
        cell_budget = budget.get(key, ZERO)
        return Amounts(
            budget=cell_budget,
            actual=actual.get(key, ZERO),
            forecast=forecast.get(key, cell_budget),
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
    cumulative = cumulative_over_time(project, version, start, end)
    return Overview(
        project=project,
        version=version,
        start=start,
        end=end,
        categories=categories,
        work_area_rows=work_area_rows,
        category_rows=category_rows,
        total=sum((row.amounts for row in work_area_rows), Amounts()),
        financier_rows=financier_rows(project, version, start, end),
        cumulative=cumulative,
        year_rows=year_rows(cumulative),
    )
