"""A picture's XML: the SVG behind a PNG fallback (``asvg:svgBlip``); its alt text is oxml/accessibility.py's."""

from __future__ import annotations

from typing import Any

from lxml import etree

from deckbuilder.deck.oxml.ns import qn

#: the ``a:ext`` that holds a picture's SVG, as PowerPoint 2016+ writes it
SVG_BLIP_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def add_svg_blip(picture: Any, r_id: str) -> None:
    """``a:blip/a:extLst/a:ext/asvg:svgBlip r:embed=r_id``: the SVG PowerPoint draws instead of the PNG blip."""
    blip = picture._element.blipFill.find(qn("a:blip"))
    ext_list = blip.find(qn("a:extLst"))
    if ext_list is None:
        ext_list = etree.SubElement(blip, qn("a:extLst"))
    ext = etree.SubElement(ext_list, qn("a:ext"), uri=SVG_BLIP_EXT)
    svg_blip = etree.SubElement(ext, f"{{{SVG_NS}}}svgBlip", nsmap={"asvg": SVG_NS})
    svg_blip.set(qn("r:embed"), r_id)


def svg_blip_id(picture: Any) -> str | None:
    """The relationship id of a picture's SVG (None for a plain picture)."""
    found = picture._element.blipFill.xpath(f"./a:blip/a:extLst/a:ext[@uri='{SVG_BLIP_EXT}']/*")
    return found[0].get(qn("r:embed")) if found else None
