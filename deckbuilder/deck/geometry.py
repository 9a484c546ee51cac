"""Boxes in EMU and the small arithmetic renderers do with them (grids, splits)."""

from __future__ import annotations

from dataclasses import dataclass

EMU_PER_INCH = 914400
EMU_PER_PT = 12700


def inches(value: float) -> int:
    return int(round(value * EMU_PER_INCH))


def points(value: float) -> int:
    return int(round(value * EMU_PER_PT))


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def inset(self, dx: int, dy: int | None = None) -> Box:
        dy = dx if dy is None else dy
        return Box(self.left + dx, self.top + dy, max(self.width - 2 * dx, 0), max(self.height - 2 * dy, 0))

    def take_bottom(self, height: int, gap: int = 0) -> tuple[Box, Box]:
        """Split into the area above and a band of *height* at the bottom."""
        rest = Box(self.left, self.top, self.width, max(self.height - height - gap, 0))
        bottom = Box(self.left, self.bottom - height, self.width, height)
        return rest, bottom

    def columns(self, n: int, gap: int) -> list[Box]:
        width = (self.width - gap * (n - 1)) // n
        return [Box(self.left + i * (width + gap), self.top, width, self.height) for i in range(n)]

    def rows(self, n: int, gap: int) -> list[Box]:
        height = (self.height - gap * (n - 1)) // n
        return [Box(self.left, self.top + i * (height + gap), self.width, height) for i in range(n)]

    def grid(self, count: int, columns: int, gap: int) -> list[Box]:
        """*count* cells, row by row, *columns* per row."""
        n_rows = -(-count // columns)
        cells = []
        for row in self.rows(n_rows, gap):
            cells.extend(row.columns(columns, gap))
        return cells[:count]
