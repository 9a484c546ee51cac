"""Pictures placed in a box without distortion: whole and centred (``contain``) or filling it, cropped (``cover``).

An SVG is placed as PowerPoint stores one: a PNG rasterised for the shown size, the SVG attached (``deck/svg.py``).
"""

from __future__ import annotations

import io
from typing import Any

from deckbuilder.deck.geometry import Box
from deckbuilder.deck.oxml.accessibility import set_alt_text
from deckbuilder.deck.svg import attach_svg, fallback_width, rasterise_svg
from deckbuilder.deck.xml_text import xml_text


def picture_frame(box: Box, size: tuple[float, float], fit: str) -> tuple[Box, tuple[float, float, float, float]]:
    """Where a picture of pixel *size* goes in *box*, and its crop (left, top, right, bottom fractions).

    ``contain``: the largest frame of the picture's aspect ratio inside *box*, centred, no crop.
    ``cover``: the whole *box*, the picture cropped evenly on the sides that overflow.
    Either way the shown part keeps the picture's aspect ratio.
    """
    width, height = size
    picture_ratio, box_ratio = width / height, box.width / max(box.height, 1)
    if fit == "cover":
        if picture_ratio > box_ratio:  # wider than the box: crop left and right
            cut = (1 - box_ratio / picture_ratio) / 2
            return box, (cut, 0.0, cut, 0.0)
        cut = (1 - picture_ratio / box_ratio) / 2
        return box, (0.0, cut, 0.0, cut)
    if picture_ratio > box_ratio:
        h = round(box.width / picture_ratio)
        return Box(box.left, box.top + (box.height - h) // 2, box.width, h), (0.0, 0.0, 0.0, 0.0)
    w = round(box.height * picture_ratio)
    return Box(box.left + (box.width - w) // 2, box.top, w, box.height), (0.0, 0.0, 0.0, 0.0)


def add_picture(slide: Any, box: Box, blob: bytes, size: tuple[float, float], fit: str, *, name: str,
                alt: str = "", svg: bool = False) -> Any:
    """The picture *blob* placed in *box* as *fit* says, with its name and alt text.

    *svg*: *blob* is an SVG (checked by the build): its PNG fallback is drawn for the whole picture's
    shown size (before any crop), and the SVG stored beside it.
    """
    frame, (left, top, right, bottom) = picture_frame(box, size, fit)
    if svg:
        shown = (round(frame.width / (1 - left - right)), round(frame.height / (1 - top - bottom)))
        png = rasterise_svg(blob.decode("utf-8"), fallback_width(shown))
    picture = slide.shapes.add_picture(io.BytesIO(png if svg else blob), frame.left, frame.top,
                                       frame.width, frame.height)
    if svg:
        attach_svg(picture, blob)
    if any((left, top, right, bottom)):
        picture.crop_left, picture.crop_top, picture.crop_right, picture.crop_bottom = left, top, right, bottom
    picture.name = xml_text(name)
    if alt:
        set_alt_text(picture, xml_text(alt))
    return picture
