"""``text-overflow``: text that does not fit its box.

Every paragraph is wrapped to the box width minus the insets (bodyPr ``lIns``/``rIns``,
default 0.1") with real glyph advances (:mod:`deckbuilder.tools.lint.measure`,
:mod:`deckbuilder.deck.fonts`): CJK text breaking between any two characters and Latin
text at spaces (closing punctuation never starts a line; a comma or full stop may hang past
the margin, as PowerPoint's ``hangingPunct`` and LibreOffice allow).  The stacked height is
compared with the box height minus ``tIns``/``bIns``.  Sizes and typefaces follow
PowerPoint's inheritance (run, paragraph, shape list style, layout and master placeholders,
master text styles, theme fonts; 18 pt when nothing says), read by :mod:`deckbuilder.deck.text_cascade`.

``normAutofit`` (shrink text on overflow): the stored ``fontScale`` and ``lnSpcReduction``
are applied; text that still overflows is a *warning* naming the scale it would need,
assuming PowerPoint's 20 % line-spacing reduction (PowerPoint only re-shrinks when the text
is edited).  ``spAutoFit`` (resize shape to fit text; python-pptx text boxes have it): the
box grows past its planned size, so this is a *warning* (PowerPoint shows the text running
past the box until the text is edited, LibreOffice grows the box).  With wrapping off, a
line wider than the box overflows.  Text with no autofit running past the shape's edges is
an *error*; text that only needs the box's insets is a *warning*.

Tables: every cell is wrapped to its column width; rows grow to fit their text in
PowerPoint, so one *warning* per table names the rows that will grow and the height the
table will really take.  Charts and vertical text are skipped.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.table import _Cell

from deckbuilder.deck.geometry import EMU_PER_PT
from deckbuilder.deck.oxml.ns import qn
from deckbuilder.tools.lint.findings import TEXT_TOLERANCE_PT, Finding, SlideCheck, pt_cm
from deckbuilder.tools.lint.measure import TextMeasure, measure_paragraphs

#: Smallest ``normAutofit`` scale PowerPoint applies.
MIN_AUTOFIT_SCALE = 0.25


def text_overflow(check: SlideCheck, shape) -> list[Finding]:
    kind = check.facts.kind(shape)
    if kind == "table":
        return _table_overflow(check, shape)
    if kind in ("chart", "group", "picture") or not check.facts.has_text(shape):
        return []
    cascade = check.styles.for_shape(shape, check.slide)
    body = cascade.body_format()
    if body.vertical:
        return []
    _, _, width, height = check.facts.box(shape)
    left_in, top_in, right_in, bottom_in = body.insets_emu
    box_w = (width - left_in - right_in) / EMU_PER_PT
    box_h = (height - top_in - bottom_in) / EMU_PER_PT
    paragraphs = shape.text_frame._txBody.findall(qn("a:p"))
    measure = measure_paragraphs(paragraphs, cascade, box_w, wrap=body.wrap,
                                 scale=body.font_scale,
                                 line_reduction=body.line_spacing_reduction)
    problems = _overflow_problems(measure, box_w, box_h, body.wrap)
    if not problems:
        return []
    message = "; ".join(problems)
    if body.autofit == "shape":
        message += "; resize-shape-to-fit-text is on: the box grows past its planned size"
        return [check.finding(shape, "text-overflow", message, "warning")]
    if body.autofit == "normal":
        need = _needed_scale(paragraphs, cascade, box_w, box_h, body.wrap)
        message += (f"; shrink-on-overflow is on: it needs about {need:.0%} of the font size"
                    if need else "; even the smallest autofit scale does not fit it")
        return [check.finding(shape, "text-overflow", message, "warning")]
    if _overflow_problems(measure, width / EMU_PER_PT, height / EMU_PER_PT, body.wrap):
        return [check.finding(shape, "text-overflow", message, "error")]
    message += "; it only runs into the insets and stays inside the shape"
    return [check.finding(shape, "text-overflow", message, "warning")]


def _overflow_problems(measure: TextMeasure, box_w: float, box_h: float, wrap: bool) -> list[str]:
    """What does not fit, in words (empty when everything fits)."""
    problems = []
    if not wrap and measure.widest_pt > box_w + TEXT_TOLERANCE_PT:
        problems.append(f"a line is {pt_cm(measure.widest_pt)} wide but the box has "
                        f"{pt_cm(box_w)} (wrapping is off)")
    if measure.height_pt > box_h + TEXT_TOLERANCE_PT:
        problems.append(f"text needs {pt_cm(measure.height_pt)} for {measure.lines} "
                        f"line(s) but the box has {pt_cm(box_h)} inside its insets")
    return problems


def _needed_scale(paragraphs, cascade, box_w, box_h, wrap) -> float | None:
    """Largest font scale (to 1 %) at which the text fits, or None below 25 %."""
    lo, hi = MIN_AUTOFIT_SCALE, 1.0
    fits = measure_paragraphs(paragraphs, cascade, box_w, wrap=wrap, scale=lo,
                              line_reduction=0.2).height_pt <= box_h
    if not fits:
        return None
    while hi - lo > 0.01:
        mid = (lo + hi) / 2
        height = measure_paragraphs(paragraphs, cascade, box_w, wrap=wrap, scale=mid,
                                    line_reduction=0.2).height_pt
        lo, hi = (mid, hi) if height <= box_h else (lo, mid)
    return lo


def _table_overflow(check: SlideCheck, shape) -> list[Finding]:
    table = shape.table
    col_widths = [int(c.width) for c in table.columns]
    needed_rows, grown = [], []
    # straight over the XML rows: table.rows[i] lists every row again (quadratic)
    for r, tr in enumerate(table._tbl.tr_lst):
        need = 0.0
        for c, tc in enumerate(tr.tc_lst):
            cell = _Cell(tc, table)
            if cell.is_spanned or not cell.text.strip():
                continue
            need = max(need, _cell_height(check, cell, col_widths[c:c + cell.span_width])
                       / max(cell.span_height, 1))
        needed_rows.append(max(need, int(tr.h) / EMU_PER_PT))
        if need > int(tr.h) / EMU_PER_PT + TEXT_TOLERANCE_PT:
            grown.append(r + 1)
    if not grown:
        return []
    total = sum(needed_rows)
    rows = ", ".join(str(r) for r in grown)
    return [check.finding(shape, "text-overflow",
                          f"text does not fit the height of row(s) {rows}; the rows grow and "
                          f"the table takes {pt_cm(total)} instead of "
                          f"{pt_cm(check.facts.box(shape)[3] / EMU_PER_PT)}")]


def _cell_height(check: SlideCheck, cell, widths: Sequence[int]) -> float:
    """Height in points a cell needs: its text plus top and bottom margins."""
    cascade = check.styles.for_cell(cell, check.slide)
    left_m, top_m, right_m, bottom_m = cascade.body_format().insets_emu
    width = (sum(widths) - left_m - right_m) / EMU_PER_PT
    paragraphs = cell._tc.txBody.findall(qn("a:p"))
    return measure_paragraphs(paragraphs, cascade, width).height_pt \
        + (top_m + bottom_m) / EMU_PER_PT
