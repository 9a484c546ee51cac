"""The build pipeline, in the steps of docs/ARCHITECTURE.md.

1. load the spec (:func:`~deckbuilder.spec.loader.load_spec`);
2. pick the variant: the company deck or one department's (:func:`resolve_variant`);
3. create the metrics engine over the sources (lazy: nothing is read until asked);
4. resolve: texts, data, numbers, theme and template (:mod:`deckbuilder.build.resolve`);
5. render every slide, then save and lint (:func:`render_deck`, :func:`build_variant`).

Every step runs inside the one error locator (:mod:`deckbuilder.build.locate`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckbuilder.build.continuation import continued_slide
from deckbuilder.build.inputs import check_not_an_input, input_files
from deckbuilder.build.locate import ErrorLocator
from deckbuilder.build.resolve import COMPANY_CONTEXT, ResolvedDeck, resolve_deck
from deckbuilder.deck.package import (
    check_output_path,
    pin_core_properties,
    presentation_bytes,
    save_atomically,
)
from deckbuilder.deck.template import TemplateDeck
from deckbuilder.deck.theme_part import apply_theme
from deckbuilder.errors import OutputError, allowed_hint
from deckbuilder.render.context import SlideContext
from deckbuilder.render.links import link_slides
from deckbuilder.render.registry import render_slide
from deckbuilder.render.resolved import ResolvedSlide
from deckbuilder.spec.loaded import LoadedSpec
from deckbuilder.spec.loader import load_spec
from deckbuilder.spec.params import param_values
from deckbuilder.spec.variants.departments import DepartmentBuild, file_safe, resolve_department
from deckbuilder.tools.lint import lint_presentation

if TYPE_CHECKING:  # imported lazily at run time: a spec without data never loads pandas
    import pandas

    from deckbuilder.data.cache import SourceCache
    from deckbuilder.metrics.engine import MetricEngine


@dataclass
class BuildResult:
    """What a build produced."""

    path: Path | None
    slides: int
    #: one line each: values no placeholder could show (located in the spec), then layout lint findings
    warnings: list[str] = field(default_factory=list)
    data: bytes = field(default=b"", repr=False)
    findings: list = field(default_factory=list, repr=False)  # deckbuilder.tools.lint.Finding objects
    timings: list = field(default_factory=list, repr=False)  # deckbuilder.metrics.explain.SourceTiming per source


def build_deck(spec: Any, *, output: str | Path | None = None, base_dir: str | Path | None = None,
               data: Mapping[str, pandas.DataFrame] | None = None, write: bool = True, lint: bool = True,
               department: str | None = None, overrides: Sequence[str] = (),
               params: Mapping[str, Any] | None = None) -> BuildResult:
    """Build a deck from *spec* (a path, YAML text, dict or loaded spec).

    *data* injects DataFrames by source name (they win over the spec's files).
    *department* builds that department's variant (its data slice, theme, template,
    slides); *overrides* are ``key=value`` settings as given to ``--set``; *params* set
    declared parameters (``{"year": 2024}``, as ``--param year=2024``).
    The deck is written atomically to *output* (default: ``<spec name>.pptx`` in the
    current folder); with ``write=False`` nothing is written and the bytes are in
    ``result.data``. The finished deck is linted (text overflow, overlaps, small
    text); findings come back as ``result.warnings``, after any value the chosen
    layouts had no placeholder for (``slides[9].subtitle: not shown: ...``).

    >>> result = build_deck("specs/showcase.yaml", output="/tmp/showcase.pptx")  # doctest: +SKIP
    >>> result.slides  # doctest: +SKIP
    11
    """
    loaded = load_spec(spec, base_dir=base_dir, overrides=overrides, params=params)
    stem = Path(loaded.file).stem if loaded.file else "deck"
    target = Path(output) if output else Path(f"{stem}-{department}.pptx" if department else f"{stem}.pptx")
    target = output_with_params(target, loaded)
    if write:
        check_output_path(target)  # fail before doing any work
        check_not_an_input(target, input_files(loaded))
    variant = resolve_variant(loaded, department)
    return build_variant(variant, target if write else None, data=data, lint=lint)


def output_with_params(target: Path, loaded: LoadedSpec) -> Path:
    """``-o 'review_{as_of}.pptx'``: parameters (given or default) in the output name; plain ``{name}`` only.

    A value is made file-safe as in ``--pattern`` (``/``, ``:``... become ``_``), so a parameter can
    name the file but never move it to another folder."""
    text = str(target)
    if "{" not in text and "}" not in text:
        return target
    values = {name: file_safe(str(value)) for name, value in param_values(loaded.model.params).items()}

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise OutputError(f"output name {text!r}: '{name}' is not a parameter",
                              hint=allowed_hint(name, list(values)) if values else "the spec declares no params:")
        return values[name]

    filled = re.sub(r"\{([^{}]*)\}", fill, text)
    if "{" in filled or "}" in filled:
        raise OutputError(f"output name {text!r}: write parameters as {{name}}, e.g. review_{{as_of}}.pptx")
    return Path(filled)


def resolve_variant(loaded: LoadedSpec, department: str | None) -> DepartmentBuild:
    """The company deck (no department) or one department's variant of *loaded*."""
    if department is not None:
        return resolve_department(loaded, department)
    return DepartmentBuild(name="", loaded=loaded, filters={}, context=COMPANY_CONTEXT, file_name_fields={})


def variant_locator(variant: DepartmentBuild) -> ErrorLocator:
    """The error locator for *variant*: its data filters are located in the company spec."""
    return ErrorLocator(variant.loaded, filters_at=("departments", variant.index) if variant.spec else (),
                        parent=variant.parent)


def metric_engine(loaded: LoadedSpec, *, data: Mapping[str, pandas.DataFrame] | None = None,
                  filters: Mapping[str, list] | None = None, cache: SourceCache | None = None,
                  own: Sequence[str] = ()) -> MetricEngine | None:
    """The metrics engine over the spec's sources; None for a spec without data (no pandas needed).

    *own* names sources that already hold only the department's rows (those its ``data:`` replaces).
    """
    if not (loaded.model.data or loaded.model.metrics or data):
        return None
    from deckbuilder.metrics.engine import MetricEngine

    return MetricEngine(loaded.model.data, loaded.model.metrics, base_dir=loaded.base_dir,
                        data=dict(data or {}), filters=dict(filters or {}), cache=cache, own=own,
                        params=loaded.model.params)


def build_variant(variant: DepartmentBuild, output: Path | None, *, data: Mapping[str, pandas.DataFrame] | None = None,
                  cache: SourceCache | None = None, lint: bool = True) -> BuildResult:
    """Resolve and render one (department) variant; write it to *output* unless that is None."""
    loaded = variant.loaded
    locator = variant_locator(variant)
    with locator.errors():
        own = list(variant.spec.data) if variant.spec else []
        engine = metric_engine(loaded, data=data, filters=variant.filters, cache=cache, own=own)
        resolved = resolve_deck(loaded, engine, locator, extra_context={"department": variant.context},
                                department=variant.spec is not None)
        if engine is not None:
            engine.check_filters()  # a filter the deck's data never used (e.g. only company-wide sources)
        prs, notices = render_deck(resolved)
        warnings = [str(locator.issue(message, path)) for path, message in notices]
    blob = presentation_bytes(prs)
    if output is not None:
        save_atomically(blob, output)
    findings = lint_presentation(prs) if lint else []
    timings = []
    if engine is not None:
        from deckbuilder.metrics.explain import source_timings

        timings = source_timings(engine)
    return BuildResult(output, len(prs.slides), warnings + [str(f) for f in findings], blob, findings, timings)


def render_deck(deck: ResolvedDeck) -> tuple[Any, list[tuple[tuple, str]]]:
    """Draw a resolved deck into a new presentation; return it (a python-pptx object) and the values
    no slot could show, as (spec path, message) once each."""
    template = TemplateDeck(deck.template, deck.layouts, deck.map_file)
    theme = deck.theme
    apply_theme(template.prs, theme.colors, theme.palette, theme.fonts.latin, theme.fonts.east_asian)
    notices: list[tuple[tuple, str]] = []
    number = 0
    firsts = []  # the pptx slide of each resolved slide (its continuations follow it)
    for first in deck.slides:
        resolved: ResolvedSlide | None = first
        part = 0
        while resolved is not None:  # a table too long for its slide continues on the next ones
            part += 1
            number += 1
            slide, placeholders = template.add_slide(resolved.model.kind)
            if part == 1:
                firsts.append(slide)
            ctx = SlideContext(resolved, slide, placeholders, template.slide_box, theme, deck.fonts, deck.locale,
                               deck.sections, deck.deck_fields, deck.frame, number)
            render_slide(ctx)
            notices += [notice for notice in ctx.warnings if notice not in notices]
            resolved = continued_slide(first, ctx.continuation, deck.locale, part)
    link_slides(firsts, deck.slides)
    pin_core_properties(template.prs, title=deck.deck_fields.get("title", ""))
    return template.prs, notices
