"""A chart's plot area at an explicit place, and arrowheads on connectors.

Shapes drawn over a chart (CAGR and difference arrows) must know where its bars are;
a plot area left to the renderer's automatic layout sits wherever each client puts
it. :func:`set_inner_plot_layout` fixes the inner plot rectangle (without tick labels)
as fractions of the chart, which PowerPoint and LibreOffice both honour.
"""

from __future__ import annotations

from lxml import etree
from pptx.chart.chart import Chart

from deckbuilder.deck.oxml.ns import qn


def set_inner_plot_layout(chart: Chart, x: float, y: float, w: float, h: float) -> None:
    """Put the inner plot area at (*x*, *y*), *w* by *h*: fractions of the chart's frame."""
    plot_area = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))
    layout = plot_area.find(qn("c:layout"))
    if layout is None:
        layout = etree.Element(qn("c:layout"))
        plot_area.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    etree.SubElement(manual, qn("c:layoutTarget")).set("val", "inner")
    etree.SubElement(manual, qn("c:xMode")).set("val", "edge")
    etree.SubElement(manual, qn("c:yMode")).set("val", "edge")
    for tag, value in (("c:x", x), ("c:y", y), ("c:w", w), ("c:h", h)):
        etree.SubElement(manual, qn(tag)).set("val", f"{value:.6f}")


def set_arrow_end(connector) -> None:
    """A triangle arrowhead at the end of *connector*'s line."""
    line = connector.line
    line.width = line.width  # makes sure <a:ln> exists
    ln = connector._element.spPr.find(qn("a:ln"))
    for old in ln.findall(qn("a:tailEnd")):
        ln.remove(old)
    ln.append(etree.Element(qn("a:tailEnd"), type="triangle", w="med", len="med"))
