"""CPU cost of one small-multiples picture (``facet:``) by panel count, matplotlib already imported.

Draws 12 months per panel into a 12.3 x 5.4 in chart area (the default template's content area)
at 288 dpi, as a build does, and prints CPU and wall time per picture (median of --runs) and the
PNG's size. Run: ``python bench/bench_small_multiples.py``.
"""

from __future__ import annotations

import argparse
import statistics
import time

from deckbuilder.deck.text_style import Fonts
from deckbuilder.render.charts.images import EMU_PER_INCH, image_chart_png
from deckbuilder.render.charts.series import SeriesTable
from deckbuilder.spec.model import ChartSpec, ThemeSpec

MONTHS = [f"{m}月" for m in range(1, 13)]
SIZE = (int(12.3 * EMU_PER_INCH), int(5.4 * EMU_PER_INCH))


def picture(chart_type: str, panels: int) -> bytes:
    series = {f"区域{k}": [100.0 + 10 * k + (j * 7 % 5) * k for j in range(12)] for k in range(panels)}
    spec = ChartSpec(type=chart_type, data={"categories": MONTHS, "series": series}, facet=True,
                     number_format="num")
    return image_chart_png(spec, SeriesTable(MONTHS, list(series.items())), theme=ThemeSpec(),
                           fonts=Fonts("Noto Sans CJK SC", "Noto Sans CJK SC"), scale=1.0, size=SIZE,
                           title="各区域月度销售额")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    picture("line", 1)  # import matplotlib and set up its fonts once, as the first picture of a build does
    for chart_type in ("column_clustered", "line_markers"):
        for panels in (1, 3, 6, 12, 24):
            cpu, wall = [], []
            for _ in range(args.runs):
                c0, w0 = time.process_time(), time.perf_counter()
                png = picture(chart_type, panels)
                cpu.append(time.process_time() - c0)
                wall.append(time.perf_counter() - w0)
            print(f"{chart_type:17} {panels:2} panels: CPU {statistics.median(cpu):.2f} s, "
                  f"wall {statistics.median(wall):.2f} s, {len(png) // 1024} KiB")


if __name__ == "__main__":
    main()
