"""Columns with lines, a secondary value axis, and reference lines: a chart of several plots.

The chart is created with every series in its type's own plot; :func:`split_lines`
then moves the series drawn as lines on the primary axis (``type: line`` plots of
a column chart, reference lines) into a line plot before the family styles the
first plot, and :func:`finish_layers` moves the secondary-axis series onto their
own axes (after the primary axes are styled) and styles every line and reference line.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LABEL_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE
from pptx.util import Pt

from deckbuilder.deck.oxml.chart import point_fill_hex, series_labels_like_plot, set_point_label_flags
from deckbuilder.deck.oxml.combo import (
    move_series_to_line_plot,
    secondary_value_axis,
    show_series_name_on_point,
)
from deckbuilder.deck.text_style import Fonts, TextStyle, write_text
from deckbuilder.render.charts.families import CHART_TEXT_PT, axis_format, readable_on, style_marked_line
from deckbuilder.render.charts.layers import ChartLayers, PlotKind, SeriesRole
from deckbuilder.spec.model import ChartSpec, ThemeSpec

if TYPE_CHECKING:
    from pptx.chart.chart import Chart

    from deckbuilder.render.charts.kinds import ChartKind

#: chart types whose series may be drawn as another type or on a secondary axis
COMBINABLE = ("column_clustered", "column_stacked", "combo", "line", "line_markers")
REFERENCE_WIDTH_PT = 1.5


def base_type(kind: ChartKind) -> PlotKind:
    """How a combinable chart type draws a series that names no type."""
    return "line" if kind.name.startswith("line") else "column"


def _drawn_as(kind: ChartKind, role: SeriesRole) -> PlotKind:
    return "line" if role.reference else (role.type or base_type(kind))


def split_lines(chart: Chart, kind: ChartKind, layers: ChartLayers) -> None:
    """Move the primary-axis lines of a column chart into a line plot (before any styling)."""
    if kind.name not in COMBINABLE or base_type(kind) == "line":
        return
    moved = [i for i, role in enumerate(layers.roles)
             if role.axis == "primary" and _drawn_as(kind, role) == "line"]
    if moved:
        move_series_to_line_plot(chart, moved)


def finish_layers(chart: Chart, kind: ChartKind, spec: ChartSpec, layers: ChartLayers, number_format: str,
                  fonts: Fonts, theme: ThemeSpec) -> None:
    """Secondary axis, then the style of every line series that is not the chart type's own."""
    if not layers.roles:
        return
    secondary = [i for i, role in enumerate(layers.roles) if role.axis == "secondary"]
    if secondary:
        move_series_to_line_plot(chart, secondary, secondary=True)
        _style_secondary_axis(chart, layers, fonts, theme)
    own_lines = base_type(kind) == "line" and kind.name in COMBINABLE
    tops = _tops(chart, layers)
    references = [series for plot in chart.plots for series in plot.series if layers.role(series.index).reference]
    cleared = _bar_labels_off_lines(chart, kind, spec, layers, references, tops, number_format)
    for plot in chart.plots:
        for series in plot.series:
            role = layers.role(series.index)
            if role.reference:
                point = _label_point(list(series.values), tops, cleared)
                _style_reference(series, point, XL_LABEL_POSITION.ABOVE, theme)
            elif _drawn_as(kind, role) == "line" and (role.axis == "secondary" or not own_lines):
                _style_line(series, role, spec, number_format, theme)


def _style_line(series, role: SeriesRole, spec: ChartSpec, number_format: str, theme: ThemeSpec) -> None:
    hex_color = theme.palette[series.index % len(theme.palette)]
    style_marked_line(series, hex_color, 7)
    color = RGBColor.from_string(hex_color)
    if spec.data_labels:
        labels = series.data_labels
        labels.show_value = True
        labels.number_format = role.number_format or number_format
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.ABOVE
        labels.font.size = Pt(CHART_TEXT_PT)
        labels.font.color.rgb = color


def _tops(chart: Chart, layers: ChartLayers) -> list[float]:
    """Per category, the highest value the chart's own (not reference) series plot there."""
    values = [list(series.values) for plot in chart.plots for series in plot.series
              if not layers.role(series.index).reference]
    return [max((v for v in column if v is not None), default=0.0) for column in zip(*values)] if values else []


#: A gap below the line of this share of the tallest value leaves room for the line's label above it.
LABEL_ROOM = 0.1


def _near_below(value: float | None, level: float, tops: list[float]) -> bool:
    """A value ending this close below a line (LABEL_ROOM of the chart's tallest value or line) has
    its value label, drawn above it, on the line."""
    tallest = max(max(tops), abs(level), 1e-12)
    return value is not None and 0 < level - value < LABEL_ROOM * tallest


def _bar_labels_off_lines(chart: Chart, kind: ChartKind, spec: ChartSpec, layers: ChartLayers,
                          references: list, tops: list[float], number_format: str) -> set[int]:
    """Columns ending just below a reference line would have their value label drawn across the
    line (112% / 目标 100% / 96.0% read as one tangle): those labels go inside the column's end, in a
    colour that reads on the column. Returns the categories whose labels moved (clear above the line)."""
    if not (spec.data_labels and references and tops) or kind.name not in ("column_clustered", "combo"):
        return set()
    levels = [values[0] for values in (list(s.values) for s in references) if values and values[0] is not None]
    moved: set[int] = set()
    for plot in chart.plots:
        for series in plot.series:
            role = layers.role(series.index)
            if role.reference or role.axis == "secondary" or _drawn_as(kind, role) != "column":
                continue
            for j, value in enumerate(series.values):
                if any(_near_below(value, level, tops) for level in levels):
                    fill = point_fill_hex(series, j)
                    series_labels_like_plot(series)
                    label = series.points[j].data_label
                    label.position = XL_LABEL_POSITION.INSIDE_END
                    label.font.size = Pt(CHART_TEXT_PT)
                    label.font.color.rgb = RGBColor.from_string(readable_on(fill) if fill else "FFFFFF")
                    set_point_label_flags(label, show_value=True, show_percent=False, number_format=number_format)
                    moved.add(j)
    return moved


def _label_point(line: list, tops: list[float], cleared: Collection[int] = ()) -> int:
    """Where a reference line's label goes: at the last category whose values end well below the
    line, or below it with their labels moved inside the columns (the label sits in empty space, at
    the line's end as readers expect); failing that, where the values are farthest from the line
    (the label, on its own background, crosses a bar clear of the bar's value label)."""
    if not tops or not line or line[0] is None:
        return max(len(line) - 1, 0)
    level = line[0]
    clear = [j for j, top in enumerate(tops) if top < level and (j in cleared or not _near_below(top, level, tops))]
    if clear:
        return clear[-1]
    return max(range(len(tops)), key=lambda j: (abs(tops[j] - level), j))


def _style_reference(series, point: int, position: XL_LABEL_POSITION, theme: ThemeSpec) -> None:
    """Dashed, no markers, no labels but one at *point* carrying the line's label."""
    color = RGBColor.from_string(theme.colors.text)
    line = series.format.line
    line.color.rgb = color
    line.width = Pt(REFERENCE_WIDTH_PT)
    line.dash_style = MSO_LINE.DASH
    series.smooth = False
    series.marker.style = XL_MARKER_STYLE.NONE
    labels = series.data_labels  # the series' own labels: off, whatever its plot shows
    labels.show_value = False
    labels.show_series_name = False
    label = series.points[point].data_label
    label.position = position
    label.font.size = Pt(CHART_TEXT_PT)
    label.font.color.rgb = color
    show_series_name_on_point(label, theme.colors.background)


def _style_secondary_axis(chart: Chart, layers: ChartLayers, fonts: Fonts, theme: ThemeSpec) -> None:
    axis = secondary_value_axis(chart)
    assert axis is not None, "move_series_to_line_plot(secondary=True) adds it"
    axis.has_major_gridlines = False
    axis.format.line.fill.background()
    axis.tick_labels.number_format = axis_format(layers.secondary_format)
    axis.tick_labels.number_format_is_linked = False
    axis.tick_labels.font.size = Pt(CHART_TEXT_PT)
    if layers.y2_title:
        axis.has_title = True
        write_text(axis.axis_title.text_frame, [layers.y2_title], fonts,
                   TextStyle(size=CHART_TEXT_PT, color=theme.colors.muted))
