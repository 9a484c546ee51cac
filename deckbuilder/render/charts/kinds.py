"""The chart types a spec can name: one row each, with the family that styles it.

Adding a chart type: its name in ``spec.model.ChartType`` and a row here (a
parity test checks the two agree); a new family in :mod:`.families` only when
no existing one fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pptx.enum.chart import XL_CHART_TYPE

from deckbuilder.render.charts.families import (
    BarFamily,
    ChartFamily,
    LineAreaFamily,
    RoundFamily,
)
from deckbuilder.render.charts.images import ImageFamily
from deckbuilder.render.charts.scatter import BubbleFamily, ScatterFamily
from deckbuilder.render.charts.slope import SlopeFamily
from deckbuilder.render.charts.waterfall import ComboFamily, WaterfallFamily


class Grouping(Enum):
    """How several series share the plot."""

    STANDARD = "standard"  # overlaid (lines, areas) or a single series (pie)
    CLUSTERED = "clustered"  # side by side
    STACKED = "stacked"  # on top of each other


@dataclass(frozen=True)
class ChartKind:
    """One chart type: its python-pptx type, its family and the traits its family styles by."""

    name: str
    xl_type: XL_CHART_TYPE | None  # None: drawn as a picture (matplotlib), not a native chart
    family: ChartFamily
    grouping: Grouping = Grouping.STANDARD
    horizontal: bool = False  # bars run left to right: first category on top
    markers: bool = False  # each point of a line gets a marker
    filled: bool = False  # an area, not a line
    hole: int | None = None  # a doughnut's hole, % of the diameter
    percent: bool = False  # 100% stacked: the value axis shows shares of each category's total

    @property
    def zero_based(self) -> bool:
        """Bars and areas show a value by their length or area, so their axis must start at zero
        (an axis from 85% makes 112% look four times 96%)."""
        return isinstance(self.family, BarFamily) or self.filled

    @property
    def stacked(self) -> bool:
        return self.grouping is Grouping.STACKED


BARS = BarFamily()
LINES_AND_AREAS = LineAreaFamily()
ROUND = RoundFamily()
COMBO = ComboFamily()
WATERFALL = WaterfallFamily()
SLOPE = SlopeFamily()
SCATTER = ScatterFamily()
BUBBLES = BubbleFamily()
IMAGES = ImageFamily()
FAMILIES: tuple[ChartFamily, ...] = (BARS, LINES_AND_AREAS, ROUND, COMBO, WATERFALL, SLOPE, SCATTER, BUBBLES,
                                     IMAGES)

_CLUSTERED, _STACKED = Grouping.CLUSTERED, Grouping.STACKED
CHART_KINDS: dict[str, ChartKind] = {kind.name: kind for kind in (
    ChartKind("column_clustered", XL_CHART_TYPE.COLUMN_CLUSTERED, BARS, _CLUSTERED),
    ChartKind("column_stacked", XL_CHART_TYPE.COLUMN_STACKED, BARS, _STACKED),
    ChartKind("bar_clustered", XL_CHART_TYPE.BAR_CLUSTERED, BARS, _CLUSTERED, horizontal=True),
    ChartKind("bar_stacked", XL_CHART_TYPE.BAR_STACKED, BARS, _STACKED, horizontal=True),
    ChartKind("line", XL_CHART_TYPE.LINE, LINES_AND_AREAS),
    ChartKind("line_markers", XL_CHART_TYPE.LINE_MARKERS, LINES_AND_AREAS, markers=True),
    ChartKind("area", XL_CHART_TYPE.AREA, LINES_AND_AREAS, filled=True),
    ChartKind("area_stacked", XL_CHART_TYPE.AREA_STACKED, LINES_AND_AREAS, _STACKED, filled=True),
    ChartKind("pie", XL_CHART_TYPE.PIE, ROUND),
    ChartKind("doughnut", XL_CHART_TYPE.DOUGHNUT, ROUND, hole=55),
    ChartKind("column_stacked_100", XL_CHART_TYPE.COLUMN_STACKED_100, BARS, _STACKED, percent=True),
    ChartKind("bar_stacked_100", XL_CHART_TYPE.BAR_STACKED_100, BARS, _STACKED, horizontal=True,
              percent=True),
    ChartKind("combo", XL_CHART_TYPE.COLUMN_CLUSTERED, COMBO, _CLUSTERED),
    ChartKind("waterfall", XL_CHART_TYPE.COLUMN_STACKED, WATERFALL, _STACKED),
    ChartKind("slope", XL_CHART_TYPE.LINE_MARKERS, SLOPE, markers=True),
    ChartKind("scatter", XL_CHART_TYPE.XY_SCATTER, SCATTER, markers=True),
    ChartKind("bubble", XL_CHART_TYPE.BUBBLE, BUBBLES),
    ChartKind("histogram", None, IMAGES),
    ChartKind("heatmap", None, IMAGES),
    ChartKind("box", None, IMAGES),
    ChartKind("funnel", None, IMAGES),
)}
