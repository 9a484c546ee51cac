"""``link:`` on text: a commentary item written ``{text, link}`` and a point card with a ``link``."""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

from openxml_audit import validate_pptx
from pptx import Presentation
from support import needs_soffice

from deckbuilder import build_deck, cli

HEAD = """\
deck: {title: 年度复盘}
slides:
  - {kind: title, id: cover}
"""
CLOSING = "- {kind: closing, id: 结尾}\n"
COMMENTARY = """\
- kind: points
  title: 要点
  points: [{heading: 一}, {heading: 二}]
  commentary:
    - 普通的一条
    - {text: 详见官网, link: "https://example.com/report"}
    - {text: "回到 {{ deck.title }}", link: {slide: 结尾}}
"""


def spec(tmp_path: Path, slides: str) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(HEAD + textwrap.indent(textwrap.dedent(slides) + CLOSING, "  "), encoding="utf-8")
    return path


def build(tmp_path: Path, slides: str) -> Path:
    out = tmp_path / "out.pptx"
    build_deck(spec(tmp_path, slides), output=out)
    return out


def shape(out: Path, slide: int, name: str):
    return next(s for s in Presentation(str(out)).slides[slide].shapes if s.name == name)


def run_targets(paragraph, slide) -> set[tuple[str, str]]:
    """(action, target) of the hyperlinks on *paragraph*'s runs, the targets read from *slide*'s relationships."""
    found = set()
    for run in paragraph.runs:
        r_pr = run._r.rPr
        click = r_pr.hlinkClick if r_pr is not None else None
        if click is not None:
            rel = slide.part.rels[click.rId]
            found.add((click.get("action", ""), rel.target_ref))
    return found


def shape_target(shape, slide) -> tuple[str, str] | None:
    clicks = shape._element.xpath("./*[1]/p:cNvPr/a:hlinkClick")
    if not clicks:
        return None
    r_id = clicks[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    return clicks[0].get("action", ""), slide.part.rels[r_id].target_ref


def test_a_commentary_item_links_its_text_to_a_url(tmp_path):
    out = build(tmp_path, COMMENTARY)
    slide = Presentation(str(out)).slides[1]
    paragraphs = next(s for s in slide.shapes if s.name == "Commentary").text_frame.paragraphs
    assert run_targets(paragraphs[1], slide) == {("", "https://example.com/report")}


def test_a_commentary_item_jumps_to_a_slide_by_id(tmp_path):
    out = build(tmp_path, COMMENTARY)
    slide = Presentation(str(out)).slides[1]
    paragraphs = next(s for s in slide.shapes if s.name == "Commentary").text_frame.paragraphs
    assert run_targets(paragraphs[2], slide) == {("ppaction://hlinksldjump", "slide3.xml")}


def test_a_linked_items_text_is_rendered_and_other_items_stay_plain(tmp_path):
    out = build(tmp_path, COMMENTARY)
    slide = Presentation(str(out)).slides[1]
    paragraphs = next(s for s in slide.shapes if s.name == "Commentary").text_frame.paragraphs
    assert paragraphs[2].text.replace("\u2060", "") == "回到 年度复盘"
    assert run_targets(paragraphs[0], slide) == set()


def test_the_commentary_column_of_a_chart_text_slide_carries_links(tmp_path):
    out = build(tmp_path, """\
        - kind: chart_text
          title: 图
          chart: {type: column_clustered, data: {categories: [a, b], series: {s: [1, 2]}}}
          commentary: [一, {text: 报告, link: "https://example.com/r"}]
        """)
    slide = Presentation(str(out)).slides[1]
    paragraphs = next(s for s in slide.shapes if s.name == "Commentary").text_frame.paragraphs
    assert run_targets(paragraphs[1], slide) == {("", "https://example.com/r")}


def test_a_point_card_links_as_a_whole(tmp_path):
    out = build(tmp_path, """\
        - kind: points
          title: 要点
          points:
            - {heading: 一, link: {slide: 结尾}}
            - {heading: 二, link: "mailto:team@example.com"}
        """)
    slide = Presentation(str(out)).slides[1]
    cards = {s.name: s for s in slide.shapes}
    assert shape_target(cards["Point 01"], slide) == ("ppaction://hlinksldjump", "slide3.xml")
    assert shape_target(cards["Point 02"], slide) == ("", "mailto:team@example.com")


def test_a_deck_with_text_links_passes_openxml_audit(tmp_path):
    out = build(tmp_path, COMMENTARY)
    assert [str(e) for e in getattr(validate_pptx(str(out)), "errors", [])] == []


def test_an_unknown_slide_in_a_commentary_link_is_located_with_the_ids_allowed(tmp_path, capsys):
    path = spec(tmp_path, COMMENTARY.replace("{slide: 结尾}", "{slide: 结局}"))
    assert cli.main(["build", str(path), "-o", str(tmp_path / "out.pptx")]) == 2
    err = capsys.readouterr().err
    assert "spec.yaml:10:" in err and "slides[1].commentary[2].link.slide" in err and "allowed: cover, 结尾" in err


def test_a_point_link_with_a_scheme_not_allowed_is_located(tmp_path, capsys):
    path = spec(tmp_path, """\
        - kind: points
          title: 要点
          points: [{heading: 一, link: "javascript:alert(1)"}, {heading: 二}]
        """)
    assert cli.main(["build", str(path), "-o", str(tmp_path / "out.pptx")]) == 2
    err = capsys.readouterr().err
    assert "slides[1].points[0].link" in err and "must be an http, https or mailto" in err and "Traceback" not in err


def test_a_commentary_item_mapping_needs_its_text(tmp_path, capsys):
    path = spec(tmp_path, COMMENTARY.replace("{text: 详见官网, link:", "{txt: 详见官网, link:"))
    assert cli.main(["build", str(path), "-o", str(tmp_path / "out.pptx")]) == 2
    err = capsys.readouterr().err
    assert "slides[1].commentary[1]" in err and "Traceback" not in err


@needs_soffice
def test_text_links_survive_in_libreoffice_as_pdf_link_annotations(tmp_path):
    out = build(tmp_path, COMMENTARY.replace("points: [{heading: 一}, {heading: 二}]",
                                             "points: [{heading: 一, link: 'https://example.com/p'}, {heading: 二}]"))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    pdf = (tmp_path / "out.pdf").read_bytes()
    assert sorted(re.findall(rb"/URI\s*\(([^)]*)\)", pdf)) == [b"https://example.com/p", b"https://example.com/report"]
    assert len(re.findall(rb"/Subtype\s*/Link", pdf)) == 3  # the two URLs and the jump to the closing slide
