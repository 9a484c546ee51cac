"""Accessibility and navigation in the slide XML: alt text, reading order, slide-jump hyperlinks.

* :func:`set_alt_text` -- a shape's ``p:cNvPr/@descr``, read aloud by screen readers.
* :func:`alt_text` -- read it back (lint, tests).
* :func:`move_to_end` -- put shapes last in the slide's ``p:spTree``: the tree's order is the
  order screen readers (and the Tab key) go through a slide, so it must follow the visual order.
* :func:`link_to_slide` / :func:`link_to_url` -- ``a:hlinkClick`` on a shape.
* :func:`mark_decorative` / :func:`is_decorative` -- Office's "Mark as decorative" (``adec:decorative``):
  a shape screen readers skip (a table's data bars: the table's numbers say it all).
* :func:`link_text_to_slide` / :func:`link_text_to_url` -- ``a:hlinkClick`` on a paragraph's runs (a link
  inside a text box of several paragraphs: one commentary item).
"""

from __future__ import annotations

from deckbuilder.deck.oxml.ns import qn

SLIDE_JUMP = "ppaction://hlinksldjump"
RT_SLIDE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
RT_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def _c_nv_pr(shape):
    return shape._element.xpath("./*[1]/p:cNvPr")[0]


def set_alt_text(shape, text: str) -> None:
    """A shape's alternative text (``p:cNvPr/@descr``), read aloud by screen readers."""
    _c_nv_pr(shape).set("descr", text)


def alt_text(shape) -> str:
    """A shape's alternative text ("" when it has none)."""
    return _c_nv_pr(shape).get("descr", "")


def mark_decorative(shape) -> None:
    """Mark *shape* decorative (``p:cNvPr/a:extLst/a:ext/adec:decorative val=1``), as PowerPoint does."""
    from lxml import etree

    c_nv_pr = _c_nv_pr(shape)
    ext_list = c_nv_pr.find(qn("a:extLst"))
    if ext_list is None:
        ext_list = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_list, qn("a:ext"), uri=DECORATIVE_EXT)
    etree.SubElement(ext, f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS}).set("val", "1")


_DECORATIVE_FLAGS = f"./*[1]/p:cNvPr/a:extLst/a:ext[@uri='{DECORATIVE_EXT}']/*"


def is_decorative(shape) -> bool:
    """Whether *shape* is marked decorative."""
    # python-pptx's xpath (p: and a: known), compiled once by lookups.py: asked for every shape by lint
    found = shape._element.xpath(_DECORATIVE_FLAGS)
    return any(node.get("val") in ("1", "true") for node in found)


def shape_ids(slide) -> list[int]:
    """The ids of *slide*'s shapes in shape-tree order: ``[s.shape_id for s in slide.shapes]``, read
    from the elements without making a python-pptx shape object for each."""
    return [element.shape_id for element in slide.shapes._spTree.iter_shape_elms()]


def move_to_end(slide, shapes) -> None:
    """Put *shapes* (in the given order) after every other shape of *slide*'s shape tree."""
    tree = slide.shapes._spTree
    for shape in shapes:
        tree.remove(shape._element)
        tree.append(shape._element)


def link_to_slide(shape, source_slide, target_slide) -> None:
    """Clicking *shape* jumps to *target_slide*; the relationship is *source_slide*'s."""
    r_id = source_slide.part.relate_to(target_slide.part, RT_SLIDE)
    _link(shape, r_id, SLIDE_JUMP)


def link_to_url(shape, slide, url: str) -> None:
    """Clicking *shape* opens *url* (an external relationship of *slide*)."""
    r_id = slide.part.relate_to(url, RT_HYPERLINK, is_external=True)
    _link(shape, r_id, None)


def link_text_to_slide(paragraph, source_slide, target_slide) -> None:
    """Clicking the text of *paragraph* (each of its runs) jumps to *target_slide*."""
    _link_runs(paragraph, source_slide.part.relate_to(target_slide.part, RT_SLIDE), SLIDE_JUMP)


def link_text_to_url(paragraph, slide, url: str) -> None:
    """Clicking the text of *paragraph* opens *url*."""
    _link_runs(paragraph, slide.part.relate_to(url, RT_HYPERLINK, is_external=True), None)


def _link_runs(paragraph, r_id: str, action: str | None) -> None:
    """``a:rPr/a:hlinkClick`` on every run: PowerPoint draws the text in the theme's hyperlink colour,
    underlined, as a link in running text looks; LibreOffice's PDF export keeps it as a link annotation."""
    for run in paragraph.runs:
        r_pr = run._r.get_or_add_rPr()
        r_pr._remove_hlinkClick()
        click = r_pr.add_hlinkClick(r_id)
        if action:
            click.set("action", action)


def _link(shape, r_id: str, action: str | None) -> None:
    """The link on the shape itself (``p:cNvPr/a:hlinkClick``): the whole shape is clickable, in
    PowerPoint's slide show and in LibreOffice's PDF export, and its text keeps its own colours (a link
    on the runs would be drawn in the theme's hyperlink colour, underlined)."""
    from lxml import etree

    c_nv_pr = _c_nv_pr(shape)
    for old in c_nv_pr.findall(qn("a:hlinkClick")):
        c_nv_pr.remove(old)
    click = etree.SubElement(c_nv_pr, qn("a:hlinkClick"))
    click.set(qn("r:id"), r_id)
    if action:
        click.set("action", action)
    c_nv_pr.insert(0, click)  # first child: before a:hlinkHover and a:extLst
