"""Data bars in a table column: a bar behind each number, as long as the value from zero.

PowerPoint tables have no data bars, and a cell's gradient fill with hard stops (the other way to
draw one) is not drawn by LibreOffice, so the bars are rectangles behind the table: the column's
cells are left unfilled, and for each body row a band in the row's fill (zebra, totals) and the bar
are drawn in one group, marked decorative (screen readers skip it; the reading order puts it behind
the table). A column with negative values gets a zero line; negative bars run left from it, in their
own colour. Bars span the cell's width inside its text margins and the middle of the row's height.
"""

from __future__ import annotations

from collections.abc import Sequence

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE

from deckbuilder.deck.geometry import Box, points
from deckbuilder.deck.oxml.accessibility import mark_decorative

BAR_HEIGHT = 0.6  # of the row's height
ZERO_LINE = points(1)


def draw_data_bars(slide, cells: Sequence[Box], fills: Sequence[str], spans: Sequence[tuple[float, float] | None],
                   zero: float, colours: tuple[str, str, str], *, inset: int, totals: int, name: str):
    """A decorative group behind the column whose body cells are *cells*: each cell's band in *fills*, the
    bar of *spans* (fractions of the width inside *inset*), a zero line at *zero* when it is inside (down
    to the last row before the *totals* rows). *colours*: (bar, negative bar, zero line)."""
    group = slide.shapes.add_group_shape()
    group.name = name
    bar, negative, line = colours
    for cell, fill, span in zip(cells, fills, spans):
        _rect(group, cell, fill, "Band")
        if span is None:
            continue
        inner = cell.width - 2 * inset
        left = cell.left + inset + round(inner * span[0])
        height = round(cell.height * BAR_HEIGHT)
        width = max(1, round(inner * (span[1] - span[0])))
        _rect(group, Box(left, cell.top + (cell.height - height) // 2, width, height),
              negative if span[0] < zero else bar, "Bar")
    lined = cells[:len(cells) - totals]
    if zero > 0 and lined:
        top, bottom = lined[0].top, lined[-1].top + lined[-1].height
        x = cells[0].left + inset + round((cells[0].width - 2 * inset) * zero) - ZERO_LINE // 2
        _rect(group, Box(x, top, ZERO_LINE, bottom - top), line, "Zero line")
    mark_decorative(group)
    return group


def _rect(group, box: Box, colour: str, name: str) -> None:
    shape = group.shapes.add_shape(MSO_SHAPE.RECTANGLE, box.left, box.top, box.width, box.height)
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(colour)
    shape.line.fill.background()
    shape.shadow.inherit = False
