"""Images on a slide: a file, a list of files, or a picture per row of a table metric.

Paths are relative to the spec file; a data column's file names are relative to
the binding's ``folder`` (itself relative to the spec file). PNG, JPEG and SVG are
placed as pictures; an SVG as PowerPoint stores one, with a PNG fallback (docs/images.md).
"""

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from deckbuilder.spec.base import MetricReference, Strict

Fit = Literal["contain", "cover"]

#: Most pictures on one slide (a grid of 4 x 3); see docs/limits.md.
MAX_IMAGES_PER_SLIDE = 12


class ImageSpec(Strict):
    """One picture: a file and how it fills its box."""

    text_fields = ("caption", "alt")
    path: str = Field(min_length=1, description="PNG, JPEG or SVG file, relative to the spec file")
    fit: Fit = Field("contain", description="contain: the whole picture, letterboxed; "
                                            "cover: fills the box, the overflow cropped (never stretched)")
    caption: str | None = Field(None, description="text under the picture; may use metrics")
    alt: str | None = Field(None, description="alt text (descr) for screen readers; default: the caption")


class ImagesFromData(Strict):
    """A picture per row of a table metric: an image file column and an optional caption column."""

    metric: str = Field(description="a table metric with one row per picture")
    column: str = Field(description="column holding each row's image file, relative to 'folder'")
    folder: str = Field(".", min_length=1, description="folder the column's files are in, relative to the spec file")
    caption_column: str | None = Field(None, description="column whose value is shown under each picture")
    fit: Fit = "contain"
    limit: int = Field(MAX_IMAGES_PER_SLIDE, ge=1, le=MAX_IMAGES_PER_SLIDE, description="first N rows")

    def metric_references(self) -> Iterator[MetricReference]:
        yield ("metric",), self.metric
