"""The order of a slide's shapes in its shape tree, which is the order screen readers (and Tab) follow.

Renderers add shapes in whatever order suits the layout (a commentary band is placed before the chart
above it, so the chart gets what is left). Once a slide is drawn its shapes are put in the visual
order: the title first, then the content top to bottom and, side by side, left to right, then the
page frame (footer, slide number, date, logo) last. Decorative shapes (a table's data bars) come right
after the title: screen readers skip them, and drawn first they stay behind the content they decorate.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cmp_to_key

from pptx.enum.shapes import PP_PLACEHOLDER

from deckbuilder.deck.oxml.accessibility import is_decorative, move_to_end
from deckbuilder.deck.placeholder_box import effective_box

TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def put_in_reading_order(slide, frame_ids: Iterable[int]) -> None:
    """Reorder *slide*'s shape tree: title, content in visual order, then the shapes of *frame_ids*."""
    frame_ids = set(frame_ids)
    shapes = list(slide.shapes)
    frame = [s for s in shapes if s.shape_id in frame_ids]
    titles = [s for s in shapes if s.shape_id not in frame_ids and _is_title(s)]
    content = [s for s in shapes if s.shape_id not in frame_ids and not _is_title(s)]
    behind = [s for s in content if is_decorative(s)]
    content = [s for s in content if not is_decorative(s)]
    # each shape's place read once (a placeholder's is inherited from its layout: a walk per read)
    placed = sorted(((shape, _span(shape)) for shape in content), key=cmp_to_key(_visual_order))
    ordered = titles + behind + [shape for shape, _ in placed] + frame
    if ordered != shapes:
        move_to_end(slide, ordered)


def _is_title(shape) -> bool:
    return bool(shape.is_placeholder and shape.placeholder_format.type in TITLES)


def _span(shape) -> tuple[int, int, int]:
    # effective_box: a placeholder's inherited place found once per layout placeholder, the same
    # values as shape.top/left/height (each of which walks the layout's shapes again)
    left, top, _, height = effective_box(shape)
    return top or 0, left or 0, height or 0


def _visual_order(a: tuple, b: tuple) -> int:
    """Side by side (their heights overlap by half the shorter one): left first; else the higher first.

    *a* and *b* are ``(shape, span)`` pairs."""
    (top_a, left_a, h_a), (top_b, left_b, h_b) = a[1], b[1]
    shared = min(top_a + h_a, top_b + h_b) - max(top_a, top_b)
    if shared * 2 >= min(h_a, h_b) > 0:
        return (left_a > left_b) - (left_a < left_b) or (top_a > top_b) - (top_a < top_b)
    return (top_a > top_b) - (top_a < top_b) or (left_a > left_b) - (left_a < left_b)
