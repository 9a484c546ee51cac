"""Several plots in one chart: series moved into a line plot, on the primary or a secondary axis.

python-pptx writes a chart with one plot (``c:barChart``, ``c:lineChart``, ...). A combo
chart (columns with a line, a line on a right-hand axis, a reference line across columns)
is the same chart part with a second plot element whose series keep their cells in the
chart's workbook. :func:`move_series_to_line_plot` builds that plot from series the
chart already has, before they are styled, and :func:`add_secondary_axes` gives a plot
its own pair of axes: a hidden category axis and a value axis on the right.
"""

from __future__ import annotations

from itertools import count, islice

from lxml import etree
from pptx.chart.axis import ValueAxis
from pptx.chart.chart import Chart
from pptx.chart.datalabel import DataLabel
from pptx.oxml.xmlchemy import OxmlElement

from deckbuilder.deck.oxml.chart import chart_space
from deckbuilder.deck.oxml.ns import qn

#: plot elements a plot area may hold (the schema's order puts every plot before every axis)
_PLOTS = ("c:barChart", "c:lineChart", "c:areaChart", "c:pieChart", "c:doughnutChart", "c:scatterChart")
_AXES = ("c:catAx", "c:valAx", "c:dateAx", "c:serAx")
#: children of a line series after which a ``c:marker`` goes (CT_LineSer's order)
_BEFORE_MARKER = ("c:idx", "c:order", "c:tx", "c:spPr")
#: bar-only children a series loses when it becomes a line
_BAR_ONLY = ("c:invertIfNegative", "c:pictureOptions", "c:shape")


def _plot_area(chart: Chart) -> etree._Element:
    return chart_space(chart).find(f"{qn('c:chart')}/{qn('c:plotArea')}")


def _element(tag: str, val: str | None = None) -> etree._Element:
    """A new element of python-pptx's own classes (so its API can edit it afterwards)."""
    el = OxmlElement(tag)
    if val is not None:
        el.set("val", val)
    return el


def _child(parent: etree._Element, tag: str, val: str) -> etree._Element:
    el = _element(tag, val)
    parent.append(el)
    return el


def _scaling() -> etree._Element:
    scaling = _element("c:scaling")
    scaling.append(_element("c:orientation", "minMax"))
    return scaling


def move_series_to_line_plot(chart: Chart, indices: list[int], *, secondary: bool = False) -> None:
    """Move the series at *indices* (their ``c:idx``) out of the first plot into a new line plot.

    The new plot shares the chart's axes, or, with *secondary*, gets a hidden category
    axis and a value axis on the right (:func:`add_secondary_axes`). Its series keep
    their workbook references, so the chart stays editable in PowerPoint.
    """
    area = _plot_area(chart)
    first = next(el for el in area if el.tag in {qn(t) for t in _PLOTS})
    line = _element("c:lineChart")
    _child(line, "c:grouping", "standard")
    _child(line, "c:varyColors", "0")
    for ser in list(first.iterfind(qn("c:ser"))):
        if int(ser.find(qn("c:idx")).get("val")) in indices:
            line.append(_as_line_series(ser))
    _child(line, "c:marker", "1")
    plots = [el for el in area if el.tag in {qn(t) for t in _PLOTS}]
    plots[-1].addnext(line)
    axis_ids = [el.get("val") for el in first.iterfind(qn("c:axId"))]
    if secondary:
        axis_ids = add_secondary_axes(chart)
    for axis_id in axis_ids:
        _child(line, "c:axId", axis_id)


def _as_line_series(ser: etree._Element) -> etree._Element:
    """A bar series as a line series: bar-only children dropped, ``c:marker`` and ``c:smooth`` added."""
    for tag in _BAR_ONLY:
        for el in ser.findall(qn(tag)):
            ser.remove(el)
    marker = _element("c:marker")
    _child(marker, "c:symbol", "none")
    before = [el for el in ser if el.tag in {qn(t) for t in _BEFORE_MARKER}]
    before[-1].addnext(marker)
    smooth = _element("c:smooth", "0")
    ext = ser.find(qn("c:extLst"))  # c:smooth goes before a line series' extLst, its last child
    if ext is not None:
        ext.addprevious(smooth)
    else:
        ser.append(smooth)
    return ser


def add_secondary_axes(chart: Chart) -> list[str]:
    """A hidden category axis and a right-hand value axis for a second plot; returns their ids.

    The ids only need to be unique here: :func:`~.chart.renumber_axis_ids` makes every
    id small, positive and stable afterwards.
    """
    area = _plot_area(chart)
    used = {el.get("val") for el in area.iter(qn("c:axId"))}
    cat_id, val_id = islice((str(n) for n in count(1) if str(n) not in used), 2)
    cat = _element("c:catAx")
    _child(cat, "c:axId", cat_id)
    cat.append(_scaling())
    _child(cat, "c:delete", "1")
    _child(cat, "c:axPos", "b")
    _child(cat, "c:majorTickMark", "none")
    _child(cat, "c:minorTickMark", "none")
    _child(cat, "c:tickLblPos", "nextTo")
    _child(cat, "c:crossAx", val_id)
    _child(cat, "c:crosses", "autoZero")
    _child(cat, "c:auto", "1")
    _child(cat, "c:lblAlgn", "ctr")
    _child(cat, "c:lblOffset", "100")
    _child(cat, "c:noMultiLvlLbl", "0")
    val = _element("c:valAx")
    _child(val, "c:axId", val_id)
    val.append(_scaling())
    _child(val, "c:delete", "0")
    _child(val, "c:axPos", "r")
    _child(val, "c:majorTickMark", "out")
    _child(val, "c:minorTickMark", "none")
    _child(val, "c:tickLblPos", "nextTo")
    _child(val, "c:crossAx", cat_id)
    _child(val, "c:crosses", "max")
    _child(val, "c:crossBetween", "between")
    axes = [el for el in area if el.tag in {qn(t) for t in _AXES}]
    axes[-1].addnext(cat)
    cat.addnext(val)
    return [cat_id, val_id]


def secondary_value_axis(chart: Chart) -> ValueAxis | None:
    """The right-hand value axis :func:`add_secondary_axes` added, if any."""
    axes = _plot_area(chart).findall(qn("c:valAx"))
    return ValueAxis(axes[1]) if len(axes) > 1 else None


def show_series_name_on_point(label: DataLabel, background: str) -> None:
    """One point's label shows its series' name (a reference line's label), not its value,
    on a box of colour *background* so it reads over the bars it may cross.

    python-pptx's ``DataLabel`` has no show flags or fill.
    """
    dlbl = label._get_or_add_dLbl()
    dlbl.find(qn("c:showVal")).set("val", "0")
    dlbl.find(qn("c:showSerName")).set("val", "1")
    sp_pr = dlbl.find(qn("c:spPr"))
    fill = _element("a:solidFill")
    color = _element("a:srgbClr", background)
    fill.append(color)
    sp_pr.append(fill)



def hide_legend_entries(chart: Chart, indices: list[int]) -> None:
    """Leave the series at *indices* out of the legend (a reference line carries its own label)."""
    legend = chart_space(chart).find(f"{qn('c:chart')}/{qn('c:legend')}")
    if legend is None:
        return
    anchor = legend.find(qn("c:legendPos"))
    for index in sorted(indices, reverse=True):
        entry = _element("c:legendEntry")
        _child(entry, "c:idx", str(index))
        _child(entry, "c:delete", "1")
        if anchor is not None:
            anchor.addnext(entry)
        else:
            legend.insert(0, entry)


def set_point_label(label: DataLabel, *, value: bool, series_name: bool, number_format: str) -> None:
    """One point's own label: its value and/or its series' name, the value in *number_format*."""
    dlbl = label._get_or_add_dLbl()
    dlbl.find(qn("c:showVal")).set("val", "1" if value else "0")
    dlbl.find(qn("c:showSerName")).set("val", "1" if series_name else "0")
    num_fmt = dlbl.makeelement(qn("c:numFmt"), {"formatCode": number_format, "sourceLinked": "0"})
    dlbl.find(qn("c:spPr")).addprevious(num_fmt)  # c:numFmt comes before c:spPr in a c:dLbl
    separator = dlbl.find(qn("c:separator"))
    if separator is None and value and series_name:
        separator = dlbl.makeelement(qn("c:separator"), {})
        dlbl.find(qn("c:showBubbleSize")).addnext(separator)
    if separator is not None:
        separator.text = " "
