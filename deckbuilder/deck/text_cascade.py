"""Which size and typeface does a run really get? PowerPoint's text-style cascade, read back.

A run's look is decided by the first level of this cascade that says something:
run -> paragraph -> the shape's list style -> (placeholders) the layout
placeholder -> the master placeholder -> the master's title/body/other text
style; (other shapes and table cells) the presentation's default text style;
-> the theme's fonts; 18 pt when nothing sets a size.

:class:`TextCascade` builds, for any text body of one presentation, the
:class:`TextBodyCascade` it inherits from; that answers run fonts
(:class:`~deckbuilder.deck.fonts.RunFont`), paragraph spacing and text-frame
insets/autofit.  The lint measures text with it and ``inspect`` reports
effective font sizes with it.  Table styles (bold header rows...) are not read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckbuilder.deck.fonts import SINGLE_LINE_HEIGHT, RunFont, StyledText
from deckbuilder.deck.oxml.ns import qn
from deckbuilder.deck.oxml.placeholders import (
    OTHER_TYPES,
    TITLE_TYPES,
    find_inherited,
    master_type,
    placeholder_id,
)
from deckbuilder.deck.text_style import Fonts

#: Used when nothing in the cascade sets a size (PowerPoint's default).
DEFAULT_FONT_PT = 18.0
#: Text-frame insets (EMU: left, top, right, bottom) when bodyPr does not set them: 0.1", 0.05".
DEFAULT_INSETS = (91440, 45720, 91440, 45720)

# Clark names worked out once: the lint asks for them for every run and paragraph of a deck.
_PPR, _DEF_PPR, _DEF_RPR, _RPR, _T = (qn(t) for t in ("a:pPr", "a:defPPr", "a:defRPr", "a:rPr", "a:t"))
_END_PARA_RPR, _LATIN, _EA = qn("a:endParaRPr"), qn("a:latin"), qn("a:ea")
_LN_SPC, _SPC_BEF, _SPC_AFT = qn("a:lnSpc"), qn("a:spcBef"), qn("a:spcAft")
_LEVEL_PPRS = tuple(qn(f"a:lvl{n}pPr") for n in range(1, 10))  # a:lvl1pPr ... a:lvl9pPr


# --------------------------------------------------------------------------- theme fonts

#: A theme font group that names no typefaces (or a theme that cannot be read).
NO_FONTS = Fonts("", "")


@dataclass(frozen=True)
class FontScheme:
    """A theme's font scheme: major fonts (headings) and minor fonts (body text)."""

    major: Fonts = NO_FONTS
    minor: Fonts = NO_FONTS

    def resolve(self, typeface: str | None) -> str | None:
        """Replace theme references such as ``+mn-lt`` / ``+mj-ea`` by typeface names."""
        refs = {"+mj-lt": self.major.latin, "+mj-ea": self.major.east_asian,
                "+mn-lt": self.minor.latin, "+mn-ea": self.minor.east_asian}
        return refs.get(typeface, typeface) if typeface else typeface


def read_font_scheme(master: Any) -> FontScheme:
    """Read the font scheme of a slide master's theme part."""
    try:
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        return FontScheme()

    def pick(group: str) -> Fonts:
        font = theme.find(f".//{qn('a:fontScheme')}/{qn('a:' + group)}")
        if font is None:
            return NO_FONTS
        latin = font.find(qn("a:latin"))
        ea = font.find(qn("a:ea"))
        ea_name = ea.get("typeface", "") if ea is not None else ""
        if not ea_name:  # theme leaves ea empty and names a font per script instead
            hans = font.find(f"{qn('a:font')}[@script='Hans']")
            ea_name = hans.get("typeface", "") if hans is not None else ""
        return Fonts(latin.get("typeface", "") if latin is not None else "", ea_name)

    return FontScheme(pick("majorFont"), pick("minorFont"))


# --------------------------------------------------------------------------- formats


@dataclass(frozen=True)
class Spacing:
    """A line or paragraph spacing: a multiple of single spacing, or fixed points."""

    percent: float | None = None  # 1.0 = 100 %
    points: float | None = None

    def height(self, size_pt: float) -> float:
        """Points this spacing takes after text of *size_pt* (a percentage is of a single line)."""
        if self.points is not None:
            return self.points
        return size_pt * SINGLE_LINE_HEIGHT * (self.percent if self.percent is not None else 1.0)


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


def _spacing(element: Any) -> Spacing | None:
    if element is None:
        return None
    pct = element.find(qn("a:spcPct"))
    if pct is not None:
        return Spacing(percent=int(pct.get("val", "100000")) / 100000)
    pts = element.find(qn("a:spcPts"))
    if pts is not None:
        return Spacing(points=int(pts.get("val", "0")) / 100)
    return None


# --------------------------------------------------------------------------- one text body


@dataclass
class TextBodyCascade:
    """What one text body inherits from: list styles and bodyPr's, highest priority first."""

    list_styles: list  # lstStyle-like elements holding a:lvlNpPr children
    body_props: list  # a:bodyPr elements
    theme: FontScheme
    title: bool = False  # theme major fonts by default (else minor)
    body_override: BodyFormat | None = None  # table cells: margins come from a:tcPr
    # per paragraph element: the lint asks for the same paragraph's runs and format in several rules,
    # and every run of a paragraph inherits from the same level properties
    _runs: dict = field(default_factory=dict, repr=False, compare=False)
    _formats: dict = field(default_factory=dict, repr=False, compare=False)
    _levels: dict = field(default_factory=dict, repr=False, compare=False)
    _default_runs: dict = field(default_factory=dict, repr=False, compare=False)
    _body: BodyFormat | None = field(default=None, repr=False, compare=False)

    def level_props(self, p: Any) -> list:
        """pPr elements that apply to paragraph *p*: its own, then its level in each list style."""
        found = self._levels.get(p)
        if found is None:
            found = self._levels[p] = self._level_props(p)
        return list(found)

    def _level_props(self, p: Any) -> tuple:
        ppr = p.find(_PPR)
        level = int(ppr.get("lvl", "0")) if ppr is not None else 0
        found = [ppr] if ppr is not None else []
        # qn(f"a:lvl{level + 1}pPr"), which names no element when the level is outside 0-8
        level_tag = _LEVEL_PPRS[level] if 0 <= level < len(_LEVEL_PPRS) else qn(f"a:lvl{level + 1}pPr")
        for style in self.list_styles:
            for tag in (level_tag, _DEF_PPR):
                lvl = style.find(tag)
                if lvl is not None:
                    found.append(lvl)
        return tuple(found)

    def _run_props(self, p: Any, rpr: Any) -> list:
        defaults = self._default_runs.get(p)
        if defaults is None:
            self.level_props(p)
            defaults = self._default_runs[p] = [d for d in (lp.find(_DEF_RPR) for lp in self._levels[p])
                                                if d is not None]
        return ([rpr] if rpr is not None else []) + defaults

    def run_font(self, p: Any, rpr: Any = None) -> RunFont:
        """Effective size/typefaces/boldness of a run whose ``a:rPr`` is *rpr* in paragraph *p*."""
        props = self._run_props(p, rpr)
        size = next((int(e.get("sz")) / 100 for e in props if e.get("sz")), DEFAULT_FONT_PT)
        bold = next((e.get("b") in ("1", "true") for e in props if e.get("b")), False)
        latin = self._typeface(props, _LATIN)
        ea = self._typeface(props, _EA)
        default = self.theme.major if self.title else self.theme.minor
        return RunFont(Fonts(latin or default.latin, ea or default.east_asian), size, bold)

    def _typeface(self, props: list, tag: str) -> str | None:
        """The first typeface set by a *tag* (a Clark name) child of *props*, theme references resolved."""
        for e in props:
            font = e.find(tag)
            if font is not None and font.get("typeface"):
                return self.theme.resolve(font.get("typeface"))
        return None

    def styled_runs(self, p: Any) -> list[StyledText]:
        """The paragraph as styled runs; line breaks become ``\\v``; never empty."""
        if p not in self._runs:
            self._runs[p] = tuple(self._styled_runs(p))
        return list(self._runs[p])

    def _styled_runs(self, p: Any) -> list[StyledText]:
        runs = []
        for child in p:
            tag = child.tag
            local = tag.rpartition("}")[2] if isinstance(tag, str) else etree.QName(child).localname
            if local in ("r", "fld"):
                t = child.find(_T)
                text = (t.text or "") if t is not None else ""
                runs.append(StyledText(text, self.run_font(p, child.find(_RPR))))
            elif local == "br":
                runs.append(StyledText("\v", self.run_font(p, child.find(_RPR))))
        if not any(r.text for r in runs):
            end = p.find(_END_PARA_RPR)
            runs = [StyledText("", self.run_font(p, end))]
        return runs

    def paragraph_format(self, p: Any) -> ParagraphFormat:
        """Effective spacing, margins and line-breaking switches of paragraph *p*."""
        if p not in self._formats:
            self._formats[p] = self._paragraph_format(p)
        return self._formats[p]

    def _paragraph_format(self, p: Any) -> ParagraphFormat:
        props = self.level_props(p)

        def spacing(tag: str) -> Spacing | None:
            return next((_spacing(e.find(tag)) for e in props if e.find(tag) is not None), None)

        def attr(name: str, default: str) -> str:
            return next((e.get(name) for e in props if e.get(name) is not None), default)

        ppr = p.find(_PPR)
        return ParagraphFormat(
            level=int(ppr.get("lvl", "0")) if ppr is not None else 0,
            line_spacing=spacing(_LN_SPC),
            space_before=spacing(_SPC_BEF),
            space_after=spacing(_SPC_AFT),
            margin_left_emu=int(attr("marL", "0")),
            indent_emu=int(attr("indent", "0")),
            hanging_punctuation=attr("hangingPunct", "1") in ("1", "true"),
        )

    def body_format(self) -> BodyFormat:
        """Effective insets, wrapping, autofit and direction of the text body."""
        if self.body_override is not None:
            return self.body_override
        if self._body is None:  # asked by three rules for every text shape
            self._body = self._body_format()
        return self._body

    def _body_format(self) -> BodyFormat:
        def attr(name: str, default: str | None = None) -> str | None:
            return next((b.get(name) for b in self.body_props if b.get(name) is not None), default)

        left, top, right, bottom = (int(attr(name, str(d)) or d)
                                    for name, d in zip(("lIns", "tIns", "rIns", "bIns"),
                                                       DEFAULT_INSETS))
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
        return BodyFormat((left, top, right, bottom), wrap=attr("wrap", "square") != "none",
                          autofit=autofit, font_scale=scale, line_spacing_reduction=reduction,
                          vertical=attr("vert", "horz") not in ("horz", None))


# --------------------------------------------------------------------------- a presentation


class TextCascade:
    """Builds the :class:`TextBodyCascade` of any text body in one presentation.

    Placeholders inherit from their layout placeholder (same idx, else same
    type), its master placeholder (same type family) and the master's title,
    body or other text style.  Other shapes and table cells inherit from the
    presentation's ``defaultTextStyle`` (18 pt in PowerPoint's templates).
    """

    def __init__(self, prs: Any) -> None:
        self.prs = prs
        self._themes: dict[str, FontScheme] = {}
        # The cascade of each text body, kept: a TextCascade reads a deck that does not change
        # while it is used (the lint and inspect make one per pass), and the lint's rules ask for
        # the same shape's cascade several times. Keyed by the (kept alive) XML element.
        self._bodies: dict[Any, TextBodyCascade] = {}
        self._chains: dict[tuple, list] = {}  # (layout part, idx, type) -> inherited placeholders
        self._layouts: dict[Any, tuple] = {}  # slide part -> (layout, master, layout part name)
        default = prs.element.find(qn("p:defaultTextStyle"))
        self.default_text_style = [default] if default is not None else []

    def font_scheme(self, master: Any) -> FontScheme:
        """The font scheme of *master*'s theme (read once per master)."""
        key = str(master.part.partname)
        if key not in self._themes:
            self._themes[key] = read_font_scheme(master)
        return self._themes[key]

    def for_shape(self, shape: Any, slide: Any) -> TextBodyCascade:
        """Cascade for a shape's text frame on *slide* (placeholders inherit from layout/master)."""
        element = shape.element
        if element not in self._bodies:
            self._bodies[element] = self._for_shape(shape, slide)
        return self._bodies[element]

    def _layout(self, slide: Any) -> tuple:
        """(layout, master, the layout's part name) of *slide*, looked up once per slide (each
        lookup goes through the slide's relationships)."""
        found = self._layouts.get(slide.part)
        if found is None:
            layout = slide.slide_layout
            found = self._layouts[slide.part] = (layout, layout.slide_master, str(layout.part.partname))
        return found

    def _for_shape(self, shape: Any, slide: Any) -> TextBodyCascade:
        layout, master, layout_name = self._layout(slide)
        own = shape.element.find(qn("p:txBody"))
        list_styles = _child_list(own, "a:lstStyle")
        body_props = _child_list(own, "a:bodyPr")
        pid = placeholder_id(shape.element)
        if pid is None:
            return TextBodyCascade(list_styles + self.default_text_style, body_props,
                                   self.font_scheme(master))
        key = (layout_name, pid.idx, pid.type)
        if key not in self._chains:  # walking a layout's placeholders is slow; decks reuse few layouts
            self._chains[key] = inherited_placeholders(layout, master, pid.idx, pid.type)
        for inherited in self._chains[key]:
            body = inherited.element.find(qn("p:txBody"))
            list_styles += _child_list(body, "a:lstStyle")
            body_props += _child_list(body, "a:bodyPr")
        style_name = ("titleStyle" if pid.type in TITLE_TYPES else
                      "otherStyle" if pid.type in OTHER_TYPES else "bodyStyle")
        list_styles += _child_list(master.element.find(qn("p:txStyles")), f"p:{style_name}")
        return TextBodyCascade(list_styles, body_props, self.font_scheme(master),
                               title=pid.type in TITLE_TYPES)

    def for_cell(self, cell: Any, slide: Any) -> TextBodyCascade:
        """Cascade for a table cell: its own list style, then the presentation defaults."""
        if cell._tc not in self._bodies:
            self._bodies[cell._tc] = self._for_cell(cell, slide)
        return self._bodies[cell._tc]

    def _for_cell(self, cell: Any, slide: Any) -> TextBodyCascade:
        tc = cell._tc
        tcpr = tc.find(qn("a:tcPr"))
        left, top, right, bottom = (int(tcpr.get(name, str(d))) if tcpr is not None else d
                                    for name, d in zip(("marL", "marT", "marR", "marB"),
                                                       DEFAULT_INSETS))
        own = tc.find(qn("a:txBody"))
        return TextBodyCascade(_child_list(own, "a:lstStyle") + self.default_text_style, [],
                               self.font_scheme(self._layout(slide)[1]),
                               body_override=BodyFormat((left, top, right, bottom)))


def _child_list(parent: Any, tag: str) -> list:
    if parent is None:
        return []
    found = parent.find(qn(tag))
    return [found] if found is not None else []


def inherited_placeholders(layout: Any, master: Any, idx: int, ph_type: str) -> list:
    """The layout and master placeholders that a slide placeholder (*idx*, *ph_type*)
    inherits from, nearest first."""
    chain = []
    on_layout = find_inherited(layout.placeholders, idx, ph_type)
    if on_layout is not None:
        chain.append(on_layout)
        layout_id = placeholder_id(on_layout.element)
        if layout_id is not None:  # the master placeholder follows the layout's type
            ph_type = layout_id.type
    on_master = find_inherited(master.placeholders, None, master_type(ph_type))
    if on_master is not None:
        chain.append(on_master)
    return chain
