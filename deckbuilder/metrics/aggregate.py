"""Compute one ``source:`` metric: aggregate, then compare / share / target / shape.

The order of steps is fixed and documented (docs/metrics.md): aggregate by
the keys (time grain first, then ``by``); then ``compare``, ``share`` or
``target``; then ``sort``, ``rank``, ``top`` (+ ``others``), ``cumulative``,
period labels and finally ``pivot``. Only aggregation touches the rows
(through a backend); everything else works on the small aggregated table.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from deckbuilder.errors import DataError, SpecError
from deckbuilder.metrics import pipeline
from deckbuilder.metrics.backend import ADDITIVE_AGGS, AggRequest, Backend, Key
from deckbuilder.metrics.expressions import BoolOp, Call, Lit, Name, Node
from deckbuilder.metrics.formulas import Operand, combine
from deckbuilder.metrics.periods import COMPARE_UNIT, label, lag
from deckbuilder.metrics.pipeline import VALUE

PERIOD = "__period"


@dataclass
class Outcome:
    """A computed metric before naming: a scalar or a table with ``value`` first after the keys."""

    value: float | None = None
    table: pd.DataFrame | None = None
    keys: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    fill: float | None = None  # what a missing pivot cell means (0 for sums and counts)


class AggregateMetric:
    """One aggregate metric over one backend; ``target`` yields the target operand lazily."""

    def __init__(self, name: str, spec: Any, backend: Backend, *, where: Node | None,
                 metric_value: Callable[[str], float | None], metric_names: list[str],
                 target: Callable[[], Operand] | None, params: Any = None, as_of: Any = None,
                 orders: dict[str, list] | None = None, added: frozenset[str] = frozenset()) -> None:
        self.name, self.spec, self.backend = name, spec, backend
        self.path = f"metrics.{name}"
        self.where, self.target = where, target
        self.where_text: str | None = spec.where
        self.params, self.as_of = params, as_of
        self.added = added  # derived and looked-up columns: never the default date column
        self.orders = {c: v for c, v in (orders or {}).items() if c in (spec.by or [])}  # by column -> order
        self.metric_value, self.metric_names = metric_value, metric_names
        self.additive = spec.agg in ADDITIVE_AGGS
        self.date = self._date_column() if (spec.grain or spec.compare or spec.period) else None
        if spec.period:
            self._add_period()
        self.keys: list[Key] = []
        if spec.grain:
            assert self.date is not None  # set above whenever there is a grain
            self.keys.append(Key(self.date, spec.grain, grain=spec.grain, path=f"{self.path}.date"))
        for column in spec.by or []:
            if column == spec.grain:
                raise SpecError(f"by column '{column}' has the same name as the grain", path=f"{self.path}.by",
                                hint="rename the column in the source (rename:)")
            self.keys.append(Key(column, column, path=f"{self.path}.by"))
        self.names = [k.name for k in self.keys]

    def _date_column(self) -> str:
        if self.spec.date:
            return self.spec.date
        dates = [c for c in self.backend.columns() if self.backend.kind(c) == "date" and c not in self.added]
        if len(dates) == 1:
            return dates[0]
        hint = (f"date columns of '{self.backend.name}': {', '.join(dates)}" if dates else
                f"source '{self.backend.name}' has no date column; declare one with parse_dates:")
        raise SpecError("name the date column for grain / compare: date: COLUMN", path=f"{self.path}.date", hint=hint)

    def _add_period(self) -> None:
        """``period: ytd`` is ``ytd(date)`` added to ``where`` with ``and``."""
        period = self.spec.period
        func, months = ("last_months", int(period.split("_")[1])) if period.startswith("last_") and \
            period.endswith("_months") else (period, None)
        args: tuple[Node, ...] = (Name(0, self.date or ""),) + ((Lit(0, months),) if months else ())
        call = Call(0, func, args)
        self.where = call if self.where is None else BoolOp(0, "and", (self.where, call))
        text = f"{func}(`{self.date}`{f', {months}' if months else ''})"
        self.where_text = text if self.spec.where is None else f"({self.spec.where}) and {text}"

    # --- reading rows --------------------------------------------------------------
    def _run(self, keys: list[Key]) -> pd.DataFrame:
        request = AggRequest(self.spec.agg, self.spec.column, self.where, self.where_text, tuple(keys), self.path,
                             params=self.params, as_of=self.as_of)
        table = self.backend.aggregate(request, self.metric_value, self.metric_names)
        names = [k.name for k in keys]
        if not names or (len(names) == 1 and not self.orders and table[names[0]].is_monotonic_increasing):
            return table  # grouped in key order already: the stable sort would change nothing
        return pipeline.by_keys(table, names, self.orders).reset_index(drop=True)

    def _scalar(self) -> tuple[float, int]:
        """(value, rows) without keys; through the backend's ``scalar`` when it has one."""
        scalar = getattr(self.backend, "scalar", None)
        if scalar is None:
            table = self._run([])
            return float(table[VALUE].iloc[0]), int(table["n"].iloc[0])
        request = AggRequest(self.spec.agg, self.spec.column, self.where, self.where_text, (), self.path,
                             params=self.params, as_of=self.as_of)
        return scalar(request, self.metric_value, self.metric_names)

    def _no_rows(self) -> DataError:
        where = f" and where: {self.where_text} selects none of them" if self.where_text else ""
        rows = self.backend.row_count()
        return DataError(f"no rows to aggregate: source '{self.backend.name}' has {rows:,} rows{where}",
                         path=self.path, hint="check where: and the build's filters, or give default: for this case")

    # --- the steps -------------------------------------------------------------------
    def compute(self) -> Outcome:
        outcome = self._values(self.keys)
        if outcome.table is None:
            return outcome
        if outcome.table.empty:
            if self.spec.default is None:
                raise self._no_rows()
            return outcome
        spec = self.spec
        mode = spec.sort or ("key" if self.orders else pipeline.default_sort(bool(spec.grain), len(self.keys), False))
        # _values sorted the rows by the keys (_run, or the comparison's by_keys) unless a target re-aligned them
        table = pipeline.order(outcome.table, self.names, mode, self.orders, presorted=self.target is None)
        if spec.rank:
            table = pipeline.add_rank(table, mode)
        if spec.top is not None:
            table = self._top(table)
        if spec.cumulative:
            table = pipeline.cumulative(table)
        if spec.grain:
            table = pipeline.label_periods(table, spec.grain, spec.grain, spec.period_format)
        outcome.table = table
        return outcome

    def _values(self, keys: list[Key]) -> Outcome:
        """Aggregate, then apply compare / share / target."""
        names = [k.name for k in keys]
        if self.spec.compare:
            outcome = self._compare(keys)
        else:
            if not keys:
                value, rows = self._scalar()
                if rows == 0 and self.spec.default is None:
                    raise self._no_rows()
                outcome = Outcome(value=float(self.spec.default if rows == 0 else value))
            else:
                table = self._run(keys)
                outcome = Outcome(table=self._fill_gaps(_columns(table, [*names, VALUE]), keys), keys=names)
        outcome.fill = 0.0 if (self.additive and not self.spec.compare) else None
        if self.spec.share and outcome.table is not None:
            outcome.table = pipeline.share(outcome.table, names)
        if self.target is not None:
            attain(outcome, names, self.target(), path=f"{self.path}.target", lenient=self.spec.default is not None)
        return outcome

    def _fill_gaps(self, table: pd.DataFrame, keys: list[Key]) -> pd.DataFrame:
        """A month (quarter, year) without rows is 0 for sums and counts: show it, do not skip it."""
        if len(keys) != 1 or not keys[0].grain or not self.additive or table.empty:
            return table
        column = keys[0].name
        periods = range(int(table[column].min()), int(table[column].max()) + 1)
        if len(periods) == len(table):
            return table
        full = table.set_index(column)[VALUE].reindex(periods, fill_value=0.0)
        return full.rename_axis(column).reset_index()

    def _compare(self, keys: list[Key]) -> Outcome:
        spec = self.spec
        names = [k.name for k in keys]
        if spec.grain:
            table = self._fill_gaps(self._run(keys), keys)
            step = lag(spec.compare, spec.grain)
            earlier = table.assign(**{spec.grain: table[spec.grain] + step})
            merged = pipeline.relabel(table, {VALUE: "current"}).merge(
                pipeline.relabel(earlier, {VALUE: "previous"}), on=names, how="left")
            if not table.empty:
                merged = merged[merged[spec.grain] - step >= table[spec.grain].min()]
            return Outcome(table=self._with_change(merged, names), keys=names)
        unit = COMPARE_UNIT[spec.compare]
        assert self.date is not None  # set whenever there is a comparison
        table = self._run([*keys, Key(self.date, PERIOD, grain=unit, path=f"{self.path}.date")])
        if table.empty:
            raise self._no_rows()
        ref = int(table[PERIOD].max())
        details: dict[str, Any] = {"period": label(ref, unit), "previous_period": label(ref - 1, unit)}
        if not keys:  # one value per period: read the two periods' values off the arrays
            periods, values = table[PERIOD].to_numpy(), table[VALUE].to_numpy()
            now = float(values[periods == ref][0])
            earlier = values[periods == ref - 1]
            if len(earlier) == 0 and not self.additive:
                raise DataError(f"the previous period ({details['previous_period']}) has no rows", path=self.path,
                                hint="give default: for this case")
            before = float(earlier[0]) if len(earlier) else 0.0
            details.update(current=now, previous=before)
            value = pipeline.change(now, before, spec.change)
            if math.isnan(value) and spec.default is None:
                raise DataError(f"the change from {details['previous_period']} to {details['period']} is undefined: "
                                f"the previous period's value is {before:g}", path=self.path,
                                hint="give default: for this case, or use change: absolute")
            return Outcome(value=value, details=details)
        # the rows of one period without the period column (by position: cheaper than drop(columns=))
        others = [i for i, column in enumerate(table.columns) if column != PERIOD]
        current = pipeline.relabel(table[table[PERIOD] == ref].iloc[:, others], {VALUE: "current"})
        previous = pipeline.relabel(table[table[PERIOD] == ref - 1].iloc[:, others], {VALUE: "previous"})
        merged = current.merge(previous, on=names, how="outer")
        return Outcome(table=self._with_change(merged, names), keys=names, details=details)

    def _with_change(self, table: pd.DataFrame, names: list[str]) -> pd.DataFrame:
        table = table.copy()
        if self.additive:  # no rows in a period means 0 for sums and counts
            table[["current", "previous"]] = table[["current", "previous"]].fillna(0.0)
        table[VALUE] = pipeline.change(table["current"], table["previous"], self.spec.change)
        return pipeline.by_keys(table[[*names, VALUE, "current", "previous"]], names, self.orders)

    def _top(self, table: pd.DataFrame) -> pd.DataFrame:
        spec = self.spec
        kept = table.head(spec.top)
        if spec.others is None or len(table) <= spec.top:
            return kept
        key = self.keys[0]
        bucket = Key(key.column, key.name, keep=tuple(kept[key.name].tolist()), other=spec.others, path=key.path)
        again = self._values([bucket]).table
        rest = again[again[key.name] == spec.others]  # type: ignore[index]
        return pd.concat([kept, rest], ignore_index=True)


def _columns(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``table[columns]``; the table itself when it has just those columns, in that order (the usual case)."""
    if len(set(columns)) == len(columns) and table.columns.tolist() == columns:
        return table
    return table[columns]


def attain(outcome: Outcome, names: list[str], target: Operand, *, path: str, lenient: bool) -> None:
    """value = actual / target, keeping both as ``actual`` and ``target`` (columns or details)."""
    if outcome.table is None:
        if isinstance(target, pd.Series):
            raise SpecError("the target of a single number must be a number or a scalar metric", path=path)
        assert outcome.value is not None  # an outcome without a table holds a value
        outcome.details.update(actual=outcome.value, target=float(target))
        outcome.value = combine("/", outcome.value, float(target), path=path, divisor="the target", lenient=lenient)
        return
    actual = outcome.table.set_index(names)[VALUE].rename("actual")
    ratio = combine("/", actual, target, path=path, divisor="the target", lenient=lenient)
    table = ratio.rename(VALUE).reset_index()
    table["actual"] = actual.reindex(ratio.index).to_numpy()
    table["target"] = target.reindex(ratio.index).to_numpy() if isinstance(target, pd.Series) else float(target)
    outcome.table, outcome.fill = table, None
