"""Shared by the benches: generated order data and a spec that reads it instead of the committed CSVs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
YEAR_END = ROOT / "specs" / "ecommerce_year_end.yaml"
DATA = BENCH / "data"  # generated, git-ignored


def generated(rows: int) -> Path:
    """Folder with the example company's tables for *rows* order rows, as Parquet (generated once)."""
    folder = DATA / f"orders_{rows}"
    if not (folder / "orders.parquet").is_file():
        subprocess.run([sys.executable, str(ROOT / "examples" / "ecommerce" / "generate.py"), "--rows", str(rows),
                        "--out", str(folder), "--format", "parquet", "--quiet"], check=True)
    return folder


def spec_over(rows: int, *, departments: list[dict] | None = None) -> Path:
    """A spec that extends the year-end spec, reading the generated Parquet files instead of the CSVs."""
    folder = generated(rows)
    base = yaml.safe_load(YEAR_END.read_text(encoding="utf-8"))
    data = {name: {"type": "parquet", "path": str(folder / f"{name}.parquet")} for name in base["data"]}
    spec: dict = {"extends": str(YEAR_END), "data": data}
    if departments is not None:
        spec["departments"] = departments
    suffix = f"_{len(departments)}depts" if departments else ""
    path = DATA / f"year_end_{rows}{suffix}.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
