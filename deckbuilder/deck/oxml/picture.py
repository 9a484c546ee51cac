"""A picture's alt text: the ``descr`` of its ``p:cNvPr``, what screen readers read."""

from __future__ import annotations

from typing import Any

from deckbuilder.deck.xml_text import xml_text


def set_alt_text(shape: Any, text: str) -> None:
    """Write *text* as the shape's alt text (``descr``); nothing when empty."""
    if text:
        shape._element.nvPicPr.cNvPr.set("descr", xml_text(text))
