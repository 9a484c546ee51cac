"""A styled text run (``<a:r>``) written as one piece of XML.

python-pptx builds a run in many small steps: the run parsed from a string,
inserted before ``a:endParaRPr``, its ``a:rPr`` added and then looked up again
by every font property (``font.size``, ``font.bold``, ``font.color.rgb``), each
setter finding its place in schema order. The renderers write hundreds of runs
per deck, so :func:`append_run` makes the same elements, with the same
attributes in the same order, directly::

    <a:r>
      <a:rPr sz="1400" b="1" lang="zh-CN" altLang="en-US">   (sz, b only when set)
        <a:solidFill><a:srgbClr val="1F4E79"/></a:solidFill>  (only with a colour)
        <a:latin typeface="..."/><a:ea typeface="..."/><a:cs typeface="..."/>
      </a:rPr>
      <a:t>text</a:t>
    </a:r>
"""

from __future__ import annotations

import re

from lxml import etree

from deckbuilder.deck.oxml.ns import NAMESPACES, qn

_A = NAMESPACES["a"]
_R, _RPR, _T = qn("a:r"), qn("a:rPr"), qn("a:t")
_SOLID_FILL, _SRGB = qn("a:solidFill"), qn("a:srgbClr")
_LATIN, _EA, _CS = qn("a:latin"), qn("a:ea"), qn("a:cs")
_END_PARA = qn("a:endParaRPr")

#: python-pptx's ``CT_RegularTextRun._escape_ctrl_chars``: control characters other than tab and
#: line feed become ``_xHHHH_`` (xml_text has removed most of them; a carriage return is left).
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")

#: ``ST_TextFontSize``: the sizes (centipoints) python-pptx accepts for ``sz``.
FONT_SIZE_RANGE = range(100, 400001)


def declares_drawingml(element) -> bool:
    """Does *element* see the ``a:`` prefix bound to DrawingML? (Then elements added under it
    are written with that prefix, as python-pptx's are, and need no declaration of their own.)"""
    return element.nsmap.get("a") == _A


def append_run(p, text: str, *, lang: str, latin: str, east_asian: str, sz: int | None = None,
               bold: bool | None = None, rgb: str | None = None) -> None:
    """Add a run of *text* to paragraph *p* after its other runs (before ``a:endParaRPr``).

    *sz* in centipoints (within :data:`FONT_SIZE_RANGE`), *rgb* six upper-case hex digits;
    None leaves a value to inheritance. *p* must see the ``a:`` prefix (:func:`declares_drawingml`).
    """
    r = etree.SubElement(p, _R)
    end = p.find(_END_PARA)
    if end is not None:
        end.addprevious(r)
    attrib: dict[str, str] = {}
    if sz is not None:
        attrib["sz"] = str(sz)
    if bold is not None:
        attrib["b"] = "1" if bold else "0"
    attrib["lang"] = lang
    attrib["altLang"] = "en-US"
    rpr = etree.SubElement(r, _RPR, attrib)
    if rgb is not None:
        etree.SubElement(etree.SubElement(rpr, _SOLID_FILL), _SRGB, val=rgb)
    etree.SubElement(rpr, _LATIN, typeface=latin)
    etree.SubElement(rpr, _EA, typeface=east_asian)
    etree.SubElement(rpr, _CS, typeface=latin)
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)
    etree.SubElement(r, _T).text = text
