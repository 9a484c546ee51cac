"""Write a deck theme's colours and fonts into the template's own theme part.

The template's decoration (bands, bars, title colours) refers to theme colour
slots, so writing the spec's theme into those slots makes one template take
on each department's look. Slot assignment (shared with layouts/make_templates.py):
text -> dk1, background -> lt1, primary -> dk2, surface -> lt2,
palette[0..5] -> accent1..6, secondary -> hlink, muted -> folHlink.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from deckbuilder.deck.oxml.ns import NAMESPACES, qn


def theme_slots(colors, palette: list[str]) -> dict[str, str]:
    """Theme colour slot -> 6-hex colour for a deck theme."""
    accents = (list(palette) * 6)[:6]
    slots = {"dk1": colors.text, "lt1": colors.background, "dk2": colors.primary, "lt2": colors.surface,
             "hlink": colors.secondary, "folHlink": colors.muted}
    slots.update({f"accent{i + 1}": accents[i] for i in range(6)})
    return slots


def apply_theme(prs, colors, palette: list[str], latin: str, east_asian: str) -> None:
    """Rewrite every slide master's theme part with these colours and fonts."""
    for master in prs.slide_masters:
        part = master.part.part_related_by(RT.THEME)
        root = etree.fromstring(part.blob)
        scheme = root.find("a:themeElements/a:clrScheme", NAMESPACES)
        for slot, value in theme_slots(colors, palette).items():
            el = scheme.find(qn(f"a:{slot}"))
            if el is None:
                continue
            for child in list(el):
                el.remove(child)
            etree.SubElement(el, qn("a:srgbClr"), val=value.upper())
        fonts = root.find("a:themeElements/a:fontScheme", NAMESPACES)
        for group in ("majorFont", "minorFont"):
            for tag, face in (("latin", latin), ("ea", east_asian)):
                el = fonts.find(f"a:{group}/a:{tag}", NAMESPACES)
                if el is not None:
                    el.set("typeface", face)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
