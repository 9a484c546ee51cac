"""The one rule for text that enters the package: only characters XML allows.

Text reaches the .pptx from the spec, from templates and from data (a CSV
category, a department's name, a deck title). XML 1.0 forbids most control
characters, lone surrogates and U+FFFE/U+FFFF; lxml refuses them (a crash) and
python-pptx escapes only some of them (as ``_x0001_``, which PowerPoint shows
as a box). Every writer in ``deck/`` and ``render/`` passes its text through
:func:`xml_text` instead: a vertical tab or form feed (Excel's in-cell line
break) becomes a space, every other forbidden character is dropped.
"""

from __future__ import annotations

import re

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACE_LIKE = {"\x0b": " ", "\x0c": " "}


def xml_text(text: str) -> str:
    """*text* with the characters XML forbids removed (vertical tab and form feed become spaces).

    >>> xml_text("a\\x0bb\\x01c\\uffff")
    'a bc'
    """
    if not _FORBIDDEN.search(text):
        return text
    return _FORBIDDEN.sub(lambda m: _SPACE_LIKE.get(m.group(0), ""), text)
