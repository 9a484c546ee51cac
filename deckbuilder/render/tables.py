"""Native PowerPoint tables from resolved cell texts: styled header, zebra rows, alignment, colours by
data (thresholds, colour scales, good/bad changes), data bars (``table_bars.py``), bold totals; rows
beyond the box are handed back to continue on the next slide."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR

from deckbuilder.deck.geometry import Box
from deckbuilder.deck.oxml.accessibility import set_alt_text
from deckbuilder.deck.oxml.table import set_row_heights
from deckbuilder.deck.text_style import Fonts, TextStyle, write_text
from deckbuilder.deck.xml_text import xml_text
from deckbuilder.render.resolved import ResolvedTable
from deckbuilder.render.table_bars import draw_data_bars
from deckbuilder.render.table_layout import CELL_MARGIN_X, CELL_MARGIN_Y, measure_table, rows_that_fit
from deckbuilder.spec.model import TableColumn, ThemeSpec
from deckbuilder.spec.table_model import ColourScale


def table_columns(names: list[str], columns: list[TableColumn] | None) -> list[TableColumn]:
    """The columns to show: as listed in the spec, or every column of the data (the resolve
    phase has checked that listed columns exist)."""
    return list(columns) if columns else [TableColumn(name=n) for n in names]


def add_native_table(slide, box: Box, table: ResolvedTable, *, theme: ThemeSpec,
                     fonts: Fonts) -> ResolvedTable | None:
    """Add as much of *table* as fits inside *box*, the header on top; return the rows that did not
    fit (to continue on the next slide), or None. Numbers right-aligned, text left (unless a column says)."""
    geometry = measure_table(table, box.width, box.height, fonts)
    count = rows_that_fit(geometry, box.height)
    rest = table.rows(count, len(table.cells)) if count < len(table.cells) else None
    part = table.rows(0, count) if rest is not None else table
    heights = [geometry.header, *geometry.rows[:count]]
    shape = slide.shapes.add_table(len(heights), len(table.columns), box.left, box.top, box.width, sum(heights))
    shape.name = "Table"
    set_alt_text(shape, xml_text(table.alt or "Table"))
    grid = shape.table
    grid.first_row = True
    grid.horz_banding = False
    for j, width in enumerate(geometry.widths):
        grid.columns[j].width = width
    set_row_heights(grid, heights)  # the frame is already sum(heights) high
    _fill_cells(list(grid.iter_cells()), part, theme, fonts, geometry.size)
    _data_bars(slide, box, geometry.widths, heights, part, theme)
    return rest


def _row_fill(table: ResolvedTable, i: int, theme: ThemeSpec) -> str:
    """Body row *i*'s (from 1) fill: the surface colour on a totals row and every other row (zebra)."""
    total = i - 1 >= len(table.cells) - table.total_rows
    return theme.colors.surface if total or (table.zebra and i % 2 == 0) else theme.colors.background


def _data_bars(slide, box: Box, widths: list[int], heights: list[int], table: ResolvedTable,
               theme: ThemeSpec) -> None:
    """The data bars of each data-bar column, behind the table (its cells there are left unfilled)."""
    c = theme.colors
    tops = [box.top + sum(heights[:i]) for i in range(len(heights))]
    for j, col in enumerate(table.columns):
        bar, zero = col.bar(), table.bar_zero[j] if table.bar_zero else None
        if bar is None or zero is None or not table.cells:
            continue
        left = box.left + sum(widths[:j])
        cells = [Box(left, tops[i], widths[j], heights[i]) for i in range(1, len(heights))]
        colours = (_mix(c.background, getattr(c, bar.colour), BAR_TINT),
                   _mix(c.background, getattr(c, bar.negative), BAR_TINT), c.muted)
        draw_data_bars(slide, cells, [_row_fill(table, i, theme) for i in range(1, len(heights))],
                       [row[j] for row in table.bars], zero, colours, inset=CELL_MARGIN_X, totals=table.total_rows,
                       name=f"Data bars {xml_text(col.header or col.name)}")


def _fill_cells(cells: list, table: ResolvedTable, theme: ThemeSpec, fonts: Fonts, size: float) -> None:
    c = theme.colors
    n_columns = len(table.columns)
    totals_from = len(table.cells) - table.total_rows
    for j, (col, numeric) in enumerate(zip(table.columns, table.numeric)):
        align = col.align or ("right" if numeric else "left")
        _write_cell(cells[j], col.header or col.name, fonts,
                    TextStyle(size=size, bold=True, color=c.background, align=align), c.primary)
        scale, bars = col.scale(), col.bar() is not None and bool(table.bar_zero)
        for i, row in enumerate(table.cells, start=1):
            total = i - 1 >= totals_from
            fill: str | None = None if bars else _row_fill(table, i, theme)  # data bars show through
            shade = table.tones[i - 1][j] if table.tones else 0
            color = c.positive if shade > 0 else c.negative if shade < 0 else c.text
            mark = table.marks[i - 1][j] if table.marks else None
            if mark is not None:
                color = getattr(c, mark[0])
            position = table.scales[i - 1][j] if table.scales else None
            if scale is not None and position is not None:
                fill = _scale_colour(scale, position, theme)
                if mark is None and shade == 0:
                    color = _readable_on(fill, c.text, c.background)
            bold = total or (mark is not None and mark[1])
            _write_cell(cells[i * n_columns + j], row[j], fonts,
                        TextStyle(size=size, color=color, align=align, bold=bold), fill)


#: a data bar's colour: its theme colour this far from the background, so the number on it stays readable
BAR_TINT = 0.45


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16)


def _mix(a: str, b: str, t: float) -> str:
    return "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(_rgb(a), _rgb(b)))


def _scale_colour(scale: ColourScale, position: float, theme: ThemeSpec) -> str:
    """The fill at *position* (0..1) of a two- or three-colour scale of theme colours."""
    low, high = getattr(theme.colors, scale.low), getattr(theme.colors, scale.high)
    if scale.mid is None:
        return _mix(low, high, position)
    mid = getattr(theme.colors, scale.mid)
    return _mix(low, mid, position * 2) if position < 0.5 else _mix(mid, high, (position - 0.5) * 2)


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance."""
    def linear(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(v) for v in _rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _readable_on(fill: str, text: str, light: str) -> str:
    """The text colour or the light one, whichever contrasts more with *fill*."""
    return light if _contrast(fill, light) > _contrast(fill, text) else text


def _write_cell(cell, text: str, fonts: Fonts, style: TextStyle, fill: str | None) -> None:
    if fill is None:  # unfilled: what is drawn behind the table shows
        cell.fill.background()
    else:
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor.from_string(fill)
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.margin_left = cell.margin_right = CELL_MARGIN_X
    cell.margin_top = cell.margin_bottom = CELL_MARGIN_Y
    write_text(cell.text_frame, [text], fonts, style)
