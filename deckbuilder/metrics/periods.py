"""Time grains as integers, so pandas and SQL compute the same keys.

A period is one integer: ``year`` for years, ``year*4 + quarter-1`` for
quarters, ``year*12 + month-1`` for months. Comparing with "the same quarter
last year" is then ``p - 4``, and both backends (pandas and DuckDB) only need
``year/quarter/month`` of a date. Labels are made once, at the end, from
``period_format`` (``{year}``, ``{quarter}``, ``{month}``).
"""

from __future__ import annotations

import pandas as pd

COMPARE_UNIT = {"yoy": "year", "qoq": "quarter", "mom": "month"}
_LAG = {("yoy", "month"): 12, ("yoy", "quarter"): 4, ("yoy", "year"): 1,
        ("qoq", "month"): 3, ("qoq", "quarter"): 1, ("mom", "month"): 1}
DEFAULT_FORMATS = {"month": "{year}-{month:02d}", "quarter": "{year}-Q{quarter}", "year": "{year}"}


def lag(compare: str, grain: str) -> int:
    """How many periods of ``grain`` back the comparison period is."""
    return _LAG[(compare, grain)]


def period_series(dates: pd.Series, grain: str) -> pd.Series:
    """Period integers of a datetime column (NaN where the date is missing)."""
    years = dates.dt.year
    if grain == "year":
        return years
    if grain == "quarter":
        return years * 4 + dates.dt.quarter - 1
    return years * 12 + dates.dt.month - 1


def period_sql(column_sql: str, grain: str) -> str:
    """The same integer in DuckDB SQL."""
    year = f"year({column_sql})"
    if grain == "year":
        return year
    if grain == "quarter":
        return f"({year} * 4 + quarter({column_sql}) - 1)"
    return f"({year} * 12 + month({column_sql}) - 1)"


def parts(period: int, grain: str) -> dict[str, int]:
    period = int(period)
    if grain == "year":
        return {"year": period, "quarter": 1, "month": 1}
    if grain == "quarter":
        year, index = divmod(period, 4)
        return {"year": year, "quarter": index + 1, "month": index * 3 + 1}
    year, index = divmod(period, 12)
    return {"year": year, "quarter": index // 3 + 1, "month": index + 1}


def label(period: int, grain: str, pattern: str | None = None) -> str:
    """``label(8101, "quarter") -> "2025-Q2"``; ``pattern`` such as ``"Q{quarter}"``."""
    return (pattern or DEFAULT_FORMATS[grain]).format(**parts(period, grain))


def _shift_year(day: pd.Timestamp, years: int) -> pd.Timestamp:
    """*day* moved by whole years; a month's last day stays the month's last day (Feb 28 -> Feb 29)."""
    moved = day + pd.DateOffset(years=years)
    if day.is_month_end:
        moved = moved + pd.offsets.MonthEnd(0)
    return moved


def period_range(name: str, as_of: pd.Timestamp, months: int = 1) -> tuple[pd.Timestamp, pd.Timestamp]:
    """``[start, end)`` of a period function (``ytd``, ``last_quarter``, ...) relative to *as_of*.

    Periods "to date" end with the as-of day; "last year" variants cover the same days one
    year earlier, so a partial year is compared with the same part of the year before
    (``ytd`` as of 30 Nov 2025 is 1 Jan-30 Nov 2025, ``ytd_last_year`` 1 Jan-30 Nov 2024).
    """
    day = pd.Timestamp(as_of).normalize()
    one_day = pd.Timedelta(days=1)
    year = pd.Timestamp(day.year, 1, 1)
    quarter = pd.Timestamp(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    month = pd.Timestamp(day.year, day.month, 1)
    y, q, m = pd.DateOffset(years=1), pd.DateOffset(months=3), pd.DateOffset(months=1)
    last_year_day = _shift_year(day, -1) + one_day
    ranges = {
        "this_year": (year, year + y), "last_year": (year - y, year),
        "this_quarter": (quarter, quarter + q), "last_quarter": (quarter - q, quarter),
        "this_month": (month, month + m), "last_month": (month - m, month),
        "ytd": (year, day + one_day), "qtd": (quarter, day + one_day), "mtd": (month, day + one_day),
        "ytd_last_year": (year - y, last_year_day), "qtd_last_year": (quarter - y, last_year_day),
        "mtd_last_year": (month - y, last_year_day),
        "same_quarter_last_year": (quarter - y, quarter - y + q), "same_month_last_year": (month - y, month - y + m),
        "last_months": (month - pd.DateOffset(months=months - 1), day + one_day),
    }
    return ranges[name]
