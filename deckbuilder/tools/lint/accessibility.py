"""Accessibility rules: ``missing-alt-text``.

``missing-alt-text``
    A chart, table or picture (a graphic frame or a ``p:pic``) with no alternative text
    (``p:cNvPr/@descr`` empty or missing), or with only an image file's name (what python-pptx
    and PowerPoint put there by default): a screen reader has nothing to say about it.
"""

from __future__ import annotations

import re

from deckbuilder.deck.oxml.accessibility import alt_text
from deckbuilder.deck.oxml.ns import qn
from deckbuilder.tools.lint.findings import Finding, SlideCheck

GRAPHICS = {qn("p:graphicFrame"), qn("p:pic")}
FILE_NAME = re.compile(r"^[^\s/\\]+\.(png|jpe?g|gif|bmp|svg|emf|wmf|tiff?)$", re.IGNORECASE)


def missing_alt_text(check: SlideCheck, shape) -> list[Finding]:
    if shape._element.tag not in GRAPHICS:
        return []
    text = alt_text(shape).strip()
    if not text:
        problem = "has no alt text (descr)"
    elif FILE_NAME.match(text):
        problem = f"has only a file name as alt text ('{text}')"
    else:
        return []
    return [check.finding(shape, "missing-alt-text", f"a chart, table or picture {problem}: screen readers "
                          "cannot describe it; give it 'alt:' in the spec")]
