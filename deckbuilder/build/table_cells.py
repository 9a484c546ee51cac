"""A table's colours by data (thresholds, colour scales), its data bars and its totals row, from the table's values.

The resolve phase calls these with the frame's values per column; the renderer maps the theme
colour roles they name to the theme's colours.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from deckbuilder.errors import SpecError
from deckbuilder.spec.table_model import TableColumn
from deckbuilder.text.formatting import auto_units, parse_format

TOTAL_LABEL = {"zh_CN": "合计", "en_US": "Total"}
#: formats of amounts, which add up; rates, ratios, changes and durations are not summed by default
ADDITIVE_FORMATS = {"num", "int", "cny", "usd", "wan", "yi", "cny_wan", "cny_yi", "k", "m", "bn",
                    "usd_k", "usd_m", "usd_bn"}


def one_unit_format(fmt: str | None, values: Sequence[Any], locale: str) -> str | None:
    """A table column's format, with one unit and one number of decimals for every cell of the column.

    Every named format already has fixed decimals, so a column's numbers line up on the decimal point
    when right-aligned. Only ``auto`` picks a unit per value (1.23亿 above 12.3万 above 1,234.5); in a
    table it picks one for the whole column: the unit of the column's typical (median) magnitude, with
    that unit's decimals (below the smallest unit: no decimals for whole numbers, else as many as the
    column needs, at most 2), so most values keep their digits and a far larger one shows as a long
    number (12,345.7万) rather than every small one as 0.00亿. Any other format is returned as it is.
    """
    try:
        parsed = parse_format(fmt) if fmt else None
    except SpecError:
        return fmt  # reported, located, where the cells are formatted
    if parsed is None or parsed.name != "auto":
        return fmt
    numbers = [n for n in (_number(v) for v in values) if n is not None and not math.isinf(n)]
    sizes = sorted(abs(n) for n in numbers if n)
    typical = sizes[(len(sizes) - 1) // 2] if sizes else 0.0
    sign = "+" if parsed.plus else ""
    for limit, unit in auto_units(locale):
        if typical >= limit:
            return sign + unit
    decimals = max((len(f"{abs(n):.2f}".rstrip("0").partition(".")[2]) for n in numbers), default=0)
    return f"{sign}num:{decimals}"


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


def bar_spans(columns: Sequence[TableColumn],
              values: Sequence[Sequence[Any]]) -> tuple[list[list[tuple[float, float] | None]], list[float | None]]:
    """Data bars: per row and column the bar's (start, end) as fractions of the cell's width, and per column
    where zero sits (None for a column without bars).

    A column's scale runs from min(0, smallest value) to max(0, largest value), so every bar starts at
    zero and bar lengths compare as the values do: with no negative value zero is the cell's left edge;
    with negatives it is a line inside the cell, negative bars to its left. A value of zero, a blank or a
    column of zeros has no bar.
    """
    if not any(col.bar() for col in columns):
        return [], []
    zeros: list[float | None] = []
    spans: list[tuple[float, float] | None] = []
    for j, col in enumerate(columns):
        numbers = [n for n in (_number(row[j]) for row in values) if n is not None]
        low, high = min([0.0, *numbers]), max([0.0, *numbers])
        usable = col.bar() is not None and high > low
        spans.append((low, high) if usable else None)
        zeros.append(-low / (high - low) if usable else (0.0 if col.bar() else None))

    def bar(value: Any, span: tuple[float, float] | None) -> tuple[float, float] | None:
        number = _number(value)
        if span is None or number is None or number == 0 or math.isinf(number):
            return None
        low, high = span
        zero, at = -low / (high - low), (number - low) / (high - low)
        return (min(zero, at), max(zero, at))
    return [[bar(v, span) for v, span in zip(row, spans)] for row in values], zeros


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
