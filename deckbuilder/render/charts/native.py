"""``add_native_chart``: an editable PowerPoint chart, styled by its family."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_LEGEND_POSITION
from pptx.util import Pt

from deckbuilder.deck.geometry import Box
from deckbuilder.deck.oxml.accessibility import set_alt_text
from deckbuilder.deck.oxml.chart import (
    place_chart_title_top_left,
    renumber_axis_ids,
    set_chart_typefaces,
    unrotate_axis_titles,
)
from deckbuilder.deck.text_style import Fonts, TextStyle, write_text
from deckbuilder.deck.xml_text import xml_text
from deckbuilder.render.charts.combo import finish_layers, split_lines
from deckbuilder.render.charts.families import CHART_TEXT_PT
from deckbuilder.render.charts.kinds import BARS, BUBBLES, CHART_KINDS, ROUND, SCATTER
from deckbuilder.render.charts.layers import ChartLayers, own_series
from deckbuilder.render.charts.series import SeriesTable
from deckbuilder.render.charts.value_axis import shows_value_axis, style_value_axis
from deckbuilder.spec.model import ChartSpec, ThemeSpec

LEGEND = {"bottom": XL_LEGEND_POSITION.BOTTOM, "right": XL_LEGEND_POSITION.RIGHT,
          "top": XL_LEGEND_POSITION.TOP, "left": XL_LEGEND_POSITION.LEFT}


def add_native_chart(slide, box: Box, spec: ChartSpec, table: SeriesTable, *, theme: ThemeSpec, fonts: Fonts,
                     scale: float = 1.0, number_format: str = "General", title: str = "",
                     x_title: str = "", y_title: str = "", tones: list[list[int]] | None = None,
                     layers: ChartLayers | None = None, alt: str = ""):
    """Add an editable chart of *table* at *box*, styled with *theme*; returns the python-pptx chart.

    *tones* (per series and point: 1 a good change, -1 a bad one) colour bars that are changes;
    *layers* says what each series is when not all are the type's own (:mod:`.combo`); *alt* is its alt text.
    """
    kind = CHART_KINDS[spec.type]
    layers = layers or ChartLayers()
    family = kind.family
    data = family.chart_data(table, number_format, scale)
    frame = slide.shapes.add_chart(kind.xl_type, box.left, box.top, box.width, box.height, data)
    frame.name = xml_text(f"Chart: {title or spec.type}")
    set_alt_text(frame, xml_text(alt or title or spec.type))
    chart = frame.chart
    chart.font.size = Pt(CHART_TEXT_PT)
    # A value axis title drawn beside a vertical axis would be turned sideways (or eat the plot's
    # width): it is read above the axis instead, in the chart's title slot.
    on_axis = kind.family is not ROUND and kind.horizontal and shows_value_axis(kind, spec, len(table.series))
    _style_title(chart, title, "" if on_axis else y_title, fonts, theme)
    if y_title and not on_axis and not title:
        place_chart_title_top_left(chart)
    y_title = y_title if on_axis else ""
    shown = len(own_series(len(table.series), layers))
    legend = family.legend_for(kind, table) if shown == len(table.series) else family.default_legend(shown)
    _style_legend(chart, spec.legend or legend)
    split_lines(chart, kind, layers)
    plot = chart.plots[0]
    family.style_series(plot, kind, spec, table, theme)
    if tones and kind.family is BARS:
        _colour_changes(plot, tones, {str(h) for h in spec.highlight}, table, theme)
    if spec.data_labels:
        family.style_labels(plot, kind, spec, number_format, theme.palette)
    family.style_axes(chart, kind, number_format, x_title, y_title, fonts, theme)
    if kind.percent:  # the axis of a 100% chart shows shares of each category's total
        chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = 0, 1
        chart.value_axis.tick_labels.number_format = "0%"
        chart.value_axis.tick_labels.number_format_is_linked = False
    elif kind.family not in (ROUND, SCATTER, BUBBLES):  # explicit range and step: every renderer agrees
        primary = [series for i, series in enumerate(table.series) if layers.role(i).axis == "primary"]
        style_value_axis(chart, kind, spec, SeriesTable(table.categories, primary, table.totals), scale, number_format)
    finish_layers(chart, kind, spec, layers, number_format, fonts, theme)
    family.finish_chart(chart, spec, table, theme)
    unrotate_axis_titles(chart)
    set_chart_typefaces(chart, fonts)
    renumber_axis_ids(chart)
    return chart


def _style_title(chart, title: str, unit: str, fonts: Fonts, theme: ThemeSpec) -> None:
    """The chart title (bold) and under it what the values are (the spec's ``y_title``, muted)."""
    paragraphs = []
    if title:
        paragraphs.append([(title, TextStyle(size=14, bold=True, color=theme.colors.text))])
    if unit:
        paragraphs.append([(unit, TextStyle(size=CHART_TEXT_PT, bold=False, color=theme.colors.muted))])
    chart.has_title = bool(paragraphs)
    if paragraphs:
        write_text(chart.chart_title.text_frame, paragraphs, fonts)


def _colour_changes(plot, tones: list[list[int]], highlight: set[str], table: SeriesTable,
                    theme: ThemeSpec) -> None:
    """Bars that are changes in the theme's good/bad colours (a highlighted bar keeps its own)."""
    for series, series_tones in zip(plot.series, tones):
        for j, shade in enumerate(series_tones):
            if shade and table.categories[j] not in highlight:
                fill = series.points[j].format.fill
                fill.solid()
                fill.fore_color.rgb = RGBColor.from_string(
                    theme.colors.positive if shade > 0 else theme.colors.negative)


def _style_legend(chart, position: str) -> None:
    chart.has_legend = position != "none"
    if chart.has_legend:
        chart.legend.position = LEGEND[position]
        chart.legend.include_in_layout = False
