"""What the resolve phase hands the renderers: every value final, nothing left to look up.

Built by :mod:`deckbuilder.build.resolve` before any python-pptx call (texts
rendered, chart/table bindings turned into data, KPI values fetched and
formatted, sections numbered), in the manner of great_tables: build the data
first, then render components from it. Renderers read these and never call
back into the build.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from deckbuilder.render.charts import SeriesTable
from deckbuilder.render.charts.annotations import AnnotationMark
from deckbuilder.render.charts.layers import ChartLayers
from deckbuilder.spec.model import ChartSpec, TableColumn


@dataclass
class ResolvedChart:
    """A chart binding turned into categories and series, with its number format."""

    spec: ChartSpec  # the binding, titles rendered (``y`` filled in for a comparison metric)
    table: SeriesTable
    scale: float = 1.0  # values are multiplied by this before they go into the chart
    number_format: str = "General"  # Excel number format for labels and the value axis
    tones: list[list[int]] | None = None  # bars that are changes: per series and point, 1 good, -1 bad, 0 none
    layers: ChartLayers | None = None  # per-series type, axis and format; reference lines (None: all alike)
    value_scale: float = 1.0  # the scale already applied to the table's values (plots are scaled per series)
    format_name: str | None = None  # the spec's format name for the values (reference lines' default labels)
    scope_note: str | None = None  # a department deck's note under company-wide figures
    alt: str = ""  # alt text (the spec's ``alt:``, or derived from the title and data)
    annotations: list[AnnotationMark] = field(default_factory=list)  # CAGR and difference arrows, computed


@dataclass
class ResolvedTable:
    """A table binding as cell texts, already formatted."""

    columns: list[TableColumn]  # the columns shown, in order
    numeric: list[bool]  # per column: numbers (right-aligned by default)
    cells: list[list[str]]  # body rows, one text per column
    zebra: bool = True
    tones: list[list[int]] = field(default_factory=list)  # per row and column: 1 good change, -1 bad, 0 plain
    scope_note: str | None = None  # a department deck's note under company-wide figures
    alt: str = ""  # alt text (the spec's ``alt:``, or derived from the title and size)
    #: per row and column: (theme colour role, bold) of the threshold a value passed, or None
    marks: list[list[tuple[str, bool] | None]] = field(default_factory=list)
    #: per row and column: where a value sits in its column's colour scale (0 low .. 1 high), or None
    scales: list[list[float | None]] = field(default_factory=list)
    #: per row and column: a data bar's (start, end) as fractions of the cell's width, or None
    bars: list[list[tuple[float, float] | None]] = field(default_factory=list)
    #: per column: where zero sits in a data-bar column (0 left edge; inside when it has negatives), else None
    bar_zero: list[float | None] = field(default_factory=list)
    total_rows: int = 0  # the last rows are totals: drawn bold, on the last slide
    continued: bool = False  # this part continues the table of the slide before
    whole: ResolvedTable | None = None  # the table this part was cut from (its columns are measured over all of it)
    #: the whole table's column widths per (fonts, size), measured once for all its parts (render/table_layout.py)
    measures: dict = field(default_factory=dict, repr=False, compare=False)

    def rows(self, start: int, stop: int) -> ResolvedTable:
        """Body rows *start* to *stop* (with their colours) as a table of their own."""
        totals = max(0, min(stop, len(self.cells)) - max(start, len(self.cells) - self.total_rows))
        return replace(self, cells=self.cells[start:stop], tones=self.tones[start:stop],
                       marks=self.marks[start:stop], scales=self.scales[start:stop], bars=self.bars[start:stop],
                       total_rows=totals,
                       continued=self.continued or start > 0, whole=self.whole or self)


@dataclass
class ResolvedCard:
    """One KPI card: its texts, and the sign of the delta (which colours it)."""

    label: str
    value: str
    delta: str | None = None
    delta_sign: int = 0  # 1 up, -1 down, 0 flat
    delta_good: bool | None = None  # the change is good (True), bad (False) or none (None): its colour
    delta_label: str | None = None
    note: str | None = None
    scope_mark: str | None = None  # a department deck's mark on company-wide figures (全公司口径)
    link: str | int | None = None  # where clicking the card goes: a URL, or the index of a slide of the deck


@dataclass(frozen=True)
class ResolvedImage:
    """One picture, read and checked: its bytes, pixel size, how it fills its box and its texts."""

    blob: bytes
    size: tuple[float, float]  # (width, height) in pixels (an SVG's own units): the aspect ratio kept
    fit: str = "contain"  # contain (letterboxed) or cover (cropped to fill)
    caption: str = ""
    alt: str = ""
    svg: bool = False  # blob is a checked SVG: placed with a PNG fallback drawn for its size


@dataclass(frozen=True)
class DeckFrame:
    """What frames every content slide: footer, date, slide numbers, and the logo's pixel size."""

    footer: str = ""  # rendered deck.footer
    date: str = ""  # rendered deck.date, for a layout's date placeholder
    slide_numbers: bool = True  # deck.slide_numbers
    logo_size: tuple[float, float] | None = None  # the theme logo's (width, height) in pixels: its aspect ratio
    logo_svg: bytes | None = None  # the theme logo's bytes when it is an SVG (placed with a PNG fallback)


@dataclass
class ResolvedSlide:
    """One slide ready to draw: its model with every text field rendered, plus its data."""

    model: Any  # the slide's model (TitleSlide, ChartSlide, ...), a SlideBase with a ``kind``
    section_number: int = 0  # sections opened so far, this slide included
    path: tuple = ()  # where the slide is in the spec (``("slides", 3)``): render warnings name its fields
    chart: ResolvedChart | None = None
    table: ResolvedTable | None = None
    cards: list[ResolvedCard] = field(default_factory=list)
    images: list[ResolvedImage] = field(default_factory=list)
    #: where clicking a text goes, by ``(field, index)``: ``("commentary", 2)``, ``("points", 0)``; a URL or a
    #: slide's index in the deck
    links: dict[tuple[str, int], str | int] = field(default_factory=dict)
