"""``kind: image`` -- one picture filling the content area, or a grid of pictures with captions."""

from __future__ import annotations

import math

from deckbuilder.deck.geometry import Box, inches
from deckbuilder.deck.picture import add_picture
from deckbuilder.deck.text_style import add_textbox
from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.resolved import ResolvedImage
from deckbuilder.render.text_blocks import fill_placeholder, place_commentary

CAPTION_SIZE = 12  # points
CAPTION_HEIGHT = inches(0.4)
GRID_GAP = inches(0.2)


@slide_renderer("image")
def render_image_slide(ctx: SlideContext) -> None:
    fill_placeholder(ctx, "title", ctx.model.title)
    area = place_commentary(ctx, ctx.content_area())
    images = ctx.resolved.images
    cells = [area] if len(images) == 1 else area.grid(len(images), grid_columns(len(images), area), GRID_GAP)
    for k, (image, cell) in enumerate(zip(images, cells, strict=True)):
        draw_image(ctx, image, cell, name=f"Picture {k + 1}")


def grid_columns(count: int, area: Box) -> int:
    """Columns of a grid of *count* pictures: near-square cells in *area* (at most 4 across)."""
    rows = max(1, round(math.sqrt(count * area.height / max(area.width, 1))))
    return min(4, count, max(1, math.ceil(count / rows)))


def draw_image(ctx: SlideContext, image: ResolvedImage, cell: Box, *, name: str) -> None:
    """*image* in *cell*, its caption (if any) in a band under it."""
    box, band = cell.take_bottom(CAPTION_HEIGHT, gap=inches(0.05)) if image.caption else (cell, None)
    add_picture(ctx.slide, box, image.blob, image.size, image.fit, name=name, alt=image.alt, svg=image.svg)
    if band is not None:  # after its picture: the reading order follows the eye
        add_textbox(ctx.slide, band, [image.caption], ctx.fonts, ctx.style(size=CAPTION_SIZE, align="center"),
                    anchor="top", inset=0, name=f"{name} caption")
