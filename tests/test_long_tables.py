"""Long tables continue on following slides; cells coloured by their data; totals rows."""

from __future__ import annotations

import textwrap

import pytest
from openxml_audit import validate_pptx
from pptx import Presentation

from deckbuilder import cli
from deckbuilder.deck.keep_together import visible_text
from deckbuilder.limits import MAX_TABLE_CONTINUATIONS
from deckbuilder.tools.lint import lint_presentation

ROWS_120 = "\n".join(f"          - [门店{i:03d}, {1000 * (i + 1)}, {i / 100:.2f}]" for i in range(120))


def spec_file(tmp_path, table: str, *, rows: str = ROWS_120, locale: str = "zh_CN", title: str = "门店明细",
              extra: str = "") -> str:
    path = tmp_path / "spec.yaml"
    path.write_text(textwrap.dedent("""\
        deck: {title: 表格, locale: %s}
        slides:
          - kind: table
            title: %s
            commentary: 全部门店。
            table:
              data:
                columns: [门店, 销售额, 达成率]
                rows:
        """) % (locale, title) + rows + "\n" + textwrap.indent(textwrap.dedent(table), "      ") + extra,
        encoding="utf-8")
    return str(path)


def built(tmp_path, table: str = "", **kw):
    out = tmp_path / "out.pptx"
    assert cli.main(["build", spec_file(tmp_path, table, **kw), "-o", str(out)]) == 0
    return out, Presentation(str(out))


def tables(prs) -> list:
    return [shape.table for slide in prs.slides for shape in slide.shapes if shape.has_table]


def rows_text(table) -> list[list[str]]:
    return [[visible_text(cell.text) for cell in row.cells] for row in table.rows]


def titles(prs) -> list[str]:
    return [visible_text(slide.shapes.title.text) for slide in prs.slides]


# --------------------------------------------------------------------------- continuation
def test_a_120_row_table_continues_on_following_slides_with_the_header_repeated(tmp_path):
    out, prs = built(tmp_path)
    parts = tables(prs)
    assert len(parts) > 2
    assert all(rows_text(t)[0] == ["门店", "销售额", "达成率"] for t in parts)
    body = [row[0] for t in parts for row in rows_text(t)[1:]]
    assert body == [f"门店{i:03d}" for i in range(120)]  # every row, in order, once


def test_continuation_slides_are_titled_continued_and_carry_no_commentary(tmp_path):
    _, prs = built(tmp_path)
    assert titles(prs)[0] == "门店明细"
    assert titles(prs)[1:] == ["门店明细（续）"] * (len(prs.slides) - 1)
    texts = ["".join(visible_text(s.text_frame.text) for s in slide.shapes if s.has_text_frame) for slide in prs.slides]
    assert "全部门店" in texts[0] and not any("全部门店" in t for t in texts[1:])


def test_an_english_deck_marks_continued_slides_cont(tmp_path):
    _, prs = built(tmp_path, locale="en_US", title="Stores")
    assert titles(prs)[1] == "Stores (cont.)"


def test_every_part_fits_its_slide_and_the_deck_lints_and_audits_clean(tmp_path):
    out, prs = built(tmp_path)
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_table:
                rows = sum(row.height for row in shape.table.rows)
                assert shape.top + rows <= prs.slide_height
    assert lint_presentation(prs) == []
    assert [str(e) for e in getattr(validate_pptx(str(out)), "errors", [])] == []


def test_continuation_slides_are_full(tmp_path):
    _, prs = built(tmp_path)
    parts = tables(prs)
    middle = parts[1:-1]
    assert middle and len({len(t.rows) for t in middle}) == 1  # same height of box, same number of rows
    assert len(parts[0].rows) < len(middle[0].rows)  # the first slide also holds the commentary


def test_max_rows_shows_at_most_that_many_rows_in_total(tmp_path):
    _, prs = built(tmp_path, "max_rows: 5\n")
    assert len(prs.slides) == 1
    assert [row[0] for row in rows_text(tables(prs)[0])[1:]] == [f"门店{i:03d}" for i in range(5)]


def test_a_table_that_fits_stays_on_one_slide(tmp_path):
    _, prs = built(tmp_path, rows="          - [a, 1, 0.5]\n          - [b, 2, 0.7]")
    assert len(prs.slides) == 1 and titles(prs) == ["门店明细"]


NEXT_SLIDE = "  - kind: table\n    title: 后一页\n    table: {data: {columns: [a], rows: [[1]]}}\n"


def test_continuation_slides_are_numbered_in_the_deck(tmp_path):
    _, prs = built(tmp_path, extra=NEXT_SLIDE)
    assert titles(prs)[-1] == "后一页"
    assert len(prs.slides) == len(tables(prs)) > 2
    last = [visible_text(s.text_frame.text) for s in prs.slides[-1].shapes if s.has_text_frame]
    assert str(len(prs.slides)) in last  # the page frame's number counts the continuation slides


def test_a_table_beyond_the_continuation_limit_is_a_located_error(tmp_path, capsys):
    rows = "\n".join(f"          - [门店{i}, {i}, 0.5]" for i in range(16 * (MAX_TABLE_CONTINUATIONS + 2)))
    assert cli.main(["build", spec_file(tmp_path, "", rows=rows), "-o", str(tmp_path / "o.pptx")]) == 2
    err = capsys.readouterr().err
    assert "spec.yaml:7:7: slides[0].table: table too long" in err
    assert f"at most {MAX_TABLE_CONTINUATIONS} continuation slides" in err and "max_rows" in err
    assert "Traceback" not in err


# --------------------------------------------------------------------------- widths
@pytest.mark.parametrize("n_rows", [120, 480])
def test_a_long_table_measures_each_row_about_once_whatever_its_length(tmp_path, monkeypatch, n_rows):
    """Each continuation slide measures only the rows it may show, and the column widths are
    measured once for the whole table: the cost grows with the rows, not with rows x slides."""
    from deckbuilder.render import table_layout

    calls = {"rows": 0, "texts": 0}
    row_height, measure_text = table_layout._row_height, table_layout.measure_text

    def counted_row(*args, **kwargs):
        calls["rows"] += 1
        return row_height(*args, **kwargs)

    def counted_text(*args, **kwargs):
        calls["texts"] += 1
        return measure_text(*args, **kwargs)

    monkeypatch.setattr(table_layout, "_row_height", counted_row)
    monkeypatch.setattr(table_layout, "measure_text", counted_text)
    rows = "\n".join(f"          - [门店{i:03d}, {1000 * (i + 1)}, {i / 100:.2f}]" for i in range(n_rows))
    _, prs = built(tmp_path, rows=rows)
    slides = len(prs.slides)
    assert slides > n_rows // 20
    assert calls["rows"] <= n_rows + 3 * slides  # each row once, plus a header and the row that overflows
    assert calls["texts"] <= 2 * 3 * (n_rows + 1)  # three columns, at both sizes tried, once for the whole table


def test_column_widths_follow_the_widest_text(tmp_path):
    rows = "          - [一个名字很长很长很长很长的门店, 1, 0.5]\n          - [b, 2, 0.7]"
    _, prs = built(tmp_path, rows=rows)
    widths = [c.width for c in tables(prs)[0].columns]
    assert widths[0] > 2 * widths[1]


def test_an_explicit_width_is_a_share_of_the_weights(tmp_path):
    table = """\
        columns:
          - {name: 门店, width: 2}
          - {name: 销售额}
          - {name: 达成率}
        """
    out, prs = built(tmp_path, table, rows="          - [a, 1, 0.5]")
    widths = [c.width for c in tables(prs)[0].columns]
    assert widths[0] == pytest.approx(sum(widths) / 2, abs=2)


# --------------------------------------------------------------------------- formatting by data
def cell_fill(cell) -> str:
    return str(cell.fill.fore_color.rgb)


def cell_run(cell):
    return cell.text_frame.paragraphs[0].runs[0]


ROWS_3 = "          - [a, 100, 0.5]\n          - [b, 200, 0.95]\n          - [c, 300, 1.2]"


def test_thresholds_colour_the_text_of_values_past_them(tmp_path):
    table = """\
        columns:
          - {name: 门店}
          - {name: 销售额}
          - name: 达成率
            format: pct
            thresholds: [{above: 1.0, colour: positive, bold: true}, {below: 0.6, colour: negative}]
        """
    _, prs = built(tmp_path, table, rows=ROWS_3)
    grid = tables(prs)[0]
    low, mid, high = (cell_run(grid.cell(i, 2)) for i in (1, 2, 3))
    assert str(low.font.color.rgb) == "2E7D32" and not low.font.bold
    assert str(mid.font.color.rgb) == "262626"
    assert str(high.font.color.rgb) == "C62828" and high.font.bold


def test_a_threshold_needs_exactly_one_bound(tmp_path, capsys):
    table = "columns: [{name: 达成率, thresholds: [{colour: positive}]}]\n"
    assert cli.main(["validate", spec_file(tmp_path, table, rows=ROWS_3)]) == 2
    err = capsys.readouterr().err
    assert "slides[0].table.columns[0].thresholds[0]" in err and "exactly one of 'above' or 'below'" in err


def test_a_threshold_colour_must_be_a_theme_colour(tmp_path, capsys):
    table = "columns: [{name: 达成率, thresholds: [{above: 1, colour: red}]}]\n"
    assert cli.main(["validate", spec_file(tmp_path, table, rows=ROWS_3)]) == 2
    assert "slides[0].table.columns[0].thresholds[0].colour" in capsys.readouterr().err


def test_a_colour_scale_fills_cells_from_low_to_high_over_the_column(tmp_path):
    table = "columns: [{name: 门店}, {name: 销售额, colour_scale: true}]\n"
    _, prs = built(tmp_path, table, rows=ROWS_3)
    grid = tables(prs)[0]
    assert [cell_fill(grid.cell(i, 1)) for i in (1, 2, 3)] == ["FFFFFF", "96BADA", "2E75B6"]
    assert str(cell_run(grid.cell(3, 1)).font.color.rgb) == "FFFFFF"  # light text on the dark end


def test_a_three_colour_scale_passes_through_its_mid_colour(tmp_path):
    table = "columns: [{name: 门店}, {name: 销售额, colour_scale: {low: negative, mid: background, high: positive}}]\n"
    _, prs = built(tmp_path, table, rows=ROWS_3)
    grid = tables(prs)[0]
    assert [cell_fill(grid.cell(i, 1)) for i in (1, 2, 3)] == ["2E7D32", "FFFFFF", "C62828"]


def test_totals_sum_adds_a_bold_row_summing_amounts_not_rates(tmp_path):
    table = "columns: [{name: 门店}, {name: 销售额, format: num}, {name: 达成率, format: pct}]\ntotals: sum\n"
    _, prs = built(tmp_path, table, rows=ROWS_3)
    grid = tables(prs)[0]
    assert rows_text(grid)[-1] == ["合计", "600", ""]
    assert cell_run(grid.cell(4, 1)).font.bold and not cell_run(grid.cell(3, 1)).font.bold


def test_a_column_may_be_left_out_of_the_totals(tmp_path):
    table = "columns: [{name: 门店}, {name: 销售额, total: false}, {name: 达成率, format: pct}]\ntotals: sum\n"
    _, prs = built(tmp_path, table, rows=ROWS_3)
    assert rows_text(tables(prs)[0])[-1] == ["合计", "", ""]


def test_total_row_draws_the_datas_last_row_bold(tmp_path):
    _, prs = built(tmp_path, "total_row: true\n", rows=ROWS_3)
    grid = tables(prs)[0]
    assert cell_run(grid.cell(3, 0)).font.bold and not cell_run(grid.cell(2, 0)).font.bold


def test_the_totals_row_of_a_long_table_is_on_its_last_slide(tmp_path):
    _, prs = built(tmp_path, "totals: sum\n")
    parts = tables(prs)
    assert rows_text(parts[-1])[-1][0] == "合计"
    assert not any(row[0] == "合计" for t in parts[:-1] for row in rows_text(t))


def test_unknown_totals_is_located(tmp_path, capsys):
    assert cli.main(["validate", spec_file(tmp_path, "totals: mean\n", rows=ROWS_3)]) == 2
    assert "slides[0].table.totals" in capsys.readouterr().err




def test_a_continuation_slide_never_holds_fewer_than_three_rows(tmp_path):
    for n in range(10, 20):
        rows = "\n".join(f"          - [门店{i:03d}, {i}, 0.5]" for i in range(n))
        _, prs = built(tmp_path, "totals: sum\n", rows=rows)
        parts = tables(prs)
        assert len(parts) == 1 or len(parts[-1].rows) - 1 >= 3, n
