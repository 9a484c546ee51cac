"""Deck layer, on its own: TemplateDeck takes plain layout choices (no spec, no YAML)."""

from __future__ import annotations

import pytest

from deckbuilder.deck.template import LayoutChoice, TemplateDeck, check_pptx_file
from deckbuilder.errors import TemplateError
from deckbuilder.spec.themes import LAYOUTS_DIR

TEMPLATE = LAYOUTS_DIR / "default.pptx"
TITLE = LayoutChoice("Title", {"title": ("ctrTitle", 0), "date": ("body", 11)})


def test_a_slide_gets_its_placeholders_by_role_and_loses_the_unused():
    deck = TemplateDeck(TEMPLATE, {"title": TITLE})
    assert len(deck.prs.slides) == 0  # the template's sample slides are dropped
    slide, placeholders = deck.add_slide("title")
    assert placeholders.has("title") and placeholders.has("date") and not placeholders.has("subtitle")
    placeholders.take("title").text_frame.text = "年度总结"
    placeholders.remove_unused()
    assert [shape.text_frame.text for shape in slide.placeholders] == ["年度总结"]


def test_choices_that_do_not_match_the_template_are_reported_together():
    wrong = {"title": LayoutChoice("Titel", {}), "closing": LayoutChoice("Closing", {"title": ("title", 42)})}
    with pytest.raises(TemplateError) as info:
        TemplateDeck(TEMPLATE, wrong, "map.yaml")
    messages = [i.message for i in info.value.issues]
    assert len(messages) == 2 and "layout 'Titel'" in messages[0] and "idx 42" in messages[1]
    assert "did you mean 'Title'" in info.value.issues[0].hint
    assert {i.file for i in info.value.issues} == {"map.yaml"}


def test_a_missing_template_is_reported_without_opening_anything(tmp_path):
    with pytest.raises(TemplateError, match="template not found"):
        check_pptx_file(tmp_path / "none.pptx", what="template")
