"""``kind: title`` -- the cover: title, subtitle, presenter and date."""

from __future__ import annotations

from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.text_blocks import fill_placeholder

LABELS = {"zh_CN": ("演讲人：", "日期："), "en_US": ("Presenter: ", "Date: ")}


@slide_renderer("title")
def render_title_slide(ctx: SlideContext) -> None:
    """Slide fields win over the deck's; presenter and date get a short label."""
    model, deck = ctx.model, ctx.deck_fields
    presenter_label, date_label = LABELS.get(ctx.locale, LABELS["zh_CN"])
    title = model.title if model.title else deck.get("title", "")
    subtitle = model.subtitle if model.subtitle else deck.get("subtitle", "")
    presenter = model.presenter if model.presenter else deck.get("presenter", "")
    date = model.date if model.date else deck.get("date", "")
    fill_placeholder(ctx, "title", title)
    fill_placeholder(ctx, "subtitle", subtitle)
    fill_placeholder(ctx, "presenter", presenter_label + presenter if presenter else "")
    fill_placeholder(ctx, "date", date_label + date if date else "")
