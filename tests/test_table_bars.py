"""Table cells: data bars (as long as the value, from zero; negatives left of a zero line) and numbers aligned
on the decimal point (one unit and one number of decimals per column)."""

from __future__ import annotations

import textwrap

import pytest
from openxml_audit import validate_pptx
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.enum.text import PP_ALIGN

from deckbuilder import build_deck, cli
from deckbuilder.build.table_cells import bar_spans, one_unit_format
from deckbuilder.deck.oxml.accessibility import is_decorative
from deckbuilder.errors import DataError
from deckbuilder.spec.table_model import TableColumn

ROWS = [["华东", 400, 0.2], ["华南", 200, -0.1], ["华北", 100, 0.05], ["西南", 0, -0.2]]


def spec(tmp_path, columns: str, rows=ROWS, extra: str = ""):
    path = tmp_path / "deck.yaml"
    path.write_text(textwrap.dedent(f"""\
        deck: {{title: t}}
        slides:
          - kind: table
            title: 区域
            table:
              data:
                columns: [区域, 销售额, 同比]
                rows: {rows}
              columns: {columns}
        """) + extra, encoding="utf-8")
    return path


def build(tmp_path, columns: str, **kw):
    out = tmp_path / "out.pptx"
    result = build_deck(spec(tmp_path, columns, **kw), output=out)
    return result, Presentation(str(out))


def group(prs, name: str, slide: int = 0):
    (found,) = [s for s in prs.slides[slide].shapes if s.name == name]
    assert found.shape_type == MSO_SHAPE_TYPE.GROUP
    return found


def bars(group_shape) -> list:
    """The bars of a data-bar group, top to bottom."""
    return sorted([s for s in group_shape.shapes if s.name == "Bar"], key=lambda s: s.top)


def fill(shape) -> str:
    return str(shape.fill.fore_color.rgb)


SALES = "[{name: 区域}, {name: 销售额, format: num, data_bar: true}, {name: 同比, format: delta_pct}]"
CHANGE = "[{name: 区域}, {name: 销售额}, {name: 同比, format: delta_pct, data_bar: true}]"


# ------------------------------------------------------------------ data bars
def test_bar_lengths_are_proportional_to_the_values_from_zero(tmp_path):
    _, prs = build(tmp_path, SALES)
    widths = [b.width for b in bars(group(prs, "Data bars 销售额"))]
    assert len(widths) == 3  # 400, 200, 100; a zero has no bar
    assert widths[1] / widths[0] == pytest.approx(0.5, abs=0.01)
    assert widths[2] / widths[0] == pytest.approx(0.25, abs=0.01)


def test_bars_start_at_the_cells_left_edge_when_no_value_is_negative(tmp_path):
    _, prs = build(tmp_path, SALES)
    lefts = {b.left for b in bars(group(prs, "Data bars 销售额"))}
    assert len(lefts) == 1


def test_the_largest_bar_fills_the_cell_inside_its_margins(tmp_path):
    _, prs = build(tmp_path, SALES)
    table = [s for s in prs.slides[0].shapes if s.has_table][0]
    column = table.table.columns[1].width
    assert bars(group(prs, "Data bars 销售额"))[0].width == pytest.approx(column - 2 * 91440, abs=2)


def test_negative_values_run_left_from_a_zero_line_in_their_own_colour(tmp_path):
    _, prs = build(tmp_path, CHANGE)
    shapes = group(prs, "Data bars 同比").shapes
    (line,) = [s for s in shapes if s.name == "Zero line"]
    assert line.width == 12700  # 1 pt
    found = bars(group(prs, "Data bars 同比"))
    positive = [b for b in found if b.left >= line.left]
    negative = [b for b in found if b.left < line.left]
    assert len(positive) == 2 and len(negative) == 2
    zero = line.left + line.width // 2
    assert all(abs(b.left - zero) <= 2 for b in positive)
    assert all(abs(b.left + b.width - zero) <= 2 for b in negative)
    assert {fill(b) for b in positive} != {fill(b) for b in negative}
    # -0.2 is as long as 0.2: one scale on both sides of zero
    assert max(b.width for b in negative) == pytest.approx(max(b.width for b in positive), abs=2)


def test_bar_spans_scale_from_the_smallest_negative_to_the_largest_value():
    rows, zeros = bar_spans([TableColumn(name="x", data_bar=True)], [[10.0], [5.0], [-5.0], [0.0], [None]])
    assert zeros == [pytest.approx(1 / 3)]
    assert [r[0] for r in rows] == [(pytest.approx(1 / 3), 1.0), (pytest.approx(1 / 3), pytest.approx(2 / 3)),
                                    (0.0, pytest.approx(1 / 3)), None, None]


def test_bars_are_decorative_and_drawn_behind_the_table(tmp_path):
    _, prs = build(tmp_path, SALES)
    shapes = list(prs.slides[0].shapes)
    bar_group = group(prs, "Data bars 销售额")
    table = [s for s in shapes if s.has_table][0]
    assert is_decorative(bar_group)
    assert shapes.index(bar_group) < shapes.index(table)
    cells = table.table.rows[1].cells
    assert cells[1]._tc.tcPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}noFill") is not None


def test_the_totals_row_has_no_bar_and_the_deck_audits_and_lints_clean(tmp_path):
    result, prs = build(tmp_path, CHANGE.replace("]", ", {name: 销售额, total: true}]").replace(
        "{name: 销售额}, ", ""), extra="      totals: sum\n")
    assert [f for f in result.findings if f.rule in ("overlap", "missing-alt-text")] == []
    assert len(bars(group(prs, "Data bars 同比"))) == 4
    assert [str(e) for e in getattr(validate_pptx(str(tmp_path / "out.pptx")), "errors", [])] == []


def test_a_long_table_has_its_bars_on_every_slide(tmp_path):
    rows = [[f"店{i:03d}", 100 + i, 0.01 * (i % 7 - 3)] for i in range(40)]
    _, prs = build(tmp_path, SALES, rows=rows)
    assert len(prs.slides) >= 2
    for k, slide in enumerate(prs.slides):
        table = [s for s in slide.shapes if s.has_table][0]
        assert len(bars(group(prs, "Data bars 销售额", k))) == len(table.table.rows) - 1


def test_a_data_bar_on_a_text_column_is_a_located_error(tmp_path, capsys):
    path = spec(tmp_path, "[{name: 区域, data_bar: true}, {name: 销售额}]")
    assert cli.main(["build", str(path), "-o", str(tmp_path / "out.pptx")]) == 2
    err = capsys.readouterr().err
    assert "deck.yaml:" in err and "columns[0].data_bar" in err and "a data bar needs numbers" in err
    with pytest.raises(DataError):
        build_deck(path, output=tmp_path / "out.pptx")


def test_a_column_with_both_a_colour_scale_and_data_bars_is_a_located_error(tmp_path, capsys):
    path = spec(tmp_path, "[{name: 销售额, data_bar: true, colour_scale: true}]")
    assert cli.main(["build", str(path), "-o", str(tmp_path / "out.pptx")]) == 2
    err = capsys.readouterr().err
    assert "slides[0].table.columns[0]" in err and "either 'colour_scale' or 'data_bar'" in err


def test_a_bar_colour_must_be_a_theme_colour(tmp_path, capsys):
    path = spec(tmp_path, "[{name: 销售额, data_bar: {colour: red}}]")
    assert cli.main(["build", str(path), "-o", str(tmp_path / "out.pptx")]) == 2
    assert "columns[0].data_bar" in capsys.readouterr().err


def test_bar_colours_follow_the_theme(tmp_path):
    _, prs = build(tmp_path, "[{name: 区域}, {name: 销售额, data_bar: {colour: accent}}]")
    _, other = build(tmp_path, "[{name: 区域}, {name: 销售额, data_bar: {colour: primary}}]")
    assert fill(bars(group(prs, "Data bars 销售额"))[0]) != fill(bars(group(other, "Data bars 销售额"))[0])


# ------------------------------------------------------------------ numbers on the decimal point
def cell_texts(prs, column: int) -> list[str]:
    table = [s for s in prs.slides[0].shapes if s.has_table][0].table
    return [table.cell(i, column).text for i in range(1, len(table.rows))]


def test_numbers_are_right_aligned_with_equal_decimals(tmp_path):
    rows = [["华东", 1234.5, 0.2], ["华南", 88, -0.1], ["华北", 7.25, 0.05]]
    _, prs = build(tmp_path, "[{name: 区域}, {name: 销售额, format: 'num:2'}, {name: 同比, format: pct}]",
                   rows=rows)
    table = [s for s in prs.slides[0].shapes if s.has_table][0].table
    assert cell_texts(prs, 1) == ["1,234.50", "88.00", "7.25"]
    assert {len(t.rstrip("%").split(".")[1]) for t in cell_texts(prs, 2)} == {1}
    assert {table.cell(i, j).text_frame.paragraphs[0].alignment for i in range(1, 4) for j in (1, 2)} \
        == {PP_ALIGN.RIGHT}


def test_auto_format_takes_one_unit_for_the_whole_column(tmp_path):
    rows = [["华东", 123456789, 0.2], ["华南", 45678, -0.1], ["华北", 26000, 0.05]]
    _, prs = build(tmp_path, "[{name: 区域}, {name: 销售额, format: auto}]", rows=rows)
    assert [t.replace("\u2060", "").replace("\u00a0", "") for t in cell_texts(prs, 1)] == \
        ["12,345.7万", "4.6万", "2.6万"]  # the unit of the typical value, one decimal: aligned


@pytest.mark.parametrize("values, locale, expected", [
    ([1.5, 2.25, 3], "zh_CN", "num:2"),
    ([1, 2, 3], "zh_CN", "num:0"),
    ([12_000, 30_000, 9], "zh_CN", "wan"),
    ([3e8, 9, 12], "zh_CN", "num:0"),
    ([2e6, 3e6, 10], "en_US", "m"),
    ([0.5, -0.25], "zh_CN", "num:2"),
])
def test_one_unit_format_of_an_auto_column(values, locale, expected):
    assert one_unit_format("auto", values, locale) == expected
    assert one_unit_format("+auto", values, locale) == "+" + expected


def test_named_formats_are_kept_as_written():
    assert one_unit_format("wan", [1, 1e9], "zh_CN") == "wan"
    assert one_unit_format(None, [1.5], "zh_CN") is None
