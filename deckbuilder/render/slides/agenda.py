"""``kind: agenda`` -- the table of contents, generated from the section slides."""

from __future__ import annotations

from deckbuilder.deck.geometry import inches
from deckbuilder.deck.text_style import TextStyle, write_text
from deckbuilder.render.cards import add_card
from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import slide_renderer

GRID_COLUMNS = {1: 1, 2: 2, 3: 3, 4: 2, 5: 3, 6: 3}


@slide_renderer("agenda")
def render_agenda_slide(ctx: SlideContext) -> None:
    """One card per section, numbered 01..N, two or three to a row."""
    model = ctx.model
    title = ctx.text(model.title, "title") if model.title else "目录"
    if ctx.placeholders.has("title"):
        runs = [(title, TextStyle())]
        if model.subtitle:
            runs.append(("  " + ctx.text(model.subtitle, "subtitle"), TextStyle(size=18, color=ctx.colors.muted)))
        write_text(ctx.placeholders.take("title").text_frame, [runs], ctx.fonts)
    sections = ctx.sections or [title]
    area = ctx.content_area()
    columns = GRID_COLUMNS.get(len(sections), 3)
    gap = inches(0.3)
    rows = -(-len(sections) // columns)
    cell_height = min((area.height - gap * (rows - 1)) // rows, inches(1.3))
    used_height = cell_height * rows + gap * (rows - 1)
    area = area.take_top(used_height)[0] if rows else area
    # Centre the block of cards vertically in the content area.
    offset = (ctx.content_area().height - used_height) // 2
    area = type(area)(area.left, area.top + offset, area.width, used_height)
    for i, (cell, name) in enumerate(zip(area.grid(len(sections), columns, gap), sections), start=1):
        paragraphs = [[(f"{i:02d}  ", TextStyle(size=28, bold=True, color=ctx.colors.primary)),
                       (name, TextStyle(size=20, bold=True, color=ctx.colors.text))]]
        add_card(ctx.slide, cell, paragraphs, ctx.fonts, fill=ctx.colors.surface, anchor="middle",
                 name=f"Agenda item {i}")
