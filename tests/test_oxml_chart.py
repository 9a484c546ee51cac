"""deck.oxml.chart: the chart XML python-pptx's API does not reach, on charts made directly with python-pptx."""

from __future__ import annotations

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from deckbuilder.deck.oxml.chart import (
    chart_space,
    renumber_axis_ids,
    set_chart_typefaces,
    set_hole_size,
    set_point_label_flags,
)
from deckbuilder.deck.oxml.ns import qn
from deckbuilder.deck.text_style import Fonts


def plain_chart(chart_type=XL_CHART_TYPE.COLUMN_CLUSTERED):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    data = CategoryChartData()
    data.categories = ["甲", "乙", "丙"]
    data.add_series("s", [1, 2, 3])
    return slide.shapes.add_chart(chart_type, 0, 0, Inches(4), Inches(3), data).chart


def axis_ids(chart) -> list[int]:
    return [int(el.get("val")) for el in chart_space(chart).iter(qn("c:axId"), qn("c:crossAx"))]


def test_axis_ids_become_positive():
    chart = plain_chart()
    renumber_axis_ids(chart)
    assert axis_ids(chart) and all(i > 0 for i in axis_ids(chart))


def test_axis_ids_are_the_same_every_run():
    first, second = plain_chart(), plain_chart()
    renumber_axis_ids(first)
    renumber_axis_ids(second)
    assert axis_ids(first) == axis_ids(second)


def test_axis_ids_keep_each_axis_crossing_the_other():
    chart = plain_chart()
    renumber_axis_ids(chart)
    plot_ids = [int(el.get("val")) for el in chart_space(chart).find(f".//{qn('c:barChart')}").iter(qn("c:axId"))]
    cross = {int(ax.find(qn("c:axId")).get("val")): int(ax.find(qn("c:crossAx")).get("val"))
             for ax in chart_space(chart).iter(qn("c:catAx"), qn("c:valAx"))}
    assert cross == {plot_ids[0]: plot_ids[1], plot_ids[1]: plot_ids[0]}


def test_chart_text_gets_both_typefaces():
    chart = plain_chart()
    set_chart_typefaces(chart, Fonts("Arial", "Noto Sans CJK SC"))
    def_rpr = chart_space(chart).find(f"{qn('c:txPr')}//{qn('a:defRPr')}")
    assert def_rpr.find(qn("a:latin")).get("typeface") == "Arial"
    assert def_rpr.find(qn("a:ea")).get("typeface") == "Noto Sans CJK SC"


def test_chart_typefaces_can_set_a_default_size():
    chart = plain_chart()
    set_chart_typefaces(chart, Fonts("Arial", "Arial"), size_pt=12)
    assert chart_space(chart).find(f"{qn('c:txPr')}//{qn('a:defRPr')}").get("sz") == "1200"


def test_hole_size_is_written():
    chart = plain_chart(XL_CHART_TYPE.DOUGHNUT)
    set_hole_size(chart.plots[0], 55)
    assert chart_space(chart).find(f".//{qn('c:holeSize')}").get("val") == "55"


def test_point_label_flags_and_format():
    chart = plain_chart(XL_CHART_TYPE.PIE)
    label = chart.plots[0].series[0].points[1].data_label
    set_point_label_flags(label, show_value=False, show_percent=True, number_format="0.0%")
    dlbl = chart_space(chart).find(f".//{qn('c:dLbl')}")
    assert dlbl.find(qn("c:showVal")).get("val") == "0"
    assert dlbl.find(qn("c:showPercent")).get("val") == "1"
    num_fmt = dlbl.find(qn("c:numFmt"))
    assert num_fmt.get("formatCode") == "0.0%" and num_fmt.getnext().tag == qn("c:spPr")
