"""The pandas backend: aggregates over an in-memory source frame.

One ``PandasBackend`` per source per engine holds the rows left after the
build's ``filters`` and caches what many metrics of one deck share: the mask
of each ``where`` text, the masked columns, and derived keys such as the
quarter of every order date. That sharing is what keeps ~30 metrics over a
million rows well under a second.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, cast

import numpy as np
import pandas as pd

from deckbuilder.data.coerce import value_kind
from deckbuilder.metrics.backend import (
    AggRequest,
    Key,
    MetricLookup,
    check_request,
    coerce_filter_value,
    filter_values,
    no_filter_match,
)
from deckbuilder.metrics.masks import PandasRows, to_mask
from deckbuilder.metrics.periods import period_series
from deckbuilder.metrics.where import WhereBuilder

_PANDAS_AGG = {"sum": "sum", "mean": "mean", "count": "count", "count_distinct": "nunique",
               "min": "min", "max": "max", "median": "median"}


def apply_filters(frame: pd.DataFrame, filters: dict[str, object], *, source: str) -> tuple[pd.DataFrame, set[str]]:
    """Rows matching every filter whose column the frame has; also which filters applied."""
    mask = None
    used = set()
    for column, wanted in filters.items():
        if column not in frame.columns:
            continue
        used.add(column)
        series = frame[column]
        path = f"filters.{column}"
        values = [coerce_filter_value(v, value_kind(series.dtype), path=path) for v in filter_values(wanted)]
        hit = series.isin(values).to_numpy()
        if not hit.any():
            present = sorted(series.dropna().unique().tolist(), key=str)
            raise no_filter_match(column, values, present, source=source, path=path)
        mask = hit if mask is None else (mask & hit)
    if mask is None:
        return frame, used
    return frame[mask].reset_index(drop=True), used


class PandasBackend:
    """Aggregates over one filtered source frame, with shared caches."""

    def __init__(self, name: str, frame: pd.DataFrame) -> None:
        self.name = name
        self.frame = frame
        self._kinds = {str(c): value_kind(dtype) for c, dtype in zip(frame.columns.tolist(), frame.dtypes.tolist())}
        self._derived: dict[Hashable, pd.Series] = {}
        self._masks: dict[str, np.ndarray] = {}
        self._masked: dict[tuple[Hashable, Hashable], pd.Series] = {}
        self._rows = PandasRows(self._kinds, self.column, self.derived)

    def columns(self) -> list[str]:
        return list(self._kinds)

    def kind(self, column: str) -> str:
        return self._kinds[column]

    def row_count(self) -> int:
        return len(self.frame)

    def extreme(self, func: str, column: str) -> Any:
        """The largest / smallest value of a column (None when it has none)."""
        return self._rows.extreme(func, column)

    def column(self, name: str) -> pd.Series:
        """A column as metrics use it: text as a categorical, so grouping and
        comparing work on small integer codes instead of hashing strings each time."""
        def compute() -> pd.Series:
            series = self.frame[name]
            if self._kinds[name] == "text" and not isinstance(series.dtype, pd.CategoricalDtype):
                return series.astype("category")
            return series
        return self.derived(("column", name), compute)

    def derived(self, key: Hashable, compute: Callable[[], pd.Series]) -> pd.Series:
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]

    # --- rows selected by where --------------------------------------------
    def _mask(self, request: AggRequest, metric_value: MetricLookup, metric_names: list[str]) -> np.ndarray | None:
        if request.where is None:
            return None
        text = request.where_text or ""
        if text not in self._masks:
            builder = WhereBuilder(self._rows, text=text, path=f"{request.path}.where", source=self.name,
                                   metric_value=metric_value, metric_names=metric_names,
                                   params=request.params, as_of=request.as_of)
            self._masks[text] = to_mask(builder.condition(request.where), len(self.frame))
        return self._masks[text]

    def _series(self, key: Hashable, compute: Callable[[], pd.Series], *, where: str | None,
                mask: np.ndarray | None) -> pd.Series:
        """A full-length series, masked by ``where`` (cached per where text)."""
        if mask is None:
            return self.derived(key, compute)
        if (where, key) not in self._masked:
            # the same as series[mask].reset_index(drop=True), masking the array directly (a third of the cost)
            series = self.derived(key, compute)
            self._masked[(where, key)] = pd.Series(series.array[mask], name=series.name, copy=False)
        return self._masked[(where, key)]

    def _key_series(self, key: Key) -> tuple[Hashable, Callable[[], pd.Series]]:
        """Grouping keys are categoricals too (computed once, cached): cheap to mask and group."""
        column = key.column
        if key.grain:
            grain = key.grain
            return ("period", column, grain), lambda: period_series(self.frame[column], grain).astype("category")
        if key.keep is not None:
            keep, other = key.keep, key.other

            def bucket() -> pd.Series:
                values = self.column(column)
                if not isinstance(values.dtype, pd.CategoricalDtype):
                    values = values.astype("category")
                return _merge_categories(values, set(keep), other)

            return ("bucket", column, keep, other), bucket
        return ("column", column), lambda: self.column(column)

    # --- aggregate -----------------------------------------------------------
    def scalar(self, request: AggRequest, metric_value: MetricLookup, metric_names: list[str]) -> tuple[float, int]:
        """(value, rows) of a request without keys: the one row of :meth:`aggregate`, without a frame
        (a deck has ~80 such numbers, and building a one-row DataFrame cost more than the sum)."""
        check_request(self, request)
        mask = self._mask(request, metric_value, metric_names)
        rows = len(self.frame) if mask is None else int(mask.sum())
        return _reduce(self._values(request, mask), request.agg, rows), rows

    def _values(self, request: AggRequest, mask: np.ndarray | None) -> pd.Series | None:
        if request.column is None:
            return None
        column = request.column
        return self._series(("column", column), lambda: self.column(column), where=request.where_text, mask=mask)

    def aggregate(self, request: AggRequest, metric_value: MetricLookup, metric_names: list[str]) -> pd.DataFrame:
        if not request.keys:
            value, rows = self.scalar(request, metric_value, metric_names)
            return pd.DataFrame({"value": [value], "n": [rows]})
        check_request(self, request)
        mask = self._mask(request, metric_value, metric_names)
        where = request.where_text
        values = self._values(request, mask)
        series = [self._series(*self._key_series(key), where=where, mask=mask) for key in request.keys]
        key_names = [key.name for key in request.keys]
        if len(set(key_names)) < len(key_names) or "value" in key_names:  # odd names: pandas' own way
            return _aggregate_frame(series, values, request.agg, key_names)
        # Series.groupby on the key series: the same grouping and the same (compensated) sums as a
        # DataFrame's group-by, without building that DataFrame (about half the cost for a deck's small tables)
        by = series[0] if len(series) == 1 else series
        grouped = (values if values is not None else series[0]).groupby(by, observed=True, sort=True, dropna=True)
        result = grouped.size() if values is None else grouped.agg(_PANDAS_AGG[request.agg])
        # The same frame as reset_index() and a rename, built once from the group index's levels
        # (each intermediate frame cost more than the group-by for a deck's small tables).
        index = result.index
        columns: dict[str, object] = {}
        for level, name in enumerate(key_names):
            keys = index.get_level_values(level)
            if isinstance(keys.dtype, pd.CategoricalDtype):  # back to plain values (text) for the steps after
                # = keys.astype(categories' dtype), taking categories by code (no missing keys: dropna)
                categorical = cast(pd.CategoricalIndex, keys)
                codes = categorical.codes
                keys = categorical.categories.take(codes) if (codes >= 0).all() else \
                    keys.astype(categorical.categories.dtype)
            columns[name] = keys
        columns["value"] = result.to_numpy(dtype="float64")
        return pd.DataFrame(columns, copy=False)  # arrays of this frame alone: no copy needed


def _aggregate_frame(series: list[pd.Series], values: pd.Series | None, agg: str,
                     key_names: list[str]) -> pd.DataFrame:
    """Group-by through a DataFrame and ``reset_index``: for key names a plain frame cannot hold
    (two keys of one name, or a key named ``value``)."""
    data = {f"k{i}": s for i, s in enumerate(series)}
    names = list(data)
    if values is not None:
        data["v"] = values
    grouped = pd.DataFrame(data, copy=False).groupby(names, observed=True, sort=True, dropna=True)
    result = grouped.size() if values is None else grouped["v"].agg(_PANDAS_AGG[agg])
    out = result.astype("float64").rename("value").reset_index()
    for name in names:
        if isinstance(out[name].dtype, pd.CategoricalDtype):
            out[name] = out[name].astype(out[name].cat.categories.dtype)
    return out.rename(columns=dict(zip(names, key_names)))


def _reduce(values: pd.Series | None, agg: str, rows: int) -> float:
    if values is None:
        return float(rows)
    if agg == "count_distinct":
        return float(values.nunique())
    result = getattr(values, _PANDAS_AGG[agg])()
    return float(result) if result is not None and not pd.isna(result) else float("nan")


def _merge_categories(values: pd.Series, keep: set, other: object) -> pd.Series:
    """Relabel every category not in ``keep`` as ``other``, working on the codes only."""
    categories = list(values.cat.categories)
    merged = [c for c in categories if c in keep and c != other] + [other]
    position = {c: i for i, c in enumerate(merged)}
    mapping = np.array([position[c] if c in keep and c != other else len(merged) - 1 for c in categories] + [-1])
    codes = mapping[values.cat.codes.to_numpy()]  # code -1 (missing) picks the trailing -1
    return pd.Series(pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(merged)), index=values.index,
                     name=values.name)
