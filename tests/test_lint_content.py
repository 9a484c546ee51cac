"""The lint rules on what a slide says: number-unit-break, raw-template, axis-not-zero,
highlight-unexplained.  One firing and one clean case each; decks are built with python-pptx."""

from __future__ import annotations

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches, Pt

from deckbuilder.deck.fonts import measure_text
from deckbuilder.deck.keep_together import keep_together
from deckbuilder.deck.text_style import Fonts, TextStyle, write_text
from deckbuilder.tools.lint import Finding, lint_deck

FONTS = Fonts("Noto Sans", "Noto Sans CJK SC")
INSETS_PT = 14.4  # a text box's default left + right insets


def new_deck():
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    return prs, prs.slides.add_slide(prs.slide_layouts[6])


def lint(prs, tmp_path, rule: str) -> list[Finding]:
    prs.save(tmp_path / "deck.pptx")
    return [f for f in lint_deck(tmp_path / "deck.pptx") if f.rule == rule]


def text_box(slide, text: str, width_pt: float, *, glue: bool):
    """A 20 pt text box *width_pt* wide (inside its insets), text written raw or glued."""
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Pt(width_pt + INSETS_PT), Inches(2))
    box.name = "正文"
    box.text_frame.word_wrap = True
    run = box.text_frame.paragraphs[0].add_run()
    run.text = keep_together(text) if glue else text
    run.font.size = Pt(20)
    return box


# --------------------------------------------------------------------------- number-unit-break

SPLIT_TEXT = "全年销售额达到2.22亿元"
SPLIT_WIDTH = measure_text("全年销售额达到2.22", "Calibri", "Noto Sans CJK SC", 20) + 1


def test_a_number_split_from_its_unit_at_a_line_break(tmp_path):
    prs, slide = new_deck()
    text_box(slide, SPLIT_TEXT, SPLIT_WIDTH, glue=False)
    (finding,) = lint(prs, tmp_path, "number-unit-break")
    assert finding.shape == "正文"
    assert "'2.22|亿元'" in finding.message


def test_a_number_split_after_a_hard_line_break_in_its_paragraph(tmp_path):
    prs, slide = new_deck()
    paragraph = text_box(slide, "", SPLIT_WIDTH, glue=False).text_frame.paragraphs[0]
    paragraph.text = "第一行\v" + SPLIT_TEXT  # <a:br/> between the two lines
    for run in paragraph.runs:
        run.font.size = Pt(20)
    (finding,) = lint(prs, tmp_path, "number-unit-break")
    assert "'2.22|亿元'" in finding.message


def test_a_number_glued_to_its_unit_is_not_split(tmp_path):
    prs, slide = new_deck()
    text_box(slide, SPLIT_TEXT, SPLIT_WIDTH, glue=True)
    assert lint(prs, tmp_path, "number-unit-break") == []


def test_text_written_by_the_renderers_keeps_numbers_together(tmp_path):
    prs, slide = new_deck()
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Pt(SPLIT_WIDTH + INSETS_PT), Inches(2))
    box.text_frame.word_wrap = True
    write_text(box.text_frame, [SPLIT_TEXT], FONTS, TextStyle(size=20))
    assert lint(prs, tmp_path, "number-unit-break") == []


# --------------------------------------------------------------------------- raw-template


def test_template_braces_left_in_text_are_an_error(tmp_path):
    prs, slide = new_deck()
    text_box(slide, "销售额 {{ sales_2025 | yi }}", 400, glue=False)
    (finding,) = lint(prs, tmp_path, "raw-template")
    assert (finding.shape, finding.severity) == ("正文", "error")
    assert "{{ sales_2025 | yi }}" in finding.message


def test_template_syntax_in_a_table_cell_and_a_chart_category(tmp_path):
    prs, slide = new_deck()
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(1), Inches(4), Inches(1)).table
    table.cell(0, 0).text = "{% if x %}年份"
    data = CategoryChartData()
    data.categories = ["{{ year }}", "2025"]
    data.add_series("销售额", (1.0, 2.0))
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(6), Inches(1), Inches(5), Inches(4), data)
    assert len(lint(prs, tmp_path, "raw-template")) == 2


def test_braces_that_are_not_template_syntax_are_fine(tmp_path):
    prs, slide = new_deck()
    text_box(slide, "集合 {a, b} 与 JSON {\"k\": 1}", 400, glue=False)
    assert lint(prs, tmp_path, "raw-template") == []


# --------------------------------------------------------------------------- axis-not-zero


def column_chart(slide, values=(0.96, 1.12), *, minimum: float | None = None, chart_type=None):
    data = CategoryChartData()
    data.categories = [f"品类{i}" for i in range(len(values))]
    data.add_series("达成率", values)
    chart = slide.shapes.add_chart(chart_type or XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1),
                                   Inches(6), Inches(4), data).chart
    if minimum is not None:
        chart.value_axis.minimum_scale = minimum
    return chart


def test_a_column_axis_starting_above_zero(tmp_path):
    prs, slide = new_deck()
    column_chart(slide, minimum=0.85)
    (finding,) = lint(prs, tmp_path, "axis-not-zero")
    assert "starts at 0.85, not zero" in finding.message


def test_a_bar_axis_without_a_minimum_is_left_to_powerpoint(tmp_path):
    prs, slide = new_deck()
    column_chart(slide, chart_type=XL_CHART_TYPE.BAR_CLUSTERED)
    (finding,) = lint(prs, tmp_path, "axis-not-zero")
    assert "no minimum" in finding.message


def test_axes_from_zero_negative_values_and_line_charts_are_fine(tmp_path):
    prs, slide = new_deck()
    column_chart(slide, minimum=0)
    column_chart(slide, values=(-0.2, 0.3))
    column_chart(slide, minimum=0.85, chart_type=XL_CHART_TYPE.LINE)
    assert lint(prs, tmp_path, "axis-not-zero") == []


# --------------------------------------------------------------------------- highlight-unexplained

ACCENT = "F4B183"


def highlighted_chart(slide):
    chart = column_chart(slide, values=(0.41, 0.44, 0.3), minimum=0)
    series = chart.plots[0].series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = RGBColor.from_string("4472C4")
    point = series.points[1]
    point.format.fill.solid()
    point.format.fill.fore_color.rgb = RGBColor.from_string(ACCENT)
    return chart


def test_a_highlighted_bar_with_nothing_saying_why(tmp_path):
    prs, slide = new_deck()
    highlighted_chart(slide)
    (finding,) = lint(prs, tmp_path, "highlight-unexplained")
    assert f"#{ACCENT}" in finding.message


def test_a_highlight_with_a_key_in_its_colour_is_explained(tmp_path):
    prs, slide = new_deck()
    highlighted_chart(slide)
    swatch = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(8), Inches(1), Pt(10), Pt(10))
    swatch.fill.solid()
    swatch.fill.fore_color.rgb = RGBColor.from_string(ACCENT)
    text_box(slide, "大促月份", 100, glue=False)
    assert lint(prs, tmp_path, "highlight-unexplained") == []


def test_a_note_written_in_the_highlight_colour_explains_it(tmp_path):
    prs, slide = new_deck()
    highlighted_chart(slide)
    note = text_box(slide, "橙色：高于平均", 200, glue=False)
    note.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor.from_string(ACCENT)
    assert lint(prs, tmp_path, "highlight-unexplained") == []


def test_a_chart_without_point_colours_needs_no_key(tmp_path):
    prs, slide = new_deck()
    column_chart(slide, minimum=0)
    assert lint(prs, tmp_path, "highlight-unexplained") == []


# --------------------------------------------------------------------------- kept per pass, not longer


def test_a_second_lint_pass_sees_the_deck_as_changed_since_the_first():
    from deckbuilder.tools.lint import lint_presentation

    prs, slide = new_deck()
    box = text_box(slide, "全年销售额达到2.22亿元", 400, glue=False)
    assert [f.rule for f in lint_presentation(prs)] == []
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(8)  # the same shape and paragraph, now too small
    assert [f.rule for f in lint_presentation(prs)] == ["small-text"]
