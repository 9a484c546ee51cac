"""CAGR and difference arrows over a column chart, drawn natively as think-cell draws them.

The resolve phase computes each figure (:class:`AnnotationMark`); here the chart's
inner plot area is fixed at an explicit place (:func:`plot_geometry`), so the bars'
centres and tops are known from the value axis range the chart already sets
explicitly, and each mark is an elbow of connectors from above one bar up to its own
band over the plot, across, and down with an arrowhead to the other bar, its figure in
a label on the band.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from deckbuilder.deck.geometry import Box
from deckbuilder.deck.text_style import Fonts, TextStyle, add_textbox
from deckbuilder.render.charts.layers import ChartLayers, own_series
from deckbuilder.render.charts.series import SeriesTable

if TYPE_CHECKING:
    from pptx.chart.chart import Chart

    from deckbuilder.render.charts.kinds import ChartKind
    from deckbuilder.spec.model import ChartSpec, ThemeSpec

EMU_PER_PT = 12700
LEVEL = 30 * EMU_PER_PT  # height of one annotation's band above the plot
LABEL_CLEAR = 20 * EMU_PER_PT  # a bar's value label above it: the elbow starts above that
LABEL_W, LABEL_H = 110 * EMU_PER_PT, 20 * EMU_PER_PT
TITLE_LINE = 24 * EMU_PER_PT
CATEGORY_BAND = 28 * EMU_PER_PT
LEGEND_BAND = 26 * EMU_PER_PT
VALUE_AXIS_BAND = 60 * EMU_PER_PT
SIDE = 10 * EMU_PER_PT


@dataclass(frozen=True)
class AnnotationMark:
    """One computed annotation: from category index *start* to *end*, with its label text."""

    kind: str  # "cagr" or "difference"
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class PlotGeometry:
    """Where the inner plot area is on the slide, and the value range it shows."""

    left: int
    top: int
    width: int
    height: int
    minimum: float
    maximum: float

    def x(self, index: int, n: int) -> int:
        """The centre of category *index* of *n*."""
        return self.left + round((index + 0.5) * self.width / n)

    def y(self, value: float) -> int:
        share = (self.maximum - value) / ((self.maximum - self.minimum) or 1.0)
        return self.top + round(share * self.height)


def plot_geometry(chart: Chart, box: Box, *, levels: int, title_lines: int, legend: bool, value_axis: bool,
                  minimum: float, maximum: float) -> PlotGeometry:
    """Fix *chart*'s inner plot area inside *box*, leaving *levels* annotation bands above it."""
    from deckbuilder.deck.oxml.plot_layout import set_inner_plot_layout

    top = title_lines * TITLE_LINE + levels * LEVEL + SIDE
    bottom = CATEGORY_BAND + (LEGEND_BAND if legend else 0)
    left = VALUE_AXIS_BAND if value_axis else SIDE
    width, height = max(box.width - left - SIDE, 1), max(box.height - top - bottom, 1)
    set_inner_plot_layout(chart, left / box.width, top / box.height, width / box.width, height / box.height)
    return PlotGeometry(box.left + left, box.top + top, width, height, minimum, maximum)


def category_tops(table: SeriesTable, layers: ChartLayers | None, kind: ChartKind) -> list[float]:
    """Each category's bar top in the data's values: its one series, or its stack's positive sum."""
    own = [table.series[i][1] for i in own_series(len(table.series), layers)]
    if kind.stacked:
        return [sum(v for values in own if (v := values[j]) is not None and v > 0)
                for j in range(len(table.categories))]
    return [v or 0.0 for v in own[0]]


def draw_annotations(slide, box: Box, chart: Chart, spec: ChartSpec, kind: ChartKind, table: SeriesTable,
                     marks: list[AnnotationMark], *, scale: float, layers: ChartLayers | None, theme: ThemeSpec,
                     fonts: Fonts, legend: bool, value_axis: bool) -> None:
    """Each mark as an elbow arrow between its two bars with its label, on its own band above the plot."""
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_CONNECTOR

    from deckbuilder.deck.oxml.plot_layout import set_arrow_end
    from deckbuilder.render.charts.value_axis import value_scale

    primary = SeriesTable(table.categories, [s for i, s in enumerate(table.series)
                                             if layers is None or layers.role(i).axis == "primary"])
    axis = value_scale(primary, kind, spec, scale)
    if axis is None:
        return
    title_lines = bool(spec.title) + bool(spec.y_title)
    geometry = plot_geometry(chart, box, levels=len(marks), title_lines=title_lines, legend=legend,
                             value_axis=value_axis, minimum=axis.minimum, maximum=axis.maximum)
    tops = category_tops(table, layers, kind)
    clear = SIDE // 2 if kind.stacked else LABEL_CLEAR
    n = len(table.categories)
    color = RGBColor.from_string(theme.colors.text)
    slot = geometry.width / n
    # shorter spans nearer the bars, so brackets nest instead of crossing; an outer bracket
    # reaches a little wider, so two arrows at one bar stay apart
    for level, mark in enumerate(sorted(marks, key=lambda m: (abs(m.end - m.start), m.start))):
        band = geometry.top - SIDE - round((level + 0.5) * LEVEL)
        spread = round(min(level, 3) * slot * 0.08) * (1 if mark.end > mark.start else -1)
        x1, x2 = geometry.x(mark.start, n) - spread, geometry.x(mark.end, n) + spread
        y1, y2 = geometry.y(tops[mark.start] * scale) - clear, geometry.y(tops[mark.end] * scale) - clear
        segments = ((x1, y1, x1, band), (x1, band, x2, band), (x2, band, x2, y2))
        for k, (ax, ay, bx, by) in enumerate(segments):
            line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, ax, ay, bx, by)
            line.name = f"Annotation {level + 1} line {k + 1}"
            line.line.color.rgb = color
            line.line.width = EMU_PER_PT
            if k == len(segments) - 1:
                set_arrow_end(line)
        label = add_textbox(slide, Box((x1 + x2) // 2 - LABEL_W // 2, band - LABEL_H // 2, LABEL_W, LABEL_H),
                            [mark.label], fonts, TextStyle(size=12, bold=True, color=theme.colors.text),
                            anchor="middle", inset=0, wrap=False, name=f"Annotation {level + 1}")
        label.fill.solid()
        label.fill.fore_color.rgb = RGBColor.from_string(theme.colors.background)
        for paragraph in label.text_frame.paragraphs:
            from pptx.enum.text import PP_ALIGN

            paragraph.alignment = PP_ALIGN.CENTER
