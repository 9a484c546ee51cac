"""Links drawn once every slide exists: agenda entries jump to their sections; KPI cards, points and
commentary items to their ``link:``."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from deckbuilder.deck.oxml.accessibility import link_text_to_slide, link_text_to_url, link_to_slide, link_to_url
from deckbuilder.render.resolved import ResolvedSlide


def agenda_item_name(number: int) -> str:
    """The shape name of the agenda's entry *number* (1-based), which :func:`link_slides` finds."""
    return f"Agenda item {number}"


def kpi_card_name(number: int) -> str:
    """The shape name of KPI card *number* (1-based)."""
    return f"KPI {number}"


def point_name(number: int) -> str:
    """The shape name of point card *number* (1-based)."""
    return f"Point {number:02d}"


#: The shape name of a slide's commentary (a drawn band or the layout's commentary placeholder).
COMMENTARY_NAME = "Commentary"


def link_slides(slides: Sequence, resolved: Sequence[ResolvedSlide]) -> None:
    """Make every agenda entry a slide-jump hyperlink to the slide opening its section, and each KPI
    card, point and commentary item with a ``link`` a hyperlink to its URL or slide (a card or a point
    as a whole; a commentary item on its text, as it is one paragraph of the commentary's text box).

    *slides* are the python-pptx slides, one per resolved slide, in order. A slide link holds the index
    of its target among the spec's slides; it jumps to that slide's first copy in this deck (a repeated
    slide has several, a department deck may leave slides out)."""
    first_copy: dict[int, object] = {}
    for number, (slide, r) in enumerate(zip(slides, resolved)):
        first_copy.setdefault(r.path[1] if len(r.path) > 1 else number, slide)

    def link(target: str | int, slide, on_slide, on_url) -> None:
        if isinstance(target, str):
            on_url(slide, target)
        elif target in first_copy:
            on_slide(slide, first_copy[target])

    sections = [slide for slide, r in zip(slides, resolved) if r.model.opens_section]
    for slide, r in zip(slides, resolved):
        targets = sections if r.model.kind == "agenda" else []
        if not (targets or r.links or any(card.link is not None for card in r.cards)):
            continue  # nothing to link here: no need to look at the slide's shapes
        shapes = {shape.name: shape for shape in slide.shapes}
        for number, target in enumerate(targets, start=1):
            if agenda_item_name(number) in shapes:
                link_to_slide(shapes[agenda_item_name(number)], slide, target)
        for number, card in enumerate(r.cards, start=1):
            shape = shapes.get(kpi_card_name(number))
            if shape is not None and card.link is not None:
                link(card.link, slide, partial(link_to_slide, shape), partial(link_to_url, shape))
        for (field, k), target in sorted(r.links.items()):
            if field == "points" and point_name(k + 1) in shapes:
                shape = shapes[point_name(k + 1)]
                link(target, slide, partial(link_to_slide, shape), partial(link_to_url, shape))
            elif field == "commentary" and COMMENTARY_NAME in shapes:
                paragraphs = shapes[COMMENTARY_NAME].text_frame.paragraphs
                if k < len(paragraphs):
                    link(target, slide, partial(link_text_to_slide, paragraphs[k]),
                         partial(link_text_to_url, paragraphs[k]))
