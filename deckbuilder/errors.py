"""One exception hierarchy for everything a user can get wrong.

Every error a user can cause (a bad spec, missing data, a broken template, an
unwritable output folder) is a :class:`DeckBuilderError`. The CLI turns these
into exit code 2 with a plain message; anything else is a bug (exit code 1).

An error carries one or more :class:`Issue` objects, each pointing at the
user's input (file, line, column, field path) with a hint saying what is
allowed, so a spec with five mistakes reports all five at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    """One problem in the user's input, located as precisely as we can."""

    message: str
    path: str = ""  # field path such as ``slides[7].chart.type``
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    hint: str | None = None

    def location(self) -> str:
        parts = []
        if self.file or self.line is not None:
            where = self.file or "<spec>"
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        if self.path:
            parts.append(self.path)
        return ": ".join(parts)

    def __str__(self) -> str:
        loc = self.location()
        text = f"{loc}: {self.message}" if loc else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class DeckBuilderError(Exception):
    """Base of every error caused by user input (CLI exit code 2)."""

    def __init__(self, message: str | None = None, *, issues: Sequence[Issue] = (),
                 hint: str | None = None, file: str | None = None,
                 line: int | None = None, path: str = "") -> None:
        if not issues:
            issues = [Issue(message or "", path=path, file=file, line=line, hint=hint)]
        self.issues: list[Issue] = list(issues)
        self.headline = message if (message and len(self.issues) > 1) else None
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(i) for i in self.issues]
        if len(lines) == 1 and not self.headline:
            return lines[0]
        head = self.headline or f"{len(lines)} problems found"
        return head + ":\n" + "\n".join(f"  - {line}" for line in lines)

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.report()


class SpecError(DeckBuilderError):
    """The spec (YAML or dict) is malformed or refers to things that do not exist."""


class DataError(DeckBuilderError):
    """A data source cannot be read, or a metric cannot be computed from it."""


class TemplateError(DeckBuilderError):
    """The .pptx template or its layout map is missing, invalid or inconsistent."""


class OutputError(DeckBuilderError):
    """The output cannot be written (missing or read-only folder, ...)."""


class RenderToolError(DeckBuilderError):
    """An external tool (LibreOffice, pdftoppm) needed for a command is missing or failed."""


def did_you_mean(name: str, choices: Iterable[str], *, n: int = 1) -> str | None:
    """Return a ``did you mean 'x'?`` hint for a misspelt *name*, or None.

    >>> did_you_mean("colum_clustered", ["column_clustered", "pie"])
    "did you mean 'column_clustered'?"
    """
    import difflib  # only a misspelt name needs it; a build that goes well never imports it

    matches = difflib.get_close_matches(str(name), [str(c) for c in choices], n=n, cutoff=0.6)
    if not matches:
        return None
    return "did you mean " + " or ".join(f"'{m}'" for m in matches) + "?"


def allowed_hint(name: str, choices: Iterable[str], *, limit: int = 12) -> str:
    """Hint naming the closest match (if any) and the allowed values."""
    choices = sorted(str(c) for c in choices)
    guess = did_you_mean(name, choices)
    shown = ", ".join(choices[:limit]) + (", ..." if len(choices) > limit else "")
    allowed = f"allowed: {shown}" if choices else "nothing is defined"
    return f"{guess} {allowed}" if guess else allowed
