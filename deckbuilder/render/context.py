"""What a slide renderer gets: the new slide, its placeholders, and deck-wide services.

Renderers never read YAML or files. Everything they need arrives here, already
typed: the slide's model, the theme, a way to render a text template, to fetch
a metric, and to turn a chart/table binding into a DataFrame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from deckbuilder.deck.geometry import Box, inches
from deckbuilder.deck.template import SlidePlaceholders
from deckbuilder.deck.text_style import Fonts, TextStyle
from deckbuilder.spec.model import ThemeSpec

if TYPE_CHECKING:
    import pandas


class DeckServices(Protocol):
    """Deck-wide services the build pipeline provides to every renderer."""

    theme: ThemeSpec
    fonts: Fonts
    locale: str

    def text(self, template: Any, path: tuple) -> str: ...
    def metric(self, name: str, path: tuple) -> Any: ...
    def frame(self, binding: Any, path: tuple) -> "pandas.DataFrame": ...
    def format(self, value: Any, fmt: str | None, path: tuple) -> str: ...
    def chart_format(self, fmt: str | None, path: tuple) -> tuple[float, str]: ...


@dataclass
class SlideContext:
    """One slide being rendered."""

    model: Any  # the slide's spec model (TitleSlide, ChartSlide, ...)
    slide: Any
    placeholders: SlidePlaceholders
    services: DeckServices
    path: tuple  # ("slides", i): prefix for error locations
    slide_box: Box
    sections: list[str] = field(default_factory=list)  # rendered section titles, for the agenda
    section_number: int | None = None
    deck_fields: dict[str, str] = field(default_factory=dict)  # rendered deck.title, presenter, date...

    # --- shortcuts used by every renderer
    @property
    def theme(self) -> ThemeSpec:
        return self.services.theme

    @property
    def fonts(self) -> Fonts:
        return self.services.fonts

    @property
    def colors(self):
        return self.services.theme.colors

    def text(self, template: Any, *field_path) -> str:
        """Render a text template found at ``slides[i].<field_path>``."""
        if template is None:
            return ""
        return self.services.text(template, self.path + tuple(field_path))

    def style(self, **kw) -> TextStyle:
        kw.setdefault("color", self.colors.text)
        return TextStyle(**kw)

    def content_area(self) -> Box:
        """The mapped content area; falls back to the slide minus margins."""
        box = self.placeholders.box("content")
        if box is None:
            box = Box(inches(0.6), inches(1.5), self.slide_box.width - inches(1.2), self.slide_box.height - inches(2.0))
        return box
