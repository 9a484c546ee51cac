"""The one namespace table: every OOXML prefix deckbuilder reads or writes.

>>> qn("c:axId")
'{http://schemas.openxmlformats.org/drawingml/2006/chart}axId'
"""

from __future__ import annotations

NAMESPACES: dict[str, str] = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}


def qn(tag: str) -> str:
    """Clark notation for a prefixed tag: ``"a:rPr"`` -> ``"{http://...main}rPr"``."""
    prefix, _, local = tag.partition(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"
