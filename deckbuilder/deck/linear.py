"""python-pptx workarounds that keep adding a slide O(1), so a deck costs in proportion to its size.

python-pptx 1.0 does three things per new slide that read everything added before it:

- ``CT_SlideIdList._next_id`` collects every ``p:sldId/@id`` to pick the next slide id;
- ``_Relationships.get_or_add`` (the presentation part's ``relate_to``) compares the new
  slide with every relationship of that type before adding one;
- ``_ImageParts.get_or_add_image_part`` reads and hashes the image file again and walks
  every part of the package for one with the same SHA-1 (a theme logo on every slide).

Each is replaced by state kept beside the presentation that gives the same ids, rIds and
parts as python-pptx would (see ``tests/test_deck_linear.py``). Part names and the grouping
of relationships by type are in ``deck/package.py`` (``PartNames``, ``use_indexed_relationships``).
"""

from __future__ import annotations

from typing import IO, Any

from pptx.parts.image import Image, ImagePart
from pptx.slide import Slide, SlideLayout

from deckbuilder.deck.slide_clones import kept_clones

MIN_SLIDE_ID = 256  # python-pptx's (and the schema's) range of slide ids
MAX_SLIDE_ID = 2147483647


class SlideAdder:
    """``prs.slides.add_slide`` with the next slide id kept instead of searched for every slide.

    Create it once the template's own slides are dropped; from then on only it adds slides.
    """

    def __init__(self, prs) -> None:
        self._prs = prs
        self._id_list = prs.part._element.get_or_add_sldIdLst()
        used = [int(s) for s in self._id_list.xpath("./p:sldId/@id")]
        self._next_id = max([MIN_SLIDE_ID - 1, *used]) + 1
        self._clones = kept_clones(prs.part.package)

    def add(self, layout: SlideLayout) -> Slide:
        """What ``Slides.add_slide`` does (python-pptx 1.0.2), with the id from the counter."""
        rId, slide = self._prs.part.add_slide(layout)
        self._clones.layout_placeholders(slide, layout)  # clone_layout_placeholders, copied after the first
        if self._next_id <= MAX_SLIDE_ID:
            slide_id = self._next_id
            self._next_id += 1
        else:  # ids exhausted from the top: python-pptx's search for a free one
            slide_id = self._id_list._next_id
        self._id_list._add_sldId(id=slide_id, rId=rId)
        return slide


def use_indexed_image_parts(prs) -> None:
    """Find an image already in the package by a SHA-1 index, and read each image file once.

    The index is filled by one walk of the package's image parts on first use (the first part
    with a given hash wins, as in python-pptx's walk) and extended with the parts added later.
    """
    package = prs.part.package
    image_parts = package._image_parts  # python-pptx's _ImageParts (a lazy property of the package)
    by_sha1: dict[str, ImagePart] | None = None
    images: dict[str, Image] = {}

    def get_or_add_image_part(image_file: str | IO[bytes]) -> ImagePart:
        nonlocal by_sha1
        if isinstance(image_file, str):
            if image_file not in images:
                images[image_file] = Image.from_file(image_file)
            image = images[image_file]
        else:
            image = Image.from_file(image_file)
        if by_sha1 is None:
            by_sha1 = {}
            for part in image_parts:
                sha1: Any = getattr(part, "sha1", None)  # unsupported types (SVG) have none
                if sha1 is not None:
                    by_sha1.setdefault(sha1, part)
        part = by_sha1.get(image.sha1)
        if part is None:
            part = by_sha1[image.sha1] = ImagePart.new(package, image)
        return part

    image_parts.get_or_add_image_part = get_or_add_image_part
