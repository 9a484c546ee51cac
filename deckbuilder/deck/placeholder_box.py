"""A shape's position and size, resolving placeholder inheritance once per layout placeholder.

python-pptx resolves each of ``left``/``top``/``width``/``height`` of a placeholder that
has no position of its own separately, and each lookup walks the layout's (and then the
master's) shape tree to find the placeholder it inherits from: eight tree walks per box.
:func:`effective_box` walks once per level and gives the same values; the box a slide
placeholder inherits is kept per layout part and placeholder ``idx``, since a deck's slides
reuse a few layouts (without this the build-time lint walked a layout's tree for every
placeholder of every slide, a third of its time). Layout and master placeholders are never
moved by a build; the kept boxes belong to their layout part and go with it.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.shapes.placeholder import PlaceholderPicture, _BaseSlidePlaceholder, _InheritsDimensions

SIDES = ("left", "top", "width", "height")

# layout part -> {placeholder idx: the effective box of the layout placeholder with that idx, or None}
_LAYOUT_BOXES: WeakKeyDictionary = WeakKeyDictionary()


def effective_box(shape) -> tuple:
    """(left, top, width, height) in EMU as python-pptx reports them; None where nothing sets a value."""
    if not isinstance(shape, _InheritsDimensions):
        return tuple(getattr(shape, side) for side in SIDES)
    own = tuple(getattr(super(_InheritsDimensions, shape), side) for side in SIDES)
    if None not in own:
        return own
    inherited = _inherited_box(shape)
    if inherited is None:
        return own
    return tuple(inherited[k] if value is None else value for k, value in enumerate(own))


def _inherited_box(shape) -> tuple | None:
    if isinstance(shape, (_BaseSlidePlaceholder, PlaceholderPicture)):  # inherits from its layout, by idx
        layout_part = shape.part.part_related_by(RT.SLIDE_LAYOUT)
        boxes = _LAYOUT_BOXES.setdefault(layout_part, {})
        idx = shape._element.ph_idx
        if idx not in boxes:
            base = shape._base_placeholder
            boxes[idx] = None if base is None else effective_box(base)
        return boxes[idx]
    base = shape._base_placeholder
    return None if base is None else effective_box(base)
