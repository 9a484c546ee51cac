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
        return box
