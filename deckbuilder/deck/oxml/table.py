"""Table XML python-pptx's API reaches only slowly."""

from __future__ import annotations

from collections.abc import Sequence


def set_row_heights(table, heights: Sequence[int]) -> None:
    """Give each row of python-pptx *table* its height in EMU. ``row.height = h`` re-sums every row
    into the frame's height each time (quadratic in rows); the caller sizes the frame once."""
    for tr, height in zip(table._tbl.tr_lst, heights):
        tr.h = height
