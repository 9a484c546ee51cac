"""Bench: 20 department decks of the year-end spec with --jobs 2, over 100,000 and 1,000,000 order rows.

Shows (issue 5) that the data is loaded once per batch and that the total time grows with
the number of decks, not with the data: it prints the load time, the total, and seconds per
deck for each data size, plus one deck alone for comparison.

    python bench/bench_departments.py [--jobs 2] [--sizes 100000 1000000]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time

import yaml
from big_data import YEAR_END, spec_over

import deckbuilder.build.batch as batch

THEMES = ["default", "ocean", "forest", "sunset", "corporate"]


def twenty_departments() -> list[dict]:
    """The four category units, each split into five teams (own presenter and theme)."""
    base = yaml.safe_load(YEAR_END.read_text(encoding="utf-8"))
    departments = []
    for unit in base["departments"]:
        for team in range(1, 6):
            departments.append({"name": f"{unit['name']}{team}组", "code": f"{unit['code']}{team}",
                                "presenter": f"{unit['presenter']}{team}", "theme": THEMES[team - 1],
                                "filters": unit["filters"], "skip": unit.get("skip", [])})
    return departments


def run(rows: int, jobs: int, departments: list[dict] | None = None) -> dict:
    spec = spec_over(rows, departments=departments)
    load_seconds = []
    original = batch._load_sources

    def timed_load(loaded):
        start = time.perf_counter()
        cache = original(loaded)
        load_seconds.append(time.perf_counter() - start)
        return cache

    batch._load_sources = timed_load
    try:
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            names = [d["name"] for d in departments] if departments else None
            results = batch.build_decks(spec, departments=names, jobs=jobs, output_dir=out)
            total = time.perf_counter() - start
    finally:
        batch._load_sources = original
    failed = [r.department for r in results if not r.ok]
    return {"rows": rows, "decks": len(results), "failed": failed, "loads": len(load_seconds),
            "load_s": load_seconds[0], "total_s": total, "per_deck_s": total / len(results),
            "slides": sum(r.slides for r in results)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    departments = twenty_departments()
    print(f"jobs: {args.jobs}; decks per batch: {len(departments)}")
    for rows in args.sizes:
        one = run(rows, args.jobs, departments[:1])
        many = run(rows, args.jobs, departments)
        for label, r in (("1 deck  ", one), ("20 decks", many)):
            print(f"{rows:>9,} rows, {label}: load {r['load_s']:.2f} s (loads per batch: {r['loads']}), "
                  f"total {r['total_s']:.2f} s, {r['per_deck_s']:.2f} s per deck, {r['slides']} slides"
                  + (f", FAILED: {r['failed']}" if r["failed"] else ""))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (parent process RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
