"""Bench: deckbuilder's year-end build against a hand-written pandas + python-pptx script.

One paired run: the commands below alternate (the order rotates every repetition, so drift
on a busy machine hits each alike), each one a whole process. For every run it takes the
child's CPU time (user + sys, from wait4), wall time and peak RSS, and prints medians and
the ratios the issue asks for:

- build: ``deckbuilder build specs/ecommerce_year_end.yaml`` vs ``bench/baseline_year_end.py``
  (same CSV files, same 27 slides, same template);
- imports: ``import deckbuilder.cli`` and everything a data deck imports vs the floor
  ``import pandas, pptx``;
- lint: the same build through the Python API with ``lint=True`` vs ``lint=False``; the
  difference is what build-time lint costs, given as a share of the build.

Target (issue 14): build CPU at most 1.5x the baseline's; lint under 10 % of the build.

    python bench/bench_vs_baseline.py [--runs 7] [--before /path/to/older/checkout]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SPEC = ROOT / "specs" / "ecommerce_year_end.yaml"


def commands(out: Path, before: Path | None) -> dict[str, list[str]]:
    py = sys.executable
    api = ("from deckbuilder.build import build_deck; "
           f"build_deck({str(SPEC)!r}, output={str(out / 'api.pptx')!r}, lint={{lint}})")
    cmds = {
        "deckbuilder build (CLI)": [py, "-m", "deckbuilder", "build", str(SPEC), "-o", str(out / "deck.pptx")],
        "hand-written baseline": [py, str(BENCH / "baseline_year_end.py"), "-o", str(out / "baseline.pptx")],
        "build_deck(lint=True)": [py, "-c", api.format(lint=True)],
        "build_deck(lint=False)": [py, "-c", api.format(lint=False)],
        "import pandas, pptx (floor)": [py, "-c", "import pandas, pptx"],
        "import deckbuilder.cli": [py, "-c", "import deckbuilder.cli"],
        "import what a data deck needs": [py, "-c", ("import deckbuilder.cli, deckbuilder.build, "
                                                    "deckbuilder.metrics.engine, deckbuilder.tools.lint, pandas")],
    }
    if before is not None:  # the same CLI build from another checkout of the code, e.g. the main branch
        # -P: without it ``-m`` puts the working folder (this checkout) ahead of PYTHONPATH
        cmds["deckbuilder build (--before)"] = ["env", f"PYTHONPATH={before}", py, "-P",
                                               *cmds["deckbuilder build (CLI)"][1:-1], str(out / "before.pptx")]
    return cmds


# Bytecode caches as a user's installation has them: with PYTHONDONTWRITEBYTECODE set (some
# sandboxes set it), every run would compile deckbuilder's sources again (~0.2 s CPU) while
# pandas and python-pptx load their installed .pyc files, which is not a fair comparison.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str]) -> tuple[float, float, float]:
    """CPU seconds (user + sys), wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=_ENV)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{child.stderr.read().decode()}")
    child.stderr.close()
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", type=Path, help="also time the CLI build with PYTHONPATH=BEFORE (older code)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cmds = commands(Path(tmp), args.before)
        names = list(cmds)
        for name in names:  # warm the file cache and the bytecode
            run(cmds[name])
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in names}
        for rep in range(args.runs):
            order = names[rep % len(names):] + names[:rep % len(names)]
            for name in order:
                results[name].append(run(cmds[name]))

    def med(name: str, k: int) -> float:
        return statistics.median(r[k] for r in results[name])

    print(f"{args.runs} runs each, alternating; medians (CPU = user+sys of the child process)")
    for name in names:
        cpus = [r[0] for r in results[name]]
        print(f"  {name:<32} cpu {med(name, 0):6.3f} s (min {min(cpus):.3f})  wall {med(name, 1):6.3f} s  "
              f"peak RSS {med(name, 2):5.0f} MB")
    build, base = "deckbuilder build (CLI)", "hand-written baseline"
    pairs = [a[0] / b[0] for a, b in zip(results[build], results[base])]
    print(f"build CPU ratio deckbuilder / baseline: {med(build, 0) / med(base, 0):.2f}x "
          f"(median of paired ratios {statistics.median(pairs):.2f}x; target <= 1.5x)")
    print(f"build wall ratio: {med(build, 1) / med(base, 1):.2f}x")
    if args.before is not None:
        before = "deckbuilder build (--before)"
        print(f"before ({args.before}) / baseline: {med(before, 0) / med(base, 0):.2f}x CPU; "
              f"this code / before: {med(build, 0) / med(before, 0):.2f}x CPU")
    floor = med("import pandas, pptx (floor)", 0)
    for name in ("import deckbuilder.cli", "import what a data deck needs"):
        print(f"{name} / import floor: {med(name, 0) / floor:.2f}x CPU")
    lint_cost = med("build_deck(lint=True)", 0) - med("build_deck(lint=False)", 0)
    print(f"build-time lint: {lint_cost:.3f} s CPU = {100 * lint_cost / med('build_deck(lint=True)', 0):.0f} % "
          f"of the build (target < 10 %; the difference of two medians, noisy on a busy machine)")
    shares = [lint_share() for _ in range(args.runs)]
    print(f"build-time lint timed inside the build process: median {statistics.median(s[0] for s in shares):.3f} s "
          f"CPU of {statistics.median(s[1] for s in shares):.3f} s for the whole process = "
          f"{100 * statistics.median(s[0] / s[1] for s in shares):.1f} % (target < 10 %)")


_LINT_SHARE = """
import time
import deckbuilder.build.pipeline as pipeline
spent = [0.0]
lint = pipeline.lint_presentation
def timed(prs, **kwargs):
    start = time.process_time()
    try:
        return lint(prs, **kwargs)
    finally:
        spent[0] += time.process_time() - start
pipeline.lint_presentation = timed
pipeline.build_deck(SPEC, output=OUT)
print(spent[0], time.process_time())
"""


def lint_share() -> tuple[float, float]:
    """CPU of the build-time lint and of the whole process, measured inside one build process."""
    with tempfile.TemporaryDirectory() as tmp:
        code = _LINT_SHARE.replace("SPEC", repr(str(SPEC))).replace("OUT", repr(str(Path(tmp) / "deck.pptx")))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                             env=_ENV).stdout.split()
    return float(out[0]), float(out[1])


if __name__ == "__main__":
    main()
