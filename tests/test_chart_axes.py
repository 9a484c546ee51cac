"""Value axes that do not exaggerate and do not repeat the labels (issue 13): an explicit range
and tick step from zero for bars and areas, tick labels with the decimals their step needs,
the value axis of horizontal bars at the bottom, axis titles read horizontally, and the
spec's ``axis:`` / ``gridlines:`` controls, each mistake a located error."""

from __future__ import annotations

import textwrap

import pytest
from test_chart_families import ONE_SERIES, chart_of

from deckbuilder import cli
from deckbuilder.deck.keep_together import visible_text
from deckbuilder.deck.oxml.chart import chart_space
from deckbuilder.deck.oxml.ns import qn
from deckbuilder.render.charts import SeriesTable
from deckbuilder.render.charts.value_axis import decimals_for, nice_step, tick_format
from deckbuilder.spec.model import AxisSpec

ABOVE_85 = SeriesTable(["A", "B"], [("达成率", [1.12, 0.96])])
WITH_NEGATIVE = SeriesTable(["A", "B"], [("增长", [0.3, -0.1])])
TARGETS = SeriesTable(["华东", "华南", "华北"], [("目标", [1.35e8, 1.58e8, 1.42e8])])
YI = '#,##0.00"亿"'


def value_axis_xml(chart):
    return chart_space(chart).find(f".//{qn('c:valAx')}")


# --------------------------------------------------------------------------- range and step
@pytest.mark.parametrize("chart_type", ["column_clustered", "column_stacked", "bar_clustered", "area"])
def test_bars_and_areas_start_their_value_axis_at_zero(chart_type):
    assert chart_of(chart_type, ABOVE_85).value_axis.minimum_scale == 0


def test_a_line_gets_an_explicit_range_around_its_values_not_from_zero():
    axis = chart_of("line", ABOVE_85).value_axis
    assert (axis.minimum_scale, axis.maximum_scale, axis.major_unit) == (0.95, 1.15, 0.05)


def test_negative_bars_get_a_range_that_holds_them_and_their_labels():
    axis = chart_of("column_clustered", WITH_NEGATIVE).value_axis
    assert (axis.minimum_scale, axis.maximum_scale, axis.major_unit) == (-0.2, 0.4, 0.1)


@pytest.mark.parametrize("values", [[1.0e308, -1.0e308], [1.79e308, 1.0e308, 5.0], [0.0, 1.7e308]])
def test_values_near_the_largest_float_leave_the_axis_automatic(values):
    # no step spans them, or the label headroom would pass 1e308: a deck with PowerPoint's own axis, no crash
    axis = chart_of("column_clustered", SeriesTable(["A", "B", "C"][:len(values)], [("x", values)])).value_axis
    assert (axis.minimum_scale, axis.maximum_scale, axis.major_unit) == (None, None, None)


def test_the_step_is_a_nice_number_giving_about_five_intervals():
    assert [nice_step(span) for span in (1.58, 0.23, 1200, 7)] == [0.5, 0.05, 250.0, 2.0]


def test_the_range_is_computed_on_the_plotted_values_after_the_scale():
    axis = chart_of("column_clustered", TARGETS, number_format="yi", scale=1e-8, nf=YI).value_axis
    assert (axis.minimum_scale, axis.maximum_scale, axis.major_unit) == (0.0, 2.0, 0.5)


def test_stacked_bars_range_over_each_category_total():
    table = SeriesTable(["Q1", "Q2"], [("线上", [3.0, 4.0]), ("线下", [2.0, 5.0])])
    assert chart_of("column_stacked", table).value_axis.maximum_scale >= 9


def test_the_tallest_bar_gets_headroom_for_its_label():
    table = SeriesTable(["A", "B"], [("n", [50.0, 100.0])])
    assert chart_of("column_clustered", table).value_axis.maximum_scale == 120


# --------------------------------------------------------------------------- tick labels
def test_ticks_of_a_narrow_yi_range_show_the_decimals_their_step_needs():
    """1.35亿-1.58亿 on a line: ticks 1.30 ... 1.60 亿 every 0.05, never "1 亿, 1 亿, 2 亿"."""
    xml = value_axis_xml(chart_of("line", TARGETS, scale=1e-8, nf=YI))
    assert xml.find(qn("c:majorUnit")).get("val") == "0.05"
    assert xml.find(qn("c:numFmt")).get("formatCode") == YI


def test_ticks_at_whole_steps_drop_the_label_decimals_in_the_same_unit():
    xml = value_axis_xml(chart_of("column_clustered", TARGETS, scale=1e-8, nf=YI, axis={"visible": True}))
    assert xml.find(qn("c:numFmt")).get("formatCode") == '#,##0.0"亿"'


@pytest.mark.parametrize("number_format, step, expected", [
    ('#,##0.0"万"', 200.0, '#,##0"万"'),
    ("0.0%", 0.05, "0%"),
    ("0%", 0.025, "0.0%"),
    ('#,##0.0,,"M"', 250000.0, '#,##0.00,,"M"'),
    ('"1:"#,##0.0', 1.0, '"1:"#,##0'),
    ('"▲"0.0%;"▼"0.0%;0.0%', 0.1, '"▲"0%;"▼"0%;0%'),
    ("General", 0.5, "General"),
])
def test_tick_format_keeps_the_unit_and_fits_the_decimals_to_the_step(number_format, step, expected):
    assert tick_format(number_format, step) == expected


def test_decimals_for_a_step():
    assert [decimals_for(s) for s in (50.0, 2.5, 0.5, 0.25, 0.05)] == [0, 1, 1, 2, 2]


# --------------------------------------------------------------------------- the spec's axis
def test_the_spec_sets_min_max_and_step_in_the_data_units():
    axis = chart_of("line", TARGETS, scale=1e-8, nf=YI, axis={"min": 1e8, "max": 2e8, "step": 2.5e7}).value_axis
    assert (axis.minimum_scale, axis.maximum_scale, axis.major_unit) == (1.0, 2.0, 0.25)


def test_a_single_labelled_series_of_bars_hides_the_value_axis_and_gridlines():
    chart = chart_of("column_clustered", ABOVE_85)
    assert chart.value_axis.visible is False  # c:delete
    assert value_axis_xml(chart).find(qn("c:majorGridlines")) is None


@pytest.mark.parametrize("chart_type, table, fields", [
    ("column_clustered", ABOVE_85, {"data_labels": False}),
    ("column_clustered", SeriesTable(["A"], [("a", [1.0]), ("b", [2.0])]), {}),
    ("column_stacked", ABOVE_85, {}),
    ("line", ABOVE_85, {}),
])
def test_the_value_axis_stays_where_labels_do_not_already_say_the_values(chart_type, table, fields):
    xml = value_axis_xml(chart_of(chart_type, table, **fields))
    assert xml.find(qn("c:delete")).get("val") == "0"
    assert xml.find(qn("c:majorGridlines")) is not None


def test_the_spec_can_show_the_axis_and_turn_gridlines_off():
    xml = value_axis_xml(chart_of("column_clustered", ABOVE_85, axis={"visible": True}, gridlines=False))
    assert xml.find(qn("c:delete")).get("val") == "0"
    assert xml.find(qn("c:majorGridlines")) is None


def test_the_spec_can_hide_the_axis_of_a_line():
    assert chart_of("line", ABOVE_85, axis={"visible": False}).value_axis.visible is False


# --------------------------------------------------------------------------- orientation and titles
def test_horizontal_bars_keep_the_value_axis_at_the_bottom():
    value_axis = value_axis_xml(chart_of("bar_clustered", ONE_SERIES))
    assert value_axis.find(qn("c:crosses")).get("val") == "max"


def test_columns_cross_at_zero_as_usual():
    assert value_axis_xml(chart_of("column_clustered", ONE_SERIES)).find(qn("c:crosses")).get("val") == "autoZero"


def test_axis_titles_are_not_turned_sideways():
    chart = chart_of("bar_clustered", ONE_SERIES, data_labels=False, x_title="产品线", y_title="销售额")
    bodies = chart_space(chart).findall(f".//{qn('c:title')}/{qn('c:tx')}/{qn('c:rich')}/{qn('a:bodyPr')}")
    axis_bodies = [b for b in bodies if b.getparent().getparent().getparent().getparent().tag != qn("c:chart")]
    assert len(axis_bodies) == 2 and all(b.get("rot") == "0" and b.get("vert") == "horz" for b in axis_bodies)


def test_the_title_of_a_vertical_value_axis_is_read_above_it_in_the_title_slot():
    chart = chart_of("column_clustered", ABOVE_85, data_labels=False, y_title="达成率")
    assert value_axis_xml(chart).find(qn("c:title")) is None
    assert visible_text(chart.chart_title.text_frame.text) == "达成率"
    title = chart_space(chart).find(f"{qn('c:chart')}/{qn('c:title')}")
    assert title.find(f"{qn('c:layout')}/{qn('c:manualLayout')}/{qn('c:x')}").get("val") == "0.01"


def test_with_a_chart_title_the_value_title_is_its_second_line():
    chart = chart_of("column_clustered", ABOVE_85, y_title="达成率", title_text="各线达成率")
    assert [visible_text(p.text) for p in chart.chart_title.text_frame.paragraphs] == ["各线达成率", "达成率"]


# --------------------------------------------------------------------------- located errors
SPEC = """\
    deck: {title: t}
    slides:
      - kind: chart
        title: x
        chart:
          type: TYPE
          data: {categories: [A, B], series: {n: [1.2, 1.5]}}
          FIELD
    """


def run(tmp_path, capsys, chart_type: str, field: str) -> tuple[int, str]:
    spec = tmp_path / "spec.yaml"
    spec.write_text(textwrap.dedent(SPEC).replace("TYPE", chart_type).replace("FIELD", field), encoding="utf-8")
    code = cli.main(["build", str(spec), "-o", str(tmp_path / "out.pptx")])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("chart_type, field, where, message", [
    ("column_clustered", "axis: {min: 1}", "spec.yaml:8:19: slides[0].chart.axis.min", "must start at zero"),
    ("area", "axis: {max: 1.3}", "spec.yaml:8:19: slides[0].chart.axis.max", "cuts off the highest value"),
    ("line", "axis: {min: 2, max: 1}", "spec.yaml:8:13: slides[0].chart.axis", "must be below max"),
    ("line", "axis: {step: 0}", "slides[0].chart.axis.step", "greater than 0"),
    ("line", "axis: {step: 0.001}", "slides[0].chart.axis.step", "more than 50 ticks"),
    ("line", "axis: {mni: 0}", "slides[0].chart.axis.mni", "min"),
    ("line", "axis: {visible: false}\n      data_labels: false", "slides[0].chart.axis.visible",
     "no value can be read"),
    ("pie", "axis: {max: 2}", "spec.yaml:8:13: slides[0].chart.axis", "has no axes"),
    ("doughnut", "gridlines: true", "slides[0].chart.gridlines", "has no axes"),
    ("pie", "x_title: 渠道", "slides[0].chart.x_title", "has no axes"),
])
def test_axis_mistakes_are_located_errors(tmp_path, capsys, chart_type, field, where, message):
    code, err = run(tmp_path, capsys, chart_type, field)
    assert code == 2 and where in err and message in err and "Traceback" not in err
    assert not (tmp_path / "out.pptx").exists()


def test_a_line_may_start_its_axis_above_zero(tmp_path, capsys):
    assert run(tmp_path, capsys, "line", "axis: {min: 1, max: 2, step: 0.25}")[0] == 0


def test_axis_spec_orders_min_below_max():
    with pytest.raises(ValueError, match="below max"):
        AxisSpec(min=1, max=1)


def test_validate_reports_an_axis_mistake_without_building(tmp_path, capsys):
    spec = tmp_path / "spec.yaml"
    spec.write_text(textwrap.dedent(SPEC).replace("TYPE", "bar_clustered").replace("FIELD", "axis: {min: 1}"),
                    encoding="utf-8")
    assert cli.main(["validate", str(spec)]) == 2
    assert "spec.yaml:8:19: slides[0].chart.axis.min" in capsys.readouterr().err


def test_the_tick_limit_counts_from_zero_on_bars(tmp_path, capsys):
    """1.2-1.5 every 0.02 is 15 ticks on a line, but 75 from zero on a bar chart."""
    assert run(tmp_path, capsys, "line", "axis: {step: 0.02}")[0] == 0
    code, err = run(tmp_path, capsys, "column_clustered", "axis: {step: 0.02}")
    assert code == 2 and "more than 50 ticks" in err
