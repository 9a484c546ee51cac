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
from pathlib import Path

from deckbuilder.deck.geometry import inches
from deckbuilder.deck.text_style import TextStyle, write_text
from deckbuilder.render.context import SlideContext
from deckbuilder.spec.model import SLIDE_KINDS

Renderer = Callable[[SlideContext], None]
RENDERERS: dict[str, Renderer] = {}
LOGO_HEIGHT = inches(0.45)


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
    """Draw one slide: its kind's renderer, then what every slide gets (notes, logo)."""
    renderer_for(ctx.model.kind)(ctx)
    ctx.placeholders.remove_unused()
    if ctx.model.notes:
        write_text(ctx.slide.notes_slide.notes_text_frame, ctx.model.notes.split("\n"), ctx.fonts, TextStyle(size=12),
                   glue_units=False)
    if ctx.theme.logo and ctx.model.shows_logo:
        add_logo(ctx, Path(ctx.theme.logo))


def add_logo(ctx: SlideContext, logo: Path) -> None:
    """The theme logo in the top-right corner (the resolve phase checked the file exists)."""
    picture = ctx.slide.shapes.add_picture(str(logo), 0, inches(0.3), height=LOGO_HEIGHT)
    picture.left = ctx.slide_box.width - picture.width - inches(0.4)
    picture.name = "Logo"
