"""The waterfall (bridge) and combo families.

A waterfall is drawn as stacked columns over an invisible base, so every client
draws it (Office's own ``cx:`` waterfall is not drawn by LibreOffice or older
PowerPoint): a total stands on zero, a step floats on the running total before it,
rises in the theme's ``positive`` colour and falls in its ``negative`` colour.
The resolve phase has checked that every total equals the bars before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.chart.data import CategoryChartData
from pptx.chart.plot import BarPlot
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LABEL_POSITION, XL_MARKER_STYLE
from pptx.util import Pt

from deckbuilder.deck.oxml.combo import hide_legend_entries, move_series_to_line_plot
from deckbuilder.deck.xml_text import xml_text
from deckbuilder.render.charts.families import CHART_TEXT_PT, BarFamily
from deckbuilder.render.charts.series import SeriesTable
from deckbuilder.spec.model import ChartSpec, ThemeSpec

if TYPE_CHECKING:
    from pptx.chart.chart import Chart
    from pptx.chart.data import _BaseChartData
    from pptx.chart.datalabel import DataLabels
    from pptx.chart.plot import _BasePlot

    from deckbuilder.render.charts.kinds import ChartKind

#: the stacked series a waterfall is drawn with, bottom to top; then the line its labels sit on
WATERFALL_SERIES = ("base", "increase", "decrease", "total")
LABEL_SERIES = "labels"


class ComboFamily(BarFamily):
    """Columns with lines (``plots:`` of ``type: line``), on one or two value axes."""

    def default_legend(self, n_series: int) -> str:
        return "bottom"


def waterfall_columns(values: list[float | None], totals: list[bool]) -> list[list[float | None]]:
    """The four stacked series (base, increase, decrease, total) of a waterfall's bars.

    >>> waterfall_columns([10, 5, -3, 12], [True, False, False, True])
    [[None, 10, 12, None], [None, 5, None, None], [None, None, 3, None], [10, None, None, 12]]
    """
    base: list[float | None] = []
    up: list[float | None] = []
    down: list[float | None] = []
    total: list[float | None] = []
    running = 0.0
    for value, is_total in zip(values, totals):
        v = value or 0.0
        if is_total:
            base.append(None)
            up.append(None)
            down.append(None)
            total.append(v)
            running = v
            continue
        after = running + v
        base.append(min(running, after) or None)
        up.append(v if v > 0 else None)
        down.append(-v if v < 0 else None)
        total.append(None)
        running = after
    return [base, up, down, total]


class WaterfallFamily(BarFamily):
    """A bridge: start, steps up and down, subtotals, end."""

    def chart_data(self, table: SeriesTable, number_format: str, scale: float) -> _BaseChartData:
        data = CategoryChartData(number_format=number_format)
        data.categories = [xml_text(c) for c in table.categories]
        values = [None if v is None else v * scale for v in table.series[0][1]]
        totals = table.totals or [k in (0, len(values) - 1) for k in range(len(values))]  # start and end
        columns = waterfall_columns(values, totals)
        for name, column in zip(WATERFALL_SERIES, columns):
            data.add_series(name, column)
        if table.labels:  # the top of each bar, where its label goes
            tops = [max((c[k] or 0.0) + (columns[0][k] or 0.0) for c in columns[1:]) for k in range(len(values))]
            data.add_series(LABEL_SERIES, tops)
        return data

    def default_legend(self, n_series: int) -> str:
        return "none"

    def style_series(self, plot: _BasePlot, kind: ChartKind, spec: ChartSpec, table: SeriesTable,
                     theme: ThemeSpec) -> None:
        assert isinstance(plot, BarPlot)
        plot.gap_width = 50
        plot.overlap = 100
        colors = (None, theme.colors.positive, theme.colors.negative, theme.palette[0])
        for series, color in zip(plot.series, colors):
            series.invert_if_negative = False
            if color is None:  # the base: there, but not drawn
                series.format.fill.background()
                series.format.line.fill.background()
            else:
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = RGBColor.from_string(color)

    def _place_labels(self, plot: _BasePlot, labels: DataLabels, kind: ChartKind, number_format: str,
                      palette: list[str]) -> None:
        raise NotImplementedError  # style_labels below labels each series itself

    def style_labels(self, plot: _BasePlot, kind: ChartKind, spec: ChartSpec, number_format: str,
                     palette: list[str]) -> None:
        """The bars carry no labels: :meth:`finish_chart` writes them above each bar."""

    def finish_chart(self, chart: Chart, spec: ChartSpec, table: SeriesTable, theme: ThemeSpec) -> None:
        """Each bar's label ("+596.2万") above it, on an unseen line through the bars' tops.

        Inside a thin step the label would not fit; a stacked column cannot put it above itself.
        """
        if not table.labels:
            return
        move_series_to_line_plot(chart, [len(WATERFALL_SERIES)])
        line = chart.plots[1].series[0]
        line.format.line.fill.background()
        line.marker.style = XL_MARKER_STYLE.NONE
        line.smooth = False
        hide_legend_entries(chart, [len(WATERFALL_SERIES)])
        if not spec.data_labels:
            return
        for k, text in enumerate(table.labels):
            label = line.points[k].data_label
            label.text_frame.text = xml_text(text)
            label.position = XL_LABEL_POSITION.ABOVE
            label.font.size = Pt(CHART_TEXT_PT)
            label.font.color.rgb = RGBColor.from_string(theme.colors.text)
