"""A table's columns and how their cells are coloured by the data (thresholds, colour scales, data bars)."""

from typing import Literal

from pydantic import Field, model_validator

from deckbuilder.spec.base import Strict

Align = Literal["left", "center", "right"]
Better = Literal["higher", "lower"]
#: a theme colour by its role (``theme.colors``); tables colour cells only with the theme's colours
ThemeColour = Literal["primary", "secondary", "accent", "text", "muted", "background", "surface",
                      "positive", "negative"]


class Threshold(Strict):
    """Cells of a numeric column above (or below) a value are written in a theme colour."""

    above: float | None = Field(None, description="colour values above this")
    below: float | None = Field(None, description="colour values below this")
    colour: ThemeColour = Field(description="theme colour of the text (positive, negative, accent, ...)")
    bold: bool = False

    @model_validator(mode="after")
    def _one_bound(self) -> "Threshold":
        if (self.above is None) == (self.below is None):
            raise ValueError("a threshold has exactly one of 'above' or 'below'")
        return self

    def matches(self, value: float) -> bool:
        return value > self.above if self.above is not None else value < self.below  # type: ignore[operator]


class ColourScale(Strict):
    """A numeric column's cells filled from *low* to *high* (through *mid*) over the column's range."""

    low: ThemeColour = "background"
    mid: ThemeColour | None = None
    high: ThemeColour = "secondary"


class DataBar(Strict):
    """A bar behind each number of a column, as long as the value (from zero); negative values to the left of
    a zero line, in their own colour."""

    colour: ThemeColour = Field("secondary", description="theme colour of the bars of values at or above zero")
    negative: ThemeColour = Field("negative", description="theme colour of the bars of values below zero")


class TableColumn(Strict):
    text_fields = ("header",)

    name: str
    header: str | None = Field(None, description="heading shown instead of the column name; may use templates")
    format: str | None = None
    align: Align | None = None
    width: float | None = Field(None, gt=0, description="relative width (default: from the widest text)")
    better: Better | Literal["mixed"] | None = Field(
        None, description="the column holds changes: colour each as good or bad (default for a change format or a "
                          "comparison metric); 'mixed' when good differs by row: no good/bad colours")
    total: bool | None = Field(
        None, description="summed in a 'totals: sum' row (default: numeric columns of amounts, not rates or changes)")
    thresholds: list[Threshold] | None = Field(
        None, description="text colours by value; the first threshold a value passes wins")
    colour_scale: ColourScale | bool | None = Field(
        None, description="fill cells by value: true for background to secondary, or low/mid/high theme colours")
    data_bar: DataBar | bool | None = Field(
        None, description="a bar behind each number, as long as the value from zero: true, or {colour, negative}")

    @model_validator(mode="after")
    def _one_fill(self) -> "TableColumn":
        if self.scale() is not None and self.bar() is not None:
            raise ValueError("a column has either 'colour_scale' or 'data_bar', not both (both fill the cell)")
        return self

    def scale(self) -> ColourScale | None:
        if self.colour_scale is True:
            return ColourScale()
        return self.colour_scale or None

    def bar(self) -> DataBar | None:
        if self.data_bar is True:
            return DataBar()
        return self.data_bar or None
