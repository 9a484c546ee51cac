"""deckbuilder.tools.inspect: plain-data dumps of decks and templates (decks built with python-pptx)."""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile

import pytest
import yaml
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches, Pt

from deckbuilder.errors import TemplateError
from deckbuilder.tools.inspect import (
    describe_template,
    dump_inspection,
    format_template_description,
    inspect_deck,
)


@pytest.fixture()
def deck(tmp_path):
    """Two slides: a title slide with notes, and one with chart, table, picture and a group."""
    prs = Presentation()
    s1 = prs.slides.add_slide(prs.slide_layouts[0])
    s1.shapes.title.text = "电商销售年终工作总结"
    s1.placeholders[1].text = "2026 年度"
    s1.notes_slide.notes_text_frame.text = "开场白：感谢各位"

    s2 = prs.slides.add_slide(prs.slide_layouts[5])
    s2.shapes.title.text = "季度销售额"
    data = CategoryChartData()
    data.categories = ["一季度", "二季度", "三季度", "四季度"]
    data.add_series("销售额", (1.1, 2.2, 3.3000000001, 4.4))
    chart = s2.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(4),
                                Inches(3), data).chart
    chart.has_legend = True
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format = '0.0"亿"'
    plot.data_labels.number_format_is_linked = False
    table = s2.shapes.add_table(2, 2, Inches(1), Inches(5.2), Inches(4), Inches(1)).table
    for (r, c), text in {(0, 0): "品类", (0, 1): "销售额", (1, 0): "美妆个护", (1, 1): "1.2亿"}.items():
        table.cell(r, c).text = text
    image = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(image, "PNG")
    image.seek(0)
    s2.shapes.add_picture(image, Inches(8), Inches(0.2), Inches(1))
    group = s2.shapes.add_group_shape()
    group.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(6), Inches(5.5), Inches(2),
                           Inches(1))
    label = group.shapes.add_textbox(Inches(6.1), Inches(5.6), Inches(1.8), Inches(0.5))
    label.text_frame.text = "标签"
    label.text_frame.paragraphs[0].runs[0].font.size = Pt(10.5)
    path = tmp_path / "deck.pptx"
    prs.save(path)
    return path


def _shape(slide: dict, name: str) -> dict:
    return next(s for s in slide["shapes"] if s["name"] == name)


def test_dump_has_slides_layouts_notes_and_placeholders(deck):
    dump = inspect_deck(deck)
    assert (dump["slide_width"], dump["slide_height"]) == (9144000, 6858000)
    first, second = dump["slides"]
    assert first["index"] == 1 and first["layout"] == "Title Slide"
    assert first["notes"] == "开场白：感谢各位"
    assert second["notes"] == ""  # no notes slide is created by reading
    title = _shape(first, "Title 1")
    assert title["kind"] == "placeholder"
    assert title["placeholder"] == {"type": "ctrTitle", "idx": 0}
    assert title["text"] == "电商销售年终工作总结"
    assert title["font_sizes"] == [44]  # inherited from the master's title style
    assert title["position"] == {"left": 685800, "top": 2130425, "width": 7772400,
                                 "height": 1470025}  # inherited from the layout


def test_dump_of_chart_table_picture_group(deck):
    slide = inspect_deck(deck)["slides"][1]
    assert [s["kind"] for s in slide["shapes"]] == ["placeholder", "chart", "table", "picture",
                                                    "group"]
    chart = _shape(slide, "Chart 2")["chart"]
    assert chart == {
        "type": "COLUMN_CLUSTERED",
        "has_legend": True,
        "title": None,
        "categories": ["一季度", "二季度", "三季度", "四季度"],
        "series": [{"name": "销售额", "values": [1.1, 2.2, 3.3, 4.4]}],  # 6 significant digits
        "data_label_number_format": '0.0"亿"',
    }
    assert _shape(slide, "Table 3")["table"]["cells"] == [["品类", "销售额"], ["美妆个护", "1.2亿"]]
    assert _shape(slide, "Picture 4")["image"] == {"content_type": "image/png", "width_px": 40,
                                                   "height_px": 30}
    group = _shape(slide, "Group 5")
    rect, label = group["shapes"]
    assert (rect["kind"], rect["shape"]) == ("autoshape", "ROUNDED_RECTANGLE")
    assert (label["kind"], label["text"], label["font_sizes"]) == ("text", "标签", [10.5])


def test_dump_is_plain_deterministic_data(deck):
    dump = inspect_deck(deck)
    assert dump == inspect_deck(deck)
    assert json.loads(dump_inspection(dump, "json")) == dump
    assert yaml.safe_load(dump_inspection(dump, "yaml")) == dump
    assert "电商销售年终工作总结" in dump_inspection(dump)  # no \u escapes

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        else:
            assert value is None or type(value) in (str, int, float, bool), repr(value)

    walk(dump)
    positions = [s["position"] for slide in dump["slides"] for s in slide["shapes"]]
    assert all(type(v) is int for p in positions for v in p.values())


def test_dump_format_must_be_known(deck):
    with pytest.raises(ValueError, match="yaml, json"):
        dump_inspection(inspect_deck(deck), "xml")


def test_describe_template_lists_layouts_and_placeholders(tmp_path):
    path = tmp_path / "template.pptx"
    Presentation().save(path)
    desc = describe_template(path)
    names = [layout["name"] for layout in desc["layouts"]]
    assert names[:2] == ["Title Slide", "Title and Content"] and len(names) == 11
    first = desc["layouts"][0]
    assert (first["master_index"], first["layout_index"]) == (0, 0)
    ctr = first["placeholders"][0]
    assert {k: ctr[k] for k in ("name", "type", "idx")} == {"name": "Title 1", "type": "ctrTitle",
                                                            "idx": 0}
    assert all(isinstance(ctr[k], int) for k in ("left", "top", "width", "height"))
    content = desc["layouts"][1]["placeholders"][1]
    assert (content["type"], content["idx"]) == ("obj", 1)
    json.dumps(desc)


def test_format_template_description_is_a_readable_table(tmp_path):
    path = tmp_path / "template.pptx"
    prs = Presentation()
    prs.slide_layouts[0].name = "标题页"
    prs.slide_layouts[0].placeholders[0].name = "主标题"
    prs.save(path)
    text = format_template_description(describe_template(path))
    assert text.startswith("slide size: 25.40 x 19.05 cm (9144000 x 6858000 EMU)")
    block = text.split("\n\n")[1].splitlines()
    assert block[0] == "master 0, layout 0: 标题页"
    header, ctr = block[1], block[2]
    assert header.split() == ["type", "idx", "name", "left", "top", "width", "height"]
    assert ctr.split() == ["ctrTitle", "0", "主标题", "685800", "2130425", "7772400", "1470025"]

    def display_width(line: str) -> int:  # a Chinese character takes two columns
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)

    assert len({display_width(line) for line in block[1:]}) == 1  # right-aligned numbers


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "file not found"),
    (lambda p: p.write_text("hello"), "not a .pptx file"),
    (lambda p: zipfile.ZipFile(p, "w").close(), "not a valid .pptx file"),
])
def test_missing_or_invalid_file_is_a_template_error(tmp_path, make, message):
    path = tmp_path / "broken.pptx"
    make(path)
    for reader in (inspect_deck, describe_template):
        with pytest.raises(TemplateError, match=message) as info:
            reader(path)
        assert str(path) in str(info.value)


def test_folder_is_a_template_error(tmp_path):
    with pytest.raises(TemplateError, match="not a file"):
        inspect_deck(tmp_path)
