"""Which shapes of a slide a rule looks at, and what they carry."""

from __future__ import annotations

from collections.abc import Iterator

from deckbuilder.tools.inspect import shape_kind


def walk(shape) -> Iterator:
    """The shape and, for groups, every shape inside it."""
    yield shape
    if shape_kind(shape) == "group":
        for child in shape.shapes:
            if is_visible(child):
                yield from walk(child)


def is_visible(shape) -> bool:
    """False for hidden shapes, connectors and placeholders nobody filled."""
    if shape.element.xpath("./*[1]/p:cNvPr[@hidden='1' or @hidden='true']"):
        return False
    kind = shape_kind(shape)
    if kind == "connector":
        return False
    if kind == "placeholder":
        return has_text(shape)
    return True


def has_text(shape) -> bool:
    return bool(getattr(shape, "has_text_frame", False) and shape.has_text_frame
                and shape.text_frame.text.strip())


def has_content(shape) -> bool:
    kind = shape_kind(shape)
    if kind in ("chart", "table", "picture"):
        return True
    if kind == "group":
        return any(has_content(child) for child in shape.shapes)
    return has_text(shape)
