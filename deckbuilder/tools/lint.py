"""Layout lint for a finished deck: problems a reviewer would see on screen.

``lint_deck(path)`` returns :class:`Finding` objects (slide number from 1,
shape name, rule, message, severity "error" or "warning") for these rules:

``text-overflow``
    Text that does not fit its box.  Every paragraph is wrapped to the box
    width minus the insets (bodyPr ``lIns``/``rIns``, default 0.1"; minus the
    paragraph's ``marL`` and a positive first-line ``indent``) with real glyph
    advances (:mod:`deckbuilder.deck.fonts`),
    CJK text breaking between any two characters and Latin text at spaces
    (closing punctuation never starts a line; a comma or full stop may hang
    past the margin, as PowerPoint's ``hangingPunct`` and LibreOffice allow).
    Lines are 1.2 x the largest font size on them (times an explicit
    percentage line spacing, or an exact point spacing); paragraph space
    before (not on the first paragraph, which PowerPoint ignores) and after
    (not after the last) are added, and the sum is compared with the box
    height minus ``tIns``/``bIns``.  Sizes and typefaces follow PowerPoint's
    inheritance (run, paragraph, shape list style, layout and master
    placeholders, master text styles, theme fonts; 18 pt when nothing says),
    read by :mod:`deckbuilder.deck.text_cascade`.
    ``normAutofit`` (shrink text on overflow): the stored ``fontScale`` and
    ``lnSpcReduction`` are applied; text that still overflows is a *warning*
    naming the scale it would need, assuming PowerPoint's 20 % line-spacing
    reduction (PowerPoint only re-shrinks when the text is edited).
    ``spAutoFit`` (resize shape to fit text; python-pptx text boxes have it):
    the box grows past its planned size, so this is a *warning*
    (PowerPoint shows the text running past the box until the text is edited,
    LibreOffice grows the box).  With wrapping off, a line wider than the box
    overflows.
    Tables: every cell is wrapped to its column width; rows grow to fit their
    text in PowerPoint, so one *warning* per table names the rows that will
    grow and the height the table will really take.  Charts are skipped.
    Vertical text is skipped.

``off-slide``
    A top-level shape (its rotated bounding box) reaches more than 1 pt past
    an edge of the slide.

``overlap``
    Two top-level shapes of the same slide intersect by more than 1 pt in both
    directions, unless
    * one fully contains the other and the container carries no text (a card,
      panel or background picture with a label or chart on it), or
    * neither carries content (two decorative shapes; content is text, a
      chart, a table or a picture).
    So a text box poking out of its card, text over text and a chart over a
    table are flagged; a label inside a card is not.  Groups count as one shape
    (their inside is a designed unit).  Shapes of the layout and master are not
    on the slide and never count; neither do connectors, hidden shapes and
    empty placeholders (they do not show in a slide show).

``small-text``
    Text under 12 pt (after autofit scaling), once per shape with the
    smallest size; chart text only where the chart XML sets a size.

Severity: "error" is visibly broken in PowerPoint as saved (text with no
autofit running past the shape's edges, a shape off the slide); everything
else is a "warning" (including text that needs the box's insets but stays
inside the shape).

Fonts: text is measured with the fonts installed here (fontconfig's choice for
the deck's typefaces, e.g. Noto Sans CJK for 微软雅黑), the same ones the
LibreOffice preview uses, so lint and preview agree on line breaks.  One known
difference: LibreOffice adds a little space between CJK and Latin characters
("autospace", which PowerPoint does not), so a mixed Chinese/Latin line can
wrap slightly earlier in the preview than the lint predicts.

Everything is read-only; the deck is never saved.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from pptx.table import _Cell

from deckbuilder.deck.fonts import SINGLE_LINE_HEIGHT, StyledText, wrap_runs
from deckbuilder.deck.geometry import EMU_PER_PT
from deckbuilder.deck.oxml.ns import qn
from deckbuilder.deck.template import open_presentation
from deckbuilder.deck.text_cascade import Spacing, TextBodyCascade, TextCascade
from deckbuilder.tools.inspect import shape_box, shape_kind

RULES = ("text-overflow", "off-slide", "overlap", "small-text")
#: Geometry closer than this (1 pt) is noise from rounding, not a layout problem.
TOLERANCE_EMU = 12700
#: Measured text may exceed the box by this much before it counts as overflow.
TEXT_TOLERANCE_PT = 1.0
MIN_FONT_PT = 12.0
#: Smallest ``normAutofit`` scale PowerPoint applies.
MIN_AUTOFIT_SCALE = 0.25
EMU_PER_CM = 360000


@dataclass(frozen=True)
class Finding:
    """One problem on one slide."""

    slide: int  # 1-based, as PowerPoint numbers slides
    shape: str
    rule: str
    message: str
    severity: str = "warning"  # "error" | "warning"

    def __str__(self) -> str:
        return f"slide {self.slide}: {self.shape}: {self.severity}: {self.message} [{self.rule}]"

    def to_dict(self) -> dict:
        return asdict(self)


def format_findings(findings: Sequence[Finding]) -> str:
    """One line per finding plus a count, for the CLI."""
    if not findings:
        return "no problems found\n"
    errors = sum(f.severity == "error" for f in findings)
    tail = f"{len(findings)} problem(s): {errors} error(s), {len(findings) - errors} warning(s)"
    return "\n".join([str(f) for f in findings] + [tail]) + "\n"


# --------------------------------------------------------------------------- entry point


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
    styles = TextCascade(prs)
    slide_box = (0, 0, int(prs.slide_width), int(prs.slide_height))
    findings: list[Finding] = []
    for number, slide in enumerate(prs.slides, start=1):
        linter = _SlideLinter(number, slide, styles, min_font_pt)
        top_level = [s for s in slide.shapes if _is_visible(s)]
        for shape in top_level:
            for item in _walk(shape):
                if "text-overflow" in selected:
                    findings += linter.text_overflow(item)
                if "small-text" in selected:
                    findings += linter.small_text(item)
            if "off-slide" in selected:
                findings += linter.off_slide(shape, slide_box)
        if "overlap" in selected:
            findings += linter.overlaps(top_level)
    return findings


def _walk(shape) -> Iterator:
    """The shape and, for groups, every shape inside it."""
    yield shape
    if shape_kind(shape) == "group":
        for child in shape.shapes:
            if _is_visible(child):
                yield from _walk(child)


def _is_visible(shape) -> bool:
    """False for hidden shapes, connectors and placeholders nobody filled."""
    if shape.element.xpath("./*[1]/p:cNvPr[@hidden='1' or @hidden='true']"):
        return False
    kind = shape_kind(shape)
    if kind == "connector":
        return False
    if kind == "placeholder":
        return _has_text(shape)
    return True


def _has_text(shape) -> bool:
    return bool(getattr(shape, "has_text_frame", False) and shape.has_text_frame
                and shape.text_frame.text.strip())


def _has_content(shape) -> bool:
    kind = shape_kind(shape)
    if kind in ("chart", "table", "picture"):
        return True
    if kind == "group":
        return any(_has_content(child) for child in shape.shapes)
    return _has_text(shape)


# --------------------------------------------------------------------------- text measuring


@dataclass(frozen=True)
class TextMeasure:
    """How much room a text body needs: height, line count, widest line (points)."""

    height_pt: float
    lines: int
    widest_pt: float


def _scaled(runs: list[StyledText], scale: float) -> list[StyledText]:
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
        runs = _scaled(cascade.styled_runs(p), scale)
        inset = (fmt.margin_left_emu + max(fmt.indent_emu, 0)) / EMU_PER_PT
        lines = wrap_runs(runs, max(width_pt - inset, 1.0) if wrap else math.inf,
                          hanging_punctuation=fmt.hanging_punctuation)
        first_size = lines[0].size_pt
        if i > 0 and fmt.space_before is not None:
            height += fmt.space_before.height(first_size)
        for line in lines:
            height += _line_height(line.size_pt, fmt.line_spacing, line_reduction)
            widest = max(widest, line.width_pt + inset)
        if i < len(paragraphs) - 1 and fmt.space_after is not None:
            height += fmt.space_after.height(lines[-1].size_pt)
        count += len(lines)
    return TextMeasure(height, count, widest)


def _overflow_problems(measure: TextMeasure, box_w: float, box_h: float, wrap: bool) -> list[str]:
    """What does not fit, in words (empty when everything fits)."""
    problems = []
    if not wrap and measure.widest_pt > box_w + TEXT_TOLERANCE_PT:
        problems.append(f"a line is {_pt_cm(measure.widest_pt)} wide but the box has "
                        f"{_pt_cm(box_w)} (wrapping is off)")
    if measure.height_pt > box_h + TEXT_TOLERANCE_PT:
        problems.append(f"text needs {_pt_cm(measure.height_pt)} for {measure.lines} "
                        f"line(s) but the box has {_pt_cm(box_h)} inside its insets")
    return problems


def _line_height(size_pt: float, spacing: Spacing | None, reduction: float) -> float:
    if spacing is not None and spacing.points is not None:
        return spacing.points
    percent = spacing.percent if spacing is not None and spacing.percent is not None else 1.0
    return size_pt * SINGLE_LINE_HEIGHT * max(percent - reduction, 0.1)


def _pt_cm(points: float) -> str:
    return f"{points:.1f} pt ({points * EMU_PER_PT / EMU_PER_CM:.2f} cm)"


# --------------------------------------------------------------------------- rules


class _SlideLinter:
    """The rules, applied to the shapes of one slide."""

    def __init__(self, number: int, slide, styles: TextCascade, min_font_pt: float) -> None:
        self.number = number
        self.slide = slide
        self.styles = styles
        self.min_font_pt = min_font_pt

    def finding(self, shape, rule: str, message: str, severity: str = "warning") -> Finding:
        return Finding(self.number, str(shape.name), rule, message, severity)

    # ---- text-overflow

    def text_overflow(self, shape) -> list[Finding]:
        kind = shape_kind(shape)
        if kind == "table":
            return self._table_overflow(shape)
        if kind in ("chart", "group", "picture") or not _has_text(shape):
            return []
        cascade = self.styles.for_shape(shape, self.slide)
        body = cascade.body_format()
        if body.vertical:
            return []
        _, _, width, height = shape_box(shape)
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
            return [self.finding(shape, "text-overflow", message, "warning")]
        if body.autofit == "normal":
            need = self._needed_scale(paragraphs, cascade, box_w, box_h, body.wrap)
            message += (f"; shrink-on-overflow is on: it needs about {need:.0%} of the font size"
                        if need else "; even the smallest autofit scale does not fit it")
            return [self.finding(shape, "text-overflow", message, "warning")]
        if _overflow_problems(measure, width / EMU_PER_PT, height / EMU_PER_PT, body.wrap):
            return [self.finding(shape, "text-overflow", message, "error")]
        message += "; it only runs into the insets and stays inside the shape"
        return [self.finding(shape, "text-overflow", message, "warning")]

    def _needed_scale(self, paragraphs, cascade, box_w, box_h, wrap) -> float | None:
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

    def _table_overflow(self, shape) -> list[Finding]:
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
                need = max(need, self._cell_height(cell, col_widths[c:c + cell.span_width])
                           / max(cell.span_height, 1))
            needed_rows.append(max(need, int(tr.h) / EMU_PER_PT))
            if need > int(tr.h) / EMU_PER_PT + TEXT_TOLERANCE_PT:
                grown.append(r + 1)
        if not grown:
            return []
        total = sum(needed_rows)
        rows = ", ".join(str(r) for r in grown)
        return [self.finding(shape, "text-overflow",
                             f"text does not fit the height of row(s) {rows}; the rows grow and "
                             f"the table takes {_pt_cm(total)} instead of "
                             f"{_pt_cm(shape_box(shape)[3] / EMU_PER_PT)}")]

    def _cell_height(self, cell, widths: Sequence[int]) -> float:
        """Height in points a cell needs: its text plus top and bottom margins."""
        cascade = self.styles.for_cell(cell, self.slide)
        left_m, top_m, right_m, bottom_m = cascade.body_format().insets_emu
        width = (sum(widths) - left_m - right_m) / EMU_PER_PT
        paragraphs = cell._tc.txBody.findall(qn("a:p"))
        return measure_paragraphs(paragraphs, cascade, width).height_pt \
            + (top_m + bottom_m) / EMU_PER_PT

    # ---- small-text

    def small_text(self, shape) -> list[Finding]:
        sizes = list(self._text_sizes(shape))
        if not sizes or min(sizes) >= self.min_font_pt - 1e-6:
            return []
        smallest = min(sizes)
        where = "chart text" if shape_kind(shape) == "chart" else "text"
        return [self.finding(shape, "small-text", f"{where} at {smallest:g} pt is smaller than "
                             f"{self.min_font_pt:g} pt")]

    def _text_sizes(self, shape) -> Iterator[float]:
        kind = shape_kind(shape)
        if kind == "chart":
            for sz in shape.chart._chartSpace.xpath(".//a:defRPr/@sz | .//a:rPr/@sz"):
                yield int(sz) / 100
        elif kind == "table":
            for cell in shape.table.iter_cells():  # table.rows[i] lists every row again (quadratic)
                if not cell.is_spanned:
                    yield from self._body_sizes(cell._tc.txBody, self.styles.for_cell(cell, self.slide))
        elif kind not in ("group", "picture") and _has_text(shape):
            cascade = self.styles.for_shape(shape, self.slide)
            yield from self._body_sizes(shape.text_frame._txBody, cascade)

    @staticmethod
    def _body_sizes(txbody, cascade: TextBodyCascade) -> Iterator[float]:
        scale = cascade.body_format().font_scale
        for p in txbody.findall(qn("a:p")):
            for run in cascade.styled_runs(p):
                if run.text.strip():
                    yield round(run.style.size_pt * scale, 2)

    # ---- off-slide

    def off_slide(self, shape, slide_box: tuple[int, int, int, int]) -> list[Finding]:
        left, top, right, bottom = _rotated_bounds(shape)
        _, _, width, height = slide_box
        over = {"left": -left, "top": -top, "right": right - width, "bottom": bottom - height}
        edges = [f"{edge} by {amount / EMU_PER_CM:.2f} cm" for edge, amount in over.items()
                 if amount > TOLERANCE_EMU]
        if not edges:
            return []
        return [self.finding(shape, "off-slide", "extends past the slide's " + ", ".join(edges),
                             "error")]

    # ---- overlap

    def overlaps(self, shapes: Sequence) -> list[Finding]:
        boxes = [(s, _bounds(s)) for s in shapes if _area(_bounds(s)) > 0]
        found = []
        for i, (a, box_a) in enumerate(boxes):
            for b, box_b in boxes[i + 1:]:
                if _overlap_matters(a, box_a, b, box_b):
                    w, h = _intersection(box_a, box_b)
                    found.append(self.finding(
                        b, "overlap", f"overlaps '{a.name}' by {w / EMU_PER_CM:.2f} x "
                        f"{h / EMU_PER_CM:.2f} cm"))
        return found


# --------------------------------------------------------------------------- geometry


def _bounds(shape) -> tuple[int, int, int, int]:
    left, top, width, height = shape_box(shape)
    return left, top, left + width, top + height


def _rotated_bounds(shape) -> tuple[int, int, int, int]:
    """Axis-aligned bounds of the shape as drawn (rotation about its centre)."""
    left, top, right, bottom = _bounds(shape)
    angle = math.radians(float(getattr(shape, "rotation", 0.0) or 0.0))
    if not angle:
        return left, top, right, bottom
    w, h = right - left, bottom - top
    rw = abs(w * math.cos(angle)) + abs(h * math.sin(angle))
    rh = abs(w * math.sin(angle)) + abs(h * math.cos(angle))
    cx, cy = left + w / 2, top + h / 2
    return (round(cx - rw / 2), round(cy - rh / 2), round(cx + rw / 2), round(cy + rh / 2))


def _area(box: tuple[int, int, int, int]) -> int:
    return max(box[2] - box[0], 0) * max(box[3] - box[1], 0)


def _intersection(a, b) -> tuple[int, int]:
    return min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])


def _contains(outer, inner) -> bool:
    return (inner[0] >= outer[0] - TOLERANCE_EMU and inner[1] >= outer[1] - TOLERANCE_EMU
            and inner[2] <= outer[2] + TOLERANCE_EMU and inner[3] <= outer[3] + TOLERANCE_EMU)


def _is_backdrop(shape) -> bool:
    """A shape that may hold others: an autoshape or picture with no text of its own."""
    return shape_kind(shape) in ("autoshape", "picture") and not _has_text(shape)


def _overlap_matters(a, box_a, b, box_b) -> bool:
    w, h = _intersection(box_a, box_b)
    if w <= TOLERANCE_EMU or h <= TOLERANCE_EMU:
        return False
    if _contains(box_a, box_b) and _is_backdrop(a):
        return False
    if _contains(box_b, box_a) and _is_backdrop(b):
        return False
    return _has_content(a) or _has_content(b)
