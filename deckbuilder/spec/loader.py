"""Load a spec (path, YAML text or dict) into a validated :class:`LoadedSpec`.

Validation happens in two passes and reports every problem at once:
1. the pydantic model checks structure and types (unknown keys, wrong types,
   unknown slide kinds or chart types);
2. cross-references are checked by name (a chart's ``metric`` must be defined),
   with did-you-mean hints.
Each pydantic error location is mapped back to the YAML line and column.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from deckbuilder.errors import Issue, SpecError, TemplateError
from deckbuilder.spec.loaded import LoadedSpec
from deckbuilder.spec.model import DeckSpec
from deckbuilder.spec.params import apply_params, check_param_names
from deckbuilder.spec.positions import SourceMap, load_yaml, read_yaml_file
from deckbuilder.spec.references import check_references
from deckbuilder.spec.themes import check_template_files, check_theme
from deckbuilder.spec.validation import validation_issues
from deckbuilder.spec.variants.departments import check_departments
from deckbuilder.spec.variants.extends import apply_extends
from deckbuilder.spec.variants.includes import expand_includes
from deckbuilder.spec.variants.metric_variants import expand_metric_variants, variant_metric_names
from deckbuilder.spec.variants.overrides import apply_overrides, parse_override


def load_spec(spec: str | Path | Mapping | DeckSpec | LoadedSpec, *, base_dir: str | Path | None = None,
              overrides: Sequence[str] = (), params: Mapping[str, Any] | None = None) -> LoadedSpec:
    """Load and validate a spec.

    *spec* may be a path to a YAML file, YAML text, a dict or an already built model.
    Relative paths inside the spec resolve against *base_dir* (default: the spec's folder,
    or the current directory for text and dicts). ``include:`` entries in ``slides:`` are expanded
    first (:mod:`deckbuilder.spec.variants.includes`), then ``extends:`` is resolved
    (:mod:`deckbuilder.spec.variants.extends`; a base's includes come from its folder), then
    *overrides* (``PATH=VALUE`` strings, the CLI's ``--set``) are applied in order, then the
    result is validated.

    >>> loaded = load_spec({"deck": {"title": "Q3"}, "slides": [{"kind": "title"}]})
    >>> loaded.model.slides[0].kind
    'title'
    >>> spec = {"deck": {"title": "Q3"}, "slides": [{"kind": "title"}]}
    >>> load_spec(spec, overrides=["deck.title=Q4"]).model.deck.title
    'Q4'
    """
    file: str | None = None
    if isinstance(spec, LoadedSpec):
        if not overrides and not params:
            return spec
        raw, smap, file = copy.deepcopy(spec.raw), spec.source_map.copy(), spec.file
        base_dir = spec.base_dir if base_dir is None else base_dir
    elif isinstance(spec, DeckSpec):
        if not overrides and not params:
            return LoadedSpec(spec, None, Path(base_dir or ".").resolve(), SourceMap(), spec.model_dump())
        raw, smap = spec.model_dump(), SourceMap()
    elif isinstance(spec, Mapping):
        raw, smap = copy.deepcopy(dict(spec)), SourceMap()
    else:
        text, file = _read_spec_text(spec)
        raw, smap = load_yaml(text, file=file)
        if not isinstance(raw, dict):
            raise SpecError(issues=[Issue("a spec must be a YAML mapping with 'deck' and 'slides'",
                                          file=file, line=1, column=1)])
    if base_dir is None:
        base_dir = Path(file).resolve().parent if file else Path.cwd()
    expand_includes(raw, smap, folder=Path(file).parent if file else Path(base_dir), paths_dir=Path(base_dir),
                    file=file)
    raw, smap = apply_extends(raw, smap, folder=Path(file).parent if file else Path(base_dir),
                                       paths_dir=Path(base_dir), file=file)
    # --set metrics.sales_cur.label=X sets a field of a variant: applied once the variants are metrics
    of_variants = variant_metric_names(raw)
    later = [o for o in overrides if _override_metric(o) in of_variants]
    apply_overrides(raw, smap, [o for o in overrides if o not in later])
    expand_metric_variants(raw, smap, file)
    apply_overrides(raw, smap, later)
    if params:
        apply_params(raw, smap, params)
    try:
        model = DeckSpec.model_validate(raw)
    except ValidationError as exc:
        raise SpecError("invalid spec", issues=validation_issues(exc, raw, smap, file)) from None
    loaded = LoadedSpec(model, file, Path(base_dir).resolve(), smap, raw)
    names = [loaded.issue(message, path, hint=hint) for message, path, hint in check_param_names(model.params,
                                                                                                  model.metrics)]
    problems = [*names, *check_references(loaded), *check_theme(loaded), *check_departments(loaded)]
    if problems:
        raise SpecError("invalid spec", issues=problems)
    missing = list(check_template_files(loaded))
    if missing:
        raise TemplateError(issues=missing)
    return loaded


def _override_metric(text: str) -> str | None:
    """The metric a ``--set metrics.NAME...`` override sets, else None (malformed ones are reported later)."""
    try:
        steps, _ = parse_override(text)
    except ValueError:
        return None
    return str(steps[1]) if len(steps) > 1 and steps[0] == "metrics" else None


def _read_spec_text(spec: str | Path) -> tuple[str, str | None]:
    """Return (text, file) for a path or for YAML text given directly."""
    looks_like_path = isinstance(spec, Path) or ("\n" not in spec and spec.strip().endswith((".yaml", ".yml")))
    if not looks_like_path:
        return str(spec), None
    path = Path(spec)
    if not path.is_file():
        raise SpecError(issues=[Issue(f"spec file not found: {path}", file=str(path),
                                      hint="check the path; relative paths are taken from the current folder")])
    return read_yaml_file(path), str(path)
