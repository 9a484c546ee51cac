"""Bench: a 30-slide spec with 20 native charts, built by the CLI (Python start-up included).

Target (issue 2): under 1 s wall on a 2-core machine. Prints wall time (median of runs),
peak memory of the build process, slides and charts.

    python bench/bench_build.py [--runs 5]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

CHART_TYPES = ["column_clustered", "line_markers", "bar_clustered", "column_stacked", "pie", "doughnut", "area"]


def make_spec(n_slides: int = 30, n_charts: int = 20) -> dict:
    """A spec of *n_slides* slides, *n_charts* of them native charts with inline data."""
    months = [f"{m}月" for m in range(1, 13)]
    slides = [{"kind": "title"}, {"kind": "agenda"}]
    for i in range(n_charts):
        chart_type = CHART_TYPES[i % len(CHART_TYPES)]
        series = {"销售额": [100 + 7 * i + 13 * m for m in range(12)]}
        if chart_type in ("column_stacked", "area"):
            series["成本"] = [60 + 5 * i + 9 * m for m in range(12)]
        slides.append({"kind": "chart", "title": f"图表 {i + 1}",
                       "chart": {"type": chart_type, "data": {"categories": months, "series": series}},
                       "commentary": f"第 {i + 1} 张图表的说明文字。", "notes": "演讲备注"})
    sections = 0
    while len(slides) < n_slides - 1:
        if sections < 3:
            sections += 1
            slides.append({"kind": "section", "title": f"第 {sections} 部分"})
        else:
            slides.append({"kind": "points", "title": "要点",
                           "points": [{"heading": f"要点 {j}", "text": "说明文字，简洁明了。"} for j in range(1, 4)]})
    slides.append({"kind": "closing"})
    return {"deck": {"title": "基准测试", "presenter": "bench"}, "slides": slides}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "bench.yaml"
        spec.write_text(yaml.safe_dump(make_spec(), allow_unicode=True), encoding="utf-8")
        out = Path(tmp) / "bench.pptx"
        command = [sys.executable, "-m", "deckbuilder.cli", "build", str(spec), "-o", str(out)]
        subprocess.run(command, check=True, capture_output=True)  # warm the file cache
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        spec_data = make_spec()
        charts = sum(1 for s in spec_data["slides"] if s["kind"] == "chart")
        print(f"slides: {len(spec_data['slides'])}  charts: {charts}  runs: {args.runs}")
        print(f"wall (CLI, start-up included): median {statistics.median(times):.3f} s, "
              f"min {min(times):.3f} s, max {max(times):.3f} s")
        print(f"peak memory (max RSS of a build process): {peak_mb:.0f} MB")
        print(f"output size: {out.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
