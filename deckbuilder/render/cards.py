"""Cards: a filled rounded rectangle whose own text frame holds all its text.

Keeping a card's number, heading and text in one shape (paragraphs with their
own styles) means nothing can overlap inside a card and the text stays
editable as one block in PowerPoint.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Pt

from deckbuilder.deck.geometry import Box, inches
from deckbuilder.deck.text_style import ANCHOR, Fonts, TextStyle, write_text

CARD_INSET = inches(0.18)


def add_card(slide, box: Box, paragraphs, fonts: Fonts, *, fill: str, border: str | None = None,
             anchor: str = "top", align: str = "left", name: str = "Card", space_after: float = 6,
             top_inset: int | None = None):
    """A rounded card at *box*; *paragraphs* as in :func:`write_text`.

    Autoshapes centre their text by default; cards default to left-aligned text.  *top_inset*
    (EMU) moves top-anchored text down, so cards of a row can share baselines.
    """
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, box.left, box.top, box.width, box.height)
    shape.name = name
    shape.adjustments[0] = 0.06
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(fill)
    if border:
        shape.line.color.rgb = RGBColor.from_string(border)
        shape.line.width = Pt(0.75)
    else:
        shape.line.fill.background()
    shape.shadow.inherit = False
    tf = shape.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = ANCHOR[anchor]
    tf.margin_left = tf.margin_right = CARD_INSET
    tf.margin_top = tf.margin_bottom = CARD_INSET
    if top_inset is not None:
        tf.margin_top = max(top_inset, CARD_INSET)
    write_text(tf, paragraphs, fonts, TextStyle(), space_after=space_after, align=align)
    return shape

