"""deckbuilder.deck.fonts and deckbuilder.tools.lint: measured text, and each lint rule firing and not firing.

Decks are built here with python-pptx.  Chinese text is measured with the
installed CJK font (fonts-noto-cjk), whose Han characters are one em wide.
"""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from deckbuilder.deck import fonts
from deckbuilder.deck.fonts import find_font_file, measure_text, wrap_text
from deckbuilder.deck.oxml.accessibility import set_alt_text
from deckbuilder.errors import TemplateError
from deckbuilder.tools.lint import RULES, Finding, format_findings, lint_deck

PARA = "全年销售额突破十亿元，同比增长百分之二十三，其中美妆个护品类贡献最大，线上渠道占比首次超过六成。"
INSET_W = 14.4  # default left + right insets: 0.1" + 0.1"
INSET_H = 7.2  # default top + bottom insets: 0.05" + 0.05"
LINE = 1.2  # single line spacing / font size


# --------------------------------------------------------------------------- helpers


def new_deck() -> tuple:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    return prs, prs.slides.add_slide(prs.slide_layouts[6])  # Blank


BOX_LEFT = BOX_TOP = Pt(36)
BOX_WIDTH, BOX_HEIGHT = Pt(300), Pt(100)


def add_box(slide, text: str, *, left=BOX_LEFT, top=BOX_TOP, width=BOX_WIDTH, height=BOX_HEIGHT,
            size: float | None = 18, autofit=MSO_AUTO_SIZE.NONE, name: str | None = None):
    box = slide.shapes.add_textbox(left, top, width, height)
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = autofit
    run = frame.paragraphs[0].add_run()
    run.text = text
    if size is not None:
        run.font.size = Pt(size)
    return box


def lint(prs, tmp_path, rule: str | None = None) -> list[Finding]:
    path = tmp_path / "deck.pptx"
    prs.save(path)
    found = lint_deck(path)
    return [f for f in found if rule is None or f.rule == rule]


def set_body_autofit(shape, tag: str, **attrs: str) -> None:
    """Make ``a:<tag attrs>`` the only autofit setting of the shape's own bodyPr."""
    body = shape.text_frame._txBody.find(qn("a:bodyPr"))
    for child in list(body):
        body.remove(child)
    body.append(body.makeelement(qn(tag), attrs))


# --------------------------------------------------------------------------- fonts


def test_font_files_are_found_for_windows_names():
    face = find_font_file("微软雅黑", east_asian=True)
    assert face.path and face.index >= 0
    assert find_font_file("微软雅黑", east_asian=True) is face  # cached


def test_without_fontconfig_matplotlib_finds_the_fonts(monkeypatch):
    monkeypatch.setattr(fonts, "match_font", lambda pattern: None)
    fonts.forget_font_files()
    try:
        assert measure_text("中文", "Calibri", "微软雅黑", 18) == pytest.approx(36, abs=0.05)
        assert 0 < measure_text("Sales", "Calibri", "", 18) < 5 * 18
        assert fonts._measures.cache_info().currsize > 0  # measured with the fallback's files
    finally:
        fonts.forget_font_files()


def test_cjk_is_measured_with_the_east_asian_font_and_latin_is_narrower():
    assert measure_text("中", "Calibri", "微软雅黑", 18) == pytest.approx(18, abs=0.01)
    assert measure_text("一二三四", "Calibri", "微软雅黑", 18) == pytest.approx(72, abs=0.05)
    digits = measure_text("2026", "Calibri", "微软雅黑", 18)
    assert 0 < digits < 72 * 0.75
    assert measure_text("Revenue", "Calibri", "", 18, bold=True) > \
        measure_text("Revenue", "Calibri", "", 18)


def test_cjk_breaks_between_any_two_characters():
    text = "一二三四五六七八九十" * 3
    lines = wrap_text(text, 10.5 * 18, "Calibri", "微软雅黑", 18)
    assert lines == ["一二三四五六七八九十"] * 3


def test_latin_breaks_only_at_spaces():
    text = "The quick brown fox jumps over the lazy dog"
    lines = wrap_text(text, 100, "Calibri", "", 18)
    assert len(lines) > 2 and "".join(lines) == text
    assert all(line.endswith(" ") for line in lines[:-1])
    assert all(measure_text(line.rstrip(), "Calibri", "", 18) <= 100 for line in lines)


def test_closing_punctuation_never_starts_a_line():
    text = "一二三四五六七八九十）甲乙丙"
    lines = wrap_text(text, 10.2 * 20, "", "", 20)
    assert lines == ["一二三四五六七八九", "十）甲乙丙"]


def test_comma_may_hang_past_the_margin_unless_switched_off():
    text = "一二三四五六七八九十，甲乙丙"
    assert wrap_text(text, 10.2 * 20, "", "", 20) == ["一二三四五六七八九十，", "甲乙丙"]
    assert wrap_text(text, 10.2 * 20, "", "", 20, hanging_punctuation=False) == \
        ["一二三四五六七八九", "十，甲乙丙"]


def test_long_words_and_hard_breaks():
    assert len(wrap_text("Supercalifragilisticexpialidocious", 60, "Calibri", "", 18)) > 2
    assert wrap_text("第一行\v第二行", 500, "", "", 18) == ["第一行", "第二行"]
    assert wrap_text("", 500, "", "", 18) == [""]


def test_a_paragraph_may_start_with_a_line_break():
    assert wrap_text("\v第二行", 500, "", "", 18) == ["", "第二行"]
    assert wrap_text("\v\v", 500, "", "", 18) == ["", "", ""]


def test_an_empty_first_line_counts_in_the_height(tmp_path):
    # PowerPoint writes <a:br/> first in a paragraph that starts with Shift+Enter
    prs, slide = new_deck()
    box = add_box(slide, "", height=Pt(18 * LINE + INSET_H + 2))  # room for one line
    paragraph = box.text_frame.paragraphs[0]
    paragraph.clear()
    paragraph.add_line_break()
    run = paragraph.add_run()
    run.text, run.font.size = "第二行", Pt(18)
    assert paragraph._p[0].tag == qn("a:br")
    (finding,) = lint(prs, tmp_path, "text-overflow")
    assert "for 2 line(s)" in finding.message


# --------------------------------------------------------------------------- text-overflow


def test_chinese_paragraph_that_fits_is_not_flagged(tmp_path):
    prs, slide = new_deck()
    add_box(slide, PARA, width=Inches(5), height=Inches(1.6))  # 3 lines in room for 5
    assert lint(prs, tmp_path) == []


def test_chinese_paragraph_that_overflows_is_an_error(tmp_path):
    prs, slide = new_deck()
    add_box(slide, PARA * 3, width=Inches(5), height=Inches(1.6), name="说明文字")
    (finding,) = lint(prs, tmp_path)
    assert (finding.slide, finding.shape, finding.rule, finding.severity) == \
        (1, "说明文字", "text-overflow", "error")
    assert "line(s) but the box has 108.0 pt" in finding.message


def test_text_that_only_runs_into_the_insets_is_a_warning(tmp_path):
    prs, slide = new_deck()
    box = add_box(slide, "全年业绩概览", size=26, height=Pt(52))  # 31.2 pt line, 52 pt shape
    box.text_frame.margin_top = box.text_frame.margin_bottom = Pt(13)  # leaves 26 pt inside
    (finding,) = lint(prs, tmp_path)
    assert finding.severity == "warning" and "stays inside the shape" in finding.message
    box.height = Pt(30)
    box.text_frame.margin_top = box.text_frame.margin_bottom = Pt(2)
    assert lint(prs, tmp_path)[0].severity == "error"  # past the shape's own edge


def test_overflow_boundary_follows_the_measured_line_count(tmp_path):
    lines = wrap_text(PARA * 2, 300 - INSET_W, "Calibri", "", 18)
    exact = len(lines) * LINE * 18 + INSET_H
    prs, slide = new_deck()
    add_box(slide, PARA * 2, height=Pt(exact), name="刚好")
    add_box(slide, PARA * 2, left=Pt(400), height=Pt(exact - LINE * 18), name="少一行")
    assert [f.shape for f in lint(prs, tmp_path, "text-overflow")] == ["少一行"]


def test_text_is_measured_not_counted(tmp_path):
    mixed = "2026年GMV达12.5亿元，ROI为3.2"  # 23 characters, 17 of them narrow Latin
    han = "二零二六年商品交易总额达到十二点五亿元整"  # 20 Han characters
    width = measure_text(mixed, "Calibri", "", 18) + INSET_W + 4
    assert len(han) * 18 > width - INSET_W  # counting would say both need two lines
    prs, slide = new_deck()
    one_line = Pt(LINE * 18 + INSET_H + 0.5)
    add_box(slide, mixed, width=Pt(width), height=one_line, name="mixed")
    add_box(slide, han, top=Pt(200), width=Pt(width), height=one_line, name="han")
    assert [f.shape for f in lint(prs, tmp_path, "text-overflow")] == ["han"]


def test_explicit_line_spacing_is_honoured(tmp_path):
    prs, slide = new_deck()
    box = add_box(slide, PARA, width=Inches(5), height=Pt(4 * LINE * 18 + INSET_H))  # 3 lines
    assert lint(prs, tmp_path) == []
    box.text_frame.paragraphs[0].line_spacing = 1.5  # 3 x 1.5 lines > 4
    assert [f.rule for f in lint(prs, tmp_path)] == ["text-overflow"]
    box.text_frame.paragraphs[0].line_spacing = Pt(20)  # exact 20 pt lines: 60 pt fits
    assert lint(prs, tmp_path) == []


def _content_slide(prs, paragraphs: list[str]):
    slide = prs.slides.add_slide(prs.slide_layouts[1])  # Title and Content
    slide.shapes.title.text = "下一步工作计划"
    body = slide.placeholders[1]
    body.text_frame.text = paragraphs[0]
    for text in paragraphs[1:]:
        body.text_frame.add_paragraph().text = text
    return body


POINTS = ["扩大直播电商投入，重点布局美妆个护与食品饮料两大品类"] * 6


def test_placeholder_size_is_inherited_from_the_master(tmp_path):
    prs = Presentation()  # body text is 32 pt in the master: 6 x 2 lines do not fit
    body = _content_slide(prs, POINTS)
    set_body_autofit(body, "a:noAutofit")
    (finding,) = lint(prs, tmp_path)
    assert (finding.shape, finding.rule, finding.severity) == \
        ("Content Placeholder 2", "text-overflow", "error")
    for paragraph in body.text_frame.paragraphs:  # at 18 pt every point is one line
        paragraph.runs[0].font.size = Pt(18)
    assert lint(prs, tmp_path) == []


def test_shrink_on_overflow_is_a_warning_with_the_needed_scale(tmp_path):
    prs = Presentation()
    body = _content_slide(prs, POINTS)  # normAutofit inherited from the master
    (finding,) = lint(prs, tmp_path)
    assert (finding.rule, finding.severity) == ("text-overflow", "warning")
    assert "shrink-on-overflow is on: it needs about" in finding.message
    set_body_autofit(body, "a:normAutofit", fontScale="55000", lnSpcReduction="20000")
    assert lint(prs, tmp_path) == []  # the stored scale makes it fit (and 17.6 pt is not small)


def test_resize_shape_to_fit_is_a_warning(tmp_path):
    prs, slide = new_deck()
    add_box(slide, PARA * 3, width=Inches(5), height=Inches(1.6),
            autofit=MSO_AUTO_SIZE.SHAPE_TO_FIT_TEXT)
    (finding,) = lint(prs, tmp_path)
    assert finding.severity == "warning" and "grows" in finding.message


def test_unwrapped_line_wider_than_its_box(tmp_path):
    prs, slide = new_deck()
    box = add_box(slide, "销售额同比增长百分之二十三", width=Pt(150), height=Pt(40))
    box.text_frame.word_wrap = False
    (finding,) = lint(prs, tmp_path)
    assert "wrapping is off" in finding.message
    box.text_frame.paragraphs[0].runs[0].text = "同比增长"
    assert lint(prs, tmp_path) == []


def test_table_rows_that_must_grow(tmp_path):
    prs, slide = new_deck()
    frame = slide.shapes.add_table(2, 2, Inches(1), Inches(1), Inches(6), Inches(0.8))
    set_alt_text(frame, "表格：品类说明，1 行 2 列")
    table = frame.table
    for row in table.rows:
        row.height = Inches(0.4)
    for (r, c), text in {(0, 0): "品类", (0, 1): "说明", (1, 0): "美妆个护", (1, 1): "增长"}.items():
        table.cell(r, c).text = text
    assert lint(prs, tmp_path) == []
    table.cell(1, 1).text = PARA
    (finding,) = lint(prs, tmp_path)
    assert (finding.shape, finding.rule, finding.severity) == (frame.name, "text-overflow",
                                                              "warning")
    assert "row(s) 2" in finding.message


# --------------------------------------------------------------------------- off-slide


def test_shape_past_the_right_edge_is_off_slide(tmp_path):
    prs, slide = new_deck()
    rect = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, prs.slide_width - Inches(1), Inches(1),
                                  Inches(2), Inches(1))
    (finding,) = lint(prs, tmp_path)
    assert (finding.shape, finding.rule, finding.severity) == (rect.name, "off-slide", "error")
    assert "right by 2.54 cm" in finding.message


def test_shapes_inside_or_touching_the_edges_are_on_the_slide(tmp_path):
    prs, slide = new_deck()
    slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, prs.slide_height)
    slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(1), Inches(1), Inches(2), Inches(1))
    assert lint(prs, tmp_path, "off-slide") == []


# --------------------------------------------------------------------------- overlap


def test_text_boxes_that_intersect_overlap(tmp_path):
    prs, slide = new_deck()
    add_box(slide, "销售额", left=Inches(1), top=Inches(1), width=Inches(3), height=Inches(1),
            name="甲")
    add_box(slide, "增长率", left=Inches(3), top=Inches(1.5), width=Inches(3), height=Inches(1),
            name="乙")
    (finding,) = lint(prs, tmp_path)
    assert (finding.shape, finding.rule, finding.severity) == ("乙", "overlap", "warning")
    assert "'甲'" in finding.message and "2.54 x 1.27 cm" in finding.message


def _card(slide):
    card = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(1), Inches(1), Inches(5),
                                  Inches(4))
    card.name = "卡片"
    return card


def test_label_and_chart_inside_a_card_do_not_overlap(tmp_path):
    prs, slide = new_deck()
    _card(slide)
    add_box(slide, "各季度销售额", left=Inches(1.2), top=Inches(1.1), width=Inches(4),
            height=Inches(0.5))
    data = CategoryChartData()
    data.categories = ["一季度", "二季度"]
    data.add_series("销售额", (1.0, 2.0))
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1.2), Inches(1.8), Inches(4.6),
                           Inches(3), data)
    assert lint(prs, tmp_path, "overlap") == []


def test_label_sticking_out_of_its_card_overlaps(tmp_path):
    prs, slide = new_deck()
    _card(slide)
    add_box(slide, "各季度销售额", left=Inches(4), top=Inches(1.1), width=Inches(4),
            height=Inches(0.5), name="标签")
    assert [(f.shape, f.rule) for f in lint(prs, tmp_path)] == [("标签", "overlap")]


def test_decorations_and_layout_shapes_do_not_count(tmp_path):
    prs, slide = new_deck()
    slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(1), Inches(1), Inches(3), Inches(1))
    slide.shapes.add_shape(MSO_SHAPE.OVAL, Inches(3), Inches(1.5), Inches(3), Inches(1))
    footer = prs.slide_layouts[6].placeholders[1]  # on the layout, not on the slide
    add_box(slide, "页脚说明", left=footer.left, top=footer.top, width=footer.width,
            height=footer.height)
    titled = prs.slides.add_slide(prs.slide_layouts[5])  # title placeholder left empty
    title = titled.shapes.title
    add_box(titled, "正文", left=title.left, top=title.top, width=title.width, height=title.height)
    assert lint(prs, tmp_path) == []


# --------------------------------------------------------------------------- small-text


def test_text_under_12_pt_is_small(tmp_path):
    prs, slide = new_deck()
    add_box(slide, "数据来源：公司财务部", size=10, name="脚注")
    add_box(slide, "正文", top=Inches(3), size=12)
    (finding,) = lint(prs, tmp_path)
    assert (finding.shape, finding.rule, finding.severity) == ("脚注", "small-text", "warning")
    assert "10 pt" in finding.message


def test_chart_text_counts_only_where_the_chart_sets_a_size(tmp_path):
    prs, slide = new_deck()
    data = CategoryChartData()
    data.categories = ["一季度", "二季度"]
    data.add_series("销售额", (1.0, 2.0))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1),
                                   Inches(5), Inches(3), data).chart
    assert lint(prs, tmp_path, "small-text") == []
    chart.font.size = Pt(9)
    (finding,) = lint(prs, tmp_path, "small-text")
    assert finding.rule == "small-text"
    assert finding.message == "chart text at 9 pt is smaller than 12 pt"


def test_autofit_scale_makes_text_small(tmp_path):
    prs, slide = new_deck()
    box = add_box(slide, "正文", size=20)
    set_body_autofit(box, "a:normAutofit", fontScale="50000")
    (finding,) = lint(prs, tmp_path)
    assert (finding.rule, "10 pt" in finding.message) == ("small-text", True)


# --------------------------------------------------------------------------- API


def test_rules_can_be_selected_and_findings_formatted(tmp_path):
    prs, slide = new_deck()
    add_box(slide, "脚注", size=9, left=prs.slide_width - Inches(0.5))
    path = tmp_path / "deck.pptx"
    prs.save(path)
    assert {f.rule for f in lint_deck(path)} == {"small-text", "off-slide"}
    assert [f.rule for f in lint_deck(path, rules=["off-slide"])] == ["off-slide"]
    assert lint_deck(path, min_font_pt=8) == lint_deck(path, rules=["off-slide"])
    with pytest.raises(ValueError, match="overlap"):
        lint_deck(path, rules=["colour"])
    text = format_findings(lint_deck(path))
    assert text.splitlines()[-1] == "2 problem(s): 1 error(s), 1 warning(s)"
    assert "slide 1: TextBox 1: error: extends past the slide's right" in text
    assert format_findings([]) == "no problems found\n"
    assert set(RULES) == {"text-overflow", "off-slide", "overlap", "small-text", "number-unit-break",
                          "raw-template", "axis-not-zero", "highlight-unexplained", "mixed-precision",
                          "missing-alt-text"}
    assert lint_deck(path)[0].to_dict()["slide"] == 1


def test_missing_deck_is_a_template_error(tmp_path):
    with pytest.raises(TemplateError, match="file not found"):
        lint_deck(tmp_path / "nope.pptx")
