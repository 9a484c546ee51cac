"""``chart.render`` and ``chart.order``: which chart types can be pictures, and the categories' order.

:func:`check_chart_options` rejects a picture of a chart only Office draws (combo, waterfall,
slope, scatter, bubble, a secondary axis), a native chart of a type that has none and small
multiples (``facet:``) of a type that cannot have them; :func:`check_panels` their count;
:func:`order_categories` puts a resolved chart's categories in the order the spec asks,
each unknown name in an explicit list located, with a did-you-mean.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckbuilder.errors import SpecError, did_you_mean
from deckbuilder.limits import MAX_FACET_PANELS
from deckbuilder.render.charts import SeriesTable
from deckbuilder.render.charts.image_kinds import DRAWERS
from deckbuilder.render.charts.images import IMAGE_TYPES
from deckbuilder.render.charts.layers import own_series
from deckbuilder.render.charts.small_multiples import FACET_TYPES
from deckbuilder.render.resolved import ResolvedChart
from deckbuilder.spec.model import ChartSpec

if TYPE_CHECKING:
    from deckbuilder.build.resolve import Resolver

#: chart types whose categories are not an order of their own (bins, points, a bridge's steps)
UNORDERED = ("waterfall", "scatter", "bubble", "histogram", "box")


def check_chart_options(r: Resolver, spec: ChartSpec, path: tuple) -> None:
    issues = []
    if spec.render == "image" and spec.type not in DRAWERS and spec.type not in IMAGE_TYPES:
        issues.append(r.locator.issue(f"a {spec.type} chart is drawn natively only; it cannot be a picture",
                                      path + ("render",), hint="leave out 'render'"))
    elif (spec.render == "image" or spec.faceted) and any(p.axis == "secondary" for p in spec.plots or []):
        k = next(k for k, p in enumerate(spec.plots or []) if p.axis == "secondary")
        issues.append(r.locator.issue("a picture has one value axis: this plot cannot go on a secondary axis",
                                      path + ("plots", k, "axis"), hint="leave out 'render: image'"))
    if spec.render == "native" and spec.type in IMAGE_TYPES:
        issues.append(r.locator.issue(f"Office has no native {spec.type} chart; it is drawn as a picture",
                                      path + ("render",), hint="leave out 'render'"))
    issues += _facet_issues(r, spec, path)
    if spec.order is not None and spec.type in UNORDERED:
        issues.append(r.locator.issue(f"a {spec.type} chart keeps its own order", path + ("order",),
                                      hint="leave out 'order'"))
    if issues:
        raise SpecError(issues=issues)


def _facet_issues(r: Resolver, spec: ChartSpec, path: tuple) -> list:
    """Small multiples are panels of one series each, of a type with a shared value axis, as a picture."""
    if not spec.faceted:
        return []
    at = path + ("facet",)
    if spec.type not in FACET_TYPES:
        return [r.locator.issue(f"a {spec.type} chart cannot be drawn as small multiples", at,
                                hint="facet a chart of type " + ", ".join(FACET_TYPES))]
    issues = []
    if spec.render == "native":
        issues.append(r.locator.issue("small multiples are drawn as a picture; Office has no native panels",
                                      path + ("render",), hint="leave out 'render'"))
    if spec.annotations:
        issues.append(r.locator.issue("CAGR and difference arrows go over one plot, not over panels",
                                      path + ("annotations",), hint="leave out 'annotations' or 'facet'"))
    for name, why in (("legend", "each panel's title names its group; small multiples have no legend"),
                      ("gridlines", "small multiples draw each panel the same way; their gridlines cannot be set")):
        if getattr(spec, name) is not None:  # accepted on other charts; here it would change nothing
            issues.append(r.locator.issue(why, path + (name,), hint=f"leave out '{name}'"))
    if spec.facet_column is not None:
        if spec.series is not None:
            issues.append(r.locator.issue("each panel shows one series: give 'facet' or 'series', not both", at,
                                          hint="leave out 'series'"))
        if spec.data is not None or spec.plots is not None:
            issues.append(r.locator.issue(f"'{spec.facet_column}' would be a column, but this chart's series "
                                          "are given one by one", at, hint="write 'facet: true': a panel per series"))
        if isinstance(spec.y, list) and len(spec.y) > 1:
            issues.append(r.locator.issue("each panel shows one value column", path + ("y",),
                                          hint="name one column with y:"))
    return issues


def check_panels(r: Resolver, chart: ResolvedChart, spec: ChartSpec, path: tuple) -> None:
    """Small multiples of at most :data:`~deckbuilder.limits.MAX_FACET_PANELS` panels."""
    panels = len(own_series(len(chart.table.series), chart.layers))
    if spec.faceted and panels > MAX_FACET_PANELS:
        raise SpecError(issues=[r.locator.issue(
            f"{panels} panels are too many for one slide (at most {MAX_FACET_PANELS})", path + ("facet",),
            hint="filter the data to fewer groups, or show them as a heatmap")])


def order_categories(r: Resolver, chart: ResolvedChart, spec: ChartSpec, path: tuple) -> ResolvedChart:
    """*chart* with its categories (and their values and tones) in the order ``spec.order`` asks."""
    order = spec.order
    table = chart.table
    if order is None or order == "given":
        return chart
    if order == "sorted":  # largest first, by each category's total over its series
        totals = [sum(values[j] or 0.0 for _, values in table.series) for j in range(len(table.categories))]
        index = sorted(range(len(table.categories)), key=lambda j: -totals[j])
    else:
        where = {c: j for j, c in enumerate(table.categories)}
        issues = []
        for k, name in enumerate(order):
            if str(name) not in where:
                issues.append(r.locator.issue(f"'{name}' is not a category of this chart", path + ("order", k),
                                              hint=did_you_mean(str(name), table.categories)
                                              or "categories: " + "、".join(table.categories)))
        named = [str(n) for n in order]
        if not issues and len(set(named)) != len(named):
            k = next(k for k, n in enumerate(named) if named.index(n) != k)
            issues.append(r.locator.issue(f"'{named[k]}' is named twice", path + ("order", k)))
        missing = [c for c in table.categories if c not in named]
        if not issues and missing:
            issues.append(r.locator.issue("the order leaves out " + "、".join(missing), path + ("order",),
                                          hint="name every category once"))
        if issues:
            raise SpecError(issues=issues)
        index = [where[n] for n in named]
    chart.table = SeriesTable([table.categories[j] for j in index],
                              [(name, [values[j] for j in index]) for name, values in table.series])
    if chart.tones is not None:
        chart.tones = [[tones[j] for j in index] for tones in chart.tones]
    return chart


def check_funnel(r: Resolver, chart: ResolvedChart, spec: ChartSpec, path: tuple) -> None:
    """A funnel is one series of stages, none negative (a bar's width is its value)."""
    if spec.type != "funnel":
        return
    series = chart.table.series
    if len(series) != 1:
        raise SpecError(issues=[r.locator.issue(
            f"a funnel shows one series of stages; this data has {len(series)}: "
            + "、".join(name for name, _ in series), path + (("y",) if spec.y is not None else ()),
            hint="pick one value column with y:")])
    negative = [c for c, v in zip(chart.table.categories, series[0][1]) if v is not None and v < 0]
    if negative:
        raise SpecError(issues=[r.locator.issue("a funnel's stages cannot be negative: " + "、".join(negative),
                                                path)])
