"""Chart XML that python-pptx's API does not reach.

* Axis ids: python-pptx writes random *negative* ``c:axId`` values, which the
  OOXML schema (``xsd:unsignedInt``) rejects and which also change from run to
  run. We renumber them deterministically.
* Fonts: chart text (labels, legend, axes) needs both Latin and East Asian
  typefaces, like every other run, or Chinese categories render as tofu.
* Doughnut hole size and a single point's data label (show flags, number
  format), label separators and leader lines: python-pptx has no property for them.
* A point's own fill, read without python-pptx adding a ``c:dPt`` for every point asked about.
* Axis titles read horizontally, and the chart title placed in the top left corner
  (where a vertical value axis's unit is read).

Each helper takes the python-pptx object (chart, plot, data label); reaching
its XML element is this module's business, not the renderer's.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree
from pptx.chart.chart import Chart
from pptx.chart.datalabel import DataLabel, DataLabels
from pptx.chart.plot import DoughnutPlot

from deckbuilder.deck.oxml.ns import NAMESPACES, qn
from deckbuilder.deck.text_style import Fonts, set_typefaces

FIRST_AXIS_ID = 50000
AXIS_ID_STEP = 10


def chart_space(chart: Chart) -> etree._Element:
    """The chart part's root ``c:chartSpace`` element."""
    return chart._chartSpace


def renumber_axis_ids(chart: Chart) -> None:
    """Replace every axis id with a small positive number, stable across runs."""
    root = chart_space(chart)
    mapping: dict[str | None, str] = {}
    for el in root.iter(qn("c:axId"), qn("c:crossAx")):
        old = el.get("val")
        if old not in mapping:
            mapping[old] = str(FIRST_AXIS_ID + AXIS_ID_STEP * len(mapping))
    for el in root.iter(qn("c:axId"), qn("c:crossAx")):
        el.set("val", mapping[el.get("val")])


def set_chart_typefaces(chart: Chart, fonts: Fonts, size_pt: float | None = None) -> None:
    """Give the chart's default text properties and every explicit run both typefaces."""
    root = chart_space(chart)
    tx_pr = root.find(qn("c:txPr"))
    if tx_pr is None:
        tx_pr = _default_tx_pr(root)
    for rpr in root.iter(qn("a:defRPr"), qn("a:rPr"), qn("a:endParaRPr")):
        set_typefaces(rpr, fonts)
    if size_pt is not None:
        for rpr in tx_pr.iter(qn("a:defRPr")):
            rpr.set("sz", str(int(size_pt * 100)))


def _default_tx_pr(root: etree._Element) -> etree._Element:
    """``c:txPr`` belongs after ``c:spPr`` (if any) and before ``c:externalData``/``c:userShapes``."""
    tx_pr = etree.fromstring(
        f'<c:txPr xmlns:c="{NAMESPACES["c"]}" xmlns:a="{NAMESPACES["a"]}"><a:bodyPr/><a:lstStyle/>'
        f'<a:p><a:pPr><a:defRPr/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>')
    after = root.find(qn("c:spPr"))
    if after is None:
        after = root.find(qn("c:chart"))
    after.addnext(tx_pr)
    return tx_pr


def set_hole_size(plot: DoughnutPlot, percent: int) -> None:
    """The doughnut's hole as a percentage of its diameter (python-pptx always writes 50)."""
    element = plot._element
    hole = element.find(qn("c:holeSize"))
    if hole is None:  # last child: python-pptx writes no c:extLst in a doughnut
        hole = etree.SubElement(element, qn("c:holeSize"))
    hole.set("val", str(percent))


def set_point_label_flags(label: DataLabel, *, show_value: bool, show_percent: bool, number_format: str,
                          show_category: bool = False) -> None:
    """One point's own label: what it shows and in which number format (category and value
    on two lines when it shows both).

    python-pptx's ``DataLabel`` has font and position but no show flags or format.
    """
    dlbl = label._get_or_add_dLbl()
    dlbl.find(qn("c:showVal")).set("val", "1" if show_value else "0")
    dlbl.find(qn("c:showPercent")).set("val", "1" if show_percent else "0")
    dlbl.find(qn("c:showCatName")).set("val", "1" if show_category else "0")
    num_fmt = dlbl.makeelement(qn("c:numFmt"), {"formatCode": number_format, "sourceLinked": "0"})
    dlbl.find(qn("c:spPr")).addprevious(num_fmt)  # c:numFmt comes before c:spPr in a c:dLbl
    if show_category:
        _set_separator(dlbl, "\n")


#: what follows ``c:separator`` in a ``c:dLbls`` / ``c:dLbl`` (schema order)
_AFTER_SEPARATOR = ("c:showLeaderLines", "c:leaderLines", "c:extLst")


def _set_separator(labels_element: etree._Element, separator: str) -> None:
    old = labels_element.find(qn("c:separator"))
    if old is not None:
        labels_element.remove(old)
    element = labels_element.makeelement(qn("c:separator"), {})
    element.text = separator
    anchor = next((found for tag in _AFTER_SEPARATOR if (found := labels_element.find(qn(tag))) is not None), None)
    if anchor is None:
        labels_element.append(element)
    else:
        anchor.addprevious(element)


def set_label_separator(labels: DataLabels, separator: str) -> None:
    """What stands between the parts of a label (category, value, share): ``"\\n"`` for two lines."""
    _set_separator(labels._element, separator)


def show_leader_lines(labels: DataLabels) -> None:
    """Leader lines from a pie's labels to their slices, when a label is moved off its slice."""
    element = labels._element
    leader = element.find(qn("c:showLeaderLines"))
    if leader is None:
        leader = element.makeelement(qn("c:showLeaderLines"), {})
        anchor = next((found for tag in _AFTER_SEPARATOR[1:] if (found := element.find(qn(tag))) is not None), None)
        if anchor is None:
            element.append(leader)
        else:
            anchor.addprevious(leader)
    leader.set("val", "1")


def cross_value_axis_at_last_category(chart: Chart) -> None:
    """Draw the value axis where the category axis ends (``c:valAx/c:crosses = max``).

    With the category order reversed (first bar on top), the value axis would otherwise sit
    above the plot; python-pptx's ``crosses`` only reaches the category axis's element.
    """
    for value_axis in chart_space(chart).iter(qn("c:valAx")):
        crosses = value_axis.find(qn("c:crosses"))
        if crosses is not None:
            crosses.set("val", "max")


def unrotate_axis_titles(chart: Chart) -> None:
    """Axis titles read horizontally (``a:bodyPr rot=0 vert=horz``): CJK text turned sideways is
    hard to read, and PowerPoint turns a vertical axis's title by default."""
    root = chart_space(chart)
    for axis_tag in ("c:valAx", "c:catAx", "c:dateAx"):
        for body in root.findall(f".//{qn(axis_tag)}/{qn('c:title')}/{qn('c:tx')}/{qn('c:rich')}/{qn('a:bodyPr')}"):
            body.set("rot", "0")
            body.set("vert", "horz")


def place_chart_title_top_left(chart: Chart) -> None:
    """Put the chart title in the top left corner (above a vertical value axis, where a unit is
    read), with ``c:manualLayout`` edge positions; the plot still leaves room for it."""
    title = chart_space(chart).find(f"{qn('c:chart')}/{qn('c:title')}")
    if title is None:
        return
    layout = title.find(qn("c:layout"))
    if layout is None:
        layout = title.makeelement(qn("c:layout"), {})
        tx = title.find(qn("c:tx"))
        if tx is not None:
            tx.addnext(layout)
        else:
            title.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    for tag, value in (("c:xMode", "edge"), ("c:yMode", "edge"), ("c:x", "0.01"), ("c:y", "0.01")):
        etree.SubElement(manual, qn(tag)).set("val", value)


def point_fill_hex(series: Any, index: int) -> str | None:
    """The solid RGB fill point *index* of *series* is drawn in: the point's own (a highlighted or
    good/bad bar) or else the series'; None when neither is a plain RGB fill.

    Read from the XML because python-pptx's ``series.points[i].format`` adds an empty ``c:dPt``
    to every point it is asked about.
    """
    own = series._element.xpath(f"./c:dPt[c:idx/@val='{int(index)}']/c:spPr/a:solidFill/a:srgbClr/@val")
    if own:
        return str(own[0])
    shared = series._element.xpath("./c:spPr/a:solidFill/a:srgbClr/@val")
    return str(shared[0]) if shared else None


def series_labels_like_plot(series: Any) -> None:
    """Give *series* a ``c:dLbls`` of its own, copied from its plot's, before one of its points gets
    its own label: a series' ``c:dLbls`` replaces the plot's, so without the copy every other value
    label of the series would disappear."""
    ser = series._element
    if ser.find(qn("c:dLbls")) is not None:
        return
    shared = ser.getparent().find(qn("c:dLbls"))
    own = ser.get_or_add_dLbls()
    if shared is None:
        return
    for child in list(own):
        own.remove(child)
    for child in shared:
        own.append(copy.deepcopy(child))

