"""``kind: closing`` -- the thank-you slide."""

from __future__ import annotations

from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.text_blocks import fill_placeholder


@slide_renderer("closing")
def render_closing_slide(ctx: SlideContext) -> None:
    model = ctx.model
    fill_placeholder(ctx, "title", model.title, quiet="title" not in model.model_fields_set)
    subtitle = model.subtitle if model.subtitle else ctx.deck_fields.get("presenter", "")
    fill_placeholder(ctx, "subtitle", subtitle, quiet=not model.subtitle)  # the presenter is only a fallback
