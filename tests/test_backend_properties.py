"""Property: any filter, grouping and grain gives the same figures from pandas, DuckDB and PostgreSQL.

Hypothesis writes random ``where`` expressions (comparisons, lists, missing values, date parts,
text functions, arithmetic, and/or/not), aggregates, ``by`` columns and time grains over a small
generated table held three ways: a Parquet file read by pandas, the same file aggregated inside
DuckDB (``engine: duckdb``) and a PostgreSQL table (``engine: sql``).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from deckbuilder.data.cache import SourceCache
from deckbuilder.errors import DeckBuilderError
from deckbuilder.metrics.engine import MetricEngine

ROWS = 240


def table() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    x = rng.normal(50, 30, ROWS).round(2)
    x[rng.random(ROWS) < 0.1] = np.nan
    return pd.DataFrame({
        "d": pd.Timestamp("2023-11-01") + pd.to_timedelta(rng.integers(0, 500, ROWS), unit="D"),
        "cat": rng.choice(np.array(["a", "b", "c", "ab", "Ba", None], dtype=object), ROWS),
        "x": x,
        "n": rng.integers(-5, 20, ROWS),
        "flag": rng.random(ROWS) < 0.4,
    })


@pytest.fixture(scope="module")
def sources(postgres, tmp_path_factory):
    folder = tmp_path_factory.mktemp("properties")
    frame = table()
    frame.to_parquet(folder / "t.parquet")
    url = postgres.new_database("properties")
    engine = sa.create_engine(url)
    frame.to_sql("props", engine, index=False, if_exists="replace")
    engine.dispose()
    return folder, {
        "pandas": ({"type": "parquet", "path": "t.parquet"}, SourceCache()),
        "duckdb": ({"type": "parquet", "path": "t.parquet", "engine": "duckdb"}, SourceCache()),
        "postgres": ({"type": "sql", "url": url, "table": "props", "engine": "sql"}, SourceCache()),
    }


numbers = st.one_of(st.integers(-10, 120), st.floats(-10, 120, allow_nan=False).map(lambda v: round(v, 1)))
texts = st.sampled_from(["a", "b", "c", "ab", "Ba", "z"])
ops = st.sampled_from(["==", "!=", "<", "<=", ">", ">="])
dates = st.dates(min_value=pd.Timestamp("2023-10-01").date(), max_value=pd.Timestamp("2025-04-01").date())


@st.composite
def atoms(draw) -> str:
    choice = draw(st.integers(0, 13))
    op = draw(ops)
    if choice == 0:
        return f"x {op} {draw(numbers)}"
    if choice == 1:
        return f"n {op} {draw(st.integers(-5, 20))}"
    if choice == 2:
        return f"cat {draw(st.sampled_from(['==', '!=']))} '{draw(texts)}'"
    if choice == 3:
        listed = ", ".join(f"'{t}'" for t in draw(st.lists(texts, min_size=1, max_size=3)))
        return f"cat {draw(st.sampled_from(['in', 'not in']))} [{listed}]"
    if choice == 4:
        return f"{draw(st.sampled_from(['is_null', 'not_null']))}({draw(st.sampled_from(['cat', 'x']))})"
    if choice == 5:
        part = draw(st.sampled_from(["year", "quarter", "month", "day", "weekday"]))
        return f"{part}(d) {op} {draw(st.integers(0, 2025))}" if part == "year" else \
            f"{part}(d) {op} {draw(st.integers(0, 12))}"
    if choice == 6:
        return f"d {op} '{draw(dates).isoformat()}'"
    if choice == 7:
        func = draw(st.sampled_from(["contains", "startswith", "endswith"]))
        return f"{func}({draw(st.sampled_from(['cat', 'lower(cat)', 'upper(cat)']))}, '{draw(texts)}')"
    if choice == 8:
        return "flag"
    if choice == 9:
        return f"abs(x - {draw(numbers)}) {op} {draw(st.integers(0, 60))}"
    if choice == 10:
        return f"x {draw(st.sampled_from(['+', '-', '*']))} n {op} {draw(numbers)}"
    if choice == 11:
        return f"days_between(d, '{draw(dates).isoformat()}') {op} {draw(st.integers(-400, 400))}"
    if choice == 12:
        return f"month_start(d) {op} '{draw(dates).replace(day=1).isoformat()}'"
    return f"x / {draw(st.sampled_from([2, 4, 0.5]))} {op} {draw(numbers)}"


def conditions() -> st.SearchStrategy[str]:
    return st.recursive(atoms(), lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        inner.map(lambda c: f"not ({c})")), max_leaves=4)


@st.composite
def metrics(draw) -> dict:
    agg = draw(st.sampled_from(["sum", "mean", "median", "min", "max", "count", "count_distinct"]))
    metric: dict = {"source": "t", "agg": agg}
    if agg != "count" or draw(st.booleans()):
        metric["column"] = draw(st.sampled_from(["x", "n"] if agg not in ("count", "count_distinct")
                                                else ["x", "n", "cat"]))
    if draw(st.booleans()):
        metric["where"] = draw(conditions())
    grouping = draw(st.sampled_from(["none", "by", "grain", "both"]))
    if grouping in ("by", "both"):
        metric["by"] = draw(st.sampled_from(["cat", "flag"]))
    if grouping in ("grain", "both"):
        metric.update(grain=draw(st.sampled_from(["month", "quarter", "year"])), date="d")
    return metric


def compute(sources, backend: str, metric: dict):
    """The metric's result, or the message of the error it raises (every backend must raise the same)."""
    folder, by_name = sources
    source, cache = by_name[backend]
    try:
        return MetricEngine({"t": source}, {"m": metric}, base_dir=folder, cache=cache).get("m")
    except DeckBuilderError as exc:
        return exc.issues[0].message


def same(a, b) -> bool:
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)):
        return (a is None or math.isnan(a)) and (b is None or math.isnan(b))
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(metric=metrics())
@example(metric={"source": "t", "agg": "count", "grain": "month", "date": "d"})  # keys only from a construct
@example(metric={"source": "t", "agg": "sum", "column": "x", "where": "year(d) != 2024", "by": "cat"})
def test_pandas_duckdb_and_postgres_agree(sources, metric):
    expected = compute(sources, "pandas", metric)
    for backend in ("duckdb", "postgres"):
        got = compute(sources, backend, metric)
        if isinstance(expected, str) or isinstance(got, str):
            assert got == expected, backend
            continue
        assert got.kind == expected.kind, backend
        if expected.kind == "scalar":
            assert same(expected.value, got.value), (backend, expected.value, got.value)
            continue
        left, right = expected.table.reset_index(drop=True), got.table.reset_index(drop=True)
        assert list(left.columns) == list(right.columns), backend
        assert len(left) == len(right), (backend, left, right)
        for column in left.columns:
            if column in expected.keys:
                assert left[column].astype(str).tolist() == right[column].astype(str).tolist(), (backend, column)
            else:
                assert all(same(a, b) for a, b in zip(left[column], right[column])), (backend, left, right)
