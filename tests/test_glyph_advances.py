"""deckbuilder.deck.glyph_advances: kept advances give Pillow's exact string lengths."""

from __future__ import annotations

import random

from PIL import ImageFont

from deckbuilder.deck.fonts import find_font_file
from deckbuilder.deck.glyph_advances import GlyphAdvances, has_kern_table

TEXTS = ["AVA", "To Wa.", "Ty, LT", "销售额同比增长 12.5%", "（天猫）：2025年", "a", "", "WAVE ‘quoted’ 一二"]


def _font(name: str, **kw: object) -> ImageFont.FreeTypeFont:
    face = find_font_file(name, **kw)  # type: ignore[arg-type]
    return ImageFont.truetype(face.path, 1000, index=face.index, layout_engine=ImageFont.Layout.BASIC)


def _random_texts(n: int = 400) -> list[str]:
    rnd = random.Random(7)
    alphabet = "AVWTYLPFavwtyol.,-'\" 0123456789一二年月，。（）%"
    return [''.join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 15))) for _ in range(n)]


def test_a_kerning_font_is_summed_with_its_pair_kerning():
    font = _font("DejaVu Sans")
    assert has_kern_table(font.path, 0)
    assert font.getlength("AV") != font.getlength("A") + font.getlength("V")  # it does kern
    advances = GlyphAdvances(font)
    for text in TEXTS + _random_texts():
        assert advances.getlength(text) == font.getlength(text), text


def test_a_font_without_kern_table_needs_no_pairs_and_gives_the_same_lengths():
    face = find_font_file("Noto Sans CJK SC", east_asian=True)
    font = _font("Noto Sans CJK SC", east_asian=True)
    assert not has_kern_table(face.path, face.index)
    advances = GlyphAdvances(font, kerning=False)
    for text in TEXTS + _random_texts():
        assert advances.getlength(text) == font.getlength(text), text


def test_a_file_that_is_no_font_counts_as_kerning(tmp_path):
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"not a font at all")
    assert has_kern_table(junk)
    assert has_kern_table(tmp_path / "missing.ttf")
