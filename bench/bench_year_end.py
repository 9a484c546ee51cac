"""Bench: the 27-slide year-end deck, from the committed data and from generated order rows.

Targets (issue 4): under 2 s wall from the committed data, under 3 s from 1,000,000 order
rows, start-up included (the CLI as a user runs it). Prints wall time (median), peak memory,
rows and slides.

    python bench/bench_year_end.py [--runs 3] [--rows 1000000]
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

from big_data import YEAR_END, spec_over


def time_build(spec: Path, runs: int) -> tuple[list[float], float, str]:
    """Wall times of *runs* CLI builds (after one warm-up), peak RSS in MB, and the CLI's last line."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "deckbuilder.cli", "build", str(spec), "-o", str(Path(tmp) / "deck.pptx")]
        subprocess.run(command, check=True, capture_output=True)  # warm the file cache
        times, out = [], ""
        for _ in range(runs):
            start = time.perf_counter()
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()
            times.append(time.perf_counter() - start)
    return times, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, out


def report(label: str, rows: str, times: list[float], peak_mb: float, out: str) -> None:
    print(f"{label}: rows {rows}; {out}")
    print(f"  wall (CLI, start-up included): median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs); peak RSS so far {peak_mb:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    report("committed data (examples/ecommerce/data)", "22,000 orders", *time_build(YEAR_END, args.runs))
    report("generated data (Parquet)", f"{args.rows:,} orders", *time_build(spec_over(args.rows), args.runs))


if __name__ == "__main__":
    main()
