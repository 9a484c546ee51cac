"""Building decks: the output is complete, deterministic, valid OOXML and opens in LibreOffice."""

from __future__ import annotations

import subprocess

from openxml_audit import validate_pptx
from support import SPECS, needs_soffice

from deckbuilder import build_deck
from deckbuilder.tools.inspect import inspect_deck


def test_showcase_has_every_slide_kind(showcase_deck):
    layouts = [s["layout"] for s in inspect_deck(showcase_deck)["slides"]]
    assert len(layouts) == 28
    assert {"Title", "Agenda", "Section", "Content", "Chart + Text", "Closing"} <= set(layouts)


def test_showcase_inspect_dump(showcase_deck, data_regression):
    data_regression.check(inspect_deck(showcase_deck))


def test_identical_input_gives_identical_bytes(showcase_deck, tmp_path):
    again = tmp_path / "again.pptx"
    build_deck(SPECS / "showcase.yaml", output=again)
    assert again.read_bytes() == showcase_deck.read_bytes()


def test_openxml_audit_finds_no_errors(showcase_deck):
    result = validate_pptx(str(showcase_deck))
    errors = [str(e) for e in getattr(result, "errors", [])]
    assert errors == []


def test_chinese_runs_carry_east_asian_typeface(showcase_deck):
    import zipfile

    with zipfile.ZipFile(showcase_deck) as package:
        slide = package.read("ppt/slides/slide4.xml").decode()
        chart_parts = [n for n in package.namelist() if n.startswith("ppt/charts/chart")]
        chart = package.read(chart_parts[0]).decode()
    assert 'lang="zh-CN"' in slide and "<a:ea typeface=" in slide
    assert "<a:ea typeface=" in chart
    assert 'c:axId val="-' not in chart


@needs_soffice
def test_libreoffice_renders_every_slide(showcase_deck, tmp_path):
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(showcase_deck)],
                   check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "showcase.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == 28


def test_build_without_writing_returns_bytes():
    result = build_deck(SPECS / "showcase.yaml", write=False)
    assert result.path is None and result.slides == 28 and result.data[:2] == b"PK"
