"""A shape's position and size, resolving placeholder inheritance once per layout placeholder.

python-pptx resolves each of ``left``/``top``/``width``/``height`` of a placeholder that
has no position of its own separately, and each lookup walks the layout's (and then the
master's) shape tree to find the placeholder it inherits from: eight tree walks per box.
:func:`effective_box` walks once per level and gives the same values; the box a slide
placeholder inherits is kept per layout part and placeholder ``idx``, since a deck's slides
reuse a few layouts (without this the build-time lint walked a layout's tree for every
placeholder of every slide, a third of its time). Layout and master placeholders are never
moved by a build; the kept boxes belong to their layout part and go with it. A shape's own
box is read from its ``a:xfrm`` found once, not once per side.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.shapes.shared import BaseShapeElement
from pptx.shapes.base import BaseShape
from pptx.shapes.placeholder import PlaceholderPicture, _BaseSlidePlaceholder, _InheritsDimensions

SIDES = ("left", "top", "width", "height")

# layout part -> {placeholder idx: the effective box of the layout placeholder with that idx, or None}
_LAYOUT_BOXES: WeakKeyDictionary = WeakKeyDictionary()


def effective_box(shape) -> tuple:
    """(left, top, width, height) in EMU as python-pptx reports them; None where nothing sets a value."""
    if not isinstance(shape, _InheritsDimensions):
        return _own_box(shape, type(shape))
    own = _own_box(shape, _InheritsDimensions)
    if None not in own:
        return own
    inherited = _inherited_box(shape)
    if inherited is None:
        return own
    return tuple(inherited[k] if value is None else value for k, value in enumerate(own))


def _own_box(shape, after: type) -> tuple:
    """The shape's own (left, top, width, height): the sides as the class after *after* in its
    MRO defines them (a placeholder's own, before inheritance). Where those are python-pptx's
    ``BaseShape`` sides, read from the element's x/y/cx/cy through ``_get_xfrm_attr``, the
    element's ``a:xfrm`` is found once instead of once per side (same values)."""
    if _reads_xfrm(type(shape), after, type(shape._element)):
        xfrm = shape._element.xfrm
        if xfrm is None:
            return (None, None, None, None)
        return (xfrm.x, xfrm.y, xfrm.cx, xfrm.cy)
    if after is type(shape):
        return tuple(getattr(shape, side) for side in SIDES)
    return tuple(getattr(super(after, shape), side) for side in SIDES)


_XFRM_SIDES: dict[tuple[type, type, type], bool] = {}


def _reads_xfrm(shape_type: type, after: type, element_type: type) -> bool:
    """Do *shape_type*'s sides (looked up past *after* in its MRO, or from the start when *after*
    is the type itself) come straight from ``BaseShape`` and the element's ``BaseShapeElement``
    x/y/cx/cy?"""
    key = (shape_type, after, element_type)
    if key not in _XFRM_SIDES:
        mro = shape_type.__mro__
        rest = mro if after is shape_type else mro[mro.index(after) + 1:]

        def found(side: str):
            return next((klass.__dict__[side] for klass in rest if side in klass.__dict__), None)

        _XFRM_SIDES[key] = all(found(side) is BaseShape.__dict__[side] for side in SIDES) and all(
            getattr(element_type, attr, None) is getattr(BaseShapeElement, attr)
            for attr in ("x", "y", "cx", "cy", "_get_xfrm_attr"))
    return _XFRM_SIDES[key]


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
