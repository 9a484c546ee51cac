"""Arithmetic over metrics: ``formula: sales / orders`` and ``target:``.

An operand is a scalar metric (a float) or a table metric (its first value
column, indexed by its category columns). Tables combine row by row on equal
categories, so ``sales_by_platform / orders_by_platform`` is AOV per
platform; tables with different category columns cannot be combined.
Division by zero is an error naming the divisor, unless the metric has a
``default:`` (then the undefined cells take the default).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import cast, overload

import numpy as np
import pandas as pd

from deckbuilder.errors import DataError, SpecError
from deckbuilder.metrics.expressions import Arith, Call, Lit, Name, Neg, Node
from deckbuilder.metrics.results import MetricResult

Operand = float | pd.Series


class FormulaEvaluator:
    """Evaluate one parsed formula; ``get`` computes the metrics it names."""

    def __init__(self, get: Callable[[str], MetricResult], *, path: str, lenient: bool) -> None:
        self.get, self.path = get, path
        self.lenient = lenient  # a default: exists, so undefined cells become NaN and are filled later

    def evaluate(self, node: Node) -> Operand:
        return getattr(self, "_" + type(node).__name__)(node)

    def _Lit(self, node: Lit) -> Operand:
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise SpecError(f"a formula works with numbers, not {node.value!r}", path=self.path)
        return float(node.value)

    def _Name(self, node: Name) -> Operand:
        result = self.get(node.name)
        if result.kind == "scalar":
            return float(result.value)  # type: ignore[arg-type]
        column = result.value_column
        if not result.keys or column is None:
            raise DataError(f"metric '{node.name}' has no category and value columns to compute with",
                            path=self.path)
        series = result.table.set_index(result.keys)[column].astype("float64")  # type: ignore[union-attr]
        series.name = node.name
        return series

    def _Neg(self, node: Neg) -> Operand:
        return -self.evaluate(node.item)

    def _Arith(self, node: Arith) -> Operand:
        left, right = self.evaluate(node.left), self.evaluate(node.right)
        return combine(node.op, left, right, path=self.path, divisor=_describe(node.right),
                       lenient=self.lenient)

    def _Call(self, node: Call) -> Operand:
        args = [self.evaluate(a) for a in node.args]
        if node.func == "abs":
            first = args[0]
            return first.abs() if isinstance(first, pd.Series) else abs(first)
        out = args[0]
        for other in args[1:]:
            out = combine(node.func, out, other, path=self.path, divisor="", lenient=self.lenient)
        return out


def _describe(node: Node) -> str:
    if isinstance(node, Name):
        return f"'{node.name}'"
    if isinstance(node, Lit):
        return repr(node.value)
    return "the divisor"


def _align(left: pd.Series, right: pd.Series, path: str) -> tuple[pd.Series, pd.Series]:
    if list(left.index.names) != list(right.index.names):
        raise DataError(f"cannot combine '{left.name}' (by {', '.join(map(str, left.index.names))}) with "
                        f"'{right.name}' (by {', '.join(map(str, right.index.names))})", path=path,
                        hint="tables combine row by row and need the same category columns")
    order = left.index.append(right.index.difference(left.index, sort=False))
    return left.reindex(order), right.reindex(order)


@overload
def combine(op: str, left: float, right: float, *, path: str, divisor: str, lenient: bool) -> float: ...
@overload
def combine(op: str, left: pd.Series, right: Operand, *, path: str, divisor: str, lenient: bool) -> pd.Series: ...
@overload
def combine(op: str, left: Operand, right: Operand, *, path: str, divisor: str, lenient: bool) -> Operand: ...
def combine(op: str, left: Operand, right: Operand, *, path: str, divisor: str, lenient: bool) -> Operand:
    """``left op right`` for scalars and tables (op: + - * / min max)."""
    if isinstance(left, pd.Series) and isinstance(right, pd.Series):
        name = left.name
        left, right = _align(left, right, path)
        left.name = name
    if op == "/":
        zero = (right == 0) if isinstance(right, pd.Series) else right == 0
        if np.any(zero) and not lenient:
            if isinstance(right, pd.Series):
                where = right.index[np.asarray(zero)][0]
                raise DataError(f"division by zero: {divisor} is 0 for {where!r}", path=path,
                                hint="give default: to use a fixed value where the divisor is 0")
            raise DataError(f"division by zero: {divisor} is 0", path=path,
                            hint="give default: to use a fixed value when the divisor is 0")
        if isinstance(right, pd.Series):
            right = right.where(right != 0, np.nan)
        elif right == 0:
            return math.nan if not isinstance(left, pd.Series) else left * math.nan
    if op in ("min", "max"):
        if isinstance(left, pd.Series) or isinstance(right, pd.Series):
            # NaN stays NaN: no silent gaps. numpy's ufuncs hand a Series back (the stubs say ndarray)
            return cast(pd.Series, (np.minimum if op == "min" else np.maximum)(left, right))
        return min(left, right) if op == "min" else max(left, right)
    result = {"+": lambda: left + right, "-": lambda: left - right,
              "*": lambda: left * right, "/": lambda: left / right}[op]()
    if isinstance(result, pd.Series) and isinstance(left, pd.Series):
        result.name = left.name
    elif isinstance(result, pd.Series) and isinstance(right, pd.Series):
        result.name = right.name
    return result


def operand_table(value: pd.Series, value_name: str) -> tuple[pd.DataFrame, list[str]]:
    """A table operand back to a result table: category columns, then the value."""
    keys = [str(n) for n in value.index.names]
    table = value.rename(value_name).reset_index()
    return table, keys
