"""``kind: kpi`` -- 2 to 4 big-number cards: label, value, delta vs a comparison, note.

The cards of a row share baselines: every card has the same bands (label, value, delta,
note; a band any card uses is kept, empty, on the cards without it), each band is one line
at one size across the row (the size shrinks for the whole row until every card's text fits
one line), and the text starts at the same height in every card (top-anchored, offset so the
tallest card's text is centred).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from deckbuilder.deck.fonts import SINGLE_LINE_HEIGHT, RunFont, StyledText, wrap_runs
from deckbuilder.deck.geometry import Box, inches, points
from deckbuilder.deck.text_style import TextStyle
from deckbuilder.render.cards import CARD_INSET, add_card
from deckbuilder.render.context import SlideContext
from deckbuilder.render.links import kpi_card_name
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.resolved import ResolvedCard
from deckbuilder.render.text_blocks import fill_placeholder, place_commentary

CARD_HEIGHT = inches(2.6)
VALUE_SIZE = {2: 44, 3: 40, 4: 34}  # by number of cards
LABEL_SIZE, DELTA_SIZE, DELTA_LABEL_SIZE, NOTE_SIZE = 16, 18, 14, 12
#: Smallest size a band shrinks to so that it stays one line in every card of the row.
SMALLEST = {"label": 12, "value": 20, "delta": 12}
SPACE_AFTER = 8
#: The value band is fitted to this share of the card's inner width: renderers put a little space
#: between CJK and Latin characters, so a value measured to the full width could still wrap.
VALUE_WIDTH_SHARE = 0.8

Runs = list[tuple[str, TextStyle]]


@dataclass(frozen=True)
class Bands:
    """The sizes of a card row's bands; delta and note are None when no card has one."""

    label: float
    value: float
    delta: float | None
    note: float | None
    scope: float | None  # a department deck's mark on company-wide figures (全公司口径)


@slide_renderer("kpi")
def render_kpi_slide(ctx: SlideContext) -> None:
    fill_placeholder(ctx, "title", ctx.model.title)
    area = place_commentary(ctx, ctx.content_area())
    height = min(CARD_HEIGHT, area.height)
    row = Box(area.left, area.top + (area.height - height) // 2, area.width, height)
    cards = ctx.cards
    cells = row.columns(len(cards), inches(0.3))
    inner_pt = (cells[0].width - 2 * CARD_INSET) / 12700
    bands = _row_bands(ctx, cards, VALUE_SIZE[len(cards)], inner_pt)
    paragraphs = [_card_paragraphs(ctx, card, bands) for card in cards]
    block = max(_block_height(ctx, p, inner_pt) for p in paragraphs)
    top_inset = CARD_INSET + max((height - 2 * CARD_INSET - block) // 2, 0)
    for i, (cell, card_paragraphs) in enumerate(zip(cells, paragraphs)):
        add_card(ctx.slide, cell, card_paragraphs, ctx.fonts, fill=ctx.colors.surface, anchor="top",
                 align="center", name=kpi_card_name(i + 1), space_after=SPACE_AFTER, top_inset=top_inset)


def _row_bands(ctx: SlideContext, cards: list[ResolvedCard], value_size: float, width_pt: float) -> Bands:
    """One size per band for the whole row: the largest at which every card's band is one line."""
    def one_line(runs_of: Callable[[ResolvedCard, float], Runs], largest: float, smallest: float,
                 share: float = 1.0) -> float:
        size = largest
        while size > smallest and any(_lines(ctx, runs_of(card, size), width_pt * share) > 1 for card in cards):
            size -= 1
        return size

    has_delta = any(card.delta is not None for card in cards)
    return Bands(
        label=one_line(lambda card, size: [(card.label, TextStyle(size=size))], LABEL_SIZE, SMALLEST["label"]),
        value=one_line(lambda card, size: [(card.value, TextStyle(size=size, bold=True))], value_size,
                       SMALLEST["value"], VALUE_WIDTH_SHARE),
        delta=one_line(lambda card, size: _delta_runs(ctx, card, size), DELTA_SIZE, SMALLEST["delta"])
        if has_delta else None,
        note=NOTE_SIZE if any(card.note for card in cards) else None,
        scope=NOTE_SIZE if any(card.scope_mark for card in cards) else None,
    )


def _delta_runs(ctx: SlideContext, card: ResolvedCard, size: float) -> Runs:
    if card.delta is None:
        return [("", TextStyle(size=size, align="center"))]
    c = ctx.colors
    color = c.muted if card.delta_good is None else c.positive if card.delta_good else c.negative
    runs = [(card.delta, TextStyle(size=size, bold=True, color=color, align="center"))]
    if card.delta_label:
        runs.append(("  " + card.delta_label, TextStyle(size=size - (DELTA_SIZE - DELTA_LABEL_SIZE),
                                                        color=c.muted)))
    return runs


def _card_paragraphs(ctx: SlideContext, card: ResolvedCard, bands: Bands) -> list[Runs]:
    c = ctx.colors
    paragraphs = [
        [(card.label, TextStyle(size=bands.label, color=c.muted, align="center"))],
        [(card.value, TextStyle(size=bands.value, bold=True, color=c.primary, align="center"))],
    ]
    if bands.delta is not None:
        paragraphs.append(_delta_runs(ctx, card, bands.delta))
    if bands.note is not None:
        paragraphs.append([(card.note or "", TextStyle(size=bands.note, color=c.muted, align="center"))])
    if bands.scope is not None:
        paragraphs.append([(card.scope_mark or "", TextStyle(size=bands.scope, bold=True, color=c.secondary,
                                                             align="center"))])
    return paragraphs


def _lines(ctx: SlideContext, runs: Runs, width_pt: float) -> int:
    styled = [StyledText(text, RunFont(ctx.fonts, style.size or LABEL_SIZE, bool(style.bold)))
              for text, style in runs]
    return len(wrap_runs(styled, width_pt))


def _block_height(ctx: SlideContext, paragraphs: list[Runs], width_pt: float) -> int:
    """Height (EMU) of a card's text: its lines, single-spaced, and the space between paragraphs."""
    total = 0.0
    for runs in paragraphs:
        size = max(style.size or LABEL_SIZE for _, style in runs)
        total += _lines(ctx, runs, width_pt) * size * SINGLE_LINE_HEIGHT
    return points(total + SPACE_AFTER * (len(paragraphs) - 1))
