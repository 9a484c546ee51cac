"""A new slide's (and notes slide's) placeholders cloned once per layout, then copied.

python-pptx clones a layout's placeholders onto every new slide one by one: for each it
searches the slide for the next shape id and a free name, formats the shape's XML and parses
it. A new slide always starts as the same XML, so what this adds is the same for every slide
of a layout (and for every notes slide of the notes master): :class:`KeptClones` lets
python-pptx clone the first time and keeps copies of the shapes it added, keyed by the source
part and the XML the slide had before, then inserts copies of them as python-pptx inserted
the originals. A slide that does not start as the kept one did is cloned by python-pptx.
The kept shapes belong to one presentation (:func:`kept_clones`) and go with it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from weakref import WeakKeyDictionary

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.slide import NotesSlidePart
from pptx.slide import NotesSlide, Slide, SlideLayout


class KeptClones:
    """Placeholders python-pptx cloned onto a new slide, kept per (source part, slide XML before).

    Source parts are told apart by ``id``: they live as long as their package, which this
    belongs to (a reference to them would keep the package alive in :data:`_BY_PACKAGE`).
    """

    def __init__(self) -> None:
        self._kept: dict[tuple[int, bytes], list] = {}

    def clone(self, slide_element, source_part, clone: Callable[[], None]) -> None:
        """Run *clone* (python-pptx adding placeholders to *slide_element*'s shape tree), or
        insert copies of what it added the last time for the same source and starting XML."""
        key = (id(source_part), etree.tostring(slide_element))
        tree = slide_element.cSld.spTree
        kept = self._kept.get(key)
        if kept is None:
            before = set(tree)  # the element objects stay alive, so identity tells old from new
            clone()
            self._kept[key] = [copy.deepcopy(child) for child in tree if child not in before]
            return
        for shape in kept:  # where python-pptx's add_placeholder puts a shape
            tree.insert_element_before(copy.deepcopy(shape), "p:extLst")

    def layout_placeholders(self, slide: Slide, layout: SlideLayout) -> None:
        """``slide.shapes.clone_layout_placeholders(layout)``."""
        self.clone(slide._element, layout.part, lambda: slide.shapes.clone_layout_placeholders(layout))

    def notes_slide(self, slide: Slide) -> NotesSlide:
        """``slide.notes_slide``: the slide's notes slide, made as python-pptx makes one (1.0.2's
        ``NotesSlidePart.new``) when it has none, its placeholders copied after the first."""
        part = slide.part
        try:
            part.part_related_by(RT.NOTES_SLIDE)
        except KeyError:
            package = part.package
            master_part = package.presentation_part.notes_master_part
            notes_part = NotesSlidePart._add_notes_slide_part(package, part, master_part)
            notes = notes_part.notes_slide
            self.clone(notes._element, master_part,
                       lambda: notes.clone_master_placeholders(master_part.notes_master))
            part.relate_to(notes_part, RT.NOTES_SLIDE)
        return slide.notes_slide


# package -> its KeptClones
_BY_PACKAGE: WeakKeyDictionary = WeakKeyDictionary()


def kept_clones(package) -> KeptClones:
    """The kept clones of the presentation whose package is *package*."""
    kept = _BY_PACKAGE.get(package)
    if kept is None:
        kept = _BY_PACKAGE[package] = KeptClones()
    return kept


def notes_slide(slide: Slide) -> NotesSlide:
    """``slide.notes_slide``, a new notes slide's placeholders copied (:meth:`KeptClones.notes_slide`)."""
    return kept_clones(slide.part.package).notes_slide(slide)
