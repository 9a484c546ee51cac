"""``kind: kpi`` -- 2 to 4 big-number cards: label, value, delta vs a comparison."""

from __future__ import annotations

import math

from deckbuilder.deck.geometry import inches
from deckbuilder.deck.text_style import TextStyle
from deckbuilder.render.cards import add_card
from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.text_blocks import fill_placeholder, place_commentary

CARD_HEIGHT = inches(2.6)


@slide_renderer("kpi")
def render_kpi_slide(ctx: SlideContext) -> None:
    model = ctx.model
    fill_placeholder(ctx, "title", ctx.text(model.title, "title"))
    area = place_commentary(ctx, ctx.content_area())
    height = min(CARD_HEIGHT, area.height)
    row = type(area)(area.left, area.top + (area.height - height) // 2, area.width, height)
    value_size = {2: 44, 3: 40, 4: 34}[len(model.cards)]
    for i, (cell, card) in enumerate(zip(row.columns(len(model.cards), inches(0.3)), model.cards)):
        add_card(ctx.slide, cell, _card_paragraphs(ctx, i, card, value_size), ctx.fonts,
                 fill=ctx.colors.surface, anchor="middle", align="center", name=f"KPI {i + 1}",
                 space_after=8)


def _card_paragraphs(ctx: SlideContext, i: int, card, value_size: float):
    c = ctx.colors
    path = ("cards", i)
    value = _card_value(ctx, card, path)
    paragraphs = [
        [(ctx.text(card.label, *path, "label"), TextStyle(size=16, color=c.muted, align="center"))],
        [(value, TextStyle(size=value_size, bold=True, color=c.primary, align="center"))],
    ]
    if card.delta:
        delta = ctx.services.metric(card.delta, ctx.path + path + ("delta",))
        number = float(delta.value)
        text = ctx.services.format(number, card.delta_format or "delta_pct", ctx.path + path + ("delta_format",))
        color = c.positive if number > 0 else c.negative if number < 0 else c.muted
        runs = [(text, TextStyle(size=18, bold=True, color=color, align="center"))]
        if card.delta_label:
            runs.append(("  " + ctx.text(card.delta_label, *path, "delta_label"), TextStyle(size=14, color=c.muted)))
        paragraphs.append(runs)
    if card.note:
        paragraphs.append([(ctx.text(card.note, *path, "note"), TextStyle(size=12, color=c.muted, align="center"))])
    return paragraphs


def _card_value(ctx: SlideContext, card, path: tuple) -> str:
    if card.metric is None:
        value = card.value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return ctx.services.format(value, card.format or "num", ctx.path + path + ("format",))
        return ctx.text(value, *path, "value")
    result = ctx.services.metric(card.metric, ctx.path + path + ("metric",))
    fmt = card.format or getattr(result, "format", None) or "num"
    value = float(result.value)
    if math.isnan(value):
        return "—"
    return ctx.services.format(value, fmt, ctx.path + path + ("format",))
