"""Benchmark the metrics engine on generated order data (year-end deck metrics).

Two scenarios, each printing wall time, CPU time (user+sys of all threads), peak memory and rows:

1. pandas: N orders (default 1,000,000) held in memory and injected with
   ``data=``; ~30 metrics of the year-end deck computed from a cold engine.
   Target: under 1 s.
2. pushdown: M orders (default 10,000,000) written to Parquet and read by a
   source with ``engine: duckdb``, so every aggregate runs inside DuckDB.
   Target: under 5 s.

    python bench/bench_metrics.py                 # both scenarios
    python bench/bench_metrics.py --rows 200000 --big-rows 0   # quick run, no pushdown scenario

Peak memory is measured with tracemalloc in a second, separate run (tracing
slows pandas down, so the timed run is untraced); the process's peak RSS is
printed at the end.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deckbuilder.metrics.engine import MetricEngine  # noqa: E402

PLATFORMS = ["天猫", "京东", "拼多多", "抖音", "自营商城", "亚马逊", "Shopify"]
PLATFORM_WEIGHTS = [0.38, 0.29, 0.09, 0.08, 0.12, 0.02, 0.02]
CATEGORIES = ["家居生活", "美妆个护", "数码3C", "母婴用品", "服饰鞋包", "食品生鲜"]
REGIONS = ["一线", "新一线", "二线", "三线及以下"]
CURRENT = "year(date) == year(max(date))"
PREVIOUS = "year(date) == year(max(date)) - 1"


def orders(rows: int, seed: int = 2025) -> pd.DataFrame:
    """Two years of orders; amounts grow ~20% and spike in June (618) and November (双11)."""
    rng = np.random.default_rng(seed)
    day = rng.integers(0, 731, rows)
    date = pd.Timestamp("2024-01-01") + pd.to_timedelta(day, unit="D")
    month = date.month.to_numpy()
    promo = np.where(np.isin(month, [6, 11]), 1.6, 1.0)
    growth = np.where(day >= 366, 1.2, 1.0)
    quantity = rng.integers(1, 6, rows)
    amount = (rng.gamma(2.0, 80.0, rows) * quantity * promo * growth).round(2)

    def pick(values, weights=None):
        return pd.Categorical.from_codes(rng.choice(len(values), rows, p=weights), values).astype(str)

    return pd.DataFrame({
        "date": date,
        "platform": pick(PLATFORMS, PLATFORM_WEIGHTS),
        "category": pick(CATEGORIES),
        "region_tier": pick(REGIONS, [0.3, 0.25, 0.25, 0.2]),
        "customer_id": rng.integers(0, max(rows // 4, 1), rows),
        "is_member": rng.random(rows) < 0.35,
        "quantity": quantity,
        "amount": amount,
        "cost": (amount * rng.uniform(0.55, 0.8, rows)).round(2),
        "delivery_days": rng.gamma(2.0, 1.2, rows).round(1),
    })


def sales(**extra):
    return {"source": "orders", "agg": "sum", "column": "amount", **extra}


METRICS = {
    # totals and growth
    "total_sales": sales(where=CURRENT, format="yi"),
    "sales_yoy": sales(compare="yoy", format="delta_pct"),
    "order_count": {"source": "orders", "agg": "count", "where": CURRENT},
    "orders_yoy": {"source": "orders", "agg": "count", "compare": "yoy"},
    "customers": {"source": "orders", "agg": "count_distinct", "column": "customer_id", "where": CURRENT},
    "units": {"source": "orders", "agg": "sum", "column": "quantity", "where": CURRENT},
    "cost": {"source": "orders", "agg": "sum", "column": "cost", "where": CURRENT},
    "gross_margin": {"formula": "(total_sales - cost) / total_sales", "format": "pct"},
    "aov": {"formula": "total_sales / order_count", "format": "cny"},
    "sales_prev": sales(where=PREVIOUS),
    "orders_prev": {"source": "orders", "agg": "count", "where": PREVIOUS},
    "aov_yoy": {"formula": "aov / (sales_prev / orders_prev) - 1", "format": "delta_pct"},
    "median_order": {"source": "orders", "agg": "median", "column": "amount", "where": CURRENT},
    "avg_delivery_days": {"source": "orders", "agg": "mean", "column": "delivery_days", "format": "days"},
    "member_rate": {"source": "orders", "agg": "mean", "column": "is_member", "where": CURRENT, "format": "pct"},
    "attainment": sales(where=CURRENT, target=3.0e8, format="pct"),
    "target_sales": {"formula": "sales_prev * 1.15"},
    "attainment_vs_plan": sales(where=CURRENT, target="target_sales", format="pct"),
    # trends
    "sales_by_quarter": sales(grain="quarter", where=CURRENT, period_format="Q{quarter}", **{"as": "sales"}),
    "quarterly_yoy": sales(grain="quarter", compare="yoy"),
    "sales_by_month": sales(grain="month"),
    "cumulative_sales": sales(grain="month", where=CURRENT, cumulative=True),
    "qoq": sales(compare="qoq"),
    "promo_sales": sales(where=f"{CURRENT} and month(date) in [6, 11]"),
    "promo_share": {"formula": "promo_sales / total_sales", "format": "pct"},
    # shares and rankings
    "platform_share": sales(by="platform", where=CURRENT, share=True, format="pct", **{"as": "share"}),
    "platform_yoy": sales(by="platform", compare="yoy", format="delta_pct"),
    "tmall_jd_sales": sales(where=f"{CURRENT} and platform in ['天猫', '京东']"),
    "tmall_jd_share": {"formula": "tmall_jd_sales / total_sales", "format": "pct"},
    "emerging_yoy": sales(where="platform in ['拼多多', '抖音']", compare="yoy"),
    "category_ranking": sales(by="category", where=CURRENT, rank=True, **{"as": "sales"}),
    "top_categories": sales(by="category", where=CURRENT, top=4, others="其他"),
    "region_share": sales(by="region_tier", where=CURRENT, share=True),
    "region_yoy": sales(by="region_tier", compare="yoy"),
    "monthly_by_platform": sales(grain="month", by="platform", where=CURRENT, pivot=True),
    "quarter_category": sales(grain="quarter", by="category", where=CURRENT),
}


# --- the same deck written with parameters, periods, derived columns and a lookup (issue 10) -----------
MIX_PARAMS = {"year": {"type": "year", "default": 2025}, "as_of": {"type": "date", "default": "2025-11-30"},
              "big": {"type": "list", "default": ["天猫", "京东"]}}
PLATFORM_TABLE = pd.DataFrame({"platform": PLATFORMS, "group": ["平台电商", "平台电商", "平台电商", "内容电商",
                                                                 "自营", "跨境", "跨境"]})
MIX_DERIVE = {"margin": "amount - cost", "order_month": "month_start(date)", "age_days": "days_between(date, as_of)"}
MIX_LOOKUP = [{"source": "platforms", "on": "platform", "columns": ["group"]}]
MIX_METRICS = {
    **METRICS,
    "sales_year": sales(where="year(date) == year"),
    "sales_ytd": sales(period="ytd"),
    "sales_ytd_ly": sales(period="ytd_last_year"),
    "ytd_yoy": {"formula": "sales_ytd / sales_ytd_ly - 1"},
    "last_12m": sales(period="last_12_months", grain="month"),
    "big_share": sales(where="platform in params.big and ytd(date)", target="sales_ytd"),
    "margin_ytd": {"source": "orders", "agg": "sum", "column": "margin", "period": "ytd"},
    "by_order_month": {"source": "orders", "agg": "sum", "column": "margin", "by": "order_month", "sort": "key"},
    "recent_age": {"source": "orders", "agg": "mean", "column": "age_days", "period": "last_3_months"},
    "group_share": sales(by="group", period="ytd", share=True),
    "group_yoy": sales(by="group", where="ytd(date) or ytd_last_year(date)", compare="yoy"),
}


def mix_sources(orders_source: dict) -> dict:
    return {"orders": {**orders_source, "derive": MIX_DERIVE, "lookup": MIX_LOOKUP},
            "platforms": {"type": "csv", "path": "platforms.csv"}}


def compute(make_engine) -> tuple[float, float, dict]:
    """Wall and CPU seconds (user+sys of every thread of this process: DuckDB's too) of one cold computation."""
    start, cpu = time.perf_counter(), time.process_time()
    results = make_engine().compute_all()
    return time.perf_counter() - start, time.process_time() - cpu, results


def measure(label: str, rows: int, make_engine, repeat: int, target: float) -> dict:
    times, cpus = [], []
    results = {}
    for _ in range(repeat):
        gc.collect()
        elapsed, cpu, results = compute(make_engine)
        times.append(elapsed)
        cpus.append(cpu)
    gc.collect()
    tracemalloc.start()
    make_engine().compute_all()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    best, median = min(times), statistics.median(times)
    verdict = "OK" if best < target else "SLOW"
    print(f"{label}: {rows:,} rows, {len(results)} metrics: best {best:.3f} s, median {median:.3f} s "
          f"over {repeat} runs (target < {target:g} s: {verdict}); CPU (user+sys, all threads) best "
          f"{min(cpus):.3f} s, median {statistics.median(cpus):.3f} s; peak traced memory {peak / 2**20:.0f} MiB")
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows for the in-memory pandas scenario")
    parser.add_argument("--big-rows", type=int, default=10_000_000,
                        help="rows for the Parquet+DuckDB scenario (0: skip)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--show", action="store_true", help="print a few computed values")
    args = parser.parse_args(argv)

    run_pandas(args.rows, args.repeat, args.show)
    gc.collect()
    if args.big_rows:
        run_pushdown(args.big_rows, args.repeat)
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS {peak_rss:.0f} MiB (includes data generation; DuckDB's memory is not traced)")


def run_pandas(rows: int, repeat: int, show: bool) -> None:
    start = time.perf_counter()
    frame = orders(rows)
    print(f"generated {rows:,} orders in {time.perf_counter() - start:.2f} s "
          f"({frame.memory_usage(deep=True).sum() / 2**20:.0f} MiB in pandas)")
    results = measure("pandas (data=)", rows, lambda: MetricEngine({}, METRICS, data={"orders": frame}), repeat, 1.0)
    mix = mix_sources({"type": "parquet", "path": "unused.parquet"})
    measure("pandas + params/periods/derive/lookup", rows,
            lambda: MetricEngine(mix, MIX_METRICS, data={"orders": frame, "platforms": PLATFORM_TABLE},
                                 params=MIX_PARAMS), repeat, 1.0)
    if show:
        for name in ("total_sales", "sales_yoy", "aov", "promo_share", "tmall_jd_share", "attainment"):
            print(f"  {name} = {results[name].value:,.4f}")
        print(results["platform_share"].table.to_string(index=False))


def run_pushdown(rows: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        path = Path(folder) / "orders.parquet"
        _write_parquet(path, rows)
        print(f"wrote {rows:,} orders to Parquet in {time.perf_counter() - start:.1f} s "
              f"({path.stat().st_size / 2**20:.0f} MiB)")
        sources = {"orders": {"type": "parquet", "path": str(path), "engine": "duckdb"}}
        measure("duckdb pushdown (parquet)", rows, lambda: MetricEngine(sources, METRICS, base_dir=folder),
                repeat, 5.0)
        PLATFORM_TABLE.to_csv(Path(folder) / "platforms.csv", index=False)
        mix = mix_sources(sources["orders"])
        measure("duckdb + params/periods/derive/lookup", rows,
                lambda: MetricEngine(mix, MIX_METRICS, base_dir=folder, params=MIX_PARAMS), repeat, 5.0)


def _write_parquet(path: Path, rows: int, chunk: int = 2_000_000) -> None:
    """Write in chunks so generating 10M rows does not need 10M rows of pandas at once."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    try:
        for offset in range(0, rows, chunk):
            part = orders(min(chunk, rows - offset), seed=offset + 1)
            table = pa.Table.from_pandas(part, preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()


if __name__ == "__main__":
    main()
