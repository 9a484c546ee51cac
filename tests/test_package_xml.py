"""deckbuilder.deck.oxml.package_xml: [Content_Types].xml and .rels written in one pass, python-pptx's bytes."""

from __future__ import annotations

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.serialized import _ContentTypesItem
from pptx.util import Inches

from deckbuilder.deck.oxml.package_xml import content_types_xml, relationships_xml
from deckbuilder.spec.themes import LAYOUTS_DIR


def _deck():
    prs = Presentation(str(LAYOUTS_DIR / "default.pptx"))
    for k in range(12):  # rId10 sorts after rId9
        slide = prs.slides.add_slide(prs.slide_layouts[k % len(prs.slide_layouts)])
        run = slide.shapes.add_textbox(0, 0, Inches(2), Inches(1)).text_frame.paragraphs[0].add_run()
        run.text = "link"
        run.hyperlink.address = f"https://example.com/{k}?a=1&b=<2>"  # an external relationship
        data = CategoryChartData()
        data.categories = ["a", "b"]
        data.add_series("s", (1, 2))
        slide.shapes.add_chart(XL_CHART_TYPE.PIE, 0, 0, Inches(3), Inches(2), data)
        slide.notes_slide.notes_text_frame.text = "notes"
    return prs


def test_every_parts_relationships_are_python_pptxs_bytes():
    prs = _deck()
    package = prs.part.package
    parts = [part for part in package.iter_parts() if part._rels]
    assert len(parts) > 40
    assert relationships_xml(package._rels) == package._rels.xml
    for part in parts:
        assert relationships_xml(part.rels) == part.rels.xml, part.partname
    assert b'TargetMode="External"' in relationships_xml(prs.slides[0].part.rels)


def test_content_types_are_python_pptxs_bytes():
    parts = tuple(_deck().part.package.iter_parts())
    written = content_types_xml(parts)
    assert written == serialize_part_xml(_ContentTypesItem.xml_for(parts))
    assert written.count(b"<Override ") > 40 and b'<Default Extension="xlsx"' in written
