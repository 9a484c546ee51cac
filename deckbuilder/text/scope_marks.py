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
#: the note under a chart or table: about it alone, or about the whole slide (its commentary too)
CAPTIONS = {
    ("zh_CN", "company", False): "注：图表为全公司口径，未按部门拆分",
    ("zh_CN", "mixed", False): "注：图表含全公司口径数据，未按部门拆分",
    ("en_US", "company", False): "Note: the chart shows company-wide figures, not split by department",
    ("en_US", "mixed", False): "Note: the chart includes company-wide figures, not split by department",
    ("zh_CN", "company", True): "注：本页为全公司口径数据，未按部门拆分",
    ("zh_CN", "mixed", True): "注：本页含全公司口径数据，未按部门拆分",
    ("en_US", "company", True): "Note: the figures on this slide are company-wide, not split by department",
    ("en_US", "mixed", True): "Note: this slide includes company-wide figures, not split by department",
}


def scope_mark(scope: str, locale: str) -> str | None:
    """The mark for figures of *scope* (None: nothing to mark)."""
    return MARKS.get((locale, scope))


def scope_caption(scope: str, locale: str, *, whole_slide: bool = False) -> str | None:
    """The note under a chart or table of *scope* (None: nothing to mark); *whole_slide*: its text too."""
    return CAPTIONS.get((locale, scope, whole_slide))


def mark_text(text: str, scope: str, locale: str) -> str:
    """*text* with the mark at its end, unless it has none to carry or states it already."""
    mark = scope_mark(scope, locale)
    if not mark or not text.strip() or any(m in text for m in _ALL_MARKS[locale]):
        return text
    return f"{text}（{mark}）" if locale == "zh_CN" else f"{text} ({mark})"


_ALL_MARKS = {locale: [m for (loc, _), m in MARKS.items() if loc == locale] + ["全公司" if locale == "zh_CN" else
                                                                              "company-wide"]
              for locale in ("zh_CN", "en_US")}
