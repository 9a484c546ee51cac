"""What each series of a chart is: its plot type, value axis, number format, or a reference line.

The resolve phase hands a :class:`ChartLayers` beside the :class:`~.series.SeriesTable`
when a chart has more than its type's own series: ``plots:`` of several types or axes,
and ``reference_lines:`` (appended to the table as constant series).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PlotKind = Literal["column", "line"]


@dataclass(frozen=True)
class SeriesRole:
    """One series' part in the chart."""

    type: PlotKind | None = None  # None: drawn as the chart type draws it
    axis: Literal["primary", "secondary"] = "primary"
    number_format: str | None = None  # Excel format of its labels; None: the chart's
    reference: bool = False  # a reference line: dashed, no markers, one label at its end
    label: str = ""  # a reference line's label text (its series name)


@dataclass
class ChartLayers:
    """Roles of a chart's series (one per series of its table) and its secondary axis."""

    roles: list[SeriesRole] = field(default_factory=list)
    secondary_format: str = "General"  # Excel format of the secondary axis's ticks
    y2_title: str = ""

    def role(self, index: int) -> SeriesRole:
        return self.roles[index] if index < len(self.roles) else SeriesRole()


def own_series(count: int, layers: ChartLayers | None) -> list[int]:
    """Indices of a chart's own series among its *count*: those that are not reference lines."""
    return [i for i in range(count) if layers is None or not layers.role(i).reference]
