"""``kind: kpi`` -- 2 to 4 big-number cards: label, value, delta vs a comparison."""

from __future__ import annotations

from deckbuilder.deck.geometry import Box, inches
from deckbuilder.deck.text_style import TextStyle
from deckbuilder.render.cards import add_card
from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.resolved import ResolvedCard
from deckbuilder.render.text_blocks import fill_placeholder, place_commentary

CARD_HEIGHT = inches(2.6)
VALUE_SIZE = {2: 44, 3: 40, 4: 34}  # by number of cards


@slide_renderer("kpi")
def render_kpi_slide(ctx: SlideContext) -> None:
    fill_placeholder(ctx, "title", ctx.model.title)
    area = place_commentary(ctx, ctx.content_area())
    height = min(CARD_HEIGHT, area.height)
    row = Box(area.left, area.top + (area.height - height) // 2, area.width, height)
    cards = ctx.cards
    value_size = VALUE_SIZE[len(cards)]
    for i, (cell, card) in enumerate(zip(row.columns(len(cards), inches(0.3)), cards)):
        add_card(ctx.slide, cell, _card_paragraphs(ctx, card, value_size), ctx.fonts,
                 fill=ctx.colors.surface, anchor="middle", align="center", name=f"KPI {i + 1}",
                 space_after=8)


def _card_paragraphs(ctx: SlideContext, card: ResolvedCard, value_size: float):
    c = ctx.colors
    paragraphs = [
        [(card.label, TextStyle(size=16, color=c.muted, align="center"))],
        [(card.value, TextStyle(size=value_size, bold=True, color=c.primary, align="center"))],
    ]
    if card.delta is not None:
        color = c.muted if card.delta_good is None else c.positive if card.delta_good else c.negative
        runs = [(card.delta, TextStyle(size=18, bold=True, color=color, align="center"))]
        if card.delta_label:
            runs.append(("  " + card.delta_label, TextStyle(size=14, color=c.muted)))
        paragraphs.append(runs)
    if card.note:
        paragraphs.append([(card.note, TextStyle(size=12, color=c.muted, align="center"))])
    if card.scope_mark:
        paragraphs.append([(card.scope_mark, TextStyle(size=12, bold=True, color=c.secondary, align="center"))])
    return paragraphs
