"""deckbuilder.deck.line_builder: text in one style is wrapped on plain strings (one_style_lines) with
exactly the lines and widths the general (character, style) builder gives, and wrapping takes
that way for one-style paragraphs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from deckbuilder.deck import fonts, line_builder
from deckbuilder.deck.fonts import RunFont, StyledText, _atoms
from deckbuilder.deck.keep_together import keep_together
from deckbuilder.deck.line_builder import LineBuilder, one_style_lines
from deckbuilder.deck.text_style import Fonts

STYLES = [RunFont(Fonts("Noto Sans CJK SC", "Noto Sans CJK SC"), 18.0),
          RunFont(Fonts("DejaVu Sans", "Noto Sans CJK SC"), 12.5, bold=True)]
#: Han characters, CJK and Latin punctuation (some hang, some may not start a line), Latin words,
#: numbers with units, spaces and glue
PIECES = list("全年销售额突破十亿元美妆个护贡献最大，。、；：？！（）《》“”") + list("abcXYZ -,.;:!?()%$") \
    + ["2.22", "亿", "48 ", "小时", "+3.2%", "-5", "\u2060", "\u00a0", "  ", "Revenue", "GMV"]


def general(text: str, style: RunFont, width_pt: float, hanging: bool) -> list:
    """The same piece through LineBuilder, one (character, style) cell at a time."""
    builder = LineBuilder(width_pt, hanging)
    cells = [(ch, style) for ch in text]
    pos = 0
    for atom in _atoms(text):
        builder.add_atom(cells[pos:pos + len(atom)])
        pos += len(atom)
    builder.flush(empty_style=style)
    return builder.lines


def exact(lines: list) -> list:
    """Lines with their widths bit for bit."""
    return [(line.text, line.width_pt.hex(), line.size_pt, line.hard_end) for line in lines]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40), st.sampled_from(STYLES),
       st.sampled_from([1.0, 12.0, 37.3, 60.0, 90.25, 133.7, 265.2, 705.6, float("inf")]), st.booleans())
def test_one_style_lines_are_the_general_builders_lines(pieces, style, width_pt, hanging):
    text = "".join(pieces)
    assert exact(one_style_lines(_atoms(text), style, width_pt, hanging)) == \
        exact(general(text, style, width_pt, hanging))


def test_a_one_style_paragraph_takes_the_string_builder(monkeypatch):
    calls = []
    monkeypatch.setattr(line_builder, "one_style_lines",
                        lambda *args: calls.append(args) or one_style_lines(*args))
    style = STYLES[0]
    text = keep_together("全年销售额突破 2.22 亿元，同比增长 23%，其中美妆个护贡献最大。")
    lines = fonts._wrap.__wrapped__((StyledText(text[:9], style), StyledText(text[9:], style)), 133.7, True, True)
    assert len(calls) == 1 and len(lines) > 1
    assert "".join(line.text for line in lines) == text
