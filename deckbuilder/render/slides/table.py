"""``kind: table`` -- a DataFrame as a native table (commentary below it)."""

from __future__ import annotations

from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.tables import add_native_table, table_columns
from deckbuilder.render.text_blocks import fill_placeholder, place_commentary
from deckbuilder.spec.positions import dotted_path


@slide_renderer("table")
def render_table_slide(ctx: SlideContext) -> None:
    model = ctx.model
    fill_placeholder(ctx, "title", ctx.text(model.title, "title"))
    area = place_commentary(ctx, ctx.content_area())
    spec = model.table
    path = ctx.path + ("table",)
    frame = ctx.services.frame(spec, path)
    if spec.max_rows:
        frame = frame.head(spec.max_rows)
    columns = table_columns(frame, spec.columns, where=dotted_path(path))
    add_native_table(ctx.slide, area, frame, columns, theme=ctx.theme, fonts=ctx.fonts, zebra=spec.zebra,
                     format_cell=lambda value, fmt: _cell_text(ctx, value, fmt, path))


def _cell_text(ctx: SlideContext, value, fmt: str | None, path: tuple) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ctx.services.format(value, fmt or "num", path + ("columns",))
    return "" if value is None else str(value)
