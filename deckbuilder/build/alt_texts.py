"""The resolve phase's alt text for a slide's chart and table (texts from :mod:`deckbuilder.text.alt_text`).

A spec's ``alt:`` (already rendered as a template) wins; otherwise the text is derived from the
chart's or table's title (the slide's when the component has none) and its data, with values
formatted as the chart shows them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckbuilder.render.charts.layers import own_series
from deckbuilder.render.resolved import ResolvedChart, ResolvedSlide
from deckbuilder.text.alt_text import chart_alt_text, table_alt_text

if TYPE_CHECKING:
    from deckbuilder.build.resolve import Resolver


def describe_graphics(resolver: Resolver, slide: ResolvedSlide, path: tuple) -> None:
    """Fill in ``alt`` of the slide's resolved chart and table."""
    title = str(slide.model.title or "")
    if slide.chart is not None:
        chart = slide.chart.spec
        slide.chart.alt = chart.alt or _chart_alt(resolver, slide.chart, chart.title or title, path)
    if slide.table is not None:
        table = slide.table
        given = getattr(getattr(slide.model, "table", None), "alt", None)
        table.alt = given or table_alt_text(title, len(table.cells), len(table.columns), resolver.locale)


def _chart_alt(resolver: Resolver, chart: ResolvedChart, title: str, path: tuple) -> str:
    table = chart.table
    series = [table.series[k] for k in own_series(len(table.series), chart.layers)]
    if chart.spec.type in UNRANKED:  # points and distributions have no "highest category"
        series = [(name, []) for name, _ in series]
    scale = chart.value_scale or 1.0
    whole = sum(abs(v) for v in series[0][1] if v is not None) if series else 0.0

    def formatted(value: float) -> str:
        if chart.spec.type in ROUND and whole:  # slices are read as shares of the whole
            return resolver.format(value / whole, "pct", path + ("chart", "number_format"))
        return resolver.format(value / scale, chart.format_name or "auto", path + ("chart", "number_format"))

    kind = "small_multiples" if chart.spec.faceted else chart.spec.type
    return chart_alt_text(kind, title, table.categories, series, formatted, resolver.locale)


#: chart types whose values are shares of a whole; and those whose points are no ranked categories
ROUND = ("pie", "doughnut")
UNRANKED = ("scatter", "bubble", "histogram")
