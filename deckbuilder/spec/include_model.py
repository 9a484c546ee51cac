"""``include:``: the shape of an include entry and of the slide library file it names.

A spec's ``slides:`` list may hold ``- include: library/kpi_page.yaml`` with optional
``with: {name: value}``; the file holds ``params:`` (typed, as a spec's ``params:``, plus
``type: metric`` for a metric's name; a parameter without ``default`` must be given) and
``slides:`` (a list of slides, each written as in a spec). Expansion is in
:mod:`deckbuilder.spec.variants.includes`; docs/includes.md is the user documentation.
"""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from deckbuilder.spec.params import LATEST, ParamSpec, ParamType, check_param_value

#: The keys an include entry may have.
INCLUDE_KEYS = ("include", "with")
#: The top-level keys of a slide library file.
LIBRARY_KEYS = ("params", "slides", "description")


class IncludeParam(ParamSpec):
    """A slide library file's parameter: a spec parameter's types plus ``metric`` (a metric's name);
    without ``default`` it is required at every ``include:``."""

    type: ParamType | Literal["metric"]  # type: ignore[assignment]
    default: Any = Field(None, description="the value when the include does not give one; none: required")

    @field_validator("allowed")
    @classmethod
    def _allowed(cls, value: list[Any] | None, info: ValidationInfo) -> list[Any] | None:
        if value is None or info.data.get("type") != "metric":
            return ParamSpec._allowed(value, info)
        return [str(v) for v in value]

    @field_validator("default")
    @classmethod
    def _default(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None or "type" not in info.data:
            return value
        return check_include_value(info.data, value)

    @model_validator(mode="after")
    def _check(self) -> "IncludeParam":
        if self.latest_of is not None:
            raise ValueError("latest_of is for a spec's own params (an include passes the value with 'with:')")
        if self.default == LATEST:
            raise ValueError("'latest' is for a spec's own date params; the deck's params also work in included slides")
        return self


def check_include_value(spec: dict[str, Any], value: Any) -> Any:
    """*value* checked and coerced for the parameter *spec* (its fields); ValueError with the reason."""
    if spec["type"] != "metric":
        return check_param_value(spec, value)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{value!r} is not a metric name")
    allowed = spec.get("allowed")
    if allowed is not None and value not in allowed:
        raise ValueError(f"{value!r} is not allowed; allowed: {', '.join(map(str, allowed))}")
    return value.strip()


class _IncludeEntry(BaseModel):
    """Slides from a slide library file, with its parameters (docs/includes.md)."""

    model_config = ConfigDict(extra="forbid", title="Include")

    include: str = Field(min_length=1, description="a slide library file (params: and slides:), relative to "
                                                   "this file; see docs/includes.md")
    with_: dict[str, Any] = Field(default_factory=dict, alias="with",
                                  description="values of the file's params: (name: value)")


def add_include_to_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """*schema* (the DeckSpec's JSON schema) with ``include:`` entries allowed in ``slides:``."""
    entry = _IncludeEntry.model_json_schema(by_alias=True)
    schema.setdefault("$defs", {})["Include"] = entry
    slides = schema["properties"]["slides"]
    slides["items"] = {"anyOf": [slides["items"], {"$ref": "#/$defs/Include"}]}
    return schema
