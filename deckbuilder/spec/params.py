"""``params:``: typed report parameters (year, quarter, month, date, number, text, list).

A parameter is declared once with a type and a default, and may be set for one build
from the command line (``--param year=2024``) or the API (``build_deck(..., params=)``).
Values are checked against the type, ``allowed``, ``min`` and ``max`` when the spec is
loaded, so a wrong value is a located error before any data is read.

``--param NAME=VALUE`` is applied like ``--set params.NAME.default=VALUE`` (the value's
location is the command line), after checking that NAME is declared (did-you-mean).
This module must not import pandas: dates are ``datetime.date``.
"""

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from deckbuilder.errors import Issue, SpecError, allowed_hint
from deckbuilder.spec.positions import SourceMap

ParamType = Literal["year", "quarter", "month", "date", "number", "text", "list"]
PARAM_NAME = re.compile(r"[A-Za-z\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]*")
LATEST = "latest"  # a date parameter's default: the latest date of a column in the data
_RANGES = {"year": (1900, 2999), "quarter": (1, 4), "month": (1, 12)}
_TYPE_HINT = {
    "year": "a year such as 2025", "quarter": "a quarter 1-4", "month": "a month 1-12",
    "date": "a date written YYYY-MM-DD (or 'latest' with latest_of: source.column)",
    "number": "a number", "text": "text", "list": "a list such as [天猫, 京东] (on the command line: 天猫,京东)",
}


class ParamSpec(BaseModel):
    """One parameter: ``year: {type: year, default: 2025}``.

    ``latest_of: orders.date`` with ``default: latest`` (date parameters only) takes the
    latest date of that column, after the build's department filters.
    """

    model_config = ConfigDict(extra="forbid")

    type: ParamType
    allowed: list[Any] | None = Field(None, description="the only values allowed")
    min: float | dt.date | str | None = Field(None, description="smallest value allowed (a date as YYYY-MM-DD)")
    max: float | dt.date | str | None = Field(None, description="largest value allowed")
    latest_of: str | None = Field(None, description="date parameters: SOURCE.COLUMN whose latest date "
                                                    "'latest' means")
    default: Any = Field(None, description="the value unless --param / params= sets another")
    label: str | None = None
    description: str | None = None

    @field_validator("allowed")
    @classmethod
    def _allowed(cls, value: list[Any] | None, info: ValidationInfo) -> list[Any] | None:
        if value is None or "type" not in info.data:
            return value
        kind = info.data["type"]
        return [coerce_param(v, "text" if kind == "list" and isinstance(v, str) else kind) if kind != "list"
                or isinstance(v, str) else v for v in value]

    @field_validator("default")
    @classmethod
    def _default(cls, value: Any, info: ValidationInfo) -> Any:
        if "type" not in info.data:
            return value
        if value is None:
            raise ValueError(f"a parameter needs a default ({_TYPE_HINT[info.data['type']]})")
        return check_param_value(info.data, value)

    @model_validator(mode="after")
    def _check(self) -> "ParamSpec":
        if self.latest_of is not None:
            if self.type != "date":
                raise ValueError("latest_of is only for date parameters")
            if not re.fullmatch(r"[^.]+\.[^.]+", self.latest_of):
                raise ValueError("latest_of is SOURCE.COLUMN, e.g. orders.date")
        if self.default == LATEST and self.latest_of is None:
            raise ValueError("default: latest needs latest_of: SOURCE.COLUMN (the column whose latest date to take)")
        return self


def coerce_param(value: Any, kind: str) -> Any:
    """*value* (often text from the command line) as a value of *kind*; ValueError with a reason."""
    if kind == "list":
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not value:
            raise ValueError(f"{value!r} is not {_TYPE_HINT[kind]}")
        for item in value:
            if isinstance(item, (dict, list)) or item is None:
                raise ValueError(f"list items are text or numbers, not {item!r}")
        return value
    if kind == "text":
        if isinstance(value, (dict, list)) or value is None:
            raise ValueError(f"{value!r} is not text")
        return str(value)
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if value == LATEST:
            return LATEST
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(f"{value!r} is not {_TYPE_HINT[kind]}") from None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not {_TYPE_HINT[kind]}")
    number: float
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not {_TYPE_HINT[kind]}") from None
    if kind == "number":
        return int(number) if number.is_integer() and not isinstance(value, float) else number
    if not number.is_integer():
        raise ValueError(f"{value!r} is not {_TYPE_HINT[kind]}")
    low, high = _RANGES[kind]
    if not low <= number <= high:
        raise ValueError(f"{value!r} is not {_TYPE_HINT[kind]} (from {low} to {high})")
    return int(number)


def check_param_value(spec: Mapping[str, Any], value: Any) -> Any:
    """*value* coerced to the type of *spec* (a parameter's fields) and checked against allowed/min/max."""
    kind = spec["type"]
    value = coerce_param(value, kind)
    if value == LATEST:
        return value
    allowed = spec.get("allowed")
    if allowed is not None:
        for item in value if kind == "list" else [value]:
            if item not in allowed:
                raise ValueError(f"{item!r} is not allowed; allowed: {', '.join(map(str, allowed))}")
    for bound, ok in (("min", lambda v, b: v >= b), ("max", lambda v, b: v <= b)):
        limit = spec.get(bound)
        if limit is None or kind in ("text", "list"):
            continue
        try:
            limit = coerce_param(limit, kind) if kind == "date" else float(limit)
        except ValueError:
            raise ValueError(f"{bound} {limit!r} is not {_TYPE_HINT[kind]}") from None
        if not ok(value, limit):
            shown = f"{limit:g}" if isinstance(limit, float) else str(limit)
            raise ValueError(f"{value} is {'below the minimum' if bound == 'min' else 'above the maximum'} {shown}")
    return value


def param_values(params: Mapping[str, ParamSpec]) -> dict[str, Any]:
    """Every parameter's value for this build (dates as ``datetime.date``; 'latest' left as is)."""
    return {name: spec.default for name, spec in params.items()}


def apply_params(raw: dict, smap: SourceMap, given: Mapping[str, Any]) -> None:
    """Set ``params.NAME.default`` for each given value (CLI text or Python values), in place.

    An undeclared name is a located error with did-you-mean; the value is checked by the
    model when the spec is validated, located at the ``--param`` that set it.
    """
    from deckbuilder.spec.variants.overrides import set_value

    found = raw.get("params")
    declared: dict = found if isinstance(found, dict) else {}
    for name, value in given.items():
        label = f"--param {name}={value}"
        if name not in declared:
            hint = allowed_hint(name, list(declared)) if declared else "declare it under params: in the spec"
            raise SpecError(issues=[Issue(f"unknown parameter '{name}'", file=label, hint=hint)])
        if not isinstance(declared[name], dict):
            continue  # the model reports the malformed declaration
        set_value(raw, smap, ["params", name, "default"], value, label)


def parse_param_args(texts: list[str]) -> dict[str, str]:
    """``["year=2026", "as_of=2026-06-30"]`` -> ``{"year": "2026", ...}``; located error if malformed."""
    out: dict[str, str] = {}
    for text in texts:
        name, sep, value = text.partition("=")
        if not sep or not name.strip():
            raise SpecError(issues=[Issue("bad parameter: write --param NAME=VALUE, e.g. --param year=2026",
                                          file=f"--param {text}")])
        out[name.strip()] = value.strip()
    return out


#: what a parameter name may be (:func:`valid_param_name`)
PARAM_NAME_HINT = "letters, digits and _ , starting with a letter (not 'params')"


def valid_param_name(name: Any) -> bool:
    """A parameter name is a plain name (it is used as a name inside ``{{ }}``)."""
    return isinstance(name, str) and bool(PARAM_NAME.fullmatch(name)) and name != "params"


def check_param_names(params: Mapping[str, Any], metrics: Mapping[str, Any]) -> list[tuple[str, tuple, str]]:
    """Parameter names must be identifiers and differ from metric names (both are names in templates):
    (message, spec path, hint) of each that is not."""
    problems = []
    for name in params:
        if not valid_param_name(name):
            problems.append((f"parameter name '{name}' is not a plain name", ("params", name), PARAM_NAME_HINT))
        elif name in metrics:
            problems.append((f"parameter '{name}' has the name of a metric", ("params", name),
                             "rename one of them: templates and formulas name both the same way"))
    return problems
