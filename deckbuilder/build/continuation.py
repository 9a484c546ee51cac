"""A table too long for its slide continues on the following slides: the same slide, its title
marked as continued, the header repeated, the commentary and notes on the first slide only."""

from __future__ import annotations

from dataclasses import replace

from deckbuilder.errors import Issue, SpecError
from deckbuilder.limits import MAX_TABLE_CONTINUATIONS
from deckbuilder.render.resolved import ResolvedSlide, ResolvedTable
from deckbuilder.spec.positions import dotted_path

CONTINUED = {"zh_CN": "（续）", "en_US": " (cont.)"}


def continued_title(title: str | None, locale: str) -> str:
    suffix = CONTINUED.get(locale, CONTINUED["en_US"])
    return (title or "") + suffix if title else suffix.strip()


def continued_slide(first: ResolvedSlide, rest: ResolvedTable | None, locale: str, parts: int) -> ResolvedSlide | None:
    """The next slide of *first*'s table, showing *rest*; None when the table is done. *parts* slides
    show the table so far; more than the limit is an error located at the slide's table."""
    if rest is None:
        return None
    if parts > MAX_TABLE_CONTINUATIONS:
        shown = sum(len(t.cells) for t in [rest.whole or rest]) - len(rest.cells)
        raise SpecError(issues=[Issue(
            f"table too long: {shown} rows fill {parts} slides and {len(rest.cells)} more remain "
            f"(at most {MAX_TABLE_CONTINUATIONS} continuation slides)",
            dotted_path((*first.path, "table")),
            hint="show fewer rows with 'max_rows:', or split the data over several slides")])
    model = first.model.model_copy(update={"title": continued_title(first.model.title, locale),
                                           "commentary": None, "notes": None})
    return replace(first, model=model, table=rest)
