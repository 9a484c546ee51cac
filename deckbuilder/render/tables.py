"""Native PowerPoint tables from a DataFrame: styled header, zebra rows, formats, alignment."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR

from deckbuilder.deck.geometry import Box, inches
from deckbuilder.deck.text_style import Fonts, TextStyle, write_text
from deckbuilder.errors import DataError, allowed_hint
from deckbuilder.spec.model import TableColumn, ThemeSpec

if TYPE_CHECKING:
    import pandas

MIN_ROW, MAX_ROW = inches(0.36), inches(0.6)


def table_columns(frame: "pandas.DataFrame", columns: list[TableColumn] | None, *, where: str) -> list[TableColumn]:
    """The columns to show: as listed in the spec, or every column of *frame*."""
    names = [str(c) for c in frame.columns]
    if not columns:
        return [TableColumn(name=n) for n in names]
    for col in columns:
        if col.name not in names:
            raise DataError(f"{where}: no column '{col.name}' in the table data", hint=allowed_hint(col.name, names))
    return columns


def add_native_table(slide, box: Box, frame: "pandas.DataFrame", columns: list[TableColumn], *, theme: ThemeSpec,
                     fonts: Fonts, format_cell: Callable[[object, str | None], str], zebra: bool = True):
    """Add *frame* as a table inside *box*; numbers right-aligned, text left-aligned."""
    from pandas.api.types import is_numeric_dtype

    frame = frame.copy()
    frame.columns = [str(c) for c in frame.columns]
    n_rows = len(frame) + 1
    row_height = max(MIN_ROW, min(MAX_ROW, box.height // n_rows))
    size = 14 if row_height >= inches(0.45) else 12
    # add_table splits the height evenly, so every row already is row_height high; setting
    # row.height again would make python-pptx re-sum all rows each time (cubic in rows).
    shape = slide.shapes.add_table(n_rows, len(columns), box.left, box.top, box.width, row_height * n_rows)
    shape.name = "Table"
    table = shape.table
    table.first_row = True
    table.horz_banding = False
    weights = [col.width or 1.0 for col in columns]
    widths = [int(box.width * w / sum(weights)) for w in weights]
    widths[-1] = box.width - sum(widths[:-1])
    for j, width in enumerate(widths):
        table.columns[j].width = width
    c = theme.colors
    n_columns = len(columns)
    cells = list(table.iter_cells())  # row by row; table.cell(i, j) walks all rows each time
    for j, col in enumerate(columns):
        numeric = is_numeric_dtype(frame[col.name])
        align = col.align or ("right" if numeric else "left")
        _write_cell(cells[j], col.header or col.name, fonts,
                    TextStyle(size=size, bold=True, color=c.background, align=align), c.primary)
        for i, value in enumerate(frame[col.name].tolist(), start=1):
            fill = c.surface if zebra and i % 2 == 0 else c.background
            _write_cell(cells[i * n_columns + j], format_cell(value, col.format), fonts,
                        TextStyle(size=size, color=c.text, align=align), fill)
    return shape


def _write_cell(cell, text: str, fonts: Fonts, style: TextStyle, fill: str) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = RGBColor.from_string(fill)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.margin_left = cell.margin_right = inches(0.1)
    cell.margin_top = cell.margin_bottom = inches(0.03)
    write_text(cell.text_frame, [text], fonts, style)
