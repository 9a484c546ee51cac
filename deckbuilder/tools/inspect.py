"""Read a finished .pptx back into plain data.

* :func:`inspect_deck` dumps a deck (slides, shapes, text, charts, tables,
  pictures) as plain, deterministic data for ``data_regression`` tests and for
  ``deckbuilder inspect``.  EMU positions are ints and numbers are rounded to
  6 significant digits so that float noise never changes a snapshot.  Font
  sizes are the effective ones, read through
  :class:`~deckbuilder.deck.text_cascade.TextCascade`.
* :func:`describe_template` lists a template's layouts and placeholders so a
  user can write a layout map for a corporate template (``deckbuilder layouts``).
* :func:`shape_kind` and :func:`shape_box` classify and place shapes (the lint
  uses them too).

Conventions: slides are numbered from 1 as PowerPoint shows them; masters and
layouts are indexed from 0 as in python-pptx (``prs.slide_layouts[i]``).
Placeholder types are the OOXML names a layout map uses (``ctrTitle``,
``body``, ``subTitle``...; a placeholder without a type is ``obj``).
Reading never modifies the file.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree
from pptx.util import Emu

import deckbuilder.deck.oxml.lookups  # noqa: F401  (python-pptx's xpath and qn kept)
from deckbuilder.deck.fonts import is_east_asian
from deckbuilder.deck.keep_together import visible_text
from deckbuilder.deck.oxml.ns import qn
from deckbuilder.deck.oxml.placeholders import placeholder_id
from deckbuilder.deck.placeholder_box import effective_box
from deckbuilder.deck.template import open_presentation, slide_size
from deckbuilder.deck.text_cascade import TextBodyCascade, TextCascade

# --------------------------------------------------------------------------- shapes


def placeholder_info(shape) -> dict[str, Any] | None:
    """``{"type": "body", "idx": 1}`` for a placeholder shape, else None."""
    pid = placeholder_id(shape.element)
    return None if pid is None else {"type": pid.type, "idx": pid.idx}


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
    if placeholder_id(shape.element) is not None:
        return "placeholder"
    if shape.element.xpath("./p:nvSpPr/p:cNvSpPr[@txBox='1' or @txBox='true']"):
        return "text"
    return "autoshape"


def shape_box(shape) -> tuple[int, int, int, int]:
    """(left, top, width, height) in EMU; inherited from the layout for placeholders."""
    left, top, width, height = effective_box(shape)  # one walk of the layout/master, not four
    return int(left or 0), int(top or 0), int(width or 0), int(height or 0)


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


# --------------------------------------------------------------------------- deck dump


def inspect_deck(path: str | Path) -> dict[str, Any]:
    """Plain-data dump of a deck: slide size and every slide's shapes in z-order."""
    prs = open_presentation(path)
    styles = TextCascade(prs)
    width, height = slide_size(prs)
    return plain({
        "slide_width": width,
        "slide_height": height,
        "slides": [_slide_dump(slide, number, styles)
                   for number, slide in enumerate(prs.slides, start=1)],
    })


def _slide_dump(slide, number: int, styles: TextCascade) -> dict[str, Any]:
    notes = ""
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        notes = visible_text(slide.notes_slide.notes_text_frame.text)
    return {
        "index": number,
        "layout": slide.slide_layout.name,
        "notes": notes,
        "shapes": [_shape_dump(shape, slide, styles) for shape in slide.shapes],
    }


def _shape_dump(shape, slide, styles: TextCascade) -> dict[str, Any]:
    kind = shape_kind(shape)
    out: dict[str, Any] = {"name": shape.name, "kind": kind}
    info = placeholder_info(shape)
    if info is not None:
        out["placeholder"] = info
    out["position"] = _position(shape)
    if kind == "autoshape":
        out["shape"] = _autoshape_type(shape)
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        out["text"] = visible_text(shape.text_frame.text)
        out["font_sizes"] = _font_sizes(shape.text_frame._txBody, styles.for_shape(shape, slide))
    if kind == "chart":
        out["chart"] = chart_dump(shape.chart)
    elif kind == "table":
        out["table"] = {"cells": [[visible_text(cell.text) for cell in row.cells] for row in shape.table.rows]}
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


def _font_sizes(txbody, cascade: TextBodyCascade) -> list[float | int]:
    """Sorted effective sizes (pt) of the runs that hold text."""
    sizes = {run.style.size_pt for p in txbody.findall(qn("a:p"))
             for run in cascade.styled_runs(p) if run.text.strip()}
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
        "series": [_series_dump(s, _plot_part(chart, plot)) for plot in chart.plots for s in plot.series],
        "data_label_number_format": fmt[0] if fmt else None,
    }


def _chart_title(space) -> str | None:
    """Title text; None without a title, "" for an automatic one (PowerPoint shows the series
    name)."""
    title = space.find(f"{qn('c:chart')}/{qn('c:title')}")
    if title is None:
        return None
    paragraphs = title.xpath("./c:tx/c:rich/a:p")
    if paragraphs:
        return visible_text("\n".join("".join(p.xpath(".//a:t/text()")) for p in paragraphs))
    return "".join(title.xpath("./c:tx/c:strRef/c:strCache/c:pt/c:v/text()"))


def _categories(chart) -> list:
    if not len(chart.plots):
        return []
    try:
        return [_num(c) if isinstance(c, float) else str(c) for c in chart.plots[0].categories]
    except (AttributeError, KeyError, ValueError):
        return []


def _plot_part(chart, plot) -> dict[str, str]:
    """In a chart of several plots (columns with lines, a secondary axis): each series' plot and axis."""
    if len(chart.plots) < 2:
        return {}
    tag = plot._element.tag.rsplit("}", 1)[-1].removesuffix("Chart")
    first_axis = chart.plots[0]._element.find(qn("c:axId")).get("val")
    secondary = plot._element.find(qn("c:axId")).get("val") != first_axis
    return {"plot": tag, "axis": "secondary" if secondary else "primary"}


def _series_dump(series, part: dict[str, str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"name": series.name, **(part or {}), "values": [_num(v) for v in series.values]}
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
    width, height = slide_size(prs)
    return plain({"slide_width": width, "slide_height": height, "layouts": layouts})


def _display_width(text: str) -> int:
    return sum(2 if is_east_asian(ch) else 1 for ch in text)


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
    lines = [(f"slide size: {_cm(desc['slide_width'])} x {_cm(desc['slide_height'])} cm "
              f"({desc['slide_width']} x {desc['slide_height']} EMU)")]
    for layout in desc["layouts"]:
        lines += ["", (f"master {layout['master_index']}, layout {layout['layout_index']}: "
                       f"{layout['name']}")]
        if not layout["placeholders"]:
            lines.append("  (no placeholders)")
            continue
        rows = [["type", "idx", "name", "left", "top", "width", "height"]]
        rows += [[ph.get("type", ""), str(ph.get("idx", "")), ph["name"],
                  *(str(ph[k]) for k in ("left", "top", "width", "height"))]
                 for ph in layout["placeholders"]]
        lines += ["  " + line for line in _table(rows, right={1, 3, 4, 5, 6})]
    return "\n".join(lines) + "\n"
