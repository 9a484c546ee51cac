"""deckbuilder.deck.text_cascade: a run's effective size and typefaces, read from slide,
layout, master and theme (python-pptx's default template, edited here)."""

from __future__ import annotations

from lxml import etree
from pptx import Presentation
from pptx.util import Pt

from deckbuilder.deck.fonts import RunFont
from deckbuilder.deck.oxml.ns import qn
from deckbuilder.deck.text_cascade import (
    DEFAULT_FONT_PT,
    DEFAULT_INSETS,
    FontScheme,
    Spacing,
    TextCascade,
    inherited_placeholders,
    read_font_scheme,
)
from deckbuilder.deck.text_style import Fonts

TITLE_AND_CONTENT = 1


def _first_run(cascade, shape) -> RunFont:
    p = shape.text_frame._txBody.find(qn("a:p"))
    return cascade.styled_runs(p)[0].style


def _set_level1(placeholder, *, size_pt: float | None = None, latin: str | None = None) -> None:
    """Give a layout or master placeholder a level-1 default run size and/or Latin typeface."""
    body = placeholder.element.find(qn("p:txBody"))
    lst = body.find(qn("a:lstStyle"))
    for old in lst.findall(qn("a:lvl1pPr")):
        lst.remove(old)
    defrpr = etree.SubElement(etree.SubElement(lst, qn("a:lvl1pPr")), qn("a:defRPr"))
    if size_pt is not None:
        defrpr.set("sz", str(int(size_pt * 100)))
    if latin is not None:
        etree.SubElement(defrpr, qn("a:latin")).set("typeface", latin)


def _content_slide():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = "标题"
    slide.placeholders[1].text = "正文"
    return prs, slide


def test_placeholder_size_and_typeface_come_from_master_and_theme():
    prs, slide = _content_slide()
    cascade = TextCascade(prs)
    title = _first_run(cascade.for_shape(slide.shapes.title, slide), slide.shapes.title)
    body = _first_run(cascade.for_shape(slide.placeholders[1], slide), slide.placeholders[1])
    # master titleStyle 44 pt / bodyStyle level 1 32 pt; typefaces from the theme (+mj / +mn)
    assert title == RunFont(Fonts("Calibri", "宋体"), 44.0)
    assert body == RunFont(Fonts("Calibri", "宋体"), 32.0)


def test_layout_placeholder_wins_over_master():
    prs, slide = _content_slide()
    layout_body = prs.slide_layouts[TITLE_AND_CONTENT].placeholders[1]
    _set_level1(layout_body, size_pt=20, latin="Layout Sans")
    body = slide.placeholders[1]
    run = _first_run(TextCascade(prs).for_shape(body, slide), body)
    assert run.size_pt == 20.0
    assert run.fonts.latin == "Layout Sans"
    assert run.fonts.east_asian == "宋体"  # not set on the layout: still the theme's


def test_master_placeholder_wins_over_master_text_style():
    prs, slide = _content_slide()
    master_title = next(ph for ph in prs.slide_masters[0].placeholders
                        if ph.placeholder_format.type is not None and ph.name.startswith("Title"))
    _set_level1(master_title, size_pt=36, latin="+mn-lt")
    title = slide.shapes.title
    run = _first_run(TextCascade(prs).for_shape(title, slide), title)
    assert run.size_pt == 36.0
    assert run.fonts.latin == "Calibri"  # the theme reference is resolved


def test_own_run_properties_win():
    prs, slide = _content_slide()
    run = slide.placeholders[1].text_frame.paragraphs[0].runs[0]
    run.font.size = Pt(14)
    run.font.bold = True
    body = slide.placeholders[1]
    style = _first_run(TextCascade(prs).for_shape(body, slide), body)
    assert (style.size_pt, style.bold) == (14.0, True)


def test_text_box_uses_presentation_defaults():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(0, 0, Pt(200), Pt(50))
    box.text_frame.text = "text"
    cascade = TextCascade(prs).for_shape(box, slide)
    assert _first_run(cascade, box).size_pt == DEFAULT_FONT_PT
    assert cascade.body_format().insets_emu == DEFAULT_INSETS


def test_footer_inherits_from_master_placeholder_by_type():
    prs = Presentation()
    layout = prs.slide_layouts[TITLE_AND_CONTENT]
    footer = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 11)
    master = layout.slide_master
    chain = inherited_placeholders(layout, master, 11, "ftr")
    # the layout footer (idx 11), then the master footer, found by type (its idx is 3)
    assert [ph.name for ph in chain] == [footer.name, next(
        ph.name for ph in master.placeholders if ph.placeholder_format.idx == 3)]


def test_font_scheme_resolves_theme_references():
    scheme = read_font_scheme(Presentation().slide_masters[0])
    assert scheme == FontScheme(Fonts("Calibri", "宋体"), Fonts("Calibri", "宋体"))
    assert scheme.resolve("+mj-ea") == "宋体"
    assert scheme.resolve("Arial") == "Arial"
    assert scheme.resolve(None) is None


def test_spacing_heights():
    assert Spacing(percent=1.0).height(20) == 24.0  # one single-spaced line
    assert Spacing(percent=0.5).height(20) == 12.0
    assert Spacing(points=6).height(20) == 6
