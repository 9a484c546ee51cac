"""Pydantic validation errors -> located, human :class:`~deckbuilder.errors.Issue`s.

Each pydantic error location is mapped back to the YAML line and column through the
:class:`~deckbuilder.spec.positions.SourceMap`; union tags pydantic inserts are dropped,
and the message says what was wrong in the spec's terms (unknown key with did-you-mean,
unknown slide kind, wrong type with the value given).
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from deckbuilder.errors import Issue, allowed_hint
from deckbuilder.spec.model import DeckSpec
from deckbuilder.spec.positions import SourceMap, dotted_path


def validation_issues(exc: ValidationError, raw: Any, smap: SourceMap, file: str | None) -> list[Issue]:
    """Translate pydantic errors into located, human messages (one per error)."""
    issues = []
    seen = set()
    located = []
    for err in exc.errors(include_url=False):
        path = _data_path(raw, err["loc"], err["type"])
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            path += (str((err.get("ctx") or {}).get("discriminator", "kind")).strip("'"),)
        located.append((path, err))
    deeper = {p[:n] for p, _ in located for n in range(len(p))}
    # a value that fits no member of a union (text or a list) gets one message naming them all
    wanted: dict[tuple, list[str]] = {}
    for path, err in located:
        if err["type"] in _TYPE_WORDS:
            wanted.setdefault(path, []).append(_TYPE_WORDS[err["type"]])
    for path, err in located:
        # `theme: {colors: ...}` fails both union members (text, mapping): the mapping's own error says more.
        if err["type"].endswith("_type") and path in deeper:
            continue
        message, hint = _describe(err, path, raw)
        if len(set(wanted.get(path, ()))) > 1 and err["type"] in _TYPE_WORDS:
            kinds = list(dict.fromkeys(wanted[path]))
            message = (f"'{path[-1] if path else ''}' should be {', '.join(kinds[:-1])} or {kinds[-1]}, "
                       f"got {_type_name(err.get('input'))}")
        key = (path, message)
        if key in seen:
            continue
        seen.add(key)
        where, line, column = smap.position(path, key=err["type"] == "extra_forbidden")
        if line is None and (where or file):  # nothing located above it: the document itself (e.g. empty)
            line, column = 1, 1
        issues.append(Issue(message, path=dotted_path(smap.origin(path)), file=where or file, line=line,
                            column=column, hint=hint))
    issues.sort(key=lambda i: (i.line or 0, i.column or 0))
    return issues


_TYPE_WORDS = {"string_type": "text", "list_type": "a list", "dict_type": "a mapping", "model_type": "a mapping",
               "model_attributes_type": "a mapping", "int_type": "a number", "float_type": "a number",
               "bool_type": "true/false"}


def _data_path(raw: Any, loc: tuple, err_type: str) -> tuple:
    """Drop union tags pydantic inserts in ``loc`` (``slides.3.chart.chart.type``)."""
    path: list[Any] = []
    node = raw
    tag_next = False
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if tag_next and isinstance(node, dict) and node.get("kind") == part:
            # the slide union's tag: ``slides.0.chart.titel`` is the chart slide's own 'titel',
            # even though a chart slide also has a field named 'chart'
            tag_next = False
            continue
        tag_next = isinstance(node, list) and path[-1:] == ["slides"]
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        elif last and err_type in ("missing", "extra_forbidden"):
            path.append(part)
        # otherwise: a union tag or validator name pydantic inserted ("chart", "function-after"); skip it
    return tuple(path)


def _quoted(text: str) -> list[str]:
    return re.findall(r"'([^']*)'", text or "")


def _describe(err: Mapping[str, Any], path: tuple, raw: Any) -> tuple[str, str | None]:
    kind, ctx, given = err["type"], err.get("ctx") or {}, err.get("input")
    field = path[-1] if path else ""
    if kind == "extra_forbidden":
        allowed = _allowed_keys(raw, path[:-1])
        return f"unknown key '{field}'", allowed_hint(str(field), allowed) if allowed else None
    if kind == "missing":
        return f"missing required key '{field}'", None
    if kind == "literal_error":
        allowed = _quoted(ctx.get("expected", ""))
        what = "chart type" if field == "type" and "chart" in path else f"value for '{field}'"
        return f"unknown {what} '{given}'", allowed_hint(str(given), allowed)
    if kind == "union_tag_invalid":
        allowed = _quoted(ctx.get("expected_tags", ""))
        tag = ctx.get("tag")
        what = "slide kind" if path and path[0] == "slides" else "type"
        return f"unknown {what} '{tag}'", allowed_hint(str(tag), allowed)
    if kind == "union_tag_not_found":
        disc = ctx.get("discriminator", "").strip("'")
        return f"missing required key '{disc}'", None
    if kind in ("too_short", "too_long"):
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        need = "at least" if kind == "too_short" else "at most"
        return f"'{field}' needs {need} {bound} items, got {ctx.get('actual_length')}", None
    if kind == "string_pattern_mismatch":  # the only patterned strings are theme colours
        return f"'{given}' is not a colour", "use a 6-digit hex colour without '#', e.g. 1F4E79"
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, "), None
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"'{field}' should be a mapping (key: value), got {_type_name(given)}", None
    if kind == "list_type":
        return f"'{field}' should be a list, got {_type_name(given)}", None
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"'{field}' has the wrong type: {err['msg'].lower()}, got {_type_name(given)} {given!r}", None
    return err["msg"], None


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number",
            bool: "true/false", type(None): "nothing"}.get(type(value), type(value).__name__)


def _allowed_keys(raw: Any, path: tuple) -> list[str]:
    """Field names allowed at *path*, found by walking the model with the data."""
    model: Any = DeckSpec
    node = raw
    for part in path:
        model = _field_type(model, part, node)
        node = node[part] if isinstance(node, (dict, list)) else None
        model = _pick_member(model, node)
        if model is None:
            return []
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _field_type(model: Any, part: Any, node: Any) -> Any:
    model = _pick_member(model, node)
    if isinstance(model, type) and issubclass(model, BaseModel):
        field = model.model_fields.get(part)
        return field.annotation if field else None
    origin = typing.get_origin(model)
    args = typing.get_args(model)
    if origin in (list, tuple) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _pick_member(model: Any, node: Any) -> Any:
    """Resolve Optional/Union/Annotated to the member that fits *node*."""
    while typing.get_origin(model) is typing.Annotated:
        model = typing.get_args(model)[0]
    if typing.get_origin(model) in (typing.Union, types.UnionType):
        members = [m for m in typing.get_args(model) if m is not type(None)]
        models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
        if isinstance(node, dict) and models:
            for m in models:
                disc = {name: f for name, f in m.model_fields.items()
                        if typing.get_origin(f.annotation) is typing.Literal}
                if all(node.get(k) in typing.get_args(f.annotation) for k, f in disc.items()) and disc:
                    return m
            return models[0]
        containers = [m for m in members if typing.get_origin(m) in (list, dict)]
        if containers:
            return containers[0]
        return members[0] if members else None
    return model
