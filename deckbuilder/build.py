"""The build pipeline: spec -> data -> metrics -> text -> render -> deck.

:func:`build_deck` is the public entry point; everything else here wires the
layers together and knows nothing about how a slide looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from deckbuilder.deck.geometry import inches
from deckbuilder.deck.package import check_output_path, pin_core_properties, presentation_bytes, save_atomically
from deckbuilder.deck.template import TemplateDeck
from deckbuilder.deck.theme_part import apply_theme
from deckbuilder.deck.text_style import Fonts, TextStyle, write_text
from deckbuilder.lint import lint_presentation
from deckbuilder.errors import DataError, DeckBuilderError, Issue, SpecError
from deckbuilder.metrics.engine import MetricEngine
from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import renderer_for
from deckbuilder.spec.loader import LAYOUTS_DIR, LoadedSpec, load_spec, resolve_theme
from deckbuilder.spec.model import InlineSeriesData, InlineTableData, ThemeSpec
from deckbuilder.spec.positions import dotted_path
from deckbuilder.text.formatting import chart_number_format, format_value
from deckbuilder.text.templating import TextContext, render_text

DEFAULT_TEMPLATE = LAYOUTS_DIR / "default.pptx"
CONTENT_KINDS = ("agenda", "points", "kpi", "chart", "table", "chart_text")


@dataclass
class BuildResult:
    """What a build produced."""

    path: Path | None
    slides: int
    warnings: list[str] = field(default_factory=list)  # layout lint findings, one line each
    data: bytes = field(default=b"", repr=False)
    findings: list = field(default_factory=list, repr=False)  # deckbuilder.lint.Finding objects


def build_deck(spec: Any, *, output: str | Path | None = None, base_dir: str | Path | None = None,
               data: Mapping[str, pd.DataFrame] | None = None, write: bool = True,
               lint: bool = True) -> BuildResult:
    """Build a deck from *spec* (a path, YAML text, dict or loaded spec).

    *data* injects DataFrames by source name (they win over the spec's files).
    The deck is written atomically to *output* (default: ``<spec name>.pptx`` in the
    current folder); with ``write=False`` nothing is written and the bytes are in
    ``result.data``. The finished deck is linted (text overflow, overlaps, small
    text); findings come back as ``result.warnings``.

    >>> result = build_deck("specs/showcase.yaml", output="/tmp/showcase.pptx")  # doctest: +SKIP
    >>> result.slides  # doctest: +SKIP
    12
    """
    loaded = load_spec(spec, base_dir=base_dir)
    target = Path(output) if output else Path((Path(loaded.file).stem if loaded.file else "deck") + ".pptx")
    if write:
        check_output_path(target)  # fail before doing any work
    engine = MetricEngine(loaded.model.data, loaded.model.metrics, base_dir=loaded.base_dir, data=dict(data or {}))
    builder = DeckBuild(loaded, engine)
    prs = builder.render()
    blob = presentation_bytes(prs)
    if write:
        save_atomically(blob, target)
    findings = lint_presentation(prs) if lint else []
    return BuildResult(target if write else None, len(prs.slides), [str(f) for f in findings], blob, findings)


class DeckBuild:
    """One deck being built: owns the template, theme and text context (the renderers' services)."""

    def __init__(self, loaded: LoadedSpec, engine: MetricEngine, *, extra_context: dict | None = None):
        self.loaded = loaded
        self.spec = loaded.model
        self.engine = engine
        meta = self.spec.deck
        self.locale = meta.locale
        self.theme: ThemeSpec = resolve_theme(meta.theme, loaded.base_dir, file=loaded.file)
        self.fonts = Fonts(self.theme.fonts.latin, self.theme.fonts.east_asian,
                           "zh-CN" if meta.locale == "zh_CN" else "en-US")
        context = {"deck": meta.model_dump(exclude={"theme", "variables"}), **meta.variables, **(extra_context or {})}
        self.text_context = TextContext(engine, context)

    # ------------------------------------------------------------------ services for renderers
    def text(self, template: Any, path: tuple) -> str:
        if template is None:
            return ""
        line = self.loaded.source_map.locate(path)[0]
        return render_text(str(template), self.text_context, path=dotted_path(path), file=self.loaded.file, line=line)

    def metric(self, name: str, path: tuple):
        return self.engine.get(name)

    def format(self, value: Any, fmt: str | None, path: tuple) -> str:
        return self._located(path, format_value, value, fmt or "num", locale=self.locale)

    def chart_format(self, fmt: str | None, path: tuple) -> tuple[float, str]:
        if not fmt:
            return 1.0, "General"
        return self._located(path, chart_number_format, fmt)

    def frame(self, binding: Any, path: tuple) -> pd.DataFrame:
        """The DataFrame behind a chart or table binding (metric, inline data or CSV)."""
        if binding.metric:
            result = self.engine.get(binding.metric)
            if result.kind != "table":
                raise SpecError(issues=[self.loaded.issue(
                    f"metric '{binding.metric}' is a single value; a chart or table needs a table metric",
                    path + ("metric",), hint="use a metric with 'by:' or a time grain")])
            return result.table
        if isinstance(binding.data, InlineSeriesData):
            frame = pd.DataFrame({"category": [str(c) for c in binding.data.categories]})
            for name, values in binding.data.series.items():
                frame[name] = values
            return frame
        if isinstance(binding.data, InlineTableData):
            return pd.DataFrame(binding.data.rows, columns=binding.data.columns)
        return self._read_csv(binding.csv, path + ("csv",))

    def _read_csv(self, name: str, path: tuple) -> pd.DataFrame:
        file = (self.loaded.base_dir / name)
        if not file.is_file():
            raise DataError(issues=[self.loaded.issue(f"CSV file not found: {file}", path,
                                                      hint="paths are relative to the spec file's folder")])
        try:
            return pd.read_csv(file)
        except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
            raise DataError(issues=[self.loaded.issue(f"cannot read CSV {file}: {exc}", path)]) from None

    def _located(self, path: tuple, func, *args, **kwargs):
        """Call *func*; give a location to any spec error it raises about a format name."""
        try:
            return func(*args, **kwargs)
        except DeckBuilderError as exc:
            located = [Issue(i.message, path=dotted_path(path), file=self.loaded.file,
                             line=self.loaded.source_map.locate(path)[0], hint=i.hint) for i in exc.issues]
            raise type(exc)(issues=located) from None

    # ------------------------------------------------------------------ the deck
    def _template(self) -> TemplateDeck:
        meta = self.spec.deck
        base = self.loaded.base_dir
        template = (base / meta.template) if meta.template else DEFAULT_TEMPLATE
        map_path = (base / meta.layout_map) if meta.layout_map else template.with_suffix(".yaml")
        return TemplateDeck(template, map_path)

    def render(self):
        """Render every slide into a new presentation and return it (python-pptx object)."""
        deck = self._template()
        theme = self.theme
        apply_theme(deck.prs, theme.colors, theme.palette, theme.fonts.latin, theme.fonts.east_asian)
        meta = self.spec.deck
        deck_fields = {name: self.text(getattr(meta, name), ("deck", name))
                       for name in ("title", "subtitle", "presenter", "date") if getattr(meta, name)}
        slides = list(enumerate(self.spec.slides))
        sections = [self.text(s.title, ("slides", i, "title")) for i, s in slides if s.kind == "section"]
        section_number = 0
        for i, model in slides:
            slide, placeholders = deck.add_slide(model.kind)
            if model.kind == "section":
                section_number += 1
            ctx = SlideContext(model=model, slide=slide, placeholders=placeholders, services=self,
                               path=("slides", i), slide_box=deck.slide_box, sections=sections,
                               section_number=section_number, deck_fields=deck_fields)
            renderer_for(model.kind)(ctx)
            placeholders.remove_unused()
            if model.notes:
                write_text(slide.notes_slide.notes_text_frame, ctx.text(model.notes, "notes").split("\n"),
                           self.fonts, TextStyle(size=12))
            if self.theme.logo and model.kind in CONTENT_KINDS:
                self._add_logo(slide, deck)
        pin_core_properties(deck.prs, title=deck_fields.get("title", ""))
        return deck.prs

    def _add_logo(self, slide, deck: TemplateDeck) -> None:
        logo = Path(self.theme.logo)
        if not logo.is_file():
            raise SpecError(issues=[Issue(f"logo image not found: {logo}", path="deck.theme.logo",
                                          file=self.loaded.file)])
        height = inches(0.45)
        picture = slide.shapes.add_picture(str(logo), 0, inches(0.3), height=height)
        picture.left = deck.slide_box.width - picture.width - inches(0.4)
        picture.name = "Logo"
