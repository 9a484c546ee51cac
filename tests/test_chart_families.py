"""The chart layer on its own: each family's styling of a chart on a blank python-pptx slide."""

from __future__ import annotations

from typing import get_args

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.util import Inches

from deckbuilder.deck.geometry import Box
from deckbuilder.deck.oxml.chart import chart_space
from deckbuilder.deck.oxml.ns import qn
from deckbuilder.deck.text_style import Fonts
from deckbuilder.render.charts import (
    SeriesTable,
    add_native_chart,
    axis_format,
    readable_on,
)
from deckbuilder.render.charts.families import ChartFamily
from deckbuilder.render.charts.kinds import CHART_KINDS, FAMILIES
from deckbuilder.spec.model import ChartSpec, ChartType, InlineSeriesData, ThemeSpec

THEME = ThemeSpec()
FONTS = Fonts("Arial", "Noto Sans CJK SC")
ONE_SERIES = SeriesTable(["Q1", "Q2", "Q3"], [("sales", [1.0, -2.0, 3.0])])
TWO_SERIES = SeriesTable(["Q1", "Q2", "Q3"], [("sales", [1.0, 2.0, 3.0]), ("cost", [0.5, 1.0, 1.5])])


def chart_of(chart_type: str, table: SeriesTable = TWO_SERIES, *, scale: float = 1.0, nf: str = "0.0",
             title_text: str = "", **spec_fields):
    """A chart of *table* added to a blank slide, as the chart slide adds it (*nf*: the Excel
    number format the resolve phase would hand over, *scale* its multiplier)."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    spec = ChartSpec(type=chart_type, data=InlineSeriesData(categories=table.categories,
                                                           series=dict(table.series)), **spec_fields)
    return add_native_chart(slide, Box(Inches(1), Inches(1), Inches(6), Inches(4)), spec, table,
                            theme=THEME, fonts=FONTS, number_format=nf, scale=scale, title=title_text,
                            x_title=spec.x_title or "", y_title=spec.y_title or "")


# --------------------------------------------------------------------------- the type table
def test_every_spec_chart_type_is_registered_with_one_family():
    assert set(get_args(ChartType)) == set(CHART_KINDS)
    assert all(kind.family in FAMILIES for kind in CHART_KINDS.values())


def test_one_style_object_per_family_and_each_styles_a_type():
    assert len({type(family) for family in FAMILIES}) == len(FAMILIES)
    assert all(isinstance(family, ChartFamily) for family in FAMILIES)
    assert {kind.family for kind in CHART_KINDS.values()} == set(FAMILIES)


@pytest.mark.parametrize("name", sorted(name for name, kind in CHART_KINDS.items() if kind.xl_type is not None))
def test_each_type_draws_its_python_pptx_chart_type(name):
    one = (CHART_KINDS["pie"].family, CHART_KINDS["waterfall"].family)
    table = ONE_SERIES if CHART_KINDS[name].family in one else TWO_SERIES
    assert chart_of(name, table).chart_type == CHART_KINDS[name].xl_type


# --------------------------------------------------------------------------- bars and columns
def test_horizontal_bars_list_the_first_category_on_top():
    assert chart_of("bar_clustered").category_axis.reverse_order is True


def test_columns_keep_the_category_axis_in_order():
    assert chart_of("column_clustered").category_axis.reverse_order is False


def test_stacked_bars_overlap_fully():
    assert chart_of("column_stacked").plots[0].overlap == 100


def test_clustered_bars_get_a_narrower_gap_with_several_series():
    assert chart_of("column_clustered").plots[0].gap_width == 60
    assert chart_of("column_clustered", ONE_SERIES).plots[0].gap_width == 80


def test_a_negative_bar_keeps_its_colour():
    assert chart_of("column_clustered", ONE_SERIES).plots[0].series[0].invert_if_negative is False


def test_clustered_bar_labels_sit_outside_the_end():
    assert chart_of("bar_clustered").plots[0].data_labels.position == XL_LABEL_POSITION.OUTSIDE_END


def test_stacked_labels_are_centred_in_a_colour_that_reads_on_their_series():
    series = chart_of("bar_stacked").plots[0].series
    assert [s.data_labels.position for s in series] == [XL_LABEL_POSITION.CENTER] * 2
    assert str(series[0].data_labels.font.color.rgb) == readable_on(THEME.palette[0])


def test_a_highlighted_category_gets_the_accent_colour():
    point = chart_of("column_clustered", highlight=["Q2"]).plots[0].series[0].points[1]
    assert str(point.format.fill.fore_color.rgb) == THEME.colors.accent


# --------------------------------------------------------------------------- lines and areas
def test_lines_are_stroked_in_palette_order_without_smoothing():
    series = chart_of("line").plots[0].series
    assert [str(s.format.line.color.rgb) for s in series] == THEME.palette[:2]
    assert not any(s.smooth for s in series)


def test_line_labels_sit_above_the_points():
    assert chart_of("line").plots[0].data_labels.position == XL_LABEL_POSITION.ABOVE


def test_line_markers_are_filled_in_the_series_colour():
    series = chart_of("line_markers").plots[0].series[1]
    assert str(series.marker.format.fill.fore_color.rgb) == THEME.palette[1]


def test_areas_are_filled_in_palette_order():
    series = chart_of("area").plots[0].series
    assert [str(s.format.fill.fore_color.rgb) for s in series] == THEME.palette[:2]


def test_stacked_area_labels_are_centred():
    series = chart_of("area_stacked").plots[0].series
    assert [s.data_labels.position for s in series] == [XL_LABEL_POSITION.CENTER] * 2


# --------------------------------------------------------------------------- pie and doughnut
def test_doughnut_hole_is_55_percent():
    chart = chart_of("doughnut", ONE_SERIES)
    assert chart_space(chart).find(f".//{qn('c:holeSize')}").get("val") == "55"


def test_a_pie_has_no_hole():
    assert chart_space(chart_of("pie", ONE_SERIES)).find(f".//{qn('c:holeSize')}") is None


def test_round_charts_colour_each_slice():
    assert chart_of("pie", ONE_SERIES).plots[0].vary_by_categories is True


def test_round_charts_have_no_axes():
    with pytest.raises(ValueError):
        chart_of("doughnut", ONE_SERIES).category_axis  # noqa: B018 -- raises: a doughnut has none


SHARES = SeriesTable(["搜索", "广告", "社交", "内容", "直接"], [("访客", [38.0, 27.0, 14.0, 14.0, 7.0])])
MANY = SeriesTable([f"渠道{i}" for i in range(8)], [("访客", [30.0, 20.0, 15.0, 10.0, 9.0, 8.0, 5.0, 3.0])])


def test_slices_name_themselves_so_a_pie_has_no_legend():
    chart = chart_of("pie", SHARES)
    labels = chart.plots[0].data_labels
    assert chart.has_legend is False and labels.show_category_name and labels.show_percentage


def test_a_slice_label_puts_its_category_and_share_on_two_lines_with_a_leader_line():
    dlbls = chart_space(chart_of("pie", SHARES)).find(f".//{qn('c:dLbls')}")
    assert dlbls.find(qn("c:separator")).text == "\n"
    assert dlbls.find(qn("c:showLeaderLines")).get("val") == "1"


def test_a_ring_with_thin_slices_keeps_a_legend_and_shares_only():
    chart = chart_of("doughnut", SHARES)
    assert chart.legend.position == XL_LEGEND_POSITION.RIGHT
    assert chart.plots[0].data_labels.show_category_name is False


def test_a_ring_of_wide_slices_names_them_on_the_ring():
    table = SeriesTable(["线上", "线下", "批发"], [("n", [5.0, 3.0, 2.0])])
    chart = chart_of("doughnut", table)
    dlbl = chart_space(chart).find(f".//{qn('c:dLbl')}")
    assert chart.has_legend is False and dlbl.find(qn("c:showCatName")).get("val") == "1"


def test_the_smallest_slices_beyond_six_are_merged_into_other():
    chart = chart_of("pie", MANY)
    assert list(chart.plots[0].categories) == ["渠道0", "渠道1", "渠道2", "渠道3", "渠道4", "其他"]
    assert list(chart.plots[0].series[0].values) == [30.0, 20.0, 15.0, 10.0, 9.0, 16.0]


def test_a_legend_named_in_the_spec_wins():
    assert chart_of("pie", SHARES, legend="bottom").legend.position == XL_LEGEND_POSITION.BOTTOM


def test_slices_show_their_share_unless_a_format_is_named():
    labels = chart_of("pie", ONE_SERIES).plots[0].data_labels
    assert labels.show_percentage and not labels.show_value and labels.number_format == "0.0%"
    labels = chart_of("pie", ONE_SERIES, number_format="num:1").plots[0].data_labels
    assert labels.show_value and not labels.show_percentage


def test_pie_labels_sit_outside_doughnut_labels_on_the_ring():
    assert chart_of("pie", ONE_SERIES).plots[0].data_labels.position == XL_LABEL_POSITION.OUTSIDE_END
    assert chart_of("doughnut", ONE_SERIES).plots[0].data_labels.position == XL_LABEL_POSITION.CENTER


def test_doughnut_slices_each_label_their_share_in_a_readable_colour():
    points = chart_of("doughnut", ONE_SERIES).plots[0].series[0].points
    assert str(points[0].data_label.font.color.rgb) == readable_on(THEME.palette[0])


# --------------------------------------------------------------------------- shared styling
def test_one_series_has_no_legend_several_have_one_at_the_bottom():
    assert chart_of("line", ONE_SERIES).has_legend is False
    assert chart_of("line").legend.position == XL_LEGEND_POSITION.BOTTOM


def test_no_data_labels_when_the_spec_turns_them_off():
    assert chart_of("column_clustered", data_labels=False).plots[0].has_data_labels is False


def test_axis_ticks_drop_the_label_decimals_at_whole_steps():
    table = SeriesTable(["Q1", "Q2"], [("sales", [10.0, 30.0])])
    assert chart_of("line", table).value_axis.tick_labels.number_format == "0"
    assert axis_format('#,##0.0,,"万"') == '#,##0,,"万"'


def test_readable_on_picks_white_on_dark_and_black_on_light():
    assert readable_on("1F4E79") == "FFFFFF"
    assert readable_on("FFD966") == "262626"
