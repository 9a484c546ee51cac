"""Accessibility and links: alt text on every graphic, the missing-alt-text lint rule, shapes in
reading order, agenda entries and KPI cards that jump to slides or open URLs."""

from __future__ import annotations

import re
import subprocess
import textwrap
import zipfile
from pathlib import Path

import pytest
from openxml_audit import validate_pptx
from pptx import Presentation
from pptx.util import Inches
from support import SPECS, needs_soffice

from deckbuilder import build_deck, cli
from deckbuilder.deck.oxml.accessibility import alt_text
from deckbuilder.tools.lint import lint_deck

CSV = "品类,销售额\n美妆个护,191000000\n家居,52000000\n食品,20500000\n"
HEAD = """\
deck: {title: 年度复盘}
data:
  sales: {type: csv, path: sales.csv}
metrics:
  by_category: {source: sales, agg: sum, column: 销售额, by: 品类, sort: desc, format: yi}
slides:
"""


def build(tmp_path: Path, slides: str, deck: str = "{title: 年度复盘}") -> Path:
    (tmp_path / "sales.csv").write_text(CSV, encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    head = HEAD.replace("{title: 年度复盘}", deck)
    spec.write_text(head + textwrap.indent(textwrap.dedent(slides), "  "), encoding="utf-8")
    out = tmp_path / "out.pptx"
    build_deck(spec, output=out)
    return out


def graphics(path: Path) -> list:
    """Every graphic frame (chart, table) and picture of the deck, as python-pptx shapes."""
    return [shape for slide in Presentation(str(path)).slides for shape in slide.shapes
            if shape._element.tag.rsplit("}", 1)[-1] in ("graphicFrame", "pic")]


def error_of(tmp_path: Path, capsys, slides: str) -> str:
    (tmp_path / "sales.csv").write_text(CSV, encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text(HEAD + textwrap.indent(textwrap.dedent(slides), "  "), encoding="utf-8")
    assert cli.main(["build", str(spec), "-o", str(tmp_path / "out.pptx")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


# --------------------------------------------------------------------------- alt text
def test_a_chart_is_described_by_its_type_title_and_extremes(tmp_path):
    out = build(tmp_path, """\
        - kind: chart
          title: 各品类销售额
          chart: {type: column_clustered, metric: by_category}
        """)
    (chart,) = graphics(out)
    assert alt_text(chart) == "柱形图：各品类销售额，美妆个护最高 1.91亿，食品最低 0.21亿"


def test_an_english_deck_describes_charts_in_english(tmp_path):
    out = build(tmp_path, """\
        - kind: chart
          title: Sales by category
          chart: {type: bar_clustered, metric: by_category}
        """, deck="{title: Review, locale: en_US}")
    (chart,) = graphics(out)
    assert alt_text(chart).startswith("Bar chart: Sales by category; highest 美妆个护 ")


def test_a_pie_names_its_largest_slice_by_its_share(tmp_path):
    out = build(tmp_path, """\
        - kind: chart
          title: 品类占比
          chart: {type: pie, metric: by_category}
        """)
    (chart,) = graphics(out)
    assert alt_text(chart) == "饼图：品类占比，美妆个护最高 72.5%，食品最低 7.8%"


def test_a_table_is_described_by_its_title_and_size(tmp_path):
    out = build(tmp_path, """\
        - kind: table
          title: 品类明细
          table: {metric: by_category}
        """)
    (table,) = graphics(out)
    assert alt_text(table) == "表格：品类明细，3 行 2 列"


def test_alt_in_the_spec_replaces_the_derived_text_and_is_a_template(tmp_path):
    out = build(tmp_path, """\
        - kind: chart
          title: 各品类销售额
          chart: {type: column_clustered, metric: by_category, alt: "共 {{ by_category.rows | length }} 个品类"}
        - kind: table
          title: 品类明细
          table: {metric: by_category, alt: 各品类销售额明细}
        """)
    assert [alt_text(shape) for shape in graphics(out)] == ["共 3 个品类", "各品类销售额明细"]


@pytest.mark.parametrize("spec", ["showcase.yaml", "ecommerce_year_end.yaml", "monthly_review.yaml"])
def test_every_graphic_of_the_example_decks_has_alt_text(spec, tmp_path):
    out = tmp_path / "deck.pptx"
    build_deck(SPECS / spec, output=out)
    shapes = graphics(out)
    assert shapes and all(alt_text(shape).strip() for shape in shapes)
    assert lint_deck(out, rules=["missing-alt-text"]) == []


def test_the_logo_is_described(tmp_path):
    from PIL import Image

    Image.new("RGB", (40, 20), "red").save(tmp_path / "logo.png")
    out = build(tmp_path, """\
        - kind: chart
          title: 各品类销售额
          chart: {type: column_clustered, metric: by_category}
        """, deck="{title: 年度复盘, theme: {logo: logo.png}}")
    pictures = [shape for shape in graphics(out) if shape.name == "Logo"]
    assert [alt_text(p) for p in pictures] == ["公司标志"]


# --------------------------------------------------------------------------- lint rule
def test_missing_alt_text_fires_on_a_picture_described_only_by_its_file_name(tmp_path):
    from PIL import Image

    Image.new("RGB", (10, 10), "blue").save(tmp_path / "dot.png")
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    picture = slide.shapes.add_picture(str(tmp_path / "dot.png"), Inches(1), Inches(1))
    prs.save(tmp_path / "deck.pptx")
    (finding,) = lint_deck(tmp_path / "deck.pptx", rules=["missing-alt-text"])  # python-pptx wrote "dot.png"
    assert (finding.shape, finding.rule) == (picture.name, "missing-alt-text")
    assert "only a file name" in finding.message
    picture._element.xpath("./p:nvPicPr/p:cNvPr")[0].set("descr", "蓝色圆点")
    prs.save(tmp_path / "deck.pptx")
    assert lint_deck(tmp_path / "deck.pptx", rules=["missing-alt-text"]) == []


def test_missing_alt_text_fires_on_a_table_without_descr(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(1), Inches(4), Inches(1))
    prs.save(tmp_path / "deck.pptx")
    (finding,) = lint_deck(tmp_path / "deck.pptx", rules=["missing-alt-text"])
    assert (finding.shape, "no alt text" in finding.message) == (table.name, True)


# --------------------------------------------------------------------------- reading order
def test_shapes_are_in_reading_order_title_content_then_page_frame(tmp_path):
    out = build(tmp_path, """\
        - kind: chart
          title: 各品类销售额
          chart: {type: column_clustered, metric: by_category}
          commentary: 美妆个护领先。
        """)
    slide = Presentation(str(out)).slides[0]
    names = [shape.name for shape in slide.shapes]
    assert names[0].startswith("Title")
    assert names.index("Chart: column_clustered") < names.index("Commentary")  # the chart is above it
    assert names[-1].startswith("Slide Number")


def test_side_by_side_shapes_read_left_to_right(tmp_path):
    out = build(tmp_path, """\
        - kind: chart_text
          title: 各品类销售额
          chart: {type: column_clustered, metric: by_category}
          commentary: 美妆个护领先。
        """)
    shapes = list(Presentation(str(out)).slides[0].shapes)[1:-1]
    assert [s.left for s in shapes] == sorted(s.left for s in shapes)


# --------------------------------------------------------------------------- links
AGENDA = """\
- kind: agenda
- kind: section
  title: 销售
- kind: kpi
  id: 总览
  title: 总览
  cards:
    - {label: 官网, value: "1", link: "https://example.com/report"}
    - {label: 明细, value: "2", link: {slide: 明细}}
- kind: section
  title: 品类
- kind: table
  id: 明细
  title: 品类明细
  table: {metric: by_category}
"""


def slide_links(path: Path, number: int) -> list[tuple[str, str]]:
    """(action, target) of every a:hlinkClick on slide *number*, targets read from its relationships."""
    with zipfile.ZipFile(path) as package:
        xml = package.read(f"ppt/slides/slide{number}.xml").decode()
        rels = package.read(f"ppt/slides/_rels/slide{number}.xml.rels").decode()
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
    targets.update({i: t for t, i in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    links = re.findall(r'<a:hlinkClick r:id="(rId\d+)"(?: action="([^"]+)")?', xml)
    return [(action, targets[r_id]) for r_id, action in links]


def test_agenda_entries_jump_to_their_section_slides(tmp_path):
    out = build(tmp_path, AGENDA)
    links = set(slide_links(out, 1))
    assert links == {("ppaction://hlinksldjump", "slide2.xml"), ("ppaction://hlinksldjump", "slide4.xml")}


def test_kpi_cards_link_to_a_url_and_to_a_slide_by_id(tmp_path):
    out = build(tmp_path, AGENDA)
    assert set(slide_links(out, 3)) == {("", "https://example.com/report"),
                                        ("ppaction://hlinksldjump", "slide5.xml")}
    assert [str(e) for e in getattr(validate_pptx(str(out)), "errors", [])] == []


def test_an_unknown_slide_id_is_a_located_error_with_did_you_mean(tmp_path, capsys):
    err = error_of(tmp_path, capsys, AGENDA.replace("{slide: 明细}", "{slide: 明细表}"))
    assert "slides[2].cards[1].link.slide" in err and "no slide with id '明细表'" in err
    assert "did you mean '明细'" in err and re.search(r"spec\.yaml:\d+:\d+", err)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.com", "https://"])
def test_only_http_https_and_mailto_links_are_allowed(tmp_path, capsys, url):
    err = error_of(tmp_path, capsys, AGENDA.replace("https://example.com/report", url))
    assert "slides[2].cards[0].link" in err and re.search(r"spec\.yaml:\d+:\d+", err)


def test_a_url_that_is_not_allowed_is_one_error_not_two(tmp_path, capsys):
    err = error_of(tmp_path, capsys, AGENDA.replace("https://example.com/report", "javascript:alert(1)"))
    assert "must be an http, https or mailto address" in err and "mapping" not in err


def test_a_misspelt_slide_link_key_is_located(tmp_path, capsys):
    err = error_of(tmp_path, capsys, AGENDA.replace("{slide: 明细}", "{slid: 明细}"))
    assert "slides[2].cards[1].link.slid: unknown key 'slid'" in err


def test_a_mailto_link_is_accepted(tmp_path):
    out = build(tmp_path, AGENDA.replace("https://example.com/report", "mailto:sales@example.com"))
    assert ("", "mailto:sales@example.com") in slide_links(out, 3)


@needs_soffice
def test_links_survive_in_libreoffice_as_pdf_link_annotations(tmp_path):
    out = build(tmp_path, AGENDA)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    pdf = (tmp_path / "out.pdf").read_bytes()
    assert pdf.count(b"/Link") >= 4  # two agenda entries, two cards
    assert b"https://example.com/report" in pdf



def test_shape_ids_are_the_ids_of_the_slides_shapes_in_tree_order():
    from deckbuilder.deck.oxml.accessibility import shape_ids

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])  # two placeholders
    slide.shapes.add_textbox(0, 0, Inches(1), Inches(1))
    slide.shapes.add_group_shape().shapes.add_textbox(0, 0, Inches(1), Inches(1))  # the group counts, not its member
    slide.shapes.add_connector(1, 0, 0, Inches(1), Inches(1))
    assert shape_ids(slide) == [shape.shape_id for shape in slide.shapes]
    assert len(shape_ids(slide)) == 5
