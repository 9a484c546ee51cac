"""Slide renderers, registered by kind.

Each slide kind lives in its own small module and registers itself::

    @slide_renderer("kpi")
    def render_kpi_slide(ctx: SlideContext) -> None: ...

The build pipeline looks the renderer up by the slide's ``kind``.
"""

from __future__ import annotations

from typing import Callable

from deckbuilder.render.context import SlideContext

Renderer = Callable[[SlideContext], None]
RENDERERS: dict[str, Renderer] = {}


def slide_renderer(kind: str) -> Callable[[Renderer], Renderer]:
    def register(func: Renderer) -> Renderer:
        RENDERERS[kind] = func
        return func
    return register


def renderer_for(kind: str) -> Renderer:
    import deckbuilder.render.slides  # noqa: F401  (imports every kind module, which registers it)

    return RENDERERS[kind]
