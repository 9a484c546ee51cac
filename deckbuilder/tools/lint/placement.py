"""Where shapes sit: ``off-slide`` and ``overlap``.

``off-slide``
    A top-level shape (its rotated bounding box) reaches more than 1 pt past an edge of the
    slide (an *error*).

``overlap``
    Two top-level shapes of the same slide intersect by more than 1 pt in both directions,
    unless

    * one fully contains the other and the container carries no text (a card, panel or
      background picture with a label or chart on it), or
    * neither carries content (two decorative shapes; content is text, a chart, a table or
      a picture), or
    * one is marked decorative (a table's data bars, drawn behind its numbers), or
    * one is a chart and the other one of its annotations (a CAGR or difference label, named
      ``Annotation N``) inside its frame: drawn on the chart on purpose, clear of its bars.

    So a text box poking out of its card, text over text and a chart over a table are
    flagged; a label inside a card is not.  Groups count as one shape (their inside is a
    designed unit).  Shapes of the layout and master are not on the slide and never count;
    neither do connectors, hidden shapes and empty placeholders (they do not show in a
    slide show).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from deckbuilder.deck.oxml.accessibility import is_decorative
from deckbuilder.tools.lint.findings import EMU_PER_CM, TOLERANCE_EMU, Finding, SlideCheck
from deckbuilder.tools.lint.shapes import ShapeFacts


def off_slide(check: SlideCheck, shape) -> list[Finding]:
    left, top, right, bottom = _rotated_bounds(_bounds(check.facts, shape), shape)
    _, _, width, height = check.slide_box
    over = {"left": -left, "top": -top, "right": right - width, "bottom": bottom - height}
    edges = [f"{edge} by {amount / EMU_PER_CM:.2f} cm" for edge, amount in over.items()
             if amount > TOLERANCE_EMU]
    if not edges:
        return []
    return [check.finding(shape, "off-slide", "extends past the slide's " + ", ".join(edges),
                          "error")]


def overlaps(check: SlideCheck, shapes: Sequence) -> list[Finding]:
    facts = check.facts
    boxes = [(s, box) for s, box in ((s, _bounds(facts, s)) for s in shapes)
             if _area(box) > 0 and not is_decorative(s)]
    found = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            if _overlap_matters(facts, a, box_a, b, box_b):
                w, h = _intersection(box_a, box_b)
                found.append(check.finding(
                    b, "overlap", f"overlaps '{a.name}' by {w / EMU_PER_CM:.2f} x "
                    f"{h / EMU_PER_CM:.2f} cm"))
    return found


def _bounds(facts: ShapeFacts, shape) -> tuple[int, int, int, int]:
    left, top, width, height = facts.box(shape)
    return left, top, left + width, top + height


def _rotated_bounds(bounds: tuple[int, int, int, int], shape) -> tuple[int, int, int, int]:
    """Axis-aligned bounds of the shape (unrotated *bounds*) as drawn (rotation about its centre)."""
    left, top, right, bottom = bounds
    angle = math.radians(float(getattr(shape, "rotation", 0.0) or 0.0))
    if not angle:
        return left, top, right, bottom
    w, h = right - left, bottom - top
    rw = abs(w * math.cos(angle)) + abs(h * math.sin(angle))
    rh = abs(w * math.sin(angle)) + abs(h * math.cos(angle))
    cx, cy = left + w / 2, top + h / 2
    return (round(cx - rw / 2), round(cy - rh / 2), round(cx + rw / 2), round(cy + rh / 2))


def _area(box: tuple[int, int, int, int]) -> int:
    return max(box[2] - box[0], 0) * max(box[3] - box[1], 0)


def _intersection(a, b) -> tuple[int, int]:
    return min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])


def _contains(outer, inner) -> bool:
    return (inner[0] >= outer[0] - TOLERANCE_EMU and inner[1] >= outer[1] - TOLERANCE_EMU
            and inner[2] <= outer[2] + TOLERANCE_EMU and inner[3] <= outer[3] + TOLERANCE_EMU)


def _is_backdrop(facts: ShapeFacts, shape) -> bool:
    """A shape that may hold others: an autoshape or picture with no text of its own."""
    return facts.kind(shape) in ("autoshape", "picture") and not facts.has_text(shape)


def _overlap_matters(facts: ShapeFacts, a, box_a, b, box_b) -> bool:
    w, h = _intersection(box_a, box_b)
    if w <= TOLERANCE_EMU or h <= TOLERANCE_EMU:
        return False
    if _contains(box_a, box_b) and _is_backdrop(facts, a):
        return False
    if _contains(box_b, box_a) and _is_backdrop(facts, b):
        return False
    if _is_annotation_of(facts, a, box_a, b, box_b) or _is_annotation_of(facts, b, box_b, a, box_a):
        return False
    return facts.has_content(a) or facts.has_content(b)


def _is_annotation_of(facts: ShapeFacts, chart, chart_box, shape, box) -> bool:
    """*shape* is a chart annotation drawn inside *chart*'s frame."""
    return (facts.kind(chart) == "chart" and _contains(chart_box, box)
            and re.fullmatch(r"Annotation \d+", shape.name or "") is not None)
