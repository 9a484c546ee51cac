"""Pictures of the native chart types (``render: image``) and of box plots and funnels.

Each drawer takes matplotlib axes, the chart's :class:`~.series.SeriesTable` in the
data's own units and a :class:`PictureStyle` (theme colours, the label formatter,
good/bad tones, reference lines) and draws the chart as its native twin would read:
bars and areas from zero, the first horizontal bar on top, labels in the chart's
number format, highlighted categories in the accent colour.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from deckbuilder.render.charts.families import merge_small_slices, names_on_slices, readable_on
from deckbuilder.render.charts.series import SeriesTable
from deckbuilder.spec.model import ChartSpec, ThemeSpec

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from deckbuilder.render.charts.kinds import ChartKind

GRID = "#D9D9D9"


@dataclass
class PictureStyle:
    """What a picture needs beyond its data: colours, how values read, what the colours mean."""

    theme: ThemeSpec
    fmt: Callable[[float], str]  # a value (in the data's units) as its label reads
    tones: list[list[int]] | None = None  # per series and point: 1 a good change, -1 a bad one
    references: list[tuple[str, float]] = field(default_factory=list)  # (label, value) lines across the plot

    def color(self, i: int) -> str:
        return "#" + self.theme.palette[i % len(self.theme.palette)]


def _numbers(values: list[float | None]) -> list[float]:
    return [v for v in values if v is not None and math.isfinite(v)]


def _plain_axes(axes: Axes, *, value_axis: Literal["x", "y"] = "y") -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.spines["left" if value_axis == "x" else "bottom"].set_color(GRID)
    axes.spines["bottom" if value_axis == "x" else "left"].set_visible(False)
    axes.grid(axis=value_axis, color=GRID)
    axes.set_axisbelow(True)
    axes.tick_params(length=0)


def _value_ticks(axes: Axes, spec: ChartSpec, style: PictureStyle, *, horizontal: bool = False,
                 zero: bool = True, percent: bool = False) -> None:
    """Ticks in the chart's number format; the range the spec's ``axis:`` gives, from zero for bars."""
    from matplotlib.ticker import FuncFormatter, MultipleLocator

    axis = axes.xaxis if horizontal else axes.yaxis
    axis.set_major_formatter(FuncFormatter(
        (lambda v, _: f"{v:.0%}") if percent else (lambda v, _: re.sub(r"\.0+(?![0-9])", "", style.fmt(v)))))
    limits = axes.set_xlim if horizontal else axes.set_ylim
    if zero:
        low, high = (axes.get_xlim() if horizontal else axes.get_ylim())
        limits(min(0.0, low), max(0.0, high))
    given = spec.axis
    if given is not None:
        if given.min is not None or given.max is not None:
            limits(given.min, given.max)
        if given.step:
            axis.set_major_locator(MultipleLocator(given.step))
        if given.visible is False:
            axis.set_visible(False)
            axes.grid(False)


def _references(axes: Axes, style: PictureStyle, *, horizontal: bool) -> None:
    """Targets and averages: a dashed line across the plot, labelled at its end."""
    for label, value in style.references:
        if horizontal:
            axes.axvline(value, color="#" + style.theme.colors.text, linestyle="--", linewidth=1.2)
            axes.annotate(label, (value, 1.0), xycoords=("data", "axes fraction"), ha="left", va="bottom",
                          xytext=(3, 2), textcoords="offset points", color="#" + style.theme.colors.text)
        else:
            axes.axhline(value, color="#" + style.theme.colors.text, linestyle="--", linewidth=1.2)
            axes.annotate(label, (1.0, value), xycoords=("axes fraction", "data"), ha="left", va="center",
                          xytext=(4, 0), textcoords="offset points", color="#" + style.theme.colors.text)


def _bar_color(style: PictureStyle, spec: ChartSpec, i: int, j: int, category: str) -> str:
    theme = style.theme
    if category in {str(h) for h in spec.highlight}:
        return "#" + theme.colors.accent
    tone = style.tones[i][j] if style.tones and i < len(style.tones) and j < len(style.tones[i]) else 0
    if tone:
        return "#" + (theme.colors.positive if tone > 0 else theme.colors.negative)
    return style.color(i)


def draw_bars(axes: Axes, spec: ChartSpec, kind: ChartKind, table: SeriesTable, style: PictureStyle) -> None:
    """Columns or horizontal bars, clustered, stacked or 100% stacked; labelled in the chart's format."""
    n, positions = len(table.series), range(len(table.categories))
    totals = [sum(abs(v or 0.0) for _, values in table.series for v in values[j:j + 1]) or 1.0 for j in positions]
    width = 0.6 if kind.stacked or n == 1 else 0.8 / n
    base_up, base_down = [0.0] * len(positions), [0.0] * len(positions)
    for i, (name, values) in enumerate(table.series):
        shown = [(v or 0.0) / totals[j] if kind.percent else (v or 0.0) for j, v in enumerate(values)]
        if kind.stacked:
            where = [float(j) for j in positions]
            base = [base_up[j] if v >= 0 else base_down[j] for j, v in enumerate(shown)]
        else:
            where = [j - 0.4 + width * (i + 0.5) for j in positions]
            base = [0.0] * len(shown)
        colors = [_bar_color(style, spec, i, j, c) for j, c in enumerate(table.categories)]
        draw = axes.barh if kind.horizontal else axes.bar
        bars = draw(where, shown, width, base, color=colors, label=name)
        if spec.data_labels:
            labels = [style.fmt(v) if v is not None else "" for v in values]
            if kind.stacked:
                axes.bar_label(bars, labels, label_type="center",
                               color=[("#" + readable_on(c[1:])) for c in colors][0])
            else:
                axes.bar_label(bars, labels, padding=2)
        for j, v in enumerate(shown):
            (base_up if v >= 0 else base_down)[j] += v
    ticks, names = list(positions), list(table.categories)
    if kind.horizontal:
        axes.set_yticks(ticks, names)
        axes.invert_yaxis()  # first category on top, as people read a ranking
    else:
        axes.set_xticks(ticks, names)
    if spec.data_labels and not kind.stacked:
        if kind.horizontal:  # room for the outermost label
            axes.margins(x=0.12)
        else:
            axes.margins(y=0.12)
    _plain_axes(axes, value_axis="x" if kind.horizontal else "y")
    _references(axes, style, horizontal=kind.horizontal)
    _value_ticks(axes, spec, style, horizontal=kind.horizontal, percent=kind.percent)


def draw_lines(axes: Axes, spec: ChartSpec, kind: ChartKind, table: SeriesTable, style: PictureStyle) -> None:
    """Lines (zoomed to their data) or areas (from zero, stacked when the type says so)."""
    positions = list(range(len(table.categories)))
    below = [0.0] * len(positions)
    for i, (name, values) in enumerate(table.series):
        color = style.color(i)
        if kind.filled:
            top = [b + (v or 0.0) if kind.stacked else (v or 0.0) for b, v in zip(below, values)]
            axes.fill_between(positions, below if kind.stacked else [0.0] * len(top), top, color=color,
                              alpha=1.0 if kind.stacked or len(table.series) == 1 else 0.6, label=name,
                              linewidth=0)
            below = top if kind.stacked else below
        else:
            axes.plot(positions, [math.nan if v is None else v for v in values], color=color, linewidth=2.5,
                      marker="o" if kind.markers else None, label=name)
            if spec.data_labels:
                for j, v in enumerate(values):
                    if v is not None:
                        axes.annotate(style.fmt(v), (j, v), xytext=(0, 6), textcoords="offset points",
                                      ha="center", va="bottom")
    axes.set_xticks(positions, table.categories)
    if spec.data_labels and not kind.filled:
        axes.margins(y=0.15)
    _plain_axes(axes)
    _references(axes, style, horizontal=False)
    _value_ticks(axes, spec, style, zero=kind.filled)


def draw_round(axes: Axes, spec: ChartSpec, kind: ChartKind, table: SeriesTable, style: PictureStyle) -> None:
    """Pie or doughnut: each slice named with its share (or its value with a number format)."""
    merged = merge_small_slices(table)
    values = [max(v or 0.0, 0.0) for v in merged.series[0][1]]
    total = sum(values) or 1.0
    named = names_on_slices(kind, list(values))
    colors = [style.color(j) for j in range(len(values))]
    texts = [(f"{c}\n" if named else "") + (style.fmt(v) if spec.number_format else f"{v / total:.1%}")
             for c, v in zip(merged.categories, values)]
    ring = kind.hole is not None
    wedges, *_ = axes.pie(values, colors=colors, startangle=90, counterclock=False,
                          labels=None if ring else (texts if spec.data_labels else None),
                          labeldistance=1.12, wedgeprops={"edgecolor": "#" + style.theme.colors.background,
                                                          "width": 0.45 if ring else None})
    if ring and spec.data_labels:
        for wedge, text, color in zip(wedges, texts, colors):
            angle = math.radians((wedge.theta1 + wedge.theta2) / 2)
            axes.text(0.775 * math.cos(angle), 0.775 * math.sin(angle), text, ha="center", va="center",
                      color="#" + readable_on(color[1:]))
    if ring and not named:
        axes.legend(wedges, merged.categories, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    axes.set_aspect("equal")


def draw_box(axes: Axes, spec: ChartSpec, kind: ChartKind, table: SeriesTable, style: PictureStyle) -> None:
    """One box per value column: quartiles, whiskers to 1.5 IQR, outliers as points; the median labelled."""
    data = [_numbers(values) for _, values in table.series]
    parts = axes.boxplot(data, widths=0.5, patch_artist=True,
                         medianprops={"color": "#" + style.theme.colors.text, "linewidth": 2},
                         flierprops={"markeredgecolor": "#" + style.theme.colors.muted})
    for i, box in enumerate(parts["boxes"]):
        box.set_facecolor(style.color(i))
        box.set_edgecolor(style.color(i))
    axes.set_xticks(range(1, len(data) + 1), [name for name, _ in table.series])
    if spec.data_labels:
        for i, numbers in enumerate(data, start=1):
            if numbers:
                median = sorted(numbers)[len(numbers) // 2] if len(numbers) % 2 else \
                    sum(sorted(numbers)[len(numbers) // 2 - 1:len(numbers) // 2 + 1]) / 2
                axes.annotate(style.fmt(median), (i + 0.27, median), va="center", ha="left")
    _plain_axes(axes)
    _value_ticks(axes, spec, style, zero=False)


def draw_funnel(axes: Axes, spec: ChartSpec, kind: ChartKind, table: SeriesTable, style: PictureStyle) -> None:
    """Stages top to bottom, each bar as wide as its value (centred), labelled with the value and
    its share of the first stage."""
    _, values = table.series[0]
    numbers = [max(v or 0.0, 0.0) for v in values]
    first = numbers[0] if numbers and numbers[0] else 1.0
    positions = list(range(len(numbers)))
    colors = [_bar_color(style, spec, 0, j, c) for j, c in enumerate(table.categories)]
    axes.barh(positions, numbers, 0.8, [-v / 2 for v in numbers], color=colors)
    if spec.data_labels:
        widest = max(numbers) if numbers else 1.0
        for j, v in enumerate(numbers):
            text = f"{style.fmt(v)}（{v / first:.0%}）" if j else style.fmt(v)
            inside = v > widest * 0.35
            axes.text(0 if inside else v / 2 + widest * 0.02, j, text, va="center",
                      ha="center" if inside else "left",
                      color="#" + (readable_on(colors[j][1:]) if inside else style.theme.colors.text))
    axes.set_yticks(positions, table.categories)
    axes.invert_yaxis()
    axes.xaxis.set_visible(False)
    for side in axes.spines.values():
        side.set_visible(False)
    axes.tick_params(length=0)


#: chart type -> its picture drawer (histogram and heatmap are drawn in :mod:`.images`)
DRAWERS = {
    **dict.fromkeys(("column_clustered", "column_stacked", "bar_clustered", "bar_stacked",
                     "column_stacked_100", "bar_stacked_100"), draw_bars),
    **dict.fromkeys(("line", "line_markers", "area", "area_stacked"), draw_lines),
    "pie": draw_round, "doughnut": draw_round, "box": draw_box, "funnel": draw_funnel,
}
