"""The pandas backend's shortcuts give exactly what pandas' own operations give.

For speed, text columns are compared on their category codes (``==``, ``!=``, ``in``), ``and`` /
``or`` combine plain arrays, date texts are parsed once per distinct text, derived columns are
added together, and rows are not sorted by their keys twice. Each test states the rule with pandas
itself (or the plain definition) as the reference, over missing values and texts no row holds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from deckbuilder.data.coerce import convert
from deckbuilder.metrics.engine import MetricEngine

ROWS = pd.DataFrame({
    "tier": pd.array(["a", "b", None, "a", "c", None, "b", "a"], dtype="str"),
    "x": [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0],
    "flag": [True, False, True, False, True, False, False, True],
})


def total(where: str, *, source: dict | None = None) -> float:
    """Sum of x over the rows *where* selects (0 when none)."""
    metric = {"source": "t", "agg": "sum", "column": "x", "where": where, "default": 0}
    sources = {"t": {"type": "csv", "path": "unused.csv", **source}} if source else {}
    return MetricEngine(sources, {"m": metric}, data={"t": ROWS}).get("m").value


def pandas_total(selected: pd.Series) -> float:
    return float(ROWS.loc[selected.to_numpy(dtype=bool), "x"].sum())


@pytest.mark.parametrize("where, selected", [
    ("tier == 'a'", lambda t: t.tier == "a"),
    ("tier != 'a'", lambda t: t.tier != "a"),  # missing tiers are "not a"
    ("tier == 'zzz'", lambda t: t.tier == "zzz"),  # a text no row holds selects none
    ("tier != 'zzz'", lambda t: t.tier != "zzz"),
    ("tier in ['a', 'zzz']", lambda t: t.tier.isin(["a", "zzz"])),
    ("tier not in ['a', 'b']", lambda t: ~t.tier.isin(["a", "b"])),
    ("(tier == 'a' or x > 20) and not flag", lambda t: ((t.tier == "a") | (t.x > 20)) & ~t.flag),
    ("tier == 'b' or tier == 'c' or x >= 128", lambda t: (t.tier == "b") | (t.tier == "c") | (t.x >= 128)),
])
def test_where_on_a_text_column_selects_the_rows_pandas_selects(where, selected):
    assert total(where) == pandas_total(selected(ROWS))


def test_derived_conditions_on_text_select_the_rows_pandas_selects():
    source = {"derive": {"not_a": "tier != 'a'", "pick": "not_a and tier in ['b', 'zzz']", "big": "x > 10"}}
    assert total("pick or big", source=source) == pandas_total(((ROWS.tier != "a") & ROWS.tier.isin(["b"]))
                                                               | (ROWS.x > 10))


def test_a_derived_column_can_hold_one_value_for_every_row():
    assert total("one == 1", source={"derive": {"one": "1"}}) == ROWS.x.sum()


@pytest.mark.parametrize("texts", [
    ["2024-01-01", "2024-01-02", "2024-01-01", "2024-01-01"],  # repeated days
    [None, "2024-03-01", None, "2024-03-01"],  # missing values, also first
    ["2024-01-01 10:30:00", "2024-01-02 00:00:00"],
    ["2024/1/5", "2024/12/25", "2024/1/5"],
    ["2024-01-01T00:00:00.123456789", "2024-01-01T00:00:00.000000001"],
    [None, None],
])
def test_declared_dates_are_read_as_pandas_reads_them(texts):
    series = pd.Series(texts, dtype="str", name="d", index=np.arange(len(texts)) * 10)
    converted = convert(series, "datetime", path="data.t.columns.d")
    pd.testing.assert_series_equal(converted, pd.to_datetime(series, errors="coerce"), check_exact=True)


def test_rows_a_target_brings_in_are_sorted_with_the_others():
    # 服装 has a target and no sales: the target puts it last, sorting by key puts it before 美妆
    sales = pd.DataFrame({"category": ["美妆", "数码", "家居"], "amount": [100.0, 200.0, 300.0]})
    goals = pd.DataFrame({"category": ["美妆", "数码", "家居", "服装"], "goal": [100.0, 400.0, 600.0, 50.0]})
    metrics = {"goal": {"source": "goals", "agg": "sum", "column": "goal", "by": "category"},
               "m": {"source": "sales", "agg": "sum", "column": "amount", "by": "category", "target": "goal",
                     "sort": "key", "default": 0}}
    table = MetricEngine({}, metrics, data={"sales": sales, "goals": goals}).get("m").table
    assert table["category"].tolist() == sorted(["美妆", "数码", "家居", "服装"])
    assert table["m"].tolist() == [0.5, 0.5, 0.0, 1.0]
