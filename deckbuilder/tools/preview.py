"""Render a deck to PDF and PNGs with LibreOffice and poppler, plus a contact sheet.

A preview is how a person (or a reviewing agent) sees a deck without
PowerPoint: ``soffice --headless --convert-to pdf`` lays the slides out,
``pdftoppm`` rasterises each page, and :func:`contact_sheet` puts all pages on
one image with their slide numbers.

Each LibreOffice run gets its own throw-away user profile
(``-env:UserInstallation=file:///tmp/...``): two conversions sharing the
default profile block each other or fail silently, which breaks parallel test
runs.  Missing tools raise :class:`RenderToolError` saying what to install.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from deckbuilder.errors import OutputError, RenderToolError, TemplateError

INSTALL_HINT = "install them with: apt-get install libreoffice-impress poppler-utils fonts-noto-cjk"
SOFFICE_NAMES = ("soffice", "libreoffice")
DEFAULT_TIMEOUT = 180  # seconds; a first run with a fresh profile takes a few seconds


@dataclass(frozen=True)
class PreviewResult:
    """Files written by :func:`preview_deck`."""

    pdf: Path
    pngs: list[Path]
    contact_sheet: Path
    page_count: int


# --------------------------------------------------------------------------- tools


def find_soffice() -> str:
    """Path of LibreOffice's ``soffice``; :class:`RenderToolError` if it is not installed."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise RenderToolError("LibreOffice (soffice) is not installed or not on PATH; it is needed "
                          "to render slides", hint=INSTALL_HINT)


def find_pdftoppm() -> str:
    """Path of poppler's ``pdftoppm``; :class:`RenderToolError` if it is not installed."""
    found = shutil.which("pdftoppm")
    if not found:
        raise RenderToolError("pdftoppm (poppler-utils) is not installed or not on PATH; it is "
                              "needed to turn the PDF into images", hint=INSTALL_HINT)
    return found


def _prepare_dir(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create output folder {out}: {exc.strerror or exc}",
                          file=str(out)) from exc
    return out


def _run(cmd: list[str], what: str, timeout: float) -> None:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired as exc:
        raise RenderToolError(f"{what} did not finish within {timeout:g} s") from exc
    except OSError as exc:
        raise RenderToolError(f"{what} could not be started: {exc}", hint=INSTALL_HINT) from exc
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise RenderToolError(f"{what} failed (exit code {done.returncode})"
                              + (": " + " | ".join(detail) if detail else ""))


# --------------------------------------------------------------------------- steps


def render_pdf(pptx: str | Path, out_dir: str | Path, *, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Convert *pptx* to ``out_dir/<stem>.pdf`` with headless LibreOffice."""
    pptx = Path(pptx).resolve()
    if not pptx.is_file():
        raise TemplateError("deck not found", file=str(pptx))
    soffice = find_soffice()
    out = _prepare_dir(out_dir).resolve()
    target = out / f"{pptx.stem}.pdf"
    target.unlink(missing_ok=True)  # never report a stale PDF as this run's result
    profile = Path(tempfile.mkdtemp(prefix="deckbuilder-lo-"))
    try:
        _run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
              "--nologo", "--convert-to", "pdf", "--outdir", str(out), str(pptx)],
             "LibreOffice", timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if not target.is_file():
        raise RenderToolError(f"LibreOffice wrote no PDF for {pptx.name} (is it a valid .pptx?)",
                              file=str(pptx))
    return target


def render_pngs(pdf: str | Path, out_dir: str | Path, dpi: int = 50, *,
                timeout: float = DEFAULT_TIMEOUT) -> list[Path]:
    """Rasterise every page of *pdf* to ``out_dir/<stem>-<page>.png``, in page order."""
    pdftoppm = find_pdftoppm()
    pdf = Path(pdf)
    out = _prepare_dir(out_dir)
    prefix = out / pdf.stem
    for old in _page_files(out, pdf.stem):  # pages left from a longer earlier deck
        old.unlink()
    _run([pdftoppm, "-png", "-r", str(int(dpi)), str(pdf), str(prefix)], "pdftoppm", timeout)
    return _page_files(out, pdf.stem)


def _page_files(folder: Path, stem: str) -> list[Path]:
    """``stem-1.png``, ``stem-02.png``... (pdftoppm pads to the page count) sorted by page."""
    pattern = re.compile(re.escape(stem) + r"-(\d+)\.png")
    pages = [(int(m.group(1)), p) for p in folder.glob("*.png")
             if (m := pattern.fullmatch(p.name))]
    return [p for _, p in sorted(pages)]


def contact_sheet(pngs: Sequence[str | Path], out_path: str | Path, columns: int = 4, *,
                  gap: int = 12, label_size: int = 14) -> Path:
    """One image with every slide in a grid, each numbered in its top-left corner.

    Deterministic: the same pages give the same bytes (no timestamps in the PNG).
    """
    if not pngs:
        raise ValueError("contact_sheet needs at least one page image")
    if columns < 1:
        raise ValueError("columns must be at least 1")
    pages = [Image.open(p).convert("RGB") for p in pngs]
    cell_w = max(p.width for p in pages)
    cell_h = max(p.height for p in pages)
    cols = min(columns, len(pages))
    rows = -(-len(pages) // cols)
    sheet = Image.new("RGB", (gap + cols * (cell_w + gap), gap + rows * (cell_h + gap)),
                      (200, 200, 200))
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=label_size)
    for number, page in enumerate(pages, start=1):
        x = gap + ((number - 1) % cols) * (cell_w + gap)
        y = gap + ((number - 1) // cols) * (cell_h + gap)
        sheet.paste(page, (x, y))
        _draw_label(draw, font, str(number), x, y)
    out_path = Path(out_path)
    _prepare_dir(out_path.parent)
    sheet.save(out_path, format="PNG")
    return out_path


def _draw_label(draw: ImageDraw.ImageDraw, font, text: str, x: int, y: int) -> None:
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    pad = 3
    draw.rectangle((x, y, x + right - left + 2 * pad, y + bottom - top + 2 * pad),
                   fill=(40, 40, 40))
    draw.text((x + pad - left, y + pad - top), text, fill=(255, 255, 255), font=font)


def preview_deck(pptx: str | Path, out_dir: str | Path | None = None,
                 dpi: int = 50) -> PreviewResult:
    """PDF, one PNG per slide and a contact sheet for *pptx*.

    *out_dir* defaults to ``<deck folder>/<stem>_preview``.  Both tools are
    looked up before anything runs, so a missing one fails fast.
    """
    if not Path(pptx).is_file():
        raise TemplateError("deck not found", file=str(pptx))
    find_soffice()
    find_pdftoppm()
    pptx = Path(pptx).resolve()
    out = Path(out_dir).resolve() if out_dir is not None else pptx.parent / f"{pptx.stem}_preview"
    pdf = render_pdf(pptx, out)
    pngs = render_pngs(pdf, out, dpi=dpi)
    if not pngs:
        raise RenderToolError(f"pdftoppm produced no pages for {pdf.name}")
    sheet = contact_sheet(pngs, out / f"{pptx.stem}_contact.png")
    return PreviewResult(pdf=pdf, pngs=pngs, contact_sheet=sheet, page_count=len(pngs))
