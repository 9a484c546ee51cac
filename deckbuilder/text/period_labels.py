"""Period labels for titles and axes: ``2026 年度``, ``2026 Q1``, ``1-11 月``.

Template filters (registered in ``templating.environment``), each taking a date (the
``as_of`` parameter, a ``YYYY-MM-DD`` text) or, for ``year_label``, a year::

    {{ year | year_label }}                  2026 年度          (en_US: FY2026)
    {{ as_of | quarter_label }}              2026 Q2
    {{ as_of | month_label }}                2026 年 6 月       (en_US: Jun 2026)
    {{ as_of | ytd_label }}                  1-6 月             (en_US: Jan-Jun)
    {{ as_of | period_label('ytd_last_year') }}   2025 年 1-6 月  (en_US: Jan-Jun 2025)

``period_label`` names any period of the ``period:`` field / where functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd

from deckbuilder.errors import SpecError
from deckbuilder.metrics.expressions import PERIOD_FUNCTIONS
from deckbuilder.metrics.periods import period_range

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _date(value: Any, what: str) -> pd.Timestamp:
    if isinstance(value, (dt.date, pd.Timestamp)):
        return pd.Timestamp(value)
    try:
        return pd.Timestamp(str(value))
    except (ValueError, TypeError):
        raise SpecError(f"{what} takes a date such as as_of or '2026-06-30', not {value!r}") from None


def _year(value: Any) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    return _date(value, "year_label").year


def year_label(value: Any, locale: str) -> str:
    year = _year(value)
    return f"{year} 年度" if locale == "zh_CN" else f"FY{year}"


def quarter_label(value: Any, locale: str) -> str:
    day = _date(value, "quarter_label")
    return f"{day.year} Q{day.quarter}"


def month_label(value: Any, locale: str) -> str:
    day = _date(value, "month_label")
    return f"{day.year} 年 {day.month} 月" if locale == "zh_CN" else f"{_MONTHS_EN[day.month - 1]} {day.year}"


def ytd_label(value: Any, locale: str) -> str:
    day = _date(value, "ytd_label")
    return _months(1, day.month, locale)


def _months(first: int, last: int, locale: str) -> str:
    if locale == "zh_CN":
        return f"{first} 月" if first == last else f"{first}-{last} 月"
    return _MONTHS_EN[first - 1] if first == last else f"{_MONTHS_EN[first - 1]}-{_MONTHS_EN[last - 1]}"


def span_label(start: pd.Timestamp, end: pd.Timestamp, locale: str) -> str:
    """The label of the days ``[start, end]`` (end inclusive), as short as the span allows."""
    zh = locale == "zh_CN"
    whole_months = start.day == 1 and end.is_month_end
    if whole_months and start.month == 1 and end.month == 12 and start.year == end.year:
        return year_label(start.year, locale)
    if whole_months and start.year == end.year and start.month % 3 == 1 and end.month == start.month + 2:
        return quarter_label(start, locale)
    if whole_months and start.year == end.year and start.month == end.month:
        return month_label(start, locale)
    if start.year == end.year and start.day == 1 and (end.is_month_end or start.month == end.month):
        months = _months(start.month, end.month, locale)
        if end.is_month_end:
            return f"{start.year} 年 {months}" if zh else f"{months} {start.year}"
    if start.year == end.year and start.month == end.month:
        return (f"{start.year} 年 {start.month} 月 {start.day}-{end.day} 日" if zh
                else f"{_MONTHS_EN[start.month - 1]} {start.day}-{end.day} {start.year}")
    if whole_months or (start.day == 1 and end.day == end.days_in_month):
        return (f"{start.year} 年 {start.month} 月-{end.year} 年 {end.month} 月" if zh
                else f"{_MONTHS_EN[start.month - 1]} {start.year}-{_MONTHS_EN[end.month - 1]} {end.year}")
    if start.day == 1 and start.year != end.year:  # last_months up to a day inside its month
        return (f"{start.year} 年 {start.month} 月-{end.year} 年 {end.month} 月 {end.day} 日" if zh
                else f"{_MONTHS_EN[start.month - 1]} {start.year}-{_MONTHS_EN[end.month - 1]} {end.day} {end.year}")
    if zh:
        return f"{start.year} 年 {start.month} 月 {start.day} 日-{end.year} 年 {end.month} 月 {end.day} 日"
    return f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"


def period_label(value: Any, name: str, locale: str, months: int = 1) -> str:
    if name not in PERIOD_FUNCTIONS and name != "last_months":
        raise SpecError(f"unknown period '{name}'", hint=f"periods: {', '.join(PERIOD_FUNCTIONS)}, last_months")
    start, end = period_range(name, _date(value, "period_label"), months)
    return span_label(start, end - pd.Timedelta(days=1), locale)


def label_filters(locale: str) -> dict[str, Callable[..., str]]:
    """The filters above, bound to *locale*."""
    return {
        "year_label": lambda v: year_label(v, locale),
        "quarter_label": lambda v: quarter_label(v, locale),
        "month_label": lambda v: month_label(v, locale),
        "ytd_label": lambda v: ytd_label(v, locale),
        "period_label": lambda v, name="ytd", months=1: period_label(v, name, locale, months),
    }
