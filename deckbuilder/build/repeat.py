"""``repeat:``: a slide resolved once per group, each copy with ``group`` in its texts and its data sliced.

The groups are a table metric's rows or the distinct values of a source's column. Each copy
gets its own :class:`Resolver` over a :class:`MetricEngine` whose filters add the group
column's value (as a department deck's filters do), sharing the deck's source cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from deckbuilder.errors import DataError, SpecError, allowed_hint
from deckbuilder.spec.model import SlideBase
from deckbuilder.spec.positions import dotted_path
from deckbuilder.spec.repeat_model import MAX_REPEAT, RepeatSpec

if TYPE_CHECKING:
    import pandas

    from deckbuilder.build.resolve import Resolver


def repeat_resolvers(resolver: Resolver, model: SlideBase, path: tuple) -> list[Resolver]:
    """The resolvers of *model*'s copies: ``[resolver]`` for a slide that does not repeat."""
    spec = model.repeat
    if spec is None:
        return [resolver]
    at = path + ("repeat",)
    if resolver.engine is None:
        raise SpecError(issues=[resolver.locator.issue("'repeat' needs data: this spec has no sources or metrics",
                                                       at, hint="add a data: source and metrics")])
    column, groups = _groups(resolver, spec, at)
    return [_resolver_for(resolver, group, column if spec.filter else None, at) for group in groups]


def _groups(resolver: Resolver, spec: RepeatSpec, at: tuple) -> tuple[str, list[dict[str, Any]]]:
    """The group column and the groups (column -> value mappings), ordered and limited."""
    assert resolver.engine is not None
    if spec.metric is not None:
        frame = resolver.table_metric(spec.metric, at + ("metric",),
                                      "'repeat' needs a table metric (one slide per row)",
                                      "use a metric with 'by:' over the group column")
        column = spec.column or str(frame.columns[0])
        _check_column(resolver, frame, column, at + ("column",), f"metric '{spec.metric}'")
    else:
        assert spec.source is not None and spec.column is not None, "the model requires source with column"
        with resolver.locator.at(at + ("source",), keep_own=True):
            rows = resolver.engine.source_frame(spec.source, path=dotted_path(at + ("source",)))
        _check_column(resolver, rows, spec.column, at + ("column",), f"source '{spec.source}'")
        from deckbuilder.metrics.frames import apply_filters

        rows, _ = apply_filters(rows, resolver.engine.filters, source=spec.source)  # a department's own groups
        frame = rows[[spec.column]].dropna().drop_duplicates()
        column = spec.column
    if spec.order != "data":
        key = spec.order_by or column
        _check_column(resolver, frame, key, at + ("order_by" if spec.order_by else "column",), "the groups")
        frame = frame.sort_values(key, ascending=spec.order == "asc", kind="stable")
    if spec.limit is not None:
        frame = frame.head(spec.limit)
    groups = [{str(k): _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]
    if not groups:
        raise DataError("'repeat' found no groups: the data has no rows", path=dotted_path(at))
    if len(groups) > MAX_REPEAT:
        raise SpecError(issues=[resolver.locator.issue(
            f"'repeat' would make {len(groups)} slides; at most {MAX_REPEAT}", at,
            hint=f"give a 'limit:' (at most {MAX_REPEAT}), or repeat over a coarser column")])
    return column, groups


def _check_column(resolver: Resolver, frame: pandas.DataFrame, column: str, at: tuple, what: str) -> None:
    names = [str(c) for c in frame.columns]
    if column not in names:
        raise SpecError(issues=[resolver.locator.issue(f"no column '{column}' in {what}", at,
                                                       hint=allowed_hint(column, names))])


def _plain(value: Any) -> Any:
    """A pandas/numpy scalar as the Python value templates and filters expect."""
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else value


def _resolver_for(parent: Resolver, group: dict[str, Any], column: str | None, at: tuple) -> Resolver:
    """A resolver like *parent* whose texts see ``group`` and whose metrics (with *column*) see its rows only.

    On a company deck a problem with the group's filter (a source without the column) is located
    at the slide's ``repeat:`` (*at*); a department deck's locator keeps pointing at its filters."""
    from deckbuilder.build.locate import ErrorLocator
    from deckbuilder.build.resolve import Resolver
    from deckbuilder.metrics.engine import MetricEngine

    engine = parent.engine
    assert engine is not None
    if column is not None:
        engine = MetricEngine(engine.sources, engine.metrics, base_dir=engine.base_dir, data=engine.data,
                              filters={**engine.filters, column: group[column]}, cache=engine.cache,
                              own=engine.own, params=engine.param_specs)
    locator = parent.locator
    if column is not None and not locator.filters_at:
        locator = ErrorLocator(parent.loaded, filters_at=at, parent=parent.loaded)
    return Resolver(parent.loaded, engine, locator, extra_context={**parent.extra_context, "group": group},
                    department=parent.department)
