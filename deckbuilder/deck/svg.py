"""SVG pictures as PowerPoint stores them: a PNG picture carrying the SVG in an ``asvg:svgBlip`` extension.

PowerPoint 2016 and later draw the SVG; older versions, LibreOffice and previews draw the PNG,
rasterised here (by resvg, through ``resvg_py``) at :data:`RASTER_DPI` for the size the picture
is shown at, so the fallback is sharp on the slide. The rasteriser reads nothing but the text it
is given: it gets no file path and no resource folder, and the build has already refused SVGs
that refer outside themselves (``build/svg_check.py``).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

from deckbuilder.deck.geometry import EMU_PER_INCH
from deckbuilder.deck.oxml.picture import add_svg_blip
from deckbuilder.limits import MAX_IMAGE_PIXELS

#: pixels per inch of the PNG fallback at the picture's shown size (2x a 96 dpi screen)
RASTER_DPI = 192
#: longest side of a PNG fallback, in pixels (a full-slide picture at 192 dpi is ~2560 px wide)
MAX_RASTER_SIDE = 4096
SVG_CONTENT_TYPE = "image/svg+xml"
RT_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


@lru_cache(maxsize=16)  # an SVG logo is drawn at one size on every content slide: draw it once
def rasterise_svg(text: str, width: int) -> bytes:
    """PNG bytes of the SVG *text* drawn *width* pixels wide (its height from its aspect ratio).

    Deterministic: the same text and width give the same bytes. ValueError when resvg cannot draw it.
    """
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=text, width=max(1, width), dpi=96))  # CSS inches


def fallback_width(shown_emu: tuple[int, int]) -> int:
    """Pixel width of the PNG fallback for a picture shown *shown_emu* (width, height) large, uncropped."""
    width, height = (max(1, v) for v in shown_emu)
    pixels = width / EMU_PER_INCH * RASTER_DPI
    scale = min(1.0, MAX_RASTER_SIDE / pixels, MAX_RASTER_SIDE / (pixels * height / width),
                (MAX_IMAGE_PIXELS / (pixels * pixels * height / width)) ** 0.5)
    return max(1, round(pixels * scale))


def attach_svg(picture: Any, svg: bytes) -> None:
    """Store *svg* in the package (``/ppt/media/imageN.svg``, one part per distinct SVG) and point
    *picture*'s PNG blip at it through the ``asvg:svgBlip`` extension."""
    slide_part = picture.part
    part = _svg_part(slide_part.package, svg)
    add_svg_blip(picture, slide_part.relate_to(part, RT_IMAGE))


def _svg_part(package: Any, svg: bytes) -> Any:
    from pptx.opc.package import Part

    digest = hashlib.sha1(svg).hexdigest()
    known = package.__dict__.setdefault("_deckbuilder_svg_parts", {})
    if digest not in known:
        known[digest] = Part(package.next_image_partname("svg"), SVG_CONTENT_TYPE, package, svg)
    return known[digest]
