"""The resolve phase: everything a deck needs, computed before any python-pptx call.

Texts are rendered (``{{ }}`` templates over the metrics), chart and table
bindings turned into data, KPI values and deltas fetched and formatted,
sections numbered, the theme and template resolved once. The renderers then
draw from these plain inputs (:mod:`deckbuilder.render.resolved`), the way
great_tables builds its data first and renders components from it.

Resolution is generic: the text fields of every spec model are marked on the
model (``text_fields``), and the components a slide holds (a chart, a table,
KPI cards) are resolved by their type, whatever kind of slide holds them. A new
slide kind made of existing components needs nothing here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckbuilder.build.alt_texts import describe_graphics
from deckbuilder.build.chart_annotations import resolve_annotations
from deckbuilder.build.chart_options import check_chart_options, check_funnel, check_panels, order_categories
from deckbuilder.build.chart_plots import (
    add_reference_lines,
    bound_waterfall,
    check_chart_parts,
    inline_numbers,
    plots_as_points,
    resolve_plots,
)
from deckbuilder.build.images import check_logo, resolve_images
from deckbuilder.build.links import resolve_link, text_links
from deckbuilder.build.locate import ErrorLocator
from deckbuilder.build.repeat import repeat_resolvers
from deckbuilder.build.scope_marking import MarkScopes
from deckbuilder.build.table_cells import (
    bar_spans,
    one_unit_format,
    scale_positions,
    summed,
    threshold_marks,
    totals_row,
)
from deckbuilder.deck.template import LayoutChoice, check_pptx_file
from deckbuilder.deck.text_style import Fonts
from deckbuilder.errors import DataError, SpecError, TemplateError, allowed_hint
from deckbuilder.limits import MAX_TEXT_LENGTH
from deckbuilder.render.charts import series_from_frame, series_from_inline
from deckbuilder.render.charts.kinds import CHART_KINDS
from deckbuilder.render.charts.series import points_from_frame
from deckbuilder.render.charts.value_axis import chart_problems
from deckbuilder.render.resolved import (
    DeckFrame,
    ResolvedCard,
    ResolvedChart,
    ResolvedSlide,
    ResolvedTable,
)
from deckbuilder.render.slides.agenda import MAX_AGENDA_SECTIONS
from deckbuilder.render.tables import table_columns
from deckbuilder.spec.data_model import CsvSource
from deckbuilder.spec.image_model import ImagesFromData, ImageSpec
from deckbuilder.spec.layout_map import load_layout_map
from deckbuilder.spec.links import LinkedText
from deckbuilder.spec.loaded import LoadedSpec
from deckbuilder.spec.model import (
    ChartSpec,
    InlineTableData,
    KpiCard,
    SlideBase,
    Strict,
    TableColumn,
    TableSpec,
    ThemeSpec,
)
from deckbuilder.spec.params import param_values
from deckbuilder.spec.positions import dotted_path
from deckbuilder.spec.themes import resolve_theme, template_files
from deckbuilder.text.formatting import chart_number_format, format_value, governed_format, is_change_format, tone
from deckbuilder.text.templating import TextContext, render_text

if TYPE_CHECKING:  # imported lazily at run time: a spec without data never loads pandas
    import pandas

    from deckbuilder.metrics.engine import MetricEngine
    from deckbuilder.metrics.results import MetricResult

#: ``{{ department.* }}`` in the company deck (no department chosen): empty, never an error.
COMPANY_CONTEXT = {"name": "", "code": "", "number": 0}
DECK_FIELDS = ("title", "subtitle", "presenter", "date")  # deck fields slides fall back to


@dataclass
class ResolvedDeck:
    """A whole deck ready to draw."""

    theme: ThemeSpec
    fonts: Fonts
    locale: str
    template: Path
    map_file: str
    layouts: dict[str, LayoutChoice]  # every entry of the layout map, by slide kind
    deck_fields: dict[str, str]  # rendered deck.title, subtitle, presenter, date (those given)
    sections: list[str]  # rendered titles of the slides that open a section, for the agenda
    slides: list[ResolvedSlide]
    frame: DeckFrame = field(default_factory=DeckFrame)  # footer, date, slide numbers, logo size


def resolve_deck(loaded: LoadedSpec, engine: MetricEngine | None, locator: ErrorLocator, *,
                 extra_context: dict | None = None, department: bool = False) -> ResolvedDeck:
    """Resolve every slide of *loaded*; errors are located in the spec (run inside ``locator.errors()``).

    *department*: a department's deck, where figures of company-wide data are marked (``scope_marks.py``).
    """
    return Resolver(loaded, engine, locator, extra_context=extra_context, department=department).deck()


def resolve_layouts(loaded: LoadedSpec) -> tuple[Path, str, dict[str, LayoutChoice]]:
    """The template, its layout-map file and the map as plain choices, checked against the kinds used.

    A map needs only the kinds the deck uses; a slide of an unmapped kind is an
    error located at that slide.
    """
    template, map_file = template_files(loaded.model.deck, loaded.base_dir)
    check_pptx_file(template, what="template")  # first: a missing template is the clearer error
    layout_map = load_layout_map(map_file)
    unmapped = [loaded.issue(f"no layout for slide kind '{slide.kind}' in layout map {map_file.name}",
                             ("slides", i, "kind"), hint="add it under 'layouts:' in " + str(map_file))
                for i, slide in enumerate(loaded.model.slides) if slide.kind not in layout_map.layouts]
    if unmapped:
        raise TemplateError("the layout map lacks kinds this deck uses", issues=unmapped)
    choices = {kind: LayoutChoice(entry.layout, {role: (ref.type, ref.idx) for role, ref in entry.placeholders.items()})
               for kind, entry in layout_map.layouts.items()}
    return template, str(map_file), choices


class Resolver:
    """Resolves one deck: owns the text context, the locale and where errors are located."""

    def __init__(self, loaded: LoadedSpec, engine: MetricEngine | None, locator: ErrorLocator, *,
                 extra_context: dict | None = None, department: bool = False):
        self.loaded = loaded
        self.engine = engine
        self.locator = locator
        self.extra_context, self.department = dict(extra_context or {}), department
        meta = loaded.model.deck
        self.locale = meta.locale
        params = engine.params() if engine is not None else param_values(loaded.model.params)
        context = {"deck": meta.model_dump(exclude={"theme", "variables"}), **meta.variables, **params,
                   "params": params, **(extra_context or {})}
        self.text_context = TextContext(engine, context)
        self.marks = MarkScopes(engine, self.locale) if department and engine is not None else None

    def deck(self) -> ResolvedDeck:
        meta = self.loaded.model.deck
        theme = resolve_theme(meta.theme, self.loaded.base_dir, file=self.loaded.file)
        fonts = Fonts(theme.fonts.latin, theme.fonts.east_asian, "zh-CN" if meta.locale == "zh_CN" else "en-US")
        template, map_file, layouts = resolve_layouts(self.loaded)
        deck_fields = {name: self.text(getattr(meta, name), ("deck", name)) for name in DECK_FIELDS
                       if getattr(meta, name)}
        slides, section_number = [], 0
        for i, model in enumerate(self.loaded.model.slides):
            for resolver in repeat_resolvers(self, model, ("slides", i)):  # [self] unless the slide repeats
                section_number += model.opens_section
                with resolver.locator.errors():  # a copy's own locator places its group filter's errors
                    slides.append(resolver.slide(model, ("slides", i), section_number))
        logo_size, logo_svg = None, None
        if theme.logo and any(theme.shows_logo_on(s.model) for s in slides):
            logo_size, logo_svg = check_logo(Path(theme.logo), self.loaded.issue("", ("deck", "theme", "logo")))
        frame = DeckFrame(footer=self.text(meta.footer, ("deck", "footer")), date=deck_fields.get("date", ""),
                          slide_numbers=meta.slide_numbers, logo_size=logo_size, logo_svg=logo_svg)
        sections = [s.model.title or "" for s in slides if s.model.opens_section]
        agendas = [i for i, s in enumerate(self.loaded.model.slides) if s.kind == "agenda"]
        if agendas and len(sections) > MAX_AGENDA_SECTIONS:
            raise SpecError(issues=[self.loaded.issue(
                f"the agenda would list {len(sections)} sections; it shows at most {MAX_AGENDA_SECTIONS}",
                ("slides", agendas[0], "kind"), hint="merge sections, or leave the agenda slide out")])
        return ResolvedDeck(theme, fonts, self.locale, template, map_file, layouts, deck_fields, sections, slides,
                            frame)

    def slide(self, model: SlideBase, path: tuple, section_number: int) -> ResolvedSlide:
        """One slide: its text fields rendered and each component it holds resolved."""
        if self.marks is not None:
            self.marks.start_slide(model)
        resolved = ResolvedSlide(self.texts(model, path), section_number, path=path,
                                 links=text_links(self, model, path))
        for name in type(model).model_fields:
            value = getattr(resolved.model, name)
            if isinstance(value, ChartSpec):
                resolved.chart = self.chart(value, path + (name,))
            elif isinstance(value, TableSpec):
                resolved.table = self.table(value, path + (name,))
            elif isinstance(value, (ImageSpec, ImagesFromData)) or (isinstance(value, list) and value
                                                                    and isinstance(value[0], ImageSpec)):
                resolved.images += resolve_images(self, value, path + (name,))
            elif isinstance(value, list) and value and isinstance(value[0], KpiCard):
                resolved.cards = [self.card(card, path + (name, j)) for j, card in enumerate(value)]
        describe_graphics(self, resolved, path)
        return resolved

    # ------------------------------------------------------------------ texts
    def text(self, template: Any, path: tuple) -> str:
        """One text field rendered; plain text (no ``{``) is returned as is."""
        if template is None:
            return ""
        template = str(template)
        if len(template) > MAX_TEXT_LENGTH:  # beyond any slide; and fitting it would cost seconds per MB
            raise SpecError(issues=[self.locator.issue(
                f"text of {len(template):,} characters is longer than the limit of {MAX_TEXT_LENGTH:,}", path,
                hint="a text field holds what fits on a slide; put long material in a file or the notes of "
                     "several slides (see docs/limits.md)")])
        if "{" not in template:
            return template
        where = self.loaded.issue("", path)
        self.text_context.used.clear()
        text = render_text(template, self.text_context, path=where.path, file=where.file, line=where.line)
        if self.marks is not None:
            self.marks.note_text(path, self.text_context.used)
        return text

    def texts(self, model: Strict, path: tuple) -> Any:
        """A copy of *model* with its ``text_fields`` (and those of nested models) rendered."""
        update: dict[str, Any] = {}
        for name in type(model).text_fields:
            value = getattr(model, name)
            if isinstance(value, str):
                update[name] = self.text(value, path + (name,))
            elif isinstance(value, list):
                update[name] = [self.text(item.text if isinstance(item, LinkedText) else item, path + (name, k))
                                for k, item in enumerate(value)]  # a linked item's link: build/links.py
        if self.marks is not None:
            update = self.marks.mark_fields(model, update, path)
        for name in type(model).model_fields:
            value = getattr(model, name)
            if isinstance(value, Strict):
                update[name] = self.texts(value, path + (name,))
            elif isinstance(value, list) and name not in update and any(isinstance(i, Strict) for i in value):
                update[name] = [self.texts(item, path + (name, k)) if isinstance(item, Strict) else item
                                for k, item in enumerate(value)]
        return model.model_copy(update=update) if update else model

    # ------------------------------------------------------------------ values
    def metric(self, name: str, path: tuple) -> MetricResult:
        """Metric *name*, referenced at *path*: errors without a place of their own are located there."""
        assert self.engine is not None, "check_references guarantees metrics exist when slides use them"
        with self.locator.at(path, keep_own=True):
            return self.engine.get(name, path=dotted_path(path))

    def table_metric(self, name: str, path: tuple, needs: str, hint: str) -> pandas.DataFrame:
        """The rows of table metric *name* at *path*; a single value is a located error saying what *needs* it."""
        result = self.metric(name, path)
        if result.kind != "table" or result.table is None:
            raise SpecError(issues=[self.locator.issue(f"metric '{name}' is a single value; {needs}", path,
                                                       hint=hint)])
        return result.table

    def format(self, value: Any, fmt: str | None, path: tuple) -> str:
        """*value* as text in number format *fmt* (default ``num``); a bad format is located at *path*."""
        with self.locator.at(path):
            return format_value(value, fmt or "num", locale=self.locale)

    def chart_format(self, fmt: str | None, path: tuple) -> tuple[float, str]:
        """(scale, Excel number format) for a chart, in the deck's locale."""
        if not fmt:
            return 1.0, "General"
        with self.locator.at(path):
            return chart_number_format(fmt, self.locale)

    # ------------------------------------------------------------------ components
    def frame(self, binding: ChartSpec | TableSpec, path: tuple) -> pandas.DataFrame:
        """The DataFrame behind a chart or table binding: a table metric, inline table data or a CSV file."""
        if binding.metric:
            return self.table_metric(binding.metric, path + ("metric",), "a chart or table needs a table metric",
                                     "use a metric with 'by:' or a time grain")
        if isinstance(binding.data, InlineTableData):
            import pandas as pd

            return pd.DataFrame(binding.data.rows, columns=binding.data.columns)
        from deckbuilder.data.sources import read_source

        assert binding.csv is not None, "the model requires one of metric, data or csv"
        with self.locator.at(path + ("csv",)):
            return read_source(binding.csv, CsvSource(type="csv", path=binding.csv), self.loaded.base_dir)

    def chart(self, spec: ChartSpec, path: tuple) -> ResolvedChart:
        check_chart_parts(self, spec, path)
        check_chart_options(self, spec, path)
        if spec.plots is not None:
            resolved = resolve_plots(self, spec, path)
            if spec.type in ("scatter", "bubble"):
                resolved = plots_as_points(self, resolved, path)
        else:
            resolved = self._bound_chart(spec, path)
            if spec.type == "waterfall":
                resolved = bound_waterfall(self, resolved, path)
        check_funnel(self, resolved, spec, path)
        check_panels(self, resolved, spec, path)
        resolved = add_reference_lines(self, order_categories(self, resolved, spec, path), spec, path)
        resolved = resolve_annotations(self, resolved, spec, path)
        resolved.scope_note = next(filter(None, (self._caption(name) for _, name in spec.metric_references())), None)
        return resolved

    def _bound_chart(self, spec: ChartSpec, path: tuple) -> ResolvedChart:
        if spec.metric:  # the metric's format governs its chart's labels unless the chart says otherwise
            metric_format = self.metric(spec.metric, path + ("metric",)).format
            spec = spec.model_copy(update={"number_format": governed_format(spec.number_format, metric_format)})
        spec = inline_numbers(self, spec, path)
        if spec.type in ("scatter", "bubble"):
            frame = self._points_frame(spec, path)
            self._check_chart_columns(frame, spec, path)
            with self.locator.at(path):
                table = points_from_frame(frame, spec, sizes=spec.type == "bubble")
        elif spec.data is not None:
            table = series_from_inline(spec.data)
        else:
            if spec.metric and spec.y is None and spec.series is None:
                # A comparison or target metric plots its value, not its supporting columns.
                spec = spec.model_copy(update={"y": self.metric(spec.metric, path + ("metric",)).series_columns})
            frame = self.frame(spec, path)
            self._check_chart_columns(frame, spec, path)
            with self.locator.at(path):
                table = series_from_frame(frame, spec)
        problems = chart_problems(spec, CHART_KINDS[spec.type], table)
        if problems:
            raise SpecError(issues=[self.locator.issue(p.message, path + p.at, hint=p.hint) for p in problems])
        scale, number_format = self.chart_format(spec.number_format, path + ("number_format",))
        return ResolvedChart(spec, table, scale, number_format, tones=self._chart_tones(spec, table),
                             format_name=spec.number_format)

    def _changes(self, binding: ChartSpec | TableSpec, own_better: str | None, fmt: str | None,
                 column: str | None = None) -> str | None:
        """Which way is good when *binding* (or its *column*) shows changes, None when it does not:
        its own ``better:``, else the metric's when the values are a change (a change format, or
        the value column of a ``compare:`` metric)."""
        if own_better == "mixed":  # rises good for some categories, bad for others: colour none
            return None
        metric = self.loaded.model.metrics.get(binding.metric) if binding.metric else None
        compared = metric is not None and metric.compare is not None and column in (None, metric.as_ or binding.metric)
        if own_better is None and not (is_change_format(fmt) or compared):
            return None
        return own_better or (metric.better if metric is not None else None) or "higher"

    def _chart_tones(self, spec: ChartSpec, table) -> list[list[int]] | None:
        better = self._changes(spec, spec.better, spec.number_format)
        return None if better is None else [[tone(v, better) for v in values] for _, values in table.series]

    def _points_frame(self, spec: ChartSpec, path: tuple) -> pandas.DataFrame:
        """A scatter's rows: inline data's categories name the points, its series are the columns."""
        if spec.data is None:
            return self.frame(spec, path)
        import pandas as pd

        return pd.DataFrame({"name": spec.data.categories, **spec.data.series})

    def _check_chart_columns(self, frame: pandas.DataFrame, spec: ChartSpec, path: tuple) -> None:
        """Every column the binding names exists; each missing one located where it was written."""
        names = [str(c) for c in frame.columns]
        named: list[tuple[str | None, tuple]] = [(spec.x, ("x",)), (spec.series, ("series",)),
                                                 (spec.point_labels, ("point_labels",)), (spec.size, ("size",)),
                                                 (spec.facet_column, ("facet",))]
        if isinstance(spec.y, str):
            named.append((spec.y, ("y",)))
        else:
            named += [(y, ("y", k)) for k, y in enumerate(spec.y or [])]
        issues = [self.locator.issue(f"no column '{name}' in the chart data", path + at, hint=allowed_hint(name, names))
                  for name, at in named if name is not None and name not in names]
        if issues:
            raise DataError(issues=issues)

    def table(self, spec: TableSpec, path: tuple) -> ResolvedTable:
        from pandas.api.types import is_numeric_dtype

        frame = self.frame(spec, path)
        if spec.max_rows:
            frame = frame.head(spec.max_rows)
        frame = frame.copy()
        frame.columns = [str(c) for c in frame.columns]
        names = list(frame.columns)
        missing = [self.locator.issue(f"no column '{col.name}' in the table data", path + ("columns", j, "name"),
                                      hint=allowed_hint(col.name, names))
                   for j, col in enumerate(spec.columns or []) if col.name not in names]
        if missing:
            raise DataError(issues=missing)
        columns = table_columns(names, spec.columns)
        # the metric's format governs its value column unless the column says otherwise
        metric = self.metric(spec.metric, path + ("metric",)) if spec.metric else None
        texts, formats = [], []  # one unit and one number of decimals per column: aligned on the decimal point
        for j, col in enumerate(columns):
            fmt_path = path + (("columns", j, "format") if spec.columns else ("columns",))
            formats.append(one_unit_format(self._column_format(spec, col, metric), frame[col.name].tolist(),
                                           self.locale))
            texts.append([self._cell_text(value, formats[j], fmt_path) for value in frame[col.name].tolist()])
        cells = [list(row) for row in zip(*texts)] if texts else []
        numeric = [bool(is_numeric_dtype(frame[col.name])) for col in columns]
        betters = [self._changes(spec, col.better, col.format, col.name) if is_numeric else None
                   for col, is_numeric in zip(columns, numeric)]
        values = [list(row) for row in frame[[col.name for col in columns]].itertuples(index=False)]
        tones = ([[tone(v, better) if better else 0 for v, better in zip(row, betters)] for row in values]
                 if any(betters) else [])
        not_numbers = [self.locator.issue(f"column '{col.name}' holds text: a data bar needs numbers",
                                          path + ("columns", j, "data_bar")) for j, col in enumerate(columns)
                       if col.bar() and not numeric[j]]
        if not_numbers:
            raise DataError(issues=not_numbers)
        bars, bar_zero = bar_spans(columns, values)
        table = ResolvedTable(columns, numeric, cells, spec.zebra, tones, scope_note=self._caption(spec.metric),
                              marks=threshold_marks(columns, values), scales=scale_positions(columns, values),
                              bars=bars, bar_zero=bar_zero, total_rows=1 if spec.total_row and cells else 0)
        if spec.totals == "sum":
            adds = [summed(col, is_numeric, self._column_format(spec, col, metric), better is not None)
                    for col, is_numeric, better in zip(columns, numeric, betters)]
            table.cells.append(totals_row(columns, numeric, adds, values, locale=self.locale,
                                          text=lambda j, total: self._cell_text(total, formats[j], path + ("totals",))))
            table.total_rows = 1
            for per_row, blank in ((table.tones, 0), (table.marks, None), (table.scales, None), (table.bars, None)):
                if per_row:
                    per_row.append([blank] * len(columns))  # type: ignore[list-item]
        return table

    @staticmethod
    def _column_format(spec: TableSpec, col: TableColumn, metric: MetricResult | None) -> str | None:
        if metric is not None and col.name == metric.value_column:
            return governed_format(col.format, metric.format)
        return col.format

    def _caption(self, metric: str | None) -> str | None:
        """The note under a chart or table of company-wide figures on a department deck."""
        return self.marks.caption(metric) if self.marks is not None and metric else None

    def _cell_text(self, value: Any, fmt: str | None, path: tuple) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return self.format(value, fmt, path)
        return "" if value is None else str(value)

    def card(self, card: KpiCard, path: tuple) -> ResolvedCard:
        """A KPI card (its texts already rendered): the value and delta fetched and formatted."""
        if card.metric is None:
            value = card.value
            shown = (self.format(value, card.format, path + ("format",))
                     if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value))
        else:
            result = self._scalar(card.metric, path + ("metric",))
            number = _number(result.value)
            # a format the card does not give comes from the metric: a bad one is located there
            fmt_at = path + ("format",) if card.format or not result.format else ("metrics", card.metric, "format")
            shown = "—" if math.isnan(number) else self.format(number, governed_format(card.format, result.format),
                                                                fmt_at)
        resolved = ResolvedCard(card.label, shown, delta_label=card.delta_label, note=card.note,
                                link=resolve_link(self, card.link, path + ("link",)))
        if self.marks is not None:
            resolved.scope_mark = self.marks.card_mark([card.metric, card.delta],
                                                       [path + ("value",), path + ("note",)])
        if card.delta:
            delta = self._scalar(card.delta, path + ("delta",))
            number = _number(delta.value)
            resolved.delta = self.format(number, governed_format(card.delta_format or "delta_pct", delta.format),
                                         path + ("delta_format",))
            resolved.delta_sign = (number > 0) - (number < 0)
            if resolved.delta_sign:
                resolved.delta_good = (resolved.delta_sign > 0) == (self._better(card) == "higher")
        return resolved

    def _better(self, card: KpiCard) -> str:
        """Which way is good for a card's delta: the delta metric's ``better:``, else its value's."""
        metrics = self.loaded.model.metrics
        for name in (card.delta, card.metric):
            better = metrics[name].better if name and name in metrics else None
            if better is not None:
                return better
        return "higher"

    def _scalar(self, name: str, path: tuple) -> MetricResult:
        result = self.metric(name, path)
        if result.kind == "table":
            raise SpecError(issues=[self.locator.issue(f"metric '{name}' is a table; a KPI card shows a single value",
                                                       path, hint="use a metric without 'by:' or a time grain")])
        return result


def _number(value: float | None) -> float:
    """A scalar metric's value as a float; NaN when it has none (shown as ``—``)."""
    return math.nan if value is None else float(value)
