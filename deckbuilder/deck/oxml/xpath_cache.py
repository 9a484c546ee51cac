"""python-pptx's element ``xpath()`` with each expression compiled once (same results).

python-pptx answers most element questions through ``BaseOxmlElement.xpath(str)`` (is this
shape a placeholder, its first child, every ``@id`` of a slide, a chart's series), and lxml
compiles the expression again on every call: a build makes thousands of such calls, and
compiling costs about seven times the evaluation. Importing this module makes python-pptx's
``xpath`` keep one compiled :class:`lxml.etree.XPath` per expression string and thread
(compiled XPath objects are not shared between threads), with the same namespace map and
the same defaults, so every result is what ``_Element.xpath`` returns.
"""

from __future__ import annotations

import threading
from typing import Any

from lxml import etree
from pptx.oxml.ns import _nsmap
from pptx.oxml.xmlchemy import BaseOxmlElement

#: expressions kept per thread; python-pptx formats a few with values (a point's index), so
#: the table is cleared when it grows past this, instead of growing with the deck
MAX_KEPT = 1024

_local = threading.local()


def _compiled(xpath_str: str) -> etree.XPath:
    kept: dict[str, etree.XPath] | None = getattr(_local, "kept", None)
    if kept is None:
        kept = _local.kept = {}
    compiled = kept.get(xpath_str)
    if compiled is None:
        if len(kept) >= MAX_KEPT:
            kept.clear()
        compiled = kept[xpath_str] = etree.XPath(xpath_str, namespaces=_nsmap)
    return compiled


def _xpath(self: BaseOxmlElement, xpath_str: str) -> Any:
    """``BaseOxmlElement.xpath`` (python-pptx 1.0) with the expression compiled once."""
    return _compiled(xpath_str)(self)


_xpath.__doc__ = BaseOxmlElement.xpath.__doc__
BaseOxmlElement.xpath = _xpath  # type: ignore[method-assign]
