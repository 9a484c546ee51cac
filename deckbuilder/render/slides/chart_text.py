"""``kind: chart_text`` -- a chart beside a commentary column."""

from __future__ import annotations

from deckbuilder.deck.text_style import write_text
from deckbuilder.render.context import SlideContext
from deckbuilder.render.links import COMMENTARY_NAME
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.slides.chart import draw_chart
from deckbuilder.render.text_blocks import (
    commentary_paragraphs,
    fill_placeholder,
    fit_size,
    warn_no_slot,
)


@slide_renderer("chart_text")
def render_chart_text_slide(ctx: SlideContext) -> None:
    fill_placeholder(ctx, "title", ctx.model.title)
    draw_chart(ctx, ctx.content_area())
    paragraphs = commentary_paragraphs(ctx)
    box = ctx.placeholders.box("commentary")
    if not paragraphs:
        return
    if box is None:
        warn_no_slot(ctx, "commentary", "commentary")
        return
    size = fit_size(ctx, paragraphs, box, largest=18, smallest=12, space_after=10)
    shape = ctx.placeholders.take("commentary")
    if any(field == "commentary" for field, _ in ctx.resolved.links):
        shape.name = COMMENTARY_NAME  # its items' links find it by name (named only then: a layout's name is kept)
    ctx.shown.add("commentary")
    write_text(shape.text_frame, paragraphs, ctx.fonts, ctx.style(size=size), space_after=10)
