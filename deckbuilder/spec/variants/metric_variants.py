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
named ``<metric>_<variant>``; the base itself is not a metric. Expanded before the
spec is validated, so every check and error message applies to the variants, located
at the line where each field was written (the base's or the variant's).
"""

from __future__ import annotations

import copy
import re

from deckbuilder.errors import Issue, SpecError
from deckbuilder.spec.positions import SourceMap

_SUFFIX = re.compile(r"[A-Za-z0-9_\u4e00-\u9fff]+")


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
        variants = body["variants"]
        base = {k: v for k, v in body.items() if k != "variants"}
        path = ("metrics", name, "variants")
        if not isinstance(variants, dict) or not variants:
            issue("variants is a mapping of names to the fields that differ, e.g. {ytd: {period: ytd}}", path)
            continue
        mine = old.get(name, SourceMap(smap.file))
        smap.forget(mine)
        for suffix, fields in variants.items():
            new = f"{name}_{suffix}"
            if not _SUFFIX.fullmatch(str(suffix)):
                issue(f"variant name '{suffix}' is not a plain name", path + (suffix,), key=True)
                continue
            if new in metrics or new in out:
                issue(f"variant '{suffix}' makes the metric name '{new}', which is already defined", path + (suffix,),
                      hint="rename the variant or the other metric", key=True)
                continue
            fields = {} if fields is None else fields
            if not isinstance(fields, dict):
                issue(f"variant '{suffix}' must be a mapping of fields, e.g. {{period: ytd}}", path + (suffix,))
                continue
            if "variants" in fields:
                issue("a variant cannot have variants", path + (suffix, "variants"), key=True)
                continue
            out[new] = {**copy.deepcopy(base), **copy.deepcopy(fields)}
            made = SourceMap(smap.file)
            made.graft(mine, ("metrics", name), ("metrics", new))
            made.drop(("metrics", new, "variants"))
            for field in fields:
                made.drop(("metrics", new, field))
                made.graft(mine, path + (suffix, field), ("metrics", new, field))
            made.graft(mine, path + (suffix,), ("metrics", new), subtree=False)
            smap.merge(made)
    if issues:
        raise SpecError("invalid metric variants", issues=issues)
    raw["metrics"] = out
