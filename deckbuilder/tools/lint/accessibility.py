"""Accessibility rules: ``missing-alt-text``.

``missing-alt-text``
    A chart, table or picture (a graphic frame or a ``p:pic``) with no alternative text
    (``p:cNvPr/@descr`` empty or missing): a screen reader has nothing to say about it.
"""

from __future__ import annotations

from deckbuilder.deck.oxml.accessibility import alt_text
from deckbuilder.deck.oxml.ns import qn
from deckbuilder.tools.lint.findings import Finding, SlideCheck

GRAPHICS = {qn("p:graphicFrame"), qn("p:pic")}


def missing_alt_text(check: SlideCheck, shape) -> list[Finding]:
    if shape._element.tag not in GRAPHICS or alt_text(shape).strip():
        return []
    return [check.finding(shape, "missing-alt-text", "a chart, table or picture without alt text (descr): "
                          "screen readers cannot describe it; give it 'alt:' in the spec")]
