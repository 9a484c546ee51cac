"""The value axis a reader can trust: an explicit range and tick step, tick labels with just
enough decimals for that step, and no axis or gridlines repeating what data labels say.

The range and step are computed here, not left to the renderer, so PowerPoint and
LibreOffice draw the same ticks: a nice step (1, 2, 2.5 or 5 x 10^k) giving about five
intervals over the data (from zero for bars and areas), then the tick format gets the
decimals that step needs in the series' own unit (a 1.35亿-1.58亿 column chart ticks
0.0亿, 0.5亿, ... 2.0亿, never "1 亿, 1 亿, 2 亿"). ``chart.axis`` in the spec overrides
any part (in the data's units, before the chart's scale).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from deckbuilder.limits import MAX_AXIS_TICKS
from deckbuilder.render.charts.series import SeriesTable
from deckbuilder.spec.model import ChartSpec

if TYPE_CHECKING:
    from pptx.chart.chart import Chart

    from deckbuilder.render.charts.kinds import ChartKind

NICE_MULTIPLES = (1.0, 2.0, 2.5, 5.0, 10.0)
TARGET_INTERVALS = 5
MAX_DECIMALS = 6
HEADROOM = 0.04  # a bar ending this close (share of the range) under the top gets one more step


@dataclass(frozen=True)
class AxisScale:
    """An explicit value-axis range and tick step, in the values as plotted (after the scale)."""

    minimum: float
    maximum: float
    step: float


def nice_step(span: float, intervals: int = TARGET_INTERVALS) -> float:
    """The smallest 1/2/2.5/5 x 10^k step that covers *span* in at most *intervals* steps.

    >>> nice_step(1.58), nice_step(0.23), nice_step(1200)
    (0.5, 0.05, 250.0)
    """
    raw = span / intervals
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in NICE_MULTIPLES if m * magnitude >= raw * (1 - 1e-9))


def data_range(table: SeriesTable, kind: ChartKind) -> tuple[float, float] | None:
    """Lowest and highest plotted value (stacked: the sums of each category's negative and
    positive parts); None when there is nothing to plot."""
    values: list[float] = []
    if kind.stacked:
        for j in range(len(table.categories)):
            column = [v for _, series in table.series if (v := series[j]) is not None]
            values += [sum(v for v in column if v < 0), sum(v for v in column if v > 0)]
    else:
        values = [v for _, series in table.series for v in series if v is not None]
    return (min(values), max(values)) if values else None


def _tidy(value: float, step: float) -> float:
    """Round away float noise (0.30000000000000004) at well below the step's precision."""
    places = max(0, MAX_DECIMALS - math.floor(math.log10(step)))
    return round(value, places) + 0.0  # + 0.0: never -0.0


def value_scale(table: SeriesTable, kind: ChartKind, spec: ChartSpec, scale: float) -> AxisScale | None:
    """The axis range and step for *table* plotted at *scale* (``spec.axis`` wins where given)."""
    axis = spec.axis
    found = data_range(table, kind)
    if found is None:
        return None
    low, high = found[0] * scale, found[1] * scale
    if kind.zero_based:  # bars and areas are read by length: zero always on the axis
        low, high = min(low, 0.0), max(high, 0.0)
    given_min = None if axis is None or axis.min is None else axis.min * scale
    given_max = None if axis is None or axis.max is None else axis.max * scale
    low = low if given_min is None else given_min
    high = high if given_max is None else given_max
    if high <= low:  # one value, or all equal: give it room
        pad = abs(high) or 1.0
        low, high = (low, low + pad) if kind.zero_based and low == 0 else (low - pad / 2, high + pad / 2)
    if not math.isfinite(high - low):
        return None  # values near the largest float (±1e308): no step spans them; the axis is left automatic
    step = axis.step * scale if axis is not None and axis.step is not None else nice_step(high - low)
    minimum = given_min if given_min is not None else math.floor(low / step + 1e-9) * step
    maximum = given_max if given_max is not None else math.ceil(high / step - 1e-9) * step
    span = maximum - minimum
    if given_max is None and found[1] > 0 and maximum - found[1] * scale < HEADROOM * span:
        maximum += step  # room for the tallest bar's label
    if given_min is None and found[0] < 0 and found[0] * scale - minimum < HEADROOM * span:
        minimum -= step  # ...and for the lowest negative one's
    if not (math.isfinite(minimum) and math.isfinite(maximum)):
        return None  # the headroom pushed a limit past the largest float: the axis is left automatic
    return AxisScale(_tidy(minimum, step), _tidy(maximum, step), _tidy(step, step))


# --------------------------------------------------------------------------- tick labels
_DIGITS = re.compile(r"0(?:\.0+)?(,*)(%?)")


def _unquoted(number_format: str) -> list[tuple[bool, str]]:
    """The format split into (is_literal, text) parts: quoted text is never a digit pattern."""
    parts = re.split(r'("[^"]*")', number_format)
    return [(part.startswith('"'), part) for part in parts if part]


def display_factor(number_format: str) -> float:
    """How Excel's format changes a plotted value before showing it: x100 for %, /1000 per
    trailing comma (K/M/B)."""
    for literal, part in _unquoted(number_format):
        match = None if literal else _DIGITS.search(part)
        if match:
            return (100.0 if match.group(2) else 1.0) / 1000.0 ** len(match.group(1))
    return 1.0


def decimals_for(step: float) -> int:
    """Decimals that show every multiple of *step* exactly: 0.5 -> 1, 2.5 -> 1, 0.25 -> 2, 50 -> 0."""
    for places in range(MAX_DECIMALS + 1):
        if abs(round(step, places) - step) <= 1e-9 * max(1.0, abs(step)):
            return places
    return MAX_DECIMALS


def tick_format(number_format: str, step: float) -> str:
    """*number_format* (the series' labels) with the decimals the tick *step* needs, same unit.

    >>> tick_format('#,##0.00"亿"', 0.5), tick_format('0.0%', 0.05), tick_format('"1:"#,##0.0', 1.0)
    ('#,##0.0"亿"', '0%', '"1:"#,##0')
    """
    if not any(not literal and _DIGITS.search(part) for literal, part in _unquoted(number_format)):
        return number_format  # General, text: nothing to adjust
    places = decimals_for(step * display_factor(number_format))
    digits = "0" + ("." + "0" * places if places else "")
    return "".join(part if literal else _DIGITS.sub(lambda m: digits + m.group(1) + m.group(2), part)
                   for literal, part in _unquoted(number_format))


# --------------------------------------------------------------------------- what is drawn
def shows_value_axis(kind: ChartKind, spec: ChartSpec, n_series: int) -> bool:
    """The spec's ``axis.visible``; by default hidden only where it repeats the labels: one
    series of side-by-side bars, each bar labelled with its value."""
    if spec.axis is not None and spec.axis.visible is not None:
        return spec.axis.visible
    from deckbuilder.render.charts.kinds import BARS

    return not (spec.data_labels and kind.family is BARS and not kind.stacked and n_series == 1)


def style_value_axis(chart: Chart, kind: ChartKind, spec: ChartSpec, table: SeriesTable, scale: float,
                     number_format: str) -> None:
    """Range, step, tick format, visibility and gridlines of an axis chart's value axis."""
    value_axis = chart.value_axis
    axis_scale = value_scale(table, kind, spec, scale)
    if axis_scale is not None:
        value_axis.minimum_scale = axis_scale.minimum
        value_axis.maximum_scale = axis_scale.maximum
        value_axis.major_unit = axis_scale.step
        value_axis.tick_labels.number_format = tick_format(number_format, axis_scale.step)
        value_axis.tick_labels.number_format_is_linked = False
    visible = shows_value_axis(kind, spec, len(table.series))
    value_axis.visible = visible
    value_axis.has_major_gridlines = visible if spec.gridlines is None else spec.gridlines


# --------------------------------------------------------------------------- spec checks
@dataclass(frozen=True)
class AxisProblem:
    """Something in a chart spec's axis or highlight fields that would be ignored or would mislead."""

    message: str
    at: tuple[str | int, ...]  # field path inside the chart spec
    hint: str | None = None


def chart_problems(spec: ChartSpec, kind: ChartKind, table: SeriesTable) -> list[AxisProblem]:
    """What in *spec*'s axis, gridlines, axis titles and highlight would be ignored or would
    mislead, for a chart of *kind* plotting *table*."""
    from deckbuilder.render.charts.kinds import ROUND

    problems = _highlight_problems(spec, kind)
    if kind.family is ROUND:
        for name in ("axis", "gridlines", "x_title"):
            if getattr(spec, name) is not None:
                problems.append(AxisProblem(f"a {spec.type} chart has no axes: '{name}' would be ignored", (name,),
                                            "remove it, or use a bar or line chart"))
        return problems
    axis = spec.axis
    found = data_range(table, kind)
    if axis is not None and axis.visible is False and not spec.data_labels:
        problems.append(AxisProblem("with the value axis hidden and no data labels, no value can be read",
                                    ("axis", "visible"), "turn 'data_labels' on, or show the axis"))
    if axis is not None and kind.zero_based:
        if axis.min is not None and axis.min > 0:
            problems.append(AxisProblem(
                f"a {spec.type} chart's value axis must start at zero, not {axis.min:g}: bars and areas are "
                "read by their length, so a cut axis exaggerates the differences", ("axis", "min"),
                "remove 'min', or use a line chart to show a narrow range"))
        elif found is not None and axis.min is not None and axis.min > found[0]:
            problems.append(AxisProblem(f"axis min {axis.min:g} cuts off the lowest value ({found[0]:g})",
                                        ("axis", "min"), f"use {found[0]:g} or lower, or remove 'min'"))
        if found is not None and axis.max is not None and axis.max < found[1]:
            problems.append(AxisProblem(f"axis max {axis.max:g} cuts off the highest value ({found[1]:g})",
                                        ("axis", "max"), f"use {found[1]:g} or higher, or remove 'max'"))
    if axis is not None and axis.step is not None:
        low = axis.min if axis.min is not None else (found[0] if found else 0.0)
        high = axis.max if axis.max is not None else (found[1] if found else 0.0)
        if kind.zero_based:
            low, high = min(low, 0.0), max(high, 0.0)
        if high > low and (high - low) / axis.step > MAX_AXIS_TICKS:
            problems.append(AxisProblem(f"axis step {axis.step:g} gives more than {MAX_AXIS_TICKS} ticks",
                                        ("axis", "step"), "use a larger step (in the data's units: 0.1 for 10%)"))
    return problems



def _highlight_problems(spec: ChartSpec, kind: ChartKind) -> list[AxisProblem]:
    """A highlight colour must say what it means, and must be drawn at all."""
    from deckbuilder.render.charts.kinds import ROUND, SLOPE

    if spec.highlight and kind.family is ROUND:
        return [AxisProblem(f"a {spec.type} chart colours every slice: 'highlight' would be ignored", ("highlight",),
                            "remove it, or use a bar chart")]
    # a slope chart names every line at its end and greys the others: the highlight explains itself
    if spec.highlight and not spec.highlight_note and kind.family is not SLOPE:
        return [AxisProblem("highlighted categories need a 'highlight_note' saying what the colour means",
                            ("highlight",), "e.g. highlight_note: 大促月份")]
    if spec.highlight_note and not spec.highlight:
        return [AxisProblem("'highlight_note' explains a highlight, but nothing is highlighted", ("highlight_note",),
                            "name the categories with 'highlight:', or remove the note")]
    return []
