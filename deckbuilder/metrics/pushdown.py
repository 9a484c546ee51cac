"""Pushdown: aggregate inside DuckDB instead of loading rows into pandas.

Used for sources with ``engine: duckdb``: a Parquet file (read with
``read_parquet``, so only the columns a metric touches are scanned) or a
``duckdb:///`` database (its ``query`` or ``table``). Every aggregate metric
over such a source becomes one ``SELECT ... GROUP BY`` and only the small
result comes back; compare, share, top-N, targets and labels then run on that
result exactly as for pandas sources, so both paths give the same numbers
(tests/test_sources.py checks this).

Declared ``columns`` / ``parse_dates`` / ``rename`` are applied as a typed
projection (``CAST``), and the build's ``filters`` as a ``WHERE`` on it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from deckbuilder.data.cache import SourceCache, source_key
from deckbuilder.data.coerce import missing_column, value_kind
from deckbuilder.data.files import existing_file
from deckbuilder.data.sql import duckdb_file, quote_identifier
from deckbuilder.data.sql_guard import (
    check_duckdb_query,
    open_duckdb,
    undeclared_file_read,
)
from deckbuilder.errors import DataError
from deckbuilder.metrics.backend import (
    AggRequest,
    MetricLookup,
    QueryBackend,
    check_request,
    coerce_filter_value,
    filter_values,
    no_filter_match,
    python_value,
)
from deckbuilder.metrics.enrich import derive_sql, lookup_side, unmatched_error
from deckbuilder.metrics.sqlgen import (
    Sql,
    SqlRows,
    aggregate_sql,
    condition_sql,
    join,
    key_sql,
)
from deckbuilder.metrics.where import WhereBuilder

_DECLARED = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN", "date": "DATE",
             "datetime": "TIMESTAMP", "category": "VARCHAR"}


def duck_kind(type_name: str) -> str:
    name = type_name.upper()
    if name == "BOOLEAN":
        return "bool"
    if name.startswith(("DATE", "TIMESTAMP")):
        return "date"
    if name.startswith(("VARCHAR", "ENUM")):
        return "text"
    if name.startswith(("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
                        "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL", "REAL")):
        return "number"
    return "other"


@dataclass(frozen=True)
class Relation:
    """A source as DuckDB sees it: which database, a typed SELECT, and column kinds."""

    database: str
    select: str
    kinds: dict[str, str]
    files: tuple[str, ...] = ()  # declared files the SELECT reads (a Parquet source)


def describe_relation(name: str, spec: Any, base_dir: Path) -> Relation:
    import duckdb

    files: tuple[str, ...]
    if spec.type == "parquet":
        file = existing_file(spec.path, base_dir, path=f"data.{name}.path").resolve()
        database, raw = ":memory:", "read_parquet('" + str(file).replace("'", "''") + "')"
        field, files = "path", (str(file),)
    else:
        database = duckdb_file(spec, base_dir, name=name)
        if spec.query is not None:
            check_duckdb_query(name, spec.query)
        raw = f"({spec.query})" if spec.query is not None else quote_identifier(spec.table)
        field = "query" if spec.query is not None else "table"
        files = ()  # a DuckDB database reads only itself
    con = open_duckdb(database, allowed_files=files)
    try:
        schema = [(r[0], r[1]) for r in con.execute(f"DESCRIBE SELECT * FROM {raw} AS raw").fetchall()]
    except duckdb.Error as exc:
        raise (undeclared_file_read(name, field, exc)
               or DataError(f"DuckDB cannot read this source: {str(exc).strip()}",
                            path=f"data.{name}.{field}")) from None
    finally:
        con.close()
    names = [c for c, _ in schema]
    for old in spec.rename:
        if old not in names:
            raise missing_column(old, names, what=f"source '{name}'", path=f"data.{name}.rename.{old}")
    declared = dict(spec.columns)
    renamed = [spec.rename.get(c, c) for c in names]
    for i, column in enumerate(spec.parse_dates):
        if column not in renamed:
            raise missing_column(column, renamed, what=f"source '{name}'", path=f"data.{name}.parse_dates[{i}]")
        declared.setdefault(column, "datetime")
    for column in declared:
        if column not in renamed:
            raise missing_column(column, renamed, what=f"source '{name}'", path=f"data.{name}.columns.{column}")
    select, kinds = [], {}
    for (column, type_name), new in zip(schema, renamed):
        expr = quote_identifier(column)
        if new in declared:
            target = _DECLARED[declared[new]]
            if target in ("DATE", "TIMESTAMP") and spec.date_format and duck_kind(type_name) == "text":
                fmt = spec.date_format.replace("'", "''")
                expr = f"CAST(strptime({expr}, '{fmt}') AS {target})"
            else:
                expr = f"CAST({expr} AS {target})"
            kinds[new] = duck_kind(target)
        else:
            kinds[new] = duck_kind(type_name)
        select.append(f"{expr} AS {quote_identifier(new)}")
    return Relation(database, f"SELECT {', '.join(select)} FROM {raw} AS raw", kinds, files)


_CASE_ROWS = 500  # a looked-up table this small becomes CASE expressions instead of a join


def _plain_value(value: Any) -> Any:
    """A pandas cell as a DuckDB parameter: missing -> None, numpy scalars -> Python."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") and not isinstance(value, pd.Timestamp) else value


class DuckBackend(QueryBackend):
    """Aggregates over a DuckDB relation; the build's filters become a WHERE clause."""

    def __init__(self, name: str, spec: Any, base_dir: Path, filters: dict[str, object],
                 cache: SourceCache, *, params: Any = None, as_of: Any = None, frame_of: Any = None) -> None:
        super().__init__()
        self.name = name
        self.relation: Relation = cache.fact(("duckdb-relation", source_key(spec, base_dir)),
                                             lambda: describe_relation(name, spec, base_dir))
        self._con = open_duckdb(self.relation.database, allowed_files=self.relation.files)
        self._select, self._kinds = Sql(self.relation.select), dict(self.relation.kinds)
        for i, lookup in enumerate(spec.lookup):  # joined inside DuckDB; the looked-up side is small
            self._join(i, lookup, frame_of)
        if spec.derive:  # derived columns: one more SELECT around the typed one
            self._select, self._kinds = derive_sql(self._select, self._kinds, spec, source=name,
                                                   params=params or {}, as_of=as_of, extreme=self._base_extreme)
        self.filters_used: set[str] = set()
        self._filter = self._filters(filters)

    # --- sql plumbing ---------------------------------------------------------------------
    def _source(self) -> Sql:
        return Sql("WITH src AS (SELECT * FROM (") + self._select + Sql(") AS typed WHERE ") + self._filter + Sql(") ")

    def _join(self, i: int, lookup: Any, frame_of: Any) -> None:
        """Add a lookup's columns: a CASE per column for a small looked-up table (DuckDB then drops the
        columns a query does not use, so most queries pay nothing), a LEFT JOIN for a big one."""
        key, right = lookup_side(lookup, i, source=self.name, columns=list(self._kinds),
                                 on_kind=self._kinds.get(lookup.on, ""), frame_of=frame_of)
        on = f"t.{quote_identifier(lookup.on)}"
        keys = [_plain_value(v) for v in right[key].tolist()]
        present = [k for k in keys if k is not None]
        if len(right) <= _CASE_ROWS:
            listed = join([Sql("?", (k,)) for k in present], ", ") if present else Sql("NULL")
            miss = Sql(f"({on} IS NULL OR {on} NOT IN (") + listed + Sql("))")
            columns = []
            for column in lookup.columns:
                branches = [Sql(" WHEN ? THEN ?", (k, _plain_value(v))) for k, v in zip(keys, right[column].tolist())
                            if k is not None]
                body = join(branches, "") if branches else Sql(" WHEN false THEN NULL")
                columns.append(Sql(f"CASE {on}") + body + Sql(f" ELSE NULL END AS {quote_identifier(column)}"))
            source = Sql(") AS t")
        else:
            table = f"deckbuilder_lookup_{i}"
            self._con.register(table, right)
            miss = Sql(f"lk.{quote_identifier(key)} IS NULL")
            columns = [Sql(f"lk.{quote_identifier(c)}") for c in lookup.columns]
            source = Sql(f") AS t LEFT JOIN {table} AS lk ON {on} = lk.{quote_identifier(key)}")
        path = f"data.{self.name}.lookup[{i}]"
        counts = self._query(Sql("SELECT count(*) AS n, count(*) FILTER (WHERE ") + miss + Sql(") AS miss FROM (")
                             + self._select + source, path=path)
        rows, missing = int(counts["n"].iloc[0]), int(counts["miss"].iloc[0])
        if missing:
            examples = self._query(Sql(f"SELECT DISTINCT {on} AS v FROM (") + self._select + source + Sql(" WHERE ")
                                   + miss + Sql(f" AND {on} IS NOT NULL ORDER BY 1 LIMIT 6"), path=path)["v"].tolist()
            error = unmatched_error(lookup, i, source=self.name, key=key, unmatched=missing, rows=rows,
                                    examples=examples)
            if error is not None:
                raise error
        self._select = Sql("SELECT t.*, ") + join(columns, ", ") + Sql(" FROM (") + self._select + source
        self._kinds.update({c: value_kind(right[c].dtype) for c in lookup.columns})

    def _base_extreme(self, func: str, column: str) -> Any:
        """max/min of a column inside a derived column: over the typed rows, before filters (as in pandas)."""
        sql = Sql(f"SELECT {func}({quote_identifier(column)}) AS v FROM ({self.relation.select}) AS typed")
        value = self._query(sql, path=f"data.{self.name}.derive")["v"].iloc[0]
        return python_value(value, self.relation.kinds[column])

    def _query(self, sql: Sql, *, path: str) -> pd.DataFrame:
        import duckdb

        self.statements.append((path, sql.text, sql.params))
        started = time.perf_counter()
        try:
            return self._con.execute(sql.text, list(sql.params)).df()
        except duckdb.Error as exc:
            raise DataError(f"DuckDB could not compute this: {str(exc).strip()}", path=path) from None
        finally:
            self.seconds += time.perf_counter() - started

    def _filters(self, filters: dict[str, object]) -> Sql:
        parts = []
        for column, wanted in filters.items():
            if column not in self._kinds:
                continue
            self.filters_used.add(column)
            path = f"filters.{column}"
            values = [coerce_filter_value(v, self._kinds[column], path=path) for v in filter_values(wanted)]
            test = Sql(f"{quote_identifier(column)} IN (") + join([Sql("?", (v,)) for v in values], ", ") + Sql(")")
            base = Sql("SELECT count(*) AS n FROM (") + self._select + Sql(") AS typed WHERE ") + test
            if int(self._query(base, path=path)["n"].iloc[0]) == 0:
                quoted = quote_identifier(column)
                present = self._query(Sql(f"SELECT DISTINCT {quoted} AS v FROM (") + self._select + Sql(
                    f") AS t WHERE {quoted} IS NOT NULL ORDER BY 1 LIMIT 200"), path=path)
                raise no_filter_match(column, values, present["v"].tolist(), source=self.name, path=path)
            parts.append(test)
        return join(parts, " AND ") if parts else Sql("true")

    # --- Backend protocol (columns, kind, row_count, extreme: QueryBackend) ---------------------
    def _count_statement(self) -> Sql:
        return self._source() + Sql("SELECT count(*) AS n FROM src")

    def _extreme_statement(self, func: str, column: str) -> Sql:
        return self._source() + Sql(f"SELECT {func}({quote_identifier(column)}) AS v FROM src")

    def aggregate(self, request: AggRequest, metric_value: MetricLookup, metric_names: list[str]) -> pd.DataFrame:
        check_request(self, request)
        condition = Sql("true")
        if request.where is not None:
            rows = SqlRows(self._kinds, self.extreme)
            builder = WhereBuilder(rows, text=request.where_text or "", path=f"{request.path}.where",
                                   source=self.name, metric_value=metric_value, metric_names=metric_names,
                                   params=request.params, as_of=request.as_of)
            condition = condition_sql(builder.condition(request.where))
        keys = [key_sql(k, self.kind(k.column)) + Sql(f" AS k{i}") for i, k in enumerate(request.keys)]
        measures = [Sql(aggregate_sql(request.agg, request.column) + " AS value")]
        if not request.keys:
            measures.append(Sql("count(*) AS n"))
        select = Sql("SELECT ") + join(keys + measures, ", ") + Sql(" FROM src WHERE ") + condition
        if request.keys:
            select = select + Sql(" GROUP BY " + ", ".join(str(i + 1) for i in range(len(keys))))
        sql = self._source() + select
        return self._aggregate_rows(sql, request, lambda: self._query(sql, path=request.path),
                                    (sql.text, sql.params))


def pushdown_backend(engine: str) -> type:
    """The backend class of a pushdown engine: ``duckdb`` (DuckBackend), ``sql`` (SqlBackend, through SQLAlchemy)."""
    if engine == "sql":
        from deckbuilder.metrics.sa_backend import SqlBackend

        return SqlBackend
    return DuckBackend
