"""The words that mark company-wide figures on a department deck, per locale.

A department deck shows the department's figures; a figure computed from
company-wide data (``scope: company``, see docs/departments.md) carries one of
these marks wherever it is shown: a line on its KPI card, a note under its chart
or table, and at the end of a text that states it.
"""

from __future__ import annotations

#: (locale, scope) -> the mark; scopes as ``deckbuilder.metrics.scope`` computes them
MARKS = {
    ("zh_CN", "company"): "全公司口径",
    ("zh_CN", "mixed"): "含全公司口径数据",
    ("en_US", "company"): "company-wide",
    ("en_US", "mixed"): "incl. company-wide data",
}
#: the note under a chart or table
CAPTIONS = {
    ("zh_CN", "company"): "注：全公司口径，未按部门拆分",
    ("zh_CN", "mixed"): "注：含全公司口径数据，未按部门拆分",
    ("en_US", "company"): "Note: company-wide figures, not split by department",
    ("en_US", "mixed"): "Note: includes company-wide figures, not split by department",
}


def scope_mark(scope: str, locale: str) -> str | None:
    """The mark for figures of *scope* (None: nothing to mark)."""
    return MARKS.get((locale, scope))


def scope_caption(scope: str, locale: str) -> str | None:
    """The note under a chart or table of *scope* (None: nothing to mark)."""
    return CAPTIONS.get((locale, scope))


def mark_text(text: str, scope: str, locale: str) -> str:
    """*text* with the mark at its end, unless it has none to carry or states it already."""
    mark = scope_mark(scope, locale)
    if not mark or not text.strip() or any(m in text for m in _ALL_MARKS[locale]):
        return text
    return f"{text}（{mark}）" if locale == "zh_CN" else f"{text} ({mark})"


_ALL_MARKS = {locale: [m for (loc, _), m in MARKS.items() if loc == locale] + ["全公司" if locale == "zh_CN" else
                                                                              "company-wide"]
              for locale in ("zh_CN", "en_US")}
