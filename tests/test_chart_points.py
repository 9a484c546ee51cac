"""Slope (before/after), scatter and bubble charts: what they plot, how points are named."""

from __future__ import annotations

from test_chart_combo import audit_errors, built, chart_xml, error_of, the_chart

PRODUCTS = ("{categories: [面霜, 口红, 面膜], "
            "series: {价格: [320, 210, 99], 销量: [1200, 2100, 3500], 毛利: [40, 20, 15]}}")


def test_a_slope_chart_draws_one_line_per_item_from_before_to_after(tmp_path):
    out = built(tmp_path, """\
        type: slope
        data: {categories: [华东, 华北], series: {"2024": [120, 40], "2025": [135, 56]}}
        """)
    chart = the_chart(out)
    assert chart["categories"] == ["2024", "2025"]
    assert [(s["name"], s["values"]) for s in chart["series"]] == [("华东", [120, 135]), ("华北", [40, 56])]
    assert chart["has_legend"] is False
    assert audit_errors(out) == []


def test_a_slope_line_is_named_at_its_right_end_and_valued_at_both(tmp_path):
    xml = chart_xml(built(tmp_path, """\
        type: slope
        data: {categories: [华东], series: {"2024": [120], "2025": [135]}}
        """))
    assert xml.count("<c:dLbl>") == 2
    assert '<c:dLblPos val="l"/>' in xml and '<c:dLblPos val="r"/>' in xml
    assert xml.count('<c:showSerName val="1"/>') == 1 and "<c:separator> </c:separator>" in xml


def test_a_slope_chart_greys_all_but_the_highlighted_items(tmp_path):
    xml = chart_xml(built(tmp_path, """\
        type: slope
        highlight: [华北]
        data: {categories: [华东, 华北], series: {"2024": [120, 40], "2025": [135, 56]}}
        """))
    first, second = xml.split("<c:ser>")[1:3]
    assert 'val="7F7F7F"' in first and 'val="F4B183"' in second


def test_a_scatter_places_each_row_by_x_and_y_and_names_it(tmp_path):
    out = built(tmp_path, f"""\
        type: scatter
        x: 价格
        y: 销量
        data: {PRODUCTS}
        """)
    series = the_chart(out)["series"][0]
    assert series["x_values"] == [320, 210, 99] and series["values"] == [1200, 2100, 3500]
    xml = chart_xml(out)
    assert "<a:t>面霜</a:t>" in xml and "<a:t>面膜</a:t>" in xml
    assert audit_errors(out) == []


def test_a_scatter_takes_its_numeric_columns_in_order_by_default(tmp_path):
    out = built(tmp_path, "type: scatter\ndata: {categories: [a, b], series: {x: [1, 2], y: [3, 4]}}\n")
    series = the_chart(out)["series"][0]
    assert series["x_values"] == [1, 2] and series["values"] == [3, 4]


def test_a_bubble_is_sized_by_its_size_column(tmp_path):
    out = built(tmp_path, f"""\
        type: bubble
        x: 价格
        y: 销量
        size: 毛利
        data: {PRODUCTS}
        """)
    assert the_chart(out)["type"] == "BUBBLE"
    xml = chart_xml(out)
    assert "<c:bubbleSize>" in xml and "<c:v>40.0</c:v>" in xml
    assert audit_errors(out) == []


def test_a_misspelt_bubble_size_column_is_located(tmp_path, capsys):
    err = error_of(tmp_path, capsys, f"""\
        type: bubble
        size: 毛率
        data: {PRODUCTS}
        """)
    assert "slides[0].chart.size: no column '毛率' in the chart data" in err


def test_a_scatter_without_two_numeric_columns_is_an_error(tmp_path, capsys):
    err = error_of(tmp_path, capsys, "type: scatter\ndata: {categories: [a], series: {x: [1]}}\n")
    assert "a scatter needs numeric columns for x and y" in err


def test_a_scatter_of_plots_takes_x_from_the_first_and_y_from_the_second(tmp_path):
    out = built(tmp_path, """\
        type: scatter
        plots: [{metric: monthly_orders, format: num}, {metric: monthly, format: wan}]
        """)
    series = the_chart(out)["series"][0]
    assert series["x_values"] == [10, 12, 11] and series["values"] == [0.01, 0.015, 0.012]
    xml = chart_xml(out)
    x_axis = xml[xml.index("<c:valAx>"):xml.index("</c:valAx>")]
    assert 'formatCode="#,##0"' in x_axis  # the x values' own format, not the y values' 万


def test_a_scatter_needs_two_plots(tmp_path, capsys):
    err = error_of(tmp_path, capsys, "type: scatter\nplots: [{metric: monthly}]\n")
    assert "slides[0].chart.plots: a scatter takes 2 plots (x, y), got 1" in err
