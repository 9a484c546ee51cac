"""An SVG file checked before it goes into a deck: parsed safely, self-contained, sized.

An SVG is a program more than a picture: it can name other files and URLs (``xlink:href``,
``url(...)``, ``@import``, stylesheet instructions), declare entities that expand a few bytes
into gigabytes, or claim an absurd size. The SVG is stored in the deck as written (PowerPoint
draws it) and rasterised for the PNG fallback, so it is refused unless it is safe for both:

* well-formed XML, parsed with entities, DTDs and the network off; a ``<!DOCTYPE>`` (where
  entities are declared) or a processing instruction (``<?xml-stylesheet?>``) is refused;
* the root is ``<svg>`` in the SVG namespace, and the text is UTF-8;
* every reference stays inside the file: ``href``/``src`` only ``#id``, ``url()`` only ``url(#id)``,
  no ``@import`` -- nothing is fetched or read, by deckbuilder or later by PowerPoint;
* its size: its absolute ``width``/``height`` (else its ``viewBox``) gives the aspect ratio the
  picture is placed with; a declared size over ``MAX_IMAGE_PIXELS`` is refused like a raster image's;
* the rasteriser renders it (a small trial render), so a broken drawing fails the build, located.
"""

from __future__ import annotations

import math
import re

from deckbuilder.deck.svg import rasterise_svg
from deckbuilder.errors import DataError
from deckbuilder.limits import MAX_IMAGE_PIXELS

SVG_NS = "http://www.w3.org/2000/svg"
_REFERENCE_ATTRIBUTES = {"href", "src"}
_URL = re.compile(r"url\(\s*(['\"]?)\s*([^)'\"\s]*)", re.IGNORECASE)
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*$")
#: CSS pixels per unit (SVG's absolute lengths)
_UNITS = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}
_HINT = "save the drawing as plain SVG (e.g. Inkscape's 'Plain SVG'), or export it as PNG"


def check_svg(blob: bytes, name: str) -> tuple[tuple[float, float], str]:
    """The aspect size (width, height) of the SVG *blob* and its ``<title>`` (a default alt text, "" when
    none), after the checks above; DataError when it is unsafe or unusable."""
    from lxml import etree

    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(f"SVG image {name} is not UTF-8 text", hint=_HINT) from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(blob, parser)
    except etree.XMLSyntaxError as exc:
        line = f"line {exc.lineno}: " if exc.lineno else ""
        raise DataError(f"SVG image {name} is not well-formed XML ({line}{exc.msg})", hint=_HINT) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise DataError(f"SVG image {name} has a <!DOCTYPE>: DTDs and entities are refused",
                        hint="delete the <!DOCTYPE ...> declaration; " + _HINT)
    if root.tag != f"{{{SVG_NS}}}svg":
        raise DataError(f"image {name} is not an SVG (its root element is {etree.QName(root).localname!r})",
                        hint="an SVG file starts with <svg xmlns=\"http://www.w3.org/2000/svg\" ...>")
    _check_self_contained(root, name)
    size = _aspect_size(root, name)
    try:
        rasterise_svg(text, 32)
    except ValueError as exc:
        raise DataError(f"SVG image {name} cannot be drawn ({exc})", hint=_HINT) from None
    title = root.find(f"{{{SVG_NS}}}title")
    return size, " ".join((title.text or "").split()) if title is not None else ""


def _check_self_contained(root, name: str) -> None:
    """Every reference in the file points inside it; no processing instruction, no @import."""
    for node in (*root.itersiblings(preceding=True), *root.iter(), *root.itersiblings()):
        if not isinstance(node.tag, str):  # a processing instruction or an entity reference
            raise DataError(f"SVG image {name} has a processing instruction or entity ({str(node)[:60]})",
                            hint="delete it; " + _HINT)
        for attribute, value in node.attrib.items():
            local = attribute.rsplit("}", 1)[-1]
            if local in _REFERENCE_ATTRIBUTES and not value.strip().startswith("#"):
                raise DataError(f"SVG image {name} refers to another file or URL ({local}=\"{value[:80]}\"); "
                                "only references inside the SVG (#id) are allowed", hint=_HINT)
            _check_css(value, name)
        if node.text and node.tag.rsplit("}", 1)[-1] == "style":
            _check_css(node.text, name)


def _check_css(text: str, name: str) -> None:
    if "@import" in text.lower():
        raise DataError(f"SVG image {name} imports a stylesheet (@import); nothing outside the SVG is read",
                        hint=_HINT)
    for match in _URL.finditer(text):
        if not match.group(2).startswith("#"):
            raise DataError(f"SVG image {name} refers to another file or URL (url({match.group(2)[:80]})); "
                            "only references inside the SVG (url(#id)) are allowed", hint=_HINT)


def _aspect_size(root, name: str) -> tuple[float, float]:
    """(width, height): the absolute width and height, else the viewBox's (the size the rasteriser draws
    at, so the PNG fallback has the aspect ratio the picture is placed with); checked against the pixel limit."""
    width, height = (_length(root.get(side)) for side in ("width", "height"))
    if width and height:
        if width * height > MAX_IMAGE_PIXELS:
            raise DataError(f"SVG image {name} is {width:,.0f} x {height:,.0f} pixels, more than the limit of "
                            f"{MAX_IMAGE_PIXELS:,} pixels", hint="give it a smaller width and height (docs/limits.md)")
        if _usable(width, height):
            return width, height
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            width, height = float(box[2]), float(box[3])
        except ValueError:
            width = height = 0.0
        if _usable(width, height):
            return width, height
        raise DataError(f"SVG image {name} has a bad viewBox {root.get('viewBox')!r}",
                        hint="write viewBox=\"min-x min-y width height\" with a positive width and height")
    raise DataError(f"SVG image {name} has no usable size: neither a viewBox nor an absolute width and height",
                    hint="add viewBox=\"0 0 W H\" to its <svg> element")


def _length(raw: str | None) -> float | None:
    """An absolute SVG length in CSS pixels; None for a missing or relative one (``100%``, ``em``)."""
    match = _LENGTH.match(raw or "")
    return float(match.group(1)) * _UNITS[match.group(2)] if match else None


def _usable(width: float, height: float) -> bool:
    """A positive, finite size whose aspect ratio a slide can show (at most 1000:1)."""
    return (width > 0 and height > 0 and math.isfinite(width) and math.isfinite(height)
            and 1e-3 <= width / height <= 1e3)
