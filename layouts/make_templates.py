#!/usr/bin/env python3
"""Generate the slide templates ``default.pptx`` and ``corporate.pptx``.

Usage::

    python layouts/make_templates.py              # writes into layouts/
    python layouts/make_templates.py --out DIR    # writes into DIR

Both templates start from python-pptx's built-in default template
(``pptx.Presentation()``). The script then edits the package's XML with lxml:

* the slide size becomes 16:9 (12192000 x 6858000 EMU);
* the slide master is rewritten (title and body placeholders, text styles
  with ``lang="zh-CN"`` and theme fonts for latin *and* east-asian text);
* eleven stock layouts become six, one per slide kind (title, agenda,
  section, content, chart + text, closing); the other five layouts are
  dropped together with their parts and relationships;
* the theme gets its name, a colour scheme built from ``themes/NAME.yaml``,
  a font scheme with ``<a:latin>`` and ``<a:ea>`` = "Noto Sans CJK SC" and a
  flat format scheme (no gradients, bevels or shadows on new shapes);
* the thumbnail and printer-settings parts are dropped, docProps are pinned.

The output is deterministic: running the script twice gives byte-identical
files (pinned document properties, zip entries in sorted order with fixed
timestamps, written to a temporary file and moved into place).

Theme colour slots (same for every template, see ``themes/default.yaml``)::

    dk1 = text      lt1 = background   dk2 = primary   lt2 = surface
    accent1..accent6 = palette[0..5]   hlink = secondary   folHlink = muted

Layout decoration refers to colours by slot (primary = tx2, secondary =
accent2, accent = accent4, surface = bg2, muted = folHlink), so a template
re-coloured through its theme stays coherent. By convention palette[0] is
the primary colour, palette[1] the secondary and palette[3] the accent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import yaml
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml

HERE = Path(__file__).resolve().parent
THEMES_DIR = HERE / "themes"

SLIDE_W = 12192000  # 13.333 in
SLIDE_H = 6858000  # 7.5 in
EMU_PER_INCH = 914400

FONT = "Noto Sans CJK SC"
LANG = 'lang="zh-CN" altLang="en-US"'
PINNED_DATE = dt.datetime(2000, 1, 1, 0, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NSDECL = f'xmlns:a="{NS_A}" xmlns:r="{NS_R}" xmlns:p="{NS_P}"'
NSMAP = {"a": NS_A, "r": NS_R, "p": NS_P}

# Which theme colour slot stands for which role of a theme YAML.
ROLE_SLOT = {
    "primary": "tx2",
    "secondary": "accent2",
    "accent": "accent4",
    "text": "tx1",
    "background": "bg1",
    "surface": "bg2",
    "muted": "folHlink",
}


def emu(inches: float) -> int:
    """Inches -> EMU, rounded to a whole EMU."""
    return int(round(inches * EMU_PER_INCH))


# ---------------------------------------------------------------------------
# Colours and text styles
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Color:
    """A colour reference: a theme role (``primary``...) or literal hex, plus
    optional DrawingML modifiers such as ``(("lumMod", 20000), ("lumOff", 80000))``."""

    ref: str
    mods: tuple[tuple[str, int], ...] = ()

    def xml(self) -> str:
        inner = "".join(f'<a:{name} val="{val}"/>' for name, val in self.mods)
        if self.ref in ROLE_SLOT:
            return f'<a:schemeClr val="{ROLE_SLOT[self.ref]}">{inner}</a:schemeClr>'
        if len(self.ref) == 6:
            return f'<a:srgbClr val="{self.ref.upper()}">{inner}</a:srgbClr>'
        raise ValueError(f"unknown colour {self.ref!r}")


def C(ref: str, **mods: int) -> Color:
    return Color(ref, tuple(sorted(mods.items())))


WHITE = C("FFFFFF")


def solid(color: Color) -> str:
    return f"<a:solidFill>{color.xml()}</a:solidFill>"


@dataclass(frozen=True)
class TextStyle:
    size: float  # points
    color: Color
    bold: bool = False
    align: str = "l"  # l | ctr | r
    anchor: str = "t"  # t | ctr | b
    spacing: int | None = None  # character spacing in 1/100 pt
    line_pct: int | None = None  # line spacing in percent
    space_before: int | None = None  # points
    inset: tuple[float, float, float, float] = (0.1, 0.05, 0.1, 0.05)  # l t r b, inches
    autofit: bool = True
    major: bool = False  # heading font (+mj) instead of body font (+mn)

    def body_pr(self) -> str:
        left, top, right, bottom = (emu(v) for v in self.inset)
        fit = "<a:normAutofit/>" if self.autofit else "<a:noAutofit/>"
        return (
            f'<a:bodyPr vert="horz" wrap="square" lIns="{left}" tIns="{top}" rIns="{right}" '
            f'bIns="{bottom}" rtlCol="0" anchor="{self.anchor}">{fit}</a:bodyPr>'
        )

    def _rpr_attrs(self) -> str:
        attrs = f'{LANG} sz="{int(round(self.size * 100))}"'
        if self.bold:
            attrs += ' b="1"'
        if self.spacing is not None:
            attrs += f' spc="{self.spacing}"'
        return attrs

    @property
    def _font(self) -> str:
        """Theme font reference: heading (``+mj``) or body (``+mn``)."""
        return "mj" if self.major else "mn"

    def _latin_ea(self) -> str:
        return f'<a:latin typeface="+{self._font}-lt"/><a:ea typeface="+{self._font}-ea"/>'

    def def_rpr(self) -> str:
        return (
            f'<a:defRPr {self._rpr_attrs()}>{solid(self.color)}{self._latin_ea()}'
            f'<a:cs typeface="+{self._font}-cs"/></a:defRPr>'
        )

    def lvl1(self) -> str:
        children = ""
        if self.line_pct is not None:
            children += f'<a:lnSpc><a:spcPct val="{self.line_pct * 1000}"/></a:lnSpc>'
        if self.space_before is not None:
            children += f'<a:spcBef><a:spcPts val="{int(self.space_before * 100)}"/></a:spcBef>'
        children += "<a:buNone/>" + self.def_rpr()
        return f'<a:lvl1pPr marL="0" indent="0" algn="{self.align}">{children}</a:lvl1pPr>'

    def run_rpr(self) -> str:
        """Properties for a run in a plain (non-placeholder) text box."""
        return f'<a:rPr {self._rpr_attrs()} dirty="0">{solid(self.color)}{self._latin_ea()}</a:rPr>'


# ---------------------------------------------------------------------------
# Shapes
# ---------------------------------------------------------------------------

Box = tuple[float, float, float, float]  # x, y, w, h in inches


def xfrm(box: Box) -> str:
    x, y, w, h = box
    return f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'


@dataclass(frozen=True)
class Rect:
    """A decoration shape (no text)."""

    name: str
    box: Box
    fill: Color
    geom: str = "rect"

    def xml(self, shape_id: int) -> str:
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(self.name)}/>'
            f'<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
            f'<p:spPr>{xfrm(self.box)}<a:prstGeom prst="{self.geom}"><a:avLst/></a:prstGeom>'
            f"{solid(self.fill)}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
        )


@dataclass(frozen=True)
class Label:
    """A decoration text box: fixed text, or the slide number (``slide_number=True``)."""

    name: str
    box: Box
    text: str
    style: TextStyle
    slide_number: bool = False

    def xml(self, shape_id: int) -> str:
        style = self.style
        if self.slide_number:
            run = (
                '<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
                f"{style.run_rpr()}<a:t>&#8249;#&#8250;</a:t></a:fld>"
            )
        else:
            run = f"<a:r>{style.run_rpr()}<a:t>{escape(self.text)}</a:t></a:r>"
        style_nofit = TextStyle(**{**style.__dict__, "autofit": False})
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name={quoteattr(self.name)}/>'
            f'<p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/></p:nvSpPr>'
            f'<p:spPr>{xfrm(self.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f"<a:noFill/></p:spPr>"
            f"<p:txBody>{style_nofit.body_pr()}<a:lstStyle/>"
            f'<a:p><a:pPr algn="{style.align}"/>{run}</a:p></p:txBody></p:sp>'
        )


@dataclass(frozen=True)
class Placeholder:
    role: str  # the name used in the layout map (title, subtitle, content, ...)
    ph_type: str  # ctrTitle | subTitle | title | body
    idx: int
    box: Box
    prompt: str
    style: TextStyle | None = None  # None: inherit the master's style
    fill: Color | None = None

    @property
    def shape_name(self) -> str:
        return {
            "title": "Title",
            "subtitle": "Subtitle",
            "presenter": "Presenter",
            "date": "Date",
            "content": "Content Area",
            "number": "Section Number",
            "commentary": "Commentary",
            "footer": "Footer",
            "slide_number": "Slide Number",
        }[self.role]

    def ph_xml(self) -> str:
        idx = "" if self.idx == 0 else f' idx="{self.idx}"'
        if self.ph_type in ("ftr", "sldNum"):  # the page frame: no custom prompt, PowerPoint's quarter size
            return f'<p:ph type="{self.ph_type}" sz="quarter"{idx}/>'
        return f'<p:ph type="{self.ph_type}"{idx} hasCustomPrompt="1"/>'

    def xml(self, shape_id: int) -> str:
        fill = solid(self.fill) if self.fill is not None else ""
        if self.style is not None:
            body_pr = self.style.body_pr()
            lst = f"<a:lstStyle>{self.style.lvl1()}</a:lstStyle>"
        else:
            body_pr, lst = "<a:bodyPr/>", "<a:lstStyle/>"
        if self.ph_type == "sldNum":  # the number PowerPoint fills in: a slidenum field
            run = (f'<a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum"><a:rPr {LANG}/>'
                   "<a:t>&#8249;#&#8250;</a:t></a:fld>")
        else:
            run = f"<a:r><a:rPr {LANG}/><a:t>{escape(self.prompt)}</a:t></a:r>"
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{self.shape_name} {shape_id - 1}"/>'
            f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{self.ph_xml()}</p:nvPr></p:nvSpPr>'
            f"<p:spPr>{xfrm(self.box)}{fill}</p:spPr>"
            f"<p:txBody>{body_pr}{lst}<a:p>{run}<a:endParaRPr {LANG}/></a:p></p:txBody></p:sp>"
        )


@dataclass(frozen=True)
class Layout:
    kind: str  # title | agenda | section | content | chart_text | closing
    name: str
    layout_type: str | None  # sldLayout/@type, None = custom
    placeholders: tuple[Placeholder, ...]
    decoration: tuple["Rect | Label | Placeholder", ...] = ()
    background: Color | None = None  # None: the master's (white)

    def xml(self) -> str:
        bg = ""
        if self.background is not None:
            bg = f"<p:bg><p:bgPr>{solid(self.background)}<a:effectLst/></p:bgPr></p:bg>"
        shapes = []
        shape_id = 2
        for item in (*self.decoration, *self.placeholders):
            shapes.append(item.xml(shape_id))
            shape_id += 1
        type_attr = f' type="{self.layout_type}"' if self.layout_type else ""
        return (
            f'<p:sldLayout {NSDECL}{type_attr} preserve="1" userDrawn="1">'
            f"<p:cSld name={quoteattr(self.name)}>{bg}<p:spTree>{SPTREE_HEAD}{''.join(shapes)}</p:spTree></p:cSld>"
            f"<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
        )


SPTREE_HEAD = (
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
    '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
    '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
)


@dataclass(frozen=True)
class Design:
    name: str  # file stem: default | corporate
    theme_name: str
    title_box: Box  # the master's title placeholder
    content_box: Box  # the master's body placeholder
    title_style: TextStyle
    body_color: Color
    layouts: tuple[Layout, ...]
    theme_colors: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# The two designs
# ---------------------------------------------------------------------------

W = SLIDE_W / EMU_PER_INCH  # 13.333... in
H = SLIDE_H / EMU_PER_INCH  # 7.5 in
PROMPTS = {
    "title": "单击此处添加标题",
    "subtitle": "单击此处添加副标题",
    "presenter": "汇报人",
    "date": "日期",
    "agenda": "目录区域（由 deckbuilder 绘制目录条目）",
    "number": "PART 01",
    "content": "内容区域（由 deckbuilder 绘制要点卡片、图表或表格）",
    "chart": "图表区域",
    "commentary": "单击此处添加解读文字",
    "closing_title": "谢谢",
    "closing_subtitle": "单击此处添加结束语",
}
# The page frame (footer, slide number): 12 pt, the smallest size the lint accepts, on one line at 7.08 in.
FRAME_FOOTER = TextStyle(12, C("muted"), align="l", anchor="ctr", autofit=False, inset=(0, 0, 0, 0))
FRAME_NUMBER = TextStyle(12, C("muted"), align="r", anchor="ctr", autofit=False, inset=(0, 0, 0, 0))


def page_frame(left: float, right: float) -> tuple[Placeholder, Placeholder]:
    """Footer and slide-number placeholders in one band under the content area (*left* .. *right*).

    Placeholders, not decoration: a slide shows them only when the deck asks for them
    (``deck.footer``, ``deck.slide_numbers``), as PowerPoint's Header & Footer does."""
    return (
        Placeholder("footer", "ftr", 11, (left, 7.08, right - left - 1.15, 0.3), "页脚", FRAME_FOOTER),
        Placeholder("slide_number", "sldNum", 12, (right - 1.0, 7.08, 1.0, 0.3), "", FRAME_NUMBER),
    )

# Text styles both designs share.
PAGE_TITLE = TextStyle(28, C("primary"), bold=True, anchor="b", line_pct=90, major=True)
COVER_TITLE = TextStyle(40, WHITE, bold=True, anchor="b", line_pct=100, major=True)
SECTION_TITLE = TextStyle(40, WHITE, bold=True, anchor="t", line_pct=90, major=True)
CLOSING_TITLE = TextStyle(44, WHITE, bold=True, align="ctr", anchor="b", major=True)
COMMENTARY = TextStyle(14, C("text"), anchor="t", line_pct=130, space_before=6, inset=(0.25, 0.2, 0.25, 0.2))

Decoration = tuple["Rect | Label | Placeholder", ...]


# ---------------------------------------------------------------------------
# One builder per slide kind: the placeholders (roles, types, prompts and the
# styles both designs share) live here, a design passes only what differs:
# layout name, placeholder indices, boxes, colours and decoration.
# ---------------------------------------------------------------------------


def cover_layout(
    name: str,
    *,
    idx: tuple[int, int, int],  # subtitle, presenter, date
    title_box: Box,
    subtitle_box: Box,
    subtitle_color: Color,
    presenter_box: Box,
    presenter_style: TextStyle,
    date_box: Box,
    date_style: TextStyle,
    decoration: Decoration,
    background: Color | None = None,
) -> Layout:
    subtitle_idx, presenter_idx, date_idx = idx
    return Layout(
        "title",
        name,
        "title",
        placeholders=(
            Placeholder("title", "ctrTitle", 0, title_box, PROMPTS["title"], COVER_TITLE),
            Placeholder(
                "subtitle", "subTitle", subtitle_idx, subtitle_box, PROMPTS["subtitle"],
                TextStyle(20, subtitle_color, anchor="t"),
            ),
            Placeholder("presenter", "body", presenter_idx, presenter_box, PROMPTS["presenter"], presenter_style),
            Placeholder("date", "body", date_idx, date_box, PROMPTS["date"], date_style),
        ),
        decoration=decoration,
        background=background,
    )


def agenda_layout(
    name: str,
    *,
    title_box: Box,
    title_style: TextStyle,
    content_idx: int,
    content_box: Box,
    decoration: Decoration,
) -> Layout:
    return Layout(
        "agenda",
        name,
        None,
        placeholders=(
            Placeholder("title", "title", 0, title_box, PROMPTS["title"], title_style),
            Placeholder("content", "body", content_idx, content_box, PROMPTS["agenda"]),
        ),
        decoration=decoration,
    )


def section_layout(
    name: str, *, number_idx: int, left: float, number_color: Color, decoration: Decoration
) -> Layout:
    """Section number above the section title, white on the primary colour."""
    return Layout(
        "section",
        name,
        "secHead",
        placeholders=(
            Placeholder(
                "number", "body", number_idx, (left, 2.0, 8.0, 0.75), PROMPTS["number"],
                TextStyle(24, number_color, bold=True, anchor="b", spacing=200),
            ),
            Placeholder("title", "title", 0, (left, 2.85, 10.5, 1.65), PROMPTS["title"], SECTION_TITLE),
        ),
        decoration=decoration,
        background=C("primary"),
    )


def content_layout(
    name: str, *, title_box: Box, content_idx: int, content_box: Box, decoration: Decoration
) -> Layout:
    return Layout(
        "content",
        name,
        "obj",
        placeholders=(
            Placeholder("title", "title", 0, title_box, PROMPTS["title"]),
            Placeholder("content", "body", content_idx, content_box, PROMPTS["content"]),
        ),
        decoration=decoration,
    )


def chart_text_layout(
    name: str,
    *,
    title_box: Box,
    idx: tuple[int, int],  # chart, commentary
    content_box: Box,
    split: float,  # chart area width
    gap: float,  # between the chart and the commentary panel
    decoration: Decoration,
) -> Layout:
    """The content area split in two: the chart on the left, the commentary
    on a surface-coloured panel to its right."""
    left, top, width, height = content_box
    chart_idx, commentary_idx = idx
    return Layout(
        "chart_text",
        name,
        None,
        placeholders=(
            Placeholder("title", "title", 0, title_box, PROMPTS["title"]),
            Placeholder("content", "body", chart_idx, (left, top, split, height), PROMPTS["chart"]),
            Placeholder(
                "commentary", "body", commentary_idx,
                (left + split + gap, top, width - split - gap, height), PROMPTS["commentary"],
                COMMENTARY,
                fill=C("surface"),
            ),
        ),
        decoration=decoration,
    )


def closing_layout(
    name: str, *, subtitle_idx: int, subtitle_color: Color, decoration: Decoration
) -> Layout:
    """Centred thank-you title and closing line, white on the primary colour."""
    return Layout(
        "closing",
        name,
        None,
        placeholders=(
            Placeholder("title", "title", 0, (0.9, 2.3, W - 1.8, 1.55), PROMPTS["closing_title"], CLOSING_TITLE),
            Placeholder(
                "subtitle", "body", subtitle_idx, (0.9, 4.3, W - 1.8, 0.8), PROMPTS["closing_subtitle"],
                TextStyle(20, subtitle_color, align="ctr", anchor="t"),
            ),
        ),
        decoration=decoration,
        background=C("primary"),
    )


def default_design() -> Design:
    """Restrained blue: white content slides, a blue cover band, blue section
    and closing slides, a left title marker and a hairline under titles."""
    margin = 0.6
    content_w = W - 2 * margin  # 12.133
    title_box = (0.75, 0.2, W - 0.75 - margin, 1.0)  # text sits on the rule below
    content_box = (margin, 1.5, content_w, 5.5)  # bottom at 7.0 in

    page_chrome = (
        Rect("Title Marker", (margin, 0.7, 0.07, 0.4), C("primary")),
        Rect("Title Rule", (margin, 1.25, content_w, 0.014), C("primary", lumMod=20000, lumOff=80000)),
        Rect("Title Rule Accent", (margin, 1.236, 1.0, 0.042), C("secondary")),
        *page_frame(margin, W - margin),
    )

    cover = cover_layout(
        "Title",
        idx=(1, 10, 11),
        title_box=(0.9, 1.5, 10.0, 1.85),
        subtitle_box=(0.9, 3.72, 10.0, 0.75),
        subtitle_color=C("surface"),
        # The presenter / date sit beside a short vertical rule: shifted right
        # of the 0.9 in left edge.
        presenter_box=(1.05, 5.3, 8.0, 0.5),
        presenter_style=TextStyle(18, C("text"), anchor="ctr"),
        date_box=(1.05, 5.8, 8.0, 0.45),
        date_style=TextStyle(14, C("muted"), anchor="ctr"),
        decoration=(
            Rect("Cover Band", (0, 0, W, 4.75), C("primary")),
            Rect("Cover Band Facet", (9.3, 0, W - 9.3, 4.75), C("secondary", alpha=45000), geom="rtTriangle"),
            Rect("Cover Band Facet 2", (11.2, 0, W - 11.2, 4.75), C("secondary"), geom="rtTriangle"),
            Rect("Cover Band Edge", (0, 4.75, W, 0.08), C("secondary")),
            Rect("Cover Accent", (0.9, 3.55, 1.0, 0.06), C("accent")),
            Rect("Cover Footer Rule", (0.9, 5.3, 0.05, 0.95), C("secondary")),
        ),
    )

    agenda = agenda_layout(
        "Agenda",
        title_box=(0.8, 2.2, 3.0, 1.2),
        title_style=TextStyle(36, WHITE, bold=True, anchor="b", major=True),
        content_idx=1,
        content_box=(4.9, 0.9, W - 4.9 - margin, 5.7),
        decoration=(
            Rect("Agenda Panel", (0, 0, 4.2, H), C("primary")),
            Rect("Agenda Panel Edge", (4.2, 0, 0.08, H), C("secondary")),
            Rect("Agenda Accent", (0.9, 3.55, 0.8, 0.06), C("accent")),
            Label("Agenda Caption", (0.8, 3.7, 3.0, 0.45), "CONTENTS",
                  TextStyle(14, C("surface"), spacing=400, anchor="t", autofit=False)),
            *page_frame(4.9, W - margin),
        ),
    )

    section = section_layout(
        "Section",
        number_idx=10,
        left=0.9,
        number_color=C("accent"),
        decoration=(
            Rect("Section Facet", (9.3, 0, W - 9.3, H), C("secondary", alpha=45000), geom="rtTriangle"),
            Rect("Section Facet 2", (11.2, 0, W - 11.2, H), C("secondary"), geom="rtTriangle"),
            Rect("Section Accent", (0.9, 4.65, 1.2, 0.06), C("surface")),
            Rect("Section Edge", (0, H - 0.12, W, 0.12), C("secondary")),
        ),
    )

    content = content_layout(
        "Content", title_box=title_box, content_idx=1, content_box=content_box, decoration=page_chrome
    )

    chart_text = chart_text_layout(
        "Chart + Text",
        title_box=title_box,
        idx=(1, 2),
        content_box=content_box,
        split=7.4,  # chart area width: ~61 % of the usable width
        gap=0.3,
        decoration=page_chrome,
    )

    closing = closing_layout(
        "Closing",
        subtitle_idx=1,
        subtitle_color=C("surface"),
        decoration=(
            Rect("Closing Accent", ((W - 1.2) / 2, 4.05, 1.2, 0.06), C("accent")),
            Rect("Closing Edge", (0, H - 0.12, W, 0.12), C("secondary")),
        ),
    )

    return Design(
        name="default",
        theme_name="deckbuilder Default",
        title_box=title_box,
        content_box=content_box,
        title_style=PAGE_TITLE,
        body_color=C("text"),
        layouts=(cover, agenda, section, content, chart_text, closing),
    )


def corporate_design() -> Design:
    """Crimson and gold: crimson cover / section / closing slides with gold
    rules, a crimson header band on the agenda, a left sidebar band on
    content slides. Chinese layout names, non-default placeholder indices."""
    left = 0.9  # content starts right of the sidebar band
    right = 0.6
    content_w = W - left - right  # 11.833
    title_box = (left - 0.1, 0.2, content_w + 0.1, 1.0)  # text sits on the rule below
    content_box = (left, 1.5, content_w, 5.5)  # bottom at 7.0 in
    gold = C("secondary")

    sidebar = (
        Rect("Sidebar", (0, 0, 0.35, H), C("primary")),
        Rect("Sidebar Edge", (0.35, 0, 0.05, H), gold),
        Rect("Title Rule", (left, 1.25, content_w, 0.02), gold),
        *page_frame(left, W - right),
    )

    cover = cover_layout(
        "封面",
        idx=(20, 21, 22),
        title_box=(left, 1.55, W - left - 1.2, 1.85),
        subtitle_box=(left, 3.72, W - left - 1.2, 0.8),
        subtitle_color=gold,
        presenter_box=(left, 6.3, 7.0, 0.45),
        presenter_style=TextStyle(16, C("text"), bold=True, anchor="ctr"),
        date_box=(left, 6.78, 7.0, 0.4),
        date_style=TextStyle(13, C("muted"), anchor="ctr"),
        decoration=(
            Rect("Cover Rule", (left, 3.58, W - left - 1.2, 0.025), gold),
            Rect("Cover Corner", (W - 1.7, 0.55, 1.15, 0.06), gold),
            Rect("Cover Corner Post", (W - 0.61, 0.55, 0.06, 1.15), gold),
            Rect("Cover Footer Band", (0, 6.1, W, H - 6.1), C("background")),
            Rect("Cover Footer Edge", (0, 6.1, W, 0.06), gold),
        ),
        background=C("primary"),
    )

    agenda = agenda_layout(
        "目录",
        title_box=(left - 0.1, 0.25, 7.0, 0.9),
        title_style=TextStyle(28, WHITE, bold=True, anchor="ctr", major=True),
        content_idx=30,
        content_box=(left, 1.85, content_w, 5.15),
        decoration=(
            Rect("Header Band", (0, 0, W, 1.4), C("primary")),
            Rect("Header Edge", (0, 1.4, W, 0.05), gold),
            Label("Header Caption", (W - right - 4.0, 0.4, 4.0, 0.6), "CONTENTS",
                  TextStyle(16, gold, align="r", anchor="ctr", spacing=500, autofit=False)),
            *page_frame(left, W - right),
        ),
    )

    section = section_layout(
        "章节页",
        number_idx=40,
        left=1.4,
        number_color=gold,
        decoration=(
            Rect("Section Post", (left, 2.1, 0.08, 2.4), gold),
            Rect("Section Rule", (1.5, 4.65, 1.6, 0.04), gold),
            Rect("Section Corner", (W - 1.7, 0.55, 1.15, 0.06), gold),
            Rect("Section Corner Post", (W - 0.61, 0.55, 0.06, 1.15), gold),
            Rect("Section Footer", (0, H - 0.55, W, 0.55), C("primary", lumMod=75000)),
            Rect("Section Footer Edge", (0, H - 0.6, W, 0.05), gold),
        ),
    )

    content = content_layout(
        "内容页", title_box=title_box, content_idx=50, content_box=content_box, decoration=sidebar
    )

    chart_text = chart_text_layout(
        "图文页",
        title_box=title_box,
        idx=(60, 61),
        content_box=content_box,
        split=7.2,
        gap=0.3,
        decoration=sidebar,
    )

    closing = closing_layout(
        "结束页",
        subtitle_idx=70,
        subtitle_color=gold,
        decoration=(
            Rect("Closing Rule Left", (W / 2 - 2.2, 4.07, 1.9, 0.025), gold),
            Rect("Closing Diamond", (W / 2 - 0.09, 3.99, 0.18, 0.18), gold, geom="diamond"),
            Rect("Closing Rule Right", (W / 2 + 0.3, 4.07, 1.9, 0.025), gold),
            Rect("Closing Footer", (0, H - 0.55, W, 0.55), C("primary", lumMod=75000)),
            Rect("Closing Footer Edge", (0, H - 0.6, W, 0.05), gold),
        ),
    )

    return Design(
        name="corporate",
        theme_name="deckbuilder Corporate",
        title_box=title_box,
        content_box=content_box,
        title_style=PAGE_TITLE,
        body_color=C("text"),
        layouts=(cover, agenda, section, content, chart_text, closing),
    )


DESIGNS = {"default": default_design, "corporate": corporate_design}


# ---------------------------------------------------------------------------
# Master, theme, package
# ---------------------------------------------------------------------------


def load_theme(name: str) -> dict:
    path = THEMES_DIR / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:
        theme = yaml.safe_load(fh)
    colors, palette = theme["colors"], theme["palette"]
    if len(palette) < 6:
        raise SystemExit(f"{path}: palette needs at least 6 colours")
    for role, index in (("primary", 0), ("secondary", 1), ("accent", 3)):
        if palette[index].upper() != colors[role].upper():
            raise SystemExit(f"{path}: palette[{index}] must equal colors.{role} (template convention)")
    return theme


def body_style_xml(color: Color) -> str:
    """Master body text: level 1 plain (16 pt), deeper levels bulleted."""
    levels = []
    bullets = {2: "\u2022", 3: "\u2013", 4: "\u2022", 5: "\u2013"}
    for lvl in range(1, 10):
        size = {1: 1600, 2: 1400, 3: 1400}.get(lvl, 1200)
        if lvl == 1:
            mar, bullet = 'marL="0" indent="0"', "<a:buNone/>"
        else:
            mar = f'marL="{(lvl - 1) * 285750}" indent="-228600"'
            char = bullets.get(lvl, "\u2022")
            bullet = f'<a:buFont typeface="Arial"/><a:buChar char="{char}"/>'
        levels.append(
            f'<a:lvl{lvl}pPr {mar} algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" '
            f'hangingPunct="1"><a:lnSpc><a:spcPct val="120000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="600"/></a:spcBef>{bullet}'
            f'<a:defRPr {LANG} sz="{size}" kern="1200">{solid(color)}'
            f'<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
            f"</a:defRPr></a:lvl{lvl}pPr>"
        )
    return "".join(levels)


def other_style_xml(color: Color) -> str:
    levels = [f"<a:defPPr><a:defRPr {LANG}/></a:defPPr>"]
    for lvl in range(1, 10):
        levels.append(
            f'<a:lvl{lvl}pPr marL="{(lvl - 1) * 457200}" algn="l" defTabSz="914400" rtl="0" '
            f'eaLnBrk="1" latinLnBrk="0" hangingPunct="1"><a:defRPr {LANG} sz="1800" kern="1200">'
            f'{solid(color)}<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/>'
            f'<a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{lvl}pPr>'
        )
    return "".join(levels)


def master_xml(design: Design, layout_ids: list[tuple[int, str]]) -> str:
    ts = design.title_style
    title_lvl1 = (
        f'<a:lvl1pPr algn="{ts.align}" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" '
        f'hangingPunct="1"><a:lnSpc><a:spcPct val="{(ts.line_pct or 100) * 1000}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>'
        f'<a:defRPr {LANG} sz="{int(ts.size * 100)}" b="1" kern="1200">{solid(ts.color)}'
        f'<a:latin typeface="+mj-lt"/><a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/>'
        f"</a:defRPr></a:lvl1pPr>"
    )
    title_ph = (
        f'<p:sp><p:nvSpPr><p:cNvPr id="2" name="Title Placeholder 1"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr>'
        f'<p:spPr>{xfrm(design.title_box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        f"<p:txBody>{ts.body_pr()}<a:lstStyle/><a:p><a:r><a:rPr {LANG}/>"
        f"<a:t>单击此处编辑母版标题样式</a:t></a:r><a:endParaRPr {LANG}/></a:p></p:txBody></p:sp>"
    )
    body_levels = ["单击此处编辑母版文本样式", "二级", "三级", "四级", "五级"]
    body_paras = "".join(
        f'<a:p><a:pPr lvl="{i}"/><a:r><a:rPr {LANG}/><a:t>{t}</a:t></a:r></a:p>'
        for i, t in enumerate(body_levels)
    )
    body_ph = (
        f'<p:sp><p:nvSpPr><p:cNvPr id="3" name="Text Placeholder 2"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr>'
        f'<p:spPr>{xfrm(design.content_box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
        f'<p:txBody><a:bodyPr vert="horz" lIns="91440" tIns="45720" rIns="91440" bIns="45720" rtlCol="0">'
        f"<a:normAutofit/></a:bodyPr><a:lstStyle/>{body_paras}</p:txBody></p:sp>"
    )
    id_list = "".join(f'<p:sldLayoutId id="{i}" r:id="{rid}"/>' for i, rid in layout_ids)
    return (
        f"<p:sldMaster {NSDECL}><p:cSld>"
        f'<p:bg><p:bgPr>{solid(C("background"))}<a:effectLst/></p:bgPr></p:bg>'
        f"<p:spTree>{SPTREE_HEAD}{title_ph}{body_ph}</p:spTree></p:cSld>"
        '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
        'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
        'folHlink="folHlink"/>'
        f"<p:sldLayoutIdLst>{id_list}</p:sldLayoutIdLst>"
        f"<p:txStyles><p:titleStyle>{title_lvl1}</p:titleStyle>"
        f"<p:bodyStyle>{body_style_xml(design.body_color)}</p:bodyStyle>"
        f"<p:otherStyle>{other_style_xml(C('text'))}</p:otherStyle></p:txStyles>"
        "</p:sldMaster>"
    )


def a(tag: str) -> str:
    return f"{{{NS_A}}}{tag}"


FLAT_FMT_SCHEME = f"""<a:fmtScheme xmlns:a="{NS_A}" name="deckbuilder Flat">
<a:fillStyleLst>
<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>
<a:solidFill><a:schemeClr val="phClr"><a:tint val="50000"/></a:schemeClr></a:solidFill>
<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>
</a:fillStyleLst>
<a:lnStyleLst>
<a:ln w="6350" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>
<a:ln w="12700" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>
<a:ln w="19050" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>
</a:lnStyleLst>
<a:effectStyleLst>
<a:effectStyle><a:effectLst/></a:effectStyle>
<a:effectStyle><a:effectLst/></a:effectStyle>
<a:effectStyle><a:effectLst/></a:effectStyle>
</a:effectStyleLst>
<a:bgFillStyleLst>
<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>
<a:solidFill><a:schemeClr val="phClr"><a:tint val="95000"/></a:schemeClr></a:solidFill>
<a:solidFill><a:schemeClr val="phClr"><a:shade val="90000"/></a:schemeClr></a:solidFill>
</a:bgFillStyleLst>
</a:fmtScheme>"""


def theme_blob(original: bytes, design: Design, theme: dict) -> bytes:
    root = etree.fromstring(original)
    root.set("name", design.theme_name)
    elements = root.find(a("themeElements"))

    colors, palette = theme["colors"], theme["palette"]
    slots = [
        ("dk1", colors["text"]),
        ("lt1", colors["background"]),
        ("dk2", colors["primary"]),
        ("lt2", colors["surface"]),
        *((f"accent{i + 1}", palette[i]) for i in range(6)),
        ("hlink", colors["secondary"]),
        ("folHlink", colors["muted"]),
    ]
    clr = elements.find(a("clrScheme"))
    for child in list(clr):
        clr.remove(child)
    clr.set("name", f"deckbuilder {theme['name']}")
    for slot, value in slots:
        etree.SubElement(etree.SubElement(clr, a(slot)), a("srgbClr"), val=str(value).upper())

    fonts = elements.find(a("fontScheme"))
    fonts.set("name", "deckbuilder CJK")
    latin = theme.get("fonts", {}).get("latin", FONT)
    east_asian = theme.get("fonts", {}).get("east_asian", FONT)
    for which in ("majorFont", "minorFont"):
        font = fonts.find(a(which))
        font.find(a("latin")).set("typeface", latin)
        font.find(a("ea")).set("typeface", east_asian)
        for script in font.findall(a("font")):
            if script.get("script") == "Hans":
                script.set("typeface", east_asian)

    old_fmt = elements.find(a("fmtScheme"))
    elements.replace(old_fmt, etree.fromstring(FLAT_FMT_SCHEME.replace("\n", "")))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<TotalTime>0</TotalTime><Words>0</Words><Application>deckbuilder</Application>"
    "<PresentationFormat>Widescreen</PresentationFormat><Paragraphs>0</Paragraphs>"
    "<Slides>0</Slides><Notes>0</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
)


def build_package(design: Design) -> bytes:
    """Build one template; return the .pptx bytes as python-pptx saves them."""
    theme = load_theme(design.name)
    prs = Presentation()
    pres_el = prs.part._element
    prs.slide_width = SLIDE_W
    prs.slide_height = SLIDE_H
    sld_sz = pres_el.find(f"{{{NS_P}}}sldSz")
    if "type" in sld_sz.attrib:
        del sld_sz.attrib["type"]
    def_ppr = pres_el.find(f"{{{NS_P}}}defaultTextStyle/{{{NS_A}}}defPPr/{{{NS_A}}}defRPr")
    def_ppr.set("lang", "zh-CN")
    def_ppr.set("altLang", "en-US")

    # Drop the thumbnail (it shows the stock 4:3 template) and printer settings.
    package = prs.part.package
    for rid, rel in sorted(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package._rels.pop(rid)
    for rid, rel in sorted(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rid)

    # Keep the first six layouts (rewritten below); drop the rest with their parts.
    master = prs.slide_masters[0]
    master_part = master.part
    id_list = master_part._element.find(f"{{{NS_P}}}sldLayoutIdLst")
    entries = list(id_list)
    keep = entries[: len(design.layouts)]
    for entry in entries[len(design.layouts):]:
        rid = entry.get(f"{{{NS_R}}}id")
        id_list.remove(entry)
        master_part.drop_rel(rid)
    layout_ids = []
    for entry, layout in zip(keep, design.layouts):
        rid = entry.get(f"{{{NS_R}}}id")
        layout_part = master_part.related_part(rid)
        layout_part._element = parse_xml(layout.xml().encode("utf-8"))
        layout_ids.append((int(entry.get("id")), rid))

    theme_part = master_part.part_related_by(RT.THEME)
    theme_part._blob = theme_blob(theme_part.blob, design, theme)
    master_part._element = parse_xml(master_xml(design, layout_ids).encode("utf-8"))

    core = prs.core_properties
    core.author = "deckbuilder"
    core.last_modified_by = "deckbuilder"
    core.title = f"deckbuilder {design.name} template"
    core.subject = ""
    core.keywords = ""
    core.category = ""
    core.comments = "generated by layouts/make_templates.py"
    core.revision = 1
    core.created = PINNED_DATE
    core.modified = PINNED_DATE

    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = APP_XML.encode("utf-8")

    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def deterministic_zip(data: bytes) -> bytes:
    """Re-write a zip with sorted entries, fixed timestamps and attributes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, src.read(name), compresslevel=6)
    return out.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def build_template(name: str) -> bytes:
    return deterministic_zip(build_package(DESIGNS[name]()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: layouts/)")
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"templates to build: {', '.join(DESIGNS)} (default: all)")
    args = parser.parse_args(argv)
    names = args.names or list(DESIGNS)
    unknown = [n for n in names if n not in DESIGNS]
    if unknown:
        parser.error(f"unknown template(s) {', '.join(unknown)}; choose from {', '.join(DESIGNS)}")
    for name in names:
        target = args.out / f"{name}.pptx"
        write_atomic(target, build_template(name))
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
