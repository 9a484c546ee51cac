"""``mixed-precision``: one figure shown with two precisions on the same slide.

``52.0%`` on a card and ``52%`` in the commentary, ``0.3pp`` and ``0.30 个百分点``: the same
number written with different decimals reads as two different figures, or as carelessness.
Every number with a unit in the slide's text (text boxes, placeholders, table cells; sign
and arrows aside) is compared with the others in the same unit (``个百分点`` is ``pp``);
two that are equal but written with different decimals are reported.  Close values
(``4.3 分`` and ``4 分``) are not: they may well be two figures (a score and a threshold).
Numbers without a unit are not compared (a count and a score can coincide), nor are numbers
on different slides.  Chart labels are formatted by the chart's number
format, not stored as text, and are not read.

The renderers prevent it where they can: a metric's ``format`` governs every place the
metric is shown (:func:`deckbuilder.text.formatting.governed_format`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from deckbuilder.deck.keep_together import visible_text
from deckbuilder.tools.lint.findings import Finding, SlideCheck
from deckbuilder.tools.lint.text_rules import shape_texts

#: Unit spellings that mean the same unit.
UNIT_ALIASES = {"％": "%", "个百分点": "pp", "百分点": "pp", "x": "倍"}
_FIGURE = re.compile(
    r"(?<![\d.,])([¥$]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?"
    r"[ \u00a0]?(%|％|pp|个百分点|百分点|亿|万|倍|x(?![A-Za-z])|天|小时|分钟|元|分(?!钟))")


def figures(text: str) -> Iterator[tuple[str, Decimal, int, str]]:
    """(as written, value, decimals, unit) for every number with a unit in *text*."""
    for match in _FIGURE.finditer(visible_text(text)):
        currency, whole, fraction, unit = match.groups()
        fraction = fraction or ""
        value = Decimal(whole.replace(",", "") + ("." + fraction if fraction else ""))
        yield match.group().strip(), value, len(fraction), currency + UNIT_ALIASES.get(unit, unit)


def mixed_precision(check: SlideCheck, shapes: Sequence) -> list[Finding]:
    seen: list[tuple[str, Decimal, int, str, Any]] = []  # written, value, decimals, unit, shape
    found, reported = [], set()
    for top in shapes:
        for shape in check.facts.walk(top):
            for written, value, decimals, unit in (f for t in shape_texts(check.facts, shape, charts=False)
                                                   for f in figures(t)):
                for other_written, other_value, other_decimals, other_unit, other_shape in seen:
                    if other_unit != unit or other_decimals == decimals:
                        continue
                    pair = tuple(sorted((written, other_written)))
                    if value != other_value or pair in reported:
                        continue
                    reported.add(pair)
                    where = "" if other_shape is shape else f" (with '{other_shape.name}')"
                    found.append(check.finding(
                        shape, "mixed-precision",
                        f"'{other_written}' and '{written}' show one figure with two precisions{where}; "
                        "give the metric one format"))
                seen.append((written, value, decimals, unit, shape))
    return found


