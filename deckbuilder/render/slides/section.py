"""``kind: section`` -- a part divider, numbered automatically (PART 01, PART 02, ...)."""

from __future__ import annotations

from deckbuilder.deck.text_style import TextStyle, write_text
from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.text_blocks import fill_placeholder, warn_no_slot


def section_label(number: int) -> str:
    return f"PART {number:02d}"


@slide_renderer("section")
def render_section_slide(ctx: SlideContext) -> None:
    model = ctx.model
    number = model.number if model.number else section_label(ctx.section_number or 1)
    fill_placeholder(ctx, "number", number, quiet=not model.number)  # the automatic number is no one's text
    if not ctx.placeholders.has("title"):
        warn_no_slot(ctx, "title", "title")
        if model.subtitle:
            warn_no_slot(ctx, "title", "subtitle")
        return
    paragraphs = [[(model.title, TextStyle())]]
    if model.subtitle:  # a smaller line under the title, in the title's colour
        paragraphs.append([(model.subtitle, TextStyle(size=20, bold=False))])
    write_text(ctx.placeholders.take("title").text_frame, paragraphs, ctx.fonts)
