"""The metric compiler for SQL databases: ``where`` trees, grains and aggregates as SQLAlchemy Core.

``SaRows`` is the ``Rows`` of ``WhereBuilder`` (where.py) that builds SQLAlchemy
expressions, so every filter a pandas source accepts compiles, with every value a
bound parameter, into the dialect of the source's engine (PostgreSQL, SQLite,
ClickHouse, Trino, BigQuery, ... whichever SQLAlchemy dialect is installed).
What standard SQL does not spell the same everywhere is a small construct here,
compiled per dialect (``DaysBetween``, ``Weekday``, ``Truncate``, ``Median``);
a dialect without a form of its own gets the PostgreSQL / standard one.

Missing values behave as in pandas (see where.py): a comparison with a missing value is
false, ``!=`` and ``not in`` true (``coalesce``), as ``sqlgen.py`` does for DuckDB.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import BindParameter, ColumnElement

from deckbuilder.metrics.backend import Key
from deckbuilder.metrics.where import Typed

# --- constructs whose SQL differs between dialects ------------------------------------------------------

_SQLITE_MOMENT = "%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d"


class Moment(sa.types.TypeDecorator[dt.datetime]):
    """A date-time parameter or column. SQLite keeps dates as text: there they are ``datetime(x)``'s
    'YYYY-MM-DD HH:MM:SS', so text comparisons order them as dates."""

    impl = sa.DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Any) -> Any:
        if dialect.name == "sqlite":
            from sqlalchemy.dialects.sqlite import DATETIME

            return dialect.type_descriptor(DATETIME(storage_format=_SQLITE_MOMENT))
        return dialect.type_descriptor(sa.DateTime())


class AsMoment(sa.sql.expression.ColumnElement[dt.datetime]):
    """A column as a date-time: ``CAST(x AS TIMESTAMP)``, on SQLite ``datetime(x)``."""

    inherit_cache = True
    type = Moment()

    def __init__(self, item: Any) -> None:
        self.item = item


@compiles(AsMoment)
def _moment_standard(element: AsMoment, compiler: Any, **kw: Any) -> str:
    return compiler.process(sa.cast(element.item, sa.DateTime), **kw)


@compiles(AsMoment, "sqlite")
def _moment_sqlite(element: AsMoment, compiler: Any, **kw: Any) -> str:
    return f"datetime({compiler.process(element.item, **kw)})"



class DaysBetween(sa.sql.expression.ColumnElement[float]):
    """Days (with fractions) from *start* to *end*."""

    inherit_cache = True
    type = sa.Double()

    def __init__(self, start: Any, end: Any) -> None:
        self.start, self.end = start, end


@compiles(DaysBetween)
def _days_standard(element: DaysBetween, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(sa.cast(e, sa.DateTime), **kw) for e in (element.start, element.end))
    return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 86400.0)"


@compiles(DaysBetween, "sqlite")
def _days_sqlite(element: DaysBetween, compiler: Any, **kw: Any) -> str:
    return f"(julianday({compiler.process(element.end, **kw)}) - julianday({compiler.process(element.start, **kw)}))"


@compiles(DaysBetween, "clickhouse")
@compiles(DaysBetween, "trino")
def _days_diff(element: DaysBetween, compiler: Any, **kw: Any) -> str:
    name = "dateDiff" if compiler.dialect.name == "clickhouse" else "date_diff"
    start, end = compiler.process(element.start, **kw), compiler.process(element.end, **kw)
    return f"({name}('second', {start}, {end}) / 86400.0)"


@compiles(DaysBetween, "hive")
@compiles(DaysBetween, "databricks")
def _days_spark(element: DaysBetween, compiler: Any, **kw: Any) -> str:
    start, end = compiler.process(element.start, **kw), compiler.process(element.end, **kw)
    return f"((unix_timestamp({end}) - unix_timestamp({start})) / 86400.0)"


@compiles(DaysBetween, "bigquery")
def _days_bigquery(element: DaysBetween, compiler: Any, **kw: Any) -> str:
    end, start = (f"CAST({compiler.process(e, **kw)} AS TIMESTAMP)" for e in (element.end, element.start))
    return f"(TIMESTAMP_DIFF({end}, {start}, SECOND) / 86400.0)"


class Weekday(sa.sql.expression.ColumnElement[int]):
    """Day of the week as pandas counts it: Monday 0 ... Sunday 6."""

    inherit_cache = True
    type = sa.Integer()

    def __init__(self, item: Any) -> None:
        self.item = item


@compiles(Weekday)
def _weekday_standard(element: Weekday, compiler: Any, **kw: Any) -> str:
    return f"(CAST(EXTRACT(ISODOW FROM {compiler.process(element.item, **kw)}) AS INTEGER) - 1)"


@compiles(Weekday, "sqlite")
def _weekday_sqlite(element: Weekday, compiler: Any, **kw: Any) -> str:
    return f"((CAST(strftime('%w', {compiler.process(element.item, **kw)}) AS INTEGER) + 6) % 7)"


@compiles(Weekday, "clickhouse")
def _weekday_clickhouse(element: Weekday, compiler: Any, **kw: Any) -> str:
    return f"(toDayOfWeek({compiler.process(element.item, **kw)}) - 1)"


@compiles(Weekday, "trino")
def _weekday_trino(element: Weekday, compiler: Any, **kw: Any) -> str:
    return f"(day_of_week({compiler.process(element.item, **kw)}) - 1)"


@compiles(Weekday, "hive")
@compiles(Weekday, "databricks")
def _weekday_spark(element: Weekday, compiler: Any, **kw: Any) -> str:
    return f"((dayofweek({compiler.process(element.item, **kw)}) + 5) % 7)"


@compiles(Weekday, "bigquery")
def _weekday_bigquery(element: Weekday, compiler: Any, **kw: Any) -> str:
    return f"MOD(EXTRACT(DAYOFWEEK FROM {compiler.process(element.item, **kw)}) + 5, 7)"


class Quarter(sa.sql.expression.ColumnElement[int]):
    """The quarter (1-4) of a date."""

    inherit_cache = True
    type = sa.Integer()

    def __init__(self, item: Any) -> None:
        self.item = item


@compiles(Quarter)
def _quarter_standard(element: Quarter, compiler: Any, **kw: Any) -> str:
    return f"CAST(EXTRACT(QUARTER FROM {compiler.process(element.item, **kw)}) AS INTEGER)"


@compiles(Quarter, "sqlite")
def _quarter_sqlite(element: Quarter, compiler: Any, **kw: Any) -> str:
    return f"((CAST(strftime('%m', {compiler.process(element.item, **kw)}) AS INTEGER) + 2) / 3)"


class Truncate(sa.sql.expression.ColumnElement[dt.datetime]):
    """The first moment of the month / quarter / year of a date."""

    inherit_cache = True
    type = sa.DateTime()

    def __init__(self, unit: str, item: Any) -> None:
        self.unit, self.item = unit, item


@compiles(Truncate)
def _truncate_standard(element: Truncate, compiler: Any, **kw: Any) -> str:
    return f"CAST(date_trunc('{element.unit}', {compiler.process(element.item, **kw)}) AS TIMESTAMP)"


@compiles(Truncate, "bigquery")
def _truncate_bigquery(element: Truncate, compiler: Any, **kw: Any) -> str:
    return f"TIMESTAMP_TRUNC(CAST({compiler.process(element.item, **kw)} AS TIMESTAMP), {element.unit.upper()})"


@compiles(Truncate, "clickhouse")
def _truncate_clickhouse(element: Truncate, compiler: Any, **kw: Any) -> str:
    return f"toDateTime(toStartOf{element.unit.title()}({compiler.process(element.item, **kw)}))"


@compiles(Truncate, "sqlite")
def _truncate_sqlite(element: Truncate, compiler: Any, **kw: Any) -> str:
    raise CompileError(f"{element.unit}_start() has no SQLite form")


class Median(sa.sql.expression.ColumnElement[float]):
    """The median (halfway between the two middle values of an even count, as pandas)."""

    inherit_cache = True
    type = sa.Double()

    def __init__(self, item: Any) -> None:
        self.item = item


@compiles(Median)
def _median_standard(element: Median, compiler: Any, **kw: Any) -> str:
    return f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {compiler.process(element.item, **kw)})"


@compiles(Median, "duckdb")
@compiles(Median, "clickhouse")
def _median_function(element: Median, compiler: Any, **kw: Any) -> str:
    name = "quantileExactInclusive(0.5)" if compiler.dialect.name == "clickhouse" else "median"
    return f"{name}({compiler.process(element.item, **kw)})"


@compiles(Median, "hive")
@compiles(Median, "databricks")
def _median_spark(element: Median, compiler: Any, **kw: Any) -> str:
    return f"percentile({compiler.process(element.item, **kw)}, 0.5)"


@compiles(Median, "sqlite")
@compiles(Median, "trino")
@compiles(Median, "bigquery")
def _median_missing(element: Median, compiler: Any, **kw: Any) -> str:
    raise CompileError(f"{compiler.dialect.name} has no exact median aggregate")


# --- where trees ----------------------------------------------------------------------------------------

_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


def plain(value: Any) -> Any:
    """A Python value as a parameter: Timestamps -> datetime, numpy scalars -> Python, missing -> None."""
    if value is None or (not isinstance(value, str) and not isinstance(value, (list, tuple)) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


def bound(value: Any) -> ColumnElement[Any]:
    value = plain(value)
    if isinstance(value, bool):
        return sa.literal(value, sa.Boolean())
    if isinstance(value, dt.datetime):
        return sa.literal(value, Moment())
    if isinstance(value, (int, float)):
        return sa.literal(value, sa.Double()) if isinstance(value, float) else sa.literal(value, sa.BigInteger())
    return sa.literal(value)


def truth(item: Any) -> ColumnElement[bool]:
    return item if isinstance(item, ColumnElement) else (sa.true() if item else sa.false())


class YearOf(sa.sql.expression.ColumnElement[int]):
    """The year of a date; kept apart so ``year(d) == N`` can become a range of ``d`` (see ``year_range``)."""

    inherit_cache = True
    type = sa.Integer()

    def __init__(self, item: Any) -> None:
        self.item = item


@compiles(YearOf)
def _year(element: YearOf, compiler: Any, **kw: Any) -> str:
    return compiler.process(sa.cast(sa.extract("year", element.item), sa.Integer), **kw)


def date_part(part: str, item: Any) -> ColumnElement[Any]:
    if part == "weekday":
        return Weekday(item)
    if part == "quarter":
        return Quarter(item)
    if part == "year":
        return YearOf(item)
    return sa.cast(sa.extract(part, item), sa.Integer)


def year_range(op: str, year: Any, value: Any) -> ColumnElement[bool] | None:
    """``year(d) <op> N`` as a comparison of ``d`` with 1 January (no date arithmetic per row, and an index
    on ``d`` serves it); None when it is not that."""
    if not isinstance(year, YearOf) or not isinstance(value, BindParameter):
        return None
    number = value.value
    if isinstance(number, bool) or not isinstance(number, (int, float)) or not float(number).is_integer() \
            or not 1 <= number <= 9998:
        return None
    column, start, end = year.item, bound(dt.datetime(int(number), 1, 1)), bound(dt.datetime(int(number) + 1, 1, 1))
    tests = {"==": lambda: sa.and_(column >= start, column < end), "!=": lambda: sa.or_(column < start, column >= end),
             "<": lambda: column < start, "<=": lambda: column < end, ">": lambda: column >= end,
             ">=": lambda: column >= start}
    return sa.func.coalesce(tests[op]().self_group(), sa.true() if op == "!=" else sa.false())


class SaRows:
    """``Rows`` for ``WhereBuilder`` over the columns of a selectable (``column(name)``)."""

    def __init__(self, kinds: dict[str, str], column: Callable[[str], Any], extreme: Callable[[str, str], Any]) -> None:
        self._kinds, self._column, self._extreme = kinds, column, extreme

    def columns(self) -> list[str]:
        return list(self._kinds)

    def column(self, name: str) -> Typed:
        kind, value = self._kinds[name], self._column(name)
        return Typed(sa.func.coalesce(value, sa.false()) if kind == "bool" else value, kind, column=name)

    def const(self, value: Any, kind: str) -> Any:
        return bound(value)

    def extreme(self, func: str, column: str) -> Any:
        return self._extreme(func, column)

    def _value(self, typed: Typed) -> Any:
        return typed.value if isinstance(typed.value, ColumnElement) else bound(typed.value)

    def _number(self, typed: Typed) -> Any:
        value = self._value(typed)
        return sa.cast(sa.cast(value, sa.Integer), sa.Double) if typed.kind == "bool" else sa.cast(value, sa.Double)

    def compare(self, op: str, left: Typed, right: Typed) -> Any:
        a, b = self._value(left), self._value(right)
        ranged = year_range(op, a, b)
        if ranged is not None:
            return ranged
        if {left.kind, right.kind} == {"number", "bool"}:
            a, b = self._number(left), self._number(right)
        return sa.func.coalesce(_OPS[op](a, b), sa.true() if op == "!=" else sa.false())

    def is_null(self, item: Typed, negate: bool) -> Any:
        value = self._value(item)
        return value.is_not(None) if negate else value.is_(None)

    def isin(self, item: Typed, values: list[Any], negate: bool) -> Any:
        listed = [plain(v) for v in values]
        value = self._value(item)
        if negate:
            return sa.func.coalesce(value.not_in(listed), sa.true())
        return sa.func.coalesce(value.in_(listed), sa.false())

    def logical(self, op: str, items: list[Any]) -> Any:
        parts = [truth(i) for i in items]
        return sa.and_(*parts).self_group() if op == "and" else sa.or_(*parts).self_group()

    def negate(self, item: Any) -> Any:
        return sa.not_(truth(item))

    def arith(self, op: str, left: Typed, right: Typed) -> Any:
        return _OPS[op](self._number(left), self._number(right)).self_group()

    def neg(self, item: Typed) -> Any:
        return (-self._number(item)).self_group()

    def date_part(self, part: str, item: Typed) -> Any:
        return date_part(part, self._value(item))

    def text_case(self, func: str, item: Typed) -> Any:
        return getattr(sa.func, func)(self._value(item))

    def text_match(self, func: str, item: Typed, piece: str) -> Any:
        method = {"contains": "contains", "startswith": "startswith", "endswith": "endswith"}[func]
        return sa.func.coalesce(getattr(self._value(item), method)(piece, autoescape=True), sa.false())

    def absolute(self, item: Typed) -> Any:
        return sa.func.abs(self._number(item))

    def days_between(self, start: Typed, end: Typed) -> Any:
        return DaysBetween(self._value(start), self._value(end))

    def truncate(self, unit: str, item: Typed) -> Any:
        return Truncate(unit, self._value(item))


def condition(typed: Typed) -> ColumnElement[bool]:
    return truth(typed.value)


# --- keys and aggregates --------------------------------------------------------------------------------


def period(column: Any, grain: str) -> ColumnElement[Any]:
    """The period integer of periods.py: year, year*4 + quarter-1, year*12 + month-1."""
    year = date_part("year", column)
    if grain == "year":
        return year
    if grain == "quarter":
        return year * 4 + date_part("quarter", column) - 1
    return year * 12 + date_part("month", column) - 1


def key_expression(key: Key, column: Any, kind: str) -> ColumnElement[Any]:
    if key.grain:
        return period(column, key.grain)
    if key.keep is not None:
        value = column if kind == "text" else sa.cast(column, sa.String)
        kept = [plain(v) for v in key.keep]
        return sa.case((column.in_(kept), value), else_=bound(key.other))
    return column


def aggregate(agg: str, column: Any, kind: str) -> ColumnElement[Any]:
    """The aggregate of a column as a double (as the pandas backend gives it)."""
    if column is None:
        return sa.cast(sa.func.count(), sa.Double)
    number = sa.cast(sa.cast(column, sa.Integer), sa.Double) if kind == "bool" else column
    if agg == "sum":
        return sa.func.coalesce(sa.func.sum(sa.cast(number, sa.Double)), 0.0)
    if agg == "mean":
        return sa.func.avg(sa.cast(number, sa.Double))
    if agg == "median":
        return Median(sa.cast(number, sa.Double))
    if agg in ("min", "max"):
        return sa.cast(getattr(sa.func, agg)(number), sa.Double)
    if agg == "count":
        return sa.cast(sa.func.count(column), sa.Double)
    return sa.cast(sa.func.count(sa.distinct(column)), sa.Double)
