"""Indicators against their target over time: for each indicator a line of its values with
the baseline and the target as level lines (SVG, drawn by
templates/governance/reports/indicator.html), and a table of the same figures.

On a report page (and its PDF) the points are the values measured up to the period's end,
as the report holds them; in the comparison over time (over_time.py) they are the latest
value each report showed. Whether a value reaches the target is `achieved`, the
same rule as the report's "target reached" (content.py calls it).

As in governance/budget/charts.py, every number in an SVG attribute is written here as
text with a decimal point (`coordinate`); the numbers shown as text are localised.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils import dateformat
from django.utils.formats import number_format

from governance.budget.charts import coordinate

WIDTH = 720
HEIGHT = 240
LEFT = 64  # room for the values on the y axis
RIGHT = 130  # room for the names of the baseline and target lines
TOP = 18
BOTTOM = 36
LABEL_FONT_SIZE = 11  # the x axis's dates or periods
# A label's width is guessed at this many font sizes per character: the widest of the
# common sans-serif fonts' digits and lower case (DejaVu Sans: 0.64), so never too narrow.
LABEL_CHARACTER_WIDTH = 0.64
LABEL_GAP = 8  # the least room between two labels


@dataclass
class Point:
    label: str  # the date measured, or the report's period
    value: Decimal
    measured_on: object = None  # a date, when the label is a report's period
    source: str = ""


@dataclass
class Row:
    label: str
    measured_on: object
    value: Decimal
    change: Decimal | None  # value − baseline
    achieved: bool | None
    source: str = ""


def achieved(baseline, target, value):
    """Whether `value` reaches the target: at or above it when the target is above the
    baseline (or there is none), at or below it when the target is below. None when there
    is no value or no target."""
    if value is None or target is None:
        return None
    rising = baseline is None or target >= baseline
    return value >= target if rising else value <= target


def plain(value):
    """A whole number without its stored decimals (14, not 14,00); others as stored."""
    if value is None or value != value.to_integral_value():
        return value
    return value.quantize(Decimal(1))


def number(value):
    """A measured value as text for the reader (localised: 7,50 in Swedish)."""
    return number_format(value, use_l10n=True, force_grouping=True)


def step_for(span, ticks=4):
    """A round step (1, 2 or 5 × 10^n, also below 1) giving about `ticks` grid lines."""
    raw = Decimal(span) / ticks if span > 0 else Decimal(1)
    magnitude = Decimal(1).scaleb(raw.adjusted())
    for factor in (1, 2, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def label_width(label):
    """How wide an x-axis label may be drawn, in the chart's units (see LABEL_CHARACTER_WIDTH)."""
    return len(label) * LABEL_CHARACTER_WIDTH * LABEL_FONT_SIZE


def label_every(labels, spacing):
    """Every how many points an x-axis label fits without touching its neighbour, with
    `spacing` between neighbouring points: 1 shows them all; 2 every second…"""
    if len(labels) < 2:
        return 1
    widest = max(label_width(label) for label in labels) + LABEL_GAP
    return max(1, math.ceil(widest / spacing))


def rows(points, baseline, target):
    return [
        Row(
            label=point.label,
            measured_on=point.measured_on,
            value=plain(point.value),
            change=None if baseline is None else plain(point.value - baseline),
            achieved=achieved(baseline, target, point.value),
            source=point.source,
        )
        for point in points
    ]


def chart(points, baseline, target, unit, chart_id):
    """The geometry of one indicator's chart; None without values."""
    if not points:
        return None
    levels = [level for level in (baseline, target) if level is not None]
    values = [point.value for point in points] + levels
    low, high = min(values), max(values)
    step = step_for(high - low)
    low = Decimal(math.floor(low / step)) * step
    high = Decimal(math.ceil(high / step)) * step
    if high == low:
        high = low + step
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    bottom = HEIGHT - BOTTOM

    def x(index):
        if len(points) == 1:
            return LEFT + plot_width / 2
        return LEFT + 12 + (plot_width - 24) * index / (len(points) - 1)

    def y(value):
        return TOP + plot_height * float((high - value) / (high - low))

    ticks = []
    value = low
    while value <= high:
        ticks.append({"y": coordinate(y(value)), "label": number(value.normalize())})
        value += step
    # Labels that would overlap are thinned to every k-th, counted back from the latest
    # (which is always labelled); the table under the chart has every value with its label.
    every = label_every([point.label for point in points], x(1) - x(0) if len(points) > 1 else 0)
    last = len(points) - 1
    marks = [
        {
            "x": coordinate(x(index)),
            "y": coordinate(y(point.value)),
            "label_y": coordinate(y(point.value) - 9),
            "value": number(plain(point.value)),
            "label": point.label,
            "show_label": (last - index) % every == 0,
        }
        for index, point in enumerate(points)
    ]

    def level_line(value):
        if value is None:
            return None
        return {
            "y": coordinate(y(value)),
            "text_y": coordinate(y(value) + 4),
            "value": number(plain(value)),
        }

    return {
        "id": chart_id,
        "width": coordinate(WIDTH),
        "height": coordinate(HEIGHT),
        "left": coordinate(LEFT),
        "right": coordinate(WIDTH - RIGHT),
        "top": coordinate(TOP),
        "bottom": coordinate(bottom),
        "tick_label_x": coordinate(LEFT - 6),
        "x_label_y": coordinate(bottom + 20),
        "label_font_size": coordinate(LABEL_FONT_SIZE),
        "level_text_x": coordinate(WIDTH - RIGHT + 6),
        "ticks": ticks,
        "marks": marks,
        "line": " ".join(f"{mark['x']},{mark['y']}" for mark in marks),
        "baseline": level_line(baseline),
        "target": level_line(target),
        "unit": unit,
        "first": points[0],
        "last": points[-1],
    }


def report_indicators(content):
    """The indicators of one report: each with its measured values up to the period's
    end, as chart and rows."""
    result = []
    for index, indicator in enumerate(content["indicators"], start=1):
        points = [
            Point(
                dateformat.format(value["measured_on"], "j b Y"),
                value["value"],
                source=value["source"],
            )
            for value in indicator["values"]
        ]
        result.append(
            {
                **indicator,
                "chart": chart(
                    points,
                    indicator["baseline"],
                    indicator["target"],
                    indicator["unit"],
                    f"indikator-{index}",
                ),
                "rows": rows(points, indicator["baseline"], indicator["target"]),
            }
        )
    return result
