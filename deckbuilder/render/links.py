"""Links between slides, drawn once every slide exists: each agenda entry jumps to its section's slide."""

from __future__ import annotations

from collections.abc import Sequence

from deckbuilder.deck.oxml.accessibility import link_to_slide
from deckbuilder.render.resolved import ResolvedSlide


def agenda_item_name(number: int) -> str:
    """The shape name of the agenda's entry *number* (1-based), which :func:`link_agendas` finds."""
    return f"Agenda item {number}"


def link_agendas(slides: Sequence, resolved: Sequence[ResolvedSlide]) -> None:
    """Make every agenda entry a slide-jump hyperlink to the slide opening its section.

    *slides* are the python-pptx slides, one per resolved slide, in order."""
    targets = [slide for slide, r in zip(slides, resolved) if r.model.opens_section]
    for slide, r in zip(slides, resolved):
        if r.model.kind != "agenda":
            continue
        entries = {shape.name: shape for shape in slide.shapes}
        for number, target in enumerate(targets, start=1):
            entry = entries.get(agenda_item_name(number))
            if entry is not None:
                link_to_slide(entry, slide, target)
