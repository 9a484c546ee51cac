"""Steps applied to a small aggregated table: change, share, order, rank, pivot.

These run in pandas after any backend has aggregated, on tables of a few
dozen rows, so they cost nothing and are identical whether the aggregation ran
in pandas or in DuckDB. Each step is a plain function on a DataFrame whose
value column is ``value``; the engine renames it last.
"""

from __future__ import annotations

from typing import overload

import numpy as np
import pandas as pd

from deckbuilder.metrics.periods import label

VALUE = "value"


@overload
def change(current: float, previous: float, how: str) -> float: ...
@overload
def change(current: pd.Series | float, previous: pd.Series | float, how: str) -> pd.Series | float: ...
def change(current: pd.Series | float, previous: pd.Series | float, how: str) -> pd.Series | float:
    """Relative (``cur / prev - 1``, NaN when prev is 0) or absolute change."""
    if how == "absolute":
        return current - previous
    if isinstance(previous, pd.Series):
        return current / previous.where(previous != 0, np.nan) - 1
    return (current / previous - 1) if previous != 0 else float("nan")


def relabel(table: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """``table.rename(columns=names)``: the same labels (and label dtype), set directly. pandas' rename
    looks every label up and maps it one by one, ~5x the cost, and a deck renames ~60 small tables."""
    columns = table.columns
    labels = [names.get(c, c) for c in columns]
    if isinstance(columns.dtype, pd.StringDtype) and all(isinstance(c, str) for c in labels):
        return table.set_axis(pd.Index(labels, dtype=columns.dtype, name=columns.name), axis=1)
    return table.rename(columns=names)  # other label types: pandas' own inference


def share(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Each value over the total (within the first key when there are two)."""
    table = table.copy()
    total: pd.Series | float
    if len(keys) > 1:
        total = table.groupby(keys[0], sort=False)[VALUE].transform("sum")
    else:
        total = table[VALUE].sum()
    table[VALUE] = table[VALUE] / (total.where(total != 0, np.nan) if isinstance(total, pd.Series)
                                   else (total if total != 0 else np.nan))
    return table


def default_sort(has_grain: bool, key_count: int, is_formula: bool) -> str:
    if is_formula:
        return "none"
    if has_grain or key_count != 1:
        return "key"
    return "desc"


def by_keys(table: pd.DataFrame, keys: list[str], orders: dict[str, list] | None = None) -> pd.DataFrame:
    """Rows sorted by the keys; a column with a declared ``order:`` sorts in that order (others after)."""
    if not keys:
        return table
    orders = orders or {}

    def position(column: pd.Series) -> pd.Series:
        listed = orders.get(str(column.name))
        if listed is None:
            return column
        rank = {value: i for i, value in enumerate(listed)}
        return column.map(lambda v: rank.get(v, len(listed)))

    return table.sort_values(keys, kind="mergesort", key=position if orders else None)


def order(table: pd.DataFrame, keys: list[str], mode: str, orders: dict[str, list] | None = None, *,
          presorted: bool = False) -> pd.DataFrame:
    """Sort rows; ties keep category order, so the result is deterministic.

    *presorted*: the rows are in ``by_keys`` order already (sorting them by the keys again, a stable
    sort, would change nothing, so it is skipped)."""
    if mode == "none" or table.empty:
        return table.reset_index(drop=True)
    by_key = table if presorted else by_keys(table, keys, orders)
    if mode == "key":
        return by_key.reset_index(drop=True)
    return by_key.sort_values(VALUE, ascending=mode == "asc", kind="mergesort",
                              na_position="last").reset_index(drop=True)


def add_rank(table: pd.DataFrame, mode: str) -> pd.DataFrame:
    table = table.copy()
    ranks = table[VALUE].rank(method="min", ascending=mode == "asc")
    table["rank"] = ranks.astype("Int64")
    return table


def cumulative(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    table[VALUE] = table[VALUE].cumsum()
    return table


def label_periods(table: pd.DataFrame, column: str, grain: str, pattern: str | None) -> pd.DataFrame:
    table = table.copy()
    table[column] = [label(int(p), grain, pattern) for p in table[column]]
    return table


def pivot(table: pd.DataFrame, keys: list[str], fill: float | None) -> pd.DataFrame:
    """Spread the second key into columns (chart series), keeping row and column order."""
    rows = list(dict.fromkeys(table[keys[0]].tolist()))
    columns = list(dict.fromkeys(table[keys[1]].tolist()))
    wide = table.pivot(index=keys[0], columns=keys[1], values=VALUE).reindex(index=rows, columns=columns)
    if fill is not None:
        wide = wide.fillna(fill)
    wide.columns = [str(c) for c in wide.columns]
    wide.index.name = keys[0]
    return wide.reset_index()
