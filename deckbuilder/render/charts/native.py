"""``add_native_chart``: an editable PowerPoint chart, styled by its family."""

from __future__ import annotations

from pptx.enum.chart import XL_LEGEND_POSITION
from pptx.util import Pt

from deckbuilder.deck.geometry import Box
from deckbuilder.deck.oxml.chart import renumber_axis_ids, set_chart_typefaces
from deckbuilder.deck.text_style import Fonts, TextStyle, write_text
from deckbuilder.deck.xml_text import xml_text
from deckbuilder.render.charts.combo import finish_layers, split_lines
from deckbuilder.render.charts.families import CHART_TEXT_PT
from deckbuilder.render.charts.kinds import CHART_KINDS
from deckbuilder.render.charts.layers import ChartLayers
from deckbuilder.render.charts.series import SeriesTable
from deckbuilder.spec.model import ChartSpec, ThemeSpec

LEGEND = {"bottom": XL_LEGEND_POSITION.BOTTOM, "right": XL_LEGEND_POSITION.RIGHT,
          "top": XL_LEGEND_POSITION.TOP, "left": XL_LEGEND_POSITION.LEFT}


def add_native_chart(slide, box: Box, spec: ChartSpec, table: SeriesTable, *, theme: ThemeSpec, fonts: Fonts,
                     scale: float = 1.0, number_format: str = "General", title: str = "",
                     x_title: str = "", y_title: str = "", layers: ChartLayers | None = None):
    """Add an editable chart of *table* at *box*, styled with *theme*; returns the python-pptx chart.

    *layers* says what each series is when not all are the type's own (:mod:`.combo`).
    """
    kind = CHART_KINDS[spec.type]
    layers = layers or ChartLayers()
    family = kind.family
    data = family.chart_data(table, number_format, scale)
    frame = slide.shapes.add_chart(kind.xl_type, box.left, box.top, box.width, box.height, data)
    frame.name = xml_text(f"Chart: {title or spec.type}")
    chart = frame.chart
    chart.font.size = Pt(CHART_TEXT_PT)
    _style_title(chart, title, fonts, theme)
    shown = sum(not layers.role(i).reference for i in range(len(table.series)))
    _style_legend(chart, spec.legend or family.default_legend(shown))
    split_lines(chart, kind, layers)
    plot = chart.plots[0]
    family.style_series(plot, kind, spec, table, theme)
    if spec.data_labels:
        family.style_labels(plot, kind, spec, number_format, theme.palette)
    family.style_axes(chart, kind, number_format, x_title, y_title, fonts, theme)
    if kind.percent:
        chart.value_axis.tick_labels.number_format = "0%"  # the axis of a 100% chart shows shares
    if kind.zero_based and all(v is None or v >= 0 for _, values in table.series for v in values):
        chart.value_axis.minimum_scale = 0  # explicit, so every renderer agrees (with negatives: automatic)
    finish_layers(chart, kind, spec, layers, number_format, fonts, theme)
    family.finish_chart(chart, spec, table, theme)
    set_chart_typefaces(chart, fonts)
    renumber_axis_ids(chart)
    return chart


def _style_title(chart, title: str, fonts: Fonts, theme: ThemeSpec) -> None:
    chart.has_title = bool(title)
    if title:
        write_text(chart.chart_title.text_frame, [title], fonts,
                   TextStyle(size=14, bold=True, color=theme.colors.text))


def _style_legend(chart, position: str) -> None:
    chart.has_legend = position != "none"
    if chart.has_legend:
        chart.legend.position = LEGEND[position]
        chart.legend.include_in_layout = False
