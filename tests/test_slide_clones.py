"""deckbuilder.deck.slide_clones: placeholders copied from the first clone are python-pptx's clones."""

from __future__ import annotations

import gc
import weakref

from lxml import etree
from pptx import Presentation
from pptx.util import Inches

from deckbuilder.deck import slide_clones
from deckbuilder.deck.linear import SlideAdder
from deckbuilder.deck.slide_clones import KeptClones, notes_slide
from deckbuilder.spec.themes import LAYOUTS_DIR

TEMPLATE = LAYOUTS_DIR / "default.pptx"
LAYOUT_ORDER = [0, 1, 1, 5, 0, 1, 5, 5, 2]  # repeated layouts are copied


def _empty(prs) -> None:
    for slide_id in list(prs.slides._sldIdLst):
        prs.part.drop_rel(slide_id.rId)
        prs.slides._sldIdLst.remove(slide_id)


def _deck(kept: bool) -> list[tuple[bytes, bytes]]:
    """Each slide's XML and its notes slide's XML, made with kept clones or by python-pptx alone."""
    prs = Presentation(str(TEMPLATE))
    _empty(prs)
    adder = SlideAdder(prs)
    if not kept:
        adder._clones = _PythonPptx()  # type: ignore[assignment]
    slides = [adder.add(prs.slide_layouts[i % len(prs.slide_layouts)]) for i in LAYOUT_ORDER]
    for k, slide in enumerate(slides):
        notes = notes_slide(slide) if kept else slide.notes_slide
        notes.notes_text_frame.text = f"notes {k}"
    return [(etree.tostring(s._element), etree.tostring(s.notes_slide._element)) for s in slides]


class _PythonPptx:
    def layout_placeholders(self, slide, layout) -> None:
        slide.shapes.clone_layout_placeholders(layout)


def test_copied_placeholders_and_notes_slides_are_python_pptxs_clones():
    kept = _deck(kept=True)
    assert kept == _deck(kept=False)
    assert len(set(kept)) == len(kept)  # notes texts differ
    assert all(b"<p:sp>" in slide for slide, _ in kept)


def _bare_slide(prs):
    """A new slide without the placeholders python-pptx cloned onto it."""
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    tree = slide.shapes._spTree
    for shape in list(tree.iter_shape_elms()):
        tree.remove(shape)
    return slide


def test_a_slide_that_starts_differently_is_cloned_by_python_pptx():
    prs = Presentation(str(TEMPLATE))
    _empty(prs)
    layout = prs.slide_layouts[1]
    clones = KeptClones()
    first = _bare_slide(prs)
    plain = etree.tostring(first._element)
    clones.layout_placeholders(first, layout)
    second = _bare_slide(prs)
    second.shapes.add_textbox(0, 0, Inches(1), Inches(1))  # takes id 2: the clones get other ids
    clones.layout_placeholders(second, layout)
    reference = _bare_slide(prs)
    reference.shapes.add_textbox(0, 0, Inches(1), Inches(1))
    reference.shapes.clone_layout_placeholders(layout)
    assert etree.tostring(first._element) != plain
    assert [s.shape_id for s in second.shapes] == [s.shape_id for s in reference.shapes] == [2, 3, 4]
    assert etree.tostring(second._element) == etree.tostring(reference._element)


def test_an_existing_notes_slide_is_returned_as_it_is():
    prs = Presentation(str(TEMPLATE))
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    notes = slide.notes_slide
    notes.notes_text_frame.text = "kept"
    assert notes_slide(slide) is notes
    assert notes_slide(slide).notes_text_frame.text == "kept"


def test_kept_clones_go_with_their_presentation():
    prs = Presentation(str(TEMPLATE))
    package = weakref.ref(prs.part.package)
    notes_slide(prs.slides.add_slide(prs.slide_layouts[1]))
    assert package() in slide_clones._BY_PACKAGE
    del prs
    gc.collect()
    assert package() is None
