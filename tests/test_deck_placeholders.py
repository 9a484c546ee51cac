"""deckbuilder.deck.oxml.placeholders: reading a placeholder's type/idx and matching it."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.util import Pt

from deckbuilder.deck.oxml.placeholders import (
    PlaceholderId,
    find_inherited,
    master_type,
    placeholder_id,
    same_type,
)


@pytest.fixture(scope="module")
def prs():
    return Presentation()


def test_placeholder_id_reads_type_and_idx(prs):
    title_slide = prs.slide_layouts[0]
    assert [placeholder_id(ph.element) for ph in title_slide.placeholders][:2] == [
        PlaceholderId("ctrTitle", 0), PlaceholderId("subTitle", 1)]


def test_missing_type_is_obj_and_missing_idx_is_zero(prs):
    content = prs.slide_layouts[1].placeholders[1]  # <p:ph idx="1"/>: no type
    assert placeholder_id(content.element) == PlaceholderId("obj", 1)
    title = prs.slide_layouts[1].placeholders[0]  # <p:ph type="title"/>: no idx
    assert placeholder_id(title.element) == PlaceholderId("title", 0)


def test_a_text_box_is_not_a_placeholder():
    slide = Presentation().slides.add_slide(Presentation().slide_layouts[6])
    box = slide.shapes.add_textbox(0, 0, Pt(10), Pt(10))
    assert placeholder_id(box.element) is None


def test_layout_map_matching():
    assert PlaceholderId("obj", 1).matches("body", 1)  # obj is body content
    assert PlaceholderId("body", 1).matches("obj", 1)
    assert not PlaceholderId("body", 2).matches("body", 1)
    assert not PlaceholderId("title", 0).matches("ctrTitle", 0)  # exact type for a map
    assert same_type("pic", "pic") and not same_type("pic", "body")


def test_inheritance_matches_idx_first_then_type_family(prs):
    layout = prs.slide_layouts[4]  # Comparison: body 1, obj 2, body 3, obj 4
    assert find_inherited(layout.placeholders, 3, "body").placeholder_format.idx == 3
    # no idx 7: first placeholder of the same type
    assert find_inherited(layout.placeholders, 7, "body").placeholder_format.idx == 1
    # title types are one family: a ctrTitle inherits from a title
    assert find_inherited(layout.placeholders, None, "ctrTitle").placeholder_format.idx == 0
    assert find_inherited(layout.placeholders, None, "pic") is None


@pytest.mark.parametrize(("ph_type", "expected"), [
    ("ctrTitle", "title"), ("title", "title"), ("subTitle", "body"), ("obj", "body"),
    ("ftr", "ftr"), ("sldNum", "sldNum")])
def test_master_type(ph_type, expected):
    assert master_type(ph_type) == expected
