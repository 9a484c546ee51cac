"""Which placeholder a shape is, and which placeholder matches it: the one matcher.

A placeholder is named by its ``p:ph`` element: an OOXML ``type`` (``title``,
``ctrTitle``, ``body``, ``subTitle``, ``pic``...; ``obj`` when the attribute is
absent) and an ``idx`` (0 when absent).  Two questions are asked about them:

* the layout map (write side): is the placeholder a map entry names present,
  with this idx and a compatible type?  :meth:`PlaceholderId.matches`.
* text inheritance (read side): which layout or master placeholder does a
  slide placeholder inherit from?  :func:`find_inherited` (idx first, as
  PowerPoint does, then type) and :func:`master_type`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from deckbuilder.deck.oxml.ns import NAMESPACES

#: Title placeholders; one type family when matching by type.
TITLE_TYPES = frozenset({"title", "ctrTitle"})
#: Placeholder types whose text falls back to the master's ``otherStyle`` (and their own
#: master placeholder) rather than the body's.
OTHER_TYPES = frozenset({"dt", "ftr", "sldNum", "hdr"})

# p:ph sits in the shape's non-visual properties: p:nvSpPr, p:nvPicPr, p:nvGraphicFramePr...
_PH = etree.XPath("./*[1]/p:nvPr/p:ph", namespaces=NAMESPACES)


@dataclass(frozen=True)
class PlaceholderId:
    """A placeholder's ``type`` and ``idx`` as its ``p:ph`` element states them."""

    type: str
    idx: int

    def matches(self, ph_type: str, idx: int) -> bool:
        """Is this the placeholder a layout map names as *ph_type* / *idx*?"""
        return self.idx == idx and same_type(ph_type, self.type)


def placeholder_id(element: Any) -> PlaceholderId | None:
    """The :class:`PlaceholderId` of a shape element (``p:sp``, ``p:pic``...), None if it is
    not a placeholder."""
    found = _PH(element)
    if not found:
        return None
    ph = found[0]
    return PlaceholderId(ph.get("type", "obj"), int(ph.get("idx", "0")))


def same_type(mapped: str, actual: str) -> bool:
    """Do two placeholder types name the same kind of placeholder?"""
    # A placeholder without a type attribute is "obj", which PowerPoint treats as body content.
    return mapped == actual or {mapped, actual} <= {"body", "obj"}


def master_type(ph_type: str) -> str:
    """The type of the master placeholder a placeholder of *ph_type* inherits from."""
    if ph_type in TITLE_TYPES:
        return "title"
    return ph_type if ph_type in OTHER_TYPES else "body"


def find_inherited(shapes: Iterable[Any], idx: int | None, ph_type: str) -> Any | None:
    """The placeholder among *shapes* (python-pptx shapes) that one with *idx* / *ph_type*
    inherits from: same idx first (as PowerPoint does), then same type (title types are one
    family); None when none matches."""
    candidates = [(shape, placeholder_id(shape.element)) for shape in shapes]
    if idx is not None:
        for shape, pid in candidates:
            if pid is not None and pid.idx == idx:
                return shape
    family = TITLE_TYPES if ph_type in TITLE_TYPES else {ph_type}
    return next((shape for shape, pid in candidates if pid is not None and pid.type in family),
                None)
