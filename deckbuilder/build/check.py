"""``deckbuilder validate`` and ``deckbuilder metrics``: the build without python-pptx.

Both compute every metric; ``validate`` also runs the resolve phase, so a chart
naming a column its data lacks is caught as it would be by a build. Errors are
located in the spec by the same locator the build uses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deckbuilder.build.pipeline import metric_engine, resolve_variant, variant_locator
from deckbuilder.build.resolve import resolve_deck
from deckbuilder.errors import SpecError, allowed_hint
from deckbuilder.spec.loaded import LoadedSpec
from deckbuilder.spec.loader import load_spec


@dataclass
class SpecReport:
    """A checked spec, one row per metric (name, kind, value, format) and the tables asked for."""

    loaded: LoadedSpec
    metrics: list[dict[str, Any]]
    tables: dict[str, Any] = field(default_factory=dict)  # metric name -> DataFrame (``show``)


def check_spec(spec: Any, *, slides: bool = True, base_dir: str | Path | None = None,
               overrides: Sequence[str] = (), department: str | None = None,
               params: Mapping[str, Any] | None = None, show: Sequence[str] = ()) -> SpecReport:
    """Load *spec*, compute its metrics and (with *slides*) resolve every slide, writing nothing.

    *department*, *overrides* and *params* are those of a build; resolving the slides
    also reads the template and layout map and checks every slide kind is mapped.
    *show* names metrics whose rows come back in ``tables`` (unknown names: did-you-mean).
    """
    from deckbuilder.text.describe import describe_metrics

    variant = resolve_variant(load_spec(spec, base_dir=base_dir, overrides=overrides, params=params), department)
    locator = variant_locator(variant)
    tables: dict[str, Any] = {}
    with locator.errors():
        engine = metric_engine(variant.loaded, filters=variant.filters)
        rows = describe_metrics(engine) if engine is not None else []
        for name in show:
            result = _known_metric(engine, name, "--show").get(name)
            tables[name] = result.table if result.kind == "table" else _scalar_frame(result)
        if slides:
            resolve_deck(variant.loaded, engine, locator, extra_context={"department": variant.context})
    return SpecReport(variant.loaded, rows, tables)


def _scalar_frame(result: Any) -> Any:
    import pandas as pd

    return pd.DataFrame({"metric": [result.name], "value": [result.value]})


def explain_metric(spec: Any, name: str, *, overrides: Sequence[str] = (), department: str | None = None,
                   params: Mapping[str, Any] | None = None) -> tuple[list[Any], list[str]]:
    """The SQL statements computing metric *name* runs (``metrics --explain``), and the sources it reads
    into pandas instead (those run no SQL of their own)."""
    from deckbuilder.metrics.explain import explain

    variant = resolve_variant(load_spec(spec, overrides=overrides, params=params), department)
    with variant_locator(variant).errors():
        engine = metric_engine(variant.loaded, filters=variant.filters)
        return explain(_known_metric(engine, name, "--explain"), name)


def _known_metric(engine: Any, name: str, option: str) -> Any:
    """*engine*, which has metric *name*; else an error naming the command-line *option* that asked for it."""
    known = engine.names() if engine is not None else []
    if engine is None or name not in known:
        raise SpecError(f"unknown metric '{name}'", file=f"{option} {name}",
                        hint=allowed_hint(name, known) if known else "the spec has no metrics")
    return engine
