"""``deckbuilder validate`` and ``deckbuilder metrics``: the build without python-pptx.

Both compute every metric; ``validate`` also runs the resolve phase, so a chart
naming a column its data lacks is caught as it would be by a build. Errors are
located in the spec by the same locator the build uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deckbuilder.build.pipeline import metric_engine, resolve_variant, variant_locator
from deckbuilder.build.resolve import resolve_deck
from deckbuilder.spec.loaded import LoadedSpec
from deckbuilder.spec.loader import load_spec


@dataclass
class SpecReport:
    """A checked spec and one row per metric (name, kind, value, format)."""

    loaded: LoadedSpec
    metrics: list[dict[str, Any]]


def check_spec(spec: Any, *, slides: bool = True, base_dir: str | Path | None = None,
               overrides: Sequence[str] = ()) -> SpecReport:
    """Load *spec*, compute its metrics and (with *slides*) resolve every slide, writing nothing."""
    from deckbuilder.text.describe import describe_metrics

    loaded = load_spec(spec, base_dir=base_dir, overrides=overrides)
    variant = resolve_variant(loaded, None)
    locator = variant_locator(variant)
    with locator.errors():
        engine = metric_engine(loaded)
        rows = describe_metrics(engine) if engine is not None else []
        if slides:
            resolve_deck(loaded, engine, locator, extra_context={"department": variant.context})
    return SpecReport(loaded, rows)
