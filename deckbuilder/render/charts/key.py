"""The key above a chart that says what its highlight colour means (``highlight_note``).

A highlighted bar in the accent colour with nothing saying why reads as decoration, or
worse as a judgement nobody made; the key is a swatch in that colour and the note, in
a band above the chart, like a one-entry legend.
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


def add_highlight_key(slide, box: Box, note: str, *, theme: ThemeSpec, fonts: Fonts) -> Box:
    """Draw the key (swatch + *note*) at the top of *box*; returns what is left for the chart."""
    swatch = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, box.left + points(6), box.top + (KEY_BAND - SWATCH) // 2,
                                    SWATCH, SWATCH)
    swatch.name = "Highlight key swatch"
    swatch.fill.solid()
    swatch.fill.fore_color.rgb = RGBColor.from_string(theme.colors.accent)
    swatch.line.fill.background()
    text_left = box.left + points(6) + SWATCH + points(4)
    add_textbox(slide, Box(text_left, box.top, box.right - text_left, KEY_BAND), [note], fonts,
                TextStyle(size=KEY_PT, color=theme.colors.muted), anchor="middle", inset=0,
                name="Highlight key")
    return Box(box.left, box.top + KEY_BAND, box.width, max(box.height - KEY_BAND, 0))
