"""A ``link:``: where clicking a KPI card goes -- a web or mail address, or another slide of the deck.

``link: https://example.com/report`` (schemes ``http``, ``https`` and ``mailto`` only: a link in a
deck handed around must not run anything) or ``link: {slide: 渠道明细}`` (a slide's ``id``; an unknown
id is an error at the link, with a did-you-mean).
"""

from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, Discriminator, Field, Tag, field_validator

from deckbuilder.spec.base import Strict

#: URL schemes a link may use.
LINK_SCHEMES = ("http", "https", "mailto")


def _check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in LINK_SCHEMES:
        raise ValueError(f"a link must be an {', '.join(LINK_SCHEMES[:-1])} or {LINK_SCHEMES[-1]} address "
                         f"(got '{url}'), or {{slide: <slide id>}} for a slide of the deck")
    if not (parts.netloc if parts.scheme.lower() != "mailto" else parts.path):
        raise ValueError(f"the link '{url}' has no address after '{parts.scheme}:'")
    return url.strip()


class SlideLink(Strict):
    """A jump to the slide whose ``id`` is ``slide``."""

    slide: str = Field(min_length=1, description="the id of the slide to jump to")

    _coerce = field_validator("slide", mode="before")(lambda v: str(v) if isinstance(v, (int, float)) else v)


def _kind(value: Any) -> str:
    """Text is a URL, anything else a slide link: one branch checks it, so one error is reported."""
    return "url" if isinstance(value, str) else "slide"


Url = Annotated[str, AfterValidator(_check_url)]
Link = Annotated[Annotated[Url, Tag("url")] | Annotated[SlideLink, Tag("slide")], Discriminator(_kind)]


class LinkedText(Strict):
    """A commentary item that is a link: ``{text: 详见渠道明细, link: {slide: 渠道明细}}``; its text may use
    templates like any commentary item, and is drawn as a hyperlink (underlined, in the link colour)."""

    text_fields = ("text",)
    text: str = Field(min_length=1, description="the item's text; may use metrics")
    link: Link = Field(description="a URL (http, https, mailto) or {slide: id}: where clicking the text goes")

    _coerce = field_validator("text", mode="before")(lambda v: str(v) if isinstance(v, (int, float)) else v)
