"""``MetricResult``: what a computed metric hands to charts, tables, cards and text."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # pandas is imported only by builds that use data (fast start-up otherwise)
    import pandas as pd

from deckbuilder.errors import DataError, did_you_mean

#: Columns a comparison (``compare:``) or ``target:`` table carries beside its value.
SUPPORTING_COLUMNS = ("current", "previous", "actual", "target")


@dataclass
class MetricResult:
    """A scalar (``value``) or a table (``table``, category columns first).

    ``keys`` names the category columns of a table (the time period first,
    then ``by`` columns); every other column holds numbers, the first of them
    being the metric's value. ``details`` carries the parts of a scalar
    comparison or attainment: ``current``, ``previous``, ``period``,
    ``previous_period`` (compare) or ``actual``, ``target`` (target).
    """

    name: str
    kind: Literal["scalar", "table"]
    value: float | None = None
    table: pd.DataFrame | None = None
    format: str | None = None
    label: str | None = None
    path: str = ""
    keys: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    # per number of key columns: the table it was built from and {key texts: first row position}
    _row_positions: dict[int, tuple[Any, dict[tuple, int]]] = field(default_factory=dict, init=False, repr=False,
                                                                    compare=False)

    @property
    def value_columns(self) -> list[str]:
        if self.table is None:
            return []
        return [str(c) for c in self.table.columns if c not in self.keys and c != "rank"]

    @property
    def series_columns(self) -> list[str]:
        """Value columns a chart plots by default: not the parts of a comparison or target."""
        return [c for c in self.value_columns if c not in SUPPORTING_COLUMNS] or self.value_columns

    @property
    def value_column(self) -> str | None:
        columns = self.value_columns
        return columns[0] if columns else None

    @property
    def shape(self) -> tuple[int, int] | None:
        return None if self.table is None else tuple(self.table.shape)  # type: ignore[return-value]

    def lookup(self, key: Any, column: str | None = None, *, path: str = "") -> float:
        """The value of one category: ``platform_share.lookup('天猫')``; DataError naming the choices.

        ``path`` locates the reference (a slide field) in errors.
        """
        row = self.row(key, path=path)
        name = column or self.value_column
        if name not in row:
            raise DataError(f"metric '{self.name}' has no column '{name}'", path=path,
                            hint=did_you_mean(str(name), row.keys()) or f"columns: {', '.join(map(str, row))}")
        return row[name]

    def row(self, key: Any, *, path: str = "") -> dict[str, Any]:
        """One table row as a dict, found by its first key (or a tuple of keys)."""
        if self.table is None:
            raise DataError(f"metric '{self.name}' is a single number, not a table", path=path)
        wanted = key if isinstance(key, tuple) else (key,)
        keys = self.keys[: len(wanted)]
        if not keys:
            raise DataError(f"metric '{self.name}' has no category column to look up {key!r}", path=path)
        position = self._positions(keys).get(tuple(str(value) for value in wanted))
        if position is None:
            present = [str(v) for v in self.table[keys[0]].tolist()]
            guess = did_you_mean(str(wanted[0]), present)
            shown = ", ".join(present[:12]) + (", ..." if len(present) > 12 else "")
            raise DataError(f"metric '{self.name}' has no row {key!r}", path=path,
                            hint=f"{guess + ' ' if guess else ''}{keys[0]}: {shown}")
        return {str(k): plain_value(v) for k, v in self.table.iloc[position].items()}

    def _positions(self, keys: list[str]) -> dict[tuple, int]:
        """{the key columns' texts (as ``astype(str)`` gives them): first row}, built once per
        table: a text shows ~50 looked-up values, and comparing whole columns for each cost more
        than computing the metrics they come from. Missing keys match nothing."""
        table = self.table
        assert table is not None
        kept = self._row_positions.get(len(keys))
        if kept is not None and kept[0] is table:
            return kept[1]
        columns = [table[column].astype(str).tolist() for column in keys]
        positions: dict[tuple, int] = {}
        for i, texts in enumerate(zip(*columns)):
            if all(isinstance(t, str) for t in texts):
                positions.setdefault(texts, i)
        self._row_positions[len(keys)] = (table, positions)
        return positions

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (for ``deckbuilder metrics --json``)."""
        out: dict[str, Any] = {"name": self.name, "kind": self.kind, "label": self.label, "format": self.format}
        if self.kind == "scalar":
            out["value"] = self.value
            if self.details:
                out["details"] = {k: plain_value(v) for k, v in self.details.items()}
        else:
            out["keys"] = list(self.keys)
            out["columns"] = [str(c) for c in self.table.columns]  # type: ignore[union-attr]
            out["rows"] = [[plain_value(v) for v in row] for row in self.table.itertuples(index=False)]  # type: ignore[union-attr]
        return out


def plain_value(value: Any) -> Any:
    """numpy / pandas scalars as plain Python (None for missing)."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ == "NAType":  # pandas.NA, without importing pandas
        return None
    return value
