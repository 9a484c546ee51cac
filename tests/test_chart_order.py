"""`chart.order`: categories as given, sorted largest first, or in an explicit list (each name checked)."""

from __future__ import annotations

from test_chart_combo import built, error_of, the_chart

DATA = "type: column_clustered\ndata: {categories: [华东, 华北, 华南], series: {线上: [2, 5, 3]}}\n"


def categories(path):
    return the_chart(path)["categories"]


def test_categories_keep_the_data_order_by_default(tmp_path):
    assert categories(built(tmp_path, DATA)) == ["华东", "华北", "华南"]


def test_sorted_puts_the_largest_first(tmp_path):
    assert categories(built(tmp_path, DATA + "order: sorted\n")) == ["华北", "华南", "华东"]


def test_an_explicit_list_sets_the_order_and_moves_the_values_with_it(tmp_path):
    chart = the_chart(built(tmp_path, DATA + "order: [华南, 华东, 华北]\n"))
    assert chart["categories"] == ["华南", "华东", "华北"]
    assert chart["series"][0]["values"] == [3, 2, 5]


def test_an_unknown_category_in_the_order_is_located_with_a_did_you_mean(tmp_path, capsys):
    err = error_of(tmp_path, capsys, DATA + "order: [华南, 华东, 华西]\n")
    assert "slides[0].chart.order[2]" in err and "'华西' is not a category" in err


def test_an_order_that_leaves_out_a_category_is_an_error(tmp_path, capsys):
    err = error_of(tmp_path, capsys, DATA + "order: [华南, 华东]\n")
    assert "slides[0].chart.order" in err and "leaves out 华北" in err


def test_a_waterfall_keeps_its_own_order(tmp_path, capsys):
    err = error_of(tmp_path, capsys, DATA.replace("column_clustered", "waterfall") + "order: sorted\n")
    assert "slides[0].chart.order" in err
