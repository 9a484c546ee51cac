"""The base of every spec model, shared by :mod:`.model` and :mod:`.chart_model`.

The modules defining spec models do not use ``from __future__ import annotations``: pydantic
would compile and evaluate every field's annotation string when the models are created at
import (~390 of them, ~0.017 s CPU per process); written as real annotations they cost nothing
more (a method's return type naming its own class is quoted instead).
"""

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """Base of every spec model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    #: fields holding text that may use ``{{ }}`` templates; the build's resolve phase renders
    #: them (and those of nested models) before any slide is drawn
    text_fields: ClassVar[tuple[str, ...]] = ()


#: Where a model names a metric: the field path inside it (``("cards", 0, "delta")``) and the name.
MetricReference = tuple[tuple[str | int, ...], str]


def empty_list() -> list[Any]:
    """``default_factory`` of a list field that is empty unless given.

    Not ``list`` itself: pydantic inspects a factory's signature for every field of every
    model, and the builtin's costs ~0.2 ms to parse (19 fields, ~4 ms per process).
    """
    return []
