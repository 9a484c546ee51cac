"""Bench: how build time grows with the size of the input.

Three curves, each a CLI build (start-up included) of a generated spec with inline data:

- decks of 100/250/500/1000 slides (repeated chart, KPI and points slides);
- one table slide of 100/250/500/1000/2000 rows;
- one chart slide with 10/50/150 KB of commentary (a text field holds at most 100,000 characters).

Prints wall time and the child's CPU time (user+sys) per size, and the time per unit (per slide,
per row, per KB), which stays flat when cost is linear in size.

    python bench/bench_scaling.py [--only slides|rows|commentary] [--timeout 300] [--no-lint]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

SLIDES = [100, 250, 500, 1000]
ROWS = [100, 250, 500, 1000, 2000]
COMMENTARY_KB = [10, 50, 150]  # 150 KB is ~88,000 characters: text fields hold at most 100,000 (docs/limits.md)
MONTHS = [f"{m}月" for m in range(1, 13)]


def _deck(slides: list[dict]) -> dict:
    return {"deck": {"title": "规模测试", "presenter": "bench"}, "slides": slides}


def deck_of(n_slides: int) -> dict:
    """*n_slides* slides cycling through a chart, a KPI and a points slide, all with inline data."""
    slides: list[dict] = [{"kind": "title"}]
    for i in range(n_slides - 2):
        if i % 3 == 0:
            slides.append({"kind": "chart", "title": f"图表 {i}",
                           "chart": {"type": "column_clustered",
                                     "data": {"categories": MONTHS,
                                              "series": {"销售额": [100 + i + 13 * m for m in range(12)]}}},
                           "commentary": f"第 {i} 页：销售额逐月上升，旺季集中在下半年。"})
        elif i % 3 == 1:
            slides.append({"kind": "kpi", "title": f"指标 {i}",
                           "cards": [{"label": f"指标 {k}", "value": f"{1000 + i * 7 + k:,}", "note": "全年"}
                                     for k in range(1, 5)]})
        else:
            slides.append({"kind": "points", "title": f"要点 {i}",
                           "points": [{"heading": f"要点 {k}", "text": "说明文字，简洁明了，一行即可。"}
                                      for k in range(1, 4)]})
    slides.append({"kind": "closing"})
    return _deck(slides)


def table_of(n_rows: int) -> dict:
    """One table slide with *n_rows* rows of four columns."""
    rows = [[f"商品 {i}", f"类目 {i % 7}", 1000 + 37 * i, round(0.01 * (i % 100), 2)] for i in range(n_rows)]
    table = {"data": {"columns": ["商品", "类目", "销售额", "占比"], "rows": rows},
             "columns": [{"name": "商品"}, {"name": "类目"}, {"name": "销售额", "format": "num"},
                         {"name": "占比", "format": "pct"}]}
    return _deck([{"kind": "title"}, {"kind": "table", "title": f"{n_rows} 行", "table": table}])


def commentary_of(kilobytes: int) -> dict:
    """One chart slide whose commentary is *kilobytes* KB of mixed Chinese and Latin text (UTF-8)."""
    sentence = "本季度销售额同比增长 12.5%，主要来自新客与复购 (new and returning customers)。"
    per = len(sentence.encode("utf-8"))
    text = sentence * max(1, kilobytes * 1024 // per)
    chart = {"type": "column_clustered", "data": {"categories": MONTHS, "series": {"销售额": list(range(12))}}}
    return _deck([{"kind": "title"}, {"kind": "chart", "title": "长评论", "chart": chart, "commentary": text}])


# bytecode caches as an installation has them (see bench_vs_baseline.py)
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def build(spec: dict, tmp: Path, *, timeout: float, lint: bool) -> tuple[float, float] | None:
    """Wall and child CPU seconds of one CLI build of *spec*; None when it ran past *timeout*."""
    path = tmp / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    command = [sys.executable, "-m", "deckbuilder", "build", str(path), "-o", str(tmp / "deck.pptx")]
    if not lint:
        command.append("--no-lint")
    before = os.times()
    start = time.perf_counter()
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=timeout, env=_ENV)
    except subprocess.TimeoutExpired:
        return None
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def curve(label: str, unit: str, sizes: list[int], make, *, timeout: float, lint: bool) -> None:
    print(f"{label}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            result = build(make(size), Path(tmp), timeout=timeout, lint=lint)
            if result is None:
                print(f"  {size:>6} {unit}: > {timeout:.0f} s (stopped)")
                continue
            wall, cpu = result
            print(f"  {size:>6} {unit}: wall {wall:7.2f} s  cpu {cpu:7.2f} s  "
                  f"({1000 * wall / size:7.2f} ms wall, {1000 * cpu / size:7.2f} ms cpu per {unit.rstrip('s')})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["slides", "rows", "commentary"])
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--no-lint", action="store_true", help="build with --no-lint")
    args = parser.parse_args()
    lint = not args.no_lint
    if args.only in (None, "slides"):
        curve("deck size (chart/kpi/points slides)", "slides", SLIDES, deck_of, timeout=args.timeout, lint=lint)
    if args.only in (None, "rows"):
        curve("table size (one table slide, 4 columns)", "rows", ROWS, table_of, timeout=args.timeout, lint=lint)
    if args.only in (None, "commentary"):
        curve("commentary size (one chart slide)", "KB", COMMENTARY_KB, commentary_of, timeout=args.timeout,
              lint=lint)


if __name__ == "__main__":
    main()
