"""A table's colours by data (thresholds, colour scales) and its totals row, from the table's values.

The resolve phase calls these with the frame's values per column; the renderer maps the theme
colour roles they name to the theme's colours.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from deckbuilder.spec.table_model import TableColumn

TOTAL_LABEL = {"zh_CN": "合计", "en_US": "Total"}
#: formats of amounts, which add up; rates, ratios, changes and durations are not summed by default
ADDITIVE_FORMATS = {"num", "int", "cny", "usd", "wan", "yi", "cny_wan", "cny_yi", "k", "m", "bn",
                    "usd_k", "usd_m", "usd_bn"}


def summed(col: TableColumn, numeric: bool, fmt: str | None, change: bool) -> bool:
    """Whether a ``totals: sum`` row adds up *col*: its ``total:``, else a numeric column of amounts."""
    if col.total is not None:
        return col.total and numeric
    return numeric and not change and (fmt or "num").split(":")[0] in ADDITIVE_FORMATS


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return None if math.isnan(value) else float(value)


def threshold_marks(columns: Sequence[TableColumn],
                    values: Sequence[Sequence[Any]]) -> list[list[tuple[str, bool] | None]]:
    """Per row and column: (colour role, bold) of the first threshold the value passes."""
    if not any(col.thresholds for col in columns):
        return []

    def mark(col: TableColumn, value: Any) -> tuple[str, bool] | None:
        number = _number(value)
        if number is None or not col.thresholds:
            return None
        return next(((t.colour, t.bold) for t in col.thresholds if t.matches(number)), None)
    return [[mark(col, v) for col, v in zip(columns, row)] for row in values]


def scale_positions(columns: Sequence[TableColumn], values: Sequence[Sequence[Any]]) -> list[list[float | None]]:
    """Per row and column: 0..1, where each value of a colour-scaled column sits between the column's
    smallest and largest value (0.5 when they are equal)."""
    if not any(col.scale() for col in columns):
        return []
    spans: list[tuple[float, float] | None] = []
    for j, col in enumerate(columns):
        numbers = [n for n in (_number(row[j]) for row in values) if n is not None]
        spans.append((min(numbers), max(numbers)) if col.scale() and numbers else None)

    def position(value: Any, span: tuple[float, float] | None) -> float | None:
        number = _number(value)
        if span is None or number is None:
            return None
        low, high = span
        return 0.5 if high == low else (number - low) / (high - low)
    return [[position(v, span) for v, span in zip(row, spans)] for row in values]


def totals_row(columns: Sequence[TableColumn], numeric: Sequence[bool], summed: Sequence[bool],
               values: Sequence[Sequence[Any]], text: Callable[[int, float], str], locale: str) -> list[str]:
    """The texts of a ``totals: sum`` row: each summed column's total, the label in the first text column
    (or the first column, when no column holds text)."""
    row = [""] * len(columns)
    for j, add in enumerate(summed):
        if add:
            row[j] = text(j, sum(n for n in (_number(r[j]) for r in values) if n is not None))
    label_at = next((j for j, is_number in enumerate(numeric) if not is_number), 0)
    if not row[label_at]:
        row[label_at] = TOTAL_LABEL.get(locale, "Total")
    return row
