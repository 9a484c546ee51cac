"""Which font file fontconfig picks for a typeface: the answer ``fc-match`` gives.

:func:`match_font` asks libfontconfig in-process through ctypes, doing exactly
what ``fc-match PATTERN`` does (parse the pattern, apply the configuration's
and the default substitutions, take the best match, read its ``file`` and
``index``).  A build asks for a handful of (typeface, weight, script)
combinations, and each ``fc-match`` process loads the whole configuration and
font cache again (and costs a fork): loading them once per process is cheaper
and gives the same answer.  When the library cannot be loaded or answers
nothing (a NULL pattern), the ``fc-match`` program is asked instead; None
means fontconfig had no usable answer either way.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import threading
from pathlib import Path

#: ``FcMatchPattern``: the substitutions applied to a query pattern (fontconfig.h).
_FC_MATCH_PATTERN = 0
#: ``FcResultMatch``: a pattern element was found (fontconfig.h).
_FC_RESULT_MATCH = 0


def fc_pattern(typeface: str, *, bold: bool = False, east_asian: bool = False) -> str:
    """The fontconfig pattern for *typeface*: its ``\\ - : ,`` escaped, ``lang=zh-cn`` for an
    East Asian face (the substitute must have Chinese glyphs), ``weight=bold`` for bold."""
    pattern = "".join("\\" + ch if ch in "\\-:," else ch for ch in typeface)
    return pattern + (":lang=zh-cn" if east_asian else "") + (":weight=bold" if bold else "")


def match_font(pattern: str) -> tuple[str, int] | None:
    """The (file path, face index) fontconfig matches *pattern* to; None without an answer
    that names an existing file."""
    found = _library_match(pattern)
    if found is None:
        found = _program_match(pattern)
    if found is None or not found[0] or not Path(found[0]).is_file():
        return None
    return found


def forget_configuration() -> None:
    """Load fontconfig's configuration and font list again at the next match (fonts installed
    since the first match are seen; ``fc-match`` reloaded them for every query)."""
    global _loaded
    with _lock:
        if _loaded is not None and _loaded.config:
            _loaded.lib.FcConfigDestroy(_loaded.config)
        _loaded = None


class _Fontconfig:
    """libfontconfig with the prototypes of the functions used, and one loaded configuration."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        p, c_str = ctypes.c_void_p, ctypes.c_char_p
        lib.FcInitLoadConfigAndFonts.restype = p
        lib.FcInitLoadConfigAndFonts.argtypes = []
        lib.FcConfigDestroy.restype = None
        lib.FcConfigDestroy.argtypes = [p]
        lib.FcNameParse.restype = p
        lib.FcNameParse.argtypes = [c_str]
        lib.FcConfigSubstitute.restype = ctypes.c_int
        lib.FcConfigSubstitute.argtypes = [p, p, ctypes.c_int]
        lib.FcDefaultSubstitute.restype = None
        lib.FcDefaultSubstitute.argtypes = [p]
        lib.FcFontMatch.restype = p
        lib.FcFontMatch.argtypes = [p, p, ctypes.POINTER(ctypes.c_int)]
        lib.FcPatternGetString.restype = ctypes.c_int
        lib.FcPatternGetString.argtypes = [p, c_str, ctypes.c_int, ctypes.POINTER(c_str)]
        lib.FcPatternGetInteger.restype = ctypes.c_int
        lib.FcPatternGetInteger.argtypes = [p, c_str, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
        lib.FcPatternDestroy.restype = None
        lib.FcPatternDestroy.argtypes = [p]
        self.lib = lib
        self.config: int | None = lib.FcInitLoadConfigAndFonts()

    def match(self, pattern: str) -> tuple[str, int] | None:
        lib, config = self.lib, self.config
        if not config:
            return None
        query = lib.FcNameParse(os.fsencode(pattern))
        if not query:
            return None
        try:
            if not lib.FcConfigSubstitute(config, query, _FC_MATCH_PATTERN):
                return None
            lib.FcDefaultSubstitute(query)
            result = ctypes.c_int()
            font = lib.FcFontMatch(config, query, ctypes.byref(result))
        finally:
            lib.FcPatternDestroy(query)
        if not font:
            return None
        try:
            file, index = ctypes.c_char_p(), ctypes.c_int(0)
            if lib.FcPatternGetString(font, b"file", 0, ctypes.byref(file)) != _FC_RESULT_MATCH \
                    or not file.value:
                return None
            if lib.FcPatternGetInteger(font, b"index", 0, ctypes.byref(index)) != _FC_RESULT_MATCH:
                index.value = 0  # fc-match prints nothing: face 0
            return os.fsdecode(file.value), index.value  # copied before the pattern is freed
        finally:
            lib.FcPatternDestroy(font)


_lock = threading.Lock()
_loaded: _Fontconfig | None = None
_unavailable = False  # the library could not be loaded: do not try again in this process


def _library() -> _Fontconfig | None:
    global _loaded, _unavailable
    with _lock:
        if _loaded is None and not _unavailable:
            try:
                _loaded = _Fontconfig(_open_library())
            except (OSError, AttributeError):  # no library, or one without these functions
                _unavailable = True
        return _loaded


def _open_library() -> ctypes.CDLL:
    # The usual soname first: ctypes.util.find_library runs ldconfig (another process).
    try:
        return ctypes.CDLL("libfontconfig.so.1")
    except OSError:
        return ctypes.CDLL(ctypes.util.find_library("fontconfig") or "libfontconfig.so.1")


def _library_match(pattern: str) -> tuple[str, int] | None:
    fontconfig = _library()
    if fontconfig is None:
        return None
    with _lock:  # one query at a time on the shared configuration
        return fontconfig.match(pattern)


def _program_match(pattern: str) -> tuple[str, int] | None:
    """Ask the ``fc-match`` program; None when it is missing or answers nothing."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "-f", "%{file}|%{index}", pattern], capture_output=True,
                             text=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, index = out.strip().partition("|")
    return path, int(index) if index.isdigit() else 0
