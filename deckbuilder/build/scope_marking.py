"""Marking company-wide figures on a department deck (part of the resolve phase).

The metrics engine knows whose figures each metric shows (``MetricEngine.scope``:
department, company, mixed or reference). On a department deck, wherever a
company-wide (or mixed) figure is shown, the reader is told:

* a KPI card whose value (a metric or a template), delta or note uses one gets a line with the mark
  (``全公司口径``) under its other texts;
* a chart or table bound to one gets a note under it;
* a commentary item, a point's text, or the notes that state one (the number
  reaches the text, not just a branch of an ``{% if %}`` not taken) end with the
  mark in brackets, unless the text already says so; a point's ``figure`` marks
  its ``figure_label`` (and then its text only if that states figures of another scope);
* but when every commentary item stating a figure has the scope of the slide's
  chart or table, the items are left as they are and the note under the chart
  speaks for the whole slide (``注：本页为全公司口径数据``): one mark, not five.

Titles and labels are not marked: the marks sit next to the numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from deckbuilder.metrics.scope import MARKED_SCOPES, combine
from deckbuilder.spec.model import ChartSpec, TableSpec
from deckbuilder.text.scope_marks import mark_text, scope_caption, scope_mark

if TYPE_CHECKING:
    from deckbuilder.metrics.engine import MetricEngine

#: text fields that end with the mark when they state a company-wide figure
MARKED_TEXT_FIELDS = ("commentary", "notes", "text")
#: text field -> the field that carries its mark (a point's big figure is marked in its label)
MARKED_BESIDE = {"figure": "figure_label"}


class MarkScopes:
    """The marks of one department deck: scopes of the texts rendered so far, by field path."""

    def __init__(self, engine: MetricEngine, locale: str) -> None:
        self.engine = engine
        self.locale = locale
        self.text_scopes: dict[tuple, str] = {}
        self.slide_scope: str | None = None  # the marked scope of the current slide's chart or table
        self.whole_slide = False  # its note covers the slide's commentary too

    def start_slide(self, model: Any) -> None:
        """Before a slide's texts: the scope its chart or table will be marked with, if any."""
        bindings = [getattr(model, name) for name in type(model).model_fields]
        metrics = [b.metric for b in bindings if isinstance(b, (ChartSpec, TableSpec)) and b.metric]
        scope = self.scope(metrics) if metrics else None
        self.slide_scope = scope if scope in MARKED_SCOPES else None
        self.whole_slide = False

    def scope(self, metrics: Iterable[str | None]) -> str:
        """The scope of figures shown together (``reference``, neutral, when none is given)."""
        names = [m for m in metrics if m]
        return combine(self.engine.scope(m) for m in names) if names else "reference"

    def note_text(self, path: tuple, used: Iterable[str]) -> None:
        """Remember the scope of the text rendered at *path* from the metrics it *used*."""
        used = list(used)
        if used:
            self.text_scopes[path] = self.scope(used)

    def _marked(self, path: tuple) -> str | None:
        scope = self.text_scopes.get(path)
        return scope if scope in MARKED_SCOPES else None

    def mark_fields(self, model: Any, update: dict[str, Any], path: tuple) -> dict[str, Any]:
        """*update* (the rendered text fields of *model*) with marks on the fields that state company figures."""
        # a figure marked in its label speaks for the text beside it when both have one scope
        by_figure = {self._marked(path + (name,)) for name in MARKED_BESIDE if name in update} - {None}
        for name, value in list(update.items()):
            if name == "commentary" and self._covered(path + (name,), value):
                self.whole_slide = True
                continue
            if name in MARKED_TEXT_FIELDS and isinstance(value, str):
                if (scope := self._marked(path + (name,))) is not None and scope not in by_figure:
                    update[name] = mark_text(value, scope, self.locale)
            elif name in MARKED_TEXT_FIELDS and isinstance(value, list):
                update[name] = [mark_text(item, scope, self.locale)
                                if (scope := self._marked(path + (name, k))) is not None else item
                                for k, item in enumerate(value)]
            elif name in MARKED_BESIDE and (scope := self._marked(path + (name,))) is not None:
                beside = MARKED_BESIDE[name]
                label = update.get(beside, getattr(model, beside, None)) or ""
                update[beside] = mark_text(label, scope, self.locale) if label else scope_mark(scope, self.locale)
        return update

    def _covered(self, path: tuple, value: Any) -> bool:
        """Every item of this commentary that states a figure has the scope the slide's note states."""
        paths = [path + (k,) for k in range(len(value))] if isinstance(value, list) else [path]
        stated = [self.text_scopes[p] for p in paths if p in self.text_scopes]
        return self.slide_scope is not None and bool(stated) and all(s == self.slide_scope for s in stated)

    def card_mark(self, metrics: list[str | None], text_paths: list[tuple]) -> str | None:
        """The mark line of a KPI card showing *metrics* (value, delta) and texts rendered at *text_paths*
        (a templated value, the note)."""
        scopes = [self.scope(metrics)] + [self.text_scopes[p] for p in text_paths if p in self.text_scopes]
        return scope_mark(combine(scopes), self.locale)

    def caption(self, metric: str) -> str | None:
        """The note under a chart or table bound to *metric* (about the whole slide when it covers its text)."""
        return scope_caption(self.engine.scope(metric), self.locale, whole_slide=self.whole_slide)
