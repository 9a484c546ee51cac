"""What a slide renderer gets: the new slide, its placeholders and the slide's resolved inputs.

Renderers never read YAML or files, and never call back into the build: every
text is already rendered and every number fetched and formatted by the resolve
phase (:class:`~deckbuilder.render.resolved.ResolvedSlide`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from deckbuilder.deck.geometry import Box, inches
from deckbuilder.deck.template import SlidePlaceholders
from deckbuilder.deck.text_style import Fonts, TextStyle
from deckbuilder.render.resolved import (
    DeckFrame,
    ResolvedCard,
    ResolvedChart,
    ResolvedSlide,
    ResolvedTable,
)
from deckbuilder.spec.model import ThemeColors, ThemeSpec


@dataclass
class SlideContext:
    """One slide being rendered."""

    resolved: ResolvedSlide
    slide: Any
    placeholders: SlidePlaceholders
    slide_box: Box
    theme: ThemeSpec
    fonts: Fonts
    locale: str = "zh_CN"
    sections: list[str] = field(default_factory=list)  # rendered section titles, for the agenda
    deck_fields: dict[str, str] = field(default_factory=dict)  # rendered deck.title, presenter, date...
    frame: DeckFrame = field(default_factory=DeckFrame)
    number: int = 0  # the slide's number in the deck (1-based)
    #: (spec path, message): a value this slide could not show; the build reports them located
    warnings: list[tuple[tuple, str]] = field(default_factory=list)
    #: boxes the page frame or the logo take; the content area keeps clear of them
    reserved: list[Box] = field(default_factory=list)
    #: slide fields a renderer placed beyond its placeholders (``commentary``): the rest is warned about
    shown: set[str] = field(default_factory=set)
    #: a table's rows that did not fit on this slide: they continue on the next one
    continuation: ResolvedTable | None = None

    def warn(self, field_name: str, message: str) -> None:
        """Report that the slide's *field_name* has nowhere to go on this layout."""
        self.warnings.append(((*self.resolved.path, field_name), message))

    def warn_at(self, path: tuple, message: str) -> None:
        """Report a value written at spec *path* (a deck field) this slide could not show."""
        self.warnings.append((path, message))

    # --- shortcuts used by every renderer
    @property
    def model(self) -> Any:
        """The slide's spec model (TitleSlide, ChartSlide, ...) with its text fields rendered."""
        return self.resolved.model

    @property
    def section_number(self) -> int:
        return self.resolved.section_number

    @property
    def chart(self) -> ResolvedChart | None:
        return self.resolved.chart

    @property
    def table(self) -> ResolvedTable | None:
        return self.resolved.table

    @property
    def cards(self) -> list[ResolvedCard]:
        return self.resolved.cards

    @property
    def colors(self) -> ThemeColors:
        return self.theme.colors

    def style(self, **kw) -> TextStyle:
        kw.setdefault("color", self.colors.text)
        return TextStyle(**kw)

    def content_area(self) -> Box:
        """The mapped content area; falls back to the slide minus margins."""
        box = self.placeholders.box("content")
        if box is None:
            box = Box(inches(0.6), inches(1.5), self.slide_box.width - inches(1.2), self.slide_box.height - inches(2.0))
        title = self.placeholders.box("title")  # a fallback area, or a layout's, never runs into the title
        return clear_of(box, self.reserved + ([title] if title is not None else []))


#: Space kept between the content area and a reserved box (footer band, logo).
RESERVED_GAP = inches(0.1)


def clear_of(area: Box, reserved: list[Box]) -> Box:
    """*area* shortened so no box of *reserved* overlaps it: a box in its upper half pushes its top down,
    one in its lower half pulls its bottom up."""
    top, bottom = area.top, area.bottom
    for box in reserved:
        overlaps = box.left < area.right and area.left < box.right and box.top < bottom and top < box.bottom
        if not overlaps:
            continue
        if box.top + box.height // 2 < area.top + area.height // 2:
            top = max(top, box.bottom + RESERVED_GAP)
        else:
            bottom = min(bottom, box.top - RESERVED_GAP)
    return Box(area.left, top, area.width, max(bottom - top, 0))
