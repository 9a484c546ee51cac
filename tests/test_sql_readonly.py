"""SQL sources only read their declared data: every write or stray-read attempt is a located exit 2.

The attempts are the ones from issue 14 (COPY ... TO, read_csv of an undeclared file from an
in-memory DuckDB, SQLite VACUUM INTO and ATTACH) plus their neighbours (several statements,
PRAGMA, INSTALL/LOAD, pushdown). Each build must fail with the spec's file:line and the
source's query field, and leave the folder exactly as it was.
"""

from __future__ import annotations

import json
import sqlite3

import duckdb
import pytest

from deckbuilder import cli
from deckbuilder.errors import DataError
from deckbuilder.metrics.engine import MetricEngine


@pytest.fixture
def folder(tmp_path):
    with sqlite3.connect(tmp_path / "sales.db") as con:
        con.execute("CREATE TABLE orders (platform TEXT, amount REAL)")
        con.executemany("INSERT INTO orders VALUES (?, ?)", [("天猫", 100.0), ("京东", 250.0)])
    con.close()
    duck = duckdb.connect(str(tmp_path / "sales.duckdb"))
    duck.execute("CREATE TABLE orders AS SELECT * FROM (VALUES ('天猫', 100.0), ('京东', 250.0)) t(platform, amount)")
    duck.close()
    (tmp_path / "secret.csv").write_text("platform,amount\nstolen,1000000\n", encoding="utf-8")
    return tmp_path


def _write_spec(folder, url: str, query: str, engine: str = "pandas"):
    spec = folder / "deck.yaml"
    source = {"type": "sql", "url": url, "query": query}
    if engine != "pandas":
        source["engine"] = engine
    text = "\n".join([
        "deck: {title: SQL}",
        "data:",
        f"  orders: {json.dumps(source, ensure_ascii=False)}",
        "metrics:",
        "  total: {source: orders, agg: sum, column: amount}",
        "slides:",
        "  - kind: kpi",
        "    title: t",
        "    cards:",
        "      - {label: a, metric: total}",
        "      - {label: b, value: '1'}",
        "",
    ])
    spec.write_text(text, encoding="utf-8")
    return spec


def _build_fails_located(folder, capsys, url, query, engine="pandas"):
    spec = _write_spec(folder, url, query, engine)
    before = sorted(p.name for p in folder.iterdir())
    code = cli.main(["build", str(spec), "-o", str(folder / "deck.pptx")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"{spec}:3:" in err and "data.orders.query" in err, err
    assert "Traceback" not in err
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written, not even the deck
    return err


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
def test_duckdb_copy_to_writes_no_file(folder, capsys, engine):
    target = folder / "out.csv"
    err = _build_fails_located(folder, capsys, "duckdb:///sales.duckdb", f"COPY orders TO '{target}'", engine)
    assert "single SELECT" in err and not target.exists()


def test_in_memory_duckdb_cannot_read_undeclared_files(folder, capsys):
    err = _build_fails_located(folder, capsys, "duckdb:///:memory:",
                               f"SELECT * FROM read_csv('{folder / 'secret.csv'}')")
    assert "stolen" not in err


def test_duckdb_database_cannot_read_undeclared_files(folder, capsys):
    _build_fails_located(folder, capsys, "duckdb:///sales.duckdb",
                         f"SELECT * FROM read_csv('{folder / 'secret.csv'}')", "duckdb")


@pytest.mark.parametrize("query", ["VACUUM INTO 'copy.db'", "VACUUM INTO (SELECT 'copy.db')",
                                   "ATTACH 'copy.db' AS other", "SELECT 1 AS amount; ATTACH 'copy.db' AS other",
                                   "PRAGMA journal_mode", "DELETE FROM orders",
                                   "WITH x AS (SELECT 1) INSERT INTO orders SELECT 'a', 1 FROM x"])
def test_sqlite_statements_that_write_are_refused(folder, capsys, query):
    _build_fails_located(folder, capsys, "sqlite:///sales.db", query)
    assert not (folder / "copy.db").exists()


@pytest.mark.parametrize("query", ["SELECT 1 AS amount; SELECT 2 AS amount", "INSTALL httpfs", "LOAD httpfs",
                                   "ATTACH 'copy.duckdb'", "PRAGMA version", "SET enable_external_access = true",
                                   "EXPORT DATABASE 'dump'", "CALL pragma_version()"])
def test_duckdb_statements_other_than_one_select_are_refused(folder, capsys, query):
    err = _build_fails_located(folder, capsys, "duckdb:///sales.duckdb", query)
    assert "single SELECT" in err


@pytest.mark.parametrize("url", ["sqlite:///sales.db", "duckdb:///sales.duckdb"])
def test_select_and_with_still_work(folder, url):
    for query in ("SELECT * FROM orders", "WITH big AS (SELECT * FROM orders WHERE amount > 150) SELECT * FROM big",
                  "  -- the big ones\n  SELECT * FROM orders WHERE amount > 150;  "):
        engine = MetricEngine({"orders": {"type": "sql", "url": url, "query": query}},
                              {"total": {"source": "orders", "agg": "sum", "column": "amount"}}, base_dir=folder)
        assert engine.get("total").value in (350.0, 250.0)


def test_sqlite_database_is_opened_read_only(folder):
    """Even a statement the checks missed could not write: the connection itself is read-only."""
    from deckbuilder.data.sql_guard import open_sqlite

    con = open_sqlite(str(folder / "sales.db"))
    with pytest.raises(sqlite3.OperationalError):
        con.execute("DELETE FROM orders")
    with pytest.raises(sqlite3.OperationalError):
        con.execute("ATTACH 'copy.db' AS other")
    con.close()
    assert not (folder / "copy.db").exists()


def test_refusal_names_the_source(folder):
    engine = MetricEngine({"orders": {"type": "sql", "url": "sqlite:///sales.db", "query": "VACUUM INTO 'copy.db'"}},
                          {"total": {"source": "orders", "agg": "sum", "column": "amount"}}, base_dir=folder)
    with pytest.raises(DataError) as info:
        engine.get("total")
    issue = info.value.issues[0]
    assert issue.path == "data.orders.query" and "'orders'" in issue.message
