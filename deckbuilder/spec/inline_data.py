"""Literal data written in a spec: a chart's categories and series, a table's columns and rows."""

import math
from typing import Any

from pydantic import Field, model_validator

from deckbuilder.spec.base import Strict

Text = str | int | float  # YAML reads 2025 as int; a title may be a bare number


class InlineSeriesData(Strict):
    """Literal chart data: ``{categories: [Q1, Q2], series: {销售额: [1, 2]}}``."""

    # labels may use templates: "{{ year - 1 }} 年"; so may values: "{{ sales_2025 }}" (a number once rendered)
    text_fields = ("categories", "series")

    categories: list[Text] = Field(min_length=1)
    series: dict[str, list[float | str | None]] = Field(min_length=1)

    @model_validator(mode="after")
    def _lengths_match(self) -> "InlineSeriesData":
        n = len(self.categories)
        for name, values in self.series.items():
            if len(values) != n:
                raise ValueError(f"series '{name}' has {len(values)} values but there are {n} categories")
            bad = [k for k, v in enumerate(values) if isinstance(v, float) and not math.isfinite(v)]
            if bad:  # .inf/.nan cannot be drawn or stored in the chart's workbook
                raise ValueError(f"series '{name}' value {bad[0] + 1} is {values[bad[0]]}, not a finite number "
                                 "(leave a gap with null)")
        return self


class InlineTableData(Strict):
    """Literal table data: ``{columns: [a, b], rows: [[1, 2], [3, 4]]}``."""

    columns: list[str] = Field(min_length=1)
    rows: list[list[Any]]

    @model_validator(mode="after")
    def _widths_match(self) -> "InlineTableData":
        repeated = sorted({c for c in self.columns if self.columns.count(c) > 1})
        if repeated:
            raise ValueError(f"column '{repeated[0]}' is named twice")
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(f"row {i} has {len(row)} cells but there are {len(self.columns)} columns")
        return self
