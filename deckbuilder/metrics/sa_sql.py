"""The metric compiler for SQL databases: ``where`` trees, grains and aggregates as SQLAlchemy Core.

``SaRows`` is the ``Rows`` of ``WhereBuilder`` (where.py) that builds SQLAlchemy
expressions, so every filter a pandas source accepts compiles, with every value a
bound parameter, into the dialect of the source's engine (PostgreSQL, SQLite,
ClickHouse, Trino, BigQuery, ... whichever SQLAlchemy dialect is installed).
What standard SQL does not spell the same everywhere is a small construct here,
compiled per dialect from a table of forms (``DialectSql``: ``DaysBetween``, ``Weekday``,
``Quarter``, ``Truncate``, ``Median``);
a dialect without a form of its own gets the PostgreSQL / standard one.

Missing values behave as in pandas (see where.py): a comparison with a missing value is
false, ``!=`` and ``not in`` true (``coalesce``), as ``sqlgen.py`` does for DuckDB.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from typing import Any, ClassVar

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



class DialectSql(sa.sql.expression.ColumnElement[Any]):
    """A construct whose SQL differs between dialects: ``FORMS`` maps a dialect name ("" for the
    standard / PostgreSQL form) to a template over the compiled arguments (``{0}``, ``{1}``, ...) and
    ``{unit}``; ``None`` means the dialect has no form, an error rather than a wrong number."""

    # No statement caching: the cache key would not see the arguments, and these queries are few.
    inherit_cache = False
    FORMS: ClassVar[dict[str, str | None]] = {}
    MISSING: ClassVar[str] = "{dialect} has no form of this construct"

    def __init__(self, *items: Any, unit: str = "") -> None:
        self.items, self.unit = items, unit

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        cls.inherit_cache = False  # stated on each class, as SQLAlchemy asks
        for dialect in cls.FORMS:
            compiles(cls, *([dialect] if dialect else []))(_compile_form)


def _compile_form(element: DialectSql, compiler: Any, **kw: Any) -> str:
    forms = element.FORMS
    name = compiler.dialect.name
    form = forms[name] if name in forms else forms[""]
    if form is None:
        raise CompileError(element.MISSING.format(dialect=name, unit=element.unit))
    args = [compiler.process(item, **kw) for item in element.items]
    return form.format(*args, unit=element.unit, UNIT=element.unit.upper(), Unit=element.unit.title())


_SPARK = ("hive", "databricks")


def _spark(form: str) -> dict[str, str | None]:
    return dict.fromkeys(_SPARK, form)


class DaysBetween(DialectSql):
    """Days (with fractions) from the first argument to the second."""

    type = sa.Double()
    FORMS = {"": "(EXTRACT(EPOCH FROM (CAST({1} AS TIMESTAMP) - CAST({0} AS TIMESTAMP))) / 86400.0)",
             "sqlite": "(julianday({1}) - julianday({0}))",
             "clickhouse": "(dateDiff('second', {0}, {1}) / 86400.0)",
             "trino": "(date_diff('second', {0}, {1}) / 86400.0)",
             **_spark("((unix_timestamp({1}) - unix_timestamp({0})) / 86400.0)"),
             "bigquery": "(TIMESTAMP_DIFF(CAST({1} AS TIMESTAMP), CAST({0} AS TIMESTAMP), SECOND) / 86400.0)"}


class Weekday(DialectSql):
    """Day of the week as pandas counts it: Monday 0 ... Sunday 6."""

    type = sa.Integer()
    FORMS = {"": "(CAST(EXTRACT(ISODOW FROM {0}) AS INTEGER) - 1)",
             "sqlite": "((CAST(strftime('%w', {0}) AS INTEGER) + 6) % 7)",
             "clickhouse": "(toDayOfWeek({0}) - 1)",
             "trino": "(day_of_week({0}) - 1)",
             **_spark("((dayofweek({0}) + 5) % 7)"),
             "bigquery": "MOD(EXTRACT(DAYOFWEEK FROM {0}) + 5, 7)"}


class Quarter(DialectSql):
    """The quarter (1-4) of a date."""

    type = sa.Integer()
    FORMS = {"": "CAST(EXTRACT(QUARTER FROM {0}) AS INTEGER)",
             "sqlite": "((CAST(strftime('%m', {0}) AS INTEGER) + 2) / 3)"}


class Truncate(DialectSql):
    """The first moment of the month / quarter / year (``unit``) of a date."""

    type = sa.DateTime()
    FORMS = {"": "CAST(date_trunc('{unit}', {0}) AS TIMESTAMP)",
             "bigquery": "TIMESTAMP_TRUNC(CAST({0} AS TIMESTAMP), {UNIT})",
             "clickhouse": "toDateTime(toStartOf{Unit}({0}))",
             "sqlite": None}
    MISSING = "{unit}_start() has no {dialect} form"

    def __init__(self, unit: str, item: Any) -> None:
        super().__init__(item, unit=unit)


class Median(DialectSql):
    """The median (halfway between the two middle values of an even count, as pandas)."""

    type = sa.Double()
    FORMS = {"": "percentile_cont(0.5) WITHIN GROUP (ORDER BY {0})",
             "duckdb": "median({0})",
             "clickhouse": "quantileExactInclusive(0.5)({0})",
             **_spark("percentile({0}, 0.5)"),
             "sqlite": None, "trino": None, "bigquery": None}
    MISSING = "{dialect} has no exact median aggregate"


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
