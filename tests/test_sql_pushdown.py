"""`engine: sql`: metrics aggregated inside PostgreSQL (a throwaway server) and SQLite through SQLAlchemy,
with the same results as pandas, read-only sessions, credentials from the environment, a query timeout
and `metrics --explain`."""

from __future__ import annotations

import re
import sqlite3

import pandas as pd
import pytest
import sqlalchemy as sa
from test_sources import PARITY_METRICS, assert_same_results, parity_frame

from deckbuilder import cli
from deckbuilder.data import sql_connect
from deckbuilder.data.cache import SourceCache
from deckbuilder.errors import DataError, SpecError
from deckbuilder.metrics.engine import MetricEngine
from deckbuilder.spec.data_model import validate_sources

PANDAS = {"orders": {"type": "parquet", "path": "orders.parquet"}}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """orders.parquet (the pandas reference) and orders.db (SQLite) with the same rows."""
    path = tmp_path_factory.mktemp("sql-pushdown")
    frame = parity_frame()
    frame.to_parquet(path / "orders.parquet")
    with sqlite3.connect(path / "orders.db") as con:
        frame.to_sql("orders", con, index=False)
    con.close()
    pd.DataFrame({"platform": ["天猫", "京东", "抖音", "拼多多", "自营商城"],
                  "owner": ["阿里", "京东", "字节", "拼多多", "自营"]}).to_csv(path / "owners.csv", index=False)
    return path


@pytest.fixture(scope="module")
def pg(postgres):
    """The orders table (and a deliberately slow view) in PostgreSQL; the source spec that reads it."""
    url = postgres.new_database("pushdown")
    engine = sa.create_engine(url)
    parity_frame().to_sql("orders", engine, index=False, if_exists="replace")
    with engine.begin() as con:
        con.execute(sa.text("CREATE OR REPLACE FUNCTION slow_pass(x double precision) RETURNS boolean "
                            "AS $$ SELECT true FROM pg_sleep(0.01) $$ LANGUAGE sql VOLATILE"))
        con.execute(sa.text("CREATE OR REPLACE VIEW slow_orders AS SELECT * FROM orders WHERE slow_pass(amount)"))
    engine.dispose()
    return {"type": "sql", "url": url, "table": "orders", "engine": "sql"}


def engine_over(source, folder, metrics=None, **kwargs):
    return MetricEngine({"orders": source}, metrics or PARITY_METRICS, base_dir=folder, **kwargs)


def assert_close(left, right):
    """The same metrics, kinds, keys and rows; numbers equal up to float rounding (summation order)."""
    assert list(left) == list(right)
    for name, a in left.items():
        b = right[name]
        assert a.kind == b.kind, name
        if a.kind == "scalar":
            assert b.value == pytest.approx(a.value, rel=1e-12), name
            continue
        pd.testing.assert_frame_equal(a.table.reset_index(drop=True), b.table.reset_index(drop=True),
                                      check_dtype=False, rtol=1e-12)


# --- same numbers as pandas --------------------------------------------------------------------------------

def test_postgres_gives_the_same_results_as_pandas(pg, folder):
    assert_same_results(engine_over(PANDAS["orders"], folder).compute_all(), engine_over(pg, folder).compute_all())


def test_postgres_applies_department_filters_like_pandas(pg, folder):
    filters = {"platform": ["天猫", "京东"], "category": "美妆个护"}
    assert_same_results(engine_over(PANDAS["orders"], folder, filters=filters).compute_all(),
                        engine_over(pg, folder, filters=filters).compute_all())


def test_sqlite_gives_the_same_results_as_pandas(folder):
    metrics = {k: v for k, v in PARITY_METRICS.items() if k != "median"}
    sqlite = {"type": "sql", "url": "sqlite:///orders.db", "table": "orders", "engine": "sql",
              "parse_dates": ["date"]}
    assert_close(engine_over(PANDAS["orders"], folder, metrics).compute_all(),
                 engine_over(sqlite, folder, metrics).compute_all())


def test_lookups_and_derived_columns_run_in_the_database(pg, folder):
    extra = {"lookup": [{"source": "owners", "on": "platform", "columns": ["owner"]}],
             "derive": {"big": "amount >= 500", "days": "days_between(date, '2026-01-01')",
                        "month1": "month_start(date)"}}
    metrics = {"by_owner": {"source": "orders", "agg": "sum", "column": "amount", "by": "owner"},
               "big": {"source": "orders", "agg": "count", "where": "big and owner != '京东'"},
               "days": {"source": "orders", "agg": "mean", "column": "days", "where": "weekday(date) >= 5"},
               "first": {"source": "orders", "agg": "count", "where": "month1 == '2025-03-01'"}}
    owners = {"type": "csv", "path": "owners.csv"}
    pandas = MetricEngine({"orders": {**PANDAS["orders"], **extra}, "owners": owners}, metrics, base_dir=folder)
    sql = MetricEngine({"orders": {**pg, **extra}, "owners": owners}, metrics, base_dir=folder, cache=SourceCache())
    assert_close(pandas.compute_all(), sql.compute_all())
    assert sql.cache.loads == 1  # only the small looked-up CSV; orders stayed in PostgreSQL


def test_a_query_source_pushes_down_too(pg, folder):
    source = {"type": "sql", "url": pg["url"], "engine": "sql", "query": "SELECT * FROM orders WHERE amount > 100"}
    metric = {"m": {"source": "orders", "agg": "sum", "column": "amount", "where": "year(date) == 2025"}}
    expected = engine_over(PANDAS["orders"], folder,
                           {"m": {**metric["m"], "where": "year(date) == 2025 and amount > 100"}}).get("m").value
    assert engine_over(source, folder, metric).get("m").value == pytest.approx(expected, rel=1e-12)


def test_pushdown_loads_nothing_into_pandas(pg, folder):
    engine = engine_over(pg, folder, cache=SourceCache())
    engine.compute_all()
    assert engine.cache.loads == 0


# --- errors -----------------------------------------------------------------------------------------------

def test_median_on_a_database_without_one_is_a_located_error(folder):
    sqlite = {"type": "sql", "url": "sqlite:///orders.db", "table": "orders", "engine": "sql"}
    with pytest.raises(DataError) as info:
        engine_over(sqlite, folder, {"m": {"source": "orders", "agg": "median", "column": "amount"}}).get("m")
    assert info.value.issues[0].path == "metrics.m" and "sqlite has no exact median" in info.value.issues[0].message


def test_unknown_table_suggests_the_closest(pg, folder):
    with pytest.raises(DataError) as info:
        engine_over({**pg, "table": "order"}, folder).get("total")
    assert info.value.issues[0].path == "data.orders.table" and "did you mean 'orders'?" in info.value.issues[0].hint


def test_engine_sql_is_not_for_duckdb_urls():
    with pytest.raises(SpecError, match="engine: duckdb"):
        validate_sources({"o": {"type": "sql", "url": "duckdb:///a.duckdb", "table": "t", "engine": "sql"}})


def test_date_format_is_refused_with_engine_sql(pg, folder):
    with pytest.raises(SpecError) as info:
        engine_over({**pg, "parse_dates": ["date"], "date_format": "%Y/%m/%d"}, folder).get("total")
    assert info.value.issues[0].path == "data.orders.date_format"


def test_a_filter_value_that_matches_nothing(pg, folder):
    with pytest.raises(DataError) as info:
        engine_over(pg, folder, filters={"platform": "天貓"}).get("total")
    assert info.value.issues[0].path == "filters.platform" and "天猫" in info.value.issues[0].hint


def test_sessions_are_read_only(pg, folder):
    engine = engine_over(pg, folder)
    engine.get("total")
    backend = engine.backends()[0]
    with backend.engine.connect() as con, pytest.raises(sa.exc.DBAPIError, match="read-only transaction"):
        con.execute(sa.text("CREATE TABLE stolen (a int)"))


def test_a_query_that_writes_is_refused(pg, folder):
    with pytest.raises(DataError) as info:
        engine_over({**pg, "table": None, "query": "DELETE FROM orders RETURNING *"}, folder).get("total")
    assert info.value.issues[0].path == "data.orders.query" and "single SELECT" in info.value.issues[0].message


def test_a_slow_query_stops_with_an_error_naming_the_metric(pg, folder, monkeypatch):
    monkeypatch.setattr(sql_connect, "SQL_QUERY_SECONDS", 0.2)
    slow = {**pg, "table": "slow_orders"}
    with pytest.raises(DataError) as info:
        engine_over(slow, folder, {"slow": {"source": "orders", "agg": "sum", "column": "amount"}}).get("slow")
    issue = info.value.issues[0]
    assert issue.path == "metrics.slow" and "metric 'slow' ran longer than 0.2 s" in issue.message


# --- credentials ------------------------------------------------------------------------------------------

def test_the_url_comes_from_an_environment_variable(pg, folder, monkeypatch):
    monkeypatch.setenv("ORDERS_DB", pg["url"])
    expected = engine_over(pg, folder).get("total").value
    assert engine_over({**pg, "url": "${ORDERS_DB}"}, folder).get("total").value == expected


def test_a_missing_environment_variable_is_located(folder, monkeypatch):
    monkeypatch.delenv("ORDERS_DB", raising=False)
    with pytest.raises(DataError) as info:
        engine_over({"type": "sql", "url": "${ORDERS_DB}", "table": "orders", "engine": "sql"}, folder).get("total")
    issue = info.value.issues[0]
    assert issue.path == "data.orders.url" and "ORDERS_DB is not set" in issue.message


def test_a_password_written_in_the_spec_is_refused_and_not_repeated(folder):
    url = "postgresql+psycopg://reader:hunter2@localhost/sales"
    with pytest.raises(DataError) as info:
        engine_over({"type": "sql", "url": url, "table": "orders", "engine": "sql"}, folder).get("total")
    issue = info.value.issues[0]
    assert issue.path == "data.orders.url" and "contains a password" in issue.message
    assert "hunter2" not in str(info.value) and "PG_PASSWORD" in issue.hint


def test_connection_errors_mask_the_password(folder, monkeypatch, tmp_path):
    monkeypatch.setenv("DB_PASSWORD", "hunter2")
    url = f"postgresql+psycopg://reader:${{DB_PASSWORD}}@/sales?host={tmp_path}"  # no server there
    with pytest.raises(DataError) as info:
        engine_over({"type": "sql", "url": url, "table": "orders", "engine": "sql"}, folder).get("total")
    assert "hunter2" not in str(info.value) and "***" in str(info.value)


# --- command line -----------------------------------------------------------------------------------------

SPEC = """\
deck: {{title: 订单}}
data:
  orders: {{type: sql, url: "${{ORDERS_DB}}", table: orders, engine: sql}}
metrics:
  tmall_2025: {{source: orders, agg: sum, column: amount, where: "platform == '天猫' and year(date) == 2025"}}
  share: {{formula: tmall_2025 / 2}}
slides:
  - {{kind: title}}
"""


def test_metrics_explain_prints_the_sql_with_parameters_apart(pg, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ORDERS_DB", pg["url"])
    (tmp_path / "spec.yaml").write_text(SPEC.format(), encoding="utf-8")
    assert cli.main(["metrics", str(tmp_path / "spec.yaml"), "--explain", "tmall_2025"]) == 0
    out = capsys.readouterr().out
    sql, parameters = out.split("-- parameters:")
    assert "-- metrics.tmall_2025 (source orders)" in sql and "GROUP BY" not in sql and "FROM orders AS raw" in sql
    assert "天猫" not in sql and "天猫" in parameters and "2025" in parameters


def test_metrics_explain_of_an_unknown_metric_exits_2(pg, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ORDERS_DB", pg["url"])
    (tmp_path / "spec.yaml").write_text(SPEC.format(), encoding="utf-8")
    assert cli.main(["metrics", str(tmp_path / "spec.yaml"), "--explain", "tmall2025"]) == 2
    assert "did you mean 'tmall_2025'?" in capsys.readouterr().err


def test_a_missing_variable_exits_2_located_in_the_spec(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("ORDERS_DB", raising=False)
    (tmp_path / "spec.yaml").write_text(SPEC.format(), encoding="utf-8")
    assert cli.main(["metrics", str(tmp_path / "spec.yaml")]) == 2
    err = capsys.readouterr().err
    assert "spec.yaml:3:" in err and "ORDERS_DB is not set" in err and "Traceback" not in err


def test_build_timings_report_each_source(pg, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ORDERS_DB", pg["url"])
    spec = SPEC.format().replace("  - {kind: title}", "  - {kind: title, subtitle: '{{ tmall_2025 }}'}")
    (tmp_path / "spec.yaml").write_text(spec, encoding="utf-8")
    assert cli.main(["build", str(tmp_path / "spec.yaml"), "-o", str(tmp_path / "out.pptx"), "--timings"]) == 0
    assert re.search(r"source orders \(postgresql\): \d+ queries, \d+\.\d\d s", capsys.readouterr().err)


# --- dialects ---------------------------------------------------------------------------------------------

def _dialect(name: str):
    from sqlalchemy.dialects import postgresql, sqlite

    if name in ("postgresql", "sqlite"):
        return {"postgresql": postgresql, "sqlite": sqlite}[name].dialect()
    dialect = sa.engine.default.DefaultDialect()
    dialect.name = name  # the per-dialect forms are chosen by name (clickhouse, trino, hive, bigquery)
    return dialect


@pytest.mark.parametrize(("dialect", "days", "weekday", "median"), [
    ("postgresql", "EXTRACT(EPOCH FROM", "ISODOW", "percentile_cont(0.5) WITHIN GROUP"),
    ("sqlite", "julianday(", "strftime('%w'", None),
    ("clickhouse", "dateDiff('second'", "toDayOfWeek(", "quantileExactInclusive(0.5)("),
    ("trino", "date_diff('second'", "day_of_week(", None),
    ("hive", "unix_timestamp(", "dayofweek(", "percentile("),
    ("bigquery", "TIMESTAMP_DIFF(", "DAYOFWEEK", None),
])
def test_each_dialect_gets_its_own_form_of_what_standard_sql_lacks(dialect, days, weekday, median):
    from deckbuilder.metrics.sa_sql import DaysBetween, Median, Weekday

    d, e = sa.column("d"), sa.column("e")
    compiled = {k: str(sa.select(v).compile(dialect=_dialect(dialect))) for k, v in
                {"days": DaysBetween(d, e), "weekday": Weekday(d)}.items()}
    assert days in compiled["days"] and weekday in compiled["weekday"]
    if median is None:
        with pytest.raises(sa.exc.CompileError, match="no exact median"):
            sa.select(Median(d)).compile(dialect=_dialect(dialect))
    else:
        assert median in str(sa.select(Median(d)).compile(dialect=_dialect(dialect)))


def test_values_are_bound_never_pasted_into_the_sql(pg, folder):
    hostile = "x'); DROP TABLE orders; --"
    engine = engine_over(pg, folder, {"m": {"source": "orders", "agg": "count", "default": 0,
                                            "where": f"platform == \"{hostile}\" or contains(category, '%_')"}})
    assert engine.get("m").value == 0
    sql = [s for backend in engine.backends() for _, s, _ in backend.statements]
    assert not any("DROP" in s or "%_" in s for s in sql)


def test_reading_a_pandas_source_is_time_limited_too(pg, folder, monkeypatch):
    monkeypatch.setattr(sql_connect, "SQL_QUERY_SECONDS", 0.2)
    slow = {**pg, "table": "slow_orders", "engine": "pandas"}
    with pytest.raises(DataError) as info:
        engine_over(slow, folder, {"t": {"source": "orders", "agg": "count"}}).get("t")
    issue = info.value.issues[0]
    assert issue.path == "data.orders" and "reading source 'orders' ran longer than 0.2 s" in issue.message


def test_explain_shows_duckdb_statements_with_their_parameters(folder):
    from deckbuilder.metrics.explain import explain

    duck = {"type": "parquet", "path": "orders.parquet", "engine": "duckdb"}
    engine = engine_over(duck, folder, {"m": {"source": "orders", "agg": "sum", "column": "amount",
                                              "where": "platform == '天猫'"}})
    found, pandas = explain(engine, "m")
    assert pandas == [] and [s.path for s in found] == ["metrics.m"]
    assert "read_parquet" in found[0].sql and "天猫" not in found[0].sql and found[0].params == ("天猫",)
