"""Text that must not be broken across lines: a number with its sign and unit, a lone last character.

A line break between ``2.22`` and ``亿``, ``22`` and ``小时`` or ``+`` and ``3.2%`` makes a
figure unreadable, and a paragraph whose last line is one Chinese character (``…贡`` /
``献``) looks broken.  Two halves, one rule:

* :func:`number_unit_spans` finds every number with its sign, currency, ratio part
  (``1:4.7``) and unit (``%``, ``pp``, ``亿``, ``万元``, ``小时``, ``天``, ``个``, ``次``,
  ``人`` ...), and :func:`tail_span` the last two characters of a paragraph that ends in
  Chinese characters; the wrapping used for fitting and lint (:mod:`deckbuilder.deck.fonts`)
  never breaks inside them.
* :func:`keep_together` makes the rendered text keep them together as well: it puts a
  WORD JOINER (U+2060, zero width, no glyph) at every place inside such a span where a
  renderer could break, and turns a space between a number and its unit (``48 小时``) into a
  no-break space (U+00A0).  LibreOffice honours both (checked by rendering, no visible
  glyph); both are standard Unicode line-breaking controls (UAX #14 class WJ / GL), which
  PowerPoint also follows (not verified here: no PowerPoint on this machine).
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
NO_BREAK_SPACE = "\u00a0"
#: Characters that glue their neighbours together (never a break before or after them).
GLUE = frozenset({WORD_JOINER, NO_BREAK_SPACE, "\u202f", "\ufeff"})

_J = f"{WORD_JOINER}?"
_SIGN = r"[+\-−±▲▼△▽↑↓]"  # a sign, not the hyphen of a range (1-2, 17%-22%)
_CURRENCY = r"[¥￥$€£]"
_NUMBER = r"\d(?:[\d,]*\d)?(?:\.\d+)?"
_RATIO = rf"(?::{_J}\d+(?:\.\d+)?)"
#: Units written right after the number (no space).
_TIGHT_UNITS = r"%|％|‰|pp|bp|[KMB](?![A-Za-z])|x(?![A-Za-z])"
#: Chinese units and counters, possibly after a space (``48 小时`` from the ``hours`` format).
_CJK_UNITS = ("[万亿千百]*(?:美元|元)|[万亿千百]+|小时|分钟|秒|个月|天|日|周|月|年|季度|倍|个|次|人|件|单|"
              "笔|家|台|套|份|项|位|名|岁|场|款|张|条|分|点|公里|米|克|吨|箱|户")
_NUMBER_UNIT = re.compile(
    rf"(?:(?<![0-9A-Za-z.%％]){_SIGN}{_J})?(?:{_CURRENCY}{_J})?{_NUMBER}{_RATIO}?"
    rf"(?:{_J}(?:{_TIGHT_UNITS})|[ {NO_BREAK_SPACE}{WORD_JOINER}]?(?:{_CJK_UNITS}))?")


def number_unit_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every number with its sign and unit in *text* that is more than digits."""
    spans = []
    for match in _NUMBER_UNIT.finditer(text):
        start, end = match.span()
        if not match.group().isdigit():
            spans.append((start, end))
    return spans


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def tail_span(text: str) -> tuple[int, int] | None:
    """The last two characters of *text* (before closing punctuation) when both are Chinese."""
    end = len(text.rstrip())
    while end and not _is_han(text[end - 1]) and not text[end - 1].isalnum() \
            and text[end - 1] not in GLUE:
        end -= 1  # closing punctuation stays with the character before it anyway
    if end >= 3 and _is_han(text[end - 1]) and _is_han(text[end - 2]):
        return end - 2, end
    return None


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Every span of *text* that should not be broken: numbers with units, the last two characters."""
    spans = number_unit_spans(text)
    tail = tail_span(text)
    if tail is not None:
        spans.append(tail)
    return spans


def visible_text(text: str) -> str:
    """*text* as a reader sees it (for inspect): no word joiners, no-break spaces as spaces."""
    if WORD_JOINER in text or NO_BREAK_SPACE in text:
        return text.replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " ")
    return text


def keep_together(text: str) -> str:
    """*text* with word joiners (and no-break spaces) so no renderer breaks a protected span.

    >>> keep_together("年度 GMV 2.22亿，人均 48 小时")
    '年度 GMV 2.22\u2060亿，人均 48\u00a0小时'
    """
    from deckbuilder.deck.fonts import can_break_before

    spans = protected_spans(text)
    if not spans:
        return text
    inside: set[int] = set()
    for start, end in spans:
        inside.update(range(start + 1, end))
    out = []
    for i, ch in enumerate(text):
        if i in inside:
            if ch == " ":
                out.append(NO_BREAK_SPACE)
                continue
            if can_break_before(text, i) and text[i - 1] not in GLUE and ch not in GLUE:
                out.append(WORD_JOINER)
        out.append(ch)
    return "".join(out)
