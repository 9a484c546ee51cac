"""Type-check a ``where`` tree once, then build it with a backend's operations.

The same walker drives pandas (``masks.py``) and DuckDB SQL (``sqlgen.py``):
it resolves names (a column, else a scalar metric), checks that both sides of
a comparison are of one kind (text with text, dates with dates or date text,
numbers with numbers) and raises the user-facing errors; a backend only says
how to compare, combine and extract. So both backends accept exactly the same
expressions and fail with exactly the same messages.

Missing values follow pandas: ``!=`` and ``not in`` are true for a missing
value, every other comparison false. ``sqlgen`` reproduces this with
``coalesce`` so pushed-down filters select the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import pandas as pd

from deckbuilder.errors import DataError, SpecError, did_you_mean
from deckbuilder.metrics.expressions import (
    PERIOD_FUNCTIONS,
    Arith,
    BoolOp,
    Call,
    Compare,
    InList,
    Lit,
    Name,
    Neg,
    Node,
    Not,
)
from deckbuilder.metrics.periods import period_range

_DATE_PARTS = {"year", "quarter", "month", "day", "weekday"}


@dataclass(frozen=True)
class Typed:
    value: Any  # backend value: a pandas Series / scalar, or an SQL fragment
    kind: str  # number | text | date | bool | null | other
    const: bool = False  # a literal known before the data (value is a Python value)
    column: str | None = None  # the plain column this came from, for caching


class Rows(Protocol):
    """What a backend provides for one source's rows."""

    def columns(self) -> list[str]: ...
    def column(self, name: str) -> Typed: ...
    def const(self, value: Any, kind: str) -> Any: ...
    def extreme(self, func: str, column: str) -> Any: ...
    def compare(self, op: str, left: Typed, right: Typed) -> Any: ...
    def is_null(self, item: Typed, negate: bool) -> Any: ...
    def isin(self, item: Typed, values: list[Any], negate: bool) -> Any: ...
    def logical(self, op: str, items: list[Any]) -> Any: ...
    def negate(self, item: Any) -> Any: ...
    def arith(self, op: str, left: Typed, right: Typed) -> Any: ...
    def neg(self, item: Typed) -> Any: ...
    def date_part(self, part: str, item: Typed) -> Any: ...
    def text_case(self, func: str, item: Typed) -> Any: ...
    def text_match(self, func: str, item: Typed, piece: str) -> Any: ...
    def absolute(self, item: Typed) -> Any: ...
    def days_between(self, start: Typed, end: Typed) -> Any: ...
    def truncate(self, unit: str, item: Typed) -> Any: ...


def literal_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (pd.Timestamp, dt.date)):
        return "date"
    return "text"


def describe(node: Node, text: str) -> str:
    if isinstance(node, Name):
        return f"'{node.name}'"
    if isinstance(node, Lit):
        return repr(node.value)
    return "the expression at position " + str(node.pos + 1)


class WhereBuilder:
    """Walk a parsed where tree over a backend's rows."""

    def __init__(self, rows: Rows, *, text: str, path: str, source: str,
                 metric_value: Callable[[str], float | None], metric_names: list[str],
                 params: Mapping[str, Any] | None = None, as_of: Any = None) -> None:
        self.rows, self.text, self.path, self.source = rows, text, path, source
        self.metric_value, self.metric_names = metric_value, metric_names
        self.params, self.as_of = dict(params or {}), as_of

    def value(self, node: Node) -> Typed:
        """A derived column's value: any kind but null, constants broadcast by the backend."""
        typed = self.build(node)
        if typed.kind in ("null", "other"):
            raise SpecError(f"a derived column needs a value, {describe(node, self.text)} is {typed.kind}",
                            path=self.path)
        return self._materialize(typed) if typed.const else typed

    def condition(self, node: Node) -> Any:
        typed = self.build(node)
        if typed.kind not in ("bool",):
            raise SpecError(f"where must be a condition, but {describe(node, self.text)} is a {typed.kind}",
                            path=self.path, hint="compare it, e.g. amount > 0 or platform == '天猫'")
        return typed

    # --- dispatch -------------------------------------------------------
    def build(self, node: Node) -> Typed:
        return getattr(self, "_" + type(node).__name__)(node)

    def _Lit(self, node: Lit) -> Typed:
        value = node.value
        if isinstance(value, dt.date):  # a date parameter
            value = pd.Timestamp(value)
        return Typed(value, literal_kind(value), const=True)

    def _Name(self, node: Name) -> Typed:
        if node.name in self.rows.columns():
            return self.rows.column(node.name)
        if node.name in self.params:  # a column of the same name wins; params.NAME is always the parameter
            param = self.params[node.name]
            if isinstance(param, list):
                raise SpecError(f"parameter '{node.name}' is a list: use it after in, e.g. x in {node.name}",
                                path=self.path)
            return self._Lit(Lit(node.pos, param))
        value = self.metric_value(node.name)
        if value is not None:
            return Typed(value, "number", const=True)
        columns = self.rows.columns()
        guess = did_you_mean(node.name, [*columns, *self.metric_names])  # a column or a scalar metric
        listed = ", ".join(columns[:15]) + (", ..." if len(columns) > 15 else "")
        raise DataError(f"no column (or metric) '{node.name}' in source '{self.source}'", path=self.path,
                        hint=f"{guess + ' ' if guess else ''}columns: {listed}")

    def _BoolOp(self, node: BoolOp) -> Typed:
        items = [self._bool(i) for i in node.items]
        return Typed(self.rows.logical(node.op, [i.value for i in items]), "bool")

    def _Not(self, node: Not) -> Typed:
        return Typed(self.rows.negate(self._bool(node.item).value), "bool")

    def _bool(self, node: Node) -> Typed:
        typed = self.build(node)
        if typed.kind != "bool":
            raise SpecError(f"{describe(node, self.text)} is not a condition (it is a {typed.kind})", path=self.path,
                            hint="and / or / not combine comparisons such as amount > 0")
        return self._materialize(typed)

    def _materialize(self, typed: Typed) -> Typed:
        if typed.const:
            return Typed(self.rows.const(typed.value, typed.kind), typed.kind)
        return typed

    def _Compare(self, node: Compare) -> Typed:
        left, right = self.build(node.left), self.build(node.right)
        if left.const and not right.const:  # keep the column on the left: 2025 < year(date)
            left, right = right, left
            node = Compare(node.pos, _FLIP[node.op], node.right, node.left)
        if right.kind == "null" or left.kind == "null":
            if node.op not in ("==", "!=") or left.kind == "null":
                raise SpecError("compare with null only as x == null or x != null", path=self.path)
            return Typed(self.rows.is_null(left, negate=node.op == "!="), "bool")
        right = self._unify(left, right, node)
        if left.const and right.const:
            return Typed(_python_compare(node.op, left.value, right.value), "bool", const=True)
        return Typed(self.rows.compare(node.op, left, self._materialize(right)), "bool")

    def _unify(self, left: Typed, right: Typed, node: Compare | InList) -> Typed:
        """Make ``right`` comparable with ``left`` or raise a DataError naming both."""
        if left.kind == right.kind or {left.kind, right.kind} <= {"number", "bool"}:
            return right
        if left.kind == "date" and right.kind == "text" and right.const:
            return Typed(self._date(right.value), "date", const=True)
        other = describe(node.right, self.text) if isinstance(node, Compare) else "the list"
        raise DataError(f"cannot compare {describe(node.left, self.text)} ({left.kind}) with {other} ({right.kind})",
                        path=self.path, hint=_KIND_HINT.get((left.kind, right.kind)))

    def _date(self, value: Any) -> pd.Timestamp:
        try:
            return pd.Timestamp(value)
        except (ValueError, TypeError):
            raise SpecError(f"{value!r} is not a date", path=self.path, hint="write dates as 'YYYY-MM-DD'") from None

    def _InList(self, node: InList) -> Typed:
        left = self.build(node.left)
        if left.const:
            raise SpecError("the left side of 'in' must use a column", path=self.path)
        values = []
        for item in node.items:
            typed = self._unify(left, self._Lit(item), node)
            values.append(typed.value)
        return Typed(self.rows.isin(left, values, negate=node.negate), "bool")

    def _Arith(self, node: Arith) -> Typed:
        left, right = self.build(node.left), self.build(node.right)
        for side, typed in ((node.left, left), (node.right, right)):
            if typed.kind not in ("number", "bool"):
                raise DataError(f"cannot do arithmetic with {describe(side, self.text)} ({typed.kind})",
                                path=self.path, hint="+ - * / work on numbers; use year(date) for dates")
        if left.const and right.const:
            if node.op == "/" and right.value == 0:
                raise SpecError("division by zero in the expression", path=self.path)
            return Typed(_python_arith(node.op, left.value, right.value), "number", const=True)
        return Typed(self.rows.arith(node.op, self._materialize(left), self._materialize(right)), "number")

    def _Neg(self, node: Neg) -> Typed:
        item = self.build(node.item)
        if item.kind != "number":
            raise DataError(f"cannot negate {describe(node.item, self.text)} ({item.kind})", path=self.path)
        if item.const:
            return Typed(-item.value, "number", const=True)
        return Typed(self.rows.neg(item), "number")

    def _Call(self, node: Call) -> Typed:
        name = node.func
        if name == "date":
            return Typed(self._date(node.args[0].value), "date", const=True)  # type: ignore[attr-defined]
        if name in PERIOD_FUNCTIONS or name == "last_months":
            return self._period(node)
        if name in ("max", "min"):
            column = node.args[0].name  # type: ignore[attr-defined]
            typed = self._Name(node.args[0])  # type: ignore[arg-type]
            if typed.const:
                raise SpecError(f"{name}() takes a column, '{column}' is a metric", path=self.path)
            value = self.rows.extreme(name, column)
            return Typed(value, "null" if value is None else typed.kind, const=True)
        args = [self.build(a) for a in node.args]
        first = args[0]
        if name in _DATE_FUNCTIONS:
            return self._date_function(node, args)
        if first.const:
            return self._const_call(node, first)
        if name in _DATE_PARTS:
            self._want(first, "date", node)
            return Typed(self.rows.date_part(name, first), "number")
        if name in ("lower", "upper"):
            self._want(first, "text", node)
            return Typed(self.rows.text_case(name, first), "text")
        if name in ("contains", "startswith", "endswith"):
            self._want(first, "text", node)
            piece = args[1]
            if not (piece.const and piece.kind == "text"):
                raise SpecError(f"the second argument of {name}() must be a text literal", path=self.path)
            return Typed(self.rows.text_match(name, first, piece.value), "bool")
        if name in ("is_null", "not_null"):
            return Typed(self.rows.is_null(first, negate=name == "not_null"), "bool")
        if name == "abs":
            self._want(first, "number", node)
            return Typed(self.rows.absolute(first), "number")
        raise SpecError(f"function '{name}' cannot be used here", path=self.path)  # pragma: no cover

    def _date_function(self, node: Call, args: list[Typed]) -> Typed:
        """days_between(a, b) and month_start / quarter_start / year_start(d)."""
        for arg, typed in zip(node.args, args):
            if typed.kind == "text" and typed.const:
                typed = Typed(self._date(typed.value), "date", const=True)
            if typed.kind != "date":
                raise DataError(f"{node.func}() needs dates, {describe(arg, self.text)} is {typed.kind}",
                                path=self.path, hint="declare the column a date in the source (parse_dates:)")
        args = [Typed(self._date(a.value), "date", const=True) if a.const else a for a in args]
        if node.func == "days_between":
            a, b = args
            if a.const and b.const:
                return Typed((b.value - a.value) / pd.Timedelta(days=1), "number", const=True)
            return Typed(self.rows.days_between(self._materialize(a), self._materialize(b)), "number")
        unit = node.func.removesuffix("_start")
        if args[0].const:
            return Typed(truncate_date(args[0].value, unit), "date", const=True)
        return Typed(self.rows.truncate(unit, args[0]), "date")

    def _period(self, node: Call) -> Typed:
        """``ytd(date)``: ``date >= start and date < end`` for the period around the as-of date."""
        column = self._Name(node.args[0])  # type: ignore[arg-type]
        if column.const:
            raise SpecError(f"{node.func}() takes a date column, not a metric", path=self.path)
        self._want(column, "date", node)
        as_of = self.as_of
        if as_of is None:  # no as_of parameter: the latest date of this column (after filters)
            as_of = self.rows.extreme("max", node.args[0].name)  # type: ignore[attr-defined]
            if as_of is None:
                return Typed(False, "bool", const=True)
        months = int(node.args[1].value) if len(node.args) > 1 else 1  # type: ignore[attr-defined]
        start, end = period_range(node.func, pd.Timestamp(as_of), months)
        low = self.rows.compare(">=", column, self._materialize(Typed(start, "date", const=True)))
        high = self.rows.compare("<", column, self._materialize(Typed(end, "date", const=True)))
        return Typed(self.rows.logical("and", [low, high]), "bool")

    def _const_call(self, node: Call, first: Typed) -> Typed:
        """A function of a fixed value, e.g. year(max(date)) or year('2025-06-18')."""
        name, value = node.func, first.value
        if name in _DATE_PARTS and first.kind in ("date", "text"):
            stamp = self._date(value)
            part = stamp.weekday() if name == "weekday" else getattr(stamp, name)
            return Typed(int(part), "number", const=True)
        if name == "abs" and first.kind == "number":
            return Typed(abs(value), "number", const=True)
        if name in ("lower", "upper") and first.kind == "text":
            return Typed(getattr(str(value), name)(), "text", const=True)
        if name in ("is_null", "not_null"):
            return Typed((value is None) != (name == "not_null"), "bool", const=True)
        raise SpecError(f"{name}() cannot take {describe(node.args[0], self.text)} ({first.kind})", path=self.path)

    def _want(self, typed: Typed, kind: str, node: Call) -> None:
        if typed.kind != kind:
            raise DataError(f"{node.func}() needs a {kind} column, {describe(node.args[0], self.text)} is {typed.kind}",
                            path=self.path,
                            hint="declare the column's type in the source (columns: / parse_dates:)")


_DATE_FUNCTIONS = {"days_between", "month_start", "quarter_start", "year_start"}


def truncate_date(value: pd.Timestamp, unit: str) -> pd.Timestamp:
    month = {"month": value.month, "quarter": 3 * ((value.month - 1) // 3) + 1, "year": 1}[unit]
    return pd.Timestamp(value.year, month, 1)


_FLIP = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
_KIND_HINT = {
    ("date", "number"): "compare parts of a date: year(date) == 2025, or a date text: date >= '2025-01-01'",
    ("text", "number"): "quote text values ('2025'), or declare the column as a number in the source",
    ("number", "text"): "numbers are written without quotes, or declare the column as str in the source",
    ("text", "date"): "declare the column a date in the source (parse_dates: [column])",
}


def _python_compare(op: str, a: Any, b: Any) -> bool:
    return {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def _python_arith(op: str, a: float, b: float) -> float:
    return {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b}[op]()
