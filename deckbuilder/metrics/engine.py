"""``MetricEngine``: named metrics computed lazily from named sources.

The engine checks every definition when it is created (sources exist,
expressions parse, formulas name real metrics, no circular definitions), so a
spec with five mistakes reports all five before any data is read. Values are
computed on first ``get`` and cached; a source is read only when a metric
that needs it is computed, through a ``SourceCache`` that several engines of
one batch build can share (each applying its own ``filters``).

Sources with ``engine: duckdb`` are not loaded at all: their metrics are
aggregated inside DuckDB (see ``pushdown.py``) and only the small result
comes back.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from deckbuilder.data.cache import SourceCache
from deckbuilder.data.coerce import apply_types, missing_column
from deckbuilder.errors import (
    DataError,
    DeckBuilderError,
    Issue,
    SpecError,
    allowed_hint,
    did_you_mean,
)
from deckbuilder.metrics import pipeline
from deckbuilder.metrics.aggregate import AggregateMetric, Outcome, attain
from deckbuilder.metrics.backend import Backend
from deckbuilder.metrics.enrich import add_derived, add_lookups, check_order
from deckbuilder.metrics.expressions import Node, fill_name, names, parse
from deckbuilder.metrics.formulas import FormulaEvaluator, Operand, operand_table
from deckbuilder.metrics.frames import PandasBackend, apply_filters
from deckbuilder.metrics.pipeline import VALUE
from deckbuilder.metrics.results import MetricResult
from deckbuilder.metrics.scope import combine, missing_filter_column
from deckbuilder.spec.data_model import MetricSpec, validate_metrics, validate_sources
from deckbuilder.spec.params import LATEST, ParamSpec, param_values

__all__ = ["MetricEngine", "MetricResult", "SourceCache"]


class MetricEngine:
    """Compute the metrics of one build.

    ``data`` injects DataFrames by source name (they win over files);
    ``filters`` maps a column to a value or a list of values and keeps only
    matching rows of the sources a metric reads with ``scope: department`` (the
    default); such a source must have every filter column, except the ``own``
    sources (a department's replaced sources: already its rows). ``scope()``
    tells whose figures a metric shows (``scope.py``).
    """

    def __init__(self, sources: Mapping[str, Any] | None, metrics: Mapping[str, Any] | None, *,
                 base_dir: Path | str = ".", data: Mapping[str, pd.DataFrame] | None = None,
                 filters: Mapping[str, object] | None = None, cache: SourceCache | None = None,
                 own: Collection[str] = (), params: Mapping[str, Any] | None = None) -> None:
        self.sources = validate_sources(sources or {})
        self.param_specs: dict[str, ParamSpec] = {name: p if isinstance(p, ParamSpec) else ParamSpec.model_validate(p)
                                                  for name, p in (params or {}).items()}
        self._param_values: dict[str, Any] | None = None
        self.metrics: dict[str, MetricSpec] = validate_metrics(metrics or {})
        self.base_dir = Path(base_dir)
        self.data = dict(data or {})
        self.filters = dict(filters or {})
        self.cache = cache if cache is not None else SourceCache()
        self.own = frozenset(own)
        self._results: dict[str, MetricResult] = {}
        self._backends: dict[tuple[str, bool, bool], Backend] = {}
        self._scopes: dict[str, str] = {}
        self._filters_used: set[str] = set()
        self._stack: list[str] = []
        self._where: dict[str, Node] = {}
        self._formula: dict[str, Node] = {}
        self._target: dict[str, Node] = {}
        self._check()
        if not any(v == LATEST for v in param_values(self.param_specs).values()):
            self._param_values = param_values(self.param_specs)

    # --- parameters ------------------------------------------------------------------
    def params(self) -> dict[str, Any]:
        """The parameter values of this build; ``latest`` dates are read from the data (after filters)."""
        if self._param_values is None:
            values = param_values(self.param_specs)
            for name, value in values.items():
                if value == LATEST:
                    values[name] = self._latest(name, self.param_specs[name].latest_of or "")
            self._param_values = values
            self._parse_all(values)  # expressions were checked with stand-in dates; now the real ones
        return self._param_values

    def as_of(self) -> Any:
        """The ``as_of`` parameter (a date) if the spec declares one; else None (each column's latest date)."""
        if "as_of" not in self.param_specs or self.param_specs["as_of"].type != "date":
            return None
        return self.params()["as_of"]

    def _latest(self, name: str, latest_of: str) -> Any:
        source, column = latest_of.split(".", 1)
        path = f"params.{name}.latest_of"
        known = sorted({*self.sources, *self.data})
        if source not in known:
            raise SpecError(f"unknown source '{source}'", path=path, hint=allowed_hint(source, known))
        backend = self.backend(source, derive=False, sliced=self.source_scope(source) == "department")
        if column not in backend.columns():
            raise missing_column(column, backend.columns(), what=f"source '{source}'", path=path)
        if backend.kind(column) != "date":
            raise DataError(f"'{column}' is a {backend.kind(column)} column, not a date", path=path,
                            hint=f"declare it in the source: parse_dates: [{column}]")
        value = backend.extreme("max", column)
        if value is None:
            raise DataError(f"column '{column}' of source '{source}' has no dates", path=path)
        return pd.Timestamp(value).date()

    # --- up-front checks -----------------------------------------------------------
    def _check(self) -> None:
        stand_in = {n: (dt.date(2000, 1, 1) if v == LATEST else v) for n, v in param_values(self.param_specs).items()}
        issues = self._parse_all(stand_in)
        issues += self._cycles()
        if issues:
            raise SpecError("invalid metrics", issues=issues)

    def _parse_all(self, params: Mapping[str, Any]) -> list[Issue]:
        issues: list[Issue] = []
        known_sources = sorted({*self.sources, *self.data})
        for name, spec in self.metrics.items():
            path = f"metrics.{name}"
            try:
                if spec.source is not None and spec.source not in known_sources:
                    raise SpecError(f"unknown source '{spec.source}'", path=f"{path}.source",
                                    hint=allowed_hint(spec.source, known_sources))
            except SpecError as exc:
                issues += exc.issues
            for field, kind, store in (("where", "where", self._where), ("formula", "formula", self._formula),
                                       ("target", "formula", self._target)):
                text = getattr(spec, field)
                if not isinstance(text, str):
                    continue
                try:
                    store[name] = parse(text, kind, path=f"{path}.{field}",  # type: ignore[arg-type]
                                        params=params)
                    if kind == "formula":
                        self._check_names(name, field, store[name])
                except SpecError as exc:
                    issues += exc.issues
        return issues

    def _check_names(self, name: str, field: str, node: Node) -> None:
        for used in names(node):
            if used not in self.metrics:
                raise SpecError(f"unknown metric '{used}'", path=f"metrics.{name}.{field}",
                                hint=allowed_hint(used, [m for m in self.metrics if m != name]))

    def _dependencies(self, name: str) -> list[str]:
        found = [n for store in (self._formula, self._target) if name in store for n in names(store[name])]
        return [n for n in dict.fromkeys(found) if n in self.metrics]

    def scope(self, name: str) -> str:
        """Whose figures metric *name* shows: ``department``, ``company``, ``mixed`` or ``reference``.

        Known from the definitions alone (no data is read): the metric's own
        ``scope:``, else its source's, combined with the scopes of the metrics its
        formula, target and where use (see ``scope.py``).
        """
        if name not in self._scopes:
            self._scopes[name] = "reference"  # a cycle is reported by _check; this only stops recursion
            spec = self.metrics[name]
            own: str
            if spec.scope is not None:
                own = spec.scope
            elif spec.source is not None:
                own = self.source_scope(spec.source)
            else:
                own = "reference"  # a formula is what its parts are
            used = self._dependencies(name)
            if name in self._where:
                used += [n for n in names(self._where[name]) if n in self.metrics and n != name]
            self._scopes[name] = own if spec.scope is not None else combine([own, *map(self.scope, used)])
        return self._scopes[name]

    def source_scope(self, source: str) -> str:
        """A source's declared ``scope`` (injected frames without a definition: ``department``)."""
        return getattr(self.sources.get(source), "scope", "department")

    def _cycles(self) -> list[Issue]:
        """Circular definitions among formulas and targets, each reported once as a chain."""
        issues, done, reported = [], set(), set()

        def visit(name: str, chain: list[str]) -> None:
            if name in chain:
                cycle = chain[chain.index(name):] + [name]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    field = "formula" if cycle[0] in self._formula else "target"
                    issues.append(Issue(f"circular definition: {' -> '.join(cycle)}",
                                        path=f"metrics.{cycle[0]}.{field}",
                                        hint="a metric cannot depend on itself, directly or through others"))
                return
            if name in done:
                return
            for dep in self._dependencies(name):
                visit(dep, [*chain, name])
            done.add(name)

        for metric in self.metrics:
            visit(metric, [])
        return issues

    # --- public API ------------------------------------------------------------------
    def names(self) -> list[str]:
        return list(self.metrics)

    def backends(self) -> list[Backend]:
        """The sources' backends created so far (for --explain and timings)."""
        return list(self._backends.values())

    def get(self, name: str, *, path: str = "") -> MetricResult:
        """The computed metric (cached). ``path`` locates the reference in errors."""
        if name in self._results:
            return self._results[name]
        if name not in self.metrics:
            raise SpecError(f"unknown metric '{name}'", path=path, hint=allowed_hint(name, self.metrics))
        if name in self._stack:
            chain = self._stack[self._stack.index(name):] + [name]
            raise SpecError(f"circular definition: {' -> '.join(chain)}", path=f"metrics.{chain[0]}",
                            hint="a metric cannot depend on itself, directly or through others")
        self._stack.append(name)
        try:
            result = self._compute(name)
        finally:
            self._stack.pop()
        self._results[name] = result
        return result

    def compute_all(self) -> dict[str, MetricResult]:
        """Every metric; all problems are reported together in one error."""
        results: dict[str, MetricResult] = {}
        issues: list[Issue] = []
        spec_only = True
        for name in self.metrics:
            try:
                results[name] = self.get(name)
            except DeckBuilderError as exc:
                spec_only = spec_only and isinstance(exc, SpecError)
                issues += [i for i in exc.issues if i not in issues]
        try:
            self.check_filters()
        except DataError as exc:
            spec_only = False
            issues += exc.issues
        if issues:
            raise (SpecError if spec_only else DataError)("metrics could not be computed", issues=issues)
        return results

    def check_filters(self) -> None:
        """DataError for a filter that sliced nothing: its column is in none of the sources read with it,
        or only company-wide and reference data was read."""
        sliced = [b for (_, filtered, _), b in self._backends.items() if filtered]
        if self.filters and self._backends and not sliced:
            column = next(iter(self.filters))
            raise DataError(f"filter column '{column}' slices nothing: every figure used is company-wide or "
                            "reference data", path=f"filters.{column}",
                            hint="show figures of a source with `scope: department` (the default), or drop the filter")
        if not sliced:
            return
        columns = sorted({c for b in sliced for c in b.columns()})
        for column in self.filters:
            if column not in self._filters_used:
                raise DataError(f"filter column '{column}' is in none of the sources used", path=f"filters.{column}",
                                hint=did_you_mean(column, columns) or f"columns: {', '.join(columns[:15])}")

    # --- sources -----------------------------------------------------------------------
    def backend(self, source: str, *, sliced: bool = True, metric: str = "", derive: bool = True) -> Backend:
        """The rows of a source for this build (lookups, derived columns and filters applied), created on first use.

        *sliced*: only the rows the filters keep; then a filter column the source lacks is an error
        naming *metric* (unless the source is one of ``own``). ``derive=False`` (for a ``latest``
        parameter's date) leaves derived columns out: they may use that date.
        """
        key = (source, sliced and bool(self.filters), derive)
        if key in self._backends:
            return self._backends[key]
        filters = self.filters if key[1] else {}
        spec = self.sources.get(source)
        params, as_of = (self.params(), self.as_of()) if derive and spec is not None and spec.derive else ({}, None)
        if source not in self.data and getattr(spec, "engine", "pandas") in ("duckdb", "sql"):
            from deckbuilder.metrics.pushdown import pushdown_backend  # only specs that ask for pushdown need it

            assert spec is not None  # engine: duckdb / sql comes from a declared source
            plain = spec if derive else spec.model_copy(update={"derive": {}})
            backend: Backend = pushdown_backend(spec.engine)(source, plain, self.base_dir, filters, self.cache,
                                                             params=params, as_of=as_of, frame_of=self._lookup_frame)
            self._filters_used |= backend.filters_used  # type: ignore[attr-defined]
        else:
            frame = self._typed_frame(source, spec)
            if spec is not None:
                frame = add_lookups(frame, spec, source=source, frame_of=self._lookup_frame)
                if derive:
                    frame = add_derived(frame, spec, source=source, params=params, as_of=as_of)
                check_order(frame, spec, source=source)
            frame, used = apply_filters(frame, filters, source=source)
            self._filters_used |= used
            backend = PandasBackend(source, frame)
        if filters and source not in self.own:
            self._check_filter_columns(source, backend.columns(), metric)
        self._backends[key] = backend
        return backend

    def _typed_frame(self, source: str, spec: Any) -> pd.DataFrame:
        if source in self.data:
            frame = self.data[source]
            if spec is not None:  # declared types still apply to injected frames
                frame = apply_types(frame, spec.model_copy(update={"rename": {}}), name=source)
            return frame
        return self.cache.frame(source, spec, self.base_dir)

    def _check_filter_columns(self, source: str, columns: list[str], metric: str) -> None:
        """A department-scoped source must have every filter column: else its figures are not the department's."""
        missing = [c for c in self.filters if c not in columns]
        if not missing:
            return
        read = sorted({m.source for m in self.metrics.values() if m.source} | {source})
        others = {source: columns}
        for other in read:
            if other != source:
                try:
                    others[other] = self.backend(other, sliced=False).columns()
                except DeckBuilderError:  # a broken other source has its own error; this one is about the filter
                    others[other] = []
        every = sorted({c for cols in others.values() for c in cols})
        lacking = [s for s in read if s not in self.own and self.source_scope(s) == "department"
                   and missing[0] not in others[s]]
        raise missing_filter_column(missing[0], source, metric, every, lacking)

    def _lookup_frame(self, source: str, path: str) -> pd.DataFrame:
        known = sorted({*self.sources, *self.data})
        if source not in known:
            raise SpecError(f"unknown source '{source}'", path=path, hint=allowed_hint(source, known))
        return self._typed_frame(source, self.sources.get(source))

    def source_frame(self, source: str, *, path: str = "") -> pd.DataFrame:
        """*source*'s typed rows (before lookups and filters); an unknown name is an error at *path*."""
        return self._lookup_frame(source, path)

    # --- computing -------------------------------------------------------------------------
    def _scalar_for_where(self, name: str) -> float | None:
        if name not in self.metrics:
            return None
        result = self.get(name)
        if result.kind != "scalar":
            raise SpecError(f"metric '{name}' is a table; a where can only use single-number metrics",
                            path=f"metrics.{self._stack[-1]}.where" if self._stack else "")
        return result.value

    def _operand(self, owner: str, field: str):
        def get(name: str) -> MetricResult:
            return self.get(name, path=f"metrics.{owner}.{field}")
        return get

    def _target_value(self, name: str) -> Operand:
        spec = self.metrics[name]
        if not isinstance(spec.target, str):
            return float(spec.target)  # type: ignore[arg-type]
        evaluator = FormulaEvaluator(self._operand(name, "target"), path=f"metrics.{name}.target",
                                     lenient=spec.default is not None)
        return evaluator.evaluate(self._target[name])

    def _compute(self, name: str) -> MetricResult:
        spec = self._with_param_names(name, self.metrics[name])
        target = (lambda: self._target_value(name)) if spec.target is not None else None
        if spec.formula is not None:
            outcome = self._formula_outcome(name, spec)
            if target is not None:
                attain(outcome, outcome.keys, target(), path=f"metrics.{name}.target",
                       lenient=spec.default is not None)
            outcome = _shape_formula(name, outcome, spec)
        else:
            assert spec.source is not None  # the spec layer requires exactly one of source and formula
            params = self.params()
            source_spec = self.sources.get(spec.source)
            sliced = (spec.scope or self.source_scope(spec.source)) == "department"
            backend = self.backend(spec.source, sliced=sliced, metric=name)
            metric = AggregateMetric(name, spec, backend, where=self._where.get(name),
                                     metric_value=self._scalar_for_where, metric_names=list(self.metrics),
                                     target=target, params=params, as_of=self.as_of(),
                                     orders=dict(getattr(source_spec, "order", {}) or {}),
                                     added=_added_columns(source_spec))
            outcome = metric.compute()
        return _finish(name, spec, outcome)

    def _with_param_names(self, name: str, spec: MetricSpec) -> MetricSpec:
        """``column: spend_{year}``: parameters in column names ('latest' ones are read first)."""
        params = self.params()
        update: dict[str, Any] = {}
        for field in ("column", "date"):
            value = getattr(spec, field)
            if value and "{" in value:
                update[field] = fill_name(value, params, path=f"metrics.{name}.{field}")
        if spec.by and any("{" in c for c in spec.by):
            update["by"] = [fill_name(c, params, path=f"metrics.{name}.by") for c in spec.by]
        return spec.model_copy(update=update) if update else spec

    def _formula_outcome(self, name: str, spec: MetricSpec) -> Outcome:
        evaluator = FormulaEvaluator(self._operand(name, "formula"), path=f"metrics.{name}.formula",
                                     lenient=spec.default is not None)
        value = evaluator.evaluate(self._formula[name])
        if isinstance(value, pd.Series):
            table, keys = operand_table(value, VALUE)
            return Outcome(table=table, keys=keys)
        return Outcome(value=float(value))


def _added_columns(spec: Any) -> frozenset[str]:
    """A source's derived and looked-up columns."""
    looked_up = [c for lookup in getattr(spec, "lookup", []) for c in lookup.columns]
    return frozenset([*getattr(spec, "derive", {}), *looked_up])


def _shape_formula(name: str, outcome: Outcome, spec: MetricSpec) -> Outcome:
    """sort / rank / top / cumulative for a formula over tables (no others: a ratio does not add up)."""
    if outcome.table is None:
        for field in ("sort", "top", "rank", "cumulative"):
            if getattr(spec, field):
                raise SpecError(f"{field} needs a table, and this formula gives a single number",
                                path=f"metrics.{name}.{field}")
        return outcome
    mode = spec.sort or pipeline.default_sort(False, len(outcome.keys), True)
    table = pipeline.order(outcome.table, outcome.keys, mode)
    if spec.rank:
        table = pipeline.add_rank(table, mode if mode != "none" else "desc")
    if spec.top is not None:
        table = table.head(spec.top)
    if spec.cumulative:
        table = pipeline.cumulative(table)
    outcome.table = table
    return outcome


def _finish(name: str, spec: MetricSpec, outcome: Outcome) -> MetricResult:
    """Name the value column, pivot, and refuse (or default) undefined numbers."""
    path = f"metrics.{name}"
    common: dict[str, Any] = dict(name=name, format=spec.format, label=spec.label, path=path, details=outcome.details)
    if outcome.table is None:
        value = outcome.value
        if value is None or not math.isfinite(value):
            if spec.default is None:
                raise DataError("the result is not a number (NaN or infinite)", path=path,
                                hint="check the data for missing values, or give default: for this case")
            value = spec.default
        return MetricResult(kind="scalar", value=float(value), **common)
    table, keys = outcome.table, list(outcome.keys)
    if any(isinstance(dtype, pd.CategoricalDtype) for dtype in table.dtypes.tolist()):
        for key in keys:
            if isinstance(table[key].dtype, pd.CategoricalDtype):
                table = table.assign(**{key: table[key].astype(table[key].cat.categories.dtype)})
    if spec.pivot:
        table, keys = pipeline.pivot(table, keys, outcome.fill), keys[:1]
    else:
        value_name = spec.as_ or name
        if value_name in keys:
            raise SpecError(f"the value column '{value_name}' has the name of a category column",
                            path=f"{path}.as", hint="choose another name with as:")
        table = pipeline.relabel(table, {VALUE: value_name})
    numbers = [c for c in table.columns if c not in keys and c != "rank"]
    # float64 columns, infinities as NaN; on numpy arrays (a DataFrame round trip per metric cost more)
    columns: dict[str, np.ndarray] = {}
    bad = np.zeros(len(table), dtype=bool)
    for column in numbers:
        values = table[column].to_numpy(dtype="float64", na_value=np.nan, copy=True)
        values[np.isinf(values)] = np.nan
        bad |= np.isnan(values)
        columns[str(column)] = values
    if bad.any():
        if spec.default is None:
            row = table.loc[bad, keys].iloc[0].tolist()
            raise DataError(f"the result is not a number (NaN) for {', '.join(map(str, row))}", path=path,
                            hint="check the data for missing values or zero divisors, or give default: for this case")
        for values in columns.values():
            values[np.isnan(values)] = spec.default
    return MetricResult(kind="table", table=_with_numbers(table, columns), keys=keys, **common)


def _with_numbers(table: pd.DataFrame, columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """``table.assign(**columns).reset_index(drop=True)``; rows numbered 0, 1, ... already (the usual
    case, ~70 tables a deck) are not numbered again (that cost as much as the assign)."""
    table = table.assign(**columns) if columns else table
    index = table.index
    if isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1 and index.name is None:
        return table
    return table.reset_index(drop=True)
