"""Chart families: one style object per family, chosen by chart type (see :mod:`.kinds`).

A family decides how its charts get their data (the python-pptx chart-data
class), their default legend, and how series, data labels and axes look. The
chart type's own traits (grouping, horizontal bars, markers, a doughnut hole)
come in as a :class:`~.kinds.ChartKind`.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

from pptx.chart.data import CategoryChartData
from pptx.chart.plot import BarPlot, DoughnutPlot
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LABEL_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.util import Pt

from deckbuilder.deck.oxml.chart import (
    cross_value_axis_at_last_category,
    set_hole_size,
    set_label_separator,
    set_point_label_flags,
    show_leader_lines,
)
from deckbuilder.deck.text_style import Fonts, TextStyle, write_text
from deckbuilder.deck.xml_text import xml_text
from deckbuilder.render.charts.series import SeriesTable
from deckbuilder.spec.model import ChartSpec, ThemeSpec

if TYPE_CHECKING:
    from pptx.chart.chart import Chart
    from pptx.chart.data import _BaseChartData
    from pptx.chart.datalabel import DataLabels
    from pptx.chart.plot import _BasePlot

    from deckbuilder.render.charts.kinds import ChartKind

CHART_TEXT_PT = 12
GRIDLINE = "D9D9D9"


def readable_on(fill: str) -> str:
    """White or near-black, whichever reads better on *fill* (relative luminance)."""
    r, g, b = (int(fill[i:i + 2], 16) / 255 for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "FFFFFF" if luminance < 0.55 else "262626"


def axis_format(number_format: str) -> str:
    """Axis ticks need no decimals even when the data labels show them (1,200 万, not 1,200.0 万)."""
    return re.sub(r"\.0+(?![0-9])", "", number_format)


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color)


class ChartFamily(ABC):
    """How one family of chart types is built and styled.

    Category families take a :class:`SeriesTable` as ``CategoryChartData``; a
    non-category family (scatter, bubble) overrides :meth:`chart_data` to build
    ``XyChartData``, and a combo or waterfall family styles several plots in
    :meth:`style_series`. Register each chart type of a new family in :mod:`.kinds`.
    """

    def chart_data(self, table: SeriesTable, number_format: str, scale: float) -> _BaseChartData:
        """The python-pptx chart data for *table*, values multiplied by *scale*."""
        data = CategoryChartData(number_format=number_format)
        data.categories = [xml_text(c) for c in table.categories]
        for name, values in table.series:
            data.add_series(xml_text(name), [None if v is None else v * scale for v in values])
        return data

    @abstractmethod
    def default_legend(self, n_series: int) -> str:
        """Where the legend goes when the spec does not say ("none" for no legend)."""

    def legend_for(self, kind: ChartKind, table: SeriesTable) -> str:
        """The default legend of a chart of *kind* plotting *table*."""
        return self.default_legend(len(table.series))

    @abstractmethod
    def style_series(self, plot: _BasePlot, kind: ChartKind, spec: ChartSpec, table: SeriesTable,
                     theme: ThemeSpec) -> None:
        """Colours, gaps and strokes of the plotted series."""

    @abstractmethod
    def style_labels(self, plot: _BasePlot, kind: ChartKind, spec: ChartSpec, number_format: str,
                     palette: list[str]) -> None:
        """Data labels (called only when the spec asks for them)."""

    def style_axes(  # noqa: B027 - a deliberate no-op default, not a forgotten @abstractmethod
            self, chart: Chart, kind: ChartKind, number_format: str, x_title: str, y_title: str,
            fonts: Fonts, theme: ThemeSpec) -> None:
        """Axes, gridlines and axis titles; a family without axes keeps this no-op."""

    def finish_chart(  # noqa: B027 - a deliberate no-op default, not a forgotten @abstractmethod
            self, chart: Chart, spec: ChartSpec, table: SeriesTable, theme: ThemeSpec) -> None:
        """Last touches over the whole chart (a second plot of its own); most families need none."""


def _labels_on(plot: _BasePlot) -> DataLabels:
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(CHART_TEXT_PT)
    return labels


class _AxisFamily(ChartFamily):
    """Category charts drawn against a category axis and a value axis."""

    def default_legend(self, n_series: int) -> str:
        return "bottom" if n_series > 1 else "none"

    def _fill_series(self, plot: _BasePlot, spec: ChartSpec, table: SeriesTable, theme: ThemeSpec) -> None:
        """Solid series fills in palette order; highlighted categories in the accent colour."""
        palette = theme.palette
        highlight = {str(h) for h in spec.highlight}
        for i, series in enumerate(plot.series):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(palette[i % len(palette)])
            for j, category in enumerate(table.categories):
                if category in highlight:
                    point = series.points[j]
                    point.format.fill.solid()
                    point.format.fill.fore_color.rgb = _rgb(theme.colors.accent)

    def style_labels(self, plot: _BasePlot, kind: ChartKind, spec: ChartSpec, number_format: str,
                     palette: list[str]) -> None:
        labels = _labels_on(plot)
        labels.number_format = number_format
        labels.number_format_is_linked = False
        labels.show_value = True
        self._place_labels(plot, labels, kind, number_format, palette)

    @abstractmethod
    def _place_labels(self, plot: _BasePlot, labels: DataLabels, kind: ChartKind, number_format: str,
                      palette: list[str]) -> None:
        """Where this family's value labels sit."""

    @staticmethod
    def _label_stacked_series(plot: _BasePlot, number_format: str, palette: list[str]) -> None:
        """Labels sit on the fill: each series gets a label colour that reads on its own colour."""
        for i, series in enumerate(plot.series):
            series_labels = series.data_labels
            series_labels.show_value = True
            series_labels.number_format = number_format
            series_labels.number_format_is_linked = False
            series_labels.position = XL_LABEL_POSITION.CENTER
            series_labels.font.size = Pt(CHART_TEXT_PT)
            series_labels.font.color.rgb = _rgb(readable_on(palette[i % len(palette)]))

    def style_axes(  # noqa: B027 - a deliberate no-op default, not a forgotten @abstractmethod
            self, chart: Chart, kind: ChartKind, number_format: str, x_title: str, y_title: str,
            fonts: Fonts, theme: ThemeSpec) -> None:
        value_axis, category_axis = chart.value_axis, chart.category_axis
        value_axis.has_major_gridlines = True
        value_axis.major_gridlines.format.line.color.rgb = _rgb(GRIDLINE)
        value_axis.format.line.fill.background()
        value_axis.tick_labels.number_format = axis_format(number_format)
        value_axis.tick_labels.number_format_is_linked = False
        value_axis.tick_labels.font.size = Pt(CHART_TEXT_PT)
        category_axis.tick_labels.font.size = Pt(CHART_TEXT_PT)
        category_axis.format.line.color.rgb = _rgb(GRIDLINE)
        category_axis.has_major_gridlines = False
        category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # clear of negative bars
        if kind.horizontal:
            category_axis.reverse_order = True  # first category on top, as people read a ranking
            cross_value_axis_at_last_category(chart)  # ...with the value axis still at the bottom
        for axis, text in ((category_axis, x_title), (value_axis, y_title)):
            if text:
                axis.has_title = True
                write_text(axis.axis_title.text_frame, [text], fonts,
                           TextStyle(size=CHART_TEXT_PT, color=theme.colors.muted))


class BarFamily(_AxisFamily):
    """Columns and horizontal bars, clustered or stacked."""

    def style_series(self, plot: _BasePlot, kind: ChartKind, spec: ChartSpec, table: SeriesTable,
                     theme: ThemeSpec) -> None:
        assert isinstance(plot, BarPlot)
        plot.gap_width = 60 if len(table.series) > 1 else 80
        if kind.stacked:
            plot.overlap = 100
        self._fill_series(plot, spec, table, theme)
        for series in plot.series:
            series.invert_if_negative = False  # a negative bar keeps its colour

    def _place_labels(self, plot: _BasePlot, labels: DataLabels, kind: ChartKind, number_format: str,
                      palette: list[str]) -> None:
        if kind.stacked:
            self._label_stacked_series(plot, number_format, palette)
        else:
            labels.position = XL_LABEL_POSITION.OUTSIDE_END


class LineAreaFamily(_AxisFamily):
    """Lines (with or without markers) and areas (standard or stacked)."""

    def style_series(self, plot: _BasePlot, kind: ChartKind, spec: ChartSpec, table: SeriesTable,
                     theme: ThemeSpec) -> None:
        if kind.filled:
            self._fill_series(plot, spec, table, theme)
            return
        palette = theme.palette
        for i, series in enumerate(plot.series):
            color = _rgb(palette[i % len(palette)])
            series.format.line.color.rgb = color
            series.format.line.width = Pt(2.5)
            series.smooth = False
            if kind.markers:
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = color
                series.marker.format.line.color.rgb = color

    def _place_labels(self, plot: _BasePlot, labels: DataLabels, kind: ChartKind, number_format: str,
                      palette: list[str]) -> None:
        if not kind.filled:
            labels.position = XL_LABEL_POSITION.ABOVE
        elif kind.stacked:
            self._label_stacked_series(plot, number_format, palette)


class RoundFamily(ChartFamily):
    """Pie and doughnut: one series, a slice per category, no axes.

    Each slice is labelled with its category and share, so no legend is needed by default
    (a legend on the side makes the reader match colours); the smallest slices beyond
    ``MAX_SLICES`` are merged into one "其他" slice so their labels cannot collide.
    """

    def chart_data(self, table: SeriesTable, number_format: str, scale: float) -> _BaseChartData:
        return super().chart_data(merge_small_slices(table), number_format, scale)

    def default_legend(self, n_series: int) -> str:
        return "none"

    def legend_for(self, kind: ChartKind, table: SeriesTable) -> str:
        """A ring too thin to name its small slices keeps a legend; otherwise slices name themselves."""
        return "none" if names_on_slices(kind, merge_small_slices(table).series[0][1]) else "right"

    def style_series(self, plot: _BasePlot, kind: ChartKind, spec: ChartSpec, table: SeriesTable,
                     theme: ThemeSpec) -> None:
        palette = theme.palette
        plot.vary_by_categories = True
        for j, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(palette[j % len(palette)])
            point.format.line.color.rgb = _rgb(theme.colors.background)
        if kind.hole is not None:
            assert isinstance(plot, DoughnutPlot)
            set_hole_size(plot, kind.hole)

    def style_labels(self, plot: _BasePlot, kind: ChartKind, spec: ChartSpec, number_format: str,
                     palette: list[str]) -> None:
        labels = _labels_on(plot)
        # Slices show their share of the whole, unless the spec names a format for the values.
        as_values = spec.number_format is not None
        labels.number_format = number_format if as_values else "0.0%"
        labels.number_format_is_linked = False
        labels.show_percentage = not as_values
        labels.show_value = as_values
        named = names_on_slices(kind, list(plot.series[0].values))
        labels.show_category_name = named
        if named:
            set_label_separator(labels, "\n")
        if kind.hole is None:
            labels.position = XL_LABEL_POSITION.OUTSIDE_END  # with leader lines when moved
            show_leader_lines(labels)
            return
        # A ring's labels sit on the slices: each gets a colour that reads on its slice.
        labels.position = XL_LABEL_POSITION.CENTER
        for j, point in enumerate(plot.series[0].points):
            label = point.data_label
            label.font.size = Pt(CHART_TEXT_PT)
            label.font.color.rgb = _rgb(readable_on(palette[j % len(palette)]))
            set_point_label_flags(label, show_value=as_values, show_percent=not as_values,
                                  number_format=labels.number_format, show_category=named)


MAX_SLICES = 6  # more slices than this: the smallest are merged into one "其他" slice
MIN_NAMED_RING_SHARE = 0.1  # a doughnut names its slices on the ring only when each is this big


def names_on_slices(kind: ChartKind, values: list[float | None]) -> bool:
    """Whether every slice can carry its category name: always on a pie (labels sit outside,
    with leader lines); on a ring only when no slice is too thin for a two-line label."""
    if kind.hole is None:
        return True
    total = sum(v for v in values if v is not None and v > 0)
    return total > 0 and all(v is None or v / total >= MIN_NAMED_RING_SHARE for v in values)


def merge_small_slices(table: SeriesTable, limit: int = MAX_SLICES) -> SeriesTable:
    """*table* with its smallest slices beyond *limit* - 1 merged into one "其他" (Other) slice.

    >>> merge_small_slices(SeriesTable(list("abcd"), [("n", [5, 1, 4, 2])]), limit=3).series
    [('n', [5, 4, 3])]
    """
    name, values = table.series[0]
    if len(values) <= limit:
        return table
    order = sorted(range(len(values)), key=lambda j: -(values[j] or 0.0))
    kept = sorted(order[:limit - 1])
    rest = sum(values[j] or 0.0 for j in order[limit - 1:])
    other = "其他" if any(ord(ch) > 0x2E7F for c in table.categories for ch in c) else "Other"
    return SeriesTable([table.categories[j] for j in kept] + [other],
                       [(name, [values[j] for j in kept] + [rest])])


def style_marked_line(series, hex_color: str, marker_size: int) -> None:
    """A straight 2.5 pt line in *hex_color* with round markers of the same colour (combo lines, slopes)."""
    color = RGBColor.from_string(hex_color)
    series.format.line.color.rgb = color
    series.format.line.width = Pt(2.5)
    series.smooth = False
    series.marker.style = XL_MARKER_STYLE.CIRCLE
    series.marker.size = marker_size
    series.marker.format.fill.solid()
    series.marker.format.fill.fore_color.rgb = color
    series.marker.format.line.color.rgb = color
