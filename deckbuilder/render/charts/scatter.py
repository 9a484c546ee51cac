"""Scatter and bubble charts: one point per row, each labelled with its name.

A scatter's table holds the points' names as categories, their ``y`` values as
the one series, and their ``x`` values (and a bubble's sizes) beside them
(:attr:`SeriesTable.x_values`, :attr:`SeriesTable.sizes`). Each point's label is
its name, so a reader sees which product or region sits where.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.chart.data import BubbleChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LABEL_POSITION, XL_MARKER_STYLE
from pptx.util import Pt

from deckbuilder.deck.xml_text import xml_text
from deckbuilder.render.charts.families import CHART_TEXT_PT, _AxisFamily, axis_format, readable_on
from deckbuilder.render.charts.series import SeriesTable
from deckbuilder.spec.model import ChartSpec, ThemeSpec

if TYPE_CHECKING:
    from pptx.chart.chart import Chart
    from pptx.chart.data import _BaseChartData
    from pptx.chart.datalabel import DataLabels
    from pptx.chart.plot import _BasePlot

    from deckbuilder.render.charts.kinds import ChartKind


class ScatterFamily(_AxisFamily):
    """Points placed by two values (and sized by a third: bubbles), labelled by name."""

    bubbles = False

    def chart_data(self, table: SeriesTable, number_format: str, scale: float) -> _BaseChartData:
        data = BubbleChartData(number_format=number_format) if self.bubbles else XyChartData(number_format)
        name, ys = table.series[0]
        series = data.add_series(xml_text(name))
        x_scale = 1.0 if table.x_format else scale  # x in the chart's units unless it has its own
        for k, (x, y) in enumerate(zip(table.x_values, ys)):
            if x is None or y is None:
                continue  # a point needs both values
            x = x * x_scale
            if self.bubbles:
                series.add_data_point(x, y * scale, table.sizes[k] or 0)
            else:
                series.add_data_point(x, y * scale)
        return data

    def default_legend(self, n_series: int) -> str:
        return "none"

    def style_series(self, plot: _BasePlot, kind: ChartKind, spec: ChartSpec, table: SeriesTable,
                     theme: ThemeSpec) -> None:
        highlight = {str(h) for h in spec.highlight}
        color = RGBColor.from_string(theme.palette[0])
        for series in plot.series:
            if self.bubbles:
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = color
            else:
                series.format.line.fill.background()  # points, not a line through them
                series.marker.style = XL_MARKER_STYLE.CIRCLE
                series.marker.size = 10
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = color
                series.marker.format.line.color.rgb = color
            for j, name in enumerate(_drawn_names(table)):
                if name in highlight:
                    point = series.points[j]
                    target = point.format if self.bubbles else point.marker.format
                    target.fill.solid()
                    target.fill.fore_color.rgb = RGBColor.from_string(theme.colors.accent)
            if spec.data_labels:  # the names are in the table, which style_labels does not get
                on = readable_on(theme.palette[0]) if self.bubbles else theme.colors.text  # on the bubble
                self._name_points(series, table, XL_LABEL_POSITION.CENTER if self.bubbles else
                                  XL_LABEL_POSITION.RIGHT, on)

    def finish_chart(self, chart: Chart, spec: ChartSpec, table: SeriesTable, theme: ThemeSpec) -> None:
        """The x axis reads in the x values' format (the chart's, unless they came with their own)."""
        x_axis = chart.category_axis  # an XY chart's first value axis: x
        x_axis.tick_labels.number_format = axis_format(table.x_format or self._y_format(chart))
        x_axis.tick_labels.number_format_is_linked = False

    @staticmethod
    def _y_format(chart: Chart) -> str:
        return chart.value_axis.tick_labels.number_format

    def style_labels(self, plot: _BasePlot, kind: ChartKind, spec: ChartSpec, number_format: str,
                     palette: list[str]) -> None:
        """Points carry their names (:meth:`style_series` wrote them), not their values."""

    @staticmethod
    def _name_points(series, table: SeriesTable, position: XL_LABEL_POSITION, color: str) -> None:
        for j, name in enumerate(_drawn_names(table)):
            label = series.points[j].data_label
            label.text_frame.text = xml_text(name)
            label.position = position
            for font in (label.font, label.text_frame.paragraphs[0].runs[0].font):  # the run's own, too
                font.size = Pt(CHART_TEXT_PT)
                font.color.rgb = RGBColor.from_string(color)

    def _place_labels(self, plot: _BasePlot, labels: DataLabels, kind: ChartKind, number_format: str,
                      palette: list[str]) -> None:
        raise NotImplementedError  # style_labels names each point itself


def _drawn_names(table: SeriesTable) -> list[str]:
    """The names of the points drawn (those with both values), in order."""
    ys = table.series[0][1]
    return [name for name, x, y in zip(table.categories, table.x_values, ys) if x is not None and y is not None]


class BubbleFamily(ScatterFamily):
    """Scatter points sized by a third value (the bubble's area)."""

    bubbles = True
