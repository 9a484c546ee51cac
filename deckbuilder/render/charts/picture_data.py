"""A resolved chart as a picture draws it: values in the data's own units, reference lines apart."""

from __future__ import annotations

from deckbuilder.render.charts.image_kinds import PictureStyle
from deckbuilder.render.charts.series import SeriesTable
from deckbuilder.render.resolved import ResolvedChart
from deckbuilder.spec.model import ThemeSpec
from deckbuilder.text.formatting import format_value


def picture_data(chart: ResolvedChart, theme: ThemeSpec, locale: str) -> tuple[SeriesTable, PictureStyle]:
    """The chart's table in the data's units (the chart's scale is the native chart's business) and
    the style its picture is labelled with: the chart's number format, tones, reference lines."""
    unscale = chart.value_scale or 1.0
    series, references = [], []
    for i, (name, values) in enumerate(chart.table.series):
        raw = [None if v is None else v / unscale for v in values]
        if chart.layers is not None and chart.layers.role(i).reference:
            references.append((chart.layers.role(i).label or name, next((v for v in raw if v is not None), 0.0)))
        else:
            series.append((name, raw))
    fmt_name = chart.format_name

    def fmt(value: float) -> str:
        return format_value(value, fmt_name, locale)

    return SeriesTable(list(chart.table.categories), series), PictureStyle(theme, fmt, chart.tones, references)
