"""``kind: chart`` -- one native chart filling the content area (commentary below it)."""

from __future__ import annotations

from deckbuilder.deck.geometry import Box
from deckbuilder.render.charts import add_native_chart
from deckbuilder.render.charts.annotations import draw_annotations
from deckbuilder.render.charts.images import IMAGE_TYPES, add_image_chart
from deckbuilder.render.charts.key import add_chart_key, change_entries
from deckbuilder.render.charts.kinds import BARS, CHART_KINDS
from deckbuilder.render.charts.picture_data import picture_data
from deckbuilder.render.charts.value_axis import shows_value_axis
from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.scope_note import place_scope_note
from deckbuilder.render.text_blocks import fill_placeholder, place_commentary


def draw_chart(ctx: SlideContext, box: Box) -> None:
    """Draw the slide's resolved chart into *box* (shared with ``chart_text``)."""
    chart = ctx.chart
    assert chart is not None, "the resolve phase gives every chart slide its chart"
    spec = chart.spec
    if spec.type in IMAGE_TYPES[:2]:
        add_image_chart(ctx.slide, place_scope_note(ctx, box, chart.scope_note), spec, chart.table, theme=ctx.theme,
                        fonts=ctx.fonts, scale=chart.scale, title=spec.title or "", x_title=spec.x_title or "",
                        y_title=spec.y_title or "", alt=chart.alt)
        return
    box = place_scope_note(ctx, box, chart.scope_note)
    # what the point colours mean: the highlight, and the good/bad colours of changes
    entries = [(ctx.theme.colors.accent, spec.highlight_note)] if spec.highlight_note else []
    if CHART_KINDS[spec.type].family is BARS:  # only bars are coloured as changes
        entries += change_entries(chart.tones, ctx.theme, ctx.locale)
    box = add_chart_key(ctx.slide, box, entries, theme=ctx.theme, fonts=ctx.fonts)
    if spec.type in IMAGE_TYPES or spec.render == "image" or spec.faceted:
        table, style = picture_data(chart, ctx.theme, ctx.locale)
        add_image_chart(ctx.slide, box, spec, table, theme=ctx.theme, fonts=ctx.fonts, title=spec.title or "",
                        x_title=spec.x_title or "", y_title=spec.y_title or "", style=style, alt=chart.alt)
        return
    native = add_native_chart(ctx.slide, box, spec, chart.table, theme=ctx.theme, fonts=ctx.fonts,
                              scale=chart.scale, number_format=chart.number_format, title=spec.title or "",
                              x_title=spec.x_title or "", y_title=spec.y_title or "", tones=chart.tones,
                              layers=chart.layers, alt=chart.alt)
    if chart.annotations:
        kind = CHART_KINDS[spec.type]
        draw_annotations(ctx.slide, box, native, spec, kind, chart.table, chart.annotations, scale=chart.scale,
                         layers=chart.layers, theme=ctx.theme, fonts=ctx.fonts, legend=native.has_legend,
                         value_axis=shows_value_axis(kind, spec, len(chart.table.series)))


@slide_renderer("chart")
def render_chart_slide(ctx: SlideContext) -> None:
    fill_placeholder(ctx, "title", ctx.model.title)
    draw_chart(ctx, place_commentary(ctx, ctx.content_area()))
