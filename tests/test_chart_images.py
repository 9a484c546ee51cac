"""Charts drawn as pictures by matplotlib (histogram, heatmap): placed, described, deterministic."""

from __future__ import annotations

import zipfile

from test_chart_combo import audit_errors, built, error_of

from deckbuilder.render.charts.images import IMAGE_DPI
from deckbuilder.tools.inspect import inspect_deck

HISTOGRAM = """\
    type: histogram
    data: {categories: [a, b, c, d, e, f], series: {金额: [1, 2, 2, 3, 3, 3]}}
    bins: 3
    x_title: 金额
    """


def pictures(path):
    return [shape for slide in inspect_deck(path)["slides"] for shape in slide["shapes"]
            if shape.get("kind") == "picture" or "image" in shape]


def test_a_histogram_is_a_sharp_png_filling_the_chart_area(tmp_path):
    out = built(tmp_path, HISTOGRAM)
    picture, = pictures(out)
    image = picture["image"]
    assert image["content_type"] == "image/png"
    assert image["width_px"] >= picture["position"]["width"] / 914400 * IMAGE_DPI - 2  # 288 dpi across its box
    assert audit_errors(out) == []


def test_an_image_chart_carries_alt_text_naming_its_type_and_title(tmp_path):
    out = built(tmp_path, HISTOGRAM)
    with zipfile.ZipFile(out) as package:
        slide = package.read("ppt/slides/slide1.xml").decode()
    assert 'descr="直方图：c"' in slide


def test_identical_input_gives_identical_picture_bytes(tmp_path):
    first = built(tmp_path, HISTOGRAM).read_bytes()
    again = built(tmp_path, HISTOGRAM).read_bytes()
    assert first == again


def test_a_heatmap_describes_its_columns_and_its_extreme_cells(tmp_path):
    out = built(tmp_path, """\
        type: heatmap
        data: {categories: [华东, 华北], series: {线上: [3, 1], 门店: [2, 4]}}
        """)
    with zipfile.ZipFile(out) as package:
        slide = package.read("ppt/slides/slide1.xml").decode()
    assert 'descr="热力图：c，2 个系列：线上、门店，华北·门店最高 4，华北·线上最低 1"' in slide


def test_histogram_bins_are_bounded(tmp_path, capsys):
    err = error_of(tmp_path, capsys, HISTOGRAM.replace("bins: 3", "bins: 0"))
    assert "slides[0].chart.bins" in err
