"""Which shapes of a slide a rule looks at, and what they carry: :class:`ShapeFacts`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from deckbuilder.tools.inspect import shape_box, shape_kind


class ShapeFacts:
    """A shape's kind, box and text, read once per lint pass.

    The rules ask about the same shapes again and again (a text box's kind about eight times,
    its box five, its text four), and python-pptx answers each question by walking the XML
    again through new proxy objects (a placeholder's box walks its layout's placeholders).
    A lint pass never changes the deck, so the answers are kept for the pass, keyed by the
    shape's XML element (kept alive by the keys, so an element's identity is stable).
    """

    def __init__(self) -> None:
        self._kinds: dict[Any, str] = {}
        self._boxes: dict[Any, tuple[int, int, int, int]] = {}
        self._texts: dict[Any, str] = {}

    def kind(self, shape) -> str:
        """:func:`~deckbuilder.tools.inspect.shape_kind`."""
        element = shape.element
        kind = self._kinds.get(element)
        if kind is None:
            kind = self._kinds[element] = shape_kind(shape)
        return kind

    def box(self, shape) -> tuple[int, int, int, int]:
        """:func:`~deckbuilder.tools.inspect.shape_box`: (left, top, width, height) in EMU."""
        element = shape.element
        box = self._boxes.get(element)
        if box is None:
            box = self._boxes[element] = shape_box(shape)
        return box

    def text(self, shape) -> str:
        """The text of the shape's text frame ("" for a shape without one)."""
        element = shape.element
        text = self._texts.get(element)
        if text is None:
            text = self._texts[element] = (shape.text_frame.text if getattr(shape, "has_text_frame", False)
                                           else "")
        return text

    def has_text(self, shape) -> bool:
        return bool(self.text(shape).strip())

    def walk(self, shape) -> Iterator:
        """The shape and, for groups, every visible shape inside it."""
        yield shape
        if self.kind(shape) == "group":
            for child in shape.shapes:
                if self.is_visible(child):
                    yield from self.walk(child)

    def is_visible(self, shape) -> bool:
        """False for hidden shapes, connectors and placeholders nobody filled."""
        if shape.element.xpath("./*[1]/p:cNvPr[@hidden='1' or @hidden='true']"):
            return False
        kind = self.kind(shape)
        if kind == "connector":
            return False
        if kind == "placeholder":
            return self.has_text(shape)
        return True

    def has_content(self, shape) -> bool:
        """Text, a chart, a table or a picture (in a group: in any of its shapes)."""
        kind = self.kind(shape)
        if kind in ("chart", "table", "picture"):
            return True
        if kind == "group":
            return any(self.has_content(child) for child in shape.shapes)
        return self.has_text(shape)
