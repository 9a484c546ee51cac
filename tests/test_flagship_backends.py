"""The flagship deck with its sources moved into PostgreSQL (`engine: sql`) or Parquet files read by
DuckDB (`engine: duckdb`): every metric, and the built deck's texts, chart data and tables, come out
exactly as from the CSV files through pandas.

A throwaway server (tests/postgres.py) holds the example company's tables; the spec is switched
over with `--set data.NAME={type: sql, ...}` overrides, as a user would, the URL read from an
environment variable.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
import yaml
from support import SPECS

from deckbuilder.build import build_deck
from deckbuilder.build.pipeline import metric_engine
from deckbuilder.data.cache import SourceCache
from deckbuilder.metrics import explain
from deckbuilder.spec.loader import load_spec
from deckbuilder.tools.inspect import inspect_deck

FLAGSHIP = SPECS / "ecommerce_year_end.yaml"
_KEEP = ("parse_dates", "columns", "scope", "rename", "description", "lookup", "derive", "order")  # not file-specific


def _csv_sources() -> dict[str, dict]:
    return yaml.safe_load(FLAGSHIP.read_text(encoding="utf-8"))["data"]


@pytest.fixture(scope="module")
def pg_url(postgres):
    return postgres.new_database("flagship")


@pytest.fixture(scope="module")
def pg_overrides(pg_url):
    """The flagship's CSV files loaded into PostgreSQL tables; the --set overrides that switch to them."""
    engine = sa.create_engine(pg_url)
    overrides = []
    for name, source in _csv_sources().items():
        frame = pd.read_csv(SPECS / source["path"], parse_dates=source.get("parse_dates") or False)
        frame.to_sql(name, engine, index=False, if_exists="replace")
        spec = {"type": "sql", "url": "${DECKBUILDER_TEST_PG}", "table": name, "engine": "sql",
                **{k: v for k, v in source.items() if k in _KEEP}}
        overrides.append(_override(name, spec))
    engine.dispose()
    return overrides


def _looked_up() -> set[str]:
    """The sources a lookup reads into pandas (small: one row per key), as every engine does."""
    return {lookup["source"] for source in _csv_sources().values() for lookup in source.get("lookup", [])}


def _override(name: str, spec: dict) -> str:
    return f"data.{name}={yaml.safe_dump(spec, default_flow_style=True, allow_unicode=True, sort_keys=False).strip()}"


@pytest.fixture(scope="module")
def parquet_overrides(tmp_path_factory):
    """The flagship's CSV files as Parquet files; the --set overrides that aggregate them in DuckDB."""
    folder = tmp_path_factory.mktemp("flagship-parquet")
    overrides = []
    for name, source in _csv_sources().items():
        frame = pd.read_csv(SPECS / source["path"], parse_dates=source.get("parse_dates") or False)
        frame.to_parquet(folder / f"{name}.parquet")
        spec = {"type": "parquet", "path": str(folder / f"{name}.parquet"), "engine": "duckdb",
                **{k: v for k, v in source.items() if k in _KEEP}}
        overrides.append(_override(name, spec))
    return overrides


@pytest.fixture
def pg_env(monkeypatch, pg_url):
    monkeypatch.setenv("DECKBUILDER_TEST_PG", pg_url)


def _metrics(overrides=(), filters=None):
    loaded = load_spec(FLAGSHIP, overrides=overrides)
    engine = metric_engine(loaded, filters=filters, cache=SourceCache())
    assert engine is not None
    return engine, engine.compute_all()


def assert_same(csv, pg):
    assert list(csv) == list(pg)
    for name, a in csv.items():
        b = pg[name]
        assert (a.kind, a.keys) == (b.kind, b.keys), name
        if a.kind == "scalar":
            assert (a.value is None) == (b.value is None), name
            if a.value is not None:
                assert b.value == pytest.approx(a.value, rel=1e-12, abs=1e-12), name
            continue
        assert list(a.table.columns) == list(b.table.columns), name
        for column in a.table.columns:
            left, right = a.table[column], b.table[column]
            if pd.api.types.is_numeric_dtype(left) and column not in a.keys:
                np.testing.assert_allclose(left.astype(float), right.astype(float), rtol=1e-12, atol=1e-12,
                                           err_msg=f"{name}.{column}")
            else:
                assert left.astype(str).tolist() == right.astype(str).tolist(), (name, column)


def test_every_flagship_metric_is_the_same_from_postgres_as_from_csv(pg_overrides, pg_env):
    _, csv = _metrics()
    engine, pg = _metrics(pg_overrides)
    assert len(csv) > 150
    assert_same(csv, pg)
    assert engine.cache.loads == len(_looked_up())  # every aggregate ran in PostgreSQL; only lookups' small tables



def test_a_department_pushes_its_filter_into_the_sql(pg_overrides, pg_env):
    filters = {"category": ["美妆个护"]}
    _, csv = _metrics(filters=filters)
    engine, pg = _metrics(pg_overrides, filters=filters)
    assert_same(csv, pg)
    statements = [s.sql for s in explain.statements(engine)]
    assert statements and all("category" in sql for sql in statements if "FROM orders" in sql)


def test_a_department_batch_loads_nothing_from_postgres_up_front(pg_overrides, pg_env):
    from deckbuilder.build.batch import _load_sources

    assert _load_sources(load_spec(FLAGSHIP, overrides=pg_overrides)).loads == 0


def test_the_deck_built_from_postgres_is_the_csv_deck(pg_overrides, pg_env, tmp_path):
    csv_deck, pg_deck = tmp_path / "csv.pptx", tmp_path / "pg.pptx"
    build_deck(FLAGSHIP, output=csv_deck)
    build_deck(FLAGSHIP, output=pg_deck, overrides=pg_overrides)
    assert inspect_deck(pg_deck) == inspect_deck(csv_deck)
    assert pg_deck.read_bytes() == csv_deck.read_bytes()


def test_every_flagship_metric_is_the_same_from_parquet_in_duckdb_as_from_csv(parquet_overrides):
    _, csv = _metrics()
    engine, duck = _metrics(parquet_overrides)
    assert_same(csv, duck)
    assert engine.cache.loads == len(_looked_up())


def test_the_deck_built_from_parquet_in_duckdb_is_the_csv_deck(parquet_overrides, tmp_path):
    csv_deck, duck_deck = tmp_path / "csv.pptx", tmp_path / "duck.pptx"
    build_deck(FLAGSHIP, output=csv_deck)
    build_deck(FLAGSHIP, output=duck_deck, overrides=parquet_overrides)
    assert duck_deck.read_bytes() == csv_deck.read_bytes()
