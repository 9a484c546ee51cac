"""The key above a chart that says what its point colours mean: the highlight colour
(``highlight_note``) and the good/bad colours of changes (``better:``).

A highlighted bar in the accent colour with nothing saying why reads as decoration, or
worse as a judgement nobody made; the key is a swatch in each colour and what it means, in
one band above the chart, like a legend of point colours.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE

from deckbuilder.deck.geometry import Box, points
from deckbuilder.deck.text_style import Fonts, TextStyle, add_textbox
from deckbuilder.spec.model import ThemeSpec

KEY_PT = 12
KEY_BAND = points(KEY_PT * 2)  # the band the key takes above the chart
SWATCH = points(KEY_PT * 0.8)


#: What the good/bad colours of changes mean, per deck locale.
CHANGE_WORDS = {"zh_CN": ("改善", "变差"), "en_US": ("better", "worse")}


def change_entries(tones: list[list[int]] | None, theme: ThemeSpec, locale: str) -> list[tuple[str, str]]:
    """Key entries for the good/bad colours a chart's changes actually use."""
    shades = {t for row in tones or [] for t in row if t}
    good, bad = CHANGE_WORDS.get(locale, CHANGE_WORDS["en_US"])
    return ([(theme.colors.positive, good)] if 1 in shades else []) + \
           ([(theme.colors.negative, bad)] if -1 in shades else [])


def add_chart_key(slide, box: Box, entries: list[tuple[str, str]], *, theme: ThemeSpec, fonts: Fonts) -> Box:
    """Draw a swatch and its text for each ``(colour, meaning)`` at the top of *box*, left to right;
    returns what is left for the chart."""
    if not entries:
        return box
    left = box.left + points(6)
    share = (box.right - left) // len(entries)
    for k, (colour, text) in enumerate(entries):
        swatch = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, box.top + (KEY_BAND - SWATCH) // 2, SWATCH, SWATCH)
        swatch.name = "Highlight key swatch" if k == 0 else f"Key swatch {k + 1}"
        swatch.fill.solid()
        swatch.fill.fore_color.rgb = RGBColor.from_string(colour)
        swatch.line.fill.background()
        text_left = left + SWATCH + points(4)
        width = (box.right - text_left) if k == len(entries) - 1 else share - SWATCH - points(10)
        add_textbox(slide, Box(text_left, box.top, width, KEY_BAND), [text], fonts,
                    TextStyle(size=KEY_PT, color=theme.colors.muted), anchor="middle", inset=0,
                    name="Highlight key" if k == 0 else f"Key {k + 1}")
        left += share
    return Box(box.left, box.top + KEY_BAND, box.width, max(box.height - KEY_BAND, 0))
