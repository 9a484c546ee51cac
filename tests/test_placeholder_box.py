"""deckbuilder.deck.placeholder_box: a shape's box read once is python-pptx's four sides."""

from __future__ import annotations

import io

from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.util import Inches

from deckbuilder.deck.placeholder_box import SIDES, effective_box
from deckbuilder.spec.themes import LAYOUTS_DIR


def _png() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (8, 4), "red").save(out, "PNG")
    out.seek(0)
    return out


def test_every_kind_of_shape_has_python_pptxs_box():
    prs = Presentation(str(LAYOUTS_DIR / "default.pptx"))
    slide = prs.slides.add_slide(prs.slide_layouts[4])
    shapes = slide.shapes
    shapes.add_textbox(Inches(1), Inches(2), Inches(3), Inches(0.5))
    shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, 10, 20, 30, 40)
    shapes.add_picture(_png(), Inches(1), Inches(1))
    shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, Inches(2), Inches(3), Inches(1))
    group = shapes.add_group_shape()
    group.shapes.add_textbox(5, 6, 7, 8)
    shapes.add_table(2, 2, 1, 2, 3, 4)
    data = CategoryChartData()
    data.categories = ["a"]
    data.add_series("s", (1,))
    shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 1, 2, 3, 4, data)
    moved = slide.placeholders[0]
    moved.left, moved.top = Inches(1), Inches(1)  # a placeholder with a place of its own (no size)
    xfrm = shapes.add_textbox(0, 0, 1, 1)._element.spPr
    xfrm.remove(xfrm.xfrm)  # a shape without a:xfrm: no sides
    kinds = set()
    for shape in slide.shapes:
        kinds.add(type(shape).__name__)
        assert effective_box(shape) == tuple(getattr(shape, side) for side in SIDES), shape
    assert {"Shape", "Picture", "Connector", "GroupShape", "GraphicFrame", "SlidePlaceholder"} <= kinds
    assert effective_box(slide.shapes[-1]) == (None, None, None, None)
