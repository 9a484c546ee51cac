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
    labels = {"presenter": presenter_label, "date": date_label}
    for name in ("title", "subtitle", "presenter", "date"):
        # a value no placeholder shows is a warning at the field it came from: the slide's, else deck's
        own = getattr(model, name)
        text = own if own else deck.get(name, "")
        at = None if own else ("deck", name)
        fill_placeholder(ctx, name, labels.get(name, "") + text if text else "", at=at)
