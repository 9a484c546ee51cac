"""Pushdown to a database server: ``engine: sql`` sources aggregate where the data lives.

A ``type: sql`` source with ``engine: sql`` (PostgreSQL, or any database SQLAlchemy has a
dialect for) is never loaded into pandas. Each aggregate a metric needs compiles, through
SQLAlchemy Core (``sa_sql.py``), into one ``SELECT ... GROUP BY`` in the server's dialect
with every value bound as a parameter, and only the result rows come back; comparisons,
shares, top-N, targets and labels then run in pandas on them, as for every other source.

The source's rows as metrics see them are one nested SELECT: the table (or the ``query:``)
-> declared types (``CAST``) and renames -> lookups (``CASE`` over the small looked-up
source) -> derived columns -> the build's filters (``WHERE``).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import CompileError, SQLAlchemyError

from deckbuilder.data.cache import SourceCache, source_key
from deckbuilder.data.coerce import missing_column, value_kind
from deckbuilder.data.sql import source_engine
from deckbuilder.data.sql_connect import is_timeout, masked, server_engine, timeout_error
from deckbuilder.errors import DataError, SpecError, allowed_hint
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
from deckbuilder.metrics.enrich import derive_builder, lookup_side, unmatched_error
from deckbuilder.metrics.expressions import parse
from deckbuilder.metrics.sa_sql import (
    AsMoment,
    SaRows,
    Truncate,
    aggregate,
    bound,
    condition,
    key_expression,
    period,
    plain,
)
from deckbuilder.metrics.where import WhereBuilder

_DECLARED: dict[str, Any] = {"str": sa.String, "int": sa.BigInteger, "float": sa.Double, "bool": sa.Boolean,
                             "date": sa.Date, "datetime": sa.DateTime, "category": sa.String}
_KIND_OF_DECLARED = {"str": "text", "int": "number", "float": "number", "bool": "bool", "date": "date",
                     "datetime": "date", "category": "text"}
_CASE_ROWS = 2000  # a lookup into more rows than this belongs in the database (a view or the query)


def type_kind(sql_type: Any) -> str:
    """A reflected SQLAlchemy type as a column kind (number, text, date, bool, other)."""
    if isinstance(sql_type, sa.Boolean):
        return "bool"
    if isinstance(sql_type, (sa.Integer, sa.Numeric, sa.Float)):
        return "number"
    if isinstance(sql_type, (sa.Date, sa.DateTime)):
        return "date"
    if isinstance(sql_type, (sa.String, sa.Enum)):
        return "text"
    return "other"


@dataclass(frozen=True)
class Table:
    """A source's table (or query) as the server describes it: column names and kinds."""

    url: Any
    columns: tuple[tuple[str, str], ...]


def describe_table(name: str, spec: Any, base_dir: Path) -> Table:
    url, engine = source_engine(name, spec, base_dir)
    try:
        with engine.connect() as con:
            if spec.table is not None:
                schema, _, table = spec.table.rpartition(".")
                inspector = sa.inspect(con)
                known = [*inspector.get_table_names(schema or None), *inspector.get_view_names(schema or None)]
                if table not in known:
                    raise DataError(f"no table '{spec.table}' in the database", path=f"data.{name}.table",
                                    hint=allowed_hint(table, known))
                columns = [(c["name"], type_kind(c["type"])) for c in inspector.get_columns(table, schema or None)]
            else:
                columns = _query_columns(name, spec.query, con)
    except SQLAlchemyError as exc:
        raise DataError(f"cannot read source '{name}' from {masked(url)}: {str(getattr(exc, 'orig', exc)).strip()}",
                        path=f"data.{name}.{'table' if spec.table else 'query'}") from None
    finally:
        engine.dispose()
    return Table(url, tuple(columns))


def _query_columns(name: str, query: str, con: Any) -> list[tuple[str, str]]:
    """Column kinds of a query's result, judged from its first rows (declare columns: to be sure)."""
    sample = sa.select(sa.text("*")).select_from(sa.text(f"({query}) AS raw")).limit(1000)
    result = con.execute(sample)
    frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    kinds = []
    for column in frame.columns:
        values = frame[column].dropna()
        if len(values) and values.map(lambda v: hasattr(v, "year") and hasattr(v, "month")).all():
            kinds.append((str(column), "date"))
        else:
            kinds.append((str(column), value_kind(frame[column].infer_objects().dtype)))
    return kinds


class SqlBackend(QueryBackend):
    """Aggregates inside a database server, through SQLAlchemy; the build's filters become a WHERE."""

    def __init__(self, name: str, spec: Any, base_dir: Path, filters: dict[str, object],
                 cache: SourceCache, *, params: Any = None, as_of: Any = None, frame_of: Any = None) -> None:
        super().__init__()
        self.name = name
        self.table: Table = cache.fact(("sql-table", source_key(spec, base_dir)),
                                       lambda: describe_table(name, spec, base_dir))
        # one engine (connection pool) per database and process, shared by the builds of a batch
        self.engine = cache.fact(("sql-engine", self.table.url.render_as_string(hide_password=False), os.getpid()),
                                 lambda: server_engine(name, self.table.url))
        self._typed, self._kinds = self._typed_select(spec)
        self._base = self._typed
        for i, lookup in enumerate(spec.lookup):
            self._lookup(i, lookup, frame_of)
        if spec.derive:
            self._derive(spec, params or {}, as_of)
        self.filters_used: set[str] = set()
        self._filter = self._filters(filters)

    # --- the source's rows ------------------------------------------------------------------------
    def _typed_select(self, spec: Any) -> tuple[Any, dict[str, str]]:
        names = [c for c, _ in self.table.columns]
        for old in spec.rename:
            if old not in names:
                raise missing_column(old, names, what=f"source '{self.name}'", path=f"data.{self.name}.rename.{old}")
        renamed = [spec.rename.get(c, c) for c in names]
        declared = dict(spec.columns)
        for i, column in enumerate(spec.parse_dates):
            if column not in renamed:
                raise missing_column(column, renamed, what=f"source '{self.name}'",
                                     path=f"data.{self.name}.parse_dates[{i}]")
            declared.setdefault(column, "datetime")
        for column in declared:
            if column not in renamed:
                raise missing_column(column, renamed, what=f"source '{self.name}'",
                                     path=f"data.{self.name}.columns.{column}")
        if spec.date_format and any(_KIND_OF_DECLARED[t] == "date" for t in declared.values()):
            raise SpecError("date_format is not supported with engine: sql: store dates as dates in the database, "
                            "or parse them in the query", path=f"data.{self.name}.date_format")
        if spec.table is not None:
            schema, _, table = spec.table.rpartition(".")
            raw: Any = sa.table(table, *[sa.column(c) for c in names], schema=schema or None).alias("raw")
        else:
            raw = sa.text(spec.query).columns(*[sa.column(c) for c in names]).subquery("raw")
        select, kinds = [], {}
        for (column, kind), new in zip(self.table.columns, renamed):
            expr: Any = raw.c[column]
            declared_date = new in declared and _KIND_OF_DECLARED[declared[new]] == "date"
            if declared_date or (kind == "date" and self.engine.dialect.name == "sqlite"):  # SQLite: dates are text
                expr = AsMoment(expr)
                kind = "date"
            elif new in declared:
                expr = sa.cast(expr, _DECLARED[declared[new]]())
                kind = _KIND_OF_DECLARED[declared[new]]
            select.append(expr.label(new))
            kinds[new] = kind
        return sa.select(*select).subquery("typed"), kinds

    def _lookup(self, i: int, lookup: Any, frame_of: Any) -> None:
        """Columns of a small looked-up source as CASE expressions on the key (values bound)."""
        key, right = lookup_side(lookup, i, source=self.name, columns=list(self._kinds),
                                 on_kind=self._kinds.get(lookup.on, ""), frame_of=frame_of)
        path = f"data.{self.name}.lookup[{i}]"
        if len(right) > _CASE_ROWS:
            raise DataError(f"lookup source '{lookup.source}' has {len(right):,} rows; engine: sql looks up at "
                            f"most {_CASE_ROWS:,}", path=path, hint="join the tables in the source's query instead")
        on = self._base.c[lookup.on]
        keys = [plain(v) for v in right[key].tolist()]
        present = [k for k in keys if k is not None]
        miss = sa.or_(on.is_(None), on.not_in(present)) if present else sa.true()
        added = []
        for column in lookup.columns:
            branches = [(on == bound(k), bound(v)) for k, v in zip(keys, right[column].tolist()) if k is not None]
            added.append((sa.case(*branches, else_=sa.null()) if branches else sa.null()).label(column))
        counts = self._query(sa.select(sa.func.count().label("n"),
                                       sa.func.count().filter(miss).label("miss")).select_from(self._base), path=path)
        rows, missing = int(counts["n"].iloc[0]), int(counts["miss"].iloc[0])
        if missing:
            examples = self._query(sa.select(on.label("v")).where(miss, on.is_not(None)).distinct()
                                   .order_by(on).limit(6), path=path)["v"].tolist()
            error = unmatched_error(lookup, i, source=self.name, key=key, unmatched=missing, rows=rows,
                                    examples=examples)
            if error is not None:
                raise error
        self._base = sa.select(*self._base.c, *added).subquery(f"lookup{i}")
        self._kinds.update({c: value_kind(right[c].dtype) for c in lookup.columns})

    def _derive(self, spec: Any, params: Any, as_of: Any) -> None:
        for j, (name, text) in enumerate(spec.derive.items()):
            path = f"data.{self.name}.derive.{name}"
            if name in self._kinds:
                raise SpecError(f"source '{self.name}' already has a column '{name}'", path=path,
                                hint="choose another name for the derived column")
            base: Any = self._base
            rows = SaRows(dict(self._kinds), base.c.__getitem__, self._base_extreme)
            typed = derive_builder(rows, text, name, self.name, params, as_of).value(
                parse(text, "where", path=path, params=params))
            value: Any = typed.value if isinstance(typed.value, sa.sql.ClauseElement) else bound(typed.value)
            self._base = sa.select(*base.c, value.label(name)).subquery(f"derived{j}")
            self._kinds[name] = typed.kind

    def _base_extreme(self, func: str, column: str) -> Any:
        """max/min of a column inside a derived column: over the typed rows, before filters (as in pandas)."""
        value = self._query(sa.select(getattr(sa.func, func)(self._typed.c[column]).label("v")),
                            path=f"data.{self.name}.derive")["v"].iloc[0]
        return python_value(value, self._kinds[column])

    def _filters(self, filters: dict[str, object]) -> Any:
        parts = []
        for column, wanted in filters.items():
            if column not in self._kinds:
                continue
            self.filters_used.add(column)
            path = f"filters.{column}"
            values = [plain(coerce_filter_value(v, self._kinds[column], path=path)) for v in filter_values(wanted)]
            test = self._base.c[column].in_(values)
            found = self._query(sa.select(sa.func.count().label("n")).select_from(self._base).where(test), path=path)
            if int(found["n"].iloc[0]) == 0:
                quoted = self._base.c[column]
                present = self._query(sa.select(quoted.label("v")).where(quoted.is_not(None)).distinct()
                                      .order_by(quoted).limit(200), path=path)
                raise no_filter_match(column, values, present["v"].tolist(), source=self.name, path=path)
            parts.append(test)
        return sa.and_(*parts) if parts else None

    def _source(self) -> Any:
        """The rows metrics see: the source's rows, sliced by the build's filters."""
        if self._filter is None:
            return self._base
        return sa.select(*self._base.c).where(self._filter).subquery("src")

    # --- running SQL ------------------------------------------------------------------------------
    def compile(self, statement: Any, *, path: str) -> Any:
        try:
            return statement.compile(dialect=self.engine.dialect, compile_kwargs={"render_postcompile": True})
        except CompileError as exc:
            raise DataError(f"this cannot run on {self.engine.dialect.name}: {exc}", path=path,
                            hint="compute it over a pandas or DuckDB source, or write the SQL in the source's query"
                            ) from None

    def _query(self, statement: Any, *, path: str) -> pd.DataFrame:
        compiled = self.compile(statement, path=path)
        self.statements.append((path, str(compiled), dict(compiled.params)))
        started = time.perf_counter()
        try:
            with self.engine.connect() as con:
                result = con.execute(statement)
                frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
        except SQLAlchemyError as exc:
            what = f"metric '{path.removeprefix('metrics.')}'" if path.startswith("metrics.") else f"'{path}'"
            if is_timeout(exc):
                raise timeout_error(f"the query of {what}", path=path) from None
            raise DataError(f"{self.engine.dialect.name} could not compute {what}: "
                            f"{str(getattr(exc, 'orig', exc)).strip()}", path=path) from None
        finally:
            self.seconds += time.perf_counter() - started
        return frame

    # --- Backend protocol (columns, kind, row_count, extreme: QueryBackend) ----------------------
    def _count_statement(self) -> Any:
        return sa.select(sa.func.count().label("n")).select_from(self._source())

    def _extreme_statement(self, func: str, column: str) -> Any:
        return sa.select(getattr(sa.func, func)(self._source().c[column]).label("v"))

    def aggregate_statement(self, request: AggRequest, metric_value: MetricLookup, metric_names: list[str]) -> Any:
        """The SELECT answering *request*: keys and the measured column in a subquery, grouped outside."""
        check_request(self, request)
        src = self._source()
        where: Any = sa.true()
        if request.where is not None:
            rows = SaRows(self._kinds, lambda c: src.c[c], self.extreme)
            builder = WhereBuilder(rows, text=request.where_text or "", path=f"{request.path}.where",
                                   source=self.name, metric_value=metric_value, metric_names=metric_names,
                                   params=request.params, as_of=request.as_of)
            where = condition(builder.condition(request.where))
        # a time grain groups by the truncated date (cheap) and becomes the period integer on the grouped rows
        truncated = [bool(k.grain) and self.engine.dialect.name != "sqlite" for k in request.keys]
        inner_columns = [(Truncate(str(k.grain), src.c[k.column]) if cut else
                          key_expression(k, src.c[k.column], self.kind(k.column))).label(f"k{i}")
                         for i, (k, cut) in enumerate(zip(request.keys, truncated))]
        if request.column is not None:
            inner_columns.append(src.c[request.column].label("v"))
        # FROM given explicitly: the per-dialect constructs (Truncate, Weekday, ...) do not name their tables
        inner = sa.select(*(inner_columns or [sa.literal(1).label("one")])).select_from(src).where(where)
        rows_in = inner.subquery("rows")
        measured = rows_in.c.v if request.column is not None else None
        kind = self.kind(request.column) if request.column is not None else "number"
        measures = [aggregate(request.agg, measured, kind).label("value")]
        if not request.keys:
            measures.append(sa.func.count().label("n"))
        keys = [rows_in.c[f"k{i}"] for i in range(len(request.keys))]
        statement = sa.select(*keys, *measures).select_from(rows_in)
        if not keys:
            return statement
        if not any(truncated):
            return statement.group_by(*keys)
        grouped = statement.group_by(*keys).subquery("grouped")
        outer = [period(grouped.c[f"k{i}"], str(k.grain)).label(f"k{i}") if cut else grouped.c[f"k{i}"]
                 for i, (k, cut) in enumerate(zip(request.keys, truncated))]
        return sa.select(*outer, grouped.c.value)

    def aggregate(self, request: AggRequest, metric_value: MetricLookup, metric_names: list[str]) -> pd.DataFrame:
        statement = self.aggregate_statement(request, metric_value, metric_names)
        compiled = self.compile(statement, path=request.path)
        cache_key = (str(compiled), repr(sorted(compiled.params.items(), key=lambda kv: kv[0])))
        return self._aggregate_rows(cache_key, request, lambda: self._query(statement, path=request.path),
                                    (str(compiled), dict(compiled.params)))


