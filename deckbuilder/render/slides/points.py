"""``kind: points`` -- 2 to 6 numbered cards (01, 02, ...), each a heading and a sentence."""

from __future__ import annotations

from deckbuilder.deck.fonts import measure_text
from deckbuilder.deck.geometry import Box, inches
from deckbuilder.deck.text_style import TextStyle
from deckbuilder.render.cards import CARD_INSET, add_card
from deckbuilder.render.context import SlideContext
from deckbuilder.render.links import point_name
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.text_blocks import (
    fill_placeholder,
    fit_size,
    place_commentary,
    text_height,
)

GRID_COLUMNS = {2: 2, 3: 3, 4: 2, 5: 3, 6: 3}
NUMBER_SIZE, FIGURE_SIZE, LABEL_SIZE, HEADING_SIZE = 24, 28, 12, 18


@slide_renderer("points")
def render_points_slide(ctx: SlideContext) -> None:
    model = ctx.model
    fill_placeholder(ctx, "title", model.title)
    area = place_commentary(ctx, ctx.content_area())
    points = model.points
    cells = area.grid(len(points), GRID_COLUMNS[len(points)], inches(0.25))
    rendered = [(p.heading, p.text, p.figure or "", p.figure_label or "") for p in points]
    # One body size for all cards, so the grid looks even: the largest that fits every card.
    body_size = min(_body_size(ctx, cell, *texts) for cell, texts in zip(cells, rendered))
    for i, (cell, (heading, text, figure, label)) in enumerate(zip(cells, rendered), start=1):
        add_card(ctx.slide, cell, _paragraphs(ctx, i, heading, text, figure, label, body_size), ctx.fonts,
                 fill=ctx.colors.surface, name=point_name(i))


def _paragraphs(ctx, number, heading, text, figure, label, body_size):
    c = ctx.colors
    paragraphs = [[(f"{number:02d}", TextStyle(size=NUMBER_SIZE, bold=True, color=c.primary))]]
    if figure:
        runs = [(figure, TextStyle(size=FIGURE_SIZE, bold=True, color=c.secondary))]
        if label:
            runs.append(("  " + label, TextStyle(size=LABEL_SIZE, color=c.muted)))
        paragraphs.append(runs)
    paragraphs.append([(heading, TextStyle(size=HEADING_SIZE, bold=True, color=c.text))])
    if text:
        paragraphs.append([(text, TextStyle(size=body_size, color=c.text))])
    return paragraphs


def _body_size(ctx, cell: Box, heading, text, figure, label) -> float:
    inner = cell.inset(CARD_INSET)
    used = text_height(ctx, [f"{0:02d}"], inner.width, NUMBER_SIZE, inset=0)
    used += text_height(ctx, [heading], inner.width, HEADING_SIZE, inset=0)
    if figure:  # the label rides on the figure's line at its own, smaller size
        fonts = ctx.fonts.latin, ctx.fonts.east_asian
        width_pt = measure_text(figure, *fonts, FIGURE_SIZE, bold=True) + measure_text("  " + label, *fonts, LABEL_SIZE)
        lines = 1 if width_pt <= inner.width / 12700 else 2
        used += lines * text_height(ctx, [figure], inner.width, FIGURE_SIZE, inset=0)
    spacing = inches(6 / 72) * 4  # space_after between paragraphs
    room = Box(inner.left, inner.top, inner.width, max(inner.height - used - spacing, 0))
    return fit_size(ctx, [text], room, largest=16, smallest=12, inset=0) if text else 16
