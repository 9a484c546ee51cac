"""The page frame of a content slide: footer, slide number, date, and the theme logo.

Each piece goes into the layout's own placeholder when it has one (copied from the
layout as PowerPoint does: its place and style are the template's); otherwise the
footer and the slide number are drawn in one band along the bottom edge, aligned with
the content area, so a template without such placeholders still gets page numbers.
The date goes only where a layout has a date placeholder.

The logo sits in the corner the theme names. It never meets the title: a title box
under a top-corner logo is narrowed to end before it; the content area keeps clear of
the logo and of the drawn band (:attr:`SlideContext.reserved`).

:func:`plan_frame` runs before the kind's renderer (so the content area knows what is
reserved), :func:`draw_frame` after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckbuilder.deck.geometry import Box, inches
from deckbuilder.deck.oxml.accessibility import set_alt_text
from deckbuilder.deck.oxml.frame import make_slide_number_field
from deckbuilder.deck.picture import add_picture
from deckbuilder.deck.placeholder_box import effective_box
from deckbuilder.deck.text_style import TextStyle, add_textbox, write_text
from deckbuilder.render.context import SlideContext
from deckbuilder.text.alt_text import logo_alt_text

BAND_HEIGHT = inches(0.3)  # one line of FRAME_SIZE text
BAND_BOTTOM = inches(0.12)  # from the slide's bottom edge to the band's
SIDE_MARGIN = inches(0.6)  # the band's ends when the layout has no content area
NUMBER_WIDTH = inches(1.0)
FRAME_SIZE = 12  # pt, footer and drawn slide number: the smallest size the lint accepts
GAP = inches(0.15)
LOGO_TOP = inches(0.2)  # from the top edge to a top-corner logo (the bundled title boxes start there)
BOTTOM_LOGO_HEIGHT = inches(0.34)  # a bottom-corner logo fits the footer band
LOGO_MAX_WIDTH = 0.25  # of the slide width


@dataclass
class FramePlan:
    """What one slide's frame shows, and where what is drawn goes."""

    footer: str = ""
    number: bool = False
    date: str = ""
    footer_box: Box | None = None  # drawn footer (None: the layout's placeholder, or none)
    number_box: Box | None = None  # drawn slide number
    logo: Box | None = None


def plan_frame(ctx: SlideContext) -> FramePlan:
    """Decide the slide's frame and reserve the room drawn pieces and the logo take."""
    show = type(ctx.model).shows_footer
    frame, ph = ctx.frame, ctx.placeholders
    plan = FramePlan(footer=frame.footer if show else "", number=show and frame.slide_numbers,
                     date=frame.date if show and "date" in ph.layout_frame else "")
    if ctx.theme.shows_logo_on(ctx.model) and frame.logo_size:
        plan.logo = logo_box(ctx)
    band = _band(ctx)
    logo = plan.logo if plan.logo is not None and plan.logo.top > ctx.slide_box.height // 2 else None
    if logo is not None:  # a bottom-corner logo takes the band's end on its side
        if logo.left < band.left + band.width // 2:
            band = Box(max(band.left, logo.right + GAP), band.top, band.right - max(band.left, logo.right + GAP),
                       band.height)
        else:
            band = Box(band.left, band.top, min(band.right, logo.left - GAP) - band.left, band.height)
    if plan.number and "slide_number" not in ph.layout_frame and not ph.layout_numbers:
        plan.number_box = Box(band.right - NUMBER_WIDTH, band.top, NUMBER_WIDTH, band.height)
    if plan.footer and "footer" not in ph.layout_frame:
        width = band.width - (NUMBER_WIDTH + GAP if plan.number_box else 0)
        plan.footer_box = Box(band.left, band.top, max(width, 0), band.height)
    # (a cover or divider layout that draws numbers itself is the template's choice)
    if show and not plan.number and ph.layout_numbers:
        ctx.warn_at(("deck", "slide_numbers"), f"layout '{ctx.slide.slide_layout.name}' draws slide numbers "
                    "itself (not in a slide-number placeholder), so they cannot be turned off")
    ctx.reserved += [box for box in (plan.footer_box, plan.number_box, plan.logo) if box is not None]
    shown = {"date": bool(plan.date), "footer": bool(plan.footer) and plan.footer_box is None,
             "slide_number": plan.number and plan.number_box is None}
    ctx.reserved += [_box(shape) for role, shape in ph.layout_frame.items() if shown[role]]
    return plan


def _band(ctx: SlideContext) -> Box:
    """The bottom band drawn pieces go in: under the content area (and a commentary column), as wide."""
    width = ctx.slide_box.width
    boxes = [box for box in (ctx.placeholders.box(role) for role in ("content", "commentary")) if box is not None]
    if boxes:
        left, right = min(box.left for box in boxes), max(box.right for box in boxes)
    else:
        left, right = SIDE_MARGIN, width - SIDE_MARGIN
    top = ctx.slide_box.height - BAND_BOTTOM - BAND_HEIGHT
    return Box(left, top, right - left, BAND_HEIGHT)


def logo_box(ctx: SlideContext) -> Box:
    """Where the theme logo goes: its corner, its height (at most the band's in a bottom corner)."""
    theme, slide = ctx.theme, ctx.slide_box
    assert ctx.frame.logo_size is not None
    px_w, px_h = ctx.frame.logo_size
    bottom = theme.logo_corner.startswith("bottom")
    height = inches(theme.logo_height)
    if bottom:
        height = min(height, BOTTOM_LOGO_HEIGHT)
    width = int(height * px_w // max(px_h, 1))
    if width > slide.width * LOGO_MAX_WIDTH:  # a very wide logo: keep it to a corner
        width = int(slide.width * LOGO_MAX_WIDTH)
        height = int(width * px_h // max(px_w, 1))
    band = _band(ctx)  # the logo lines up with the content area's edge
    left = band.left if theme.logo_corner.endswith("left") else band.right - width
    if bottom:
        top = slide.height - BAND_BOTTOM - BAND_HEIGHT // 2 - height // 2
    else:
        top = LOGO_TOP
    box = Box(left, top, width, height)
    for _ in ctx.placeholders.layout_text:  # a layout caption in the corner: move in beside it
        caption = next((c for c in ctx.placeholders.layout_text if _overlap(c, box)), None)
        if caption is None:
            break
        left = caption.left - GAP - width if theme.logo_corner.endswith("right") else caption.right + GAP
        box = Box(left, top, width, height)
    return box


def draw_frame(ctx: SlideContext, plan: FramePlan) -> None:
    """Fill or draw the planned footer, slide number and date; place the logo clear of the title."""
    ph, style = ctx.placeholders, TextStyle(size=FRAME_SIZE, color=ctx.colors.muted)
    copied = []  # the layout's frame placeholders, copied onto the slide
    if plan.date:
        copied.append(ph.add_frame("date"))
        write_text(copied[-1].text_frame, [plan.date], ctx.fonts)
    if plan.footer:
        if plan.footer_box is None:
            copied.append(ph.add_frame("footer"))
            write_text(copied[-1].text_frame, [plan.footer], ctx.fonts)
        else:
            add_textbox(ctx.slide, plan.footer_box, [plan.footer], ctx.fonts, style, anchor="middle", inset=0,
                        name="Footer")
    if plan.number:
        if plan.number_box is not None:
            right = TextStyle(size=FRAME_SIZE, color=ctx.colors.muted, align="right")
            shape = add_textbox(ctx.slide, plan.number_box, [[(str(ctx.number), right)]], ctx.fonts, right,
                                anchor="middle", inset=0, name="Slide Number")
        elif "slide_number" in ph.layout_frame:
            shape = ph.add_frame("slide_number")
            write_text(shape.text_frame, [str(ctx.number)], ctx.fonts)
            copied.append(shape)
        else:
            shape = None  # the layout draws it
        if shape is not None:
            make_slide_number_field(shape.text_frame.paragraphs[0].runs[0], ctx.number)
    if plan.logo is not None:
        _keep_clear(copied, plan.logo, right=ctx.theme.logo_corner.endswith("right"))
        _clear_title(ctx, plan.logo)
        assert ctx.theme.logo is not None
        logo = plan.logo
        if ctx.frame.logo_svg is not None:  # as an SVG picture: a PNG fallback drawn for the logo's size
            add_picture(ctx.slide, logo, ctx.frame.logo_svg, ctx.frame.logo_size or (1, 1), "contain", name="Logo",
                        alt=logo_alt_text(ctx.locale), svg=True)
        else:
            picture = ctx.slide.shapes.add_picture(ctx.theme.logo, logo.left, logo.top, logo.width, logo.height)
            picture.name = "Logo"
            set_alt_text(picture, logo_alt_text(ctx.locale))


def _keep_clear(shapes: list, logo: Box, *, right: bool) -> None:
    """Move copied footer / date / slide-number placeholders sideways off a bottom-corner logo (towards the
    middle, keeping their width; *right*: the logo is in a right corner), then narrow whichever is wider
    where two of them then meet."""
    boxes = [_box(shape) for shape in shapes]
    for k, box in enumerate(boxes):
        if _overlap(box, logo):
            left = logo.left - GAP - box.width if right else logo.right + GAP  # towards the middle
            boxes[k] = Box(left, box.top, box.width, box.height)
    for i, j in ((i, j) for i in range(len(boxes)) for j in range(len(boxes)) if i != j):
        wide, narrow = boxes[i], boxes[j]
        if wide.width >= narrow.width and _overlap(wide, narrow):
            if _centre(narrow) > _centre(wide):
                boxes[i] = Box(wide.left, wide.top, max(narrow.left - GAP - wide.left, 0), wide.height)
            else:
                boxes[i] = Box(narrow.right + GAP, wide.top, max(wide.right - narrow.right - GAP, 0), wide.height)
    for shape, box in zip(shapes, boxes):
        if box != _box(shape):
            _set_box(shape, box)


def _centre(box: Box) -> int:
    return box.left + box.width // 2


def _clear_title(ctx: SlideContext, logo: Box) -> None:
    """Narrow the title box so it ends before (or starts after) a logo it would run into."""
    if "title" not in ctx.placeholders.used:
        return
    title = ctx.placeholders.box("title")
    if title is None or not _overlap(title, logo):
        return
    if logo.left > title.left + title.width // 2:
        new = Box(title.left, title.top, max(logo.left - GAP - title.left, 0), title.height)
    else:
        new = Box(logo.right + GAP, title.top, max(title.right - logo.right - GAP, 0), title.height)
    _set_box(ctx.placeholders.take("title"), new)


def _box(shape) -> Box:
    left, top, width, height = effective_box(shape)
    return Box(int(left), int(top), int(width), int(height))


def _set_box(shape, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = box.left, box.top, box.width, box.height


def _overlap(a: Box, b: Box) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom
