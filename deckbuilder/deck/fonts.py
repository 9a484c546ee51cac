"""Real font metrics for measuring and wrapping slide text.

The layout lint has to answer "does this Chinese paragraph fit in that box?".
Counting characters gets this wrong (a Latin digit is half the width of a
Han character, bold Latin is wider than regular), so we measure glyph advances
with the same font files a renderer on this machine would use:

* :func:`find_font_file` asks fontconfig which file serves a typeface (in-process,
  :mod:`deckbuilder.deck.fontconfig`), so a Windows name such as ``微软雅黑`` maps
  to the installed substitute (typically Noto Sans CJK SC).  East Asian typefaces are matched with
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

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import groupby, pairwise

from PIL import ImageFont

from deckbuilder.deck.fontconfig import fc_pattern, forget_configuration, match_font
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
    forget_configuration()


@cache
def _find_font_file(typeface: str, bold: bool, east_asian: bool) -> FontFile:
    found = _fc_match(typeface, bold, east_asian)
    if found is None:
        found = _matplotlib_match(typeface, bold, east_asian)
    return found


def _fc_match(typeface: str, bold: bool, east_asian: bool) -> FontFile | None:
    """Ask fontconfig (:mod:`deckbuilder.deck.fontconfig`); None without an answer."""
    found = match_font(fc_pattern(typeface, bold=bold, east_asian=east_asian))
    return None if found is None else FontFile(*found)


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
    """Split runs into the pieces between hard line breaks (``<a:br/>``); every piece starts with
    a run (an empty one in the style of the break before it, or of the paragraph's first run),
    which gives an empty line its height."""
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
            elif not pieces[-1]:  # the paragraph starts with this run, empty or with a line break
                pieces[-1].append(StyledText("", run.style))
    return pieces


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
    # imported here: line_builder measures with this module's functions
    from deckbuilder.deck.line_builder import LineBuilder, one_style_lines

    builder = LineBuilder(width_pt, hanging_punctuation)
    for piece in _split_hard_breaks(runs):
        text = "".join(run.text for run in piece)
        styles = [run.style for run in piece if run.text]
        if styles and all(s is styles[0] or s == styles[0] for s in styles):  # most paragraphs
            builder.lines += one_style_lines(_atoms(text, keep_together), styles[0], width_pt,
                                              hanging_punctuation)
            continue
        cells = [(ch, run.style) for run in piece for ch in run.text]
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
