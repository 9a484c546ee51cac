"""deckbuilder.deck.oxml.text_runs: runs written directly are the XML python-pptx writes."""

from __future__ import annotations

import pytest
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches

import deckbuilder.deck.text_style as text_style
from deckbuilder.deck.oxml.ns import qn
from deckbuilder.deck.text_style import Bullet, Fonts, TextStyle, set_typefaces, write_text

FONTS = Fonts("Calibri", "微软雅黑")

PARAGRAPHS = [
    "plain text, 2.22亿 and 48 小时",
    Bullet("a bullet point"),
    [("bold ", TextStyle(size=14, bold=True)), ("not bold", TextStyle(bold=False, color="1f4e79"))],
    [("sized", TextStyle(size=10.5, align="center"))],
    [("", TextStyle(size=12))],  # an empty run
    "carriage\rreturn and tab\tkept",
    [],  # a paragraph without runs
]


def _text_frames(slide):
    """A text box, an autoshape (centred paragraph properties), a placeholder and a chart title."""
    box = slide.shapes.add_textbox(0, 0, Inches(3), Inches(1))
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, 0, 0, Inches(3), Inches(1))
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", (1, 2))
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, Inches(4), Inches(3), data).chart
    chart.has_title = True
    frames = [box.text_frame, shape.text_frame, chart.chart_title.text_frame]
    frames += [ph.text_frame for ph in slide.placeholders if ph.has_text_frame]
    return frames


LAYOUTS = [dict(space_after=6, align="left"), dict(line_spacing=0.9), dict(space_after=4, line_spacing=1.25), {}]


def _written(monkeypatch, direct: bool, layout: dict) -> list[bytes]:
    if not direct:  # python-pptx's own run, font and colour setters
        monkeypatch.setattr(text_style, "declares_drawingml", lambda element: False)
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    frames = _text_frames(slide)
    for tf in frames:
        write_text(tf, PARAGRAPHS, FONTS, TextStyle(size=18), **layout)
    rewritten = _text_frames(slide)[0]  # written twice: its first paragraph keeps the old a:pPr
    write_text(rewritten, ["first"], FONTS, **layout)
    write_text(rewritten, PARAGRAPHS, FONTS, **layout)
    frames.append(rewritten)
    monkeypatch.undo()
    return [etree.tostring(tf._txBody) for tf in frames]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_direct_runs_and_paragraphs_are_byte_for_byte_python_pptxs(monkeypatch, layout):
    direct = _written(monkeypatch, True, layout)
    assert len(direct) == 6
    assert direct == _written(monkeypatch, False, layout)
    assert b'sz="1050" b="0"' not in direct[0] and b'b="0" lang="zh-CN" altLang="en-US"' in direct[0]
    assert b"carriage_x000D_return and tab\tkept" in direct[0]
    assert (b"<a:spcPct" in direct[0]) == ("line_spacing" in layout)


def test_a_run_goes_before_the_end_of_paragraph_mark():
    prs = Presentation()
    tf = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, Inches(2), Inches(1)).text_frame
    write_text(tf, [[("one", TextStyle()), ("two", TextStyle(bold=True))]], FONTS)
    assert [child.tag.split("}")[1] for child in tf.paragraphs[0]._p] == ["r", "r", "endParaRPr"]


def test_a_size_python_pptx_refuses_is_still_refused():
    prs = Presentation()
    tf = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, Inches(2), Inches(1)).text_frame
    with pytest.raises(ValueError):
        write_text(tf, [[("huge", TextStyle(size=5000))]], FONTS)


def test_typefaces_replace_old_ones_and_stay_before_a_hyperlink():
    prs = Presentation()
    tf = prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, Inches(2), Inches(1)).text_frame
    run = tf.paragraphs[0].add_run()
    run.text = "link"
    run.hyperlink.address = "https://example.com"
    rpr = run._r.rPr
    rpr.append(rpr.makeelement(qn("a:extLst"), {}))
    set_typefaces(rpr, Fonts("Old", "Old EA"))
    set_typefaces(rpr, FONTS)
    assert [child.tag.split("}")[1] for child in rpr] == ["latin", "ea", "cs", "hlinkClick", "extLst"]
    assert [child.get("typeface") for child in rpr][:3] == ["Calibri", "微软雅黑", "Calibri"]
