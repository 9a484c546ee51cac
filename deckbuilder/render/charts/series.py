"""What a category chart plots: categories and named series, from a DataFrame or inline spec data.

A chart binding names a category column (``x``) and value columns (``y``), or a
long table with a ``series`` (or ``facet``) column that is pivoted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from deckbuilder.errors import DataError, allowed_hint
from deckbuilder.spec.model import ChartSpec, InlineSeriesData

if TYPE_CHECKING:
    import pandas


@dataclass
class SeriesTable:
    """Categories and named series of values: what a category chart needs."""

    categories: list[str]
    series: list[tuple[str, list[float | None]]]
    totals: list[bool] = field(default_factory=list)  # a waterfall's bars drawn from zero
    x_values: list[float | None] = field(default_factory=list)  # scatter and bubble: each point's x
    sizes: list[float | None] = field(default_factory=list)  # bubble: each point's size
    x_format: str = ""  # scatter: Excel format of the x values, already scaled ("": the chart's, scaled with y)
    labels: list[str] = field(default_factory=list)  # a waterfall's bar labels, formatted ("+596.2万")


def series_from_inline(data: InlineSeriesData) -> SeriesTable:
    """Inline chart data as written in the spec (no pandas needed)."""
    return SeriesTable([_category(c) for c in data.categories],
                       [(name, [None if v is None else float(v) for v in values])  # templates rendered by now
                        for name, values in data.series.items()])


def series_from_frame(frame: pandas.DataFrame, spec: ChartSpec) -> SeriesTable:
    """Pick categories and series out of *frame* as the binding says.

    >>> df = pd.DataFrame({"q": ["Q1", "Q2"], "sales": [1.0, 2.0]})
    >>> series_from_frame(df, ChartSpec(type="line", data=None, csv="x.csv")).series
    [('sales', [1.0, 2.0])]
    """
    import pandas as pd

    columns = [str(c) for c in frame.columns]
    frame = frame.copy()
    frame.columns = columns
    x = spec.x or columns[0]
    group = spec.series or spec.facet_column  # long data: a column's values are the series (or panels)
    _require_columns(frame, [x] + ([group] if group else []))
    if group:
        value = spec.y if isinstance(spec.y, str) else (spec.y[0] if spec.y else
                                                         next(c for c in columns if c not in (x, group)))
        _require_columns(frame, [value])
        frame = frame.pivot_table(index=x, columns=group, values=value, aggfunc="sum", sort=False)
        frame = frame.reset_index()
        frame.columns = [str(c) for c in frame.columns]
        ys = [c for c in frame.columns if c != x]
    else:
        ys = [spec.y] if isinstance(spec.y, str) else (spec.y or [c for c in columns if c != x])
        _require_columns(frame, ys)
    if not ys:
        raise DataError("no value columns to plot", hint="name them with 'y:'")
    categories = [_category(v) for v in frame[x].tolist()]
    series = []
    for name in ys:
        values = pd.to_numeric(frame[name], errors="coerce")
        if values.isna().all():
            raise DataError(f"column '{name}' has no numbers to plot")
        # inf (a ratio over zero) has no place on an axis: it is a gap, like a missing value
        series.append((name, [float(v) if math.isfinite(v) else None for v in values.astype(float)]))
    return SeriesTable(categories, series)


def _category(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):  # dates and pandas Timestamps
        return value.strftime("%Y-%m-%d")
    return str(value)


def _require_columns(frame: pandas.DataFrame, names: list[str]) -> None:
    for name in names:
        if name not in frame.columns:
            raise DataError(f"no column '{name}' in the chart data",
                            hint=allowed_hint(name, frame.columns))


def points_from_frame(frame: pandas.DataFrame, spec: ChartSpec, *, sizes: bool) -> SeriesTable:
    """Scatter/bubble points: names from ``point_labels`` (default: the first text column),
    ``x`` and ``y`` (and ``size``) from the named columns (default: the numeric columns in order).
    """
    import pandas as pd
    from pandas.api.types import is_numeric_dtype

    frame = frame.copy()
    frame.columns = [str(c) for c in frame.columns]
    numeric = [c for c in frame.columns if is_numeric_dtype(frame[c])]
    texts = [c for c in frame.columns if c not in numeric]
    y = spec.y if isinstance(spec.y, str) else (spec.y[0] if spec.y else None)
    wanted = [spec.x, y, spec.size if sizes else None]
    free = [c for c in numeric if c not in wanted]
    x = spec.x or (free.pop(0) if free else None)
    y = y or (free.pop(0) if free else None)
    size = (spec.size or (free.pop(0) if free else None)) if sizes else None
    if x is None or y is None or (sizes and size is None):
        raise DataError("a scatter needs numeric columns for x and y" + (" and size" if sizes else ""),
                        hint="name them with 'x:', 'y:'" + (" and 'size:'" if sizes else ""))
    names = spec.point_labels or (texts[0] if texts else None)
    _require_columns(frame, [c for c in (x, y, size, names) if c])

    def numbers(column: str) -> list[float | None]:
        values = pd.to_numeric(frame[column], errors="coerce").astype(float)
        return [float(v) if math.isfinite(v) else None for v in values]

    categories = [_category(v) for v in frame[names].tolist()] if names else [str(k + 1) for k in range(len(frame))]
    return SeriesTable(categories, [(y, numbers(y))], x_values=numbers(x), sizes=numbers(size) if size else [])
