"""Geometry of the overview's two charts, drawn as SVG by templates/governance/budget/charts/.

The charts are made on the server, need no JavaScript and no plotting library, and each
comes with a table alternative in the page; the SVG itself carries a title and a summary.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import dateformat

from governance.common.money import format_sek

WIDTH = 720
HEIGHT = 300
LEFT = 110  # room for the amounts on the y axis
RIGHT = 40  # room for the last amount under the bars
TOP = 16
BOTTOM = 40


def nice_step(maximum, ticks=5):
    """A round step (1, 2 or 5 × 10^n kronor) giving about `ticks` grid lines up to maximum."""
    if maximum <= 0:
        return Decimal(1)
    raw = Decimal(maximum) / ticks
    magnitude = Decimal(10) ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _scale(maximum, minimum=Decimal(0)):
    step = nice_step(max(maximum - minimum, Decimal(1)))
    low = (minimum // step) * step if minimum < 0 else Decimal(0)
    high = ((maximum // step) + 1) * step if maximum > 0 else step
    return low, high, step


@dataclass
class Tick:
    position: float
    label: str


def cumulative_chart(points):
    """Two lines over the months: cumulative budget and cumulative actual."""
    if not points:
        return None
    values = [p.cumulative_budget for p in points] + [p.cumulative_actual for p in points]
    low, high, step = _scale(max(values), min(values))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM

    def x(index):
        return LEFT + (plot_width * index / max(len(points) - 1, 1))

    def y(value):
        return TOP + plot_height * float((high - value) / (high - low))

    def line(attribute):
        return " ".join(f"{x(i):.1f},{y(getattr(p, attribute)):.1f}" for i, p in enumerate(points))

    y_ticks = []
    value = low
    while value <= high:
        y_ticks.append(Tick(round(y(value), 1), format_sek(value, decimals=0)))
        value += step
    every = max(1, len(points) // 8)
    x_ticks = [
        Tick(round(x(i), 1), dateformat.format(p.month, "M Y"))
        for i, p in enumerate(points)
        if i % every == 0
    ]
    last = points[-1]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "top": TOP,
        "bottom": HEIGHT - BOTTOM,
        "budget_line": line("cumulative_budget"),
        "actual_line": line("cumulative_actual"),
        "y_ticks": y_ticks,
        "x_ticks": x_ticks,
        "zero_y": round(y(Decimal(0)), 1),
        "last_budget": last.cumulative_budget,
        "last_actual": last.cumulative_actual,
        "first_month": points[0].month,
        "last_month": last.month,
    }


BAR_ROW = 34


@dataclass
class Bar:
    label: str
    y: float
    budget_width: float
    actual_width: float
    forecast_x: float
    is_over_budget: bool
    amounts: object


def work_area_bars(rows):
    """Per work area: a bar for the budget, a narrower one for the actual cost inside it and
    a mark at the forecast."""
    if not rows:
        return None
    maximum = max(max(row.amounts.budget, row.amounts.actual, row.amounts.forecast) for row in rows)
    _low, high, step = _scale(maximum)
    plot_width = WIDTH - LEFT - RIGHT
    height = TOP + BAR_ROW * len(rows) + BOTTOM

    def width(value):
        return max(0.0, plot_width * float(value / high))

    bars = [
        Bar(
            label=row.key.code if hasattr(row.key, "code") else row.label,
            y=TOP + BAR_ROW * index,
            budget_width=round(width(row.amounts.budget), 1),
            actual_width=round(width(row.amounts.actual), 1),
            forecast_x=round(LEFT + width(row.amounts.forecast), 1),
            is_over_budget=row.amounts.is_over_budget,
            amounts=row.amounts,
        )
        for index, row in enumerate(rows)
    ]
    ticks = []
    value = Decimal(0)
    while value <= high:
        ticks.append(Tick(round(LEFT + width(value), 1), format_sek(value, decimals=0)))
        value += step
    return {
        "width": WIDTH,
        "height": height,
        "left": LEFT,
        "bottom": height - BOTTOM,
        "bars": bars,
        "ticks": ticks,
        "bar_height": BAR_ROW - 12,
    }
