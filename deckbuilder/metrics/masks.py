"""pandas operations for ``where`` trees: vectorised boolean masks.

``WhereBuilder`` (where.py) decides what is legal; this module only says how
to do each operation on Series. Date parts (``year(date)``) are cached per
column because a year-end deck asks for ``year(date)`` in dozens of metrics.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

import numpy as np
import pandas as pd

from deckbuilder.data.coerce import value_kind
from deckbuilder.metrics.where import Typed

_COMPARE = {"==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge"}


def _uncategorized(series: Any) -> Any:
    """Categoricals compare by order only when ordered; compare their values instead."""
    if isinstance(series, pd.Series) and isinstance(series.dtype, pd.CategoricalDtype):
        return series.astype(series.cat.categories.dtype)
    return series


def _bools(value: Any) -> Any:
    if isinstance(value, pd.Series) and not pd.api.types.is_bool_dtype(value.dtype):
        return value.fillna(False).astype(bool)
    if isinstance(value, pd.Series) and value.dtype != bool:  # nullable boolean
        return value.fillna(False).astype(bool)
    return value


def _text_categorical(value: Any) -> bool:
    """A text column held as a categorical (how ``PandasBackend`` holds text)."""
    return (isinstance(value, pd.Series) and isinstance(value.dtype, pd.CategoricalDtype)
            and value_kind(_categories(value).dtype) == "text")


def _categories(series: pd.Series) -> pd.Index:
    return cast(pd.CategoricalDtype, series.dtype).categories


def _on_codes(series: pd.Series, hits: np.ndarray) -> pd.Series:
    return pd.Series(hits, index=series.index, name=series.name, copy=False)


def _category_equals(op: str, series: pd.Series, text: str) -> pd.Series:
    """``series == text`` (``!=``) for a text categorical: pandas' own rule (one category code; a text
    that is no category matches no row), on the codes, without pandas' per-operation overhead."""
    codes = series.array.codes
    try:
        position = _categories(series).get_loc(text)
    except KeyError:
        return _on_codes(series, np.full(len(codes), op == "!="))
    return _on_codes(series, codes == position if op == "==" else codes != position)


class PandasRows:
    """The rows of one filtered source frame, for ``WhereBuilder``."""

    def __init__(self, columns: Mapping[str, str], column: Callable[[str], pd.Series],
                 derived: Callable[[tuple, Callable[[], pd.Series]], pd.Series]) -> None:
        self._kinds, self._column, self._derived = columns, column, derived

    def columns(self) -> list[str]:
        return list(self._kinds)

    def column(self, name: str) -> Typed:
        return Typed(self._column(name), self._kinds[name], column=name)

    def const(self, value: Any, kind: str) -> Any:
        return value

    def extreme(self, func: str, column: str) -> Any:
        series = _uncategorized(self._column(column))
        if series.dropna().empty:
            return None
        value = series.max() if func == "max" else series.min()
        return value.item() if isinstance(value, np.generic) else value

    def compare(self, op: str, left: Typed, right: Typed) -> Any:
        if op in ("==", "!=") and isinstance(right.value, str) and _text_categorical(left.value):
            return _category_equals(op, left.value, right.value)
        a = left.value if op in ("==", "!=") else _uncategorized(left.value)
        b = right.value if op in ("==", "!=") else _uncategorized(right.value)
        return _bools(getattr(a, _COMPARE[op])(b))

    def is_null(self, item: Typed, negate: bool) -> Any:
        return item.value.notna() if negate else item.value.isna()

    def isin(self, item: Typed, values: list[Any], negate: bool) -> Any:
        series = item.value
        if _text_categorical(series) and all(isinstance(v, str) for v in values):
            # what Categorical.isin does (the codes of the listed texts that are categories), minus overhead
            positions = _categories(series).get_indexer_for(pd.Index(values))
            mask = _on_codes(series, np.isin(series.array.codes, positions[positions >= 0]))
        else:
            mask = series.isin(values)
        return ~mask if negate else mask

    def logical(self, op: str, items: list[Any]) -> Any:
        if all(_bool_series(i) for i in items) and all(_same_rows(items[0], i) for i in items[1:]):
            # the same as ``&`` / ``|`` of the Series (same rows: nothing to align), on their arrays
            combine = np.logical_and if op == "and" else np.logical_or
            values, name = items[0].to_numpy(), items[0].name
            for item in items[1:]:
                values = combine(values, item.to_numpy())
                name = name if name == item.name else None
            return pd.Series(values, index=items[0].index, name=name, copy=False)
        out = items[0]
        for item in items[1:]:
            out = (out & item) if op == "and" else (out | item)
        return out

    def negate(self, item: Any) -> Any:
        return ~item if isinstance(item, pd.Series) else (not item)

    def arith(self, op: str, left: Typed, right: Typed) -> Any:
        a, b = left.value, right.value
        return {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b}[op]()

    def neg(self, item: Typed) -> Any:
        return -item.value

    def date_part(self, part: str, item: Typed) -> Any:
        def compute() -> pd.Series:
            dates = item.value.dt
            return dates.day_of_week if part == "weekday" else getattr(dates, part)

        return self._derived((part, item.column), compute) if item.column else compute()

    def text_case(self, func: str, item: Typed) -> Any:
        return getattr(item.value.str, func)()  # on a categorical this works per category: fast

    def text_match(self, func: str, item: Typed, piece: str) -> Any:
        strings = item.value.str
        if func == "contains":
            return _bools(strings.contains(piece, regex=False, na=False))
        return _bools(getattr(strings, func)(piece, na=False))

    def absolute(self, item: Typed) -> Any:
        return item.value.abs()

    def days_between(self, start: Typed, end: Typed) -> Any:
        return (end.value - start.value) / pd.Timedelta(days=1)

    def truncate(self, unit: str, item: Typed) -> Any:
        days = item.value.to_numpy(dtype="datetime64[ns]")
        start = days.astype("datetime64[Y]" if unit == "year" else "datetime64[M]")
        if unit == "quarter":
            index = start.astype("int64")
            start = (index - index % 3).astype("datetime64[M]")
        out = np.where(np.isnat(days), np.datetime64("NaT"), start).astype("datetime64[ns]")
        return pd.Series(out, index=item.value.index)


def _bool_series(value: Any) -> bool:
    return isinstance(value, pd.Series) and value.dtype == bool


def _same_rows(a: pd.Series, b: pd.Series) -> bool:
    return a.index is b.index or (len(a) == len(b) and a.index.equals(b.index))


def to_mask(condition: Typed, length: int) -> np.ndarray:
    """A boolean ndarray of the frame's length (a constant condition broadcasts)."""
    value = condition.value
    if isinstance(value, pd.Series):
        return _bools(value).to_numpy(dtype=bool)  # = np.asarray(..., dtype=bool), a tenth of the cost
    return np.full(length, bool(value))
