"""A shape's position and size, resolving placeholder inheritance once per shape.

python-pptx resolves each of ``left``/``top``/``width``/``height`` of a placeholder that
has no position of its own separately, and each lookup walks the layout's (and then the
master's) shape tree to find the placeholder it inherits from: eight tree walks per box.
:func:`effective_box` walks once per level and gives the same values.
"""

from __future__ import annotations

from pptx.shapes.placeholder import _InheritsDimensions

SIDES = ("left", "top", "width", "height")


def effective_box(shape) -> tuple:
    """(left, top, width, height) in EMU as python-pptx reports them; None where nothing sets a value."""
    if not isinstance(shape, _InheritsDimensions):
        return tuple(getattr(shape, side) for side in SIDES)
    own = tuple(getattr(super(_InheritsDimensions, shape), side) for side in SIDES)
    if None not in own:
        return own
    base = shape._base_placeholder
    if base is None:
        return own
    inherited = effective_box(base)
    return tuple(inherited[k] if value is None else value for k, value in enumerate(own))
