"""``chart.annotations``: CAGR and difference arrows computed from a column chart's data.

Each annotation names its categories (checked, with a did-you-mean) and becomes an
:class:`~deckbuilder.render.charts.annotations.AnnotationMark` holding its figure:
a CAGR ``(last / first) ** (1 / steps) - 1`` over the categories between (one period
each), a difference the change from one bar to the other, as a percentage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckbuilder.errors import SpecError, did_you_mean
from deckbuilder.render.charts.annotations import AnnotationMark, category_tops
from deckbuilder.render.charts.kinds import CHART_KINDS
from deckbuilder.render.charts.layers import own_series
from deckbuilder.render.resolved import ResolvedChart
from deckbuilder.spec.model import ChartSpec

if TYPE_CHECKING:
    from deckbuilder.build.resolve import Resolver

#: chart types that take annotations: columns, read against one value axis from zero
ANNOTATED = ("column_clustered", "column_stacked")


def resolve_annotations(r: Resolver, chart: ResolvedChart, spec: ChartSpec, path: tuple) -> ResolvedChart:
    """*chart* with its annotations computed, or a located error for each one that cannot be."""
    if not spec.annotations:
        return chart
    at = path + ("annotations",)
    table, layers = chart.table, chart.layers
    own = own_series(len(table.series), layers)
    if spec.type not in ANNOTATED or spec.render == "image":
        raise SpecError(issues=[r.locator.issue(f"annotations go on a native column chart, not a {spec.type}"
                                                + (" picture" if spec.render == "image" else ""), at,
                                                hint="use type: " + " or ".join(ANNOTATED))])
    if spec.type == "column_clustered" and len(own) != 1:
        raise SpecError(issues=[r.locator.issue(
            f"annotations compare bars of one series; this chart has {len(own)}", at,
            hint="use column_stacked (annotations compare the stacks' totals) or one series")])
    tops = category_tops(table, layers, CHART_KINDS[spec.type])
    categories = table.categories
    marks, issues = [], []
    for k, note in enumerate(spec.annotations):
        ends = []
        for field, name, default in (("from", note.from_, 0), ("to", note.to, len(categories) - 1)):
            if name is None:
                ends.append(default)
            elif str(name) in categories:
                ends.append(categories.index(str(name)))
            else:
                issues.append(r.locator.issue(f"'{name}' is not a category of this chart", at + (k, field),
                                              hint=did_you_mean(str(name), categories)
                                              or "categories: " + "、".join(categories)))
        if len(ends) < 2:
            continue
        start, end = ends
        first, last = tops[start], tops[end]
        if start == end:
            issues.append(r.locator.issue("an annotation compares two different categories", at + (k, "to")))
        elif note.type == "cagr" and (first <= 0 or last <= 0 or end < start):
            issues.append(r.locator.issue(
                f"a CAGR needs positive values from an earlier to a later category "
                f"({categories[start]}: {first:g}, {categories[end]}: {last:g})", at + (k,)))
        elif note.type == "difference" and first == 0:
            issues.append(r.locator.issue(f"'{categories[start]}' is zero: no change from it can be a percentage",
                                          at + (k, "from")))
        else:
            if note.type == "cagr":
                rate = (last / first) ** (1 / (end - start)) - 1
                label = note.label or f"CAGR {r.format(rate, 'delta_pct', at + (k,))}"
            else:
                label = note.label or r.format(last / first - 1, "delta_pct", at + (k,))
            marks.append(AnnotationMark(note.type, start, end, label))
    if issues:
        raise SpecError(issues=issues)
    chart.annotations = marks
    return chart
