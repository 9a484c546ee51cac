"""A source's ``lookup:``, ``derive:`` and ``order:``: columns added before metrics see the rows.

Order of work for one source: read (declared types) -> lookups (many-to-one, from
other sources) -> derived columns (the expression language, in the order written,
each may use the ones before) -> category order checked -> the build's filters. So a
department filter reaches a column brought in by a lookup, and ``where`` / ``by`` use
derived columns like any other.

Derived columns run through the same ``WhereBuilder`` as ``where``, so the pandas
backend (here) and DuckDB (``derive_sql``) compute them alike. Lookups run in pandas
for pandas sources; for ``engine: duckdb`` the looked-up source (small, one row per key)
is loaded into pandas, handed to DuckDB and joined there (``DuckBackend``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from deckbuilder.data.coerce import missing_column, value_kind
from deckbuilder.errors import DataError, SpecError
from deckbuilder.metrics.expressions import parse
from deckbuilder.metrics.masks import PandasRows
from deckbuilder.metrics.where import WhereBuilder

if TYPE_CHECKING:
    from deckbuilder.metrics.sqlgen import Sql

FrameOf = Callable[[str, str], pd.DataFrame]  # (source name, path for errors) -> its typed rows


def _sample(values: Any, n: int = 5) -> str:
    listed = [str(v) for v in list(values)[:n]]
    return ", ".join(listed) + (", ..." if len(values) > n else "")


def lookup_side(lookup: Any, i: int, *, source: str, columns: list[str], on_kind: str,
                frame_of: FrameOf) -> tuple[str, pd.DataFrame]:
    """The looked-up source's key and columns, checked: they exist, do not clash, one row per key."""
    path = f"data.{source}.lookup[{i}]"
    other = frame_of(lookup.source, f"{path}.source")
    key = lookup.key or lookup.on
    key_path = f"{path}.key" if lookup.key else f"{path}.on"
    if lookup.on not in columns:
        raise missing_column(lookup.on, columns, what=f"source '{source}'", path=f"{path}.on")
    if key not in other.columns:
        raise missing_column(key, list(other.columns), what=f"source '{lookup.source}'", path=key_path)
    for j, column in enumerate(lookup.columns):
        if column not in other.columns:
            raise missing_column(column, list(other.columns), what=f"source '{lookup.source}'",
                                 path=f"{path}.columns[{j}]")
        if column in columns:
            raise SpecError(f"source '{source}' already has a column '{column}'", path=f"{path}.columns[{j}]",
                            hint="rename one of them (rename: in either source)")
    right_kind = value_kind(other[key].dtype)
    if on_kind != right_kind:
        raise DataError(f"cannot match '{lookup.on}' ({on_kind}) with '{key}' of '{lookup.source}' ({right_kind})",
                        path=key_path, hint=f"declare both keys with the same type, e.g. columns: {{{lookup.on}: str}}")
    keys = other[key]
    repeated = keys[keys.duplicated(keep=False) & keys.notna()]
    if not repeated.empty:
        raise DataError(f"lookup source '{lookup.source}' has several rows for the same {key} "
                        f"({repeated.nunique():,} key{'s' if repeated.nunique() > 1 else ''}, e.g. "
                        f"{_sample(repeated.unique())}); "
                        "a lookup needs one row per key", path=key_path,
                        hint="aggregate or de-duplicate that source first (a query, or a cleaner file)")
    right = pd.DataFrame({key: _plain(keys), **{c: _plain(other[c]) for c in lookup.columns if c != key}})
    return key, right.reset_index(drop=True)


def unmatched_error(lookup: Any, i: int, *, source: str, key: str, unmatched: int, rows: int,
                    examples: list) -> DataError | None:
    """The error for more rows without a match than ``max_unmatched`` allows (None when within it)."""
    share = unmatched / rows if rows else 0.0
    if share <= lookup.max_unmatched:
        return None
    example = f" (e.g. {_sample(examples)})" if examples else " (their keys are empty)"
    return DataError(f"{unmatched:,} of {rows:,} rows ({share:.1%}) of source '{source}' have no {key} in "
                     f"'{lookup.source}'{example}", path=f"data.{source}.lookup[{i}].on",
                     hint=f"fix the keys, or allow a share of unmatched rows: max_unmatched: "
                          f"{min(1.0, round(share + 0.005, 2))}")


def add_lookups(frame: pd.DataFrame, spec: Any, *, source: str, frame_of: FrameOf) -> pd.DataFrame:
    """The columns each ``lookup:`` names, matched on its key (one row per key on the other side)."""
    for i, lookup in enumerate(spec.lookup):
        on_kind = value_kind(frame[lookup.on].dtype) if lookup.on in frame.columns else ""
        key, right = lookup_side(lookup, i, source=source, columns=[str(c) for c in frame.columns], on_kind=on_kind,
                                 frame_of=frame_of)
        positions = _positions(pd.Index(right[key]), frame[lookup.on])
        unmatched = positions == -1
        examples = frame.loc[unmatched, lookup.on].dropna().unique().tolist()[:6] if unmatched.any() else []
        error = unmatched_error(lookup, i, source=source, key=key, unmatched=int(unmatched.sum()), rows=len(frame),
                                examples=examples)
        if error is not None:
            raise error
        added = {column: pd.Series(_as_category(right[column]).array.take(positions, allow_fill=True))
                 for column in lookup.columns}
        frame = frame.reset_index(drop=True).assign(**added)
    return frame


def _positions(keys: pd.Index, values: pd.Series) -> np.ndarray:
    """Row of *keys* matching each value (-1: none), matching each distinct value once."""
    codes, uniques = pd.factorize(_plain(values), use_na_sentinel=True)
    found = keys.get_indexer(uniques)
    return np.where(codes >= 0, found[np.maximum(codes, 0)], -1)


def _as_category(series: pd.Series) -> pd.Series:
    """Text as a categorical: taking a million rows is then taking integer codes."""
    if value_kind(series.dtype) == "text" and not isinstance(series.dtype, pd.CategoricalDtype):
        return series.astype("category")
    return series


def _plain(series: pd.Series) -> pd.Series:
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.astype(series.cat.categories.dtype)
    return series


def add_derived(frame: pd.DataFrame, spec: Any, *, source: str, params: Mapping[str, Any],
                as_of: Any) -> pd.DataFrame:
    """Each ``derive:`` column computed over the rows, in the order written."""
    # One ``Rows`` for all derived columns: the column kinds are worked out once and extended by each
    # new column, and date parts (year(date) for cur and prev) are computed once. The new columns are
    # kept apart and added in one assign at the end (one frame copy, not one per column): each is what
    # assigning it would store, aligned to the frame's rows.
    kinds = {str(c): value_kind(dtype) for c, dtype in zip(frame.columns.tolist(), frame.dtypes.tolist())}
    added: dict[str, pd.Series] = {}
    cache: dict = {}

    def derived(key: Any, compute: Callable[[], pd.Series]) -> pd.Series:
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    rows = PandasRows(kinds, lambda c: added[c] if c in added else frame[c], derived)
    for name, text in spec.derive.items():
        if name in frame.columns or name in added:
            raise SpecError(f"source '{source}' already has a column '{name}'", path=f"data.{source}.derive.{name}",
                            hint="choose another name for the derived column")
        typed = derive_builder(rows, text, name, source, params, as_of).value(
            parse(text, "where", path=f"data.{source}.derive.{name}", params=params))
        value = typed.value
        column = value if isinstance(value, pd.Series) else pd.Series([value] * len(frame), dtype=object)
        if not column.index.equals(frame.index):
            column = column.reindex(frame.index)  # what assign does with a Series of other rows
        if typed.kind == "number" and not pd.api.types.is_numeric_dtype(column.dtype):
            column = pd.to_numeric(column)
        if typed.kind == "date":
            column = pd.to_datetime(column)
        added[name] = column
        kinds[name] = value_kind(column.dtype)
    return frame.assign(**added) if added else frame


def derive_builder(rows: Any, text: str, name: str, source: str, params: Mapping[str, Any], as_of: Any) -> WhereBuilder:
    return WhereBuilder(rows, text=text, path=f"data.{source}.derive.{name}", source=source,
                        metric_value=lambda _name: None, metric_names=[], params=params, as_of=as_of)


def check_order(frame: pd.DataFrame, spec: Any, *, source: str) -> None:
    """Every value of an ordered column is listed in its ``order:`` (a typo would otherwise sort last)."""
    for column, listed in spec.order.items():
        path = f"data.{source}.order.{column}"
        if column not in frame.columns:
            raise missing_column(column, list(frame.columns), what=f"source '{source}'", path=path)
        present = _plain(frame[column]).dropna().unique().tolist()
        unknown = [v for v in present if v not in listed]
        if unknown:
            raise DataError(f"values of '{column}' missing from its order: {_sample(sorted(unknown, key=str))}",
                            path=path, hint="list every value of the column, in the order to show")


def derive_sql(select: Sql | str, kinds: dict[str, str], spec: Any, *, source: str, params: Mapping[str, Any],
               as_of: Any, extreme: Callable[[str, str], Any]) -> tuple[Sql, dict[str, str]]:
    """A DuckDB SELECT adding the derived columns to *select*, and the column kinds after it."""
    from deckbuilder.metrics.sqlgen import Sql, SqlRows  # SQL code (and sqlite3) only for pushdown specs

    kinds = dict(kinds)
    sql = select if isinstance(select, Sql) else Sql(select)
    for name, text in spec.derive.items():
        if name in kinds:
            raise SpecError(f"source '{source}' already has a column '{name}'", path=f"data.{source}.derive.{name}",
                            hint="choose another name for the derived column")
        rows = SqlRows(kinds, extreme)
        typed = derive_builder(rows, text, name, source, params, as_of).value(
            parse(text, "where", path=f"data.{source}.derive.{name}", params=params))
        value = typed.value if isinstance(typed.value, Sql) else Sql("?", (typed.value,))
        sql = Sql("SELECT *, ") + value + Sql(f' AS "{name.replace(chr(34), chr(34) * 2)}" FROM (') + sql + \
            Sql(") AS derived")
        kinds[name] = typed.kind
    return sql, kinds
