"""Small multiples (``facet:``): one small panel per series, all on one value axis, as a picture.

A chart of many groups (monthly sales of eight regions) reads badly as eight lines on one
plot; as eight small panels side by side it reads at a glance, *if* the panels are honest:
every panel has the same value scale (bars and areas from zero), the same categories, the
same colour, and is titled with its group. :func:`facet_grid` chooses the rows and columns
from the number of panels and the content box's shape; :func:`draw_small_multiples` draws
them into a matplotlib figure (the figure, theme, fonts and bytes are :mod:`.images`' business).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from deckbuilder.deck.fonts import measure_text
from deckbuilder.deck.text_style import Fonts
from deckbuilder.render.charts.families import BarFamily
from deckbuilder.render.charts.image_kinds import PictureStyle, _plain_axes, _value_ticks
from deckbuilder.render.charts.series import SeriesTable
from deckbuilder.spec.model import ChartSpec

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from deckbuilder.render.charts.kinds import ChartKind

#: chart types whose panels can share one value axis (one series per panel; stacks need several)
FACET_TYPES = ("column_clustered", "bar_clustered", "line", "line_markers", "area")
#: width : height a panel reads best at; the grid gives each panel the largest such box that fits
PANEL_ASPECT = 1.6
PANEL_PT = 10  # tick labels in a panel
TITLE_PT = 11  # a panel's title (its group)
MAX_LABELLED_BARS = 8  # bars in a panel that are labelled with their values (more: the axis is read)


def facet_grid(panels: int, width: float, height: float) -> tuple[int, int]:
    """(rows, columns) for *panels* in a box of *width* x *height*: the grid whose panels are the
    largest boxes of :data:`PANEL_ASPECT` that fit, each empty cell counting as a tenth smaller
    (a full row of three reads better than a 2 x 2 grid with a hole).

    >>> facet_grid(3, 12.0, 5.0), facet_grid(4, 12.0, 5.0), facet_grid(4, 5.0, 6.0), facet_grid(1, 12.0, 5.0)
    ((1, 3), (2, 2), (2, 2), (1, 1))
    >>> facet_grid(12, 12.0, 5.0), facet_grid(24, 12.0, 5.0)
    ((3, 4), (4, 6))
    """
    best: tuple[tuple[float, int], tuple[int, int]] | None = None
    for columns in range(1, panels + 1):
        rows = math.ceil(panels / columns)
        empty = rows * columns - panels
        size = min(width / columns / PANEL_ASPECT, height / rows) * (1 - 0.1 * empty)
        key = (round(size, 9), -empty)
        if best is None or key > best[0]:
            best = (key, (rows, columns))
    assert best is not None, "at least one panel"
    return best[1]


def shared_range(kind: ChartKind, table: SeriesTable, *, labelled: bool,
                 references: tuple[float, ...] = ()) -> tuple[float, float]:
    """One value range for every panel: the data's extremes and the reference lines (with room for
    the labels beyond them), and zero for bars and areas."""
    numbers = [v for _, values in table.series for v in values if v is not None and math.isfinite(v)]
    numbers += [v for v in references if math.isfinite(v)]
    low, high = (min(numbers), max(numbers)) if numbers else (0.0, 1.0)
    if kind.zero_based:
        low, high = min(low, 0.0), max(high, 0.0)
    span = (high - low) or abs(high) or 1.0
    room = span * (0.18 if labelled else 0.08)  # labels sit beyond a bar's end (above, or below a negative one)
    below = 0.0 if kind.zero_based and low == 0 else room
    above = 0.0 if kind.zero_based and high == 0 else room
    return low - below, high + above


def draw_small_multiples(figure: Figure, spec: ChartSpec, kind: ChartKind, table: SeriesTable, style: PictureStyle,
                         fonts: Fonts, size: tuple[float, float]) -> list[Axes]:
    """A panel per series of *table* on a grid filling *figure* (*size* in inches); the panels in order."""
    rows, columns = facet_grid(len(table.series), *size)
    grid = figure.subplots(rows, columns, sharex=True, sharey=True, squeeze=False)
    panels = [grid[k // columns][k % columns] for k in range(len(table.series))]
    for axes in [a for row in grid for a in row][len(panels):]:
        axes.set_visible(False)
    step = _category_step(table.categories, fonts, size, columns, rows, kind.horizontal)
    bars = isinstance(kind.family, BarFamily)
    # values labelled: a line's latest point; bars when each has room (else the shared axis is read)
    labelled = spec.data_labels and (not bars or (step == 1 and len(table.categories) <= MAX_LABELLED_BARS))
    for k, (axes, (name, values)) in enumerate(zip(panels, table.series)):
        tones = style.tones[k] if style.tones and k < len(style.tones) else []
        _panel(axes, spec, kind, table.categories, values, tones, style, labelled=labelled)
        axes.set_title(name, loc="left", fontsize=TITLE_PT, fontweight="bold", color="#" + style.theme.colors.text)
        axes.tick_params(labelsize=PANEL_PT)
    for k, axes in enumerate(panels):  # a panel with no panel below it shows the categories (or the values)
        if k + columns >= len(panels):
            axes.xaxis.set_tick_params(labelbottom=True)
    positions = list(range(0, len(table.categories), step))
    names = [table.categories[j] for j in positions]
    first = panels[0]
    value_range = shared_range(kind, table, labelled=labelled, references=tuple(v for _, v in style.references))
    if kind.horizontal:
        first.set_yticks(positions, names)
        first.set_ylim(len(table.categories) - 0.5, -0.5)  # the first category on top
        first.set_xlim(*value_range)
    else:
        first.set_xticks(positions, names)
        first.set_ylim(*value_range)
    for axes in panels:  # the range and ticks are shared; each panel hides its own axis if asked
        _value_ticks(axes, spec, style, horizontal=kind.horizontal, zero=kind.zero_based)
    for label, value in style.references:  # a reference line is named once, in the first panel
        first.annotate(label, (0.0, value) if not kind.horizontal else (value, 0.0),
                       xycoords=("axes fraction", "data") if not kind.horizontal else ("data", "axes fraction"),
                       xytext=(2, 2), textcoords="offset points", ha="left", va="bottom", fontsize=PANEL_PT,
                       color="#" + style.theme.colors.text)
    return panels


def _panel(axes: Axes, spec: ChartSpec, kind: ChartKind, categories: list[str], values: list[float | None],
           tones: list[int], style: PictureStyle, *, labelled: bool) -> None:
    theme = style.theme
    positions = list(range(len(categories)))
    color = style.color(0)  # one colour for every panel: the panels differ by title, not by hue
    if isinstance(kind.family, BarFamily):
        highlighted = {str(h) for h in spec.highlight}
        colors = ["#" + theme.colors.accent if c in highlighted
                  else "#" + (theme.colors.positive if tone > 0 else theme.colors.negative) if tone else color
                  for c, tone in zip(categories, tones + [0] * (len(categories) - len(tones)))]
        shown = [v or 0.0 for v in values]
        draw = axes.barh if kind.horizontal else axes.bar
        bars = draw(positions, shown, 0.7, color=colors)
        if labelled:
            axes.bar_label(bars, [style.fmt(v) if v is not None else "" for v in values], padding=2,
                           fontsize=PANEL_PT)
    else:
        points = [math.nan if v is None else v for v in values]
        if kind.filled:
            axes.fill_between(positions, [0.0] * len(points), points, color=color, alpha=0.85, linewidth=0)
        else:
            axes.plot(positions, points, color=color, linewidth=2, marker="o" if kind.markers else None,
                      markersize=4)
        known = [(j, v) for j, v in enumerate(values) if v is not None]
        if labelled and known:  # the latest value, as a sparkline reads: clear of the line into it
            (last, value), before = known[-1], (known[-2][1] if len(known) > 1 else known[-1][1])
            above = value >= before or kind.filled  # never on an area's fill
            axes.annotate(style.fmt(value), (last, value), xytext=(4, 6 if above else -6),
                          textcoords="offset points", ha="right" if last else "left", va="bottom" if above else "top",
                          fontsize=PANEL_PT, color="#" + theme.colors.text)
    for _, value in style.references:
        line = axes.axvline if kind.horizontal else axes.axhline
        line(value, color="#" + theme.colors.text, linestyle="--", linewidth=1)
    _plain_axes(axes, value_axis="x" if kind.horizontal else "y")


def _category_step(categories: list[str], fonts: Fonts, size: tuple[float, float], columns: int, rows: int,
                   horizontal: bool) -> int:
    """Every how many categories a panel names one, so that the names never run into each other."""
    if not categories:
        return 1
    if horizontal:  # names stacked down a panel: one line each
        room = size[1] / rows * 72 * 0.7
        need = PANEL_PT * 1.4
    else:  # names side by side along a panel
        room = size[0] / columns * 72 * 0.85
        need = max(measure_text(c, fonts.latin, fonts.east_asian, PANEL_PT) for c in categories) + PANEL_PT
    return max(1, math.ceil(len(categories) * need / max(room, 1.0)))
