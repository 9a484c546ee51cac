"""Native PowerPoint tables from resolved cell texts: styled header, zebra rows, alignment."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR

from deckbuilder.deck.geometry import Box, inches
from deckbuilder.deck.oxml.accessibility import set_alt_text
from deckbuilder.deck.text_style import Fonts, TextStyle, write_text
from deckbuilder.deck.xml_text import xml_text
from deckbuilder.render.resolved import ResolvedTable
from deckbuilder.spec.model import TableColumn, ThemeSpec

MIN_ROW, MAX_ROW = inches(0.36), inches(0.6)


def table_columns(names: list[str], columns: list[TableColumn] | None) -> list[TableColumn]:
    """The columns to show: as listed in the spec, or every column of the data (the resolve
    phase has checked that listed columns exist)."""
    return list(columns) if columns else [TableColumn(name=n) for n in names]


def add_native_table(slide, box: Box, table: ResolvedTable, *, theme: ThemeSpec, fonts: Fonts):
    """Add *table* inside *box*; numbers right-aligned, text left-aligned (unless a column says)."""
    columns = table.columns
    n_rows = len(table.cells) + 1
    row_height = max(MIN_ROW, min(MAX_ROW, box.height // n_rows))
    size = 14 if row_height >= inches(0.45) else 12
    # add_table splits the height evenly, so every row already is row_height high; setting
    # row.height again would make python-pptx re-sum all rows each time (cubic in rows).
    shape = slide.shapes.add_table(n_rows, len(columns), box.left, box.top, box.width, row_height * n_rows)
    shape.name = "Table"
    set_alt_text(shape, xml_text(table.alt or "Table"))
    grid = shape.table
    grid.first_row = True
    grid.horz_banding = False
    weights = [col.width or 1.0 for col in columns]
    widths = [int(box.width * w / sum(weights)) for w in weights]
    widths[-1] = box.width - sum(widths[:-1])
    for j, width in enumerate(widths):
        grid.columns[j].width = width
    c = theme.colors
    n_columns = len(columns)
    cells = list(grid.iter_cells())  # row by row; grid.cell(i, j) walks all rows each time
    for j, (col, numeric) in enumerate(zip(columns, table.numeric)):
        align = col.align or ("right" if numeric else "left")
        _write_cell(cells[j], col.header or col.name, fonts,
                    TextStyle(size=size, bold=True, color=c.background, align=align), c.primary)
        for i, row in enumerate(table.cells, start=1):
            fill = c.surface if table.zebra and i % 2 == 0 else c.background
            shade = table.tones[i - 1][j] if table.tones else 0
            color = c.positive if shade > 0 else c.negative if shade < 0 else c.text
            _write_cell(cells[i * n_columns + j], row[j], fonts, TextStyle(size=size, color=color, align=align), fill)
    return shape


def _write_cell(cell, text: str, fonts: Fonts, style: TextStyle, fill: str) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = RGBColor.from_string(fill)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.margin_left = cell.margin_right = inches(0.1)
    cell.margin_top = cell.margin_bottom = inches(0.03)
    write_text(cell.text_frame, [text], fonts, style)
