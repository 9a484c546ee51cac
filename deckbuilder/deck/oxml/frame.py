"""The page frame of a slide: its date, footer and slide-number placeholders, and slide-number fields.

PowerPoint copies a layout's ``dt`` / ``ftr`` / ``sldNum`` placeholders onto a slide
only when the user asks for them (Insert > Header & Footer); python-pptx never
copies them. These helpers find them on a layout, tell whether a layout already
draws a slide number as plain decoration (a text box with a ``slidenum`` field),
and write a ``slidenum`` field -- the number PowerPoint and LibreOffice keep up
to date when slides move.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lxml import etree

from deckbuilder.deck.oxml.ns import NAMESPACES, qn
from deckbuilder.deck.oxml.placeholders import placeholder_id

#: The page-frame placeholder types, by what they hold.
FRAME_TYPES = {"date": "dt", "footer": "ftr", "slide_number": "sldNum"}
#: The field id PowerPoint writes for its own slide-number fields (any GUID will do; a fixed one keeps
#: output byte-identical).
SLIDENUM_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"

_SLIDENUM_FIELDS = etree.XPath(".//a:fld[@type='slidenum']", namespaces=NAMESPACES)


def frame_placeholders(layout_shapes: Iterable[Any]) -> dict[str, Any]:
    """The layout's page-frame placeholders (python-pptx shapes) by what they hold (date, footer, slide_number)."""
    found: dict[str, Any] = {}
    wanted = {ph_type: role for role, ph_type in FRAME_TYPES.items()}
    for shape in layout_shapes:
        pid = placeholder_id(shape.element)
        if pid is not None and pid.type in wanted:
            found.setdefault(wanted[pid.type], shape)
    return found


def draws_slide_number(shapes: Iterable[Any]) -> bool:
    """Does one of *shapes* (a layout's or master's non-placeholder shapes) show a slide-number field?"""
    return any(placeholder_id(shape.element) is None and _SLIDENUM_FIELDS(shape.element) for shape in shapes)


def decoration_text(shapes: Iterable[Any]) -> list[Any]:
    """The shapes among *shapes* (a layout's or master's) that are not placeholders and show text: captions
    and labels a logo must not cover."""
    return [shape for shape in shapes if placeholder_id(shape.element) is None
            and getattr(shape, "has_text_frame", False) and shape.text_frame.text.strip()]


def shows_master_shapes(layout_element: Any) -> bool:
    """Does the layout show its master's decoration (``showMasterSp``, on unless set to 0)?"""
    return layout_element.get("showMasterSp", "1") not in ("0", "false")


def make_slide_number_field(run: Any, number: int) -> None:
    """Turn python-pptx *run* (``a:r``, styled) into a ``slidenum`` field showing *number*."""
    r = run._r
    fld = r.makeelement(qn("a:fld"), {"id": SLIDENUM_FIELD_ID, "type": "slidenum"})
    for child in list(r):  # a:rPr then a:t: the same children, in the same order, in a:fld
        fld.append(child)
    fld.find(qn("a:t")).text = str(number)
    r.addprevious(fld)
    r.getparent().remove(r)
