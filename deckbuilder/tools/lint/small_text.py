"""``small-text``: text under 12 pt (after autofit scaling), once per shape with the smallest
size; chart text only where the chart XML sets a size."""

from __future__ import annotations

from collections.abc import Iterator

from deckbuilder.deck.oxml.ns import qn
from deckbuilder.deck.text_cascade import TextBodyCascade
from deckbuilder.tools.lint.findings import Finding, SlideCheck


def small_text(check: SlideCheck, shape) -> list[Finding]:
    sizes = list(_text_sizes(check, shape))
    if not sizes or min(sizes) >= check.min_font_pt - 1e-6:
        return []
    smallest = min(sizes)
    where = "chart text" if check.facts.kind(shape) == "chart" else "text"
    return [check.finding(shape, "small-text", f"{where} at {smallest:g} pt is smaller than "
                          f"{check.min_font_pt:g} pt")]


def _text_sizes(check: SlideCheck, shape) -> Iterator[float]:
    kind = check.facts.kind(shape)
    if kind == "chart":
        for sz in shape.chart._chartSpace.xpath(".//a:defRPr/@sz | .//a:rPr/@sz"):
            yield int(sz) / 100
    elif kind == "table":
        for cell in shape.table.iter_cells():  # table.rows[i] lists every row again (quadratic)
            if not cell.is_spanned:
                yield from _body_sizes(cell._tc.txBody, check.styles.for_cell(cell, check.slide))
    elif kind not in ("group", "picture") and check.facts.has_text(shape):
        cascade = check.styles.for_shape(shape, check.slide)
        yield from _body_sizes(shape.text_frame._txBody, cascade)


def _body_sizes(txbody, cascade: TextBodyCascade) -> Iterator[float]:
    scale = cascade.body_format().font_scale
    for p in txbody.findall(qn("a:p")):
        for run in cascade.styled_runs(p):
            if run.text.strip():
                yield round(run.style.size_pt * scale, 2)
