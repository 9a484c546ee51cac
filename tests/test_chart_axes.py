"""Value axes that do not exaggerate (issue 13): bars and areas from zero, the value axis of
horizontal bars at the bottom."""

from __future__ import annotations

import pytest
from test_chart_families import ONE_SERIES, chart_of

from deckbuilder.deck.oxml.chart import chart_space
from deckbuilder.deck.oxml.ns import qn
from deckbuilder.render.charts import SeriesTable

ABOVE_85 = SeriesTable(["A", "B"], [("达成率", [1.12, 0.96])])
WITH_NEGATIVE = SeriesTable(["A", "B"], [("增长", [0.3, -0.1])])


@pytest.mark.parametrize("chart_type", ["column_clustered", "column_stacked", "bar_clustered", "area"])
def test_bars_and_areas_start_their_value_axis_at_zero(chart_type):
    assert chart_of(chart_type, ABOVE_85).value_axis.minimum_scale == 0


def test_a_line_keeps_an_automatic_value_axis():
    assert chart_of("line", ABOVE_85).value_axis.minimum_scale is None


def test_negative_values_leave_the_axis_automatic_so_nothing_is_clipped():
    assert chart_of("column_clustered", WITH_NEGATIVE).value_axis.minimum_scale is None


def test_horizontal_bars_keep_the_value_axis_at_the_bottom():
    value_axis = chart_space(chart_of("bar_clustered", ONE_SERIES)).find(f".//{qn('c:valAx')}")
    assert value_axis.find(qn("c:crosses")).get("val") == "max"


def test_columns_cross_at_zero_as_usual():
    value_axis = chart_space(chart_of("column_clustered", ONE_SERIES)).find(f".//{qn('c:valAx')}")
    assert value_axis.find(qn("c:crosses")).get("val") == "autoZero"
