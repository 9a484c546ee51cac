"""Read a finished .pptx back into plain data.

Three uses share this module:

* :func:`inspect_deck` dumps a deck (slides, shapes, text, charts, tables,
  pictures) as plain, deterministic data for ``data_regression`` tests and for
  ``deckbuilder inspect``.  EMU positions are ints and numbers are rounded to
  6 significant digits so that float noise never changes a snapshot.
* :func:`describe_template` lists a template's layouts and placeholders so a
  user can write a layout map for a corporate template (``deckbuilder layouts``).
* :class:`TextInheritance` answers "which size and typeface does this run
  really get?" by walking PowerPoint's inheritance (run -> paragraph -> shape
  list style -> layout placeholder -> master placeholder -> master text styles
  / presentation defaults -> theme fonts).  The lint uses it to measure text.

Conventions: slides are numbered from 1 as PowerPoint shows them; masters and
layouts are indexed from 0 as in python-pptx (``prs.slide_layouts[i]``).
Placeholder types are the OOXML names a layout map uses (``ctrTitle``,
``body``, ``subTitle``...; a placeholder without a type is ``obj``).
Reading never modifies the file.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

from deckbuilder.deck.template import open_presentation
from deckbuilder.deck.placeholder_box import effective_box
from deckbuilder.fonts import SINGLE_LINE_FACTOR, StyledText, TextStyle

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
TITLE_TYPES = frozenset({"title", "ctrTitle"})
#: Placeholder types whose text falls back to the master's ``otherStyle``.
OTHER_TYPES = frozenset({"dt", "ftr", "sldNum", "hdr"})
#: Used when nothing in the inheritance chain sets a size (PowerPoint's default).
DEFAULT_FONT_PT = 18.0
EMU_PER_PT = 12700


def _q(tag: str) -> str:
    """Clark name for a prefixed tag: ``a:rPr`` -> ``{...drawingml...}rPr``."""
    prefix, _, local = tag.partition(":")
    return f"{{{NS[prefix]}}}{local}"


# --------------------------------------------------------------------------- opening


# --------------------------------------------------------------------------- shapes


def placeholder_info(shape) -> dict[str, Any] | None:
    """``{"type": "body", "idx": 1}`` for a placeholder shape, else None."""
    ph = _ph_element(shape.element)
    if ph is None:
        return None
    return {"type": ph.get("type", "obj"), "idx": int(ph.get("idx", "0"))}


def _ph_element(element):
    found = element.xpath("./*[1]/p:nvPr/p:ph")
    return found[0] if found else None


def shape_kind(shape) -> str:
    """One of group, chart, table, picture, placeholder, text, connector, autoshape, other."""
    tag = etree.QName(shape.element).localname
    if tag == "grpSp":
        return "group"
    if tag == "graphicFrame":
        if shape.has_chart:
            return "chart"
        return "table" if shape.has_table else "other"
    if tag == "pic":
        return "picture"
    if tag == "cxnSp":
        return "connector"
    if tag != "sp":
        return "other"
    if _ph_element(shape.element) is not None:
        return "placeholder"
    if shape.element.xpath("./p:nvSpPr/p:cNvSpPr[@txBox='1' or @txBox='true']"):
        return "text"
    return "autoshape"


def shape_box(shape) -> tuple[int, int, int, int]:
    """(left, top, width, height) in EMU; inherited from the layout for placeholders."""
    return tuple(int(v or 0) for v in effective_box(shape))


def _position(shape) -> dict[str, int]:
    return dict(zip(("left", "top", "width", "height"), shape_box(shape)))


def _num(value: Any) -> Any:
    """Round a float to 6 significant digits (ints, None and strings pass through)."""
    if isinstance(value, float):
        return float(f"{value:.6g}")
    return value


def plain(value: Any) -> Any:
    """Deep-copy *value* into plain JSON/YAML types (lxml and python-pptx hand out
    ``str`` subclasses that YAML's safe dumper refuses); floats rounded by :func:`_num`."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return _num(float(value))
    return str(value)


def _pt(value: float) -> float | int:
    """A point size as an int when whole (18, not 18.0), else rounded to 2 decimals."""
    value = round(float(value), 2)
    return int(value) if value.is_integer() else value


# --------------------------------------------------------------------------- text inheritance


@dataclass(frozen=True)
class ThemeFonts:
    """The theme's major (headings) and minor (body) typefaces."""

    major_latin: str = ""
    major_ea: str = ""
    minor_latin: str = ""
    minor_ea: str = ""

    def resolve(self, typeface: str | None) -> str | None:
        """Replace theme references such as ``+mn-lt`` / ``+mj-ea`` by typeface names."""
        refs = {"+mj-lt": self.major_latin, "+mj-ea": self.major_ea,
                "+mn-lt": self.minor_latin, "+mn-ea": self.minor_ea}
        return refs.get(typeface, typeface) if typeface else typeface


def theme_fonts(master) -> ThemeFonts:
    """Read the font scheme of a slide master's theme part."""
    try:
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        return ThemeFonts()

    def pick(group: str) -> tuple[str, str]:
        font = theme.find(f".//{_q('a:fontScheme')}/{_q('a:' + group)}")
        if font is None:
            return "", ""
        latin = font.find(_q("a:latin"))
        ea = font.find(_q("a:ea"))
        ea_name = ea.get("typeface", "") if ea is not None else ""
        if not ea_name:  # theme leaves ea empty and names a font per script instead
            hans = font.find(f"{_q('a:font')}[@script='Hans']")
            ea_name = hans.get("typeface", "") if hans is not None else ""
        return (latin.get("typeface", "") if latin is not None else ""), ea_name

    major, minor = pick("majorFont"), pick("minorFont")
    return ThemeFonts(major[0], major[1], minor[0], minor[1])


@dataclass(frozen=True)
class Spacing:
    """A line or paragraph spacing: a multiple of single spacing, or fixed points."""

    percent: float | None = None  # 1.0 = 100 %
    points: float | None = None

    def height(self, size_pt: float) -> float:
        """Points this spacing takes after text of *size_pt* (a percentage is of a single line)."""
        if self.points is not None:
            return self.points
        return size_pt * SINGLE_LINE_FACTOR * (self.percent if self.percent is not None else 1.0)


@dataclass(frozen=True)
class ParagraphFormat:
    """Effective paragraph properties that change how much room text takes."""

    level: int
    line_spacing: Spacing | None
    space_before: Spacing | None
    space_after: Spacing | None
    margin_left_emu: int
    indent_emu: int
    hanging_punctuation: bool = True  # a:pPr/@hangingPunct, on unless switched off


@dataclass(frozen=True)
class BodyFormat:
    """Effective text-frame properties: insets, wrapping, autofit, direction."""

    insets_emu: tuple[int, int, int, int]  # left, top, right, bottom
    wrap: bool = True
    autofit: str = "none"  # none | normal (shrink text on overflow) | shape (resize shape)
    font_scale: float = 1.0
    line_spacing_reduction: float = 0.0
    vertical: bool = False


DEFAULT_INSETS = (91440, 45720, 91440, 45720)


def _spacing(element) -> Spacing | None:
    if element is None:
        return None
    pct = element.find(_q("a:spcPct"))
    if pct is not None:
        return Spacing(percent=int(pct.get("val", "100000")) / 100000)
    pts = element.find(_q("a:spcPts"))
    if pts is not None:
        return Spacing(points=int(pts.get("val", "0")) / 100)
    return None


@dataclass
class TextContext:
    """Where one text body inherits from: list styles and bodyPr's, highest priority first."""

    list_styles: list  # lstStyle-like elements holding a:lvlNpPr children
    body_props: list  # a:bodyPr elements
    theme: ThemeFonts
    title: bool = False  # theme major fonts by default (else minor)
    body_override: BodyFormat | None = None  # table cells: margins come from a:tcPr

    def level_props(self, p) -> list:
        """pPr elements that apply to paragraph *p*: its own, then its level in each list style."""
        ppr = p.find(_q("a:pPr"))
        level = int(ppr.get("lvl", "0")) if ppr is not None else 0
        found = [ppr] if ppr is not None else []
        for style in self.list_styles:
            for tag in (f"a:lvl{level + 1}pPr", "a:defPPr"):
                lvl = style.find(_q(tag))
                if lvl is not None:
                    found.append(lvl)
        return found

    def _run_props(self, p, rpr) -> list:
        props = [rpr] if rpr is not None else []
        return props + [d for d in (lp.find(_q("a:defRPr")) for lp in self.level_props(p))
                        if d is not None]

    def run_style(self, p, rpr=None) -> TextStyle:
        """Effective size/typefaces/boldness of a run whose ``a:rPr`` is *rpr* in paragraph *p*."""
        props = self._run_props(p, rpr)
        size = next((int(e.get("sz")) / 100 for e in props if e.get("sz")), DEFAULT_FONT_PT)
        bold = next((e.get("b") in ("1", "true") for e in props if e.get("b")), False)
        latin = self._typeface(props, "a:latin")
        ea = self._typeface(props, "a:ea")
        default_latin = self.theme.major_latin if self.title else self.theme.minor_latin
        default_ea = self.theme.major_ea if self.title else self.theme.minor_ea
        return TextStyle(latin or default_latin, ea or default_ea, size, bold)

    def _typeface(self, props: list, tag: str) -> str | None:
        for e in props:
            font = e.find(_q(tag))
            if font is not None and font.get("typeface"):
                return self.theme.resolve(font.get("typeface"))
        return None

    def styled_runs(self, p) -> list[StyledText]:
        """The paragraph as styled runs; line breaks become ``\\v``; never empty."""
        runs = []
        for child in p:
            local = etree.QName(child).localname
            if local in ("r", "fld"):
                t = child.find(_q("a:t"))
                text = (t.text or "") if t is not None else ""
                runs.append(StyledText(text, self.run_style(p, child.find(_q("a:rPr")))))
            elif local == "br":
                runs.append(StyledText("\v", self.run_style(p, child.find(_q("a:rPr")))))
        if not any(r.text for r in runs):
            end = p.find(_q("a:endParaRPr"))
            runs = [StyledText("", self.run_style(p, end))]
        return runs

    def paragraph_format(self, p) -> ParagraphFormat:
        props = self.level_props(p)

        def spacing(tag: str) -> Spacing | None:
            return next((_spacing(e.find(_q(tag))) for e in props
                         if e.find(_q(tag)) is not None), None)

        def attr(name: str, default: str) -> str:
            return next((e.get(name) for e in props if e.get(name) is not None), default)

        ppr = p.find(_q("a:pPr"))
        return ParagraphFormat(
            level=int(ppr.get("lvl", "0")) if ppr is not None else 0,
            line_spacing=spacing("a:lnSpc"),
            space_before=spacing("a:spcBef"),
            space_after=spacing("a:spcAft"),
            margin_left_emu=int(attr("marL", "0")),
            indent_emu=int(attr("indent", "0")),
            hanging_punctuation=attr("hangingPunct", "1") in ("1", "true"),
        )

    def body_format(self) -> BodyFormat:
        if self.body_override is not None:
            return self.body_override

        def attr(name: str, default: str | None = None) -> str | None:
            return next((b.get(name) for b in self.body_props if b.get(name) is not None), default)

        insets = tuple(int(attr(name, str(d)))
                       for name, d in zip(("lIns", "tIns", "rIns", "bIns"), DEFAULT_INSETS))
        autofit, scale, reduction = "none", 1.0, 0.0
        for body in self.body_props:
            fit = next((c for c in body if etree.QName(c).localname in
                        ("normAutofit", "spAutoFit", "noAutofit")), None)
            if fit is None:
                continue
            local = etree.QName(fit).localname
            if local == "normAutofit":
                autofit = "normal"
                scale = int(fit.get("fontScale", "100000")) / 100000
                reduction = int(fit.get("lnSpcReduction", "0")) / 100000
            elif local == "spAutoFit":
                autofit = "shape"
            break
        return BodyFormat(insets, wrap=attr("wrap", "square") != "none", autofit=autofit,
                          font_scale=scale, line_spacing_reduction=reduction,
                          vertical=attr("vert", "horz") not in ("horz", None))


class TextInheritance:
    """Builds the :class:`TextContext` of any text body in one presentation.

    Placeholders inherit from their layout placeholder (same idx, else same
    type), its master placeholder (same type family) and the master's title,
    body or other text style.  Other shapes and table cells inherit from the
    presentation's ``defaultTextStyle`` (18 pt in PowerPoint's templates).
    Table styles (bold header rows...) are not read.
    """

    def __init__(self, prs) -> None:
        self.prs = prs
        self._themes: dict[str, ThemeFonts] = {}
        self._chains: dict[tuple, list] = {}  # (layout part, idx, type) -> inherited placeholders
        default = prs.element.find(_q("p:defaultTextStyle"))
        self.default_text_style = [default] if default is not None else []

    def theme_for(self, master) -> ThemeFonts:
        key = str(master.part.partname)
        if key not in self._themes:
            self._themes[key] = theme_fonts(master)
        return self._themes[key]

    def for_shape(self, shape, slide) -> TextContext:
        """Context for a shape's text frame on *slide* (placeholders inherit from layout/master)."""
        layout = slide.slide_layout
        master = layout.slide_master
        own = shape.element.find(f"{_q('p:txBody')}")
        list_styles = _child_list(own, "a:lstStyle")
        body_props = _child_list(own, "a:bodyPr")
        info = placeholder_info(shape)
        if info is None:
            return TextContext(list_styles + self.default_text_style, body_props,
                               self.theme_for(master))
        key = (str(layout.part.partname), info["idx"], info["type"])
        if key not in self._chains:  # walking a layout's placeholders is slow; decks reuse few layouts
            self._chains[key] = inherited_placeholders(layout, master, info)
        for inherited in self._chains[key]:
            body = inherited.element.find(_q("p:txBody"))
            list_styles += _child_list(body, "a:lstStyle")
            body_props += _child_list(body, "a:bodyPr")
        style_name = ("titleStyle" if info["type"] in TITLE_TYPES else
                      "otherStyle" if info["type"] in OTHER_TYPES else "bodyStyle")
        list_styles += _child_list(master.element.find(_q("p:txStyles")), f"p:{style_name}")
        return TextContext(list_styles, body_props, self.theme_for(master),
                           title=info["type"] in TITLE_TYPES)

    def for_cell(self, cell, slide) -> TextContext:
        """Context for a table cell: its own list style, then the presentation defaults."""
        tc = cell._tc
        tcpr = tc.find(_q("a:tcPr"))
        margins = tuple(int(tcpr.get(name, str(d))) if tcpr is not None else d
                        for name, d in zip(("marL", "marT", "marR", "marB"),
                                           (91440, 45720, 91440, 45720)))
        own = tc.find(_q("a:txBody"))
        return TextContext(_child_list(own, "a:lstStyle") + self.default_text_style, [],
                           self.theme_for(slide.slide_layout.slide_master),
                           body_override=BodyFormat(margins))


def _child_list(parent, tag: str) -> list:
    if parent is None:
        return []
    found = parent.find(_q(tag))
    return [found] if found is not None else []


def inherited_placeholders(layout, master, info: dict) -> list:
    """The layout and master placeholders that a slide placeholder (*info*) inherits from."""
    chain = []
    on_layout = _find_placeholder(layout.placeholders, info["idx"], info["type"])
    if on_layout is not None:
        chain.append(on_layout)
        info = placeholder_info(on_layout) or info
    master_type = ("title" if info["type"] in TITLE_TYPES else
                   info["type"] if info["type"] in OTHER_TYPES else "body")
    on_master = _find_placeholder(master.placeholders, None, master_type)
    if on_master is not None:
        chain.append(on_master)
    return chain


def _find_placeholder(placeholders: Iterable, idx: int | None, ph_type: str):
    """Match by idx first (as PowerPoint does), then by type (title types are one family)."""
    candidates = [(ph, placeholder_info(ph)) for ph in placeholders]
    if idx is not None:
        for ph, info in candidates:
            if info and info["idx"] == idx:
                return ph
    family = TITLE_TYPES if ph_type in TITLE_TYPES else {ph_type}
    return next((ph for ph, info in candidates if info and info["type"] in family), None)


# --------------------------------------------------------------------------- deck dump


def inspect_deck(path: str | Path) -> dict[str, Any]:
    """Plain-data dump of a deck: slide size and every slide's shapes in z-order."""
    prs = open_presentation(path)
    styles = TextInheritance(prs)
    return plain({
        "slide_width": int(prs.slide_width),
        "slide_height": int(prs.slide_height),
        "slides": [_slide_dump(slide, number, styles)
                   for number, slide in enumerate(prs.slides, start=1)],
    })


def _slide_dump(slide, number: int, styles: TextInheritance) -> dict[str, Any]:
    notes = ""
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        notes = slide.notes_slide.notes_text_frame.text
    return {
        "index": number,
        "layout": slide.slide_layout.name,
        "notes": notes,
        "shapes": [_shape_dump(shape, slide, styles) for shape in slide.shapes],
    }


def _shape_dump(shape, slide, styles: TextInheritance) -> dict[str, Any]:
    kind = shape_kind(shape)
    out: dict[str, Any] = {"name": shape.name, "kind": kind}
    info = placeholder_info(shape)
    if info is not None:
        out["placeholder"] = info
    out["position"] = _position(shape)
    if kind == "autoshape":
        out["shape"] = _autoshape_type(shape)
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        out["text"] = shape.text_frame.text
        out["font_sizes"] = _font_sizes(shape.text_frame._txBody, styles.for_shape(shape, slide))
    if kind == "chart":
        out["chart"] = chart_dump(shape.chart)
    elif kind == "table":
        out["table"] = {"cells": [[cell.text for cell in row.cells] for row in shape.table.rows]}
    elif kind == "picture":
        out["image"] = _image_dump(shape)
    elif kind == "group":
        out["shapes"] = [_shape_dump(child, slide, styles) for child in shape.shapes]
    return out


def _autoshape_type(shape) -> str | None:
    try:
        return shape.auto_shape_type.name
    except (ValueError, AttributeError, NotImplementedError):
        return None  # custom geometry


def _font_sizes(txbody, context: TextContext) -> list[float | int]:
    """Sorted effective sizes (pt) of the runs that hold text."""
    sizes = {run.style.size_pt for p in txbody.findall(_q("a:p"))
             for run in context.styled_runs(p) if run.text.strip()}
    return [_pt(s) for s in sorted(sizes)]


def _image_dump(shape) -> dict[str, Any] | None:
    try:
        image = shape.image
    except (ValueError, AttributeError):
        return None  # an empty picture placeholder
    width, height = image.size
    return {"content_type": image.content_type, "width_px": int(width), "height_px": int(height)}


def chart_dump(chart) -> dict[str, Any]:
    """Chart type, legend, title, categories, series values and data-label number format."""
    try:
        chart_type = chart.chart_type.name
    except (NotImplementedError, KeyError, AttributeError):
        chart_type = None
    space = chart._chartSpace
    fmt = space.xpath(".//c:dLbls/c:numFmt/@formatCode")
    return {
        "type": chart_type,
        "has_legend": bool(chart.has_legend),
        "title": _chart_title(space),
        "categories": _categories(chart),
        "series": [_series_dump(s) for plot in chart.plots for s in plot.series],
        "data_label_number_format": fmt[0] if fmt else None,
    }


def _chart_title(space) -> str | None:
    """Title text; None without a title, "" for an automatic one (PowerPoint shows the series
    name)."""
    title = space.find(f"{_q('c:chart')}/{_q('c:title')}")
    if title is None:
        return None
    paragraphs = title.xpath("./c:tx/c:rich/a:p")
    if paragraphs:
        return "\n".join("".join(p.xpath(".//a:t/text()")) for p in paragraphs)
    return "".join(title.xpath("./c:tx/c:strRef/c:strCache/c:pt/c:v/text()"))


def _categories(chart) -> list:
    if not len(chart.plots):
        return []
    try:
        return [_num(c) if isinstance(c, float) else str(c) for c in chart.plots[0].categories]
    except (AttributeError, KeyError, ValueError):
        return []


def _series_dump(series) -> dict[str, Any]:
    out: dict[str, Any] = {"name": series.name, "values": [_num(v) for v in series.values]}
    x_values = series._element.xpath("./c:xVal//c:pt/c:v/text()")
    if x_values:  # XY and bubble charts
        out["x_values"] = [_num(float(v)) for v in x_values]
    return out


def dump_inspection(data: dict, fmt: str = "yaml") -> str:
    """Serialise :func:`inspect_deck` / :func:`describe_template` output as YAML or JSON."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    raise ValueError(f"unknown format {fmt!r} (allowed: yaml, json)")


# --------------------------------------------------------------------------- templates


def describe_template(path: str | Path) -> dict[str, Any]:
    """Every layout of every slide master, with its placeholders (type, idx, box in EMU)."""
    prs = open_presentation(path)
    layouts = []
    for m, master in enumerate(prs.slide_masters):
        for i, layout in enumerate(master.slide_layouts):
            layouts.append({
                "master_index": m,
                "layout_index": i,
                "name": layout.name,
                "placeholders": [{"name": ph.name, **(placeholder_info(ph) or {}),
                                  **_position(ph)} for ph in layout.placeholders],
            })
    return plain({"slide_width": int(prs.slide_width), "slide_height": int(prs.slide_height),
                  "layouts": layouts})


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _table(rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    """Columns padded by display width (a Chinese character takes two cells)."""
    widths = [max(_display_width(r[c]) for r in rows) for c in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [(" " * (w - _display_width(v)) + v) if c in right else
                 (v + " " * (w - _display_width(v))) for c, (v, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    return lines


def _cm(emu: int) -> str:
    return f"{Emu(emu).cm:.2f}"


def format_template_description(desc: dict[str, Any]) -> str:
    """Plain-text table of :func:`describe_template` output (boxes in EMU)."""
    lines = [f"slide size: {_cm(desc['slide_width'])} x {_cm(desc['slide_height'])} cm "
             f"({desc['slide_width']} x {desc['slide_height']} EMU)"]
    for layout in desc["layouts"]:
        lines += ["", f"master {layout['master_index']}, layout {layout['layout_index']}: "
                  f"{layout['name']}"]
        if not layout["placeholders"]:
            lines.append("  (no placeholders)")
            continue
        rows = [["type", "idx", "name", "left", "top", "width", "height"]]
        rows += [[ph.get("type", ""), str(ph.get("idx", "")), ph["name"],
                  *(str(ph[k]) for k in ("left", "top", "width", "height"))]
                 for ph in layout["placeholders"]]
        lines += ["  " + line for line in _table(rows, right={1, 3, 4, 5, 6})]
    return "\n".join(lines) + "\n"
