"""Images a slide places: read from files relative to the spec, checked, and handed on as bytes.

Renderers never read files, so every picture is read here, in the resolve phase:
found (a did-you-mean for a misspelt name), bounded (``MAX_IMAGE_BYTES``,
``MAX_IMAGE_PIXELS``: the header's size is checked before any decoding), decoded
once to prove it is readable. PNG and JPEG are accepted, and SVG: checked by
``build/svg_check.py`` (safe parse, no outside references, size), then placed with a
PNG fallback drawn for its shown size (``deck/svg.py``). A compressed ``.svgz`` is refused.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckbuilder.build.svg_check import check_svg
from deckbuilder.data.files import existing_file, resolve_path
from deckbuilder.errors import DataError, Issue, SpecError, did_you_mean
from deckbuilder.limits import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS
from deckbuilder.render.resolved import ResolvedImage
from deckbuilder.spec.image_model import ImagesFromData, ImageSpec
from deckbuilder.spec.positions import dotted_path

if TYPE_CHECKING:
    from deckbuilder.build.resolve import Resolver

#: Formats placed as pictures (PIL's names) and the extensions that name them.
IMAGE_FORMATS = ("PNG", "JPEG")
_SVGZ_HINT = "decompress it (`gunzip -S .svgz`) to a plain .svg"


def read_image(raw: str, base_dir: Path, *, fit: str = "contain", caption: str = "", alt: str = "") -> ResolvedImage:
    """The image file *raw* (relative to *base_dir*) checked and read; DataError (unlocated) when unusable."""
    if raw.lower().endswith(".svgz"):
        raise DataError(f"compressed SVG images are not placed: {raw}", hint=_SVGZ_HINT)
    file = existing_file(raw, base_dir, path="")
    size = file.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise DataError(f"image {raw} is {size:,} bytes, more than the limit of {MAX_IMAGE_BYTES:,}",
                        hint="resize or recompress it (a slide needs at most ~2000 px across; see docs/limits.md)")
    blob = file.read_bytes()
    if raw.lower().endswith(".svg") or is_svg(blob):
        aspect, title = check_svg(blob, raw)  # its <title> is the alt text when the spec gives none
        return ResolvedImage(blob, aspect, fit, caption, alt or caption or title, svg=True)
    return ResolvedImage(blob, image_size(blob, raw), fit, caption, alt or caption)


def is_svg(blob: bytes) -> bool:
    """Whether *blob* looks like XML (an SVG, or refused as one), not a raster image."""
    return blob.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<"


def image_size(blob: bytes, name: str) -> tuple[int, int]:
    """(width, height) in pixels of a PNG or JPEG *blob*, after checking it decodes within the pixel limit."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(blob)) as image:
            kind, (width, height) = image.format, image.size
            if kind not in IMAGE_FORMATS:
                raise DataError(f"image {name} is {kind or 'an unknown format'}; PNG, JPEG or SVG are placed",
                                hint="convert it to PNG or JPEG")
            if width * height > MAX_IMAGE_PIXELS:
                raise DataError(f"image {name} is {width} x {height} pixels, more than the limit of "
                                f"{MAX_IMAGE_PIXELS:,} pixels", hint="resize it (see docs/limits.md)")
            image.load()  # truncated or corrupt data fails here, not in PowerPoint
    except DataError:
        raise
    except Exception as exc:  # noqa: BLE001 - PIL's decoders raise OSError, SyntaxError, struct.error, ...
        raise DataError(f"image {name} is not a readable PNG or JPEG ({exc})",
                        hint="open it in an image viewer and save it again as PNG or JPEG") from None
    return width, height


def resolve_images(resolver: Resolver, value: Any, path: tuple) -> list[ResolvedImage]:
    """The pictures of an ``image:`` (one), an ``images:`` list or an ``images:`` data binding."""
    base = resolver.loaded.base_dir
    if isinstance(value, ImageSpec):
        with resolver.locator.at(path + ("path",)):
            return [read_image(value.path, base, fit=value.fit, caption=value.caption or "", alt=value.alt or "")]
    if isinstance(value, list):
        return [image for k, item in enumerate(value) for image in resolve_images(resolver, item, path + (k,))]
    assert isinstance(value, ImagesFromData)
    return _images_from_data(resolver, value, path)


def _images_from_data(resolver: Resolver, spec: ImagesFromData, path: tuple) -> list[ResolvedImage]:
    frame = resolver.table_metric(spec.metric, path + ("metric",),
                                  "images from data need a table metric with a path column",
                                  "use a metric with 'by:' over the column of image paths")
    for field in ("column", "caption_column"):
        column = getattr(spec, field)
        if column is not None and column not in frame.columns:
            raise SpecError(issues=[resolver.locator.issue(
                f"no column '{column}' in metric '{spec.metric}'", path + (field,),
                hint=did_you_mean(column, [str(c) for c in frame.columns]) or
                f"columns: {', '.join(map(str, frame.columns))}")])
    images, folder = [], resolve_path(spec.folder, resolver.loaded.base_dir)
    for _, row in frame.head(spec.limit).iterrows():
        raw = row[spec.column]
        caption = "" if spec.caption_column is None else str(row[spec.caption_column])
        with resolver.locator.at(path + ("column",)):
            if not isinstance(raw, str) or not raw.strip():
                raise DataError(f"row '{caption or row.name}' has no image file in column '{spec.column}'")
            images.append(read_image(raw.strip(), folder, fit=spec.fit, caption=caption))
    if not images:
        raise DataError(f"metric '{spec.metric}' has no rows: no pictures to show",
                        path=dotted_path(path + ("metric",)))
    return images



def check_logo(logo: Path, where: Issue) -> tuple[tuple[float, float], bytes | None]:
    """The theme logo's size (its aspect ratio), and its bytes when it is an SVG (placed with a PNG fallback,
    like an SVG picture); a raster logo must be an image python-pptx can place (PNG, JPEG, GIF, BMP, TIFF)."""
    if not logo.is_file():
        raise SpecError(issues=[replace(where, message=f"logo image not found: {logo}")])
    if logo.suffix.lower() == ".svg":
        blob = logo.read_bytes()
        try:
            if len(blob) > MAX_IMAGE_BYTES:
                raise DataError(f"logo {logo.name} is {len(blob):,} bytes, more than the limit of {MAX_IMAGE_BYTES:,}")
            size, _ = check_svg(blob, logo.name)
        except DataError as exc:
            raise SpecError(issues=[replace(where, message=exc.issues[0].message, hint=exc.issues[0].hint)]) from None
        return size, blob
    from PIL import Image

    try:
        with Image.open(logo) as image:  # what python-pptx reads to place it: the format and size
            width, height = image.size
    except Exception as exc:  # noqa: BLE001 - PIL's decoders raise SyntaxError, struct.error, ... on bad bytes
        raise SpecError(issues=[replace(where, message=f"logo is not a readable image: {logo} ({exc})",
                                        hint="use a PNG, JPEG or SVG file")]) from None
    return (width, height), None
