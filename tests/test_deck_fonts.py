"""deckbuilder.deck.fonts: line height, run fonts, wrapping (installed Noto Sans CJK)."""

from __future__ import annotations

import pytest

from deckbuilder.deck.fonts import (
    SINGLE_LINE_HEIGHT,
    RunFont,
    StyledText,
    measure_styled,
    measure_text,
    wrap_runs,
)
from deckbuilder.deck.text_style import Fonts
from deckbuilder.render.text_blocks import FITTING_LINE_HEIGHT, FITTING_LINE_MARGIN

CJK = Fonts("Noto Sans CJK SC", "Noto Sans CJK SC")


def test_single_line_height_is_the_measured_pitch():
    assert SINGLE_LINE_HEIGHT == 1.2  # 24 pt between lines of 20 pt text in LibreOffice


def test_fitting_keeps_an_explicit_margin_over_a_single_line():
    assert FITTING_LINE_HEIGHT == SINGLE_LINE_HEIGHT + FITTING_LINE_MARGIN == 1.25


def test_measure_text_is_measure_styled_with_one_run_font():
    assert measure_text("销售额 2025", "Noto Sans CJK SC", "Noto Sans CJK SC", 20) == \
        measure_styled("销售额 2025", RunFont(CJK, 20))


def test_han_characters_are_one_em_wide():
    assert measure_styled("销售额", RunFont(CJK, 20)) == pytest.approx(60, abs=0.5)


def test_a_wrapped_line_takes_its_largest_font_size():
    runs = [StyledText("一二三", RunFont(CJK, 20)), StyledText("四五六", RunFont(CJK, 30))]
    lines = wrap_runs(runs, width_pt=1000)
    assert [(line.text, line.size_pt) for line in lines] == [("一二三四五六", 30)]
    assert lines[0].size_pt * SINGLE_LINE_HEIGHT == 36


def test_an_empty_paragraph_still_takes_one_line():
    lines = wrap_runs([StyledText("", RunFont(CJK, 18))], width_pt=100)
    assert [(line.text, line.size_pt) for line in lines] == [("", 18)]
