"""The one error locator: every user error gets the file:line:col it comes from in the spec.

Lower layers report what they know: a field path (``metrics.total.column``), or
nothing at all (a number format, a CSV read for a chart). The build, ``validate``
and ``metrics`` run inside :meth:`ErrorLocator.errors`, which turns each field
path into a position in whichever file the value was written (the spec, a base it
``extends``, a ``--set``); :meth:`ErrorLocator.at` names the spot for errors that
do not know it themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from deckbuilder.errors import DeckBuilderError, Issue
from deckbuilder.spec.loaded import LoadedSpec
from deckbuilder.spec.positions import dotted_path, parse_dotted_path


class ErrorLocator:
    """Locates issues in *loaded*; a department's data filters in *parent* at *filters_at*.

    The metrics engine reports a department's data slice as ``filters.<column>``;
    *filters_at* is where those filters were written (``("departments", i)``) in
    *parent*, the company spec.
    """

    def __init__(self, loaded: LoadedSpec, *, filters_at: tuple = (), parent: LoadedSpec | None = None):
        self.loaded = loaded
        self.filters_at = filters_at
        self.parent = parent

    def locate(self, issue: Issue) -> Issue:
        """*issue* with a file, line and column, when its field path names a place in the spec."""
        if issue.path.startswith("filters.") and self.filters_at and self.parent is not None:
            path = self.filters_at + parse_dotted_path(issue.path)
            file, line, column = self.parent.locate(path)
            return replace(issue, path=dotted_path(path), file=file, line=line, column=column)
        if issue.file is None and issue.path:
            file, line, column = self.loaded.locate(parse_dotted_path(issue.path))
            return replace(issue, file=file, line=issue.line or line, column=issue.column or column)
        return issue

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Re-raise any user error from inside with every issue located."""
        try:
            yield
        except DeckBuilderError as exc:
            raise type(exc)(issues=[self.locate(i) for i in exc.issues]) from None

    @contextmanager
    def at(self, path: tuple, *, keep_own: bool = False) -> Iterator[None]:
        """Locate errors from inside at spec *path* (``("slides", 2, "chart", "csv")``).

        With *keep_own*, issues that already name a field (a metric's definition)
        keep it; otherwise every issue is moved to *path*, keeping message and hint.
        """
        try:
            yield
        except DeckBuilderError as exc:
            where = self.loaded.issue("", path)
            issues = [i if keep_own and (i.path or i.file) else replace(where, message=i.message, hint=i.hint)
                      for i in exc.issues]
            raise type(exc)(issues=issues) from None

    def issue(self, message: str, path: tuple, *, hint: str | None = None) -> Issue:
        """A new issue located at spec *path*."""
        return self.loaded.issue(message, path, hint=hint)
