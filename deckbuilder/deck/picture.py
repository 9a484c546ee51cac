"""Pictures placed in a box without distortion: whole and centred (``contain``) or filling it, cropped (``cover``)."""

from __future__ import annotations

import io
from typing import Any

from deckbuilder.deck.geometry import Box
from deckbuilder.deck.oxml.picture import set_alt_text
from deckbuilder.deck.xml_text import xml_text


def picture_frame(box: Box, size: tuple[int, int], fit: str) -> tuple[Box, tuple[float, float, float, float]]:
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


def add_picture(slide: Any, box: Box, blob: bytes, size: tuple[int, int], fit: str, *, name: str,
                alt: str = "") -> Any:
    """The picture *blob* placed in *box* as *fit* says, with its name and alt text."""
    frame, (left, top, right, bottom) = picture_frame(box, size, fit)
    picture = slide.shapes.add_picture(io.BytesIO(blob), frame.left, frame.top, frame.width, frame.height)
    if any((left, top, right, bottom)):
        picture.crop_left, picture.crop_top, picture.crop_right, picture.crop_bottom = left, top, right, bottom
    picture.name = xml_text(name)
    set_alt_text(picture, alt)
    return picture
