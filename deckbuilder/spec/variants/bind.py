"""An included file's parameters bound into its slides, before the spec is validated.

The rules (docs/includes.md):

- a string that is exactly ``{{ name }}`` becomes the parameter's value itself (a number stays a
  number, a list a list; a metric parameter gives the metric's name), so non-text fields take
  parameters: ``metric: "{{ kpi }}"``, ``id: "{{ region }}_kpi"``, ``where``-free filters, columns;
- ``{{ name }}`` inside a longer string becomes the value as text: ``title: "{{ region }}核心指标"``
  (a value that is itself a template, ``with: {title: "{{ deck.title }}"}``, is rendered by the build);
- inside any other ``{{ ... }}`` or ``{% ... %}`` the name becomes the value as a template literal
  (``'华东'``, ``2025``), and a metric parameter the metric's name, so
  ``{{ kpi | yi }}`` formats the metric the include chose.

Names that are not parameters (metrics, the deck's own params, ``group``) are left for the build.
Text that is not a valid template is left as it is; the build reports it where it was written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, TemplateSyntaxError

_ENV = Environment()  # only its lexer is used: nothing is compiled or rendered here
_MARKERS = ("{{", "{%")
_WHOLE = re.compile(r"\{\{-?\s*([^\W\d]\w*)\s*-?\}\}")
#: tokens after which a name is not a variable: an attribute, a filter, a test
_NOT_A_VARIABLE = {".", "|", "is"}


class Bound:
    """A parameter's value with how it is written: as a value, as text, inside a template."""

    def __init__(self, value: Any, *, metric: bool = False) -> None:
        self.value = value.isoformat() if isinstance(value, dt.date) else value
        self.metric = metric

    def text(self) -> str:
        if isinstance(self.value, list):
            return ", ".join(map(str, self.value))
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        return str(self.value)

    def literal(self) -> str:
        if self.metric and str(self.value).isidentifier():
            return str(self.value)
        return _literal(self.value)


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def bind(node: Any, params: Mapping[str, Bound]) -> Any:
    """A copy of *node* (slides as plain data) with *params* bound in every string value."""
    if isinstance(node, dict):
        return {key: bind(value, params) for key, value in node.items()}
    if isinstance(node, list):
        return [bind(item, params) for item in node]
    if isinstance(node, str) and params and any(m in node for m in _MARKERS):
        return bind_text(node, params)
    return node


def bind_text(text: str, params: Mapping[str, Bound]) -> Any:
    """*text* with *params* bound (see the module's rules); the value itself for a lone ``{{ name }}``."""
    whole = _WHOLE.fullmatch(text.strip())
    if whole and whole.group(1) in params:
        return params[whole.group(1)].value
    try:
        tokens = list(_ENV.lex(text))
    except TemplateSyntaxError:
        return text
    if "".join(value for _, _, value in tokens) != text:  # never rewrite what the lexer did not give back whole
        return text
    out: list[str] = []
    i = 0
    while i < len(tokens):
        kind, value = tokens[i][1], tokens[i][2]
        lone = _lone_variable(tokens, i, params)
        if lone is not None:
            bound, i = lone
            out.append(bound.text())  # a value written as a template ("{{ deck.title }}") renders in the deck
            continue
        if kind == "name" and value in params and _previous(tokens, i) not in _NOT_A_VARIABLE \
                and _inside_code(tokens, i):
            out.append(params[value].literal())
        else:
            out.append(value)
        i += 1
    return "".join(out)


def _lone_variable(tokens: list, i: int, params: Mapping[str, Bound]) -> tuple[Bound, int] | None:
    """``{{ name }}`` starting at *i* (a non-metric parameter): its value and the index after it."""
    if tokens[i][1] != "variable_begin":
        return None
    j = i + 1
    parts = []
    while j < len(tokens) and tokens[j][1] != "variable_end":
        if tokens[j][1] != "whitespace":
            parts.append(tokens[j])
        j += 1
    if j == len(tokens) or len(parts) != 1 or parts[0][1] != "name" or parts[0][2] not in params:
        return None
    bound = params[parts[0][2]]
    if bound.metric or "-" in tokens[i][2] or "-" in tokens[j][2]:  # a metric prints its value; keep '-' trims
        return None
    return bound, j + 1


def _previous(tokens: list, i: int) -> str | None:
    for j in range(i - 1, -1, -1):
        if tokens[j][1] != "whitespace":
            return tokens[j][2]
    return None


def _inside_code(tokens: list, i: int) -> bool:
    """Whether token *i* is inside ``{{ }}`` or ``{% %}`` (the lexer gives names only there)."""
    for j in range(i - 1, -1, -1):
        kind = tokens[j][1]
        if kind in ("variable_begin", "block_begin"):
            return True
        if kind in ("variable_end", "block_end", "data"):
            return False
    return False
