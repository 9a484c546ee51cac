"""What the sources cost and what SQL a metric runs: ``metrics --explain`` and ``build --timings``.

Pushdown backends (``DuckBackend``, ``SqlBackend``) log each statement they run as
(spec path, SQL, parameters) and the seconds spent in the database; pandas sources
report how long reading them took (``SourceCache.seconds``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from deckbuilder.metrics.backend import QueryBackend
from deckbuilder.metrics.engine import MetricEngine


@dataclass(frozen=True)
class Statement:
    source: str
    path: str  # the spec field it answers (metrics.NAME, data.NAME, filters.COLUMN)
    sql: str
    params: Any  # a mapping of named parameters, or a tuple of positional ones


@dataclass(frozen=True)
class SourceTiming:
    source: str
    engine: str  # pandas | duckdb | the SQL dialect's name
    read_seconds: float  # loading rows into pandas
    query_seconds: float  # aggregating inside a database
    queries: int


def statements(engine: MetricEngine) -> list[Statement]:
    """Every statement the engine's pushdown backends have run so far, by source, in order."""
    found = []
    for backend in engine.backends():
        if isinstance(backend, QueryBackend):
            found += [Statement(backend.name, path, sql, params) for path, sql, params in backend.statements]
    return found


def explain(engine: MetricEngine, name: str) -> tuple[list[Statement], list[str]]:
    """Compute metric *name* on a fresh *engine*; the statements that took, and the sources read into pandas."""
    engine.get(name)
    pandas = sorted({b.name for b in engine.backends() if not isinstance(b, QueryBackend)})
    return statements(engine), pandas


def source_timings(engine: MetricEngine) -> list[SourceTiming]:
    """Time per source of what the engine computed: reading for pandas sources, querying for pushdown."""
    rows: dict[str, SourceTiming] = {}
    for backend in engine.backends():
        if not isinstance(backend, QueryBackend):
            kind, read, query, count = "pandas", engine.cache.seconds.get(backend.name, 0.0), 0.0, 0
        else:
            sql_engine = getattr(backend, "engine", None)
            kind = sql_engine.dialect.name if sql_engine is not None else "duckdb"
            read, query, count = 0.0, backend.seconds, len(backend.statements)
        before = rows.get(backend.name)
        if before is not None:  # the same source sliced and whole: add up
            query, count = query + before.query_seconds, count + before.queries
        rows[backend.name] = SourceTiming(backend.name, kind, read, query, count)
    return sorted(rows.values(), key=lambda t: t.source)
