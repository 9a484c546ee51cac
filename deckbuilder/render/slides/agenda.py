"""``kind: agenda`` -- the table of contents, generated from the section slides."""

from __future__ import annotations

from deckbuilder.deck.geometry import Box, inches
from deckbuilder.deck.text_style import TextStyle, write_text
from deckbuilder.render.cards import add_card
from deckbuilder.render.context import SlideContext
from deckbuilder.render.links import agenda_item_name
from deckbuilder.render.registry import slide_renderer
from deckbuilder.render.text_blocks import warn_no_slot

ROW_HEIGHT, ROW_GAP = inches(0.9), inches(0.2)
#: Most sections an agenda lists: six rows of up to three columns at readable sizes
#: (the resolve phase refuses more, at the agenda slide).
MAX_AGENDA_SECTIONS = 18


@slide_renderer("agenda")
def render_agenda_slide(ctx: SlideContext) -> None:
    """One row per section, numbered 01..N, centred in the content area (two columns past six, three past 12)."""
    model = ctx.model
    title = model.title if model.title else "目录"
    if ctx.placeholders.has("title"):
        runs = [(title, TextStyle())]
        if model.subtitle:
            runs.append(("  " + model.subtitle, TextStyle(size=18)))  # title colour
        write_text(ctx.placeholders.take("title").text_frame, [runs], ctx.fonts)
    else:
        for name in ("title", "subtitle"):  # the default subtitle is no one's text
            if getattr(model, name) and name in model.model_fields_set:
                warn_no_slot(ctx, "title", name)
    sections = ctx.sections or [title]
    area = ctx.content_area()
    columns = 1 if len(sections) <= 6 else 2 if len(sections) <= 12 else 3
    rows = -(-len(sections) // columns)
    row_height = min(ROW_HEIGHT, (area.height - ROW_GAP * (rows - 1)) // rows)
    used = row_height * rows + ROW_GAP * (rows - 1)
    block = Box(area.left, area.top + (area.height - used) // 2, area.width, used)
    for i, (cell, name) in enumerate(zip(block.grid(len(sections), columns, ROW_GAP), sections), start=1):
        paragraphs = [[(f"{i:02d}", TextStyle(size=26, bold=True, color=ctx.colors.primary)),
                       ("    " + name, TextStyle(size=20, bold=True, color=ctx.colors.text))]]
        add_card(ctx.slide, cell, paragraphs, ctx.fonts, fill=ctx.colors.surface, anchor="middle",
                 name=agenda_item_name(i))
