"""Rules on what a chart shows, read from the chart XML: ``axis-not-zero``, ``highlight-unexplained``.

``axis-not-zero``
    A bar, column or area chart whose value axis does not start at zero, so bar lengths lie
    about ratios: an explicit minimum (``c:min``) above zero, or no minimum at all while every
    value is positive (PowerPoint and Excel then may start the axis above zero by themselves).
    Charts with negative values are left to the automatic minimum.

``highlight-unexplained``
    A bar, column, line or area series whose points are coloured differently from the series
    (``c:dPt`` fills: a highlight) with nothing on the slide saying what that colour means:
    no shape filled in that colour (a key's swatch) and no text in that colour.  A legend
    does not explain it (it shows the series' colour).  Pie and doughnut charts colour every
    slice and label them, so they are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from deckbuilder.deck.oxml.ns import qn
from deckbuilder.tools.lint.findings import Finding, SlideCheck

ZERO_BASED_PLOTS = ("c:barChart", "c:bar3DChart", "c:areaChart", "c:area3DChart")
HIGHLIGHT_PLOTS = ZERO_BASED_PLOTS + ("c:lineChart", "c:line3DChart")


def axis_not_zero(check: SlideCheck, shape) -> list[Finding]:
    if check.facts.kind(shape) != "chart":
        return []
    space = shape.chart._chartSpace
    found = []
    for plot in space.xpath("./c:chart/c:plotArea/*"):
        if plot.tag not in {qn(p) for p in ZERO_BASED_PLOTS}:
            continue
        values = [float(v) for v in plot.xpath("./c:ser/c:val//c:v/text()") if _is_number(v)]
        for ax_id in plot.xpath("./c:axId/@val"):
            for axis in space.xpath(f"./c:chart/c:plotArea/c:valAx[c:axId/@val='{ax_id}']"):
                low = axis.xpath("./c:scaling/c:min/@val")
                if low and float(low[0]) > 0:
                    found.append(f"the value axis starts at {float(low[0]):g}, not zero")
                elif not low and values and min(values) > 0:
                    found.append("the value axis has no minimum and every value is positive: "
                                 "PowerPoint may start it above zero")
    return [check.finding(shape, "axis-not-zero", f"{message}; bar lengths would not compare "
                          "the values") for message in found[:1]]


def highlight_unexplained(check: SlideCheck, shape) -> list[Finding]:
    if check.facts.kind(shape) != "chart":
        return []
    colours = set(_highlight_colours(shape.chart._chartSpace))
    if not colours:
        return []
    explained = set(_slide_colours(check.slide, exclude=shape))
    missing = sorted(colours - explained)
    if not missing:
        return []
    return [check.finding(shape, "highlight-unexplained",
                          f"points highlighted in #{', #'.join(missing)} with nothing on the slide "
                          "saying what the colour means (add a key or note in that colour)")]


def _highlight_colours(space) -> Iterator[str]:
    """Point fill colours that differ from their series' fill."""
    for plot in space.xpath("./c:chart/c:plotArea/*"):
        if plot.tag not in {qn(p) for p in HIGHLIGHT_PLOTS}:
            continue
        if plot.xpath("./c:varyColors[@val='1' or @val='true']"):
            continue
        for series in plot.xpath("./c:ser"):
            own = series.xpath("./c:spPr/a:solidFill/a:srgbClr/@val")
            for colour in series.xpath("./c:dPt/c:spPr/a:solidFill/a:srgbClr/@val"):
                if colour.upper() not in {c.upper() for c in own}:
                    yield colour.upper()


def _slide_colours(slide, exclude) -> Iterator[str]:
    """Colours of shape fills and text runs on the slide, apart from *exclude*."""
    for shape in slide.shapes:
        if shape.element is exclude.element:
            continue
        element = shape.element
        yield from (c.upper() for c in element.xpath("./p:spPr/a:solidFill/a:srgbClr/@val"))
        yield from (c.upper() for c in element.xpath(".//a:rPr/a:solidFill/a:srgbClr/@val"))
        yield from (c.upper() for c in element.xpath(".//p:sp/p:spPr/a:solidFill/a:srgbClr/@val"))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
