"""The page frame: footer, slide numbers, date and logo are shown, or a warning says why not.

Each test builds a small inline spec and reads the finished deck back.
"""

from __future__ import annotations

import textwrap

import pytest
from openxml_audit import ValidationSeverity, validate_pptx
from PIL import Image
from pptx import Presentation
from pptx.util import Inches
from support import ROOT

from deckbuilder import build_deck
from deckbuilder.cli import main
from deckbuilder.deck.fonts import measure_text
from deckbuilder.deck.keep_together import visible_text
from deckbuilder.deck.oxml.placeholders import placeholder_id

CHART = "{type: column_clustered, data: {categories: [一季度, 二季度], series: {销售额: [1, 2]}}}"
#: one slide of each kind that frames or divides the deck, and three content slides
SLIDES = f"""\
slides:
  - kind: title
  - kind: agenda
  - kind: section
    title: 第一部分
  - kind: chart
    title: 趋势
    chart: {CHART}
  - kind: kpi
    title: 核心指标
    cards:
      - {{label: 销售额, value: "7,929.6万"}}
      - {{label: 订单数, value: "396,862"}}
      - {{label: 客单价, value: "¥199.8"}}
  - kind: closing
"""
CONTENT = {2, 4, 5}  # slide numbers of the agenda, chart and kpi slides


def build(tmp_path, deck: str, slides: str = SLIDES, **kw):
    spec = tmp_path / "deck.yaml"
    spec.write_text(textwrap.dedent(deck) + slides, encoding="utf-8")
    out = tmp_path / "out.pptx"
    result = build_deck(spec, output=out, **kw)
    return result, Presentation(str(out))


def frame_texts(slide, ph_type: str) -> list[str]:
    """Texts of the slide's placeholders of *ph_type* (dt, ftr, sldNum), as shown (no line-break glue)."""
    return [visible_text(shape.text_frame.text) for shape in slide.placeholders
            if (pid := placeholder_id(shape.element)) is not None and pid.type == ph_type]


def slide_number_fields(slide) -> list[str]:
    """The texts of the slide's ``slidenum`` fields, wherever they are."""
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    return [fld.findtext("a:t", namespaces=ns) for fld in slide.element.iterfind(".//a:fld[@type='slidenum']", ns)]


def plain_template(tmp_path, *, width: float = 13.333, keep_frame: bool = False) -> str:
    """python-pptx's own template (a user's template: no deckbuilder decoration), at *width* x 7.5 in;
    without its date / footer / slide-number placeholders unless *keep_frame*."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(width), Inches(7.5)
    if not keep_frame:
        for owner in [prs.slide_masters[0], *prs.slide_layouts]:
            for shape in list(owner.placeholders):
                if placeholder_id(shape.element).type in ("dt", "ftr", "sldNum"):
                    shape.element.getparent().remove(shape.element)
    prs.save(str(tmp_path / "plain.pptx"))
    (tmp_path / "plain.yaml").write_text(textwrap.dedent("""\
        template: plain.pptx
        layouts:
          title:
            layout: "Title Slide"
            placeholders: {title: {type: ctrTitle, idx: 0}, subtitle: {type: subTitle, idx: 1}}
          agenda: {layout: "Title Only", placeholders: {title: {type: title, idx: 0}}}
          section: {layout: "Section Header", placeholders: {title: {type: title, idx: 0}}}
          chart: {layout: "Title Only", placeholders: {title: {type: title, idx: 0}}}
          kpi: {layout: "Title Only", placeholders: {title: {type: title, idx: 0}}}
          closing: {layout: "Title Only", placeholders: {title: {type: title, idx: 0}}}
        """), encoding="utf-8")
    return "plain.pptx"


# --------------------------------------------------------------------------- footer
def test_footer_is_drawn_on_content_slides_only(tmp_path):
    _, prs = build(tmp_path, "deck: {title: 年度总结, footer: 内部资料}\n")
    footers = {n: frame_texts(slide, "ftr") for n, slide in enumerate(prs.slides, start=1)}
    assert footers == {n: ["内部资料"] if n in CONTENT else [] for n in footers}


def test_footer_text_is_a_template(tmp_path):
    _, prs = build(tmp_path, 'deck: {title: 年度总结, footer: "{{ deck.title }} · 内部资料"}\n')
    assert frame_texts(prs.slides[3], "ftr") == ["年度总结 · 内部资料"]


# --------------------------------------------------------------------------- slide numbers
def test_slide_numbers_on_content_slides_not_on_title_section_closing(tmp_path):
    _, prs = build(tmp_path, "deck: {title: 年度总结}\n")
    numbers = {n: slide_number_fields(slide) for n, slide in enumerate(prs.slides, start=1)}
    assert numbers == {n: [str(n)] if n in CONTENT else [] for n in numbers}


def test_slide_numbers_can_be_turned_off(tmp_path):
    _, prs = build(tmp_path, "deck: {title: 年度总结, slide_numbers: false}\n")
    assert not any(slide_number_fields(slide) for slide in prs.slides)


def test_template_without_frame_placeholders_still_gets_numbers_and_footer(tmp_path):
    plain_template(tmp_path)
    result, prs = build(tmp_path, "deck: {title: 年度总结, template: plain.pptx, footer: 内部资料}\n")
    chart_slide = prs.slides[3]
    drawn = {shape.name: visible_text(shape.text_frame.text) for shape in chart_slide.shapes if shape.has_text_frame}
    assert drawn["Footer"] == "内部资料" and drawn["Slide Number"] == "4"
    assert slide_number_fields(chart_slide) == ["4"]
    assert not slide_number_fields(prs.slides[0])
    assert result.findings == []


def test_template_frame_placeholders_are_copied_with_the_deck_date(tmp_path):
    plain_template(tmp_path, keep_frame=True)
    _, prs = build(tmp_path, "deck: {title: 年度总结, template: plain.pptx, date: 2026-01-08}\n")
    chart_slide = prs.slides[3]
    assert frame_texts(chart_slide, "dt") == ["2026-01-08"]
    assert frame_texts(chart_slide, "sldNum") == ["4"] and slide_number_fields(chart_slide) == ["4"]
    assert frame_texts(prs.slides[0], "dt") == []  # the cover's date goes where the map puts it, if anywhere


def test_cover_date_mapped_to_the_date_placeholder_appears(tmp_path):
    plain_template(tmp_path, keep_frame=True)
    mapping = (tmp_path / "plain.yaml").read_text(encoding="utf-8")
    (tmp_path / "plain.yaml").write_text(
        mapping.replace("subtitle: {type: subTitle, idx: 1}}", "subtitle: {type: subTitle, idx: 1}, "
                                                               "date: {type: dt, idx: 10}}"), encoding="utf-8")
    _, prs = build(tmp_path, "deck: {title: 年度总结, template: plain.pptx, date: 2026-01-08}\n",
                   slides="slides: [{kind: title}]\n")
    assert frame_texts(prs.slides[0], "dt") == ["日期：2026-01-08"]


def test_frame_passes_openxml_audit(tmp_path):
    plain_template(tmp_path, keep_frame=True)
    build(tmp_path, "deck: {title: 年度总结, template: plain.pptx, date: 2026-01-08, footer: 内部资料}\n")
    errors = [e for e in validate_pptx(tmp_path / "out.pptx").errors if e.severity == ValidationSeverity.ERROR]
    assert errors == []


# --------------------------------------------------------------------------- values without a slot
def test_value_without_a_slot_is_a_warning_naming_the_field(tmp_path):
    plain_template(tmp_path)
    result, _ = build(tmp_path, "deck: {title: 年度总结, template: plain.pptx}\n",
                      slides="slides:\n  - kind: closing\n    subtitle: 再见\n")
    assert result.warnings == [f"{tmp_path / 'deck.yaml'}:4:15: slides[0].subtitle: not shown: layout 'Title Only' "
                               "(kind 'closing') has no 'subtitle' placeholder in the layout map"]


def test_deck_field_a_cover_cannot_show_is_a_warning_at_the_deck_field(tmp_path):
    plain_template(tmp_path)
    result, _ = build(tmp_path, "deck: {title: 年度总结, template: plain.pptx, presenter: 张明}\n",
                      slides="slides: [{kind: title}]\n")
    assert [w.split(": ", 2)[1] for w in result.warnings] == ["deck.presenter"]


def test_no_slot_warning_is_printed_by_the_cli_with_exit_0(tmp_path, capsys):
    plain_template(tmp_path)
    spec = tmp_path / "deck.yaml"
    spec.write_text("deck: {title: 年度总结, template: plain.pptx}\nslides:\n  - kind: closing\n    subtitle: 再见\n",
                    encoding="utf-8")
    assert main(["build", str(spec), "-o", str(tmp_path / "out.pptx")]) == 0
    err = capsys.readouterr().err
    assert "warning: " in err and "slides[0].subtitle: not shown" in err


# --------------------------------------------------------------------------- logo
def _boxes_meet(a, b) -> bool:
    return a.left < b.left + b.width and b.left < a.left + a.width and a.top < b.top + b.height \
        and b.top < a.top + a.height


@pytest.mark.parametrize("corner", ["top-right", "top-left", "bottom-right", "bottom-left"])
def test_logo_meets_no_other_shape_and_lint_passes(tmp_path, corner):
    Image.new("RGB", (300, 100), "#C62828").save(tmp_path / "logo.png")  # a wide logo, as most are
    result, prs = build(tmp_path, f"""\
        deck:
          title: 年度总结
          footer: 内部资料
          theme: {{name: t, logo: logo.png, logo_corner: {corner}, logo_height: 0.6}}
        """)
    assert result.findings == []
    for slide in prs.slides:
        logos = [shape for shape in slide.shapes if shape.name == "Logo"]
        others = [shape for shape in slide.shapes if shape.name != "Logo"]
        assert all(not _boxes_meet(logo, other) for logo in logos for other in others), corner
    assert sum(shape.name == "Logo" for slide in prs.slides for shape in slide.shapes) == len(CONTENT)
    numbers = [shape for slide in prs.slides for shape in slide.placeholders
               if placeholder_id(shape.element).type == "sldNum"]
    assert len(numbers) == len(CONTENT) and all(shape.width >= Inches(0.5) for shape in numbers)  # moved, not squashed


def test_bad_logo_corner_is_a_located_error_with_exit_2(tmp_path, capsys):
    spec = tmp_path / "deck.yaml"
    spec.write_text("deck:\n  title: t\n  theme: {name: t, logo_corner: middle}\nslides: [{kind: title}]\n",
                    encoding="utf-8")
    assert main(["build", str(spec), "-o", str(tmp_path / "out.pptx")]) == 2
    err = capsys.readouterr().err
    assert "deck.yaml:3" in err and "deck.theme.logo_corner" in err and "Traceback" not in err


# --------------------------------------------------------------------------- 4:3
def test_four_by_three_template_keeps_kpi_values_on_one_line(tmp_path):
    plain_template(tmp_path, width=10)
    result, prs = build(tmp_path, "deck: {title: 年度总结, template: plain.pptx}\n")
    assert result.findings == []
    for card in (shape for shape in prs.slides[4].shapes if shape.name.startswith("KPI")):
        run = card.text_frame.paragraphs[1].runs[0]
        inner_pt = (card.width - card.text_frame.margin_left - card.text_frame.margin_right) / 12700
        assert measure_text(run.text, "Noto Sans CJK SC", "Noto Sans CJK SC", run.font.size.pt, bold=True) \
            < 0.85 * inner_pt, run.text


def test_commentary_on_a_kind_without_a_place_for_it_is_a_warning(tmp_path):
    result, _ = build(tmp_path, "deck: {title: 年度总结}\n",
                      slides="slides:\n  - kind: section\n    title: 第一部分\n    commentary: 本节三点\n")
    assert [w.split(": ", 2)[1:] for w in result.warnings] == [
        ["slides[0].commentary", "not shown: a 'section' slide has no place for commentary (speaker text goes in "
                                 "'notes')"]]


def decorated_template(tmp_path) -> None:
    """plain.pptx whose 'Title Only' layout draws the slide number itself, in a text box (no placeholder)."""
    plain_template(tmp_path)
    prs = Presentation(str(tmp_path / "plain.pptx"))
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    box = scratch.shapes.add_textbox(Inches(9), Inches(7), Inches(1), Inches(0.3))
    box.text_frame.text = "#"
    run = box.text_frame.paragraphs[0].runs[0]._r
    run.tag = run.tag.replace("}r", "}fld")  # a:r -> a:fld type="slidenum"
    run.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
    run.set("type", "slidenum")
    prs.slide_layouts.get_by_name("Title Only").shapes._spTree.append(box.element)
    prs.save(str(tmp_path / "plain.pptx"))


def test_numbers_a_layout_draws_are_not_drawn_twice(tmp_path):
    decorated_template(tmp_path)
    result, out = build(tmp_path, "deck: {title: 年度总结, template: plain.pptx}\n",
                        slides=f"slides: [{{kind: chart, title: 趋势, chart: {CHART}}}]\n")
    assert result.warnings == [] and not slide_number_fields(out.slides[0])


def test_numbers_a_layout_draws_cannot_be_turned_off_and_say_so(tmp_path):
    decorated_template(tmp_path)
    result, _ = build(tmp_path, "deck: {title: 年度总结, template: plain.pptx, slide_numbers: false}\n",
                      slides=f"slides: [{{kind: chart, title: 趋势, chart: {CHART}}}]\n")
    assert [w.split(": ", 2)[1] for w in result.warnings] == ["deck.slide_numbers"]


def test_logo_moves_in_beside_a_layout_caption_in_its_corner(tmp_path):
    Image.new("RGB", (300, 100), "#C62828").save(tmp_path / "logo.png")
    template = ROOT / "layouts" / "corporate.pptx"
    spec = f"deck: {{title: 年度总结, template: {template}, theme: {{name: t, logo: logo.png}}}}\n"
    _, prs = build(tmp_path, spec, slides="slides: [{kind: agenda}, {kind: section, title: 第一部分}]\n")
    caption = next(shape for shape in prs.slides[0].slide_layout.shapes if shape.name == "Header Caption")
    logo = next(shape for shape in prs.slides[0].shapes if shape.name == "Logo")
    assert not _boxes_meet(logo, caption)


def test_logo_on_puts_the_logo_on_the_chosen_kinds_only(tmp_path):
    Image.new("RGB", (300, 100), "#C62828").save(tmp_path / "logo.png")
    _, prs = build(tmp_path, """\
        deck:
          title: 年度总结
          theme: {name: t, logo: logo.png, logo_corner: bottom-left, logo_on: [title, closing]}
        """)
    with_logo = [i for i, slide in enumerate(prs.slides) if any(s.name == "Logo" for s in slide.shapes)]
    assert with_logo == [0, len(prs.slides) - 1]


def test_unknown_kind_in_logo_on_is_a_located_error_with_a_suggestion(tmp_path, capsys):
    spec = tmp_path / "deck.yaml"
    spec.write_text("deck:\n  title: t\n  theme: {name: t, logo_on: [titel]}\nslides: [{kind: title}]\n",
                    encoding="utf-8")
    assert main(["build", str(spec), "-o", str(tmp_path / "out.pptx")]) == 2
    err = capsys.readouterr().err
    assert "deck.yaml:3" in err and "logo_on" in err and "did you mean 'title'" in err
