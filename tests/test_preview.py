"""deckbuilder.tools.preview: LibreOffice -> PDF -> PNGs -> contact sheet; clear errors without tools."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Inches, Pt

from deckbuilder.errors import RenderToolError, TemplateError
from deckbuilder.tools.preview import (
    INSTALL_HINT,
    PreviewResult,
    contact_sheet,
    preview_deck,
    render_pdf,
    render_pngs,
)

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-impress")
needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None,
    reason="pdftoppm is not installed: apt-get install poppler-utils")


@pytest.fixture()
def deck(tmp_path):
    """Three slides with Chinese titles and a text box."""
    prs = Presentation()
    for title in ("年度销售业绩回顾", "渠道结构变化", "谢谢"):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = title
        box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
        box.text_frame.text = "线上渠道占比 62%，同比提升 8 个百分点。"
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    path = tmp_path / "销售回顾.pptx"
    prs.save(path)
    return path


@needs_soffice
@needs_pdftoppm
def test_preview_renders_every_slide_and_a_contact_sheet(deck, tmp_path):
    out = tmp_path / "preview"
    result = preview_deck(deck, out, dpi=30)
    assert isinstance(result, PreviewResult)
    assert result.page_count == 3 and len(result.pngs) == 3
    assert result.pdf == out.resolve() / "销售回顾.pdf" and result.pdf.stat().st_size > 0
    assert [p.name for p in result.pngs] == ["销售回顾-1.png", "销售回顾-2.png", "销售回顾-3.png"]
    page = Image.open(result.pngs[0])
    assert page.size == (300, 225)  # 10 x 7.5 in at 30 dpi
    sheet = Image.open(result.contact_sheet)
    assert sheet.size == (12 + 3 * (300 + 12), 12 + 225 + 12)  # three columns, one row


@needs_soffice
@needs_pdftoppm
def test_default_folder_and_rerun_with_fewer_pages(deck):
    first = preview_deck(deck)
    assert first.pdf.parent == deck.parent / "销售回顾_preview"
    prs = Presentation(deck)
    slides = prs.slides._sldIdLst
    slides.remove(slides[-1])
    prs.save(deck)
    again = preview_deck(deck)
    assert again.page_count == 2  # no stale page 3 from the first run
    assert sorted(p.name for p in again.pdf.parent.glob("*-?.png")) == \
        ["销售回顾-1.png", "销售回顾-2.png"]


@needs_soffice
def test_render_pdf_of_a_broken_file_is_a_render_tool_error(tmp_path):
    broken = tmp_path / "broken.pptx"
    broken.write_text("not a deck")
    with pytest.raises(RenderToolError):
        render_pdf(broken, tmp_path / "out", timeout=120)


def _pages(tmp_path, count: int, size=(80, 60)) -> list:
    paths = []
    for i in range(count):
        path = tmp_path / f"page-{i + 1}.png"
        Image.new("RGB", size, (255, 255 - 40 * i, 255)).save(path)
        paths.append(path)
    return paths


def test_contact_sheet_is_a_numbered_deterministic_grid(tmp_path):
    pages = _pages(tmp_path, 5)
    first = contact_sheet(pages, tmp_path / "a.png", columns=2)
    second = contact_sheet(pages, tmp_path / "sub" / "b.png", columns=2)
    assert first.read_bytes() == second.read_bytes()
    sheet = Image.open(first)
    assert sheet.size == (12 + 2 * (80 + 12), 12 + 3 * (60 + 12))
    assert sheet.getpixel((13, 13)) == (40, 40, 40)  # the number's dark label, top-left
    assert sheet.getpixel((12 + 70, 12 + 50)) == (255, 255, 255)  # slide 1 itself
    assert sheet.getpixel((12 + 92 + 70, 12 + 72 * 2 + 50)) == (200, 200, 200)  # empty cell


def test_contact_sheet_needs_pages(tmp_path):
    with pytest.raises(ValueError):
        contact_sheet([], tmp_path / "sheet.png")


@pytest.fixture()
def no_tools(monkeypatch, tmp_path):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_missing_libreoffice_says_what_to_install(deck, no_tools):
    with pytest.raises(RenderToolError) as info:
        preview_deck(deck)
    text = str(info.value)
    assert "soffice" in text
    assert "apt-get install libreoffice-impress poppler-utils fonts-noto-cjk" in text
    with pytest.raises(RenderToolError, match="soffice"):
        render_pdf(deck, deck.parent)


def test_missing_deck_is_a_template_error(tmp_path):
    for render in (render_pdf, lambda deck, out: preview_deck(deck, out)):
        with pytest.raises(TemplateError, match="deck not found"):
            render(tmp_path / "nope.pptx", tmp_path)


def test_missing_pdftoppm_says_what_to_install(tmp_path, no_tools):
    with pytest.raises(RenderToolError) as info:
        render_pngs(tmp_path / "deck.pdf", tmp_path)
    assert "pdftoppm" in str(info.value) and INSTALL_HINT in str(info.value)
