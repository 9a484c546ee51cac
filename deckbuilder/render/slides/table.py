"""``kind: table`` -- a DataFrame as a native table (commentary below it); rows that do not fit are left
in ``ctx.continuation`` for the build to continue on the next slide."""

from __future__ import annotations

from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.scope_note import place_scope_note
from deckbuilder.render.tables import add_native_table
from deckbuilder.render.text_blocks import fill_placeholder, place_commentary


@slide_renderer("table")
def render_table_slide(ctx: SlideContext) -> None:
    fill_placeholder(ctx, "title", ctx.model.title)
    area = place_commentary(ctx, ctx.content_area())
    assert ctx.table is not None, "the resolve phase gives every table slide its table"
    area = place_scope_note(ctx, area, ctx.table.scope_note)
    ctx.continuation = add_native_table(ctx.slide, area, ctx.table, theme=ctx.theme, fonts=ctx.fonts)
