"""How much room a text body needs: paragraphs wrapped with real font metrics and stacked.

Every paragraph is wrapped to the available width (minus the paragraph's ``marL`` and a
positive first-line ``indent``) by :func:`deckbuilder.deck.fonts.wrap_runs`.  Lines are
1.2 x the largest font size on them (times an explicit percentage line spacing, or an exact
point spacing); paragraph space before (not on the first paragraph, which PowerPoint
ignores) and after (not after the last) are added.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from deckbuilder.deck.fonts import SINGLE_LINE_HEIGHT, StyledText, wrap_runs
from deckbuilder.deck.geometry import EMU_PER_PT
from deckbuilder.deck.text_cascade import Spacing, TextBodyCascade


@dataclass(frozen=True)
class TextMeasure:
    """How much room a text body needs: height, line count, widest line (points)."""

    height_pt: float
    lines: int
    widest_pt: float


def scaled(runs: list[StyledText], scale: float) -> list[StyledText]:
    if scale == 1.0:
        return runs
    return [StyledText(r.text, replace(r.style, size_pt=r.style.size_pt * scale)) for r in runs]


def measure_paragraphs(paragraphs: Sequence, cascade: TextBodyCascade, width_pt: float, *,
                       wrap: bool = True, scale: float = 1.0,
                       line_reduction: float = 0.0) -> TextMeasure:
    """Wrap and stack the ``a:p`` elements of one text body (see module docstring)."""
    height, count, widest = 0.0, 0, 0.0
    for i, p in enumerate(paragraphs):
        fmt = cascade.paragraph_format(p)
        runs = scaled(cascade.styled_runs(p), scale)
        inset = (fmt.margin_left_emu + max(fmt.indent_emu, 0)) / EMU_PER_PT
        lines = wrap_runs(runs, max(width_pt - inset, 1.0) if wrap else math.inf,
                          hanging_punctuation=fmt.hanging_punctuation)
        first_size = lines[0].size_pt
        if i > 0 and fmt.space_before is not None:
            height += fmt.space_before.height(first_size)
        for line in lines:
            height += line_height(line.size_pt, fmt.line_spacing, line_reduction)
            widest = max(widest, line.width_pt + inset)
        if i < len(paragraphs) - 1 and fmt.space_after is not None:
            height += fmt.space_after.height(lines[-1].size_pt)
        count += len(lines)
    return TextMeasure(height, count, widest)


def line_height(size_pt: float, spacing: Spacing | None, reduction: float) -> float:
    if spacing is not None and spacing.points is not None:
        return spacing.points
    percent = spacing.percent if spacing is not None and spacing.percent is not None else 1.0
    return size_pt * SINGLE_LINE_HEIGHT * max(percent - reduction, 0.1)
