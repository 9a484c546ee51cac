"""Metrics where the data lives: PostgreSQL (`engine: sql`) and Parquet through DuckDB (`engine: duckdb`).

The 36 year-end metrics of bench_metrics.py over N generated order rows, each run in a fresh
process (cold engine, start-up excluded from the time), reporting wall time of `compute_all()` and
the process's peak RSS. Memory should stay flat as rows grow: only aggregated rows travel.

    python bench/bench_sql.py                                  # PostgreSQL 1M/5M/10M, Parquet 1M/10M
    python bench/bench_sql.py --pg-rows 1000000 --parquet-rows 1000000 --repeat 1   # quick

PostgreSQL is a throwaway server started like the tests do (tests/postgres.py: initdb into a
temporary folder, unix socket only), loaded with COPY; its own memory (a separate process) is
not in the figures. Parquet files go to a temporary folder.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent / "tests"))

from bench_metrics import METRICS, _write_parquet, orders  # noqa: E402

COLUMNS = ["date", "platform", "category", "region_tier", "customer_id", "is_member", "quantity", "amount", "cost",
           "delivery_days"]
TABLE = """CREATE TABLE {name} (date timestamp, platform text, category text, region_tier text,
    customer_id bigint, is_member boolean, quantity bigint, amount double precision, cost double precision,
    delivery_days double precision)"""


def peak_rss_mib() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(source_json: str) -> None:
    """Compute every metric over the source once; print seconds and peak RSS as JSON."""
    from deckbuilder.metrics.engine import MetricEngine

    source = json.loads(source_json)
    rss_start = peak_rss_mib()
    start = time.perf_counter()
    results = MetricEngine({"orders": source}, METRICS, base_dir=".").compute_all()
    seconds = time.perf_counter() - start
    rss = peak_rss_mib()
    print(json.dumps({"seconds": seconds, "rss_mib": rss, "rss_after_imports_mib": rss_start,
                      "metrics": len(results), "total_sales": results["total_sales"].value}))


def run(source: dict, env: dict[str, str] | None = None) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", json.dumps(source)], check=True,
                         capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(label: str, rows: int, source: dict, repeat: int) -> dict:
    runs = [run(source) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["seconds"])
    peak = max(r["rss_mib"] for r in runs)
    print(f"{label:<22} {rows:>12,} rows  {best['metrics']} metrics  best {best['seconds']:7.2f} s "
          f"(of {repeat})  peak RSS {peak:5.0f} MiB (after imports {best['rss_after_imports_mib']:.0f})  "
          f"total_sales {best['total_sales']:,.0f}", flush=True)
    return best


def load_postgres(url: str, rows: int, chunk: int = 1_000_000) -> float:
    """COPY *rows* generated orders into table orders_<rows>; seconds taken (generation included)."""
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    start = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as con:
        con.execute(f"DROP TABLE IF EXISTS orders_{rows}")
        con.execute(TABLE.format(name=f"orders_{rows}"))
        with con.cursor() as cur:
            for offset in range(0, rows, chunk):
                part = orders(min(chunk, rows - offset), seed=offset + 1)[COLUMNS]
                buffer = io.StringIO()
                part.to_csv(buffer, index=False, header=False)
                with cur.copy(f"COPY orders_{rows} FROM STDIN (FORMAT csv)") as copy:
                    copy.write(buffer.getvalue())
        con.execute(f"ANALYZE orders_{rows}")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pg-rows", type=int, nargs="*", default=[1_000_000, 5_000_000, 10_000_000])
    parser.add_argument("--parquet-rows", type=int, nargs="*", default=[1_000_000, 10_000_000])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return

    if args.parquet_rows:
        with tempfile.TemporaryDirectory() as folder:
            for rows in args.parquet_rows:
                path = Path(folder) / f"orders_{rows}.parquet"
                start = time.perf_counter()
                _write_parquet(path, rows)
                print(f"wrote {rows:,} orders to Parquet in {time.perf_counter() - start:.1f} s "
                      f"({path.stat().st_size / 2**20:.0f} MiB)", flush=True)
                report("duckdb (parquet)", rows, {"type": "parquet", "path": str(path), "engine": "duckdb"},
                       args.repeat)
                path.unlink()
    if args.pg_rows:
        from postgres import start_cluster

        cluster = start_cluster()
        try:
            for rows in args.pg_rows:
                seconds = load_postgres(cluster.url, rows)
                print(f"loaded {rows:,} orders into PostgreSQL with COPY in {seconds:.1f} s", flush=True)
                report("postgresql (sql)", rows, {"type": "sql", "url": cluster.url, "table": f"orders_{rows}",
                                                  "engine": "sql"}, args.repeat)
        finally:
            cluster.stop()


if __name__ == "__main__":
    main()
