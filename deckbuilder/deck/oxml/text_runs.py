"""A styled text run (``<a:r>``), and a new paragraph's properties, written as one piece of XML.

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

:func:`set_paragraph_properties` does the same for what python-pptx's paragraph setters
(``alignment``, ``space_after``, ``line_spacing``) and the bullet write on a paragraph whose
``a:pPr`` is new or has no children yet (a new paragraph, a text box's or a card's first one);
children then go in schema order simply by being appended in that order.
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
_PPR, _LN_SPC, _SPC_AFT, _SPC_PCT, _SPC_PTS = (qn(tag) for tag in ("a:pPr", "a:lnSpc", "a:spcAft", "a:spcPct",
                                                                  "a:spcPts"))
_BU_FONT, _BU_CHAR = qn("a:buFont"), qn("a:buChar")
#: where python-pptx inserts a new ``a:pPr``: before the first of these
_AFTER_PPR = ("a:r", "a:br", "a:fld", "a:endParaRPr")

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


def set_paragraph_properties(p, *, algn: str | None = None, spc_aft: str | None = None,
                             ln_spc_pct: str | None = None, bullet: tuple[str, str, str] | None = None,
                             bullet_typeface: str = "") -> bool:
    """Set paragraph *p*'s alignment (``algn``), space after (``a:spcPts`` centipoints), line
    spacing (``a:spcPct``) and bullet (``(marL, indent, char)``) as python-pptx's setters and
    :func:`~deckbuilder.deck.text_style.write_text` would, values already in their XML form.
    False (nothing changed) when *p* has an ``a:pPr`` with children: then the setters must find
    each one's place."""
    ppr = p.find(_PPR)
    if ppr is not None and len(ppr):
        return False
    if algn is None and spc_aft is None and ln_spc_pct is None and bullet is None:
        return True
    if ppr is None:
        ppr = p.makeelement(_PPR, {})
        p.insert_element_before(ppr, *_AFTER_PPR)
    if algn is not None:
        ppr.set("algn", algn)
    if ln_spc_pct is not None:
        etree.SubElement(etree.SubElement(ppr, _LN_SPC), _SPC_PCT, val=ln_spc_pct)
    if spc_aft is not None:
        etree.SubElement(etree.SubElement(ppr, _SPC_AFT), _SPC_PTS, val=spc_aft)
    if bullet is not None:
        mar_l, indent, char = bullet
        ppr.set("marL", mar_l)
        ppr.set("indent", indent)
        etree.SubElement(ppr, _BU_FONT, typeface=bullet_typeface)
        etree.SubElement(ppr, _BU_CHAR, char=char)
    return True


def end_paragraph_mark(p):
    """*p*'s ``a:endParaRPr``, added (last) if it has none, as python-pptx's ``get_or_add_endParaRPr``."""
    end = p.find(_END_PARA)
    return etree.SubElement(p, _END_PARA) if end is None else end
