"""Geometry of the budget's two charts, drawn as SVG by templates/governance/budget/charts/
(the overview and the status reports).

The charts are made on the server, need no JavaScript and no plotting library, and each
comes with its table in the page, always shown (on the screen and in the PDF): the table's
rows come from the chart itself (`rows` of the line chart, `bars` of the bar chart), so the
two can never show different figures. The SVG itself carries a title and a summary.
Every number that goes into an SVG attribute is written here as text with a decimal point
(`coordinate`), so that no template, language or localisation setting can turn 70.5 into
"70,5" and break the drawing.
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


def coordinate(value):
    """A number for an SVG attribute: at most one decimal, always a point, never a space."""
    text = f"{float(value):.1f}"
    return text[:-2] if text.endswith(".0") else text


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
    position: str
    label: str
    label_position: str = ""


def _frame(width, height):
    """The attributes both charts share, as SVG text."""
    return {
        "width": coordinate(width),
        "height": coordinate(height),
        "left": coordinate(LEFT),
        "right": coordinate(width - RIGHT),
        "top": coordinate(TOP),
    }


def cumulative_chart(points):
    """Two lines over the months: cumulative budget and cumulative actual. points need
    month, budget, actual, cumulative_budget and cumulative_actual (figures.CumulativePoint
    or the same from a report's snapshot); they are also the chart's table (`rows`)."""
    if not points:
        return None
    values = [p.cumulative_budget for p in points] + [p.cumulative_actual for p in points]
    low, high, step = _scale(max(values), min(values))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    bottom = HEIGHT - BOTTOM

    def x(index):
        return LEFT + (plot_width * index / max(len(points) - 1, 1))

    def y(value):
        return TOP + plot_height * float((high - value) / (high - low))

    def line(attribute):
        return " ".join(
            f"{coordinate(x(i))},{coordinate(y(getattr(p, attribute)))}"
            for i, p in enumerate(points)
        )

    y_ticks = []
    value = low
    while value <= high:
        y_ticks.append(Tick(coordinate(y(value)), format_sek(value, decimals=0)))
        value += step
    every = max(1, len(points) // 8)
    x_ticks = [
        Tick(coordinate(x(i)), dateformat.format(p.month, "b Y"), coordinate(bottom + 18))
        for i, p in enumerate(points)
        if i % every == 0
    ]
    last = points[-1]
    legend_line, legend_text = HEIGHT - 8, HEIGHT - 4
    return {
        **_frame(WIDTH, HEIGHT),
        "bottom": coordinate(bottom),
        "tick_label_x": coordinate(LEFT - 6),
        "budget_line": line("cumulative_budget"),
        "actual_line": line("cumulative_actual"),
        "y_ticks": y_ticks,
        "x_ticks": x_ticks,
        "zero_y": coordinate(y(Decimal(0))),
        "legend": {
            "line_y": coordinate(legend_line),
            "text_y": coordinate(legend_text),
            "actual_x1": coordinate(LEFT + 10),
            "actual_x2": coordinate(LEFT + 40),
            "actual_text_x": coordinate(LEFT + 46),
            "budget_x1": coordinate(LEFT + 120),
            "budget_x2": coordinate(LEFT + 150),
            "budget_text_x": coordinate(LEFT + 156),
        },
        "rows": list(points),
        "last_budget": last.cumulative_budget,
        "last_actual": last.cumulative_actual,
        "first_month": points[0].month,
        "last_month": last.month,
    }


BAR_ROW = 34
BAR_HEIGHT = BAR_ROW - 12


@dataclass
class Bar:
    label: str
    label_y: str
    y: str
    budget_width: str
    actual_y: str
    actual_width: str
    forecast_x: str | None
    forecast_y1: str
    forecast_y2: str
    is_over_budget: bool
    amounts: object


def work_area_bars(rows, *, with_forecast=True):
    """Per work area: a bar for the budget, a narrower one for the actual cost inside it and,
    with_forecast, a mark at the forecast. Leave the forecast out when the bars are of a
    date range: the forecast is the whole project's and would not compare."""
    if not rows:
        return None

    def largest(amounts):
        return max(amounts.budget, amounts.actual, amounts.forecast if with_forecast else 0)

    maximum = max(largest(row.amounts) for row in rows)
    _low, high, step = _scale(maximum)
    plot_width = WIDTH - LEFT - RIGHT
    height = TOP + BAR_ROW * len(rows) + BOTTOM
    bottom = height - BOTTOM

    def width(value):
        return max(0.0, plot_width * float(value / high))

    bars = []
    for index, row in enumerate(rows):
        top = TOP + BAR_ROW * index
        bars.append(
            Bar(
                label=row.key.code if hasattr(row.key, "code") else row.label,
                label_y=coordinate(top + 13),
                y=coordinate(top),
                budget_width=coordinate(width(row.amounts.budget)),
                actual_y=coordinate(top + 5),
                actual_width=coordinate(width(row.amounts.actual)),
                forecast_x=(
                    coordinate(LEFT + width(row.amounts.forecast)) if with_forecast else None
                ),
                forecast_y1=coordinate(top - 3),
                forecast_y2=coordinate(top + 25),
                is_over_budget=row.amounts.is_over_budget,
                amounts=row.amounts,
            )
        )
    ticks = []
    value = Decimal(0)
    while value <= high:
        ticks.append(
            Tick(
                coordinate(LEFT + width(value)),
                format_sek(value, decimals=0),
                coordinate(bottom + 16),
            )
        )
        value += step
    return {
        **_frame(WIDTH, height),
        "bottom": coordinate(bottom),
        "label_x": coordinate(LEFT - 8),
        "bars": bars,
        "ticks": ticks,
        "bar_height": coordinate(BAR_HEIGHT),
        "actual_height": coordinate(BAR_HEIGHT - 10),
        "with_forecast": with_forecast,
        "legend": {
            "box_y": coordinate(height - 14),
            "text_y": coordinate(height - 5),
            "budget_text_x": coordinate(LEFT + 20),
            "actual_x": coordinate(LEFT + 90),
            "actual_text_x": coordinate(LEFT + 110),
            "forecast_x": coordinate(LEFT + 185),
            "forecast_y1": coordinate(height - 16),
            "forecast_y2": coordinate(height - 2),
            "forecast_text_x": coordinate(LEFT + 192),
        },
    }
