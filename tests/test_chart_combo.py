"""Charts of several plots: reference lines, columns with lines on a secondary axis, several
metrics per chart, waterfalls, 100% stacked; each read back with `inspect`, each mistake located."""

from __future__ import annotations

import textwrap
import zipfile

import pytest
from openxml_audit import validate_pptx

from deckbuilder import build_deck, cli
from deckbuilder.render.charts.waterfall import waterfall_columns
from deckbuilder.tools.inspect import inspect_deck

CSV = "month,sales,orders\n1,100,10\n2,150,12\n3,120,11\n"
HEAD = """\
deck: {title: t}
data:
  sales: {type: csv, path: sales.csv}
metrics:
  monthly: {source: sales, agg: sum, column: sales, by: month, sort: key, format: num}
  monthly_orders: {source: sales, agg: sum, column: orders, by: month, sort: key}
  total: {source: sales, agg: sum, column: sales}
  average: {formula: total / 3, format: "num:1"}
  start: {source: sales, agg: sum, column: sales, where: "month == 1"}
  end: {source: sales, agg: sum, column: sales}
slides:
  - kind: chart
    title: c
    chart:
"""


def spec_file(tmp_path, chart: str):
    (tmp_path / "sales.csv").write_text(CSV, encoding="utf-8")
    path = tmp_path / "spec.yaml"
    path.write_text(HEAD + textwrap.indent(textwrap.dedent(chart), " " * 6), encoding="utf-8")
    return path


def built(tmp_path, chart: str):
    out = tmp_path / "out.pptx"
    build_deck(spec_file(tmp_path, chart), output=out)
    return out


def the_chart(path):
    return next(shape["chart"] for slide in inspect_deck(path)["slides"] for shape in slide["shapes"]
                if "chart" in shape)


def chart_xml(path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("ppt/charts/chart1.xml").decode()


def error_of(tmp_path, capsys, chart: str) -> str:
    assert cli.main(["validate", str(spec_file(tmp_path, chart))]) == 2
    return capsys.readouterr().err


def audit_errors(path) -> list[str]:
    return [str(e) for e in getattr(validate_pptx(str(path)), "errors", [])]


# --------------------------------------------------------------------------- reference lines
def test_a_reference_line_is_a_dashed_constant_line_labelled_at_its_end(tmp_path):
    out = built(tmp_path, """\
        type: column_clustered
        metric: monthly
        reference_lines: [{value: 125, label: 目标}]
        """)
    series = the_chart(out)["series"]
    assert series[1] == {"name": "目标", "plot": "line", "axis": "primary", "values": [125, 125, 125]}
    xml = chart_xml(out)
    assert '<a:prstDash val="dash"/>' in xml and '<c:showSerName val="1"/>' in xml
    assert audit_errors(out) == []


def test_a_reference_line_from_a_metric_is_labelled_with_its_value_formatted_like_the_series(tmp_path):
    out = built(tmp_path, """\
        type: line
        metric: monthly
        number_format: "num:1"
        reference_lines: [{metric: average}]
        """)
    series = the_chart(out)["series"]
    assert series[1]["name"] == "123.3"
    assert series[1]["values"][0] == pytest.approx(370 / 3, abs=1e-3)


def test_a_reference_line_does_not_call_for_a_legend(tmp_path):
    out = built(tmp_path, """\
        type: column_clustered
        metric: monthly
        reference_lines: [{value: 125}]
        """)
    assert the_chart(out)["has_legend"] is False


def test_a_reference_label_goes_above_its_end(tmp_path):
    xml = chart_xml(built(tmp_path, COMBO.replace("plots:", "reference_lines: [{value: 125}]\n    plots:")))
    assert '<c:dLblPos val="t"/>' in xml[xml.rindex("<c:ser>"):]


def test_a_pie_cannot_have_a_reference_line(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: pie
        metric: monthly
        reference_lines: [{value: 1}]
        """)
    assert "slides[0].chart.reference_lines: a pie chart cannot show reference lines" in err


def test_a_reference_line_needs_a_value_or_a_metric(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: line
        metric: monthly
        reference_lines: [{label: x}]
        """)
    assert "slides[0].chart.reference_lines[0]" in err and "exactly one of 'value' or 'metric'" in err


# --------------------------------------------------------------------------- combo, secondary axis
COMBO = """\
    type: combo
    y2_title: 订单
    plots:
      - {metric: monthly, name: 销售额}
      - {metric: monthly_orders, name: 订单, type: line, axis: secondary, format: "num:1"}
    """


def test_combo_draws_columns_and_a_line_on_a_secondary_axis(tmp_path):
    out = built(tmp_path, COMBO)
    series = the_chart(out)["series"]
    assert [(s["name"], s["plot"], s["axis"]) for s in series] == [
        ("销售额", "bar", "primary"), ("订单", "line", "secondary")]
    assert series[1]["values"] == [10, 12, 11]
    assert audit_errors(out) == []


def test_the_secondary_axis_sits_on_the_right_with_its_own_format_and_title(tmp_path):
    xml = chart_xml(built(tmp_path, COMBO))
    assert xml.count("<c:valAx>") == 2
    secondary = xml[xml.rindex("<c:valAx>"):]
    assert '<c:axPos val="r"/>' in secondary and '<c:crosses val="max"/>' in secondary
    assert 'formatCode="#,##0"' in secondary and "订单" in secondary
    assert '<c:delete val="1"/>' in xml[xml.rindex("<c:catAx>"):]  # its category axis is hidden


def test_a_line_chart_can_put_a_series_on_a_secondary_axis(tmp_path):
    out = built(tmp_path, """\
        type: line
        metric: monthly
        plots: [{column: monthly}, {metric: monthly_orders, axis: secondary}]
        """)
    assert [s["axis"] for s in the_chart(out)["series"]] == ["primary", "secondary"]


@pytest.mark.parametrize("chart_type", ["pie", "doughnut"])
def test_a_secondary_axis_on_a_pie_is_located(tmp_path, capsys, chart_type):
    err = error_of(tmp_path, capsys, f"""\
        type: {chart_type}
        plots: [{{metric: monthly}}, {{metric: monthly_orders, axis: secondary}}]
        """)
    assert "spec.yaml:" in err and "slides[0].chart.plots[1].axis: a pie has no value axis" in err


def test_columns_on_a_secondary_axis_are_an_error(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: combo
        plots: [{metric: monthly}, {metric: monthly_orders, axis: secondary}]
        """)
    assert "slides[0].chart.plots[1].axis: the secondary axis takes lines" in err


def test_columns_on_a_line_chart_are_an_error(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: line
        plots: [{metric: monthly, type: column}]
        """)
    assert "slides[0].chart.plots[0].type: a line chart draws lines" in err


# --------------------------------------------------------------------------- several metrics
def test_several_table_metrics_share_their_categories(tmp_path):
    out = built(tmp_path, """\
        type: column_clustered
        plots: [{metric: monthly, name: 销售}, {metric: monthly_orders, name: 订单}]
        """)
    chart = the_chart(out)
    assert chart["categories"] == ["1", "2", "3"]
    assert [(s["name"], s["values"]) for s in chart["series"]] == [
        ("销售", [100, 150, 120]), ("订单", [10, 12, 11])]


def test_scalar_metrics_and_templated_values_are_one_bar_each(tmp_path):
    out = built(tmp_path, """\
        type: column_clustered
        plots:
          - {metric: start, name: 一月}
          - {value: "{{ end - start }}", name: 其后}
        """)
    chart = the_chart(out)
    assert chart["categories"] == ["一月", "其后"]
    assert chart["series"][0]["values"] == [100, 270]


def test_each_plot_has_its_own_number_format_and_scale(tmp_path):
    out = built(tmp_path, """\
        type: combo
        plots:
          - {metric: monthly, format: wan}
          - {metric: monthly_orders, type: line, format: "num:1"}
        """)
    series = the_chart(out)["series"]
    assert series[0]["values"] == [0.01, 0.015, 0.012]  # 万
    assert series[1]["values"] == [10, 12, 11]
    xml = chart_xml(out)
    assert 'formatCode="#,##0.0"' in xml and "万" in xml


def test_a_plot_column_missing_from_its_metric_is_located(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: line
        plots: [{metric: monthly, column: salse}]
        """)
    assert "slides[0].chart.plots[0].column: no column 'salse' in metric 'monthly'" in err


def test_a_plot_value_that_is_not_a_number_is_located(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: column_clustered
        plots: [{value: "{{ 'abc' }}", name: x}]
        """)
    assert "slides[0].chart.plots[0].value: value 'abc' is not a number" in err


def test_scalar_and_table_plots_do_not_mix(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: column_clustered
        plots: [{metric: monthly}, {metric: total}]
        """)
    assert "slides[0].chart.plots[1]: this plot is a single value" in err


def test_plots_may_take_their_series_from_the_charts_inline_data(tmp_path):
    out = built(tmp_path, """\
        type: combo
        data: {categories: [a, b], series: {销售: [100, 120], 订单: [10, 11]}}
        plots: [{column: 销售}, {column: 订单, type: line, axis: secondary}]
        """)
    series = the_chart(out)["series"]
    assert [(s["name"], s["axis"], s["values"]) for s in series] == [
        ("销售", "primary", [100, 120]), ("订单", "secondary", [10, 11])]


def test_a_plot_column_missing_from_the_inline_data_is_located(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: combo
        data: {categories: [a], series: {销售: [1]}}
        plots: [{column: 销量}]
        """)
    assert "slides[0].chart.plots[0].column: no column '销量' in the chart's data" in err


def test_plots_read_one_binding_at_most(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: line
        metric: monthly
        data: {categories: [a], series: {x: [1]}}
        plots: [{metric: monthly}]
        """)
    assert "give exactly one of 'metric', 'data' or 'csv' (got metric, data)" in err


# --------------------------------------------------------------------------- waterfall
def test_waterfall_columns_float_steps_on_an_invisible_base():
    assert waterfall_columns([100, 50, -30, 120], [True, False, False, True]) == [
        [None, 100, 120, None], [None, 50, None, None], [None, None, 30, None], [100, None, None, 120]]


WATERFALL = """\
    type: waterfall
    plots:
      - {metric: start, name: 一月}
      - {value: 150, name: 二月}
      - {value: 120, name: 三月}
      - {metric: end, name: 全季, total: true}
    """


def test_a_waterfall_is_stacked_columns_over_an_unfilled_base(tmp_path):
    out = built(tmp_path, WATERFALL)
    chart = the_chart(out)
    assert chart["type"] == "COLUMN_STACKED"
    assert [s["name"] for s in chart["series"]] == ["base", "increase", "decrease", "total", "labels"]
    assert chart["series"][0]["values"] == [None, 100, 250, None]
    assert chart["series"][3]["values"] == [100, None, None, 370]
    xml = chart_xml(out)
    base = xml[:xml.index("</c:ser>")]
    assert "<a:noFill/>" in base
    assert audit_errors(out) == []


def test_waterfall_labels_sit_above_each_bar_signed_on_the_steps(tmp_path):
    out = built(tmp_path, WATERFALL)
    labels = the_chart(out)["series"][4]
    assert labels["plot"] == "line" and labels["values"] == [100, 250, 370, 370]  # the bars' tops
    xml = chart_xml(out)
    line = xml[xml.index("<c:lineChart>"):]
    assert [t for t in ("<a:t>100</a:t>", "<a:t>+150</a:t>", "<a:t>+120</a:t>", "<a:t>370</a:t>") if t in line] == [
        "<a:t>100</a:t>", "<a:t>+150</a:t>", "<a:t>+120</a:t>", "<a:t>370</a:t>"]
    assert '<c:dLblPos val="t"/>' in line and "<a:noFill/>" in line


def test_waterfall_steps_rise_and_fall_in_the_theme_change_colours(tmp_path):
    out = built(tmp_path, """\
        type: waterfall
        plots: [{value: 10, name: a}, {value: 5, name: b}, {value: -3, name: c}, {value: 12, name: d, total: true}]
        """)
    xml = chart_xml(out)
    sers = xml.split("<c:ser>")[1:]
    assert 'val="C62828"' in sers[1] and 'val="2E7D32"' in sers[2]


def test_a_waterfall_whose_steps_miss_its_end_names_the_metric(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: waterfall
        plots:
          - {metric: start, name: 一月}
          - {value: 150, name: 二月}
          - {metric: end, name: 全季, total: true}
        """)
    assert "spec.yaml:" in err and "slides[0].chart.plots[2].metric" in err
    assert "before metric 'end' add up to 250, but metric 'end' is 370" in err


def test_a_waterfall_from_one_series_runs_from_its_first_bar_to_its_last(tmp_path):
    out = built(tmp_path, """\
        type: waterfall
        data: {categories: [起点, 增, 减, 终点], series: {v: [10, 5, -3, 12]}}
        """)
    assert the_chart(out)["series"][3]["values"] == [10, None, None, 12]


def test_a_waterfall_from_one_series_that_does_not_add_up_is_located(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: waterfall
        data: {categories: [起点, 增, 终点], series: {v: [10, 5, 12]}}
        """)
    assert "slides[0].chart.data" in err and "add up to 15, but '终点' is 12" in err


def test_total_outside_a_waterfall_is_an_error(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: column_clustered
        plots: [{value: 1, name: a, total: true}]
        """)
    assert "slides[0].chart.plots[0].total: 'total' marks a waterfall's bar" in err


# --------------------------------------------------------------------------- 100% stacked
@pytest.mark.parametrize("chart_type", ["column_stacked_100", "bar_stacked_100"])
def test_a_100_percent_chart_shows_shares_on_its_axis(tmp_path, chart_type):
    out = built(tmp_path, f"""\
        type: {chart_type}
        data: {{categories: [a, b], series: {{x: [1, 3], y: [1, 1]}}}}
        """)
    xml = chart_xml(out)
    assert '<c:grouping val="percentStacked"/>' in xml and 'formatCode="0%"' in xml
    assert audit_errors(out) == []


# --------------------------------------------------------------------------- inline values as templates
def test_inline_chart_values_may_be_templates_over_metrics(tmp_path):
    out = built(tmp_path, """\
        type: column_clustered
        data: {categories: [一月, 全季], series: {销售: ["{{ start }}", "{{ end }}"]}}
        """)
    assert the_chart(out)["series"][0]["values"] == [100, 370]


def test_an_inline_template_that_is_not_a_number_is_located_at_its_value(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: column_clustered
        data: {categories: [a], series: {销售: ["{{ 'x' }}"]}}
        """)
    assert "slides[0].chart.data.series.销售[0]: value 'x' is not a number" in err


@pytest.mark.parametrize("tops, level, expected", [
    ([8.0, 6.5, 6.0, 5.6, 3.0], 4.7, 4),  # the last bar ends well below the line: the label at the line's end
    ([1.12, 1.06, 1.03, 0.96], 1.0, 0),  # every bar near the line: where the bar is farthest from it
    ([0.28, 0.22, 0.20, 0.18], 0.223, 3),
])
def test_a_reference_label_goes_where_no_bar_label_meets_it(tops, level, expected):
    from deckbuilder.render.charts.combo import _label_point

    assert _label_point([level] * len(tops), tops) == expected


def test_a_reference_label_goes_to_the_end_once_the_bar_label_there_moved_inside():
    from deckbuilder.render.charts.combo import _label_point

    assert _label_point([1.0] * 4, [1.12, 1.06, 1.03, 0.96], cleared={3}) == 3


def test_a_bar_ending_just_below_a_reference_line_has_its_label_inside_its_end(tmp_path):
    out = built(tmp_path, """\
        type: column_clustered
        metric: monthly
        data_labels: true
        reference_lines: [{value: 125, label: 目标}]
        """)
    xml = chart_xml(out)
    bars = xml[xml.index("<c:ser>"):xml.index("</c:ser>")]
    # month 3 (120) ends just under the line at 125: its label inside the bar, white on the dark column
    inside = bars[bars.index('<c:dLbl><c:idx val="2"/>'):]
    assert '<c:dLblPos val="inEnd"/>' in inside[:inside.index("</c:dLbl>")]
    assert '<a:srgbClr val="FFFFFF"/>' in inside[:inside.index("</c:dLbl>")]
    assert bars.count("<c:dLbl>") == 1  # months 1 and 2 keep the plot's labels above their bars...
    shared = bars[bars.rindex("</c:dLbl>"):bars.index("</c:dLbls>")]
    assert '<c:showVal val="1"/>' in shared and '<c:dLblPos val="outEnd"/>' in shared  # ...still shown
    line = xml[xml.rindex("<c:ser>"):]
    assert '<c:dLbl><c:idx val="2"/>' in line  # so the line's label takes the free end, above month 3
    assert audit_errors(out) == []
