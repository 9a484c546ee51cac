"""``repeat:`` on a slide: one copy of the slide per group (a table metric's rows, or a column's values).

Each copy's texts see the group as ``{{ group.<column> }}``; with ``filter`` (the default)
every metric on the copy is computed on the group's slice of the data (the group column
equal to the group's value), the way a department deck filters its data.
"""

from typing import Literal

from pydantic import Field, model_validator

from deckbuilder.spec.base import Strict

#: Most copies one repeated slide may make.
MAX_REPEAT = 50


class RepeatSpec(Strict):
    metric: str | None = Field(None, description="a table metric: one slide per row")
    source: str | None = Field(None, description="a data source: one slide per distinct value of 'column'")
    column: str | None = Field(None, description="the group column (its value filters the slide's metrics); "
                                                 "with 'metric' default: the metric's first column")
    filter: bool = Field(True, description="compute the slide's metrics on the group's rows only "
                                           "(sources having the column)")
    order: Literal["data", "asc", "desc"] = Field("data", description="the groups in the data's order "
                                                                     "(a metric's sort), or sorted by 'order_by'")
    order_by: str | None = Field(None, description="column the order sorts by; default: the group column")
    limit: int | None = Field(None, ge=1, le=MAX_REPEAT, description=f"first N groups (at most {MAX_REPEAT})")

    @model_validator(mode="after")
    def _one_origin(self) -> "RepeatSpec":
        if (self.metric is None) == (self.source is None):
            raise ValueError("give exactly one of 'metric' (its rows) or 'source' (a column's values)")
        if self.source is not None and self.column is None:
            raise ValueError("'source' needs 'column': the column whose values make the groups")
        return self
