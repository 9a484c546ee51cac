"""Native, editable PowerPoint charts from a DataFrame or inline spec data.

* :mod:`.series` -- what a chart plots (``SeriesTable``) from a frame or inline data.
* :mod:`.kinds` -- the table of chart types a spec can name, each with its family.
* :mod:`.families` -- one style object per family (bars, lines and areas, pie and doughnut).
* :mod:`.native` -- ``add_native_chart``: add the chart, let its family style it, then the
  XML fixes of :mod:`deckbuilder.deck.oxml.chart` (chart fonts, positive axis ids).
"""

from deckbuilder.render.charts.families import axis_format, readable_on
from deckbuilder.render.charts.native import add_native_chart
from deckbuilder.render.charts.series import (
           SeriesTable,
           series_from_frame,
           series_from_inline,
)

__all__ = ["SeriesTable", "add_native_chart", "axis_format", "readable_on", "series_from_frame",
           "series_from_inline"]
