"""``--set PATH=VALUE``: command-line overrides of any spec field (the value is YAML)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

from deckbuilder.errors import Issue, SpecError, allowed_hint
from deckbuilder.spec.positions import SourceMap, dotted_path

_KEY = r"[^.\[\]]+"
_OVERRIDE_PATH = re.compile(rf"{_KEY}(?:\.{_KEY}|\[[^\[\]]+\])*")
_STEP = re.compile(rf"\[([^\[\]]+)\]|\.?({_KEY})")
_SET_HINT = ("write --set PATH=VALUE, e.g. deck.presenter=李雷, slides[3].title=新标题 "
             "or departments[美妆个护].theme=ocean")


class _Name(str):
    """``[name]`` in an override path: the list entry whose ``id`` or ``name`` is this."""


def parse_override(text: str) -> tuple[list[str | int], Any]:
    """Split ``PATH=VALUE`` into path steps and the YAML value; ``ValueError`` with a reason if malformed.

    >>> parse_override("slides[3].title=新标题")
    (['slides', 3, 'title'], '新标题')
    >>> parse_override("departments[0].filters.category=[美妆, 个护]")
    (['departments', 0, 'filters', 'category'], ['美妆', '个护'])
    """
    if "=" not in text:
        raise ValueError("no '=' between the path and the value")
    path_text, value_text = text.split("=", 1)
    path_text = path_text.strip()
    if not path_text:
        raise ValueError("the path before '=' is empty")
    if not _OVERRIDE_PATH.fullmatch(path_text):
        raise ValueError(f"'{path_text}' is not a field path (keys joined by '.', list items as [index])")
    steps: list[str | int] = []
    for index, key in _STEP.findall(path_text):
        if key:
            steps.append(key.strip())
        elif re.fullmatch(r"\s*-?\d+\s*", index):
            steps.append(int(index))
        else:
            steps.append(_Name(index.strip().strip("'\"")))
    try:
        value = yaml.safe_load(value_text)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ValueError(f"the value is not valid YAML ({problem}); quote text with special characters") from None
    return steps, value


def apply_overrides(raw: dict, smap: SourceMap, overrides: Sequence[str]) -> None:
    """Apply ``--set PATH=VALUE`` overrides to *raw* in order (in place).

    Mapping keys missing on the way are created (the model then checks they are
    allowed); list indices must exist. A value's location is the override itself.
    """
    for text in overrides:
        label = f"--set {text}"
        try:
            steps, value = parse_override(text)
        except ValueError as exc:
            raise SpecError(issues=[Issue(f"bad override: {exc}", file=label, hint=_SET_HINT)]) from None
        if steps[0] == "extends":
            raise SpecError(issues=[Issue("'extends' cannot be set: it is resolved before overrides", file=label,
                                          hint="write another spec that extends the one you want")])
        _set(raw, smap, steps, value, label)


def set_value(raw: dict, smap: SourceMap, steps: list, value: Any, label: str) -> None:
    """Set the field at *steps* to *value*, recording *label* (e.g. ``--param year=2026``) as its location."""
    _set(raw, smap, steps, value, label)


def _set(raw: dict, smap: SourceMap, steps: list, value: Any, label: str) -> None:
    node: Any = raw
    path: tuple = ()

    def fail(message: str, hint: str | None = None) -> SpecError:
        return SpecError(issues=[Issue(message, path=dotted_path(path), file=label, hint=hint)])

    for depth, step in enumerate(steps):
        last = depth == len(steps) - 1
        where = dotted_path(path) or "the spec"
        if isinstance(step, _Name):
            if not isinstance(node, list):
                raise fail(f"[{step}] needs a list, but {where} is {_kind(node)}")
            names = [_entry_name(item) for item in node]
            if step not in names:
                known = [n for n in names if n is not None]
                raise fail(f"no item with id or name '{step}' in {where}",
                           allowed_hint(step, known) if known else "no item there has an id or name; use [0], [1], ...")
            key: Any = names.index(step)
        elif isinstance(step, int):
            if not isinstance(node, list):
                raise fail(f"[{step}] needs a list, but {where} is {_kind(node)}")
            key = step + len(node) if step < 0 else step
            if not 0 <= key < len(node):
                raise fail(f"{where} has {len(node)} items, there is no [{step}]",
                           f"indices run from 0 to {len(node) - 1}" if node else "the list is empty")
        else:
            if not isinstance(node, dict):
                raise fail(f"cannot set '{step}' inside {where}: it is {_kind(node)}, not a mapping")
            key = step
            if key not in node and step.lstrip("-").isdigit() and int(step) in node:
                key = int(step)  # YAML read the key 2025 as a number
        path += (key,)
        if last:
            node[key] = value
            smap.drop(path)
            smap.set(path, (None, None), file=label, key=(None, None))
            return
        if isinstance(node, dict) and node.get(key) is None:
            node[key] = {}
            smap.drop(path)
            smap.set(path, (None, None), file=label, key=(None, None))
        node = node[key]


def _entry_name(item: Any) -> str | None:
    if isinstance(item, dict):
        for field in ("id", "name"):
            if item.get(field) is not None:
                return str(item[field])
    return None


def _kind(node: Any) -> str:
    if isinstance(node, dict):
        return "a mapping"
    if isinstance(node, list):
        return "a list"
    return f"the value {node!r}"
