"""What the engine asks of a source's rows, and the checks shared by backends.

A metric over a source boils down to one ``AggRequest``: an aggregate of a
column, over the rows a ``where`` selects, grouped by a few ``Key``s (plain
columns, time periods of a date column, or "top N else others" buckets).
Everything after that (comparisons, shares, ranking, targets, labels) is
pandas on the small aggregated table, so a backend only answers
``aggregate()``: ``frames.py`` with pandas, ``pushdown.py`` with DuckDB SQL,
and both are checked here the same way so they fail the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import pandas as pd

from deckbuilder.data.coerce import missing_column
from deckbuilder.errors import DataError, did_you_mean
from deckbuilder.metrics.expressions import Node

NUMERIC_AGGS = {"sum", "mean", "median", "min", "max"}
ADDITIVE_AGGS = {"sum", "count", "count_distinct"}  # no rows means 0, not "undefined"


@dataclass(frozen=True)
class Key:
    """One grouping key of an aggregate, named ``name`` in the result."""

    column: str
    name: str
    grain: str | None = None  # month | quarter | year: period integers of a date column
    keep: tuple[Any, ...] | None = None  # bucket: these values stay, the rest become ``other``
    other: str | None = None
    path: str = ""  # spec field that asked for it (for errors)


@dataclass(frozen=True)
class AggRequest:
    agg: str
    column: str | None
    where: Node | None
    where_text: str | None
    keys: tuple[Key, ...]
    path: str  # metrics.NAME
    params: Any = None  # the build's parameter values (a mapping), for bare names in where
    as_of: Any = None  # the as-of date of period functions (None: the latest date of the column)


MetricLookup = Callable[[str], "float | None"]


class Backend(Protocol):
    name: str

    def columns(self) -> list[str]: ...
    def kind(self, column: str) -> str: ...
    def row_count(self) -> int: ...
    def extreme(self, func: str, column: str) -> Any:
        """The largest / smallest value of a column (None when it has none)."""
        ...
    def aggregate(self, request: AggRequest, metric_value: MetricLookup, metric_names: list[str]) -> pd.DataFrame:
        """Key columns (grain keys as period integers), ``value`` and, without keys, ``n`` (rows)."""
        ...


class QueryBackend:
    """What the two SQL backends (DuckDB's ``pushdown.py``, SQLAlchemy's ``sa_backend.py``) share: the
    row count and each column's extremes asked once and kept. A subclass sets ``name`` and ``_kinds``,
    runs a statement with ``_query`` and writes the two statements below in its own SQL."""

    name: str
    _kinds: dict[str, str]

    def __init__(self) -> None:
        self._rows: int | None = None
        self._extremes: dict[tuple[str, str], Any] = {}
        self.statements: list[tuple[str, str, Any]] = []  # (spec path, SQL, parameters) run, for --explain
        self.seconds = 0.0  # spent in the database, for --timings
        self._results: dict[Any, pd.DataFrame] = {}  # aggregate rows by statement: each runs once

    def _aggregate_rows(self, key: Any, request: AggRequest, run: Callable[[], pd.DataFrame],
                        shown: tuple[str, Any]) -> pd.DataFrame:
        """*request*'s rows: the statement *key* run once (a repeat is logged as *shown*, (SQL, parameters),
        but not run again), key columns renamed, rows with a missing key dropped, grains as integers."""
        if key not in self._results:
            self._results[key] = run()
        else:
            self.statements.append((request.path, *shown))
        table = self._results[key].copy()
        names = {f"k{i}": k.name for i, k in enumerate(request.keys)}
        table = table.rename(columns=names).dropna(subset=list(names.values()))
        for k in request.keys:
            if k.grain:
                table[k.name] = table[k.name].astype("int64")
        table["value"] = pd.to_numeric(table["value"]).astype("float64")
        if "n" in table:
            table["n"] = table["n"].astype("int64")
        return table.reset_index(drop=True)

    def _query(self, statement: Any, *, path: str) -> pd.DataFrame:
        raise NotImplementedError

    def _count_statement(self) -> Any:
        """A statement returning one row with the source's row count as ``n``."""
        raise NotImplementedError

    def _extreme_statement(self, func: str, column: str) -> Any:
        """A statement returning one row with ``func`` (max / min) of *column* as ``v``."""
        raise NotImplementedError

    def columns(self) -> list[str]:
        return list(self._kinds)

    def kind(self, column: str) -> str:
        return self._kinds[column]

    def row_count(self) -> int:
        if self._rows is None:
            frame = self._query(self._count_statement(), path=f"data.{self.name}")
            self._rows = int(frame["n"].iloc[0])
        return self._rows

    def extreme(self, func: str, column: str) -> Any:
        if (func, column) not in self._extremes:
            value = self._query(self._extreme_statement(func, column), path=f"data.{self.name}")["v"].iloc[0]
            self._extremes[(func, column)] = python_value(value, self.kind(column))
        return self._extremes[(func, column)]


def python_value(value: Any, kind: str) -> Any:
    """A value read back from a database as Python: missing -> None, dates -> Timestamp, numpy -> Python."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if kind == "date":
        return pd.Timestamp(value)
    return value.item() if hasattr(value, "item") else value


def check_request(backend: Backend, request: AggRequest) -> None:
    """Columns exist and suit the aggregate; DataError naming the spec field otherwise."""
    columns = backend.columns()
    if request.column is not None:
        if request.column not in columns:
            raise missing_column(request.column, columns, what=f"source '{backend.name}'",
                                 path=f"{request.path}.column")
        kind = backend.kind(request.column)
        if request.agg in NUMERIC_AGGS and kind not in ("number", "bool"):
            verb = {"sum": "sum", "mean": "average", "median": "take the median of",
                    "min": "take the minimum of", "max": "take the maximum of"}[request.agg]
            raise DataError(f"cannot {verb} {kind} column '{request.column}'", path=f"{request.path}.agg",
                            hint="use agg: count or count_distinct for text, or declare the column as a number "
                                 f"in the source (columns: {{{request.column}: float}})")
    for key in request.keys:
        if key.column not in columns:
            raise missing_column(key.column, columns, what=f"source '{backend.name}'", path=key.path)
        if key.grain and backend.kind(key.column) != "date":
            raise DataError(f"'{key.column}' is a {backend.kind(key.column)} column, not a date", path=key.path,
                            hint=f"declare it in the source: parse_dates: [{key.column}]")


def filter_values(value: object) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]


def coerce_filter_value(value: Any, kind: str, *, path: str) -> Any:
    """Make a filter value (often text from the CLI) comparable with the column."""
    if kind == "number" and isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            raise DataError(f"filter value {value!r} is not a number", path=path) from None
    if kind == "date" and isinstance(value, str):
        try:
            return pd.Timestamp(value)
        except ValueError:
            raise DataError(f"filter value {value!r} is not a date", path=path) from None
    return value


def no_filter_match(column: str, values: list[Any], present: list[Any], *, source: str, path: str) -> DataError:
    shown = ", ".join(repr(v) for v in values)
    guess = did_you_mean(str(values[0]), [str(p) for p in present]) if values else None
    listed = ", ".join(str(p) for p in present[:12]) + (", ..." if len(present) > 12 else "")
    hint = f"{guess + ' ' if guess else ''}values of '{column}': {listed}" if present else f"'{column}' is empty"
    return DataError(f"filter {column} = {shown} matches no rows of source '{source}'", path=path, hint=hint)
