"""Text with the right fonts everywhere: Latin *and* East Asian typefaces on every run.

PowerPoint picks the ``a:ea`` typeface for Chinese characters; python-pptx's
``font.name`` only sets ``a:latin``. Without ``a:ea`` (and ``lang``) Chinese
falls back to whatever the viewer likes, and WPS/LibreOffice may show tofu.
So every run we write goes through :func:`style_run`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.simpletypes import ST_TextSpacingPercentOrPercentString, ST_TextSpacingPoint
from pptx.util import Pt

from deckbuilder.deck.geometry import Box
from deckbuilder.deck.keep_together import keep_together
from deckbuilder.deck.oxml.ns import qn
from deckbuilder.deck.oxml.text_runs import (
    FONT_SIZE_RANGE,
    append_run,
    declares_drawingml,
    end_paragraph_mark,
    set_paragraph_properties,
)
from deckbuilder.deck.xml_text import xml_text

ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


@dataclass(frozen=True)
class Fonts:
    """A run's typefaces: Latin, East Asian, and the language tag written with them.

    The one type for "which typefaces" on both sides: renderers write runs with it,
    the lint measures runs with it (:class:`~deckbuilder.deck.fonts.RunFont`), and a
    theme's font scheme is a major and a minor ``Fonts``.
    """

    latin: str
    east_asian: str
    lang: str = "zh-CN"


#: Hanging indent of a bullet paragraph (EMU): wrapped lines align with the text, not the bullet.
BULLET_INDENT = 228600
#: ``algn`` values of :data:`ALIGN`, and a bullet's ``marL``, ``indent`` and character, as written
_ALGN = {name: PP_ALIGN.to_xml(value) for name, value in ALIGN.items()}
_BULLET = (str(BULLET_INDENT), str(-BULLET_INDENT), "•")


class Bullet(str):
    """A paragraph shown as a bullet point (a real ``a:buChar`` with a hanging indent)."""


@dataclass(frozen=True)
class TextStyle:
    """How a run looks. ``size`` in points; ``color`` 6-digit hex; None = inherit."""

    size: float | None = None
    bold: bool | None = None
    color: str | None = None
    align: str | None = None


_TYPEFACES = (qn("a:latin"), qn("a:ea"), qn("a:cs"))
#: The children that come after latin/ea/cs in ``a:rPr`` (schema order), the first found first.
_AFTER_TYPEFACES = {qn(tag): rank for rank, tag in enumerate(("a:sym", "a:hlinkClick", "a:hlinkMouseOver",
                                                              "a:rtl", "a:extLst"))}


def set_typefaces(rpr, fonts: Fonts) -> None:
    """Put ``a:latin``, ``a:ea`` and ``a:cs`` on a run-properties element, in schema order."""
    rpr.set("lang", fonts.lang)
    rpr.set("altLang", "en-US")
    # latin/ea/cs come after fills and effects but before hyperlinks and extLst. The children are
    # looked at in one pass (most elements here are new and empty; a find per tag cost more).
    anchor, anchor_rank = None, len(_AFTER_TYPEFACES)
    for child in list(rpr):
        if child.tag in _TYPEFACES:
            rpr.remove(child)
            continue
        rank = _AFTER_TYPEFACES.get(child.tag)
        if rank is not None and rank < anchor_rank:
            anchor, anchor_rank = child, rank
    for tag, face in zip(_TYPEFACES, (fonts.latin, fonts.east_asian, fonts.latin)):
        el = etree.SubElement(rpr, tag) if anchor is None else _insert_before(anchor, tag)
        el.set("typeface", face)


def _insert_before(anchor, tag):
    el = anchor.makeelement(tag, {})
    anchor.addprevious(el)
    return el


def _make_bullet(ppr, fonts: Fonts) -> None:
    ppr.set("marL", str(BULLET_INDENT))
    ppr.set("indent", str(-BULLET_INDENT))
    # buFont and buChar follow the spacing elements python-pptx has already placed.
    etree.SubElement(ppr, qn("a:buFont")).set("typeface", fonts.latin)
    etree.SubElement(ppr, qn("a:buChar")).set("char", "•")


def style_run(run, fonts: Fonts, style: TextStyle = TextStyle()) -> None:
    font = run.font
    if style.size is not None:
        font.size = Pt(style.size)
    if style.bold is not None:
        font.bold = style.bold
    if style.color is not None:
        font.color.rgb = RGBColor.from_string(style.color)
    set_typefaces(run._r.get_or_add_rPr(), fonts)


def _append_styled_run(p, text: str, fonts: Fonts, style: TextStyle) -> bool:
    """:func:`style_run` on a new run of *text*, written directly (:mod:`~deckbuilder.deck.oxml.text_runs`):
    the same XML without python-pptx's per-property lookups. False (nothing written) for a size
    python-pptx would refuse, so that the usual path raises its error."""
    sz = None
    if style.size is not None:
        sz = int(style.size * 12700) // 127  # what font.size = Pt(size) stores (centipoints)
        if sz not in FONT_SIZE_RANGE:
            return False
    rgb = str(RGBColor.from_string(style.color)) if style.color is not None else None
    append_run(p, text, lang=fonts.lang, latin=fonts.latin, east_asian=fonts.east_asian, sz=sz,
               bold=style.bold, rgb=rgb)
    return True


def write_text(text_frame, paragraphs, fonts: Fonts, style: TextStyle = TextStyle(), *,
               space_after: float | None = None, line_spacing: float | None = None,
               align: str | None = None, glue_units: bool = True) -> None:
    """Replace a text frame's content with *paragraphs*.

    Each paragraph is a string, or a list of ``(text, TextStyle)`` runs. Every run
    gets the theme's Latin and East Asian typefaces; a number keeps its unit on the same
    line (:func:`~deckbuilder.deck.keep_together.keep_together`) unless *glue_units* is off
    (speaker notes, which no slide lays out). *align* applies to paragraphs
    whose first run does not set one.
    """
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    text_frame.clear()
    # New paragraphs and runs are written as one piece of XML (oxml/text_runs.py) where the text
    # body uses the a: prefix; the same XML as python-pptx's setters, without their lookups.
    direct = declares_drawingml(text_frame._txBody)
    spc_aft = None if space_after is None else ST_TextSpacingPoint.to_xml(Pt(space_after))
    ln_spc = None if line_spacing is None else ST_TextSpacingPercentOrPercentString.to_xml(line_spacing)
    for i, para in enumerate(paragraphs):
        p = text_frame.paragraphs[0] if i == 0 else text_frame.add_paragraph()
        runs = [(para, style)] if isinstance(para, str) else para
        p_style = runs[0][1] if runs else style
        alignment = p_style.align or align
        bullet = isinstance(para, Bullet)
        if not (direct and set_paragraph_properties(
                p._p, algn=_ALGN[alignment] if alignment else None, spc_aft=spc_aft, ln_spc_pct=ln_spc,
                bullet=_BULLET if bullet else None, bullet_typeface=fonts.latin)):
            if alignment:
                p.alignment = ALIGN[alignment]
            if space_after is not None:
                p.space_after = Pt(space_after)
            if line_spacing is not None:
                p.line_spacing = line_spacing
            if bullet:
                _make_bullet(p._p.get_or_add_pPr(), fonts)
        for text, run_style in runs:
            run_text = keep_together(xml_text(text)) if glue_units else xml_text(text)
            if direct and _append_styled_run(p._p, run_text, fonts, run_style):
                continue
            run = p.add_run()
            run.text = run_text
            style_run(run, fonts, run_style)
        # The end-of-paragraph mark also needs the fonts, or an empty line renders in the fallback.
        end = end_paragraph_mark(p._p)
        if p_style.size is not None:
            end.set("sz", str(int(p_style.size * 100)))
        set_typefaces(end, fonts)


def add_textbox(slide, box: Box, paragraphs, fonts: Fonts, style: TextStyle = TextStyle(), *,
                anchor: str = "top", inset: int | None = None, wrap: bool = True, name: str | None = None,
                space_after: float | None = None, line_spacing: float | None = None):
    """A text box at *box* holding *paragraphs* (see :func:`write_text`)."""
    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    if name:
        shape.name = xml_text(name)
    tf = shape.text_frame
    tf.word_wrap = wrap
    tf.vertical_anchor = ANCHOR[anchor]
    if inset is not None:
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = inset
    write_text(tf, paragraphs, fonts, style, space_after=space_after, line_spacing=line_spacing)
    return shape
