"""Cross-reference checks: every metric a slide names must be defined.

Each slide model states the metrics it refers to (``metric_references()``), so a new
slide kind declares its own and nothing here needs to know its fields.
"""

from __future__ import annotations

from collections.abc import Iterable

from deckbuilder.errors import Issue, allowed_hint
from deckbuilder.spec.loaded import LoadedSpec


def check_references(loaded: LoadedSpec) -> Iterable[Issue]:
    """Names used by slides must exist: an issue per unknown metric, with did-you-mean."""
    spec = loaded.model
    metrics = list(spec.metrics)
    for i, slide in enumerate(spec.slides):
        for path, name in slide.metric_references():
            if name not in spec.metrics:
                yield loaded.issue(f"unknown metric '{name}'", ("slides", i, *path), hint=allowed_hint(name, metrics))
