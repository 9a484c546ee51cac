"""The base of every spec model, shared by :mod:`.model` and :mod:`.chart_model`."""


from typing import ClassVar

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Base of every spec model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    #: fields holding text that may use ``{{ }}`` templates; the build's resolve phase renders
    #: them (and those of nested models) before any slide is drawn
    text_fields: ClassVar[tuple[str, ...]] = ()


#: Where a model names a metric: the field path inside it (``("cards", 0, "delta")``) and the name.
MetricReference = tuple[tuple[str | int, ...], str]
