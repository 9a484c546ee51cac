"""Sources read from files and databases created in tmp_path, and DuckDB pushdown parity."""

import json
import sqlite3

import duckdb
import numpy as np
import pandas as pd
import pytest

from deckbuilder.data.cache import SourceCache
from deckbuilder.data.sources import read_source
from deckbuilder.errors import DataError, SpecError
from deckbuilder.metrics.engine import MetricEngine
from deckbuilder.spec.data_model import validate_sources

ROWS = [
    ("2024-03-01", "天猫", "美妆", "c1", 100.0),
    ("2024-11-11", "京东", "数码", "c2", 200.0),
    ("2025-06-18", "天猫", "家居", "c1", 300.0),
    ("2025-11-11", "抖音", "美妆", "c3", 400.0),
]
COLUMNS = ["date", "platform", "category", "customer_id", "amount"]
SUM = {"total": {"source": "orders", "agg": "sum", "column": "amount"}}


@pytest.fixture
def frame():
    return pd.DataFrame(ROWS, columns=COLUMNS)


def read(spec, base_dir, name="orders"):
    return read_source(name, validate_sources({name: spec})[name], base_dir)


def total(spec, base_dir, **kwargs):
    engine = MetricEngine({"orders": spec}, SUM, base_dir=base_dir, **kwargs)
    return engine.get("total").value


# --- CSV ---------------------------------------------------------------------------------------------

@pytest.fixture
def csv_file(tmp_path, frame):
    frame.to_csv(tmp_path / "orders.csv", index=False)
    return tmp_path


def test_csv_with_parse_dates_and_types(csv_file):
    df = read({"type": "csv", "path": "orders.csv", "parse_dates": ["date"],
               "columns": {"customer_id": "str", "amount": "float"}}, csv_file)
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    assert df["amount"].sum() == 1000.0


def test_relative_paths_resolve_against_base_dir(csv_file, monkeypatch, tmp_path_factory):
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    assert total({"type": "csv", "path": "orders.csv"}, csv_file) == 1000.0


def test_csv_rename(csv_file):
    df = read({"type": "csv", "path": "orders.csv", "rename": {"amount": "sales"}}, csv_file)
    assert "sales" in df.columns and "amount" not in df.columns


def test_csv_in_gbk_needs_its_encoding(tmp_path, frame):
    frame.to_csv(tmp_path / "gbk.csv", index=False, encoding="gbk")
    with pytest.raises(DataError) as info:
        read({"type": "csv", "path": "gbk.csv"}, tmp_path)
    assert info.value.issues[0].path == "data.orders.encoding"
    assert read({"type": "csv", "path": "gbk.csv", "encoding": "gbk"}, tmp_path)["platform"][0] == "天猫"


def test_missing_file_suggests_the_closest_name(csv_file):
    with pytest.raises(DataError) as info:
        read({"type": "csv", "path": "order.csv"}, csv_file)
    issue = info.value.issues[0]
    assert issue.path == "data.orders.path" and "did you mean 'orders.csv'?" in issue.hint


def test_missing_parse_dates_column_suggests_the_closest(csv_file):
    with pytest.raises(DataError) as info:
        read({"type": "csv", "path": "orders.csv", "parse_dates": ["dat"]}, csv_file)
    issue = info.value.issues[0]
    assert issue.path == "data.orders.parse_dates[0]" and "did you mean 'date'?" in issue.hint


def test_missing_declared_column_is_located(csv_file):
    with pytest.raises(DataError) as info:
        read({"type": "csv", "path": "orders.csv", "columns": {"amout": "float"}}, csv_file)
    assert info.value.issues[0].path == "data.orders.columns.amout"


def test_bad_value_for_a_declared_type_names_the_row(tmp_path):
    (tmp_path / "bad.csv").write_text("amount\n1\n2\nabc\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"cannot read 'abc' \(row 3\) as a number"):
        read({"type": "csv", "path": "bad.csv", "columns": {"amount": "float"}}, tmp_path)


def test_bad_date_names_the_value(tmp_path):
    (tmp_path / "bad.csv").write_text("date\n2025-01-01\nsoon\n", encoding="utf-8")
    with pytest.raises(DataError, match="cannot read 'soon'"):
        read({"type": "csv", "path": "bad.csv", "parse_dates": ["date"]}, tmp_path)


def test_unknown_source_type_is_a_spec_error():
    with pytest.raises(SpecError) as info:
        validate_sources({"orders": {"type": "xlsx", "path": "a.xlsx"}})
    assert info.value.issues[0].path == "data.orders"


# --- Excel, Parquet, JSON -------------------------------------------------------------------------------

@pytest.fixture
def excel_file(tmp_path, frame):
    with pd.ExcelWriter(tmp_path / "book.xlsx") as writer:
        pd.DataFrame({"x": [1]}).to_excel(writer, sheet_name="说明", index=False)
        frame.to_excel(writer, sheet_name="订单", index=False)
    return tmp_path


def test_excel_sheet_by_name(excel_file):
    assert total({"type": "excel", "path": "book.xlsx", "sheet": "订单"}, excel_file) == 1000.0


def test_excel_sheet_by_index(excel_file):
    assert list(read({"type": "excel", "path": "book.xlsx", "sheet": 1}, excel_file).columns) == COLUMNS


def test_missing_excel_sheet_suggests_the_closest(excel_file):
    with pytest.raises(DataError) as info:
        read({"type": "excel", "path": "book.xlsx", "sheet": "订单s"}, excel_file)
    issue = info.value.issues[0]
    assert issue.path == "data.orders.sheet" and "did you mean '订单'?" in issue.hint


def test_parquet(tmp_path, frame):
    frame.to_parquet(tmp_path / "orders.parquet")
    assert total({"type": "parquet", "path": "orders.parquet"}, tmp_path) == 1000.0


def test_json_records(tmp_path, frame):
    (tmp_path / "o.json").write_text(frame.to_json(orient="records", force_ascii=False), encoding="utf-8")
    assert total({"type": "json", "path": "o.json"}, tmp_path) == 1000.0


def test_json_lines(tmp_path, frame):
    (tmp_path / "o.jsonl").write_text(frame.to_json(orient="records", lines=True, force_ascii=False),
                                      encoding="utf-8")
    assert total({"type": "json", "path": "o.jsonl", "lines": True}, tmp_path) == 1000.0


def test_json_record_path(tmp_path, frame):
    payload = {"data": {"orders": json.loads(frame.to_json(orient="records"))}}
    (tmp_path / "o.json").write_text(json.dumps(payload), encoding="utf-8")
    assert total({"type": "json", "path": "o.json", "record_path": "data.orders"}, tmp_path) == 1000.0


def test_json_bad_record_path(tmp_path):
    (tmp_path / "o.json").write_text(json.dumps({"data": {"orders": []}}), encoding="utf-8")
    with pytest.raises(DataError) as info:
        read({"type": "json", "path": "o.json", "record_path": "data.order"}, tmp_path)
    assert "did you mean 'orders'?" in info.value.issues[0].hint


# --- SQL -------------------------------------------------------------------------------------------------

@pytest.fixture
def sqlite_db(tmp_path, frame):
    with sqlite3.connect(tmp_path / "sales.db") as con:
        frame.to_sql("orders", con, index=False)
    return tmp_path


@pytest.fixture
def duckdb_db(tmp_path, frame):
    con = duckdb.connect(str(tmp_path / "sales.duckdb"))
    con.register("frame", frame)
    con.execute("CREATE TABLE orders AS SELECT CAST(date AS DATE) AS date, platform, category, customer_id, "
                "amount FROM frame")
    con.close()
    return tmp_path


def test_sqlite_query(sqlite_db):
    spec = {"type": "sql", "url": "sqlite:///sales.db", "query": "SELECT * FROM orders WHERE amount > 150",
            "parse_dates": ["date"]}
    assert total(spec, sqlite_db) == 900.0


def test_sqlite_table_and_dates(sqlite_db):
    engine = MetricEngine({"orders": {"type": "sql", "url": "sqlite:///sales.db", "table": "orders",
                                      "parse_dates": ["date"]}},
                          {"y": {"source": "orders", "agg": "sum", "column": "amount", "compare": "yoy"}},
                          base_dir=sqlite_db)
    assert engine.get("y").value == pytest.approx(700 / 300 - 1)


def test_sqlite_aggregation_inside_the_database(sqlite_db):
    spec = {"type": "sql", "url": "sqlite:///sales.db",
            "query": "SELECT platform, SUM(amount) AS sales FROM orders GROUP BY platform"}
    engine = MetricEngine({"p": spec}, {"s": {"source": "p", "agg": "sum", "column": "sales", "by": "platform"}},
                          base_dir=sqlite_db)
    assert engine.get("s").table.values.tolist() == [["天猫", 400.0], ["抖音", 400.0], ["京东", 200.0]]


def test_sqlite_missing_table_suggests_the_closest(sqlite_db):
    with pytest.raises(DataError) as info:
        total({"type": "sql", "url": "sqlite:///sales.db", "table": "order"}, sqlite_db)
    issue = info.value.issues[0]
    assert issue.path == "data.orders.table" and "did you mean 'orders'?" in issue.hint


def test_sqlite_bad_query_is_a_data_error(sqlite_db):
    with pytest.raises(DataError) as info:
        total({"type": "sql", "url": "sqlite:///sales.db", "query": "SELECT * FROM nope"}, sqlite_db)
    assert info.value.issues[0].path == "data.orders.query" and "orders" in info.value.issues[0].hint


def test_missing_sqlite_file_is_not_created(tmp_path):
    with pytest.raises(DataError) as info:
        total({"type": "sql", "url": "sqlite:///nope.db", "table": "orders"}, tmp_path)
    assert info.value.issues[0].path == "data.orders.url"
    assert not (tmp_path / "nope.db").exists()


def test_duckdb_query(duckdb_db):
    spec = {"type": "sql", "url": "duckdb:///sales.duckdb", "query": "SELECT * FROM orders WHERE platform = '天猫'"}
    assert total(spec, duckdb_db) == 400.0


def test_duckdb_missing_table_suggests_the_closest(duckdb_db):
    with pytest.raises(DataError, match="no table 'order'"):
        total({"type": "sql", "url": "duckdb:///sales.duckdb", "table": "order"}, duckdb_db)


def test_duckdb_engine_needs_a_duckdb_url():
    with pytest.raises(SpecError, match="needs a duckdb:/// URL"):
        validate_sources({"o": {"type": "sql", "url": "sqlite:///a.db", "table": "t", "engine": "duckdb"}})


# --- pushdown --------------------------------------------------------------------------------------------

PARITY_METRICS = {
    "total": {"source": "orders", "agg": "sum", "column": "amount"},
    "customers": {"source": "orders", "agg": "count_distinct", "column": "customer_id"},
    "median": {"source": "orders", "agg": "median", "column": "amount", "where": "platform != '京东'"},
    "yoy": {"source": "orders", "agg": "sum", "column": "amount", "compare": "yoy"},
    "by_quarter": {"source": "orders", "agg": "mean", "column": "amount", "grain": "quarter",
                   "where": "year(date) == year(max(date))"},
    "monthly_yoy": {"source": "orders", "agg": "sum", "column": "amount", "grain": "month", "compare": "yoy"},
    "share": {"source": "orders", "agg": "sum", "column": "amount", "by": "platform", "share": True},
    "top": {"source": "orders", "agg": "count", "by": "category", "top": 3, "others": "其他", "rank": True},
    "by_year_platform": {"source": "orders", "agg": "max", "column": "amount", "grain": "year",
                         "by": "platform", "pivot": True},
    "filtered": {"source": "orders", "agg": "count",
                 "where": "contains(category, '美') or (amount >= 500 and not is_null(region))"},
    "aov": {"formula": "total / customers"},
}


def parity_frame(n: int = 3000) -> pd.DataFrame:
    """Orders over two years with text, missing and numeric columns: the data every backend must agree on."""
    rng = np.random.default_rng(7)
    return pd.DataFrame({
        "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 731, n), unit="D"),
        "platform": rng.choice(["天猫", "京东", "抖音", "拼多多", "自营商城"], n),
        "category": rng.choice(["家居生活", "美妆个护", "数码3C", "母婴用品", "食品"], n),
        "region": rng.choice(["一线", "新一线", "下沉", None], n),
        "customer_id": rng.integers(0, 800, n),
        "amount": rng.gamma(2.0, 150.0, n).round(2),
    })


@pytest.fixture(scope="module")
def parity_dir(tmp_path_factory):
    frame = parity_frame()
    folder = tmp_path_factory.mktemp("parity")
    frame.to_parquet(folder / "orders.parquet")
    con = duckdb.connect(str(folder / "orders.duckdb"))
    con.register("frame", frame)
    con.execute("CREATE TABLE orders AS SELECT * FROM frame")
    con.close()
    return folder


def assert_same_results(left, right):
    for name in PARITY_METRICS:
        a, b = left[name], right[name]
        assert a.kind == b.kind, name
        if a.kind == "scalar":
            assert a.value == pytest.approx(b.value, rel=1e-12), name
            continue
        assert list(a.table.columns) == list(b.table.columns), name
        for col in a.table.columns:
            if col in a.keys:
                assert a.table[col].astype(str).tolist() == b.table[col].astype(str).tolist(), (name, col)
            else:
                np.testing.assert_allclose(a.table[col].astype(float), b.table[col].astype(float), rtol=1e-12)


@pytest.mark.parametrize("source", [
    {"type": "parquet", "path": "orders.parquet", "engine": "duckdb"},
    {"type": "sql", "url": "duckdb:///orders.duckdb", "table": "orders", "engine": "duckdb"},
])
def test_pushdown_gives_the_same_results_as_pandas(parity_dir, source):
    pandas_engine = MetricEngine({"orders": {"type": "parquet", "path": "orders.parquet"}}, PARITY_METRICS,
                                 base_dir=parity_dir)
    duck_engine = MetricEngine({"orders": source}, PARITY_METRICS, base_dir=parity_dir)
    assert_same_results(pandas_engine.compute_all(), duck_engine.compute_all())


def test_pushdown_applies_filters_like_pandas(parity_dir):
    filters = {"platform": ["天猫", "京东"], "category": "美妆个护"}
    pandas_engine = MetricEngine({"orders": {"type": "parquet", "path": "orders.parquet"}}, PARITY_METRICS,
                                 base_dir=parity_dir, filters=filters)
    duck_engine = MetricEngine({"orders": {"type": "parquet", "path": "orders.parquet", "engine": "duckdb"}},
                               PARITY_METRICS, base_dir=parity_dir, filters=filters)
    assert_same_results(pandas_engine.compute_all(), duck_engine.compute_all())


def test_pushdown_does_not_load_the_file_into_pandas(parity_dir):
    cache = SourceCache()
    engine = MetricEngine({"orders": {"type": "parquet", "path": "orders.parquet", "engine": "duckdb"}},
                          PARITY_METRICS, base_dir=parity_dir, cache=cache)
    engine.get("total")
    assert cache.loads == 0


def test_pushdown_missing_column_suggests_the_closest(parity_dir):
    engine = MetricEngine({"orders": {"type": "parquet", "path": "orders.parquet", "engine": "duckdb"}},
                          {"m": {"source": "orders", "agg": "sum", "column": "amout"}}, base_dir=parity_dir)
    with pytest.raises(DataError) as info:
        engine.get("m")
    assert "did you mean 'amount'?" in info.value.issues[0].hint


def test_pushdown_filter_value_that_matches_nothing(parity_dir):
    with pytest.raises(DataError) as info:
        total({"type": "parquet", "path": "orders.parquet", "engine": "duckdb"}, parity_dir,
              filters={"platform": "天貓"})
    assert info.value.issues[0].path == "filters.platform" and "天猫" in info.value.issues[0].hint


def test_pushdown_source_without_the_filter_column_is_an_error_unless_company_wide(parity_dir):
    duck = {"type": "parquet", "path": "orders.parquet", "engine": "duckdb"}
    with pytest.raises(DataError) as info:
        total(duck, parity_dir, filters={"segment": "企业"})
    issue = info.value.issues[0]
    assert issue.path == "filters.segment" and "is in none of the sources" in issue.message
    whole = MetricEngine({"orders": {**duck, "scope": "company"}}, {"t": {"source": "orders", "agg": "count"}},
                         base_dir=parity_dir, filters={"segment": "企业"})
    assert whole.get("t").value == 3000  # company-wide: every row, the filter does not apply
