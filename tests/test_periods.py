"""Periods relative to an as-of date: where functions, the period: field, labels, and DuckDB parity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from deckbuilder.errors import DataError, SpecError
from deckbuilder.metrics.engine import MetricEngine
from deckbuilder.metrics.periods import period_range
from deckbuilder.text.period_labels import period_label, quarter_label, year_label, ytd_label
from deckbuilder.text.templating import TextContext, render_text

T = pd.Timestamp


@pytest.mark.parametrize(("name", "start", "end"), [
    ("ytd", "2025-01-01", "2025-12-01"),
    ("ytd_last_year", "2024-01-01", "2024-12-01"),  # Jan-Nov vs Jan-Nov
    ("this_year", "2025-01-01", "2026-01-01"),
    ("last_year", "2024-01-01", "2025-01-01"),
    ("this_quarter", "2025-10-01", "2026-01-01"),
    ("last_quarter", "2025-07-01", "2025-10-01"),
    ("qtd", "2025-10-01", "2025-12-01"),
    ("qtd_last_year", "2024-10-01", "2024-12-01"),
    ("this_month", "2025-11-01", "2025-12-01"),
    ("last_month", "2025-10-01", "2025-11-01"),
    ("mtd", "2025-11-01", "2025-12-01"),
    ("same_month_last_year", "2024-11-01", "2024-12-01"),
    ("same_quarter_last_year", "2024-10-01", "2025-01-01"),
])
def test_period_ranges_as_of_30_november(name, start, end):
    assert period_range(name, T("2025-11-30")) == (T(start), T(end))


def test_last_n_months_ends_with_the_as_of_day():
    assert period_range("last_months", T("2025-06-15"), 3) == (T("2025-04-01"), T("2025-06-16"))


def test_last_year_of_a_month_end_is_that_month_end():
    assert period_range("ytd_last_year", T("2025-02-28"))[1] == T("2024-03-01")  # 29 Feb 2024 included
    assert period_range("ytd_last_year", T("2024-02-29"))[1] == T("2023-03-01")


DAYS = pd.date_range("2024-01-01", "2025-06-30", freq="D")
ROWS = pd.DataFrame({"date": DAYS, "amount": np.ones(len(DAYS)), "shop": np.where(DAYS.day % 2 == 0, "a", "b")})


def metric(**fields):
    return {"source": "orders", "agg": "sum", "column": "amount", **fields}


def engine(metrics, params=None, frame=ROWS):
    return MetricEngine({"orders": {"type": "csv", "path": "x.csv"}}, metrics, data={"orders": frame}, params=params)


def test_ytd_against_the_same_days_last_year():
    e = engine({"cur": metric(where="ytd(date)"), "prev": metric(where="ytd_last_year(date)")})
    assert (e.get("cur").value, e.get("prev").value) == (181.0, 182.0)  # Jan-Jun 2025 / Jan-Jun 2024 (leap)


def test_without_as_of_the_latest_date_of_the_column_is_used():
    e = engine({"m": metric(where="this_month(date)")})
    assert e.get("m").value == 30.0


def test_the_as_of_param_moves_every_period():
    e = engine({"m": metric(period="ytd")}, {"as_of": {"type": "date", "default": "2025-03-31"}})
    assert e.get("m").value == 90.0


def test_period_field_combines_with_where():
    e = engine({"m": metric(period="last_month", where="shop == 'a'")})
    assert e.get("m").value == 15.0  # May 2025, even days


def test_period_field_last_n_months():
    assert engine({"m": metric(period="last_3_months")}).get("m").value == 30 + 31 + 30


def test_period_on_a_text_column_is_a_located_error():
    with pytest.raises(DataError) as info:
        engine({"m": metric(where="ytd(shop)")}).get("m")
    assert info.value.issues[0].path == "metrics.m.where" and "needs a date column" in info.value.issues[0].message


def test_period_function_needs_a_column():
    with pytest.raises(SpecError, match=r"ytd\(\) takes a date column"):
        engine({"m": metric(where="ytd('2025-01-01')")})


def test_unknown_period_suggests():
    with pytest.raises(SpecError) as info:
        engine({"m": metric(period="ytdd")})
    assert info.value.issues[0].path == "metrics.m.period" and "did you mean 'ytd'?" in info.value.issues[0].message


def test_last_months_needs_a_whole_number():
    with pytest.raises(SpecError, match="whole number of months"):
        engine({"m": metric(where="last_months(date, 0)")})


def test_aligned_yoy_with_compare():
    e = engine({"m": metric(where="ytd(date) or ytd_last_year(date)", compare="yoy")})
    result = e.get("m")
    assert (result.details["current"], result.details["previous"]) == (181.0, 182.0)


# --- pandas and DuckDB agree -------------------------------------------------------------------
PARITY = {
    "ytd": metric(period="ytd"),
    "ly": metric(period="ytd_last_year", by="shop"),
    "q": metric(where="last_quarter(date) or qtd(date)", grain="month"),
    "l12": metric(period="last_12_months", grain="quarter"),
    "param": metric(where="date >= as_of and shop in params.shops"),
}
PARAMS = {"as_of": {"type": "date", "default": "2025-05-15"}, "shops": {"type": "list", "default": ["a"]}}


def test_periods_give_the_same_results_in_duckdb(tmp_path):
    ROWS.to_parquet(tmp_path / "orders.parquet")
    results = {}
    for engine_name in ("pandas", "duckdb"):
        e = MetricEngine({"orders": {"type": "parquet", "path": "orders.parquet", "engine": engine_name}}, PARITY,
                         base_dir=tmp_path, params=PARAMS)
        results[engine_name] = e.compute_all()
    for name, result in results["pandas"].items():
        other = results["duckdb"][name]
        if result.kind == "scalar":
            assert result.value == other.value, name
        else:
            pd.testing.assert_frame_equal(result.table, other.table, check_dtype=False, obj=name)


# --- labels ----------------------------------------------------------------------------------------
def test_labels_in_chinese_and_english():
    assert year_label(2026, "zh_CN") == "2026 年度" and year_label(2026, "en_US") == "FY2026"
    assert quarter_label("2026-02-10", "zh_CN") == "2026 Q1"
    assert ytd_label("2025-11-30", "zh_CN") == "1-11 月" and ytd_label("2025-11-30", "en_US") == "Jan-Nov"
    assert period_label("2025-11-30", "ytd_last_year", "zh_CN") == "2024 年 1-11 月"
    assert period_label("2025-11-30", "last_quarter", "zh_CN") == "2025 Q3"
    assert period_label("2025-11-30", "last_year", "en_US") == "FY2024"
    assert period_label("2025-06-30", "last_months", "zh_CN", 12) == "2024 年 7 月-2025 年 6 月"


def test_label_filters_in_templates():
    context = TextContext(None, {"as_of": pd.Timestamp("2025-11-30").date(), "year": 2026})
    text = "{{ year | year_label }} · {{ as_of | ytd_label }} · {{ as_of | period_label('ytd_last_year') }}"
    assert render_text(text, context, path="t") == "2026 年度 · 1-11 月 · 2024 年 1-11 月"


def test_unknown_period_in_a_label_is_an_error():
    context = TextContext(None, {"as_of": "2025-11-30"})
    with pytest.raises(SpecError, match="unknown period 'ytdd'"):
        render_text("{{ as_of | period_label('ytdd') }}", context, path="t")


def test_period_with_compare_is_refused_with_the_way_to_write_it():
    with pytest.raises(SpecError) as info:
        engine({"m": metric(period="ytd", compare="yoy")})
    assert "ytd(date) or ytd_last_year(date)" in info.value.issues[0].message
    assert info.value.issues[0].path == "metrics.m"
