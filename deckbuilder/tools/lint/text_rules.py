"""Rules on what the text says, not where it sits: ``number-unit-break`` and ``raw-template``.

``number-unit-break``
    A line break, in the layout as rendered, falls inside a number with its sign or unit
    (``2.22`` | ``亿``, ``22`` | ``小时``, ``+`` | ``3.2%``).  Paragraphs are wrapped as
    ``text-overflow`` wraps them, but breaking wherever a renderer may: only a word joiner or
    no-break space in the text keeps a number and its unit together (the renderers write them,
    :mod:`deckbuilder.deck.keep_together`).  Text boxes, placeholders and table cells.

``raw-template``
    Template syntax left in slide text (``{{``, ``{%``, ``{#``): a template that was never
    rendered.  Text boxes, placeholders, table cells, chart titles, categories and series
    names.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from pptx.table import _Cell

from deckbuilder.deck.fonts import HARD_BREAKS, wrap_runs
from deckbuilder.deck.geometry import EMU_PER_PT
from deckbuilder.deck.keep_together import WORD_JOINER, number_unit_spans
from deckbuilder.deck.oxml.ns import qn
from deckbuilder.deck.text_cascade import TextBodyCascade
from deckbuilder.tools.lint.findings import Finding, SlideCheck
from deckbuilder.tools.lint.measure import scaled
from deckbuilder.tools.lint.shapes import ShapeFacts

TEMPLATE_MARKS = ("{{", "{%", "{#")
_UNSPANNED = dict.fromkeys(map(ord, "".join(HARD_BREAKS) + WORD_JOINER))  # characters the joined lines do not have


def number_unit_break(check: SlideCheck, shape) -> list[Finding]:
    splits = sorted(set(_split_numbers(check, shape)))
    if not splits:
        return []
    shown = ", ".join(f"'{before}|{after}'" for before, after in splits[:5])
    return [check.finding(shape, "number-unit-break",
                          f"a line break separates a number from its sign or unit: {shown}")]


def _split_numbers(check: SlideCheck, shape) -> Iterator[tuple[str, str]]:
    kind = check.facts.kind(shape)
    if kind == "table":
        table = shape.table
        widths = [int(c.width) for c in table.columns]
        for tr in table._tbl.tr_lst:
            for c, tc in enumerate(tr.tc_lst):
                cell = _Cell(tc, table)
                if cell.is_spanned or not cell.text.strip():
                    continue
                cascade = check.styles.for_cell(cell, check.slide)
                left, _, right, _ = cascade.body_format().insets_emu
                width = (sum(widths[c:c + cell.span_width]) - left - right) / EMU_PER_PT
                yield from _body_splits(tc.txBody, cascade, width, True, 1.0)
        return
    if kind in ("chart", "group", "picture") or not check.facts.has_text(shape):
        return
    cascade = check.styles.for_shape(shape, check.slide)
    body = cascade.body_format()
    if body.vertical:
        return
    left, _, right, _ = body.insets_emu
    width = (check.facts.box(shape)[2] - left - right) / EMU_PER_PT
    yield from _body_splits(shape.text_frame._txBody, cascade, width, body.wrap, body.font_scale)


def _body_splits(txbody, cascade: TextBodyCascade, width_pt: float, wrap: bool,
                 scale: float) -> Iterator[tuple[str, str]]:
    """(before, after) for every number-unit span a wrapped line break cuts through."""
    for p in txbody.findall(qn("a:p")):
        runs = scaled(cascade.styled_runs(p), scale)
        plain = "".join(r.text for r in runs)
        if not plain.strip():
            continue
        # The wrapped lines, joined, are the paragraph's text without its line breaks and word
        # joiners: where that text holds no number with a unit, no break can cut one (most
        # paragraphs), so it is not wrapped.
        if not number_unit_spans(plain.translate(_UNSPANNED)):
            continue
        fmt = cascade.paragraph_format(p)
        inset = (fmt.margin_left_emu + max(fmt.indent_emu, 0)) / EMU_PER_PT
        lines = wrap_runs(runs, max(width_pt - inset, 1.0) if wrap else math.inf,
                          hanging_punctuation=fmt.hanging_punctuation, keep_together=False)
        text, breaks = "", []
        for line in lines:
            text += line.text.replace(WORD_JOINER, "")
            if not line.hard_end:
                breaks.append(len(text))
        for start, end in number_unit_spans(text):
            for cut in breaks:
                if start < cut < end:
                    yield text[start:cut], text[cut:end]


def raw_template(check: SlideCheck, shape) -> list[Finding]:
    texts = [t for t in shape_texts(check.facts, shape) if any(mark in t for mark in TEMPLATE_MARKS)]
    if not texts:
        return []
    sample = texts[0].strip().replace("\n", " ")
    sample = sample if len(sample) <= 60 else sample[:57] + "..."
    return [check.finding(shape, "raw-template",
                          f"template syntax left in the text (never rendered): '{sample}'", "error")]


def shape_texts(facts: ShapeFacts, shape, *, charts: bool = True) -> Iterator[str]:
    """The texts a shape shows: a table's cells, a text frame's text, and (with *charts*) a chart's
    titles, series names and category labels."""
    kind = facts.kind(shape)
    if kind == "table":
        for tr in shape.table._tbl.tr_lst:
            for tc in tr.tc_lst:
                yield "".join(tc.xpath(".//a:t/text()"))
    elif kind == "chart":
        if not charts:
            return
        space = shape.chart._chartSpace
        yield from space.xpath(".//a:t/text()")
        yield from space.xpath(".//c:tx//c:v/text() | .//c:cat//c:v/text()")
    elif kind not in ("group", "picture") and facts.has_text(shape):
        yield facts.text(shape)
