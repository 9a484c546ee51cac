"""Open a .pptx template and add slides through its layout map.

:class:`TemplateDeck` is the only place that knows how a slide kind becomes a
slide: it picks the mapped layout, finds placeholders by type and idx, and
hands renderers a :class:`SlidePlaceholders` to fill. Whatever a renderer did
not fill is removed, so no "Click to add text" prompts survive into the deck.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from lxml import etree
from pptx import Presentation
from pptx.exc import PackageNotFoundError
from pptx.presentation import Presentation as PresentationT
from pptx.shapes.base import BaseShape
from pptx.shapes.placeholder import LayoutPlaceholder
from pptx.slide import Slide, SlideLayout

import deckbuilder.deck.oxml.lookups  # noqa: F401  (python-pptx's xpath and qn kept)
from deckbuilder.deck.geometry import Box
from deckbuilder.deck.linear import SlideAdder, use_indexed_image_parts
from deckbuilder.deck.oxml.frame import (
    FRAME_TYPES,
    decoration_text,
    draws_slide_number,
    frame_placeholders,
    shows_master_shapes,
)
from deckbuilder.deck.oxml.placeholders import placeholder_id
from deckbuilder.deck.package import drop_macros, use_fast_part_names, use_indexed_relationships
from deckbuilder.deck.placeholder_box import effective_box
from deckbuilder.errors import Issue, TemplateError, allowed_hint


@dataclass(frozen=True)
class LayoutChoice:
    """Which template layout serves a slide kind, and its placeholders by role.

    Plain data: the build reads the layout-map file (through the spec layer) and
    hands the template one of these per kind.
    """

    layout: str  # the layout's name in the template
    placeholders: Mapping[str, tuple[str, int]] = field(default_factory=dict)  # role -> (type, idx)


def check_pptx_file(path: str | Path, *, what: str = "file") -> None:
    """TemplateError unless *path* is a file that looks like a .pptx (a zip); no python-pptx involved.

    *what* names the file in messages ("template not found").
    """
    path = Path(path)
    where = str(path)
    if not path.exists():
        hint = "paths in a spec are relative to the spec file's folder" if what == "template" else None
        raise TemplateError(f"{what} not found", file=where, hint=hint)
    if not path.is_file():
        raise TemplateError("not a file (a .pptx file is expected)", file=where)
    if not zipfile.is_zipfile(path):
        raise TemplateError("not a .pptx file (it is not a zip package)", file=where,
                            hint="save it from PowerPoint or LibreOffice as .pptx")


def open_presentation(path: str | Path, *, what: str = "file") -> PresentationT:
    """Open a .pptx, turning every way it can fail into a clear :class:`TemplateError`."""
    check_pptx_file(path, what=what)
    where = str(path)
    try:
        return Presentation(where)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile,
            etree.XMLSyntaxError) as exc:
        raise TemplateError(f"not a valid .pptx file ({exc})", file=where,
                            hint="a PowerPoint presentation (.pptx) is expected") from exc


def slide_size(prs: PresentationT) -> tuple[int, int]:
    """(width, height) of the slides in EMU.

    python-pptx types both as optional because presentation.xml may omit ``<p:sldSz>``;
    such a file fails with the TypeError ``int(None)`` always gave.
    """
    width, height = prs.slide_width, prs.slide_height
    if width is None or height is None:
        raise TypeError("the presentation declares no slide size (<p:sldSz>)")
    return int(width), int(height)


@dataclass
class SlidePlaceholders:
    """The placeholders of one new slide, by role (title, content, ...)."""

    slide: Slide
    by_role: dict[str, BaseShape]
    used: set[str] = field(default_factory=set)
    #: the layout's date / footer / slide-number placeholders (python-pptx never copies them onto a slide)
    layout_frame: dict[str, LayoutPlaceholder] = field(default_factory=dict)
    #: the layout (or its master) draws a slide number itself, as decoration
    layout_numbers: bool = False
    #: where the layout (or its master) shows text of its own (captions): nothing should cover it
    layout_text: list[Box] = field(default_factory=list)

    def has(self, role: str) -> bool:
        return role in self.by_role

    def take(self, role: str):
        """The placeholder shape for *role*, marked as used (None if the layout lacks it)."""
        shape = self.by_role.get(role)
        if shape is not None:
            self.used.add(role)
        return shape

    def box(self, role: str) -> Box | None:
        shape = self.by_role.get(role)
        if shape is None:
            return None
        left, top, width, height = effective_box(shape)
        return Box(int(left), int(top), int(width), int(height))

    def add_frame(self, role: str):
        """The layout's page-frame placeholder for *role* (date, footer, slide_number) copied onto the slide,
        as PowerPoint does, and marked used; None if the layout has none."""
        layout_shape = self.layout_frame.get(role)
        if layout_shape is None:
            return None
        existing = self.by_role.get(role)
        if existing is None:
            existing = clone_placeholder(self.slide, layout_shape)
            self.by_role[role] = existing
        self.used.add(role)
        return existing

    def remove_unused(self) -> None:
        """Delete every placeholder no renderer filled, mapped or not."""
        used_ids = {id(self.by_role[r]._element) for r in self.used}
        for shape in list(self.slide.placeholders):
            if id(shape._element) not in used_ids:
                shape._element.getparent().remove(shape._element)


class TemplateDeck:
    """A presentation opened from a template, with its layouts checked against it.

    *layouts* maps each slide kind the deck uses to its :class:`LayoutChoice`;
    *map_file* names the layout-map file in errors.
    """

    def __init__(self, template: Path, layouts: Mapping[str, LayoutChoice], map_file: str | None = None):
        self.prs = open_presentation(template, what="template")
        drop_macros(self.prs)  # a .pptm template still gives a plain .pptx
        self.template = template
        self._drop_existing_slides()
        use_fast_part_names(self.prs)  # after the drop: from here on parts are only added
        use_indexed_relationships(self.prs.part)
        use_indexed_image_parts(self.prs)
        self._slides = SlideAdder(self.prs)
        self._layouts = self._bind(layouts, map_file)
        self._layout_frames: dict[str, tuple[dict[str, LayoutPlaceholder], bool, list[Box]]] = {}

    @property
    def slide_box(self) -> Box:
        width, height = slide_size(self.prs)
        return Box(0, 0, width, height)

    def _drop_existing_slides(self) -> None:
        """A corporate template may carry sample slides; a built deck starts empty."""
        id_list = self.prs.slides._sldIdLst
        for sld_id in list(id_list):
            self.prs.part.drop_rel(sld_id.rId)
            id_list.remove(sld_id)

    def _bind(self, choices: Mapping[str, LayoutChoice], map_file: str | None) -> dict:
        layouts = {layout.name: layout for layout in self.prs.slide_layouts}
        issues, bound = [], {}
        for kind, entry in choices.items():
            layout = layouts.get(entry.layout)
            if layout is None:
                issues.append(Issue(f"layout '{entry.layout}' (for kind '{kind}') is not in template "
                                    f"{self.template.name}",
                                    path=f"layouts.{kind}.layout", file=map_file,
                                    hint=allowed_hint(entry.layout, layouts)))
                continue
            # cast: python-pptx declares LayoutPlaceholders.__iter__ as an attribute, which mypy cannot call
            shapes = cast(Iterable[LayoutPlaceholder], layout.placeholders)
            present = [p for p in (placeholder_id(sp._element) for sp in shapes) if p]
            for role, (ref_type, ref_idx) in entry.placeholders.items():
                if not any(p.matches(ref_type, ref_idx) for p in present):
                    have = ", ".join(f"{p.type} idx {p.idx}" for p in present) or "none"
                    issues.append(Issue(
                        f"placeholder {ref_type} idx {ref_idx} (role '{role}') is not in layout '{entry.layout}' "
                        f"of template {self.template.name}",
                        path=f"layouts.{kind}.placeholders.{role}", file=map_file,
                        hint=f"that layout has: {have}"))
            bound[kind] = (layout, entry)
        if issues:
            raise TemplateError("layout map does not match the template", issues=issues)
        return bound

    def add_slide(self, kind: str) -> tuple[Slide, SlidePlaceholders]:
        """A new slide of the layout mapped to *kind*, with its placeholders by role."""
        layout, entry = self._layouts[kind]
        slide = self._slides.add(layout)
        on_slide = {placeholder_id(sp._element): sp for sp in slide.placeholders}
        layout_shapes = cast(Iterable[LayoutPlaceholder], layout.placeholders)
        by_role = {}
        for role, (ref_type, ref_idx) in entry.placeholders.items():
            for pid, shape in on_slide.items():
                if pid is not None and pid.matches(ref_type, ref_idx):
                    by_role[role] = shape
            if role not in by_role and ref_type in FRAME_TYPES.values():
                # a date / footer / slide-number placeholder the map names (a cover's date): python-pptx
                # leaves these on the layout, so copy it as PowerPoint does
                source = next(sp for sp in layout_shapes if (pid := placeholder_id(sp._element)) is not None
                              and pid.matches(ref_type, ref_idx))
                by_role[role] = clone_placeholder(slide, source)
        if kind not in self._layout_frames:
            self._layout_frames[kind] = _layout_frame(layout, entry, layout_shapes)
        frame, numbers, captions = self._layout_frames[kind]
        return slide, SlidePlaceholders(slide, by_role, layout_frame=frame, layout_numbers=numbers,
                                        layout_text=captions)


def _layout_frame(layout: SlideLayout, entry: LayoutChoice,
                  layout_shapes: Iterable[LayoutPlaceholder]) -> tuple[dict[str, LayoutPlaceholder], bool, list[Box]]:
    """What a layout draws around its slides, the same for each: its frame placeholders the map does not
    name, whether its decoration shows slide numbers, and the boxes of its decoration's text. Worked
    out once per layout (layouts never change during a build), not for every slide."""
    frame = {role: shape for role, shape in frame_placeholders(layout_shapes).items()
             if not any(placeholder_id(shape._element).matches(*ref)  # type: ignore[union-attr]
                        for ref in entry.placeholders.values())}
    decoration = list(layout.shapes)
    if shows_master_shapes(layout._element):
        decoration += list(layout.slide_master.shapes)
    captions = [Box(int(sp.left), int(sp.top), int(sp.width), int(sp.height))
                for sp in decoration_text(decoration) if None not in (sp.left, sp.top, sp.width, sp.height)]
    return frame, draws_slide_number(decoration), captions


def clone_placeholder(slide: Slide, layout_shape: LayoutPlaceholder) -> BaseShape:
    """A slide placeholder inheriting from *layout_shape* (its position, size and text style)."""
    slide.shapes.clone_placeholder(layout_shape)
    return slide.shapes[-1]
