"""Text pieces several slide kinds share: filling placeholders, commentary bands, fitting."""

from __future__ import annotations

from pptx.dml.color import RGBColor

from deckbuilder.deck.fonts import SINGLE_LINE_HEIGHT, wrap_text
from deckbuilder.deck.geometry import Box, inches, points
from deckbuilder.deck.text_style import (
    BULLET_INDENT,
    Bullet,
    TextStyle,
    add_textbox,
    write_text,
)
from deckbuilder.render.context import SlideContext
from deckbuilder.render.links import COMMENTARY_NAME

# Text insets we use in our own boxes (EMU): small enough to give text room, not zero.
BOX_INSET = inches(0.08)
#: Fitting plans each line this much taller (as a fraction of the font size) than a single-spaced
#: line really is, so text sized to fit keeps a little room and never sits on the lint's limit.
FITTING_LINE_MARGIN = 0.05
#: Height of one line when fitting text (1.25 x the font size).
FITTING_LINE_HEIGHT = SINGLE_LINE_HEIGHT + FITTING_LINE_MARGIN


def fill_placeholder(ctx: SlideContext, role: str, text: str, style: TextStyle | None = None, *,
                     field: str | None = None, at: tuple | None = None, quiet: bool = False) -> bool:
    """Write *text* into the placeholder for *role*; an empty text leaves it to be removed.

    A text with no placeholder for it is a warning naming the slide's *field* (default: the role),
    or the spec path *at* (a deck field); *quiet* for a value nobody wrote (a default).
    """
    if not text:
        return False
    if not ctx.placeholders.has(role):
        if not quiet:
            warn_no_slot(ctx, role, field or role, at=at)
        return False
    shape = ctx.placeholders.take(role)
    write_text(shape.text_frame, text.split("\n"), ctx.fonts, style or TextStyle())
    return True


def warn_no_slot(ctx: SlideContext, role: str, field: str, *, at: tuple | None = None) -> None:
    """Warn that the value of *field* (or spec path *at*) has no *role* placeholder on this slide's layout."""
    message = (f"not shown: layout '{ctx.slide.slide_layout.name}' (kind '{ctx.model.kind}') has no '{role}' "
               "placeholder in the layout map")
    if at is None:
        ctx.warn(field, message)
    else:
        ctx.warn_at(at, message)


def text_height(ctx: SlideContext, paragraphs: list[str], width: int, size: float, *,
                space_after: float = 0.0, inset: int = BOX_INSET) -> int:
    """Height (EMU) *paragraphs* need at *size* pt in a box *width* EMU wide, measured with the theme fonts."""
    usable_pt = (width - 2 * inset) / 12700
    lines = 0
    for para in paragraphs:
        width_pt = usable_pt - (BULLET_INDENT / 12700 if isinstance(para, Bullet) else 0)
        lines += max(1, len(wrap_text(para, width_pt, ctx.fonts.latin, ctx.fonts.east_asian, size)))
    height_pt = lines * size * FITTING_LINE_HEIGHT + space_after * max(len(paragraphs) - 1, 0)
    return points(height_pt) + 2 * inset


def fit_size(ctx: SlideContext, paragraphs: list[str], box: Box, *, largest: float, smallest: float = 12,
             space_after: float = 0.0, inset: int = BOX_INSET) -> float:
    """The largest size (step 1 pt) at which *paragraphs* fit *box*; *smallest* if none does."""
    size = largest
    while size > smallest:
        if text_height(ctx, paragraphs, box.width, size, space_after=space_after, inset=inset) <= box.height:
            return size
        size -= 1
    return smallest


def commentary_paragraphs(ctx: SlideContext) -> list[str]:
    """The slide's (rendered) commentary; a list becomes bullet points."""
    commentary = getattr(ctx.model, "commentary", None)
    if not commentary:
        return []
    if isinstance(commentary, str):
        return [commentary]
    return [Bullet(item) for item in commentary]


def place_commentary(ctx: SlideContext, area: Box, *, size: float = 14) -> Box:
    """Put the commentary in a band under *area*; return what is left above it."""
    paragraphs = commentary_paragraphs(ctx)
    if not paragraphs:
        return area
    inset = inches(0.15)
    band_height = text_height(ctx, paragraphs, area.width, size, space_after=4, inset=inset)
    band_height = min(band_height + inches(0.05), area.height // 3)
    rest, band = area.take_bottom(band_height, gap=inches(0.15))
    ctx.shown.add("commentary")
    shape = add_textbox(ctx.slide, band, paragraphs, ctx.fonts, ctx.style(size=size), anchor="middle",
                        inset=inset, name=COMMENTARY_NAME, space_after=4)
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(ctx.colors.surface)
    return rest
