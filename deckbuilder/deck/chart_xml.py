"""Chart XML fixes python-pptx does not do for us.

* Axis ids: python-pptx writes random *negative* ``c:axId`` values, which the
  OOXML schema (``xsd:unsignedInt``) rejects and which also change from run to
  run. We renumber them deterministically.
* Fonts: chart text (labels, legend, axes) needs both Latin and East Asian
  typefaces, like every other run, or Chinese categories render as tofu.
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

from deckbuilder.deck.text_style import Fonts, set_typefaces

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def renumber_axis_ids(chart_space) -> None:
    """Replace every axis id with a small positive number, stable across runs."""
    mapping: dict[str, str] = {}
    for el in chart_space.iter(f"{{{C_NS}}}axId", f"{{{C_NS}}}crossAx"):
        old = el.get("val")
        if old not in mapping:
            mapping[old] = str(50000 + 10 * len(mapping))
    for el in chart_space.iter(f"{{{C_NS}}}axId", f"{{{C_NS}}}crossAx"):
        el.set("val", mapping[el.get("val")])


def set_chart_typefaces(chart_space, fonts: Fonts, size_pt: float | None = None) -> None:
    """Give the chart's default text properties and every explicit run both typefaces."""
    chart_el = chart_space.find(qn("c:chart"))
    tx_pr = chart_space.find(qn("c:txPr"))
    if tx_pr is None:
        tx_pr = _default_tx_pr(chart_space, chart_el)
    for rpr in chart_space.iter(f"{{{A_NS}}}defRPr", f"{{{A_NS}}}rPr", f"{{{A_NS}}}endParaRPr"):
        set_typefaces(rpr, fonts)
    if size_pt is not None:
        for rpr in tx_pr.iter(f"{{{A_NS}}}defRPr"):
            rpr.set("sz", str(int(size_pt * 100)))


def _default_tx_pr(chart_space, chart_el):
    """``c:txPr`` belongs after ``c:spPr`` (if any) and before ``c:externalData``/``c:userShapes``."""
    tx_pr = etree.fromstring(
        f'<c:txPr xmlns:c="{C_NS}" xmlns:a="{A_NS}"><a:bodyPr/><a:lstStyle/>'
        f'<a:p><a:pPr><a:defRPr/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>')
    after = chart_space.find(qn("c:spPr"))
    if after is None:
        after = chart_el
    after.addnext(tx_pr)
    return tx_pr
