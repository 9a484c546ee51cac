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
