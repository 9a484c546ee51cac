"""Colours that say what they mean (issue 13): a highlight colour comes with a key saying why,
and changes (in tables and bar charts) are coloured good or bad by the metric's ``better:``."""

from __future__ import annotations

import textwrap
from io import BytesIO

import pytest
from pptx import Presentation

from deckbuilder import build_deck, cli
from deckbuilder.deck.keep_together import visible_text
from deckbuilder.spec.model import ThemeColors
from deckbuilder.text.formatting import is_change_format, tone

COLORS = ThemeColors()


def slide_of(spec: str, base_dir=None):
    result = build_deck(textwrap.dedent(spec), base_dir=base_dir, write=False, lint=False)
    return Presentation(BytesIO(result.data)).slides[0]


def errors_of(tmp_path, capsys, spec: str) -> tuple[int, str]:
    path = tmp_path / "spec.yaml"
    path.write_text(textwrap.dedent(spec), encoding="utf-8")
    code = cli.main(["build", str(path), "-o", str(tmp_path / "out.pptx")])
    return code, capsys.readouterr().err


# --------------------------------------------------------------------------- highlight
HIGHLIGHT = """\
    deck: {title: t}
    slides:
      - kind: chart
        title: 月销售额
        chart:
          type: column_clustered
          data: {categories: [5月, 6月, 7月], series: {销售额: [1, 3, 1]}}
          FIELDS
    """


def test_a_highlight_gets_a_key_in_its_colour_above_the_chart():
    slide = slide_of(HIGHLIGHT.replace("FIELDS", "highlight: [6月]\n          highlight_note: 618 大促"))
    shapes = {shape.name: shape for shape in slide.shapes}
    swatch, key = shapes["Highlight key swatch"], shapes["Highlight key"]
    chart = next(shape for shape in slide.shapes if shape.has_chart)
    assert visible_text(key.text_frame.text) == "618 大促"
    assert str(swatch.fill.fore_color.rgb) == ThemeColors().accent
    assert key.top + key.height <= chart.top


def test_the_note_is_a_template():
    slide = slide_of(HIGHLIGHT.replace("FIELDS", "highlight: [6月]\n          highlight_note: '{{ 6 }} 月大促'"))
    assert visible_text(next(s for s in slide.shapes if s.name == "Highlight key").text_frame.text) == "6 月大促"


@pytest.mark.parametrize("fields, where, message", [
    ("highlight: [6月]", "spec.yaml:8:18: slides[0].chart.highlight", "need a 'highlight_note'"),
    ("highlight_note: 大促", "spec.yaml:8:23: slides[0].chart.highlight_note", "nothing is highlighted"),
])
def test_a_highlight_without_its_note_and_a_note_without_a_highlight_are_errors(tmp_path, capsys, fields,
                                                                                where, message):
    code, err = errors_of(tmp_path, capsys, HIGHLIGHT.replace("FIELDS", fields))
    assert code == 2 and where in err and message in err and "Traceback" not in err


def test_a_highlight_on_a_pie_would_be_ignored_so_it_is_an_error(tmp_path, capsys):
    spec = HIGHLIGHT.replace("column_clustered", "pie")
    spec = spec.replace("FIELDS", "highlight: [6月]\n          highlight_note: x")
    code, err = errors_of(tmp_path, capsys, spec)
    assert code == 2 and "slides[0].chart.highlight" in err and "colours every slice" in err


# --------------------------------------------------------------------------- better
def test_change_formats_are_the_signed_and_arrowed_ones():
    assert [is_change_format(f) for f in ("delta_pct", "pp", "+pct:1", "delta", "pct", "yi", None, "nope")] == [
        True, True, True, True, False, False, False, False]


def test_a_tone_is_good_for_a_rise_unless_lower_is_better():
    assert [tone(0.1, None), tone(-0.1, "higher"), tone(0.1, "lower"), tone(0.0, "lower"), tone(None, None)] == [
        1, -1, -1, 0, 0]


TABLE = """\
    deck: {title: t}
    slides:
      - kind: table
        title: 表
        table:
          data: {columns: [渠道, 销售额, 变化], rows: [[天猫, 100, 0.12], [京东, 80, -0.05]]}
          columns:
            - {name: 渠道}
            - {name: 销售额, format: num}
            - {name: 变化, FORMAT}
    """


def cell_colours(slide, column: int) -> list[str]:
    table = next(s for s in slide.shapes if s.has_table).table
    return [str(table.cell(i, column).text_frame.paragraphs[0].runs[0].font.color.rgb) for i in (1, 2)]


def test_a_change_column_in_a_table_is_coloured_by_its_sign():
    slide = slide_of(TABLE.replace("FORMAT", "format: delta_pct"))
    assert cell_colours(slide, 2) == [COLORS.positive, COLORS.negative]
    assert cell_colours(slide, 1) == [COLORS.text, COLORS.text]


def test_a_column_where_lower_is_better_colours_a_rise_as_bad():
    slide = slide_of(TABLE.replace("FORMAT", "format: '+num:2', better: lower"))
    assert cell_colours(slide, 2) == [COLORS.negative, COLORS.positive]


def test_a_plain_number_column_is_not_coloured():
    assert cell_colours(slide_of(TABLE.replace("FORMAT", "format: pct")), 2) == [COLORS.text, COLORS.text]


METRIC_TABLE = """\
    deck: {title: t}
    data:
      tickets: {type: csv, path: tickets.csv, parse_dates: [day]}
    metrics:
      days_yoy: {source: tickets, agg: mean, column: days, by: team, compare: yoy, date: day, format: pct
                 BETTER}
    slides:
      - kind: KIND
        title: 时效
        TABLE_OR_CHART: {metric: days_yoy CHART_TYPE}
    """


@pytest.fixture
def tickets(tmp_path):
    (tmp_path / "tickets.csv").write_text(
        "day,team,days\n2024-06-01,A,2\n2025-06-01,A,3\n2024-06-01,B,4\n2025-06-01,B,2\n", encoding="utf-8")
    return tmp_path


def _metric_slide(tmp_path, kind: str, better: str):
    spec = (METRIC_TABLE.replace("BETTER", f", better: {better}" if better else "").replace("KIND", kind)
            .replace("TABLE_OR_CHART", kind)
            .replace("CHART_TYPE", ", type: column_clustered" if kind == "chart" else ""))
    return slide_of(spec, base_dir=tmp_path)


def test_a_comparison_metric_in_a_table_is_coloured_by_its_better(tickets):
    table = next(s for s in _metric_slide(tickets, "table", "lower").shapes if s.has_table).table
    headers = [visible_text(table.cell(0, j).text_frame.text) for j in range(len(table.columns))]
    j = headers.index("days_yoy")
    colours = [str(table.cell(i, j).text_frame.paragraphs[0].runs[0].font.color.rgb) for i in (1, 2)]
    assert colours == [COLORS.negative, COLORS.positive]  # A took longer (bad), B got faster (good)


@pytest.mark.parametrize("better, expected", [("", [COLORS.positive, COLORS.negative]),
                                              ("lower", [COLORS.negative, COLORS.positive])])
def test_bars_of_a_comparison_metric_are_coloured_good_or_bad(tickets, better, expected):
    chart = next(s for s in _metric_slide(tickets, "chart", better).shapes if s.has_chart).chart
    points = chart.plots[0].series[0].points
    assert [str(points[j].format.fill.fore_color.rgb) for j in (0, 1)] == expected


CHANGES = HIGHLIGHT.replace("FIELDS", "number_format: '+pct:0'\n          BETTER").replace(
    "[1, 3, 1]", "[0.2, -0.1, 0.3]")


def _point_fills(slide) -> list[str]:
    chart = next(shape for shape in slide.shapes if shape.has_chart).chart
    return chart._chartSpace.xpath(".//c:dPt/c:spPr/a:solidFill/a:srgbClr/@val")


def test_changes_coloured_good_or_bad_get_a_key_saying_which_is_which():
    slide = slide_of(CHANGES.replace("BETTER", ""))
    texts = {shape.name: visible_text(shape.text_frame.text) for shape in slide.shapes if shape.has_text_frame}
    assert texts["Highlight key"] == "改善" and texts["Key 2"] == "变差"
    assert set(_point_fills(slide)) == {COLORS.positive, COLORS.negative}


def test_better_mixed_leaves_changes_uncoloured_and_unkeyed():
    slide = slide_of(CHANGES.replace("BETTER", "better: mixed"))
    assert _point_fills(slide) == []
    assert not any(shape.name.startswith(("Highlight key", "Key ")) for shape in slide.shapes)
