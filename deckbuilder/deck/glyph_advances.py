"""Advance widths of strings from kept per-character and per-pair advances.

With Pillow's BASIC layout (the one :mod:`deckbuilder.deck.fonts` uses), the advance of a
string is the sum of its glyphs' advances plus the kerning between each pair of neighbours,
all whole 1/64 units: ``getlength("abc") = adv(a) + adv(b) + adv(c) + kern(a, b) + kern(b, c)``
where ``kern(a, b) = getlength("ab") - adv(a) - adv(b)``. Wrapping measures every prefix of a
growing line (a Chinese line of 40 characters is 40 strings), so asking FreeType for each
string lays out the same glyphs again and again; summing kept advances gives the same
1/64-unit integer and therefore the same float (tests/test_glyph_advances.py compares it with
Pillow's own answer, kerned fonts included).

FreeType kerns with BASIC layout only from a font's ``kern`` table (``FT_HAS_KERNING``); a font
whose table directory has none (Noto Sans CJK keeps its kerning in GPOS, which BASIC layout
does not apply) kerns no pair, so its pairs are not asked for. A file that cannot be read as
an sfnt is treated as kerning, which is only slower.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Protocol


def has_kern_table(path: str | Path, index: int = 0) -> bool:
    """Does face *index* of the TrueType/OpenType file *path* have a ``kern`` table?
    True when the file cannot be read as one (the safe answer)."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            offset = 0
            if head[:4] == b"ttcf":
                f.seek(12 + 4 * index)
                (offset,) = struct.unpack(">I", f.read(4))
                f.seek(offset)
                head = f.read(12)
            if head[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
                return True
            (count,) = struct.unpack(">H", head[4:6])
            records = f.read(16 * count)
            if len(records) < 16 * count:
                return True
    except (OSError, struct.error):
        return True
    return any(records[16 * k:16 * k + 4] == b"kern" for k in range(count))


class _Measures(Protocol):
    def getlength(self, text: str) -> float: ...


class GlyphAdvances:
    """String advances of one font, in its own units (as ``getlength``)."""

    def __init__(self, font: _Measures, *, kerning: bool = True) -> None:
        self._font = font
        self._kerning = kerning
        self._single: dict[str, int] = {}
        self._kern: dict[str, int] = {}

    def _adv64(self, ch: str) -> int:
        units = self._single.get(ch)
        if units is None:
            units = self._single[ch] = round(self._font.getlength(ch) * 64)
        return units

    def getlength(self, text: str) -> float:
        if len(text) < 2:
            return self._font.getlength(text)
        single, kern = self._single, self._kern
        total = 0
        prev = ""
        for ch in text:
            units = single.get(ch)
            if units is None:
                units = self._adv64(ch)
            total += units
            if prev and self._kerning:
                pair = prev + ch
                k = kern.get(pair)
                if k is None:
                    k = kern[pair] = round(self._font.getlength(pair) * 64) - single[prev] - units
                total += k
            prev = ch
        return total / 64
