"""Metric definitions over small inline frames, with hand-computed expectations.

The orders below: 2024 sales 1000, 2025 sales 1250 (total 2250, YoY +25%).
By platform: 天猫 1000, 抖音 750, 京东 500. 2025 by quarter: Q1 400, Q2 350, Q3 0, Q4 500.
"""

import pandas as pd
import pytest

from deckbuilder.data.cache import SourceCache
from deckbuilder.errors import DataError, SpecError
from deckbuilder.metrics.engine import MetricEngine
from deckbuilder.spec.data_model import MetricSpec
from deckbuilder.text.describe import describe_metrics


@pytest.fixture
def orders():
    return pd.DataFrame({
        "date": pd.to_datetime(["2024-01-10", "2024-04-10", "2024-07-10", "2024-10-10", "2025-01-10",
                                "2025-02-10", "2025-04-10", "2025-10-10", "2025-12-10"]),
        "platform": ["天猫", "京东", "天猫", "抖音", "天猫", "京东", "抖音", "天猫", "京东"],
        "category": ["美妆", "数码", "家居", "美妆", "美妆", "数码", "家居", "数码", "美妆"],
        "amount": [100.0, 200.0, 300.0, 400.0, 150.0, 250.0, 350.0, 450.0, 50.0],
        "qty": [1, 2, 3, 4, 1, 2, 3, 4, 5],
        "customer": ["c1", "c2", "c1", "c3", "c1", "c4", "c3", "c2", "c5"],
    })


@pytest.fixture
def targets():
    return pd.DataFrame({"category": ["美妆", "数码", "家居"], "target": [500.0, 800.0, 400.0]})


@pytest.fixture
def compute(orders, targets):
    """compute(metrics, name) -> MetricResult over the inline frames."""
    def run(metrics, name, **kwargs):
        engine = MetricEngine({}, metrics, base_dir=".", data={"orders": orders, "targets": targets}, **kwargs)
        return engine.get(name)
    return run


def sales(**extra):
    return {"source": "orders", "agg": "sum", "column": "amount", **extra}


def column(result, name=None):
    return result.table[name or result.value_column].tolist()


# --- aggregations ------------------------------------------------------------------------------

@pytest.mark.parametrize("agg, col, expected", [
    ("sum", "amount", 2250.0),
    ("mean", "amount", 250.0),
    ("median", "amount", 250.0),
    ("min", "amount", 50.0),
    ("max", "amount", 450.0),
    ("count", None, 9.0),
    ("count", "amount", 9.0),
    ("count_distinct", "customer", 5.0),
    ("mean", "qty", 25 / 9),
])
def test_aggregations(compute, agg, col, expected):
    spec = {"source": "orders", "agg": agg, **({"column": col} if col else {})}
    result = compute({"m": spec}, "m")
    assert result.kind == "scalar"
    assert result.value == pytest.approx(expected)


def test_where_filters_rows(compute):
    assert compute({"m": sales(where="year(date) == 2025")}, "m").value == 1250.0


def test_group_by_one_column_sorts_by_value(compute):
    result = compute({"m": sales(by="platform", **{"as": "sales"})}, "m")
    assert result.keys == ["platform"]
    assert list(result.table.columns) == ["platform", "sales"]
    assert column(result, "platform") == ["天猫", "抖音", "京东"]
    assert column(result) == [1000.0, 750.0, 500.0]


def test_group_by_two_columns_sorts_by_keys(compute):
    result = compute({"m": sales(by=["platform", "category"], where="year(date) == 2025")}, "m")
    assert result.keys == ["platform", "category"]
    assert result.table.values.tolist() == [["京东", "数码", 250.0], ["京东", "美妆", 50.0], ["天猫", "数码", 450.0],
                                            ["天猫", "美妆", 150.0], ["抖音", "家居", 350.0]]


def test_sort_ascending(compute):
    assert column(compute({"m": sales(by="platform", sort="asc")}, "m"), "platform") == ["京东", "抖音", "天猫"]


# --- time grains ----------------------------------------------------------------------------------

def test_quarter_grain_fills_empty_quarters_with_zero(compute):
    result = compute({"m": sales(grain="quarter", date="date", where="year(date) == 2025")}, "m")
    assert column(result, "quarter") == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    assert column(result) == [400.0, 350.0, 0.0, 500.0]


def test_month_grain(compute):
    result = compute({"m": sales(grain="month", where="year(date) == 2025 and month(date) <= 2")}, "m")
    assert result.table.values.tolist() == [["2025-01", 150.0], ["2025-02", 250.0]]


def test_year_grain(compute):
    result = compute({"m": sales(grain="year")}, "m")
    assert result.table.values.tolist() == [["2024", 1000.0], ["2025", 1250.0]]


def test_period_format(compute):
    result = compute({"m": sales(grain="quarter", where="year(date) == 2024", period_format="Q{quarter}")}, "m")
    assert column(result, "quarter") == ["Q1", "Q2", "Q3", "Q4"]


def test_date_column_is_needed_when_the_source_has_several(compute, orders):
    orders["shipped"] = orders["date"]
    with pytest.raises(SpecError) as info:
        compute({"m": sales(grain="year")}, "m")
    assert info.value.issues[0].path == "metrics.m.date"


# --- comparisons ------------------------------------------------------------------------------------

def test_yoy_relative(compute):
    result = compute({"m": sales(compare="yoy")}, "m")
    assert result.value == pytest.approx(0.25)
    assert result.details == {"period": "2025", "previous_period": "2024", "current": 1250.0, "previous": 1000.0}


def test_yoy_absolute(compute):
    assert compute({"m": sales(compare="yoy", change="absolute")}, "m").value == 250.0


def test_qoq_compares_the_latest_quarter(compute):
    result = compute({"m": sales(compare="qoq", where="date < '2025-07-01'")}, "m")
    assert result.value == pytest.approx(350 / 400 - 1)
    assert result.details["period"] == "2025-Q2"


def test_mom_compares_the_latest_month(compute):
    result = compute({"m": sales(compare="mom", where="date < '2025-03-01'")}, "m")
    assert result.value == pytest.approx(250 / 150 - 1)


def test_quarterly_yoy_table(compute):
    result = compute({"m": sales(grain="quarter", compare="yoy")}, "m")
    assert column(result, "quarter") == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    assert column(result) == pytest.approx([3.0, 0.75, -1.0, 0.25])
    assert column(result, "previous") == [100.0, 200.0, 300.0, 400.0]


def test_yoy_by_platform(compute):
    result = compute({"m": sales(by="platform", compare="yoy")}, "m")
    rows = {r[0]: r[1:] for r in result.table.values.tolist()}
    assert rows == {"天猫": [0.5, 600.0, 400.0], "京东": [0.5, 300.0, 200.0], "抖音": [-0.125, 350.0, 400.0]}


def test_previous_period_without_sales_is_an_error(compute):
    with pytest.raises(DataError) as info:
        compute({"m": sales(compare="mom")}, "m")
    assert "2025-11" in info.value.issues[0].message and info.value.issues[0].path == "metrics.m"


def test_previous_period_without_sales_uses_default(compute):
    assert compute({"m": sales(compare="mom", default=0)}, "m").value == 0.0


# --- shares, ranking, top-N, cumulative -------------------------------------------------------------

def test_share_of_total(compute):
    result = compute({"m": sales(by="platform", share=True)}, "m")
    assert column(result) == pytest.approx([1000 / 2250, 750 / 2250, 500 / 2250])


def test_share_within_the_first_key(compute):
    result = compute({"m": sales(grain="year", by="platform", share=True)}, "m")
    shares = {(y, p): v for y, p, v in result.table.values.tolist()}
    assert shares[("2025", "天猫")] == pytest.approx(600 / 1250)
    assert shares[("2024", "抖音")] == pytest.approx(400 / 1000)


def test_top_n_with_others(compute):
    result = compute({"m": sales(by="platform", top=2, others="其他")}, "m")
    assert result.table.values.tolist() == [["天猫", 1000.0], ["抖音", 750.0], ["其他", 500.0]]


def test_top_n_others_recomputes_non_additive_aggregates(compute):
    result = compute({"m": {"source": "orders", "agg": "mean", "column": "amount", "by": "category",
                            "top": 1, "others": "其他"}}, "m")
    # means: 家居 325, 数码 300, 美妆 175; the others (数码 200,250,450 and 美妆 100,400,150,50) average 1600/7
    assert result.table.values.tolist() == [["家居", 325.0], ["其他", pytest.approx(1600 / 7)]]


def test_top_n_without_others_drops_the_rest(compute):
    assert column(compute({"m": sales(by="platform", top=1)}, "m"), "platform") == ["天猫"]


def test_rank(compute):
    result = compute({"m": sales(by="category", rank=True)}, "m")
    assert column(result, "category") == ["数码", "美妆", "家居"]
    assert column(result, "rank") == [1, 2, 3]


def test_cumulative(compute):
    result = compute({"m": sales(grain="quarter", where="year(date) == 2025", cumulative=True)}, "m")
    assert column(result) == [400.0, 750.0, 750.0, 1250.0]


def test_cumulative_share_is_a_pareto_curve(compute):
    result = compute({"m": sales(by="platform", share=True, cumulative=True)}, "m")
    assert column(result) == pytest.approx([1000 / 2250, 1750 / 2250, 1.0])


def test_pivot_spreads_the_second_key(compute):
    result = compute({"m": sales(grain="year", by="platform", pivot=True)}, "m")
    assert list(result.table.columns) == ["year", "京东", "天猫", "抖音"]
    assert result.table.values.tolist() == [["2024", 200.0, 400.0, 400.0], ["2025", 300.0, 600.0, 350.0]]


# --- formulas and targets ----------------------------------------------------------------------------

def test_formula_over_scalars(compute):
    metrics = {"total": sales(), "orders": {"source": "orders", "agg": "count"}, "aov": {"formula": "total / orders"}}
    assert compute(metrics, "aov").value == 250.0


def test_formula_order_does_not_matter(compute):
    metrics = {"roi": {"formula": "(revenue - spend) / spend"}, "revenue": sales(), "spend": sales(agg="min")}
    assert compute(metrics, "roi").value == pytest.approx((2250 - 50) / 50)


def test_formula_over_tables_aligns_categories(compute):
    metrics = {
        "aov": {"formula": "s / n"},
        "s": sales(by="platform"),
        "n": {"source": "orders", "agg": "sum", "column": "qty", "by": "platform"},
    }
    result = compute(metrics, "aov")
    assert dict(result.table.values.tolist()) == pytest.approx({"天猫": 1000 / 9, "抖音": 750 / 7, "京东": 500 / 9})


def test_formula_with_tables_of_different_keys_is_an_error(compute):
    metrics = {"x": {"formula": "a / b"}, "a": sales(by="platform"), "b": sales(by="category")}
    with pytest.raises(DataError, match="cannot combine"):
        compute(metrics, "x")


def test_attainment_against_a_number(compute):
    result = compute({"m": sales(where="year(date) == 2025", target=1000)}, "m")
    assert result.value == 1.25
    assert result.details == {"actual": 1250.0, "target": 1000.0}


def test_attainment_against_a_table_metric(compute):
    metrics = {
        "goal": {"source": "targets", "agg": "sum", "column": "target", "by": "category"},
        "m": sales(by="category", where="year(date) == 2025", target="goal", sort="key"),
    }
    result = compute(metrics, "m")
    assert result.table.values.tolist() == [["家居", 0.875, 350.0, 400.0], ["数码", 0.875, 700.0, 800.0],
                                            ["美妆", 0.4, 200.0, 500.0]]


def test_target_as_a_formula(compute):
    metrics = {"last": sales(where="year(date) == 2024"), "m": sales(where="year(date) == 2025", target="last * 1.1")}
    assert compute(metrics, "m").value == pytest.approx(1250 / 1100)


# --- errors ------------------------------------------------------------------------------------------

def test_missing_column_suggests_the_closest(compute):
    with pytest.raises(DataError) as info:
        compute({"m": sales(column="amont")}, "m")
    issue = info.value.issues[0]
    assert issue.path == "metrics.m.column" and "did you mean 'amount'?" in issue.hint


def test_missing_by_column_is_located(compute):
    with pytest.raises(DataError) as info:
        compute({"m": sales(by="platfrom")}, "m")
    assert info.value.issues[0].path == "metrics.m.by"


def test_summing_text_is_a_data_error(compute):
    with pytest.raises(DataError) as info:
        compute({"m": sales(column="platform")}, "m")
    assert "cannot sum text column 'platform'" in info.value.issues[0].message
    assert "count_distinct" in info.value.issues[0].hint


def test_grain_on_a_text_column_is_a_data_error(compute):
    with pytest.raises(DataError, match="not a date"):
        compute({"m": sales(grain="year", date="platform")}, "m")


def test_metric_over_no_rows_is_a_clear_error(compute):
    with pytest.raises(DataError) as info:
        compute({"m": sales(where="year(date) == 2030")}, "m")
    assert "no rows to aggregate" in info.value.issues[0].message
    assert "year(date) == 2030" in info.value.issues[0].message


def test_metric_over_no_rows_uses_default(compute):
    assert compute({"m": sales(where="year(date) == 2030", default=0)}, "m").value == 0.0


def test_table_over_no_rows_is_an_error(compute):
    with pytest.raises(DataError, match="no rows"):
        compute({"m": sales(by="platform", where="amount < 0")}, "m")


def test_division_by_zero_names_the_divisor(compute):
    metrics = {"a": sales(), "zero": sales(where="amount < 0", default=0), "r": {"formula": "a / zero"}}
    with pytest.raises(DataError) as info:
        compute(metrics, "r")
    assert info.value.issues[0].path == "metrics.r.formula"
    assert "division by zero: 'zero' is 0" in info.value.issues[0].message


def test_division_by_zero_uses_default(compute):
    metrics = {"a": sales(), "zero": sales(where="amount < 0", default=0), "r": {"formula": "a / zero", "default": -1}}
    assert compute(metrics, "r").value == -1.0


def test_nan_result_is_an_error(compute, orders):
    orders["amount"] = float("nan")
    with pytest.raises(DataError, match="not a number"):
        compute({"m": sales(agg="mean")}, "m")


def test_nan_result_uses_default(compute, orders):
    orders["amount"] = float("nan")
    assert compute({"m": sales(agg="mean", default=0)}, "m").value == 0.0


def test_cycle_names_the_chain():
    with pytest.raises(SpecError) as info:
        MetricEngine({}, {"a": {"formula": "b + 1"}, "b": {"formula": "c * 2"}, "c": {"formula": "a"}})
    assert "circular definition: a -> b -> c -> a" in info.value.issues[0].message


def test_cycle_through_where_is_detected_when_computing(compute):
    metrics = {"a": sales(where="amount > b"), "b": {"formula": "a / 2"}}
    with pytest.raises(SpecError, match="circular definition: a -> b -> a"):
        compute(metrics, "a")


def test_unknown_metric_in_formula_suggests_the_closest():
    with pytest.raises(SpecError) as info:
        MetricEngine({}, {"total_sales": {"formula": "1"}, "aov": {"formula": "total_sale / 2"}})
    issue = info.value.issues[0]
    assert issue.path == "metrics.aov.formula" and "did you mean 'total_sales'?" in issue.hint


def test_unknown_source_suggests_the_closest():
    with pytest.raises(SpecError) as info:
        MetricEngine({"orders": {"type": "csv", "path": "o.csv"}}, {"m": {"source": "order", "agg": "count"}})
    assert "did you mean 'orders'?" in info.value.issues[0].hint


def test_unknown_metric_name_on_get(compute):
    engine = MetricEngine({}, {"total": {"formula": "1"}})
    with pytest.raises(SpecError, match="unknown metric 'totl'"):
        engine.get("totl", path="slides[2].cards[0].metric")


def test_all_definition_errors_are_reported_together():
    with pytest.raises(SpecError) as info:
        MetricEngine({}, {"a": {"formula": "nope"}, "b": {"formula": "open('x')"},
                          "c": {"source": "x", "agg": "count"}})
    assert [i.path for i in info.value.issues] == ["metrics.a.formula", "metrics.b.formula", "metrics.c.source"]


# --- model validation ----------------------------------------------------------------------------------

@pytest.mark.parametrize("spec, message", [
    ({"source": "o"}, "'agg' is required"),
    ({"source": "o", "agg": "sum"}, "needs 'column'"),
    ({"formula": "a", "source": "o"}, "either 'source'"),
    ({"formula": "a", "by": "x"}, "formula metric cannot use by"),
    ({"source": "o", "agg": "count", "by": ["a", "b", "c"]}, "one or two"),
    ({"source": "o", "agg": "count", "top": 3}, "top needs exactly one grouping key"),
    ({"source": "o", "agg": "count", "by": "a", "others": "其他"}, "others needs top"),
    ({"source": "o", "agg": "count", "grain": "quarter", "compare": "mom"}, "finer grain"),
    ({"source": "o", "agg": "count", "by": "a", "share": True, "compare": "yoy"}, "only one of"),
    ({"source": "o", "agg": "count", "share": True}, "share needs a table"),
    ({"source": "o", "agg": "count", "grain": "year", "period_format": "{yr}"}, "may use"),
    ({"source": "o", "agg": "average", "column": "x"}, "Input should be"),
    ({"source": "o", "agg": "count", "colour": "x"}, "Extra inputs"),
])
def test_metric_spec_validation(spec, message):
    with pytest.raises(ValueError, match=message):
        MetricSpec.model_validate(spec)


# --- laziness, caching, filters --------------------------------------------------------------------------

@pytest.fixture
def csv_dir(tmp_path, orders):
    orders.to_csv(tmp_path / "orders.csv", index=False)
    return tmp_path


CSV_SOURCES = {"orders": {"type": "csv", "path": "orders.csv", "parse_dates": ["date"]},
               "unused": {"type": "csv", "path": "does-not-exist.csv"}}


def test_sources_load_only_when_a_used_metric_needs_them(csv_dir):
    cache = SourceCache()
    engine = MetricEngine(CSV_SOURCES, {"m": sales(), "n": {"source": "unused", "agg": "count"}},
                          base_dir=csv_dir, cache=cache)
    assert cache.loads == 0
    assert engine.get("m").value == 2250.0
    assert cache.loads == 1


def test_shared_cache_loads_each_source_once_across_filtered_builds(csv_dir):
    cache = SourceCache()
    values = {}
    for platform in ["天猫", "京东", "抖音"]:
        engine = MetricEngine(CSV_SOURCES, {"m": sales()}, base_dir=csv_dir, cache=cache,
                              filters={"platform": platform})
        values[platform] = engine.get("m").value
    assert values == {"天猫": 1000.0, "京东": 500.0, "抖音": 750.0}
    assert cache.loads == 1


def test_filters_accept_a_list_of_values(compute):
    assert compute({"m": sales()}, "m", filters={"platform": ["天猫", "京东"]}).value == 1500.0


def test_filter_value_that_matches_nothing_suggests_values(compute):
    with pytest.raises(DataError) as info:
        compute({"m": sales()}, "m", filters={"category": "美装"})
    issue = info.value.issues[0]
    assert issue.path == "filters.category" and "美妆" in issue.hint


def test_filter_column_in_no_source_is_reported(orders):
    engine = MetricEngine({}, {"m": sales()}, data={"orders": orders}, filters={"platfrom": "天猫"})
    with pytest.raises(DataError) as info:
        engine.compute_all()
    assert info.value.issues[0].path == "filters.platfrom"
    assert "did you mean 'platform'?" in info.value.issues[0].hint


def test_injected_data_wins_over_files(orders):
    engine = MetricEngine({"orders": {"type": "csv", "path": "nowhere.csv"}}, {"m": sales()},
                          data={"orders": orders})
    assert engine.get("m").value == 2250.0


def test_results_are_cached(compute, orders):
    engine = MetricEngine({}, {"m": sales()}, data={"orders": orders})
    assert engine.get("m") is engine.get("m")


def test_compute_all_and_names(orders):
    engine = MetricEngine({}, {"b": sales(), "a": {"formula": "b / 2"}}, data={"orders": orders})
    assert engine.names() == ["b", "a"]
    assert {k: v.value for k, v in engine.compute_all().items()} == {"b": 2250.0, "a": 1125.0}


def test_describe_metrics(orders):
    engine = MetricEngine({}, {"total": sales(format="wan", label="总销售额"), "by_p": sales(by="platform")},
                          data={"orders": orders})
    rows = describe_metrics(engine)
    assert rows[0] == {"name": "total", "label": "总销售额", "kind": "scalar", "format": "wan", "scope": "department",
                       "value": "0.2万", "raw": 2250.0, "shape": None, "columns": None}
    assert rows[1]["value"] == "table 3×2"
    assert rows[1]["shape"] == [3, 2] and rows[1]["columns"] == ["platform", "by_p"]


def test_result_to_dict_is_json_ready(compute):
    import json

    result = compute({"m": sales(by="platform", rank=True)}, "m")
    data = result.to_dict()
    assert json.loads(json.dumps(data))["rows"][0] == ["天猫", 1000.0, 1]


def test_group_by_a_numeric_column(compute):
    result = compute({"by_qty": sales(by="qty", sort="key")}, "by_qty")
    assert result.table["qty"].tolist() == [1, 2, 3, 4, 5]
    assert column(result) == [250.0, 450.0, 650.0, 850.0, 50.0]


def test_a_chart_plots_a_comparison_value_not_its_parts(compute):
    result = compute({"yoy": sales(by="platform", compare="yoy")}, "yoy")
    assert set(result.value_columns) == {"yoy", "current", "previous"}
    assert result.series_columns == ["yoy"]
