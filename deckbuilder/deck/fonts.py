"""Real font metrics for measuring and wrapping slide text.

The layout lint has to answer "does this Chinese paragraph fit in that box?".
Counting characters gets this wrong (a Latin digit is half the width of a
Han character, bold Latin is wider than regular), so we measure glyph advances
with the same font files a renderer on this machine would use:

* :func:`find_font_file` asks fontconfig which file serves a typeface, so a
  Windows name such as ``微软雅黑`` maps to the installed substitute (typically
  Noto Sans CJK SC).  East Asian typefaces are matched with
  ``fc-match NAME:lang=zh-cn`` (a substitute must have Chinese glyphs), Latin
  typefaces with plain ``fc-match NAME``: that is what LibreOffice does, so the
  lint agrees with the preview (checked against rendered pages: line breaks
  match).  Without fontconfig it falls back to matplotlib's font manager.
* :func:`measure_text` measures East Asian characters with the East Asian
  typeface and everything else with the Latin typeface, as PowerPoint does.
* :func:`wrap_runs` / :func:`wrap_text` break lines like PowerPoint's East
  Asian line breaking: a break may fall between any two CJK characters or
  between CJK and Latin text, Latin text breaks only at spaces (or after a
  hyphen), closing punctuation never starts a line and opening punctuation
  never ends one, but one closing comma or full stop may hang past the right
  margin (hanging punctuation).  A word longer than the line is broken
  between characters.  A number stays with its sign and unit (``2.22亿``,
  ``+3.2%``, ``48 小时``) and a paragraph's last two Chinese characters stay
  together (:mod:`deckbuilder.deck.keep_together`, which also makes the rendered
  text keep them together); a word joiner or no-break space in the text glues
  its neighbours, as in every renderer.

Widths are measured at a large reference size and scaled, so hinting at small
pixel sizes does not distort them; results are in points.  Line height is left
to the caller: PowerPoint and LibreOffice both set single-spaced lines about
1.2 x the font size apart (:data:`SINGLE_LINE_HEIGHT`).

A run's typefaces are a :class:`~deckbuilder.deck.text_style.Fonts`, the same
type the renderers write runs with, so what is measured is what was written.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import groupby, pairwise
from pathlib import Path

from PIL import ImageFont

from deckbuilder.deck.glyph_advances import GlyphAdvances, has_kern_table
from deckbuilder.deck.keep_together import GLUE, WORD_JOINER, protected_spans
from deckbuilder.deck.text_style import Fonts

#: Pixel size at which fonts are loaded; advances are scaled from it (1 px = 1/1000 em).
REFERENCE_SIZE = 1000

#: Height of one single-spaced line as a multiple of its font size (measured on LibreOffice
#: output for Noto Sans CJK and DejaVu Sans: 24 pt pitch at 20 pt; PowerPoint's rule of thumb).
SINGLE_LINE_HEIGHT = 1.2

#: Typefaces tried, in order, when a requested East Asian typeface is not installed
#: and fontconfig is not available to pick a substitute.
CJK_FALLBACKS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                 "Microsoft YaHei", "SimHei", "PingFang SC", "Noto Sans CJK JP")

#: Characters that must not start a line (closing punctuation, small kana...).
NO_LINE_START = set("，。、；：？！）》」』】〉〕｝］…‥—～·.,;:?!)]}%％'\"’”ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ")
#: Characters that must not end a line (opening brackets and quotes).
NO_LINE_END = set("（《「『【〈〔｛［([{‘“$￥¥")

#: Punctuation allowed to hang past the right margin at the end of a line
#: (PowerPoint's ``hangingPunct``, on in Chinese decks; LibreOffice does the same).
HANGING_PUNCTUATION = set("，。、．：；！？,.:;!?")

#: Hard line breaks inside a paragraph (python-pptx shows ``<a:br/>`` as a vertical tab).
HARD_BREAKS = ("\v", "\n", "\u2028")


@dataclass(frozen=True)
class FontFile:
    """A font file and the face index inside it (``.ttc`` collections hold several)."""

    path: str
    index: int = 0


@dataclass(frozen=True)
class RunFont:
    """What decides a glyph's advance: typefaces, size (points) and weight.

    This is a run's *effective* font, everything resolved; a renderer's
    :class:`~deckbuilder.deck.text_style.TextStyle` is a request that leaves
    unset values to inheritance.
    """

    fonts: Fonts
    size_pt: float
    bold: bool = False


@dataclass(frozen=True)
class StyledText:
    """A run of text in one style (one ``<a:r>`` of a paragraph)."""

    text: str
    style: RunFont


@dataclass(frozen=True)
class Line:
    """One wrapped line: its text, its inked width and its largest font size."""

    text: str
    width_pt: float
    size_pt: float  # the largest font size on the line sets its height
    hard_end: bool = False  # the line ends its paragraph or a hard line break (not wrapped)


# --------------------------------------------------------------------------- font files


def find_font_file(typeface: str, *, bold: bool = False, east_asian: bool = False) -> FontFile:
    """Return the font file that serves *typeface* on this machine (cached).

    With *east_asian*, fontconfig is asked with ``lang=zh-cn`` so that a missing
    typeface is replaced by a font that has Chinese glyphs, as a renderer would.
    """
    return _find_font_file(typeface.strip(), bold, east_asian)


def forget_font_files() -> None:
    """Find font files again (and drop every measure and wrap made with the old ones)."""
    for kept in (_find_font_file, _measures, _face_measure, _wrap):
        kept.cache_clear()


@cache
def _find_font_file(typeface: str, bold: bool, east_asian: bool) -> FontFile:
    found = _fc_match(typeface, bold, east_asian)
    if found is None:
        found = _matplotlib_match(typeface, bold, east_asian)
    return found


def _fc_match(typeface: str, bold: bool, east_asian: bool) -> FontFile | None:
    """Ask fontconfig; None when fc-match is missing or answers nothing usable."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    pattern = "".join("\\" + ch if ch in "\\-:," else ch for ch in typeface)
    pattern += (":lang=zh-cn" if east_asian else "") + (":weight=bold" if bold else "")
    try:
        out = subprocess.run([exe, "-f", "%{file}|%{index}", pattern], capture_output=True,
                             text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, index = out.strip().partition("|")
    if not path or not Path(path).is_file():
        return None
    return FontFile(path, int(index) if index.isdigit() else 0)


def _matplotlib_match(typeface: str, bold: bool, east_asian: bool) -> FontFile:
    """Fallback without fontconfig: matplotlib's font manager, then known CJK fonts."""
    from matplotlib import font_manager

    weight = "bold" if bold else "normal"
    names = [typeface] if typeface else []
    if east_asian:
        names += list(CJK_FALLBACKS)
    for name in names:
        try:
            found = font_manager.findfont(font_manager.FontProperties(family=name, weight=weight),
                                          fallback_to_default=False)
        except ValueError:
            continue
        return _font_file(found)
    return _font_file(font_manager.findfont(font_manager.FontProperties(weight=weight)))


def _font_file(found) -> FontFile:
    """matplotlib >= 3.10 returns a str subclass that knows the face index in a .ttc."""
    return FontFile(str(found), int(getattr(found, "face_index", 0) or 0))


@cache
def _load(font: FontFile) -> ImageFont.FreeTypeFont:
    # BASIC layout: same advances everywhere, whether or not libraqm is installed.
    return ImageFont.truetype(font.path, REFERENCE_SIZE, index=font.index,
                              layout_engine=ImageFont.Layout.BASIC)


@cache
def _advances(font: FontFile) -> GlyphAdvances:
    return GlyphAdvances(_load(font), kerning=has_kern_table(font.path, font.index))


def _advance_em(text: str, font: FontFile) -> float:
    """Advance width of *text* in ems (kerning included); a word joiner has no width. Kept per font
    by :class:`_FaceMeasure`, the one caller, so no second cache here."""
    if WORD_JOINER in text:
        text = text.replace(WORD_JOINER, "")
    return _advances(font).getlength(text) / REFERENCE_SIZE


# --------------------------------------------------------------------------- measuring


@lru_cache(maxsize=4096)
def is_east_asian(ch: str) -> bool:
    """True for characters PowerPoint draws with the East Asian typeface (wide/fullwidth)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _face(style: RunFont, east_asian: bool) -> FontFile:
    latin, ea = style.fonts.latin, style.fonts.east_asian
    if east_asian:
        return find_font_file(ea or latin, bold=style.bold, east_asian=True)
    return find_font_file(latin or ea, bold=style.bold)


class _FaceMeasure:
    """:func:`_advance_em` of one font file, kept in a plain dict (the wrapping loop asks for
    every candidate line; hashing the ``FontFile`` dataclass for each lookup cost more)."""

    __slots__ = ("font", "kept")

    def __init__(self, font: FontFile) -> None:
        self.font = font
        self.kept: dict[str, float] = {}

    def __call__(self, text: str) -> float:
        em = self.kept.get(text)
        if em is None:
            em = self.kept[text] = _advance_em(text, self.font)
        return em


@cache
def _measures(style: RunFont) -> tuple[_FaceMeasure, _FaceMeasure]:
    """The (other, East Asian) measures of a style, indexed by ``is_east_asian``."""
    return _face_measure(_face(style, False)), _face_measure(_face(style, True))


@cache
def _face_measure(font: FontFile) -> _FaceMeasure:
    return _FaceMeasure(font)


def _script_chunks(text: str) -> list[tuple[str, bool]]:
    """Split *text* into maximal chunks of East Asian / other characters."""
    return [("".join(group), ea) for ea, group in groupby(text, is_east_asian)]


def measure_styled(text: str, style: RunFont) -> float:
    """Advance width of *text* in points in one style."""
    measures = _measures(style)
    return sum(measures[ea](chunk) for chunk, ea in _script_chunks(text)) * style.size_pt


def measure_text(text: str, typeface_latin: str, typeface_ea: str, size_pt: float, *,
                 bold: bool = False) -> float:
    """Width of single-line *text* in points, CJK measured with *typeface_ea*."""
    return measure_styled(text, RunFont(Fonts(typeface_latin, typeface_ea), size_pt, bold))


# --------------------------------------------------------------------------- breaking


def can_break_before(text: str, i: int) -> bool:
    """May a line break fall between ``text[i-1]`` and ``text[i]``?"""
    if i <= 0 or i >= len(text):
        return False
    before, after = text[i - 1], text[i]
    if before in GLUE or after in GLUE:
        return False
    if after.isspace():
        return False  # spaces stay at the end of the line they follow
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if before.isspace():
        return True
    if is_east_asian(before) or is_east_asian(after):
        return True
    return before == "-" and after.isalnum()


def _atoms(text: str, keep_together: bool = True) -> list[str]:
    """Split *text* into unbreakable pieces (a CJK character, a word plus its spaces, a number
    with its unit...); without *keep_together*, numbers and units may part as where nothing
    glues them."""
    inside: set[int] = set()
    if keep_together:
        for start, end in protected_spans(text):
            inside.update(range(start + 1, end))
    cuts = [0] + [i for i in range(1, len(text)) if i not in inside and can_break_before(text, i)] \
        + [len(text)]
    return [text[a:b] for a, b in pairwise(cuts) if b > a]


def _glue_changes_breaks(runs: Sequence[StyledText]) -> bool:
    """Would :func:`_atoms` cut the runs' text differently with *keep_together* than without?
    (Only if some protected span has a break opportunity inside; per piece between hard breaks,
    as :func:`_wrap` cuts them.)"""
    text = "".join(run.text for run in runs)
    for mark in HARD_BREAKS[1:]:
        text = text.replace(mark, HARD_BREAKS[0])
    return any(can_break_before(piece, i) for piece in text.split(HARD_BREAKS[0])
               for start, end in protected_spans(piece) for i in range(start + 1, end))


def _split_hard_breaks(runs: Sequence[StyledText]) -> list[list[StyledText]]:
    """Split runs into the pieces between hard line breaks (``<a:br/>``)."""
    pieces: list[list[StyledText]] = [[]]
    for run in runs:
        text = run.text
        for mark in HARD_BREAKS[1:]:
            text = text.replace(mark, HARD_BREAKS[0])
        parts = text.split(HARD_BREAKS[0])
        for k, part in enumerate(parts):
            if k:
                pieces.append([StyledText("", run.style)])
            if part:
                pieces[-1].append(StyledText(part, run.style))
        if not pieces[-1]:
            pieces[-1].append(StyledText("", run.style))
    return pieces


class _LineBuilder:
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


def wrap_runs(runs: Sequence[StyledText], width_pt: float, *,
              hanging_punctuation: bool = True, keep_together: bool = True) -> list[Line]:
    """Wrap a paragraph made of styled runs into lines at most *width_pt* wide.

    Always returns at least one line: an empty paragraph still takes the
    height of one line in its (end-of-paragraph) style.  A line's
    ``width_pt`` leaves out trailing spaces and hanging punctuation.
    *keep_together* (the default, as text is rendered) never breaks a number from its unit
    or before a paragraph's last Chinese character; without it lines break wherever nothing
    in the text glues the characters (what a renderer does with text not written by
    :func:`~deckbuilder.deck.keep_together.keep_together`).
    """
    if not runs:
        raise ValueError("wrap_runs needs at least one run (for the empty-line style)")
    runs = tuple(runs)
    if not keep_together and not _glue_changes_breaks(runs):
        # keep_together only takes break opportunities away inside numbers with units and a
        # paragraph's last two characters; where there are none to take (text written with word
        # joiners there, as the renderers write it), the lines are the same, so they are looked
        # up under the same key (the lint wraps most paragraphs both ways)
        keep_together = True
    if sum(len(run.text) for run in runs) > _KEPT_TEXT_LENGTH:
        return list(_wrap.__wrapped__(runs, float(width_pt), hanging_punctuation, keep_together))
    return list(_wrap(runs, float(width_pt), hanging_punctuation, keep_together))


# The build wraps a text while fitting it and the build-time lint wraps the same text in the
# same box again (and text fitting tries the same paragraph at several sizes). The lines
# depend only on these arguments (the font files are found once per process), so they are kept;
# only for paragraphs of a few lines, so the cache stays a few MB in a long-running process.
_KEPT_TEXT_LENGTH = 2000


@lru_cache(maxsize=2048)
def _wrap(runs: tuple[StyledText, ...], width_pt: float, hanging_punctuation: bool,
          keep_together: bool) -> tuple[Line, ...]:
    builder = _LineBuilder(width_pt, hanging_punctuation)
    for piece in _split_hard_breaks(runs):
        cells = [(ch, run.style) for run in piece for ch in run.text]
        text = "".join(c for c, _ in cells)
        pos = 0
        for atom in _atoms(text, keep_together):
            builder.add_atom(cells[pos:pos + len(atom)])
            pos += len(atom)
        builder.flush(empty_style=piece[0].style)
    return tuple(builder.lines)


def wrap_text(text: str, width_pt: float, typeface_latin: str, typeface_ea: str,
              size_pt: float, *, bold: bool = False, hanging_punctuation: bool = True) -> list[str]:
    """Lines of *text* wrapped to *width_pt* points in one style."""
    style = RunFont(Fonts(typeface_latin, typeface_ea), size_pt, bold)
    lines = wrap_runs([StyledText(text, style)], width_pt, hanging_punctuation=hanging_punctuation)
    return [line.text for line in lines]
