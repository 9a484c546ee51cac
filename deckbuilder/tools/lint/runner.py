"""Runs the rules over a deck: each rule is a function of one slide (:class:`SlideCheck`).

Three shapes of rule: *item* rules see every visible shape, inside groups too
(``text-overflow``, ``small-text``, and the text rules ``number-unit-break``, ``raw-template``);
*shape* rules see each top-level shape (``off-slide``, the chart rules ``axis-not-zero``,
``highlight-unexplained``, and ``missing-alt-text``); *slide* rules see the slide's top-level shapes together
(``overlap``, ``mixed-precision``).  Findings come in slide order, then in that order of rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from deckbuilder.deck.template import open_presentation
from deckbuilder.deck.text_cascade import TextCascade
from deckbuilder.tools.lint.accessibility import missing_alt_text
from deckbuilder.tools.lint.chart_rules import axis_not_zero, highlight_unexplained
from deckbuilder.tools.lint.findings import MIN_FONT_PT, Finding, SlideCheck
from deckbuilder.tools.lint.overflow import text_overflow
from deckbuilder.tools.lint.placement import off_slide, overlaps
from deckbuilder.tools.lint.precision import mixed_precision
from deckbuilder.tools.lint.shapes import ShapeFacts
from deckbuilder.tools.lint.small_text import small_text
from deckbuilder.tools.lint.text_rules import number_unit_break, raw_template

ShapeRule = Callable[[SlideCheck, object], list[Finding]]
SlideRule = Callable[[SlideCheck, Sequence], list[Finding]]

ITEM_RULES: dict[str, ShapeRule] = {"text-overflow": text_overflow, "small-text": small_text,
                                    "number-unit-break": number_unit_break,
                                    "raw-template": raw_template}
SHAPE_RULES: dict[str, ShapeRule] = {"off-slide": off_slide, "axis-not-zero": axis_not_zero,
                                     "highlight-unexplained": highlight_unexplained,
                                     "missing-alt-text": missing_alt_text}
SLIDE_RULES: dict[str, SlideRule] = {"overlap": overlaps, "mixed-precision": mixed_precision}

#: Every rule's name, in the order ``--help`` and error messages list them.
RULES = ("text-overflow", "off-slide", "overlap", "small-text", "number-unit-break", "raw-template",
         "axis-not-zero", "highlight-unexplained", "mixed-precision", "missing-alt-text")
assert set(RULES) == set(ITEM_RULES) | set(SHAPE_RULES) | set(SLIDE_RULES)


def lint_deck(path: str | Path, *, rules: Iterable[str] | None = None,
              min_font_pt: float = MIN_FONT_PT) -> list[Finding]:
    """Check every slide of the deck at *path*; findings in slide and z-order."""
    selected = set(RULES if rules is None else rules)
    unknown = selected - set(RULES)
    if unknown:
        raise ValueError(f"unknown lint rule(s) {sorted(unknown)}; allowed: {', '.join(RULES)}")
    return lint_presentation(open_presentation(path), rules=selected, min_font_pt=min_font_pt)


def lint_presentation(prs, *, rules: Iterable[str] | None = None,
                      min_font_pt: float = MIN_FONT_PT) -> list[Finding]:
    """Like :func:`lint_deck`, for a python-pptx presentation in memory (used at build time)."""
    selected = set(RULES if rules is None else rules)
    item_rules = [rule for name, rule in ITEM_RULES.items() if name in selected]
    shape_rules = [rule for name, rule in SHAPE_RULES.items() if name in selected]
    slide_rules = [rule for name, rule in SLIDE_RULES.items() if name in selected]
    styles = TextCascade(prs)
    slide_box = (0, 0, int(prs.slide_width), int(prs.slide_height))
    facts = ShapeFacts()  # one deck pass: the deck does not change while it is linted
    findings: list[Finding] = []
    for number, slide in enumerate(prs.slides, start=1):
        check = SlideCheck(number, slide, styles, slide_box, min_font_pt, facts)
        top_level = [s for s in slide.shapes if facts.is_visible(s)]
        for shape in top_level:
            for item in facts.walk(shape):
                for item_rule in item_rules:
                    findings += item_rule(check, item)
            for shape_rule in shape_rules:
                findings += shape_rule(check, shape)
        for slide_rule in slide_rules:
            findings += slide_rule(check, top_level)
    return findings
