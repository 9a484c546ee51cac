"""python-pptx's busiest element helpers, with what they work out kept (same results).

- ``BaseOxmlElement.xpath(str)``: python-pptx answers most element questions through it (is
  this shape a placeholder, its first child, every ``@id`` of a slide, a chart's series), and
  lxml compiles the expression again on every call. A build makes thousands of such calls,
  and compiling costs about seven times the evaluation. Here each expression is compiled once
  per thread into an :class:`lxml.etree.XPath` (compiled XPath objects are not shared between
  threads) with the same namespace map and defaults, so every result is what
  ``_Element.xpath`` returns.
- ``pptx.oxml.ns.qn("p:cSld")``: the Clark name of a prefixed tag, asked ~45,000 times per
  year-end build, each time through a new ``NamespacePrefixedTag`` object. The answer
  depends only on the tag, so it is kept; the modules that imported ``qn`` by name get the
  kept version too.
- ``BaseOxmlElement.first_child_found_in(*tagnames)``: where a new child goes in schema
  order (every ``get_or_add_x`` and property setter asks it, with up to ~20 successor tags).
  It called ``find`` once per tag, each a trip through lxml's ElementPath (~1 us even when
  nothing matches). Here the element's children are looked at once and the child whose tag
  comes first in *tagnames* wins (the first such child in document order, as ``find`` gives);
  an element without children answers at once. An element with many more children than
  tags (a relationship list, a shape tree) is still asked with a ``find`` per tag: that is cheaper.

Importing this module installs all three.
"""

from __future__ import annotations

import sys
import threading
from functools import lru_cache
from typing import Any

import pptx.oxml.ns
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


_ranks: dict[tuple[str, ...], dict[str, int]] = {}


def _tag_ranks(tagnames: tuple[str, ...]) -> dict[str, int]:
    """Clark name -> position of its first appearance in *tagnames* (kept: a few hundred tuples)."""
    ranks = _ranks.get(tagnames)
    if ranks is None:
        ranks = {}
        for i, tagname in enumerate(tagnames):
            ranks.setdefault(pptx.oxml.ns.qn(tagname), i)
        _ranks[tagnames] = ranks
    return ranks


def _first_child_found_in(self: BaseOxmlElement, *tagnames: str) -> Any:
    """``BaseOxmlElement.first_child_found_in`` (python-pptx 1.0): the first child whose tag is
    ``tagnames[0]``, else the first whose tag is ``tagnames[1]``, ...; None if none is there."""
    children = len(self)
    if not children or not tagnames:
        return None
    if children > 4 * len(tagnames):  # many children, few tags (a relationship list): a find per tag
        for tagname in tagnames:
            child = self.find(pptx.oxml.ns.qn(tagname))
            if child is not None:
                return child
        return None
    ranks = _tag_ranks(tagnames)
    found, found_rank = None, len(tagnames)
    for child in self:  # comments and processing instructions have no rank
        rank = ranks.get(child.tag)
        if rank is not None and rank < found_rank:
            found, found_rank = child, rank
    return found


_first_child_found_in.__doc__ = BaseOxmlElement.first_child_found_in.__doc__
BaseOxmlElement.first_child_found_in = _first_child_found_in  # type: ignore[method-assign]


def _install_qn() -> None:
    plain = getattr(pptx.oxml.ns.qn, "__wrapped__", pptx.oxml.ns.qn)
    kept = lru_cache(maxsize=MAX_KEPT)(plain)
    for name, module in list(sys.modules.items()):  # modules that did ``from pptx.oxml.ns import qn``
        if name.split(".")[0] == "pptx" and getattr(module, "qn", None) is plain:
            module.qn = kept  # type: ignore[attr-defined]


_install_qn()
