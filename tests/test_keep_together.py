"""deckbuilder.deck.keep_together and the wrapping that uses it: a number never parts from its
sign or unit at a line break, and a paragraph never ends on one lone Chinese character.

Widths are chosen so the break would otherwise fall inside the protected text; Han characters
are one em wide in the installed CJK font.
"""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.util import Inches

from deckbuilder.deck import fonts
from deckbuilder.deck.fonts import RunFont, StyledText, measure_text, wrap_runs
from deckbuilder.deck.keep_together import (
    NO_BREAK_SPACE,
    WORD_JOINER,
    keep_together,
    number_unit_spans,
    tail_span,
    visible_text,
)
from deckbuilder.deck.text_style import Fonts, write_text

LATIN, EA = "Noto Sans", "Noto Sans CJK SC"


def wrap(text: str, width: float, *, keep: bool = True) -> list[str]:
    """*text* wrapped at 10 pt to *width* pt, with or without keeping numbers together."""
    style = RunFont(Fonts(LATIN, EA), 10.0)
    return [line.text for line in wrap_runs([StyledText(text, style)], width, keep_together=keep)]


def just_wider_than(text: str) -> float:
    """A line width (pt) that *text* at 10 pt just fits."""
    return measure_text(text, LATIN, EA, 10) + 0.5


@pytest.mark.parametrize("text, spans", [
    ("销售额2.22亿", ["2.22亿"]),
    ("人均 48 小时", ["48 小时"]),
    ("同比+3.2%", ["+3.2%"]),
    ("ROI 1:4.7", ["1:4.7"]),
    ("转化率提升0.3pp", ["0.3pp"]),
    ("¥1.35亿元与12.3M", ["¥1.35亿元", "12.3M"]),
    ("2025年12月", ["2025年", "12月"]),
    ("同比 -3.2%", ["-3.2%"]),
    ("核销率 17%-22%", ["17%", "22%"]),  # the hyphen of a range is no sign
])
def test_number_unit_spans(text, spans):
    assert [text[a:b] for a, b in number_unit_spans(text)] == spans


def test_bare_numbers_and_latin_words_are_not_spans():
    assert number_unit_spans("Q3 2025 增长") == []


def test_the_last_two_chinese_characters_are_a_span_before_closing_punctuation():
    assert tail_span("美妆个护贡献最大。") == (6, 8)
    assert tail_span("GMV") is None
    assert tail_span("大") is None


def test_wrapping_keeps_a_number_with_its_chinese_unit():
    width = just_wider_than("增长达到2.22")  # a plain break would split 2.22|亿
    assert wrap("增长达到2.22亿元", width, keep=False) == ["增长达到2.22", "亿元"]
    assert wrap("增长达到2.22亿元", width) == ["增长达到", "2.22亿元"]


def test_wrapping_keeps_hours_with_the_number_across_a_space():
    width = just_wider_than("人均培训时长 22")
    assert wrap("人均培训时长 22 小时", width, keep=False) == ["人均培训时长 22 ", "小时"]
    assert wrap("人均培训时长 22 小时", width) == ["人均培训时长 ", "22 小时"]


def test_wrapping_keeps_a_sign_with_its_number():
    width = just_wider_than("同比增长+")
    assert wrap("同比增长+3.2%", width) == ["同比增长", "+3.2%"]


def test_wrapping_does_not_leave_one_character_on_the_last_line():
    width = just_wider_than("其中美妆品类贡献最")
    assert wrap("其中美妆品类贡献最大", width, keep=False) == ["其中美妆品类贡献最", "大"]
    assert wrap("其中美妆品类贡献最大", width) == ["其中美妆品类贡献", "最大"]


def test_glue_in_the_text_is_honoured_even_without_keeping():
    width = just_wider_than("增长达到2.22")
    assert wrap(keep_together("增长达到2.22亿元"), width, keep=False)[0] == "增长达到"


def test_wrapping_without_keeping_shares_the_lines_only_where_the_text_is_glued():
    # asked with keeping first (as the lint does), the unglued text still breaks inside its number
    width = just_wider_than("增长达到2.22")
    assert wrap("增长达到2.22亿元", width) == ["增长达到", "2.22亿元"]
    assert wrap("增长达到2.22亿元", width, keep=False) == ["增长达到2.22", "亿元"]
    # and each piece between hard line breaks keeps its own last two characters
    width = just_wider_than("其中美妆品类贡献最")
    text = "其中美妆品类贡献最大\v" + keep_together("同比增长+3.2%")
    assert wrap(text, width)[:2] == ["其中美妆品类贡献", "最大"]
    assert wrap(text, width, keep=False)[:2] == ["其中美妆品类贡献最", "大"]


def test_glued_text_is_wrapped_once_with_or_without_keeping():
    glued = keep_together("全年销售额达到2.22亿元，人均 48 小时，其中美妆个护贡献最大")
    width = just_wider_than("全年销售额达到2.2")
    kept = wrap(glued, width)
    before = fonts._wrap.cache_info()
    assert wrap(glued, width, keep=False) == kept
    after = fonts._wrap.cache_info()
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)


def test_keep_together_glues_only_where_a_break_could_fall():
    assert keep_together("销售额2.22亿") == f"销售额2.22{WORD_JOINER}亿"
    assert keep_together("人均 48 小时") == f"人均 48{NO_BREAK_SPACE}{WORD_JOINER}小{WORD_JOINER}时"
    assert keep_together("同比 +3.2%") == "同比 +3.2%"  # nothing could break inside it
    assert keep_together("Revenue up 5%") == "Revenue up 5%"
    assert keep_together("同比 -3.2%") == f"同比 -{WORD_JOINER}3.2%"  # a break may follow a hyphen
    assert keep_together("pages 1-2") == "pages 1-2"
    assert visible_text(keep_together("人均 48 小时，贡献最大")) == "人均 48 小时，贡献最大"


def test_joiners_have_no_width():
    glued = keep_together("增长达到2.22亿元")
    assert measure_text(glued, LATIN, EA, 10) == measure_text("增长达到2.22亿元", LATIN, EA, 10)


def test_written_text_carries_the_glue_but_speaker_notes_do_not():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1))
    write_text(box.text_frame, ["全年销售额2.22亿"], Fonts(LATIN, EA))
    assert box.text_frame.text == f"全年销售额2.22{WORD_JOINER}亿"
    notes = slide.notes_slide.notes_text_frame
    write_text(notes, ["全年销售额2.22亿"], Fonts(LATIN, EA), glue_units=False)
    assert notes.text == "全年销售额2.22亿"
