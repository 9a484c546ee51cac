"""The build pipeline: spec -> data -> metrics -> text -> render -> deck.

:func:`build_deck` is the public entry point; everything else here wires the
layers together and knows nothing about how a slide looks.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from deckbuilder.deck.geometry import inches
from deckbuilder.deck.package import check_output_path, pin_core_properties, presentation_bytes, save_atomically
from deckbuilder.deck.template import TemplateDeck
from deckbuilder.deck.theme_part import apply_theme
from deckbuilder.deck.text_style import Fonts, TextStyle, write_text
from deckbuilder.tools.lint import lint_presentation
from deckbuilder.errors import DeckBuilderError, SpecError
from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import renderer_for
from deckbuilder.spec.data_model import CsvSource
from deckbuilder.spec.loaded import LoadedSpec
from deckbuilder.spec.loader import load_spec
from deckbuilder.spec.model import InlineSeriesData, InlineTableData, ThemeSpec
from deckbuilder.spec.positions import dotted_path, parse_dotted_path
from deckbuilder.spec.themes import LAYOUTS_DIR, resolve_theme
from deckbuilder.spec.variants.departments import DepartmentBuild, resolve_department
from deckbuilder.text.formatting import chart_number_format, format_value
from deckbuilder.text.templating import TextContext, render_text

if TYPE_CHECKING:  # imported lazily at run time: a spec without data never loads pandas
    import pandas

    from deckbuilder.data.cache import SourceCache
    from deckbuilder.metrics.engine import MetricEngine

DEFAULT_TEMPLATE = LAYOUTS_DIR / "default.pptx"
#: ``{{ department.* }}`` in the company deck (no department chosen): empty, never an error.
COMPANY_CONTEXT = {"name": "", "code": "", "number": 0}


@dataclass
class BuildResult:
    """What a build produced."""

    path: Path | None
    slides: int
    warnings: list[str] = field(default_factory=list)  # layout lint findings, one line each
    data: bytes = field(default=b"", repr=False)
    findings: list = field(default_factory=list, repr=False)  # deckbuilder.lint.Finding objects


def build_deck(spec: Any, *, output: str | Path | None = None, base_dir: str | Path | None = None,
               data: Mapping[str, "pandas.DataFrame"] | None = None, write: bool = True, lint: bool = True,
               department: str | None = None, overrides: Sequence[str] = ()) -> BuildResult:
    """Build a deck from *spec* (a path, YAML text, dict or loaded spec).

    *data* injects DataFrames by source name (they win over the spec's files).
    *department* builds that department's variant (its data slice, theme, template,
    slides); *overrides* are ``key=value`` settings as given to ``--set``.
    The deck is written atomically to *output* (default: ``<spec name>.pptx`` in the
    current folder); with ``write=False`` nothing is written and the bytes are in
    ``result.data``. The finished deck is linted (text overflow, overlaps, small
    text); findings come back as ``result.warnings``.

    >>> result = build_deck("specs/showcase.yaml", output="/tmp/showcase.pptx")  # doctest: +SKIP
    >>> result.slides  # doctest: +SKIP
    11
    """
    loaded = load_spec(spec, base_dir=base_dir, overrides=overrides)
    stem = Path(loaded.file).stem if loaded.file else "deck"
    target = Path(output) if output else Path(f"{stem}-{department}.pptx" if department else f"{stem}.pptx")
    if write:
        check_output_path(target)  # fail before doing any work
    variant = resolve_variant(loaded, department)
    return build_variant(variant, target if write else None, data=data, lint=lint)


def resolve_variant(loaded: LoadedSpec, department: str | None) -> DepartmentBuild:
    """The company deck (no department) or one department's variant of *loaded*."""
    if department is not None:
        return resolve_department(loaded, department)
    return DepartmentBuild(name="", loaded=loaded, filters={}, context=COMPANY_CONTEXT, file_name_fields={})


def build_variant(variant: DepartmentBuild, output: Path | None, *, data: Mapping[str, "pandas.DataFrame"] | None = None,
                  cache: "SourceCache | None" = None, lint: bool = True) -> BuildResult:
    """Render one (department) variant; write it to *output* unless that is None."""
    loaded = variant.loaded
    with located_errors(loaded, filters_at=("departments", variant.index) if variant.spec else (),
                        parent=variant.parent):
        engine = None  # a spec without data needs neither the engine nor pandas (fast start-up)
        if loaded.model.data or loaded.model.metrics or data:
            from deckbuilder.metrics.engine import MetricEngine

            engine = MetricEngine(loaded.model.data, loaded.model.metrics, base_dir=loaded.base_dir,
                                  data=dict(data or {}), filters=variant.filters, cache=cache)
        prs = DeckBuild(loaded, engine, extra_context={"department": variant.context}).render()
    blob = presentation_bytes(prs)
    if output is not None:
        save_atomically(blob, output)
    findings = lint_presentation(prs) if lint else []
    return BuildResult(output, len(prs.slides), [str(f) for f in findings], blob, findings)


@contextmanager
def located_errors(loaded: LoadedSpec, *, filters_at: tuple = (), parent: LoadedSpec | None = None):
    """Give a file and line to errors that only know their field path (``metrics.x.where``).

    The engine reports a department's data slice as ``filters.<column>``; *filters_at*
    is where those filters were written (``departments[i]``), located in *parent*,
    the company spec.
    """
    try:
        yield
    except DeckBuilderError as exc:
        issues = []
        for issue in exc.issues:
            if issue.path.startswith("filters.") and filters_at and parent is not None:
                path = filters_at + parse_dotted_path(issue.path)
                file, line, column = parent.locate(path)
                issue = replace(issue, path=dotted_path(path), file=file, line=line, column=column)
            if issue.file is None and issue.path:
                file, line, column = loaded.locate(parse_dotted_path(issue.path))
                issue = replace(issue, file=file, line=issue.line or line, column=issue.column or column)
            issues.append(issue)
        raise type(exc)(issues=issues) from None


class DeckBuild:
    """One deck being built: owns the template, theme and text context (the renderers' services)."""

    def __init__(self, loaded: LoadedSpec, engine: "MetricEngine | None", *, extra_context: dict | None = None):
        self.loaded = loaded
        self.spec = loaded.model
        self.engine = engine
        meta = self.spec.deck
        self.locale = meta.locale
        with located_errors(loaded):
            self.theme: ThemeSpec = resolve_theme(meta.theme, loaded.base_dir, file=loaded.file)
        self.fonts = Fonts(self.theme.fonts.latin, self.theme.fonts.east_asian,
                           "zh-CN" if meta.locale == "zh_CN" else "en-US")
        context = {"deck": meta.model_dump(exclude={"theme", "variables"}), **meta.variables, **(extra_context or {})}
        self.text_context = TextContext(engine, context)

    # ------------------------------------------------------------------ services for renderers
    def text(self, template: Any, path: tuple) -> str:
        if template is None:
            return ""
        template = str(template)
        if "{" not in template:
            return template
        where = self.loaded.issue("", path)
        return render_text(template, self.text_context, path=where.path, file=where.file, line=where.line)

    def metric(self, name: str, path: tuple):
        return self.engine.get(name)

    def format(self, value: Any, fmt: str | None, path: tuple) -> str:
        return self._located(path, format_value, value, fmt or "num", locale=self.locale)

    def chart_format(self, fmt: str | None, path: tuple) -> tuple[float, str]:
        if not fmt:
            return 1.0, "General"
        return self._located(path, chart_number_format, fmt)

    def frame(self, binding: Any, path: tuple) -> "pandas.DataFrame":
        """The DataFrame behind a chart or table binding (metric, inline data or CSV)."""
        import pandas as pd

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

    def _read_csv(self, name: str, path: tuple) -> "pandas.DataFrame":
        """A chart's or table's ``csv:`` file, read like a CSV source, errors located at the binding."""
        from deckbuilder.data.sources import read_source

        return self._located(path, read_source, name, CsvSource(type="csv", path=name), self.loaded.base_dir)

    def _located(self, path: tuple, func, *args, **kwargs):
        """Call *func*; locate any error it raises at *path* (a format name, a csv: binding)."""
        try:
            return func(*args, **kwargs)
        except DeckBuilderError as exc:
            where = self.loaded.issue("", path)
            raise type(exc)(issues=[replace(where, message=i.message, hint=i.hint) for i in exc.issues]) from None

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
            if self.theme.logo and model.shows_logo:
                self._add_logo(slide, deck)
        pin_core_properties(deck.prs, title=deck_fields.get("title", ""))
        return deck.prs

    def _add_logo(self, slide, deck: TemplateDeck) -> None:
        logo = Path(self.theme.logo)
        if not logo.is_file():
            raise SpecError(issues=[self.loaded.issue(f"logo image not found: {logo}", ("deck", "theme", "logo"))])
        height = inches(0.45)
        picture = slide.shapes.add_picture(str(logo), 0, inches(0.3), height=height)
        picture.left = deck.slide_box.width - picture.width - inches(0.4)
        picture.name = "Logo"
