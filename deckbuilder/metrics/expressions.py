"""The small expression language of ``where:``, ``formula:`` and ``target:``.

Spec text is data, never code: an expression is parsed with
``ast.parse(mode="eval")`` and the Python tree is translated, node by node,
into the few node classes below. Anything not on the whitelist (attribute
access, subscripts, lambdas, comprehensions, unknown calls, dunder names,
keyword arguments, f-strings, ...) is rejected with a ``SpecError`` that says
where in the expression the problem is. Nothing is ever passed to ``eval``.

The resulting trees are interpreted by ``masks.py`` (pandas rows),
``sqlgen.py`` (DuckDB SQL) and ``formulas.py`` (metric arithmetic), so all
three agree on one grammar (documented in docs/metrics.md)::

    expr     := or
    or       := and ("or" and)*
    and      := not ("and" not)*
    not      := "not" not | compare
    compare  := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)*
              | sum ["not"] "in" "[" literal ("," literal)* "]"
    sum      := product (("+" | "-") product)*
    product  := unary (("*" | "/") unary)*
    unary    := "-" unary | atom
    atom     := NAME | `quoted name` | NUMBER | 'string' | true | false | null
              | FUNCTION "(" expr ("," expr)* ")" | "(" expr ")"
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from deckbuilder.errors import SpecError, allowed_hint
from deckbuilder.limits import MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, MAX_PERIOD_MONTHS

Kind = Literal["where", "formula"]


@dataclass(frozen=True)
class Node:
    pos: int  # 0-based offset in the expression text, for messages


@dataclass(frozen=True)
class Name(Node):
    name: str


@dataclass(frozen=True)
class Lit(Node):
    value: object  # str, int, float, bool or None


@dataclass(frozen=True)
class Compare(Node):
    op: str  # == != < <= > >=
    left: Node
    right: Node


@dataclass(frozen=True)
class InList(Node):
    left: Node
    items: tuple[Lit, ...]
    negate: bool


@dataclass(frozen=True)
class BoolOp(Node):
    op: str  # and | or
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not(Node):
    item: Node


@dataclass(frozen=True)
class Arith(Node):
    op: str  # + - * /
    left: Node
    right: Node


@dataclass(frozen=True)
class Neg(Node):
    item: Node


@dataclass(frozen=True)
class Call(Node):
    func: str
    args: tuple[Node, ...]


# period functions of a date column, relative to the as-of date (docs/metrics.md#periods)
PERIOD_FUNCTIONS: dict[str, str] = {
    "this_year": "the whole calendar year of the as-of date",
    "last_year": "the calendar year before",
    "this_quarter": "the whole quarter of the as-of date",
    "last_quarter": "the quarter before",
    "this_month": "the whole month of the as-of date",
    "last_month": "the month before",
    "ytd": "year to date: 1 January to the as-of date",
    "qtd": "quarter to date",
    "mtd": "month to date",
    "ytd_last_year": "the same days one year earlier (Jan-Nov vs Jan-Nov)",
    "qtd_last_year": "quarter to date, one year earlier",
    "mtd_last_year": "month to date, one year earlier",
    "same_quarter_last_year": "the whole quarter of the as-of date, one year earlier",
    "same_month_last_year": "the whole month of the as-of date, one year earlier",
}

# name -> (min args, max args, what it does); max None = any number
WHERE_FUNCTIONS: dict[str, tuple[int, int | None, str]] = {
    "year": (1, 1, "year of a date, e.g. year(date) == 2025"),
    "quarter": (1, 1, "quarter 1-4 of a date"),
    "month": (1, 1, "month 1-12 of a date"),
    "day": (1, 1, "day of month 1-31"),
    "weekday": (1, 1, "day of week, 0 = Monday"),
    "date": (1, 1, "a date literal: date('2025-06-18')"),
    "max": (1, 1, "largest value of a column over the source: year(date) == year(max(date))"),
    "min": (1, 1, "smallest value of a column over the source"),
    "abs": (1, 1, "absolute value"),
    "lower": (1, 1, "text in lower case"),
    "upper": (1, 1, "text in upper case"),
    "contains": (2, 2, "text contains a piece: contains(product, '面膜')"),
    "startswith": (2, 2, "text starts with a piece"),
    "endswith": (2, 2, "text ends with a piece"),
    "is_null": (1, 1, "value is missing"),
    "not_null": (1, 1, "value is present"),
    **{name: (1, 1, what) for name, what in PERIOD_FUNCTIONS.items()},
    "last_months": (2, 2, "the last N months up to the as-of date: last_months(date, 12)"),
    "days_between": (2, 2, "days from the first date to the second: days_between(applied, hired)"),
    "month_start": (1, 1, "the first day of the date's month"),
    "quarter_start": (1, 1, "the first day of the date's quarter"),
    "year_start": (1, 1, "the first day of the date's year"),
}
FORMULA_FUNCTIONS: dict[str, tuple[int, int | None, str]] = {
    "abs": (1, 1, "absolute value"),
    "min": (2, None, "smallest of its arguments"),
    "max": (2, None, "largest of its arguments"),
}
FUNCTIONS = {"where": WHERE_FUNCTIONS, "formula": FORMULA_FUNCTIONS}

_COMPARE_OPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
_ARITH_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_BAD_OPS = {ast.Pow: "**", ast.Mod: "%", ast.FloorDiv: "//", ast.MatMult: "@", ast.BitAnd: "&",
            ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>"}
_KEYWORD_LITERALS = {"true": True, "false": False, "null": None, "none": None}
_WHAT = {  # why a Python construct is refused, in the user's terms
    ast.Attribute: "attribute access (x.name)",
    ast.Subscript: "subscripts (x[...])",
    ast.Lambda: "lambda functions",
    ast.ListComp: "comprehensions", ast.SetComp: "comprehensions", ast.DictComp: "comprehensions",
    ast.GeneratorExp: "comprehensions",
    ast.IfExp: "conditional expressions (x if c else y)",
    ast.Dict: "dictionaries", ast.Set: "sets",
    ast.JoinedStr: "f-strings", ast.FormattedValue: "f-strings",
    ast.NamedExpr: "assignments (:=)", ast.Starred: "starred arguments",
    ast.Await: "await", ast.Yield: "yield", ast.YieldFrom: "yield",
    ast.Slice: "slices",
}
_QUOTED = re.compile(r"`([^`]*)`")
_QUOTE_PREFIX = "_q"


class _Refused(Exception):
    def __init__(self, message: str, pos: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.pos, self.hint = pos, hint


def syntax_help(kind: Kind) -> str:
    funcs = ", ".join(sorted(FUNCTIONS[kind]))
    if kind == "where":
        return ("a where expression compares columns with values: == != < <= > >=, in [...], not in [...], "
                f"and/or/not, + - * /, 'text', numbers, true/false/null; functions: {funcs}")
    return f"a formula is arithmetic (+ - * /, parentheses, numbers) over metric names; functions: {funcs}"


def parse(text: str, kind: Kind, *, path: str, params: Mapping[str, Any] | None = None) -> Node:
    """Parse an expression or raise a located ``SpecError``.

    *params* are the build's parameter values: ``params.NAME`` becomes a literal (a list
    parameter after ``in`` its items), and so does a bare parameter name in a formula.

    >>> parse("platform in ['天猫', '京东'] and year(date) == 2025", "where", path="metrics.x.where")
    """
    if not isinstance(text, str) or not text.strip():
        raise SpecError("empty expression", path=path, hint=syntax_help(kind))
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise SpecError(f"expression is too long ({len(text):,} characters; the limit is {MAX_EXPRESSION_LENGTH:,})",
                        path=path, hint="split it into several metrics; see docs/limits.md")
    source, quoted = _replace_quoted(text, params, path)
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except (RecursionError, MemoryError):  # Python's own parser gives up on very deep nesting
        raise _too_deep(path) from None
    except SyntaxError as exc:
        pos = max((exc.offset or 1) - 1, 0) + (len(source) - len(source.lstrip()))
        hint = "use == to compare, and/or/not to combine" if re.search(r"(?<![=!<>])=(?!=)", text) else None
        raise _error(text, "not a valid expression", pos, path, hint or syntax_help(kind)) from None
    offset = len(source) - len(source.lstrip())
    try:
        return _Builder(kind, quoted, offset, source.strip(), params).build(tree.body)
    except _Refused as exc:
        raise _error(text, str(exc), exc.pos, path, exc.hint or syntax_help(kind)) from None
    except RecursionError:
        raise _too_deep(path) from None


def _too_deep(path: str) -> SpecError:
    return SpecError(f"expression is nested more than {MAX_EXPRESSION_DEPTH} levels deep "
                     "(parentheses, minus signs, or operators in a row)", path=path,
                     hint="split it into several metrics; see docs/limits.md")


_NAME_FIELD = re.compile(r"\{\s*([A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*)\s*(?:([+-])\s*(\d+)\s*)?\}")


def fill_name(template: str, params: Mapping[str, Any], *, path: str) -> str:
    """A column name with parameters: ``orders_{year}`` -> ``orders_2025``, ``orders_{year - 1}`` -> ``orders_2024``."""
    if "{" not in template:
        return template

    def value(match: re.Match[str]) -> str:
        name, sign, amount = match.groups()
        if name not in params:
            raise SpecError(f"unknown parameter '{name}' in the column name '{template}'", path=path,
                            hint=allowed_hint(name, list(params)) if params else "declare it under params:")
        got = params[name]
        if sign:
            if isinstance(got, bool) or not isinstance(got, int):
                raise SpecError(f"{{{name} {sign} {amount}}} needs a whole-number parameter, '{name}' is {got!r}",
                                path=path)
            got = got + int(amount) if sign == "+" else got - int(amount)
        return str(got)

    return _NAME_FIELD.sub(value, template)


def _replace_quoted(text: str, params: Mapping[str, Any] | None = None, path: str = "") -> tuple[str, dict[str, str]]:
    """Turn `column name` into a placeholder identifier of about the same width."""
    quoted: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        key = f"{_QUOTE_PREFIX}{len(quoted)}"
        quoted[key] = fill_name(match.group(1), params, path=path) if params is not None else match.group(1)
        return key.ljust(len(match.group(0)))

    return _QUOTED.sub(swap, text), quoted


def _error(text: str, message: str, pos: int, path: str, hint: str | None) -> SpecError:
    caret = " " * min(pos, len(text)) + "^"
    return SpecError(f"{message} (position {pos + 1}):\n    {text}\n    {caret}", path=path, hint=hint)


def _negated_literal(node: Node) -> Lit:
    """``-5`` in a list after ``in``: the parser gives Neg(Lit(5)); the caller checked that shape."""
    assert isinstance(node, Neg) and isinstance(node.item, Lit)
    value = node.item.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):  # -'a', -null, -true
        raise _Refused("a minus sign goes before a number only", node.pos)
    return Lit(node.pos, -value)


class _Builder:
    """Translate a whitelisted Python AST into expression nodes."""

    def __init__(self, kind: Kind, quoted: dict[str, str], offset: int, source: str,
                 params: Mapping[str, Any] | None = None) -> None:
        self.kind, self.quoted, self.offset = kind, quoted, offset
        self.params = dict(params or {})
        self.depth = 0
        self.lines = [line.encode("utf-8") for line in source.split("\n")]

    def _chars(self, lineno: int, byte_col: int) -> int:
        """ast offsets count UTF-8 bytes; messages count characters (天猫 is 2, not 6)."""
        before = sum(len(line.decode("utf-8")) + 1 for line in self.lines[: lineno - 1])
        return before + len(self.lines[lineno - 1][:byte_col].decode("utf-8", errors="ignore")) + self.offset

    def pos(self, node: ast.AST) -> int:
        lineno = getattr(node, "lineno", 1)
        if isinstance(node, ast.Attribute) and node.end_col_offset is not None:  # point at the dot
            end = self._chars(node.end_lineno or lineno, node.end_col_offset)
            return end - len(node.attr) - 1
        return self._chars(lineno, getattr(node, "col_offset", 0))

    def build(self, node: ast.AST) -> Node:
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            what = _WHAT.get(type(node), f"'{type(node).__name__}' syntax")
            raise _Refused(f"{what} not allowed", self.pos(node))
        # bounded here so that every interpreter of the tree (masks, SQL, formulas) may recurse freely
        self.depth += 1
        try:
            if self.depth > MAX_EXPRESSION_DEPTH:
                raise _Refused(f"nested more than {MAX_EXPRESSION_DEPTH} levels deep", self.pos(node),
                               "split it into several metrics; see docs/limits.md")
            return method(node)
        finally:
            self.depth -= 1

    def _Constant(self, node: ast.Constant) -> Node:
        if isinstance(node.value, (bool, int, float, str)) or node.value is None:
            return Lit(self.pos(node), node.value)
        raise _Refused(f"literal {node.value!r} not allowed", self.pos(node))

    def _Name(self, node: ast.Name) -> Node:
        name = node.id
        if name in self.quoted:
            return Name(self.pos(node), self.quoted[name])
        if name.startswith("__") or name.startswith("_"):
            raise _Refused(f"name '{name}' not allowed (names may not start with an underscore)", self.pos(node),
                           "quote a column whose name starts with '_' in backticks: `_col`")
        if name.lower() in _KEYWORD_LITERALS:
            return Lit(self.pos(node), _KEYWORD_LITERALS[name.lower()])
        if self.kind == "formula" and name in self.params:
            return self._param(name, node)
        return Name(self.pos(node), name)

    def _Attribute(self, node: ast.Attribute) -> Node:
        if isinstance(node.value, ast.Name) and node.value.id == "params":
            if node.attr not in self.params:
                hint = allowed_hint(node.attr, list(self.params)) if self.params else "declare it under params:"
                raise _Refused(f"unknown parameter '{node.attr}'", self.pos(node), hint)
            return self._param(node.attr, node)
        raise _Refused(_WHAT[ast.Attribute] + " not allowed", self.pos(node),
                       "parameters are written params.NAME")

    def _param(self, name: str, node: ast.AST) -> Node:
        value = self.params[name]
        if isinstance(value, list):
            raise _Refused(f"parameter '{name}' is a list: use it after in, e.g. platform in params.{name}",
                           self.pos(node))
        if self.kind == "formula" and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise _Refused(f"parameter '{name}' is not a number, a formula can only use numbers", self.pos(node))
        return Lit(self.pos(node), value)

    def _list_param(self, node: ast.AST) -> list | None:
        """The items of ``params.NAME`` / ``NAME`` after ``in`` when NAME is a list parameter."""
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "params":
            value = self.params.get(node.attr)
        elif isinstance(node, ast.Name):
            value = self.params.get(node.id)
        else:
            return None
        return value if isinstance(value, list) else None

    def _BoolOp(self, node: ast.BoolOp) -> Node:
        if self.kind != "where":
            raise _Refused("and/or not allowed in a formula", self.pos(node))
        op = "and" if isinstance(node.op, ast.And) else "or"
        return BoolOp(self.pos(node), op, tuple(self.build(v) for v in node.values))

    def _UnaryOp(self, node: ast.UnaryOp) -> Node:
        if isinstance(node.op, ast.USub):
            return Neg(self.pos(node), self.build(node.operand))
        if isinstance(node.op, ast.UAdd):
            return self.build(node.operand)
        if isinstance(node.op, ast.Not) and self.kind == "where":
            return Not(self.pos(node), self.build(node.operand))
        raise _Refused(f"operator '{type(node.op).__name__}' not allowed", self.pos(node))

    def _BinOp(self, node: ast.BinOp) -> Node:
        op = _ARITH_OPS.get(type(node.op))
        if op is None:
            bad = _BAD_OPS.get(type(node.op), type(node.op).__name__)
            hint = "use and / or to combine conditions" if bad in ("&", "|") else None
            raise _Refused(f"operator '{bad}' not allowed", self.pos(node), hint)
        return Arith(self.pos(node), op, self.build(node.left), self.build(node.right))

    def _Compare(self, node: ast.Compare) -> Node:
        if self.kind != "where":
            raise _Refused("comparisons not allowed in a formula", self.pos(node))
        parts: list[Node] = []
        left = node.left
        for op, right in zip(node.ops, node.comparators):
            parts.append(self._one_compare(left, op, right))
            left = right
        return parts[0] if len(parts) == 1 else BoolOp(self.pos(node), "and", tuple(parts))

    def _one_compare(self, left: ast.AST, op: ast.cmpop, right: ast.AST) -> Node:
        if isinstance(op, (ast.In, ast.NotIn)):
            listed = self._list_param(right)
            if listed is not None:
                listed_items = tuple(Lit(self.pos(right), v) for v in listed)
                return InList(self.pos(left), self.build(left), listed_items, isinstance(op, ast.NotIn))
            if not isinstance(right, (ast.List, ast.Tuple)):
                raise _Refused("'in' needs a list of values: x in ['a', 'b']", self.pos(right))
            items = tuple(self.build(e) for e in right.elts)
            for item in items:
                if not isinstance(item, Lit) and not (isinstance(item, Neg) and isinstance(item.item, Lit)):
                    raise _Refused("the list after 'in' may hold only literal values", item.pos)
            literals = tuple(i if isinstance(i, Lit) else _negated_literal(i) for i in items)
            return InList(self.pos(left), self.build(left), literals, isinstance(op, ast.NotIn))
        symbol = _COMPARE_OPS.get(type(op))
        if symbol is None:
            raise _Refused("'is' / 'is not' not allowed", self.pos(right), "use == / != or is_null(x)")
        return Compare(self.pos(left), symbol, self.build(left), self.build(right))

    def _Call(self, node: ast.Call) -> Node:
        funcs = FUNCTIONS[self.kind]
        if not isinstance(node.func, ast.Name):
            what = _WHAT.get(type(node.func), "calling an expression")
            raise _Refused(f"{what} not allowed; only plain function calls such as year(date)", self.pos(node.func))
        name = node.func.id
        if name not in funcs:
            raise _Refused(f"function '{name}' not allowed", self.pos(node), allowed_hint(name, funcs))
        if node.keywords:
            raise _Refused(f"keyword arguments not allowed in {name}(...)", self.pos(node))
        low, high, _ = funcs[name]
        count = len(node.args)
        if count < low or (high is not None and count > high):
            want = str(low) if low == high else (f"{low} or more" if high is None else f"{low}-{high}")
            raise _Refused(f"{name}() takes {want} argument(s), got {count}", self.pos(node))
        args = tuple(self.build(a) for a in node.args)
        if name in ("max", "min") and self.kind == "where" and not isinstance(args[0], Name):
            raise _Refused(f"{name}() in a where expression takes a column name", self.pos(node))
        if (name in PERIOD_FUNCTIONS or name == "last_months") and not isinstance(args[0], Name):
            raise _Refused(f"{name}() takes a date column, e.g. {name}(date)", self.pos(node))
        if name == "last_months" and not _months_literal(args[1]):
            raise _Refused(f"last_months() takes a whole number of months 1-{MAX_PERIOD_MONTHS}: "
                           "last_months(date, 12)", self.pos(node))
        if name == "date" and not (isinstance(args[0], Lit) and isinstance(args[0].value, str)):
            raise _Refused("date() takes a text literal such as date('2025-01-01')", self.pos(node))
        return Call(self.pos(node), name, args)

    def _List(self, node: ast.List) -> Node:
        raise _Refused("a list is only allowed after 'in'", self.pos(node))

    _Tuple = _List


def _months_literal(node: Node) -> bool:
    value = node.value if isinstance(node, Lit) else None
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_PERIOD_MONTHS


def names(node: Node) -> list[str]:
    """Every Name in the tree, in order of appearance, without repeats."""
    found: list[str] = []

    def walk(n: Node) -> None:
        if isinstance(n, Name):
            if n.name not in found:
                found.append(n.name)
        for child in children(n):
            walk(child)

    walk(node)
    return found


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, (Compare, Arith)):
        return (node.left, node.right)
    if isinstance(node, InList):
        return (node.left, *node.items)
    if isinstance(node, BoolOp):
        return node.items
    if isinstance(node, (Not, Neg)):
        return (node.item,)
    if isinstance(node, Call):
        return node.args
    return ()
