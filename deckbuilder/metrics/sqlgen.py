"""DuckDB SQL for ``where`` trees and aggregate requests (used by pushdown.py).

Every user value travels as a ``?`` parameter, never inside the SQL text;
column names are double-quoted identifiers. ``Sql`` keeps a fragment and its
parameters together so fragments combine in order.

Missing values behave as in pandas (see where.py): each comparison is wrapped
in ``coalesce(..., false)``, except ``!=`` and ``not in`` which default to
true, so ``NOT`` and ``!=`` select the same rows in both backends.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from deckbuilder.data.sql import quote_identifier
from deckbuilder.metrics.backend import Key
from deckbuilder.metrics.periods import period_sql
from deckbuilder.metrics.where import Typed


@dataclass(frozen=True)
class Sql:
    text: str
    params: tuple[Any, ...] = field(default=())

    def __add__(self, other: Sql) -> Sql:
        return Sql(self.text + other.text, self.params + other.params)


def join(parts: list[Sql], sep: str) -> Sql:
    out = Sql("")
    for i, part in enumerate(parts):
        out = out + (Sql(sep) if i else Sql("")) + part
    return out


def wrap(template: str, *parts: Sql) -> Sql:
    """``wrap("coalesce({} = {}, false)", a, b)`` with parameters kept in order."""
    pieces = template.split("{}")
    out = Sql(pieces[0])
    for part, text in zip(parts, pieces[1:]):
        out = out + part + Sql(text)
    return out


_TEXT_MATCH = {"contains": "contains", "startswith": "starts_with", "endswith": "ends_with"}
_DATE_PART = {"year": "year({})", "quarter": "quarter({})", "month": "month({})", "day": "day({})",
              "weekday": "(isodow({}) - 1)"}


class SqlRows:
    """``Rows`` for ``WhereBuilder`` that builds SQL instead of masks."""

    def __init__(self, kinds: dict[str, str], extreme: Callable[[str, str], Any]) -> None:
        self._kinds, self._extreme = kinds, extreme

    def columns(self) -> list[str]:
        return list(self._kinds)

    def column(self, name: str) -> Typed:
        kind = self._kinds[name]
        sql = Sql(quote_identifier(name))
        return Typed(wrap("coalesce({}, false)", sql) if kind == "bool" else sql, kind, column=name)

    def const(self, value: Any, kind: str) -> Sql:
        return Sql("?", (value,))

    def extreme(self, func: str, column: str) -> Any:
        return self._extreme(func, column)

    def _value(self, typed: Typed) -> Sql:
        return typed.value if isinstance(typed.value, Sql) else self.const(typed.value, typed.kind)

    def compare(self, op: str, left: Typed, right: Typed) -> Sql:
        symbol = "<>" if op == "!=" else ("=" if op == "==" else op)
        default = "true" if op == "!=" else "false"
        return wrap(f"coalesce(({{}} {symbol} {{}}), {default})", self._value(left), self._value(right))

    def is_null(self, item: Typed, negate: bool) -> Sql:
        return wrap("({} IS NOT NULL)" if negate else "({} IS NULL)", self._value(item))

    def isin(self, item: Typed, values: list[Any], negate: bool) -> Sql:
        listed = join([Sql("?", (v,)) for v in values], ", ")
        if negate:
            return wrap("coalesce(({} NOT IN ({})), true)", self._value(item), listed)
        return wrap("coalesce(({} IN ({})), false)", self._value(item), listed)

    def logical(self, op: str, items: list[Any]) -> Sql:
        return wrap("({})", join([self._as_sql(i) for i in items], f" {op.upper()} "))

    def _as_sql(self, item: Any) -> Sql:
        if isinstance(item, Sql):
            return item
        return Sql("true" if item else "false")

    def negate(self, item: Any) -> Sql:
        return wrap("(NOT {})", self._as_sql(item))

    def arith(self, op: str, left: Typed, right: Typed) -> Sql:
        return wrap(f"({{}} {op} {{}})", self._value(left), self._value(right))

    def neg(self, item: Typed) -> Sql:
        return wrap("(-{})", self._value(item))

    def date_part(self, part: str, item: Typed) -> Sql:
        return wrap(_DATE_PART[part], self._value(item))

    def text_case(self, func: str, item: Typed) -> Sql:
        return wrap(f"{func}({{}})", self._value(item))

    def text_match(self, func: str, item: Typed, piece: str) -> Sql:
        return wrap(f"coalesce({_TEXT_MATCH[func]}({{}}, {{}}), false)", self._value(item), Sql("?", (piece,)))

    def absolute(self, item: Typed) -> Sql:
        return wrap("abs({})", self._value(item))

    def days_between(self, start: Typed, end: Typed) -> Sql:
        return wrap("((epoch(CAST({} AS TIMESTAMP)) - epoch(CAST({} AS TIMESTAMP))) / 86400.0)",
                    self._value(end), self._value(start))

    def truncate(self, unit: str, item: Typed) -> Sql:
        return wrap(f"CAST(date_trunc('{unit}', {{}}) AS TIMESTAMP)", self._value(item))


def condition_sql(condition: Typed) -> Sql:
    value = condition.value
    if isinstance(value, Sql):
        return value
    return Sql("true" if value else "false")


_AGG_SQL = {
    "sum": "coalesce(sum(CAST({} AS DOUBLE)), 0)",
    "mean": "avg(CAST({} AS DOUBLE))",
    "median": "median(CAST({} AS DOUBLE))",
    "min": "CAST(min({}) AS DOUBLE)",
    "max": "CAST(max({}) AS DOUBLE)",
    "count": "CAST(count({}) AS DOUBLE)",
    "count_distinct": "CAST(count(DISTINCT {}) AS DOUBLE)",
}


def key_sql(key: Key, kind: str) -> Sql:
    column = Sql(quote_identifier(key.column))
    if key.grain:
        return Sql(period_sql(column.text, key.grain))
    if key.keep is not None:
        value = column if kind == "text" else wrap("CAST({} AS VARCHAR)", column)
        listed = join([Sql("?", (v,)) for v in key.keep], ", ")
        return wrap("CASE WHEN {} IN ({}) THEN {} ELSE {} END", value, listed, value, Sql("?", (key.other,)))
    return column


def aggregate_sql(agg: str, column: str | None) -> str:
    if column is None:
        return "CAST(count(*) AS DOUBLE)"
    return _AGG_SQL[agg].format(quote_identifier(column))
