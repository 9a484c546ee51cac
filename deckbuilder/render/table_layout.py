"""A table's geometry from its texts: column widths from the widest cell, row heights from the
wrapped lines (real font metrics), and how many rows fit in a box (the rest continue on the next slide)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from deckbuilder.deck.fonts import SINGLE_LINE_HEIGHT, measure_text, wrap_text
from deckbuilder.deck.geometry import EMU_PER_PT, inches
from deckbuilder.deck.text_style import Fonts
from deckbuilder.render.resolved import ResolvedTable

MIN_ROW, MAX_ROW = inches(0.36), inches(0.6)
CELL_MARGIN_X, CELL_MARGIN_Y = inches(0.1), inches(0.03)
LARGE, SMALL = 14, 12  # point sizes: a table that fits on one slide with rows of 0.45" or more, else the small one
#: measured text is widened by this much: renderers' hinting and kerning differ a little from ours
SLACK = 1.04
#: a data-bar column is this much wider than its widest text: room for the bars to show their lengths
BAR_ROOM = 1.8


@dataclass(frozen=True)
class TableGeometry:
    size: float  # the point size of every cell
    widths: list[int]  # per column, EMU, summing to the box's width
    header: int  # the header row's height
    #: per body row, EMU: every row, or (a table longer than its box) the rows up to the first that
    #: overflows it; the rest are measured on the slide they continue on
    rows: list[int]
    body_rows: int  # how many body rows the table has (measured or not)


def _header(col) -> str:
    return col.header or col.name


def column_widths(total: int, table: ResolvedTable, fonts: Fonts, size: float) -> list[int]:
    """Widths summing to *total*: a column with ``width:`` gets its share of the weights (others
    weigh 1); the rest share what is left in proportion to their widest text (header bold), a data-bar
    column's widened by BAR_ROOM."""
    columns = table.columns
    natural = _natural_widths(table.whole or table, fonts, size)
    weights = [col.width or 1.0 for col in columns]
    fixed = {j: int(total * weights[j] / sum(weights)) for j, col in enumerate(columns) if col.width}
    rest = total - sum(fixed.values())
    free = [j for j in range(len(columns)) if j not in fixed]
    free_natural = sum(natural[j] for j in free) or 1.0
    widths = [fixed[j] if j in fixed else int(rest * natural[j] / free_natural) for j in range(len(columns))]
    widths[-1] += total - sum(widths)
    return widths


def _natural_widths(whole: ResolvedTable, fonts: Fonts, size: float) -> list[float]:
    """Each column's widest text (header bold) over the whole table, with margins, in EMU. Kept on
    the whole table: every slide a long table continues on asks again, and measuring all its rows
    each time made a table of n rows cost n² (2,000 rows: 11 s)."""
    key = (fonts.latin, fonts.east_asian, size)
    kept = whole.measures.get(key)
    if kept is None:
        kept = whole.measures[key] = []
        for j, col in enumerate(whole.columns):
            widest = max([measure_text(_header(col), fonts.latin, fonts.east_asian, size, bold=True)]
                         + [measure_text(row[j], fonts.latin, fonts.east_asian, size) for row in whole.cells])
            kept.append(widest * SLACK * EMU_PER_PT * (BAR_ROOM if col.bar() else 1.0) + 2 * CELL_MARGIN_X)
    return kept


def _row_height(texts: Sequence[str], widths: Sequence[int], fonts: Fonts, size: float, bold: bool) -> int:
    lines = 1
    for text, width in zip(texts, widths):
        room = max(1.0, (width - 2 * CELL_MARGIN_X) / EMU_PER_PT / SLACK)
        lines = max(lines, len(wrap_text(text, room, fonts.latin, fonts.east_asian, size, bold=bold)) or 1)
    return int(lines * size * SINGLE_LINE_HEIGHT * EMU_PER_PT) + 2 * CELL_MARGIN_Y


def measure_table(table: ResolvedTable, width: int, height: int, fonts: Fonts) -> TableGeometry:
    """The table's geometry in a box of *width* x *height*: the large size with rows spread over the box
    when every row fits at 0.45" or more; else the small size at each row's own height."""
    for size in (LARGE, SMALL) if table.whole is None else (SMALL,):
        widths = column_widths(width, table, fonts, size)
        header = max(MIN_ROW, _row_height([_header(c) for c in table.columns], widths, fonts, size, True))
        count = len(table.cells)
        even = height // (count + 1)
        if size == LARGE:
            if even >= inches(0.45):  # else rows of 0.45" cannot fit, whatever their texts
                rows = _row_heights(table, widths, fonts, size, None)
                if max([header, *rows]) <= min(even, MAX_ROW):
                    each = min(MAX_ROW, even)
                    return TableGeometry(size, widths, each, [each] * count, count)
            continue
        rows = _row_heights(table, widths, fonts, size, height - header)
        if len(rows) == count:  # (a measured prefix already overflows the box: no even spread either)
            spread = [max(row, min(MAX_ROW, even)) for row in rows]
            if table.whole is None and max(header, min(MAX_ROW, even)) + sum(spread) <= height:
                return TableGeometry(size, widths, max(header, min(MAX_ROW, even)), spread, count)
        return TableGeometry(size, widths, header, rows, count)
    raise AssertionError("unreachable")


def _row_heights(table: ResolvedTable, widths: list[int], fonts: Fonts, size: float, room: int | None) -> list[int]:
    """Body row heights in order; with *room*, only up to the first row that takes their sum past it
    (rows_that_fit needs no more: the others go to the next slide, measured there)."""
    total_from = len(table.cells) - table.total_rows
    rows: list[int] = []
    used = 0
    for i, row in enumerate(table.cells):
        rows.append(max(MIN_ROW, _row_height(row, widths, fonts, size, i >= total_from)))
        used += rows[-1]
        if room is not None and used > room:
            break
    return rows


#: fewest rows a continuation slide starts with: a totals row or two rows alone on a slide read as a mistake
MIN_CONTINUED_ROWS = 3


def rows_that_fit(geometry: TableGeometry, height: int) -> int:
    """How many body rows go under the header in *height* (at least one: a row taller than the box
    is still shown, on a slide of its own). Rows move to the next slide rather than leave it fewer
    than MIN_CONTINUED_ROWS (the next slide has at least this one's room: no commentary)."""
    used, count = geometry.header, 0
    for row in geometry.rows:
        if used + row > height and count:
            break
        used += row
        count += 1
    left = geometry.body_rows - count
    if 0 < left < MIN_CONTINUED_ROWS and count > MIN_CONTINUED_ROWS:
        count -= MIN_CONTINUED_ROWS - left
    return count
