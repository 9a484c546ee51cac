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
from deckbuilder.tools.inspect import shape_box, shape_kind
from deckbuilder.tools.lint.findings import EMU_PER_CM, TOLERANCE_EMU, Finding, SlideCheck
from deckbuilder.tools.lint.shapes import has_content, has_text


def off_slide(check: SlideCheck, shape) -> list[Finding]:
    left, top, right, bottom = _rotated_bounds(shape)
    _, _, width, height = check.slide_box
    over = {"left": -left, "top": -top, "right": right - width, "bottom": bottom - height}
    edges = [f"{edge} by {amount / EMU_PER_CM:.2f} cm" for edge, amount in over.items()
             if amount > TOLERANCE_EMU]
    if not edges:
        return []
    return [check.finding(shape, "off-slide", "extends past the slide's " + ", ".join(edges),
                          "error")]


def overlaps(check: SlideCheck, shapes: Sequence) -> list[Finding]:
    boxes = [(s, _bounds(s)) for s in shapes if _area(_bounds(s)) > 0 and not is_decorative(s)]
    found = []
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            if _overlap_matters(a, box_a, b, box_b):
                w, h = _intersection(box_a, box_b)
                found.append(check.finding(
                    b, "overlap", f"overlaps '{a.name}' by {w / EMU_PER_CM:.2f} x "
                    f"{h / EMU_PER_CM:.2f} cm"))
    return found


def _bounds(shape) -> tuple[int, int, int, int]:
    left, top, width, height = shape_box(shape)
    return left, top, left + width, top + height


def _rotated_bounds(shape) -> tuple[int, int, int, int]:
    """Axis-aligned bounds of the shape as drawn (rotation about its centre)."""
    left, top, right, bottom = _bounds(shape)
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


def _is_backdrop(shape) -> bool:
    """A shape that may hold others: an autoshape or picture with no text of its own."""
    return shape_kind(shape) in ("autoshape", "picture") and not has_text(shape)


def _overlap_matters(a, box_a, b, box_b) -> bool:
    w, h = _intersection(box_a, box_b)
    if w <= TOLERANCE_EMU or h <= TOLERANCE_EMU:
        return False
    if _contains(box_a, box_b) and _is_backdrop(a):
        return False
    if _contains(box_b, box_a) and _is_backdrop(b):
        return False
    if _is_annotation_of(a, box_a, b, box_b) or _is_annotation_of(b, box_b, a, box_a):
        return False
    return has_content(a) or has_content(b)


def _is_annotation_of(chart, chart_box, shape, box) -> bool:
    """*shape* is a chart annotation drawn inside *chart*'s frame."""
    return (shape_kind(chart) == "chart" and _contains(chart_box, box)
            and re.fullmatch(r"Annotation \d+", shape.name or "") is not None)
