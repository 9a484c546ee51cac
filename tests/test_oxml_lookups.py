"""deckbuilder.deck.oxml.lookups: python-pptx's element helpers, faster, with the same answers."""

from __future__ import annotations

from pptx import Presentation
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.oxml.xmlchemy import BaseOxmlElement

import deckbuilder.deck.oxml.lookups  # noqa: F401  (installs them)
from deckbuilder.spec.themes import LAYOUTS_DIR


def _plain_first_child_found_in(element, *tagnames):
    """python-pptx 1.0's own loop: one ``find`` per tag name, in order."""
    for tagname in tagnames:
        child = element.find(qn(tagname))
        if child is not None:
            return child
    return None


TAG_LISTS = [
    ("a:solidFill", "a:latin", "a:ea"),
    ("a:ea", "a:latin"),  # the earlier tag name wins, wherever its child is
    ("p:nvSpPr", "p:spPr", "p:txBody", "p:style", "p:extLst"),
    ("p:spPr", "p:nvSpPr", "p:spPr"),  # a repeated name keeps its first place
    ("a:pPr", "a:r", "a:br", "a:fld", "a:endParaRPr"),
    ("p:cSld", "p:clrMapOvr", "p:transition", "p:timing", "p:extLst"),
    ("a:noSuchTag",),
    (),
]


def test_first_child_found_in_answers_what_python_pptx_answers_for_every_template_element():
    prs = Presentation(str(LAYOUTS_DIR / "default.pptx"))
    checked = 0
    for part in (*prs.slide_layouts, prs.slide_master):
        for element in part.element.iter():
            if not isinstance(element, BaseOxmlElement):
                continue
            for tags in TAG_LISTS:
                assert element.first_child_found_in(*tags) is _plain_first_child_found_in(element, *tags)
                checked += 1
    assert checked > 1000


def test_the_first_listed_tag_wins_over_an_earlier_child_and_the_first_such_child_is_found():
    rpr = parse_xml(f'<a:rPr {nsdecls("a")}><!-- note --><a:latin typeface="1"/><a:ea typeface="2"/>'
                    '<a:ea typeface="3"/><a:latin typeface="4"/></a:rPr>')
    assert rpr.first_child_found_in("a:ea", "a:latin").get("typeface") == "2"
    assert rpr.first_child_found_in("a:cs", "a:latin", "a:ea").get("typeface") == "1"
    assert rpr.first_child_found_in("a:cs", "a:sym") is None
    assert parse_xml(f'<a:rPr {nsdecls("a")}/>').first_child_found_in("a:latin") is None


def test_children_are_inserted_in_schema_order_as_before():
    rpr = parse_xml(f'<a:rPr {nsdecls("a")}><a:latin typeface="x"/><a:hlinkClick/></a:rPr>')
    rpr.get_or_change_to_solidFill()  # a fill goes before the typefaces
    assert [child.tag.split("}")[1] for child in rpr] == ["solidFill", "latin", "hlinkClick"]


def test_an_element_with_many_children_gets_the_same_answer():
    runs = "".join(f"<a:r><a:t>{k}</a:t></a:r>" for k in range(30))
    p = parse_xml(f'<a:p {nsdecls("a")}><a:pPr/>{runs}<a:br/><a:endParaRPr/></a:p>')
    for tags in [("a:endParaRPr",), ("a:br", "a:r"), ("a:fld", "a:endParaRPr", "a:br"), ("a:fld",), ()]:
        assert p.first_child_found_in(*tags) is _plain_first_child_found_in(p, *tags)
    assert p.first_child_found_in("a:br", "a:r") is p[31]
