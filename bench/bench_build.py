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
#: ``--new-types``: every other chart is one of these (issue 9), the rest as above
NEW_TYPES = ["combo", "waterfall", "column_stacked_100", "slope", "scatter", "reference", "annotated", "sorted"]
#: ``--pictures N``: the first N charts of these types are drawn by matplotlib (``render: image``)
PICTURE_TYPES = ("column_clustered", "line_markers", "bar_clustered", "column_stacked", "pie", "doughnut", "area")


def new_type_chart(kind: str, i: int, months: list[str]) -> dict:
    """A chart of one of the issue-9 types, from inline data."""
    sales = [100 + 7 * i + 13 * m for m in range(12)]
    orders = [40 + 3 * i + 2 * m for m in range(12)]
    if kind == "combo":
        return {"type": "combo", "data": {"categories": months, "series": {"销售额": sales, "订单": orders}},
                "plots": [{"column": "销售额"}, {"column": "订单", "type": "line", "axis": "secondary"}]}
    if kind == "waterfall":
        steps = [12.0, -5.0, 8.0, -3.0]
        return {"type": "waterfall", "data": {"categories": ["期初", "A", "B", "C", "D", "期末"],
                                              "series": {"v": [100.0, *steps, 100.0 + sum(steps)]}}}
    if kind == "slope":
        return {"type": "slope", "data": {"categories": ["华东", "华南", "华北", "西南"],
                                          "series": {"2024": [120, 90, 40, 50], "2025": [135, 88, 56, 61]}}}
    if kind == "scatter":
        return {"type": "scatter", "data": {"categories": months, "series": {"订单": orders, "销售额": sales}}}
    if kind == "annotated":
        return {"type": "column_clustered", "data": {"categories": months, "series": {"销售额": sales}},
                "annotations": [{"type": "cagr"}, {"type": "difference", "from": "11月", "to": "12月"}]}
    if kind == "sorted":
        return {"type": "bar_clustered", "data": {"categories": months, "series": {"销售额": sales}},
                "order": "sorted"}
    if kind == "reference":
        return {"type": "column_clustered", "data": {"categories": months, "series": {"销售额": sales}},
                "reference_lines": [{"value": sum(sales) / 12, "label": "月均"}]}
    return {"type": kind, "data": {"categories": months, "series": {"线上": sales, "门店": orders}}}


def make_spec(n_slides: int = 30, n_charts: int = 20, new_types: bool = False, pictures: int = 0) -> dict:
    """A spec of *n_slides* slides, *n_charts* of them native charts with inline data."""
    months = [f"{m}月" for m in range(1, 13)]
    slides = [{"kind": "title"}, {"kind": "agenda"}]
    for i in range(n_charts):
        chart_type = CHART_TYPES[i % len(CHART_TYPES)]
        series = {"销售额": [100 + 7 * i + 13 * m for m in range(12)]}
        if chart_type in ("column_stacked", "area"):
            series["成本"] = [60 + 5 * i + 9 * m for m in range(12)]
        chart = {"type": chart_type, "data": {"categories": months, "series": series}}
        if new_types and i % 2:
            chart = new_type_chart(NEW_TYPES[(i // 2) % len(NEW_TYPES)], i, months)
        if pictures and chart["type"] in PICTURE_TYPES and "annotations" not in chart:
            chart["render"] = "image"
            pictures -= 1
        slides.append({"kind": "chart", "title": f"图表 {i + 1}", "chart": chart,
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
    parser.add_argument("--new-types", action="store_true",
                        help="every other chart a combo, waterfall, 100%% stacked, slope, scatter, reference line, "
                             "CAGR/difference arrows or sorted bars")
    parser.add_argument("--pictures", type=int, default=0,
                        help="draw the first N charts of the plain types as matplotlib pictures (render: image)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "bench.yaml"
        spec_data = make_spec(new_types=args.new_types, pictures=args.pictures)
        spec.write_text(yaml.safe_dump(spec_data, allow_unicode=True), encoding="utf-8")
        out = Path(tmp) / "bench.pptx"
        command = [sys.executable, "-m", "deckbuilder.cli", "build", str(spec), "-o", str(out)]
        subprocess.run(command, check=True, capture_output=True)  # warm the file cache
        times, cpu = [], []
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        charts = sum(1 for s in spec_data["slides"] if s["kind"] == "chart")
        drawn = sum(1 for s in spec_data["slides"] if s["kind"] == "chart" and s["chart"].get("render") == "image")
        print(f"slides: {len(spec_data['slides'])}  charts: {charts} ({drawn} pictures)  runs: {args.runs}")
        print(f"wall (CLI, start-up included): median {statistics.median(times):.3f} s, "
              f"min {min(times):.3f} s, max {max(times):.3f} s")
        print(f"CPU (user+sys) per build: median {statistics.median(cpu):.3f} s, min {min(cpu):.3f} s")
        print(f"peak memory (max RSS of a build process): {peak_mb:.0f} MB")
        print(f"output size: {out.stat().st_size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
