"""`render: image`: any native chart type as a matplotlib picture; box plots and funnels (always pictures)."""

from __future__ import annotations

import zipfile

import pytest
from test_chart_combo import audit_errors, built, error_of
from test_chart_images import pictures

from deckbuilder.render.charts.image_kinds import PictureStyle, draw_bars
from deckbuilder.render.charts.images import IMAGE_DPI
from deckbuilder.render.charts.kinds import CHART_KINDS
from deckbuilder.render.charts.series import SeriesTable
from deckbuilder.spec.model import ChartSpec, ThemeSpec

COLUMNS = """\
    type: column_clustered
    data: {categories: [华东, 华北], series: {线上: [3, 1]}}
    render: image
    """


def slide_xml(path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("ppt/slides/slide1.xml").decode()


def has_native_chart(path) -> bool:
    with zipfile.ZipFile(path) as package:
        return any(name.startswith("ppt/charts/") for name in package.namelist())


@pytest.mark.parametrize("chart_type", ["column_clustered", "column_stacked", "bar_clustered", "bar_stacked",
                                        "column_stacked_100", "bar_stacked_100", "line", "line_markers", "area",
                                        "area_stacked", "pie", "doughnut"])
def test_render_image_draws_any_native_type_as_a_sharp_picture(tmp_path, chart_type):
    out = built(tmp_path, COLUMNS.replace("column_clustered", chart_type))
    picture, = pictures(out)
    assert picture["image"]["width_px"] >= picture["position"]["width"] / 914400 * IMAGE_DPI - 2
    assert not has_native_chart(out)
    assert audit_errors(out) == []


def test_a_picture_of_a_chart_has_the_same_derived_alt_text_as_a_native_chart(tmp_path):
    assert 'descr="柱形图：c，华东最高 3，华北最低 1"' in slide_xml(built(tmp_path, COLUMNS))


def test_identical_input_gives_identical_bytes_for_a_forced_picture(tmp_path):
    assert built(tmp_path, COLUMNS).read_bytes() == built(tmp_path, COLUMNS).read_bytes()


def test_a_control_character_in_a_category_is_dropped_from_the_picture_as_from_a_native_chart(tmp_path):
    def picture_bytes(chart: str) -> bytes:
        with zipfile.ZipFile(built(tmp_path, chart)) as package:
            return package.read(next(n for n in package.namelist() if n.startswith("ppt/media/")))

    assert picture_bytes(COLUMNS.replace("华东", '"华\\x02东"')) == picture_bytes(COLUMNS)


def test_render_native_is_the_default_an_editable_chart(tmp_path):
    out = built(tmp_path, COLUMNS.replace("render: image", "render: native"))
    assert has_native_chart(out) and pictures(out) == []


def test_a_picture_of_columns_starts_its_value_axis_at_zero():
    from matplotlib.figure import Figure

    axes = Figure().add_subplot()
    table = SeriesTable(["a", "b"], [("v", [90.0, 100.0])])
    draw_bars(axes, ChartSpec(type="column_clustered", data={"categories": ["a", "b"], "series": {"v": [90, 100]}}),
              CHART_KINDS["column_clustered"], table, PictureStyle(ThemeSpec(), str))
    assert axes.get_ylim()[0] == 0


def test_a_picture_keeps_the_highlight_key(tmp_path):
    out = built(tmp_path, COLUMNS.rstrip(" ") + "    highlight: [华北]\n    highlight_note: 重点区域\n")
    assert 'name="Highlight key"' in slide_xml(out) and len(pictures(out)) == 1


@pytest.mark.parametrize("chart_type", ["combo", "waterfall", "scatter"])
def test_a_chart_only_office_draws_cannot_be_a_picture(tmp_path, capsys, chart_type):
    err = error_of(tmp_path, capsys, COLUMNS.replace("column_clustered", chart_type))
    assert "slides[0].chart.render" in err and "cannot be a picture" in err


def test_a_picture_has_no_secondary_axis(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: line
        render: image
        plots: [{metric: monthly}, {metric: monthly_orders, axis: secondary}]
        """)
    assert "slides[0].chart.plots[1].axis" in err


def test_a_box_plot_is_a_picture_of_each_value_column(tmp_path):
    out = built(tmp_path, "type: box\ndata: {categories: [a, b, c, d], series: {金额: [1, 2, 3, 9]}}\n")
    assert len(pictures(out)) == 1 and "descr=\"箱线图：" in slide_xml(out)


def test_a_funnel_is_a_picture_of_its_stages(tmp_path):
    out = built(tmp_path, "type: funnel\ndata: {categories: [访问, 下单], series: {人数: [100, 20]}}\n")
    assert len(pictures(out)) == 1 and "descr=\"漏斗图：" in slide_xml(out)


def test_a_funnel_takes_one_series(tmp_path, capsys):
    err = error_of(tmp_path, capsys, "type: funnel\ndata: {categories: [a, b], series: {x: [2, 1], y: [2, 1]}}\n")
    assert "slides[0].chart" in err and "one series" in err


def test_a_funnel_stage_cannot_be_negative(tmp_path, capsys):
    err = error_of(tmp_path, capsys, "type: funnel\ndata: {categories: [a, b], series: {x: [2, -1]}}\n")
    assert "cannot be negative: b" in err


def test_a_box_plot_cannot_be_native(tmp_path, capsys):
    err = error_of(tmp_path, capsys, "type: box\nrender: native\ndata: {categories: [a], series: {x: [1]}}\n")
    assert "slides[0].chart.render" in err


def test_the_chart_pictures_gallery_builds_cleanly(tmp_path, capsys):
    from pathlib import Path

    from deckbuilder import cli

    spec = Path(__file__).resolve().parent.parent / "specs" / "chart_pictures.yaml"
    out = tmp_path / "gallery.pptx"
    assert cli.main(["build", str(spec), "-o", str(out)]) == 0
    assert "warning" not in capsys.readouterr().err
    assert audit_errors(out) == []
