"""``kind: section`` -- a part divider, numbered automatically (PART 01, PART 02, ...)."""

from __future__ import annotations

from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.text_blocks import fill_placeholder


def section_label(number: int) -> str:
    return f"PART {number:02d}"


@slide_renderer("section")
def render_section_slide(ctx: SlideContext) -> None:
    model = ctx.model
    number = ctx.text(model.number, "number") if model.number else section_label(ctx.section_number or 1)
    title = ctx.text(model.title, "title")
    if model.subtitle:
        title += "\n" + ctx.text(model.subtitle, "subtitle")
    fill_placeholder(ctx, "number", number)
    fill_placeholder(ctx, "title", title)
