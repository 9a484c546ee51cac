"""``variants:`` on a metric: one definition for a family of metrics.

A family differs only by period or filter, so it is written once::

    sales:
      source: orders
      agg: sum
      column: amount
      format: yi
      variants:
        ytd: {period: ytd}                      # -> metric sales_ytd
        ly:  {period: ytd_last_year}            # -> metric sales_ly
        tmall: {period: ytd, where: "platform == '天猫'"}   # -> sales_tmall

Each variant is the base definition with the variant's fields replacing the base's,
named ``<metric>_<variant>``; the base itself is not a metric. ``{variant}`` in any
text of the definition is the variant's name, so a family whose members differ only
by that name is a list::

    stockout: {source: ops, agg: sum, column: value, where: "metric == 'stockout' and {variant}",
               variants: [cur, prev]}          # where: "... and cur" / "... and prev"
    resolved: {source: tickets, agg: count, where: "{variant} and hours <= 24",
               target: "tickets_{variant}", variants: [cur, prev]}

Expanded before the spec is validated, so every check and error message applies to the
variants, located at the line where each field was written (the base's or the variant's).
"""

from __future__ import annotations

import copy
import re
from typing import Any

from deckbuilder.errors import Issue, SpecError
from deckbuilder.spec.positions import SourceMap

_SUFFIX = re.compile(r"[A-Za-z0-9_\u4e00-\u9fff]+")
# {variant}, but not the inside of a Jinja {{ variant }}
PLACEHOLDER = re.compile(r"(?<!\{)\{variant\}(?!\})")


def expand_metric_variants(raw: dict, smap: SourceMap, file: str | None) -> None:
    """Replace each metric with ``variants:`` by its variants (in place, positions kept)."""
    metrics = raw.get("metrics")
    if not isinstance(metrics, dict) or not any(isinstance(m, dict) and "variants" in m for m in metrics.values()):
        return
    issues: list[Issue] = []

    def issue(message: str, path: tuple, hint: str | None = None, key: bool = False) -> None:
        where = smap.position(path, key=key)
        issues.append(Issue(message, path=".".join(map(str, path)), file=where[0] or file, line=where[1],
                            column=where[2], hint=hint))

    # Each metric's entries are edited apart from the whole map: a spec has thousands of
    # located paths, and dropping or grafting one prefix scans them all.
    old = smap.split("metrics")
    out: dict = {}
    for name, body in metrics.items():
        if not (isinstance(body, dict) and "variants" in body):
            out[name] = body
            continue
        path = ("metrics", name, "variants")
        variants = _as_mapping(body["variants"], path, issue)
        if variants is None:
            continue
        base = {k: v for k, v in body.items() if k != "variants"}
        mine = old.get(name, SourceMap(smap.file))
        smap.forget(mine)
        made: dict[str, dict] = {}
        for suffix, (fields, at) in variants.items():
            new = f"{name}_{suffix}"
            if not _SUFFIX.fullmatch(str(suffix)):
                issue(f"variant name '{suffix}' is not a plain name", at, key=True)
                continue
            if new in metrics or new in out:
                issue(f"variant '{suffix}' makes the metric name '{new}', which is already defined", at,
                      hint="rename the variant or the other metric", key=True)
                continue
            fields = {} if fields is None else fields
            if not isinstance(fields, dict):
                issue(f"variant '{suffix}' must be a mapping of fields, e.g. {{period: ytd}}", at)
                continue
            if "variants" in fields:
                issue("a variant cannot have variants", at + ("variants",), key=True)
                continue
            definition = _fill({**copy.deepcopy(base), **copy.deepcopy(fields)}, str(suffix))
            twin = next((other for other, earlier in made.items() if earlier == definition), None)
            if twin is not None:
                issue(f"variants '{twin}' and '{suffix}' define the same metric", at,
                      hint="write {variant} where they differ, e.g. where: \"{variant} and ...\" "
                           "(it becomes each variant's name), or give the variant fields of its own", key=True)
                continue
            made[str(suffix)] = definition
            out[new] = definition
            located = SourceMap(smap.file)
            located.graft(mine, ("metrics", name), ("metrics", new))
            located.drop(("metrics", new, "variants"))
            for field in fields:
                located.drop(("metrics", new, field))
                located.graft(mine, at + (field,), ("metrics", new, field))
            located.graft(mine, at, ("metrics", new), subtree=False)
            smap.merge(located)
    if issues:
        raise SpecError("invalid metric variants", issues=issues)
    raw["metrics"] = out


def variant_metric_names(raw: dict) -> set[str]:
    """The metric names the ``variants:`` of *raw* will define (``sales_cur``, ...), before expanding them."""
    metrics = raw.get("metrics")
    names: set[str] = set()
    for name, body in (metrics.items() if isinstance(metrics, dict) else ()):
        variants = body.get("variants") if isinstance(body, dict) else None
        if isinstance(variants, (dict, list)):
            names.update(f"{name}_{v}" for v in variants if isinstance(v, (str, int)))
    return names


def _as_mapping(variants: Any, path: tuple, issue: Any) -> dict[Any, tuple[Any, tuple]] | None:
    """``variants`` as ``{name: (fields, path written at)}``; a list holds names without fields of their own."""
    if isinstance(variants, list) and variants:
        names: dict[Any, tuple[Any, tuple]] = {}
        for i, item in enumerate(variants):
            if isinstance(item, (dict, list)) or item is None:
                issue("a list of variants holds names, e.g. [cur, prev]; write a mapping to give a variant "
                      "its own fields ({cur: {label: 今年}, prev: {}})", path + (i,))
                return None
            if item in names:
                issue(f"variant '{item}' is listed twice", path + (i,))
                return None
            names[item] = ({}, path + (i,))
        return names
    if not isinstance(variants, dict) or not variants:
        issue("variants is a list of names ([cur, prev], with {variant} in the fields) or a mapping of names "
              "to the fields that differ, e.g. {ytd: {period: ytd}}", path)
        return None
    return {suffix: (fields, path + (suffix,)) for suffix, fields in variants.items()}


def _fill(value: Any, name: str) -> Any:
    """*value* with every ``{variant}`` in its text replaced by *name*."""
    if isinstance(value, str):
        return PLACEHOLDER.sub(name, value)
    if isinstance(value, list):
        return [_fill(v, name) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, name) for k, v in value.items()}
    return value
