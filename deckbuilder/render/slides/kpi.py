"""``kind: kpi`` -- 2 to 4 big-number cards: label, value, delta vs a comparison."""

from __future__ import annotations

from deckbuilder.deck.fonts import measure_text
from deckbuilder.deck.geometry import EMU_PER_PT, Box, inches
from deckbuilder.deck.text_style import TextStyle
from deckbuilder.render.cards import CARD_INSET, add_card
from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.resolved import ResolvedCard
from deckbuilder.render.text_blocks import fill_placeholder, place_commentary

CARD_HEIGHT = inches(2.6)
VALUE_SIZE = {2: 44, 3: 40, 4: 34}  # by number of cards
MIN_VALUE_SIZE = 20
VALUE_WIDTH_SHARE = 0.8  # of the inner width: room for the space renderers put between CJK and Latin


@slide_renderer("kpi")
def render_kpi_slide(ctx: SlideContext) -> None:
    fill_placeholder(ctx, "title", ctx.model.title)
    area = place_commentary(ctx, ctx.content_area())
    height = min(CARD_HEIGHT, area.height)
    row = Box(area.left, area.top + (area.height - height) // 2, area.width, height)
    cards = ctx.cards
    cells = row.columns(len(cards), inches(0.3))
    # one size for every value, the largest (up to the size for this many cards) at which each fits on one
    # line of its card: narrower cards (a 4:3 slide, a narrow content area) get smaller values, never a wrap
    value_size = min(_value_size(ctx, card.value, cell) for cell, card in zip(cells, cards))
    for i, (cell, card) in enumerate(zip(cells, cards)):
        add_card(ctx.slide, cell, _card_paragraphs(ctx, card, value_size), ctx.fonts,
                 fill=ctx.colors.surface, anchor="middle", align="center", name=f"KPI {i + 1}",
                 space_after=8)


def _value_size(ctx: SlideContext, value: str, cell: Box) -> float:
    """The largest value size, from the size for this many cards down to MIN_VALUE_SIZE, keeping *value*
    on one line of *cell*."""
    room_pt = (cell.width - 2 * CARD_INSET) / EMU_PER_PT * VALUE_WIDTH_SHARE
    size = VALUE_SIZE[len(ctx.cards)]
    while size > MIN_VALUE_SIZE and measure_text(value, ctx.fonts.latin, ctx.fonts.east_asian, size,
                                                 bold=True) > room_pt:
        size -= 2
    return size


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
    return paragraphs
