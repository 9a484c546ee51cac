"""One row per metric, formatted for people: the CLI's ``validate`` table and ``metrics --json``."""

from __future__ import annotations

from typing import Any

from deckbuilder.metrics.engine import MetricEngine
from deckbuilder.text.formatting import format_value


def describe_metrics(engine: MetricEngine, locale: str = "zh_CN") -> list[dict[str, Any]]:
    """``[{name, label, kind, format, scope, value, shape, columns}]`` for every metric.

    ``value`` is the scalar formatted with the metric's format (``auto`` when
    it has none) or, for a table, ``"table 7×2"``; tables also give ``shape``
    ``[rows, columns]`` and their column names; ``scope`` says whose figures it
    shows on a department deck (``MetricEngine.scope``). Computing errors are
    raised together (``compute_all``).
    """
    rows = []
    for name, result in engine.compute_all().items():
        row: dict[str, Any] = {"name": name, "label": result.label, "kind": result.kind, "format": result.format,
                               "scope": engine.scope(name)}
        if result.kind == "scalar":
            row["value"] = format_value(result.value, result.format, locale, path=f"metrics.{name}.format")
            row["raw"] = result.value
            row["shape"] = None
            row["columns"] = None
        else:
            rows_count, columns_count = result.shape or (0, 0)
            row["value"] = f"table {rows_count}×{columns_count}"
            row["raw"] = None
            row["shape"] = [rows_count, columns_count]
            row["columns"] = [str(c) for c in result.table.columns]  # type: ignore[union-attr]
        rows.append(row)
    return rows
