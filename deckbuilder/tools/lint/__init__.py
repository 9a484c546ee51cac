"""Layout lint for a finished deck: problems a reviewer would see on screen.

``lint_deck(path)`` returns :class:`Finding` objects (slide number from 1, shape name, rule,
message, severity "error" or "warning").  One module per rule family, each documenting its
rules: :mod:`~deckbuilder.tools.lint.overflow` (``text-overflow``),
:mod:`~deckbuilder.tools.lint.placement` (``off-slide``, ``overlap``),
:mod:`~deckbuilder.tools.lint.small_text` (``small-text``),
:mod:`~deckbuilder.tools.lint.text_rules` (``number-unit-break``, ``raw-template``),
:mod:`~deckbuilder.tools.lint.chart_rules` (``axis-not-zero``, ``highlight-unexplained``),
:mod:`~deckbuilder.tools.lint.precision` (``mixed-precision``);
:mod:`~deckbuilder.tools.lint.runner` applies them.

Severity: "error" is visibly broken in PowerPoint as saved (text with no autofit running past
the shape's edges, a shape off the slide, template syntax left in text); everything else is
a "warning" (including text that needs the box's insets but stays inside the shape).

Fonts: text is measured with the fonts installed here (fontconfig's choice for the deck's
typefaces, e.g. Noto Sans CJK for 微软雅黑), the same ones the LibreOffice preview uses, so
lint and preview agree on line breaks.  One known difference: LibreOffice adds a little
space between CJK and Latin characters ("autospace", which PowerPoint does not), so a mixed
Chinese/Latin line can wrap slightly earlier in the preview than the lint predicts.

Everything is read-only; the deck is never saved.
"""

from deckbuilder.tools.lint.findings import MIN_FONT_PT, Finding, format_findings
from deckbuilder.tools.lint.measure import TextMeasure, measure_paragraphs
from deckbuilder.tools.lint.runner import RULES, lint_deck, lint_presentation

__all__ = ["MIN_FONT_PT", "RULES", "Finding", "TextMeasure", "format_findings", "lint_deck",
           "lint_presentation", "measure_paragraphs"]
