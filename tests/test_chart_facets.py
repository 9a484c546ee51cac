"""Small multiples (`facet:`): a panel per group on one shared value axis, drawn as a picture;
each mistake located (exit 2)."""

from __future__ import annotations

import textwrap
import zipfile

import pytest
from test_chart_combo import audit_errors
from test_chart_images import pictures

from deckbuilder import build_deck, cli
from deckbuilder.deck.text_style import Fonts
from deckbuilder.limits import MAX_FACET_PANELS
from deckbuilder.render.charts.image_kinds import PictureStyle
from deckbuilder.render.charts.kinds import CHART_KINDS
from deckbuilder.render.charts.series import SeriesTable
from deckbuilder.render.charts.small_multiples import draw_small_multiples, facet_grid
from deckbuilder.spec.model import ChartSpec, ThemeSpec

CSV = "month,region,sales\n1,华东,100\n2,华东,120\n1,华北,60\n2,华北,90\n1,华南,80\n2,华南,70\n"
HEAD = """\
deck: {deck}
data:
  sales: {{type: csv, path: sales.csv}}
metrics:
  by_region: {{source: sales, agg: sum, column: sales, by: [month, region], format: num}}
  total: {{source: sales, agg: sum, column: sales}}
slides:
  - kind: chart
    title: c
    chart:
"""
FACETED = """\
    type: column_clustered
    metric: by_region
    x: month
    facet: region
    """


def spec_file(tmp_path, chart: str, deck: str = "{title: t}", csv: str = CSV):
    (tmp_path / "sales.csv").write_text(csv, encoding="utf-8")
    path = tmp_path / "spec.yaml"
    path.write_text(HEAD.format(deck=deck) + textwrap.indent(textwrap.dedent(chart), " " * 6), encoding="utf-8")
    return path


def built(tmp_path, chart: str, **kwargs):
    out = tmp_path / "out.pptx"
    build_deck(spec_file(tmp_path, chart, **kwargs), output=out)
    return out


def error_of(tmp_path, capsys, chart: str, **kwargs) -> str:
    assert cli.main(["validate", str(spec_file(tmp_path, chart, **kwargs))]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def slide_xml(path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("ppt/slides/slide1.xml").decode()


def panels_of(chart_type: str, series: dict[str, list[float | None]], size=(12.0, 5.0), **fields):
    from matplotlib.figure import Figure

    table = SeriesTable(["1月", "2月", "3月"], list(series.items()))
    spec = ChartSpec(type=chart_type, data={"categories": table.categories, "series": series}, facet=True, **fields)
    figure = Figure(figsize=size)
    panels = draw_small_multiples(figure, spec, CHART_KINDS[chart_type], table, PictureStyle(ThemeSpec(), str),
                                  Fonts("Noto Sans CJK SC", "Noto Sans CJK SC"), size)
    return figure, panels


# --------------------------------------------------------------------------- panels
def test_a_facet_column_gives_one_titled_panel_per_group():
    figure, panels = panels_of("column_clustered", {"华东": [1, 2, 3], "华北": [2, 2, 2], "华南": [3, 1, 2]})
    assert [axes.get_title(loc="left") for axes in panels] == ["华东", "华北", "华南"]
    assert len([axes for axes in figure.axes if axes.get_visible()]) == 3


def test_every_panel_of_columns_shares_one_value_axis_from_zero():
    _, panels = panels_of("column_clustered", {"a": [90, 95, 100], "b": [96, 97, 98]})
    assert {axes.get_ylim() for axes in panels} == {panels[0].get_ylim()}
    assert panels[0].get_ylim()[0] == 0 and panels[0].get_ylim()[1] >= 100


def test_horizontal_bar_panels_share_the_value_axis_from_zero_with_the_first_category_on_top():
    _, panels = panels_of("bar_clustered", {"a": [90, 95, 100], "b": [96, 97, 98]})
    assert {axes.get_xlim() for axes in panels} == {panels[0].get_xlim()} and panels[0].get_xlim()[0] == 0
    low, high = panels[0].get_ylim()
    assert low > high  # category 0 at the top


def test_line_panels_share_one_range_zoomed_to_the_data_of_all_panels():
    _, panels = panels_of("line", {"a": [90, 95, 100], "b": [50, 52, 51]})
    low, high = panels[0].get_ylim()
    assert {axes.get_ylim() for axes in panels} == {(low, high)}
    assert 0 < low < 50 and high > 100


def test_the_grid_follows_the_content_box_shape():
    assert facet_grid(6, 12.0, 5.0) == (2, 3)  # a wide box: rows of three
    assert facet_grid(6, 5.0, 8.0) == (3, 2)  # a tall box: columns of two
    assert facet_grid(3, 12.0, 5.0) == (1, 3)  # one full row rather than a grid with a hole


def test_panels_beyond_the_grid_are_hidden():
    figure, panels = panels_of("line", {name: [1, 2, 3] for name in "abcde"})
    assert len(panels) == 5 and len([a for a in figure.axes if a.get_visible()]) == 5


# --------------------------------------------------------------------------- in a deck
def test_small_multiples_are_one_sharp_picture_with_no_native_chart(tmp_path):
    out = built(tmp_path, FACETED)
    picture, = pictures(out)
    assert picture["image"]["width_px"] >= 3000
    with zipfile.ZipFile(out) as package:
        assert not any(name.startswith("ppt/charts/") for name in package.namelist())
    assert audit_errors(out) == []


def test_identical_input_gives_identical_bytes_for_small_multiples(tmp_path):
    assert built(tmp_path, FACETED).read_bytes() == built(tmp_path, FACETED).read_bytes()


def test_small_multiples_alt_text_names_the_panels_and_the_extremes_over_all_of_them(tmp_path):
    descr = 'descr="分面图：c，3 个分面：华东、华北、华南，华东·2最高 120，华北·1最低 60"'
    assert descr in slide_xml(built(tmp_path, FACETED))


def test_small_multiples_alt_text_in_english(tmp_path):
    xml = slide_xml(built(tmp_path, FACETED, deck="{title: t, locale: en_US}"))
    assert 'descr="Small multiples: c; 3 panels: 华东, 华北, 华南; highest 华东·2 120; lowest 华北·1 60"' in xml


def test_facet_true_makes_a_panel_of_each_series_of_inline_data(tmp_path):
    out = built(tmp_path, """\
        type: line
        data: {categories: [Q1, Q2], series: {线上: [3, 4], 门店: [2, 1]}}
        facet: true
        """)
    assert len(pictures(out)) == 1 and "2 个分面：线上、门店" in slide_xml(out)


# --------------------------------------------------------------------------- mistakes
def test_a_missing_facet_column_is_located_with_a_did_you_mean(tmp_path, capsys):
    err = error_of(tmp_path, capsys, FACETED.replace("facet: region", "facet: regoin"))
    assert "slides[0].chart.facet" in err and "no column 'regoin'" in err and "region" in err


def test_too_many_panels_are_refused_at_facet(tmp_path, capsys):
    rows = "".join(f"1,r{k},{k + 1}\n" for k in range(MAX_FACET_PANELS + 1))
    err = error_of(tmp_path, capsys, FACETED, csv="month,region,sales\n" + rows)
    assert "slides[0].chart.facet" in err and f"{MAX_FACET_PANELS + 1} panels are too many" in err


@pytest.mark.parametrize("chart_type", ["pie", "column_stacked", "waterfall", "heatmap"])
def test_a_type_with_no_shared_value_axis_per_panel_cannot_be_faceted(tmp_path, capsys, chart_type):
    err = error_of(tmp_path, capsys, FACETED.replace("column_clustered", chart_type))
    assert "slides[0].chart.facet" in err and "cannot be drawn as small multiples" in err


def test_small_multiples_cannot_be_native(tmp_path, capsys):
    err = error_of(tmp_path, capsys, FACETED + "render: native\n")
    assert "slides[0].chart.render" in err and "picture" in err


def test_a_facet_column_and_a_series_column_cannot_both_be_given(tmp_path, capsys):
    err = error_of(tmp_path, capsys, FACETED + "series: region\n")
    assert "slides[0].chart.facet" in err and "not both" in err


def test_a_facet_column_needs_data_with_columns(tmp_path, capsys):
    err = error_of(tmp_path, capsys, """\
        type: line
        data: {categories: [Q1, Q2], series: {线上: [3, 4]}}
        facet: 渠道
        """)
    assert "slides[0].chart.facet" in err and "facet: true" in err


def test_each_panel_shows_one_value_column(tmp_path, capsys):
    err = error_of(tmp_path, capsys, FACETED + "y: [sales, month]\n")
    assert "slides[0].chart.y" in err and "one value column" in err


def test_small_multiples_take_no_annotations(tmp_path, capsys):
    err = error_of(tmp_path, capsys, FACETED + "annotations: [{type: cagr}]\n")
    assert "slides[0].chart.annotations" in err


def test_bars_that_are_changes_keep_their_good_and_bad_colours_in_every_panel():
    from matplotlib.colors import to_hex
    from matplotlib.figure import Figure

    theme = ThemeSpec()
    table = SeriesTable(["Q1", "Q2"], [("a", [0.1, -0.2]), ("b", [-0.1, 0.3])])
    spec = ChartSpec(type="column_clustered", data={"categories": ["Q1", "Q2"], "series": dict(table.series)},
                     facet=True)
    style = PictureStyle(theme, str, tones=[[1, -1], [-1, 1]])
    panels = draw_small_multiples(Figure(figsize=(12, 5)), spec, CHART_KINDS["column_clustered"], table, style,
                                  Fonts("Noto Sans CJK SC", "Noto Sans CJK SC"), (12.0, 5.0))
    good, bad = "#" + theme.colors.positive.lower(), "#" + theme.colors.negative.lower()
    assert [[to_hex(bar.get_facecolor()) for bar in axes.patches] for axes in panels] == [[good, bad], [bad, good]]


def test_a_highlighted_category_is_the_accent_colour_in_every_panel_and_the_others_one_colour():
    from matplotlib.colors import to_hex

    _, panels = panels_of("column_clustered", {"a": [1, 2, 3], "b": [3, 2, 1]}, highlight=["2月"])
    accent, plain = "#" + ThemeSpec().colors.accent.lower(), "#" + ThemeSpec().palette[0].lower()
    assert [[to_hex(bar.get_facecolor()) for bar in axes.patches] for axes in panels] == [[plain, accent, plain]] * 2


def test_the_shared_axis_reaches_a_reference_line_above_every_value():
    from matplotlib.figure import Figure

    table = SeriesTable(["Q1", "Q2"], [("a", [1.0, 2.0]), ("b", [2.0, 1.0])])
    spec = ChartSpec(type="line", data={"categories": ["Q1", "Q2"], "series": dict(table.series)}, facet=True)
    panels = draw_small_multiples(Figure(figsize=(12, 5)), spec, CHART_KINDS["line"], table,
                                  PictureStyle(ThemeSpec(), str, references=[("目标", 5.0)]),
                                  Fonts("Noto Sans CJK SC", "Noto Sans CJK SC"), (12.0, 5.0))
    assert panels[1].get_ylim()[1] > 5.0


@pytest.mark.parametrize(("field", "value"), [("legend", "bottom"), ("gridlines", "false")])
def test_a_field_small_multiples_cannot_show_is_an_error_not_ignored(tmp_path, capsys, field, value):
    err = error_of(tmp_path, capsys, FACETED + f"{field}: {value}\n")
    assert f"slides[0].chart.{field}" in err and f"leave out '{field}'" in err
