"""Slide renderers, registered by kind, and the steps every slide gets.

Each slide kind lives in its own small module and registers itself::

    @slide_renderer("kpi")
    def render_kpi_slide(ctx: SlideContext) -> None: ...

The kind names come from the spec model (:data:`deckbuilder.spec.model.SLIDE_KINDS`);
a renderer for a kind the model does not know is a bug caught at import, and a
test checks that every kind has a renderer.
"""

from __future__ import annotations

from collections.abc import Callable

from deckbuilder.deck.oxml.accessibility import shape_ids
from deckbuilder.deck.slide_clones import notes_slide
from deckbuilder.deck.text_style import TextStyle, write_text
from deckbuilder.render.context import SlideContext
from deckbuilder.render.frame import draw_frame, plan_frame
from deckbuilder.render.reading_order import put_in_reading_order
from deckbuilder.spec.model import SLIDE_KINDS

Renderer = Callable[[SlideContext], None]
RENDERERS: dict[str, Renderer] = {}


def slide_renderer(kind: str) -> Callable[[Renderer], Renderer]:
    """Register the decorated function as the renderer of slide *kind*."""
    if kind not in SLIDE_KINDS:
        raise ValueError(f"slide kind '{kind}' has no model in deckbuilder.spec.model")

    def register(func: Renderer) -> Renderer:
        RENDERERS[kind] = func
        return func
    return register


def registered_kinds() -> tuple[str, ...]:
    """Every kind with a renderer (importing the slide modules registers them)."""
    import deckbuilder.render.slides  # noqa: F401

    return tuple(RENDERERS)


def renderer_for(kind: str) -> Renderer:
    import deckbuilder.render.slides  # noqa: F401  (imports every kind module, which registers it)

    return RENDERERS[kind]


def render_slide(ctx: SlideContext) -> None:
    """Draw one slide: its kind's renderer, then what every slide gets (page frame, logo, notes); its
    shapes then go in reading order."""
    plan = plan_frame(ctx)  # first: the content area keeps clear of the footer band and the logo
    renderer_for(ctx.model.kind)(ctx)
    _warn_unshown_commentary(ctx)
    content = set(shape_ids(ctx.slide))
    draw_frame(ctx, plan)
    ctx.placeholders.remove_unused()
    put_in_reading_order(ctx.slide, [shape_id for shape_id in shape_ids(ctx.slide) if shape_id not in content])
    if ctx.model.notes:
        write_text(notes_slide(ctx.slide).notes_text_frame, ctx.model.notes.split("\n"), ctx.fonts, TextStyle(size=12),
                   glue_units=False)


def _warn_unshown_commentary(ctx: SlideContext) -> None:
    """Commentary on a kind that has no place for it (the cover, a divider, the agenda, the closing slide)."""
    warned = any(path[-1:] == ("commentary",) for path, _ in ctx.warnings)
    if ctx.model.commentary and "commentary" not in ctx.shown and not warned:
        ctx.warn("commentary", f"not shown: a '{ctx.model.kind}' slide has no place for commentary "
                               "(speaker text goes in 'notes')")
