"""Links drawn once every slide exists: agenda entries jump to their sections, KPI cards to their ``link:``."""

from __future__ import annotations

from collections.abc import Sequence

from deckbuilder.deck.oxml.accessibility import link_to_slide, link_to_url
from deckbuilder.render.resolved import ResolvedSlide


def agenda_item_name(number: int) -> str:
    """The shape name of the agenda's entry *number* (1-based), which :func:`link_slides` finds."""
    return f"Agenda item {number}"


def kpi_card_name(number: int) -> str:
    """The shape name of KPI card *number* (1-based)."""
    return f"KPI {number}"


def link_slides(slides: Sequence, resolved: Sequence[ResolvedSlide]) -> None:
    """Make every agenda entry a slide-jump hyperlink to the slide opening its section, and each KPI
    card with a ``link`` a hyperlink to its URL or slide.

    *slides* are the python-pptx slides, one per resolved slide, in order."""
    sections = [slide for slide, r in zip(slides, resolved) if r.model.opens_section]
    for slide, r in zip(slides, resolved):
        shapes = {shape.name: shape for shape in slide.shapes}
        targets = sections if r.model.kind == "agenda" else []
        for number, target in enumerate(targets, start=1):
            if agenda_item_name(number) in shapes:
                link_to_slide(shapes[agenda_item_name(number)], slide, target)
        for number, card in enumerate(r.cards, start=1):
            shape = shapes.get(kpi_card_name(number))
            if shape is None or card.link is None:
                continue
            if isinstance(card.link, int):
                link_to_slide(shape, slide, slides[card.link])
            else:
                link_to_url(shape, slide, card.link)
