"""deckbuilder.deck.fontconfig: fontconfig asked in-process answers what ``fc-match`` answers."""

from __future__ import annotations

import shutil

import pytest

from deckbuilder.deck import fontconfig, fonts
from deckbuilder.deck.fontconfig import fc_pattern, match_font

needs_fc_match = pytest.mark.skipif(shutil.which("fc-match") is None, reason="fc-match is not installed")
needs_library = pytest.mark.skipif(fontconfig._library() is None, reason="libfontconfig cannot be loaded")

TYPEFACES = [
    ("DejaVu Sans", False, False),
    ("Calibri", False, False),  # not installed: fontconfig's substitute
    ("Calibri", True, False),
    ("Noto Sans CJK SC", False, True),
    ("微软雅黑", False, True),
    ("微软雅黑", True, True),
    ("Arial", True, True),  # a Latin name asked for Chinese glyphs
    ("No Such Typeface 1234", False, False),
    ("No Such Typeface 1234", False, True),
    ("Noto-Sans", False, False),
    ("Sans:Serif", False, True),
    ("DejaVu Sans, Bold", True, False),
    ("back\\slash", False, False),
    ("", False, False),
]


@needs_fc_match
@needs_library
@pytest.mark.parametrize(("typeface", "bold", "east_asian"), TYPEFACES)
def test_the_library_matches_what_fc_match_prints(typeface, bold, east_asian):
    pattern = fc_pattern(typeface, bold=bold, east_asian=east_asian)
    from_library = fontconfig._library_match(pattern)
    assert from_library is not None
    assert from_library == fontconfig._program_match(pattern)


def test_the_pattern_escapes_fontconfig_syntax_and_adds_language_and_weight():
    assert fc_pattern("Noto-Sans: A,B\\") == "Noto\\-Sans\\: A\\,B\\\\"
    assert fc_pattern("微软雅黑", east_asian=True) == "微软雅黑:lang=zh-cn"
    assert fc_pattern("Calibri", bold=True) == "Calibri:weight=bold"
    assert fc_pattern("X", bold=True, east_asian=True) == "X:lang=zh-cn:weight=bold"


@needs_library
def test_a_chinese_substitute_is_matched_for_a_windows_name():
    path, index = match_font(fc_pattern("微软雅黑", east_asian=True))
    assert "CJK" in path and index >= 0


@needs_fc_match
def test_without_the_library_the_program_is_asked(monkeypatch):
    monkeypatch.setattr(fontconfig, "_library", lambda: None)
    pattern = fc_pattern("Calibri", bold=True)
    assert match_font(pattern) == fontconfig._program_match(pattern)


@needs_fc_match
def test_a_null_answer_from_the_library_falls_back_to_the_program(monkeypatch):
    class NullLibrary:
        def __getattr__(self, name):
            return lambda *args: None  # every pointer NULL, every FcBool false

    broken = fontconfig._Fontconfig.__new__(fontconfig._Fontconfig)
    broken.lib, broken.config = NullLibrary(), None
    monkeypatch.setattr(fontconfig, "_library", lambda: broken)
    assert fontconfig._library_match("DejaVu Sans") is None
    assert match_font("DejaVu Sans") == fontconfig._program_match("DejaVu Sans")
    broken.config = 1  # a configuration, but parsing the pattern answers NULL
    assert fontconfig._library_match("DejaVu Sans") is None
    assert match_font("DejaVu Sans") == fontconfig._program_match("DejaVu Sans")


def test_no_library_and_no_program_is_no_answer(monkeypatch):
    monkeypatch.setattr(fontconfig, "_library", lambda: None)
    monkeypatch.setattr(fontconfig.shutil, "which", lambda name: None)
    assert match_font("DejaVu Sans") is None


def test_an_answer_naming_a_missing_file_is_no_answer(monkeypatch, tmp_path):
    monkeypatch.setattr(fontconfig, "_library_match", lambda pattern: (str(tmp_path / "gone.ttf"), 0))
    monkeypatch.setattr(fontconfig, "_program_match", lambda pattern: None)
    assert match_font("DejaVu Sans") is None


@needs_library
def test_forgetting_the_font_files_loads_the_configuration_again():
    before = fontconfig._library()
    fonts.forget_font_files()
    try:
        assert fontconfig._loaded is None
        after = fontconfig._library()
        assert after is not None and after is not before
        assert match_font("DejaVu Sans") is not None
    finally:
        fonts.forget_font_files()
