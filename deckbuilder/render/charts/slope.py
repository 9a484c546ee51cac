"""The slope chart: a before/after comparison ("from X to Y"), one line per item.

The data is written as for a column chart (items as categories, a value column
for each moment: ``y: [2024, 2025]``); the slope family turns it around so each
item becomes a line from its first value to its last, labelled with its value at
both ends and its name at the right-hand end, in place of a legend.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_LABEL_POSITION
from pptx.util import Pt

from deckbuilder.deck.oxml.combo import set_point_label
from deckbuilder.deck.xml_text import xml_text
from deckbuilder.render.charts.families import CHART_TEXT_PT, LineAreaFamily, style_marked_line
from deckbuilder.render.charts.series import SeriesTable
from deckbuilder.spec.model import ChartSpec, ThemeSpec

if TYPE_CHECKING:
    from pptx.chart.data import _BaseChartData
    from pptx.chart.plot import _BasePlot

    from deckbuilder.render.charts.kinds import ChartKind


class SlopeFamily(LineAreaFamily):
    """Each category of the data becomes a line across the value columns (the moments compared)."""

    def chart_data(self, table: SeriesTable, number_format: str, scale: float) -> _BaseChartData:
        data = CategoryChartData(number_format=number_format)
        data.categories = [xml_text(name) for name, _ in table.series]
        for j, item in enumerate(table.categories):
            points = [values[j] for _, values in table.series]
            data.add_series(xml_text(item), [None if v is None else v * scale for v in points])
        return data

    def default_legend(self, n_series: int) -> str:
        return "none"  # each line is named at its end

    def style_series(self, plot: _BasePlot, kind: ChartKind, spec: ChartSpec, table: SeriesTable,
                     theme: ThemeSpec) -> None:
        highlight = {str(h) for h in spec.highlight}
        for i, series in enumerate(plot.series):
            name = table.categories[i]
            hex_color = (theme.colors.accent if name in highlight else
                         theme.colors.muted if highlight else theme.palette[i % len(theme.palette)])
            style_marked_line(series, hex_color, 8)

    def style_labels(self, plot: _BasePlot, kind: ChartKind, spec: ChartSpec, number_format: str,
                     palette: list[str]) -> None:
        for series in plot.series:
            series.data_labels.show_value = False  # only the two ends speak
            last = len(series.values) - 1
            for j, position, with_name in ((0, XL_LABEL_POSITION.LEFT, False),
                                           (last, XL_LABEL_POSITION.RIGHT, True)):
                label = series.points[j].data_label
                label.position = position
                label.font.size = Pt(CHART_TEXT_PT)
                set_point_label(label, value=True, series_name=with_name, number_format=number_format)
