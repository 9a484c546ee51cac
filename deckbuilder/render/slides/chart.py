"""``kind: chart`` -- one native chart filling the content area (commentary below it)."""

from __future__ import annotations

from deckbuilder.render.charts import add_native_chart, series_from_frame, series_from_inline
from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.text_blocks import fill_placeholder, place_commentary
from deckbuilder.spec.positions import dotted_path


def draw_chart(ctx: SlideContext, box) -> None:
    """Render the slide's ``chart`` binding into *box* (shared with ``chart_text``)."""
    spec = ctx.model.chart
    if spec.data is not None:
        table = series_from_inline(spec.data)
    else:
        if spec.metric and spec.y is None and spec.series is None:
            # A comparison or target metric plots its value, not its supporting columns.
            spec = spec.model_copy(update={"y": ctx.services.metric(spec.metric, ctx.path).series_columns})
        table = series_from_frame(ctx.services.frame(spec, ctx.path + ("chart",)), spec, where=_where(ctx))
    scale, number_format = ctx.services.chart_format(spec.number_format, ctx.path + ("chart", "number_format"))
    add_native_chart(ctx.slide, box, spec, table, theme=ctx.theme, fonts=ctx.fonts, scale=scale,
                     number_format=number_format, title=ctx.text(spec.title, "chart", "title"),
                     x_title=ctx.text(spec.x_title, "chart", "x_title"),
                     y_title=ctx.text(spec.y_title, "chart", "y_title"))


def _where(ctx: SlideContext) -> str:
    return dotted_path(ctx.path + ("chart",))


@slide_renderer("chart")
def render_chart_slide(ctx: SlideContext) -> None:
    fill_placeholder(ctx, "title", ctx.text(ctx.model.title, "title"))
    draw_chart(ctx, place_commentary(ctx, ctx.content_area()))
