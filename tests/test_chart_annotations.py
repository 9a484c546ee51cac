"""CAGR and difference arrows: computed from the chart's data, drawn natively over a fixed plot area."""

from __future__ import annotations

import zipfile

from test_chart_combo import audit_errors, built, chart_xml, error_of

from deckbuilder.tools.inspect import inspect_deck

YEARS = """\
type: column_clustered
data: {categories: ["2021", "2022", "2023"], series: {销售额: [100, 110, 121]}}
"""


def texts(path) -> list[str]:
    return [shape.get("text", "") for slide in inspect_deck(path)["slides"] for shape in slide["shapes"]
            if shape.get("name", "").startswith("Annotation")]


def shapes_named(path, prefix: str) -> list[dict]:
    return [shape for slide in inspect_deck(path)["slides"] for shape in slide["shapes"]
            if shape.get("name", "").startswith(prefix)]


def test_a_cagr_runs_from_the_first_to_the_last_category(tmp_path):
    out = built(tmp_path, YEARS + "annotations: [{type: cagr}]\n")
    assert any("CAGR" in t and "10.0%" in t for t in texts(out))


def test_a_difference_is_the_change_from_one_bar_to_the_other(tmp_path):
    out = built(tmp_path, YEARS + "annotations: [{type: difference, from: '2021', to: '2023'}]\n")
    assert any("21.0%" in t for t in texts(out))


def test_an_annotation_is_an_elbow_of_connectors_ending_in_an_arrowhead(tmp_path):
    out = built(tmp_path, YEARS + "annotations: [{type: cagr}]\n")
    with zipfile.ZipFile(out) as package:
        slide = package.read("ppt/slides/slide1.xml").decode()
    assert slide.count("<p:cxnSp>") == 3 and slide.count('<a:tailEnd type="triangle"') == 1
    assert audit_errors(out) == []


def test_the_plot_area_is_placed_explicitly_so_the_arrows_meet_the_bars(tmp_path):
    xml = chart_xml(built(tmp_path, YEARS + "annotations: [{type: cagr}]\n"))
    assert '<c:layoutTarget val="inner"/>' in xml


def test_the_arrow_ends_above_the_taller_bar_and_starts_above_the_shorter(tmp_path):
    out = built(tmp_path, YEARS + "annotations: [{type: cagr}]\n")
    up, across, down = (shapes_named(out, f"Annotation 1 line {k}")[0]["position"] for k in (1, 2, 3))
    start_top = up["top"] + up["height"]  # the rising line's lower end, above the first bar
    assert down["top"] + down["height"] < start_top  # the last bar is taller: its arrow ends higher
    assert across["width"] > 0 and up["left"] < down["left"]


def test_a_label_replaces_the_computed_figure(tmp_path):
    out = built(tmp_path, YEARS + "annotations: [{type: cagr, label: 三年复合增长}]\n")
    assert any("三年复合增长" in t.replace("\u2060", "") for t in texts(out))


def test_an_unknown_category_is_located_with_a_did_you_mean(tmp_path, capsys):
    err = error_of(tmp_path, capsys, YEARS + "annotations: [{type: difference, from: '2021', to: '2024'}]\n")
    assert "slides[0].chart.annotations[0].to" in err and "'2024' is not a category" in err


def test_a_difference_needs_both_ends(tmp_path, capsys):
    err = error_of(tmp_path, capsys, YEARS + "annotations: [{type: difference, from: '2021'}]\n")
    assert "slides[0].chart.annotations[0]" in err and "'from' and 'to'" in err


def test_annotations_go_on_column_charts_only(tmp_path, capsys):
    err = error_of(tmp_path, capsys, YEARS.replace("column_clustered", "line") + "annotations: [{type: cagr}]\n")
    assert "slides[0].chart.annotations" in err and "column chart" in err


def test_a_cagr_from_a_non_positive_value_is_an_error(tmp_path, capsys):
    err = error_of(tmp_path, capsys, YEARS.replace("[100, 110, 121]", "[0, 110, 121]")
                   + "annotations: [{type: cagr}]\n")
    assert "slides[0].chart.annotations[0]" in err and "positive" in err


def test_clustered_bars_of_several_series_cannot_be_annotated(tmp_path, capsys):
    err = error_of(tmp_path, capsys, YEARS.replace("销售额: [100, 110, 121]", "a: [1, 2, 3], b: [2, 3, 4]")
                   + "annotations: [{type: cagr}]\n")
    assert "one series" in err
