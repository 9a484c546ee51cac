"""The note under a chart or table of company-wide figures on a department deck (``注：全公司口径``)."""

from __future__ import annotations

from deckbuilder.deck.geometry import Box, inches
from deckbuilder.deck.text_style import add_textbox
from deckbuilder.render.context import SlideContext
from deckbuilder.render.text_blocks import BOX_INSET, text_height

NOTE_SIZE = 12  # the lint's smallest size: a footnote, still readable


def place_scope_note(ctx: SlideContext, area: Box, note: str | None) -> Box:
    """Write *note* in a band at the bottom of *area*; return the area above it (all of it without a note)."""
    if not note:
        return area
    height = text_height(ctx, [note], area.width, NOTE_SIZE, inset=BOX_INSET)
    rest, band = area.take_bottom(height, gap=inches(0.05))
    add_textbox(ctx.slide, band, [note], ctx.fonts, ctx.style(size=NOTE_SIZE, color=ctx.colors.muted),
                anchor="top", inset=BOX_INSET, name="Scope note")
    return rest
