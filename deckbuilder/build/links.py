"""The resolve phase's side of ``link:``: a URL stays a URL, ``{slide: id}`` becomes the slide's index."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckbuilder.errors import SpecError, allowed_hint
from deckbuilder.spec.links import Link, SlideLink

if TYPE_CHECKING:
    from deckbuilder.build.resolve import Resolver


def resolve_link(resolver: Resolver, link: Link | None, path: tuple) -> str | int | None:
    """*link* at *path* as a URL, or the 0-based index of the slide it jumps to in this deck."""
    if not isinstance(link, SlideLink):
        return link
    ids = [slide.id for slide in resolver.loaded.model.slides]
    if link.slide not in ids:
        raise SpecError(issues=[resolver.locator.issue(
            f"no slide with id '{link.slide}' in this deck", path + ("slide",),
            hint=allowed_hint(link.slide, [i for i in ids if i]))])
    return ids.index(link.slide)
