"""Native, editable PowerPoint charts from a DataFrame.

A chart binding names a category column (``x``) and value columns (``y``), or a
long table with a ``series`` column that is pivoted. The chart gets the theme
palette, the deck fonts (Latin + East Asian), data labels in the requested
number format, and positive axis ids (see :mod:`deckbuilder.deck.chart_xml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.util import Pt

from pptx.oxml.ns import qn

from deckbuilder.deck.chart_xml import renumber_axis_ids, set_chart_typefaces
from deckbuilder.deck.geometry import Box
from deckbuilder.deck.text_style import Fonts, TextStyle, write_text
from deckbuilder.deck.xml_text import xml_text
from deckbuilder.errors import DataError, allowed_hint
from deckbuilder.spec.model import ChartSpec, InlineSeriesData, ThemeSpec

if TYPE_CHECKING:
    import pandas

CHART_TYPES = {
    "column_clustered": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "column_stacked": XL_CHART_TYPE.COLUMN_STACKED,
    "bar_clustered": XL_CHART_TYPE.BAR_CLUSTERED,
    "bar_stacked": XL_CHART_TYPE.BAR_STACKED,
    "line": XL_CHART_TYPE.LINE,
    "line_markers": XL_CHART_TYPE.LINE_MARKERS,
    "area": XL_CHART_TYPE.AREA,
    "area_stacked": XL_CHART_TYPE.AREA_STACKED,
    "pie": XL_CHART_TYPE.PIE,
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
}
LEGEND = {"bottom": XL_LEGEND_POSITION.BOTTOM, "right": XL_LEGEND_POSITION.RIGHT,
          "top": XL_LEGEND_POSITION.TOP, "left": XL_LEGEND_POSITION.LEFT}
ROUND = ("pie", "doughnut")
CHART_TEXT_PT = 12
GRIDLINE = "D9D9D9"


@dataclass
class SeriesTable:
    """Categories and named series of values: what a category chart needs."""

    categories: list[str]
    series: list[tuple[str, list[float | None]]]


def series_from_inline(data: InlineSeriesData) -> SeriesTable:
    """Inline chart data as written in the spec (no pandas needed)."""
    return SeriesTable([_category(c) for c in data.categories],
                       [(name, [None if v is None else float(v) for v in values]) for name, values in data.series.items()])


def series_from_frame(frame: "pandas.DataFrame", spec: ChartSpec, *, where: str) -> SeriesTable:
    """Pick categories and series out of *frame* as the binding says.

    >>> df = pd.DataFrame({"q": ["Q1", "Q2"], "sales": [1.0, 2.0]})
    >>> series_from_frame(df, ChartSpec(type="line", data=None, csv="x.csv"), where="chart").series
    [('sales', [1.0, 2.0])]
    """
    import pandas as pd

    columns = [str(c) for c in frame.columns]
    frame = frame.copy()
    frame.columns = columns
    x = spec.x or columns[0]
    _require_columns(frame, [x] + ([spec.series] if spec.series else []), where)
    if spec.series:
        value = spec.y if isinstance(spec.y, str) else (spec.y[0] if spec.y else
                                                         next(c for c in columns if c not in (x, spec.series)))
        _require_columns(frame, [value], where)
        frame = frame.pivot_table(index=x, columns=spec.series, values=value, aggfunc="sum", sort=False)
        frame = frame.reset_index()
        frame.columns = [str(c) for c in frame.columns]
        ys = [c for c in frame.columns if c != x]
    else:
        ys = [spec.y] if isinstance(spec.y, str) else (spec.y or [c for c in columns if c != x])
        _require_columns(frame, ys, where)
    if not ys:
        raise DataError(f"{where}: no value columns to plot", hint="name them with 'y:'")
    categories = [_category(v) for v in frame[x].tolist()]
    series = []
    for name in ys:
        values = pd.to_numeric(frame[name], errors="coerce")
        if values.isna().all():
            raise DataError(f"{where}: column '{name}' has no numbers to plot")
        series.append((name, [None if pd.isna(v) else float(v) for v in values]))
    return SeriesTable(categories, series)


def _category(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):  # dates and pandas Timestamps
        return value.strftime("%Y-%m-%d")
    return str(value)


def _require_columns(frame: "pandas.DataFrame", names: list[str], where: str) -> None:
    for name in names:
        if name not in frame.columns:
            raise DataError(f"{where}: no column '{name}' in the chart data",
                            hint=allowed_hint(name, frame.columns))


def add_native_chart(slide, box: Box, spec: ChartSpec, table: SeriesTable, *, theme: ThemeSpec, fonts: Fonts,
                     scale: float = 1.0, number_format: str = "General", title: str = "",
                     x_title: str = "", y_title: str = ""):
    """Add an editable chart of *table* at *box*, styled with *theme*."""
    data = CategoryChartData(number_format=number_format)
    data.categories = [xml_text(c) for c in table.categories]
    for name, values in table.series:
        data.add_series(xml_text(name), [None if v is None else v * scale for v in values])
    frame = slide.shapes.add_chart(CHART_TYPES[spec.type], box.left, box.top, box.width, box.height, data)
    frame.name = xml_text(f"Chart: {title or spec.type}")
    chart = frame.chart
    chart.font.size = Pt(CHART_TEXT_PT)
    _style_title(chart, title, fonts, theme)
    _style_legend(chart, spec, len(table.series))
    _style_series(chart, spec, table, theme)
    if spec.data_labels:
        _style_labels(chart, spec, number_format, theme.palette)
    if spec.type not in ROUND:
        _style_axes(chart, spec, number_format, x_title, y_title, fonts, theme)
    set_chart_typefaces(chart._chartSpace, fonts)
    renumber_axis_ids(chart._chartSpace)
    return chart


def _style_title(chart, title: str, fonts: Fonts, theme: ThemeSpec) -> None:
    chart.has_title = bool(title)
    if title:
        write_text(chart.chart_title.text_frame, [title], fonts,
                   TextStyle(size=14, bold=True, color=theme.colors.text))


def _style_legend(chart, spec: ChartSpec, n_series: int) -> None:
    position = spec.legend or ("right" if spec.type in ROUND else "bottom" if n_series > 1 else "none")
    chart.has_legend = position != "none"
    if chart.has_legend:
        chart.legend.position = LEGEND[position]
        chart.legend.include_in_layout = False


def _style_series(chart, spec: ChartSpec, table: SeriesTable, theme: ThemeSpec) -> None:
    palette = theme.palette
    plot = chart.plots[0]
    if spec.type in ROUND:
        plot.vary_by_categories = True
        for j, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = RGBColor.from_string(palette[j % len(palette)])
            point.format.line.color.rgb = RGBColor.from_string(theme.colors.background)
        if spec.type == "doughnut":
            hole = plot._element.find("{http://schemas.openxmlformats.org/drawingml/2006/chart}holeSize")
            if hole is not None:
                hole.set("val", "55")
        return
    if spec.type.startswith(("column", "bar")):
        plot.gap_width = 60 if len(table.series) > 1 else 80
        if spec.type.endswith("stacked"):
            plot.overlap = 100
    highlight = {str(h) for h in spec.highlight}
    for i, series in enumerate(plot.series):
        color = RGBColor.from_string(palette[i % len(palette)])
        if spec.type.startswith("line"):
            series.format.line.color.rgb = color
            series.format.line.width = Pt(2.5)
            series.smooth = False
            if spec.type == "line_markers":
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = color
                series.marker.format.line.color.rgb = color
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = color
            series.invert_if_negative = False
            for j, category in enumerate(table.categories):
                if category in highlight:
                    point = series.points[j]
                    point.format.fill.solid()
                    point.format.fill.fore_color.rgb = RGBColor.from_string(theme.colors.accent)


def _style_labels(chart, spec: ChartSpec, number_format: str, palette: list[str]) -> None:
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.size = Pt(CHART_TEXT_PT)
    if spec.type in ROUND:
        # Slices show their share of the whole, unless the spec names a format for the values.
        as_values = spec.number_format is not None
        labels.number_format = number_format if as_values else "0.0%"
        labels.number_format_is_linked = False
        labels.show_percentage = not as_values
        labels.show_value = as_values
        labels.position = XL_LABEL_POSITION.OUTSIDE_END if spec.type == "pie" else XL_LABEL_POSITION.CENTER
        if spec.type == "doughnut":  # labels sit on the slices: each gets a colour that reads on its slice
            for j, point in enumerate(plot.series[0].points):
                _point_label(point, labels.number_format, as_values, readable_on(palette[j % len(palette)]))
        return
    labels.number_format = number_format
    labels.number_format_is_linked = False
    labels.show_value = True
    if spec.type in ("column_clustered", "bar_clustered"):
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
    elif spec.type.startswith("line"):
        labels.position = XL_LABEL_POSITION.ABOVE
    elif spec.type.endswith("stacked"):
        # Labels sit on the fill: each series gets a label colour that reads on its own colour.
        for i, series in enumerate(plot.series):
            series_labels = series.data_labels
            series_labels.show_value = True
            series_labels.number_format = number_format
            series_labels.number_format_is_linked = False
            series_labels.position = XL_LABEL_POSITION.CENTER
            series_labels.font.size = Pt(CHART_TEXT_PT)
            series_labels.font.color.rgb = RGBColor.from_string(readable_on(palette[i % len(palette)]))


def _point_label(point, number_format: str, as_values: bool, color: str) -> None:
    """One slice's own label: python-pptx gives it no show flags or format, so set them in the XML."""
    label = point.data_label
    label.font.size = Pt(CHART_TEXT_PT)
    label.font.color.rgb = RGBColor.from_string(color)
    dlbl = label._dLbl
    dlbl.find(qn("c:showVal")).set("val", "1" if as_values else "0")
    dlbl.find(qn("c:showPercent")).set("val", "0" if as_values else "1")
    num_fmt = dlbl.makeelement(qn("c:numFmt"), {"formatCode": number_format, "sourceLinked": "0"})
    dlbl.find(qn("c:spPr")).addprevious(num_fmt)


def readable_on(fill: str) -> str:
    """White or near-black, whichever reads better on *fill* (relative luminance)."""
    r, g, b = (int(fill[i:i + 2], 16) / 255 for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "FFFFFF" if luminance < 0.55 else "262626"


def axis_format(number_format: str) -> str:
    """Axis ticks need no decimals even when the data labels show them (1,200 万, not 1,200.0 万)."""
    return re.sub(r"\.0+(?![0-9])", "", number_format)


def _style_axes(chart, spec, number_format, x_title, y_title, fonts: Fonts, theme: ThemeSpec) -> None:
    value_axis, category_axis = chart.value_axis, chart.category_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor.from_string(GRIDLINE)
    value_axis.format.line.fill.background()
    value_axis.tick_labels.number_format = axis_format(number_format)
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.tick_labels.font.size = Pt(CHART_TEXT_PT)
    category_axis.tick_labels.font.size = Pt(CHART_TEXT_PT)
    category_axis.format.line.color.rgb = RGBColor.from_string(GRIDLINE)
    category_axis.has_major_gridlines = False
    category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # clear of negative bars
    if spec.type.startswith("bar"):
        category_axis.reverse_order = True  # first category on top, as people read a ranking
    for axis, text in ((category_axis, x_title), (value_axis, y_title)):
        if text:
            axis.has_title = True
            write_text(axis.axis_title.text_frame, [text], fonts, TextStyle(size=CHART_TEXT_PT, color=theme.colors.muted))
