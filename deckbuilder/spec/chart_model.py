"""Parts of a chart spec beyond one binding: several plots, their axes, reference lines.

``chart.plots`` lists what a chart draws when one metric's columns are not enough:
series from several metrics (table or scalar), literal values (which may be
templates over the metrics), each with its own name, number format, type
(column or line) and value axis; a waterfall's bars. ``chart.reference_lines``
draws targets and averages across the plot. :class:`~.model.ChartSpec` holds both.
"""

from collections.abc import Iterator
from typing import ClassVar, Literal

from pydantic import ConfigDict, Field, model_validator

from deckbuilder.spec.base import MetricReference, Strict, empty_list

PlotType = Literal["column", "line"]
PlotAxis = Literal["primary", "secondary"]


class ChartPlot(Strict):
    """One series of a chart (or one bar of a waterfall or of a chart of scalar values)."""

    text_fields: ClassVar[tuple[str, ...]] = ("name", "value")

    metric: str | None = Field(None, description="a table metric (one series) or a scalar metric (one bar)")
    column: str | None = Field(None, description="value column of the plot's (or the chart's) table metric "
                                                 "(default: its value column)")
    value: float | str | None = Field(None, description="a literal value, or a template over the metrics "
                                                        "('{{ sales_2025 - sales_2024 }}')")
    name: str | None = Field(None, description="series name (default: the column or the metric's name)")
    format: str | None = Field(None, description="number format of this series' labels (and of its axis)")
    type: PlotType | None = Field(None, description="column or line (default: the chart's type)")
    axis: PlotAxis = Field("primary", description="value axis: primary (left) or secondary (right)")
    total: bool = Field(False, description="waterfall: a total drawn from zero, checked against the bars before")

    @model_validator(mode="after")
    def _metric_or_value(self) -> "ChartPlot":
        if self.value is not None and self.metric is not None:
            raise ValueError("give either 'metric' or 'value', not both")
        if self.column is not None and self.value is not None:
            raise ValueError("'column' names a column of a table metric, not of a 'value'")
        return self

    def metric_references(self) -> Iterator[MetricReference]:
        if self.metric:
            yield ("metric",), self.metric


class ReferenceLine(Strict):
    """A horizontal line across a column or line chart (a vertical one on bars): a target or an average."""

    text_fields: ClassVar[tuple[str, ...]] = ("label",)

    value: float | None = Field(None, description="where the line is, in the chart's units (1.0 for 100%)")
    metric: str | None = Field(None, description="a scalar metric whose value is the line")
    label: str | None = Field(None, description="text at the line's end (default: its value, formatted like "
                                                "the series)")

    @model_validator(mode="after")
    def _one_value(self) -> "ReferenceLine":
        if (self.value is None) == (self.metric is None):
            raise ValueError("give exactly one of 'value' or 'metric'")
        return self

    def metric_references(self) -> Iterator[MetricReference]:
        if self.metric:
            yield ("metric",), self.metric


class ChartAnnotation(Strict):
    """A figure computed from the chart's data and drawn over it, as think-cell draws them."""

    text_fields: ClassVar[tuple[str, ...]] = ("label",)
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, populate_by_name=True)

    type: Literal["cagr", "difference"] = Field(description=(
        "cagr: compound annual growth from one category to another; difference: the change between two bars"))
    from_: str | int | float | None = Field(None, alias="from", description=(
        "the first category (default for cagr: the first category)"))
    to: str | int | float | None = Field(None, description="the second category (default for cagr: the last)")
    label: str | None = Field(None, description="text instead of the computed figure")

    @model_validator(mode="after")
    def _difference_names_both(self) -> "ChartAnnotation":
        if self.type == "difference" and (self.from_ is None or self.to is None):
            raise ValueError("a difference arrow needs 'from' and 'to': the two categories it compares")
        return self


ChartRender = Literal["native", "image"]


class ChartOptions(Strict):
    """How a chart is drawn beyond its data: as a picture, in which category order, as small multiples."""

    render: ChartRender | None = Field(None, description=(
        "native (an editable chart; the default where the type has one) or image (a matplotlib picture)"))
    order: Literal["given", "sorted"] | list[str | int | float] | None = Field(None, description=(
        "category order: given (as the data has them, the default), sorted (largest first), or an explicit "
        "list naming every category once, in the order to show"))
    annotations: list[ChartAnnotation] = Field(default_factory=empty_list, description=(
        "figures computed from the data, drawn over a column chart: CAGR, differences between two bars"))
    facet: bool | str | None = Field(None, description=(
        "small multiples: one small panel per group, on one shared value axis, drawn as a picture; a column "
        "of long data whose values are the groups, or true for one panel per series (see docs/charts.md)"))

    @property
    def faceted(self) -> bool:
        """Drawn as small multiples: one panel per series."""
        return self.facet is not None and self.facet is not False

    @property
    def facet_column(self) -> str | None:
        """The column whose values are the panels (None: the series already are)."""
        return self.facet if isinstance(self.facet, str) else None
