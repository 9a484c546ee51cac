"""Lines no wider than a limit, built from unbreakable pieces of text (atoms): the core of
:func:`deckbuilder.deck.fonts.wrap_runs`, which cuts a paragraph into atoms and keeps the lines.

:class:`LineBuilder` takes atoms made of (character, style) cells, so a line may mix styles;
:func:`one_style_lines` does the same for text in one style (most paragraphs are one run) on
plain strings.  Both give the same lines with bit-identical widths
(tests/test_line_builder.py compares them).
"""

from __future__ import annotations

from collections.abc import Sequence

# private helpers of fonts shared on purpose: the widths must be summed exactly as fonts sums them
from deckbuilder.deck.fonts import (
    HANGING_PUNCTUATION,
    Line,
    RunFont,
    _measures,
    _script_chunks,
    measure_styled,
)


class LineBuilder:
    """Accumulates (char, style) cells into lines no wider than a limit."""

    def __init__(self, width_pt: float, hanging_punctuation: bool = True) -> None:
        self.width_pt = width_pt
        self.hanging = hanging_punctuation
        self.lines: list[Line] = []
        self.cells: list[tuple[str, RunFont]] = []
        self._reset_line()

    # Measuring the whole line again for every atom costs O(line length) per atom. When the
    # line has one style, the builder keeps its text split into script chunks with the running
    # sum of their advances, so a candidate only measures its last chunk plus the new text.
    # The sums are taken in the same order as measure_styled's, so the widths are bit-identical.

    def _reset_line(self) -> None:
        self._style: RunFont | None = None  # the one style of every cell; None: empty or mixed
        self._mixed = False
        self._text = ""
        self._chunks: list[tuple[str, bool]] = []  # script chunks of _text
        self._sums: list[float] = [0]  # _sums[k]: advance sum (em) of the first k chunks

    def _extend(self, cells: Sequence[tuple[str, RunFont]]) -> None:
        self.cells.extend(cells)
        if self._mixed:
            return
        for _, style in cells:
            if self._style is None:
                self._style = style
            elif style is not self._style and style != self._style:
                self._mixed = True
                return
        added = "".join(c for c, _ in cells)
        line_style = self._style
        if not added or line_style is None:
            return
        keep = len(self._chunks) - 1 if self._chunks else 0
        tail = self._chunks[-1][0] if self._chunks else ""
        self._chunks[keep:] = _script_chunks(tail + added)
        del self._sums[keep + 1:]
        total = self._sums[keep]
        measures = _measures(line_style)
        for chunk, ea in self._chunks[keep:]:
            total += measures[ea](chunk)
            self._sums.append(total)
        self._text += added

    def _fast_width(self, extra: Sequence[tuple[str, RunFont]]) -> float | None:
        """Ink width of the line plus *extra* from the kept chunk sums; None when it cannot tell."""
        style = self._style
        if self._mixed or style is None:
            return None
        for _, s in extra:
            if s is not style and s != style:
                return None
        text = (self._text + "".join(c for c, _ in extra)).rstrip()
        if self.hanging and len(text) > 1 and text[-1] in HANGING_PUNCTUATION:
            text = text[:-1]
        if len(text) < len(self._text) or not self._chunks:
            return None  # the ink ends inside the kept text
        keep = len(self._chunks) - 1
        total = self._sums[keep]
        measures = _measures(style)
        for chunk, ea in _script_chunks(text[len(self._text) - len(self._chunks[-1][0]):]):
            total += measures[ea](chunk)
        return total * style.size_pt

    def width(self, cells: Sequence[tuple[str, RunFont]], *, ink: bool = True) -> float:
        """Width of *cells*; with *ink*, without what may hang past the edge
        (trailing spaces, and one trailing comma or full stop)."""
        cells = list(cells)
        while ink and cells and cells[-1][0].isspace():
            cells.pop()
        if ink and self.hanging and len(cells) > 1 and cells[-1][0] in HANGING_PUNCTUATION:
            cells.pop()
        total, start = 0.0, 0
        for k in range(1, len(cells) + 1):  # measure same-style stretches together (kerning)
            if k == len(cells) or cells[k][1] != cells[start][1]:
                total += measure_styled("".join(c for c, _ in cells[start:k]), cells[start][1])
                start = k
        return total

    def fits(self, extra: Sequence[tuple[str, RunFont]]) -> bool:
        width = self._fast_width(extra)
        if width is None:
            width = self.width(self.cells + list(extra))
        return width <= self.width_pt + 1e-6

    def add_atom(self, atom: Sequence[tuple[str, RunFont]]) -> None:
        if self.fits(atom):
            self._extend(atom)
            return
        if self.cells:
            self.flush()
            if self.fits(atom):
                self._extend(atom)
                return
        for cell in atom:  # longer than a whole line: break between characters
            if self.cells and not self.fits([cell]) and not cell[0].isspace():
                self.flush()
            self._extend([cell])

    def flush(self, empty_style: RunFont | None = None) -> None:
        cells = self.cells
        if not cells and empty_style is None:
            return
        text = "".join(c for c, _ in cells)
        styles = [s for c, s in cells if not c.isspace()] or [s for _, s in cells]
        if not styles and empty_style is not None:
            styles = [empty_style]
        self.lines.append(Line(text, self.width(cells), max(s.size_pt for s in styles),
                               hard_end=empty_style is not None))
        self.cells = []
        self._reset_line()


def one_style_lines(atoms: list[str], style: RunFont, width_pt: float, hanging: bool) -> list[Line]:
    """:class:`LineBuilder` for a piece of text in one style, on strings instead of (char, style)
    cells: the same decisions and the same sums in the same order, so the same lines and
    bit-identical widths, for a third of the work (most paragraphs are one run)."""
    measures = _measures(style)
    size = style.size_pt
    limit = width_pt + 1e-6
    lines: list[Line] = []
    line = ""
    chunks: list[tuple[str, bool]] = []  # script chunks of line
    sums: list[float] = [0]  # sums[k]: advance sum (em) of the first k chunks

    def ink_width(text: str) -> float:
        """:meth:`LineBuilder.width` of *text*: without trailing spaces and one hanging mark."""
        text = text.rstrip()
        if hanging and len(text) > 1 and text[-1] in HANGING_PUNCTUATION:
            text = text[:-1]
        if not text:
            return 0.0
        return 0.0 + measure_styled(text, style)

    def fits(extra: str) -> bool:
        text = (line + extra).rstrip()
        if hanging and len(text) > 1 and text[-1] in HANGING_PUNCTUATION:
            text = text[:-1]
        if len(text) < len(line) or not chunks:
            return ink_width(line + extra) <= limit
        keep = len(chunks) - 1
        total = sums[keep]
        for chunk, ea in _script_chunks(text[len(line) - len(chunks[-1][0]):]):
            total += measures[ea](chunk)
        return total * size <= limit

    def extend(added: str) -> None:
        nonlocal line
        keep = len(chunks) - 1 if chunks else 0
        tail = chunks[-1][0] if chunks else ""
        chunks[keep:] = _script_chunks(tail + added)
        del sums[keep + 1:]
        total = sums[keep]
        for chunk, ea in chunks[keep:]:
            total += measures[ea](chunk)
            sums.append(total)
        line += added

    def flush(hard_end: bool = False) -> None:
        nonlocal line
        lines.append(Line(line, ink_width(line), size, hard_end=hard_end))
        line = ""
        chunks.clear()
        del sums[1:]

    for atom in atoms:
        if fits(atom):
            extend(atom)
            continue
        if line:
            flush()
            if fits(atom):
                extend(atom)
                continue
        for ch in atom:  # longer than a whole line: break between characters
            if line and not fits(ch) and not ch.isspace():
                flush()
            extend(ch)
    flush(hard_end=True)
    return lines
