"""Batch builds: one deck per department, sources loaded once, decks built in parallel.

The parent process loads every source the metrics use into one
:class:`SourceCache`, then forks worker processes that inherit it (copy on
write), so N departments cost one data load plus N renders. A department that
fails is reported and does not stop the others.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deckbuilder.build.inputs import check_not_an_input, input_files
from deckbuilder.build.locate import ErrorLocator
from deckbuilder.build.pipeline import build_variant
from deckbuilder.data.cache import SourceCache
from deckbuilder.deck.package import check_output_path
from deckbuilder.errors import DeckBuilderError, Issue, OutputError, SpecError
from deckbuilder.spec.loaded import LoadedSpec
from deckbuilder.spec.loader import load_spec
from deckbuilder.spec.variants.departments import department_names, resolve_department

DEFAULT_PATTERN = "{department}.pptx"


@dataclass
class DepartmentResult:
    """The outcome of one department's build (``error`` is set when it failed)."""

    department: str
    path: Path | None = None
    slides: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None
    internal: bool = False  # the error was a bug, not bad input

    @property
    def ok(self) -> bool:
        return self.error is None


def build_decks(spec: Any, departments: Sequence[str] | None = None, jobs: int = 1, *,
                output_dir: str | Path = ".", pattern: str = DEFAULT_PATTERN, overrides: Sequence[str] = (),
                base_dir: str | Path | None = None, params: Mapping[str, Any] | None = None,
                on_done: Callable[[DepartmentResult], None] | None = None) -> list[DepartmentResult]:
    """Build a deck for each department (all by default), *jobs* at a time.

    Output paths come from *pattern* inside *output_dir*; fields: ``{department}``,
    ``{name}``, ``{code}``, ``{number}``, the parameters (``{year}``, set with *params* as
    ``--param`` does) and the deck's scalar ``variables``.
    Sub-folders in the pattern are created. *on_done* is called as each deck finishes.

    >>> results = build_decks("specs/ecommerce_year_end.yaml", jobs=2, output_dir="out")  # doctest: +SKIP
    >>> [r.department for r in results if not r.ok]  # doctest: +SKIP
    []
    """
    loaded = load_spec(spec, base_dir=base_dir, overrides=overrides, params=params)
    names = list(departments or department_names(loaded))
    if not names:
        raise SpecError(issues=[loaded.issue("the spec defines no departments", ("departments",),
                                             hint="add a 'departments:' list, or build without --all-departments")])
    if jobs < 1:
        raise OutputError(f"jobs must be at least 1, got {jobs}")
    out = Path(output_dir)
    try:  # as output-folder options usually do: create it (and its parents)
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {out}: {exc.strerror}", hint="choose another -o") from None
    known = department_names(loaded)
    for name in names:  # a misspelt --department fails here, before any work
        if name not in known:
            resolve_department(loaded, name)
    results: dict[str, DepartmentResult] = {}
    planned = {}
    for name in names:
        try:
            variant = resolve_department(loaded, name)
            planned[name] = (variant, out / output_name(pattern, variant.file_name_fields, loaded))
        except DeckBuilderError as exc:  # e.g. a department's theme does not exist: report, go on
            results[name] = DepartmentResult(name, error=exc.report())
            if on_done:
                on_done(results[name])
    _check_targets(planned, input_files(loaded).union(*(input_files(v.loaded) for v, _ in planned.values())))
    # More workers than decks or cores only costs memory (each is a forked copy of the sources).
    workers = min(jobs, len(planned), os.cpu_count() or 1)
    global _BATCH
    _BATCH = (planned, _load_sources(loaded))
    try:
        if workers <= 1:
            for name in planned:
                results[name] = _build_one(name)
                if on_done:
                    on_done(results[name])
        else:
            import multiprocessing  # only here: a single deck's build never loads the process pool
            from concurrent.futures import ProcessPoolExecutor, as_completed

            context = multiprocessing.get_context("fork")  # workers inherit the loaded sources
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                futures = [pool.submit(_build_one, name) for name in planned]
                for future in as_completed(futures):
                    result = future.result()
                    results[result.department] = result
                    if on_done:
                        on_done(result)
    finally:
        _BATCH = None
    return [results[name] for name in names]


def _check_targets(planned: dict, inputs: set[str]) -> None:
    """Before any work: two departments must not share a file, and none may overwrite an input."""
    seen: dict[str, str] = {}
    issues = []
    for name, (_, target) in planned.items():
        key = os.path.normcase(str(target.resolve()))
        if key in seen:
            issues.append(Issue(f"departments '{seen[key]}' and '{name}' would both be written to {target}",
                                hint="make the file-name pattern unique, e.g. with {department} or {code}"))
        seen.setdefault(key, name)
        check_not_an_input(target, inputs)
    if issues:
        raise OutputError(issues=issues)


# Set in the parent before forking (resolved departments and their paths, the loaded sources);
# read by _build_one in the parent or in the workers.
_BATCH: tuple[dict, SourceCache] | None = None


def _load_sources(loaded: LoadedSpec) -> SourceCache:
    """Read every source some metric uses, once, before the workers fork."""
    cache = SourceCache()
    model = loaded.model
    used = {m.source for m in model.metrics.values() if m.source}
    for name in sorted(used & set(model.data)):
        spec = model.data[name]
        if getattr(spec, "engine", "pandas") in ("duckdb", "sql"):
            continue  # aggregated inside DuckDB or the database per query: nothing to hold in memory
        with ErrorLocator(loaded).errors():
            cache.frame(name, spec, loaded.base_dir)
    return cache


def _build_one(name: str) -> DepartmentResult:
    assert _BATCH is not None, "set by build_decks before any department is built"
    planned, cache = _BATCH
    variant, target = planned[name]
    start = time.perf_counter()
    created = not target.parent.exists()
    try:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except (OSError, ValueError) as exc:
            raise OutputError(f"cannot create the folder {target.parent}: {exc}", hint="check --pattern") from None
        check_output_path(target)
        result = build_variant(variant, target, cache=cache)
        return DepartmentResult(name, target, result.slides, result.warnings, time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001 - one department's failure must not stop the others
        if created and target.parent.is_dir() and not any(target.parent.iterdir()):
            target.parent.rmdir()  # leave no empty folder behind for a deck that failed
        if isinstance(exc, DeckBuilderError):
            return DepartmentResult(name, seconds=time.perf_counter() - start, error=exc.report())
        return DepartmentResult(name, seconds=time.perf_counter() - start,
                                error=f"internal error: {type(exc).__name__}: {exc}", internal=True)


def output_name(pattern: str, fields: dict, loaded: LoadedSpec) -> str:
    """Fill *pattern* with a department's file-name fields and the deck's scalar variables."""
    values = {k: v for k, v in loaded.model.deck.variables.items() if isinstance(v, (str, int, float))}
    values.update(fields)
    try:
        name = pattern.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:
        raise SpecError(f"file-name pattern '{pattern}' uses an unknown field {exc}",
                        hint="fields: " + ", ".join(sorted(values))) from None
    if Path(name).is_absolute() or ".." in Path(name).parts:
        raise SpecError(f"file-name pattern '{pattern}' must stay inside the output folder")
    return name if name.endswith(".pptx") else name + ".pptx"
