"""The resolve phase's side of ``link:``: a URL stays a URL, ``{slide: id}`` becomes the slide's index.

Cards resolve their own ``link`` (``ResolvedCard.link``); :func:`text_links` gathers the links of a slide's
texts: commentary items written ``{text, link}`` and points with a ``link``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from deckbuilder.errors import SpecError, allowed_hint
from deckbuilder.spec.links import Link, LinkedText, SlideLink

if TYPE_CHECKING:
    from deckbuilder.build.resolve import Resolver


def resolve_link(resolver: Resolver, link: Link | None, path: tuple) -> str | int | None:
    """*link* at *path* as a URL, or the 0-based index of the slide it jumps to among the spec's slides."""
    if not isinstance(link, SlideLink):
        return link
    ids = [slide.id for slide in resolver.loaded.model.slides]
    if link.slide not in ids:
        raise SpecError(issues=[resolver.locator.issue(
            f"no slide with id '{link.slide}' in this deck", path + ("slide",),
            hint=allowed_hint(link.slide, [i for i in ids if i]))])
    return ids.index(link.slide)


def text_links(resolver: Resolver, model: Any, path: tuple) -> dict[tuple[str, int], str | int]:
    """The links of *model*'s texts by ``(field, index)``: linked commentary items and points."""
    links: dict[tuple[str, int], str | int] = {}
    commentary = getattr(model, "commentary", None)
    for k, item in enumerate(commentary if isinstance(commentary, list) else []):
        if isinstance(item, LinkedText):
            target = resolve_link(resolver, item.link, path + ("commentary", k, "link"))
            if target is not None:
                links[("commentary", k)] = target
    for k, point in enumerate(getattr(model, "points", None) or []):
        found = resolve_link(resolver, getattr(point, "link", None), path + ("points", k, "link"))
        if found is not None:
            links[("points", k)] = found
    return links
