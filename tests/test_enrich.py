"""Sources: derived columns (derive:), many-to-one lookups (lookup:) and category order (order:)."""

from __future__ import annotations

import pandas as pd
import pytest

from deckbuilder.errors import DataError, SpecError
from deckbuilder.metrics.engine import MetricEngine

HIRES = pd.DataFrame({
    "employee": ["e1", "e2", "e3", "e4"],
    "applied": pd.to_datetime(["2025-01-05", "2025-02-10", "2025-03-01", "2025-05-20 12:00"], format="ISO8601"),
    "hired": pd.to_datetime(["2025-01-25", "2025-03-01", "2025-03-31", "2025-06-30"]),
    "学历": ["本科", "硕士", "本科", "博士"],
})
EMPLOYEES = pd.DataFrame({"employee": ["e1", "e2", "e3", "e4"], "unit": ["零售", "电商", "零售", "电商"]})


def engine(source, metrics, *, data=None, filters=None, params=None, base_dir="."):
    sources = {"hires": {"type": "parquet", "path": "hires.parquet", **source},
               "employees": {"type": "csv", "path": "employees.csv"}}
    frames = data if data is not None else {"hires": HIRES, "employees": EMPLOYEES}
    return MetricEngine(sources, metrics, data=frames, filters=filters, params=params, base_dir=base_dir)


# --- derived columns ------------------------------------------------------------------------------
def test_days_between_two_dates():
    e = engine({"derive": {"days": "days_between(applied, hired)"}},
               {"m": {"source": "hires", "agg": "mean", "column": "days"}})
    assert e.get("m").value == pytest.approx((20 + 19 + 30 + 40.5) / 4)


def test_truncate_to_month_and_quarter():
    e = engine({"derive": {"m": "month_start(hired)", "q": "quarter_start(hired)"}},
               {"by_q": {"source": "hires", "agg": "count", "by": "q", "sort": "key"}})
    assert e.get("by_q").table["q"].tolist() == [pd.Timestamp("2025-01-01"), pd.Timestamp("2025-04-01")]


def test_derived_columns_use_earlier_ones_and_params():
    e = engine({"derive": {"days": "days_between(applied, hired)", "slow": "days > params.limit"}},
               {"n": {"source": "hires", "agg": "count", "where": "slow"}},
               params={"limit": {"type": "number", "default": 25}})
    assert e.get("n").value == 2.0


def test_max_of_a_date_column_in_a_derived_column():
    e = engine({"derive": {"since_last": "days_between(hired, max(hired))"}},
               {"m": {"source": "hires", "agg": "max", "column": "since_last"}})
    assert e.get("m").value == 156.0


def test_derived_column_on_a_text_column_is_a_located_error():
    with pytest.raises(DataError) as info:
        engine({"derive": {"d": "days_between(学历, hired)"}}, {"m": {"source": "hires", "agg": "count"}}).get("m")
    assert info.value.issues[0].path == "data.hires.derive.d" and "needs dates" in info.value.issues[0].message


def test_derived_column_clashing_with_a_column_is_refused():
    with pytest.raises(SpecError, match="already has a column 'hired'"):
        engine({"derive": {"hired": "month_start(hired)"}}, {"m": {"source": "hires", "agg": "count"}}).get("m")


def test_derived_columns_give_the_same_results_in_duckdb(tmp_path):
    HIRES.to_parquet(tmp_path / "hires.parquet")
    EMPLOYEES.to_csv(tmp_path / "employees.csv", index=False)
    derive = {"days": "days_between(applied, hired)", "month": "month_start(hired)",
              "year_start": "year_start(applied)", "age": "days_between(hired, as_of)", "long": "days >= 30"}
    metrics = {"mean_days": {"source": "hires", "agg": "mean", "column": "days"},
               "by_month": {"source": "hires", "agg": "sum", "column": "days", "by": "month", "sort": "key"},
               "age": {"source": "hires", "agg": "sum", "column": "age", "where": "long and year_start < hired"}}
    params = {"as_of": {"type": "date", "default": "2025-12-31"}}
    out = []
    for name in ("pandas", "duckdb"):
        e = MetricEngine({"hires": {"type": "parquet", "path": "hires.parquet", "engine": name, "derive": derive}},
                         metrics, base_dir=tmp_path, params=params)
        out.append(e.compute_all())
    for name, result in out[0].items():
        if result.kind == "scalar":
            assert result.value == pytest.approx(out[1][name].value), name
        else:
            pd.testing.assert_frame_equal(result.table, out[1][name].table, check_dtype=False)


# --- lookups ---------------------------------------------------------------------------------------
LOOKUP = {"lookup": [{"source": "employees", "on": "employee", "columns": ["unit"]}]}


def test_lookup_adds_the_other_sources_columns():
    e = engine(LOOKUP, {"by_unit": {"source": "hires", "agg": "count", "by": "unit"}})
    assert dict(zip(e.get("by_unit").table["unit"], e.get("by_unit").table["by_unit"])) == {"零售": 2.0, "电商": 2.0}


def test_department_filter_reaches_a_source_through_a_lookup():
    e = engine(LOOKUP, {"n": {"source": "hires", "agg": "count"}}, filters={"unit": "电商"})
    assert e.get("n").value == 2.0


def test_duplicate_keys_on_the_lookup_side_are_a_located_error():
    employees = pd.concat([EMPLOYEES, EMPLOYEES.iloc[:1]])
    with pytest.raises(DataError) as info:
        engine(LOOKUP, {"n": {"source": "hires", "agg": "count"}},
               data={"hires": HIRES, "employees": employees}).get("n")
    issue = info.value.issues[0]
    assert issue.path == "data.hires.lookup[0].on" and "several rows for the same employee" in issue.message
    assert "e.g. e1" in issue.message


def test_unmatched_rows_over_the_threshold_are_an_error():
    employees = EMPLOYEES.iloc[:3]
    with pytest.raises(DataError) as info:
        engine(LOOKUP, {"n": {"source": "hires", "agg": "count"}},
               data={"hires": HIRES, "employees": employees}).get("n")
    assert "1 of 4 rows (25.0%) of source 'hires' have no employee in 'employees' (e.g. e4)" in \
        info.value.issues[0].message
    assert "max_unmatched: 0.26" in info.value.issues[0].hint


def test_unmatched_rows_within_the_threshold_get_no_value():
    source = {"lookup": [{"source": "employees", "on": "employee", "columns": ["unit"], "max_unmatched": 0.25}]}
    e = engine(source, {"n": {"source": "hires", "agg": "count", "where": "is_null(unit)"}},
               data={"hires": HIRES, "employees": EMPLOYEES.iloc[:3]})
    assert e.get("n").value == 1.0


def test_lookup_into_an_unknown_source_suggests():
    source = {"lookup": [{"source": "employee", "on": "employee", "columns": ["unit"]}]}
    with pytest.raises(SpecError) as info:
        engine(source, {"n": {"source": "hires", "agg": "count"}}).get("n")
    assert info.value.issues[0].path == "data.hires.lookup[0].source"
    assert "did you mean 'employees'?" in info.value.issues[0].hint


def test_lookup_of_a_missing_column_suggests():
    source = {"lookup": [{"source": "employees", "on": "employee", "columns": ["units"]}]}
    with pytest.raises(DataError) as info:
        engine(source, {"n": {"source": "hires", "agg": "count"}}).get("n")
    assert info.value.issues[0].path == "data.hires.lookup[0].columns[0]"


@pytest.mark.parametrize("employees", [EMPLOYEES, EMPLOYEES.iloc[:3]])
@pytest.mark.parametrize("case_rows", [500, 0])  # small looked-up tables become CASE expressions, big ones a join
def test_lookups_give_the_same_results_in_duckdb(tmp_path, employees, case_rows, monkeypatch):
    monkeypatch.setattr("deckbuilder.metrics.pushdown._CASE_ROWS", case_rows)
    HIRES.to_parquet(tmp_path / "hires.parquet")
    employees.to_csv(tmp_path / "employees.csv", index=False)
    source = {"lookup": [{"source": "employees", "on": "employee", "columns": ["unit"], "max_unmatched": 0.25}],
              "derive": {"retail": "unit == '零售'"}}
    metrics = {"by_unit": {"source": "hires", "agg": "count", "by": "unit", "sort": "key"},
               "retail": {"source": "hires", "agg": "count", "where": "retail"},
               "missing": {"source": "hires", "agg": "count", "where": "is_null(unit)", "default": 0}}
    out = [engine({**source, "engine": name}, metrics, data={}, base_dir=tmp_path, filters={"学历": ["本科", "博士"]})
           .compute_all() for name in ("pandas", "duckdb")]
    for name, result in out[0].items():
        if result.kind == "scalar":
            assert result.value == out[1][name].value, name
        else:
            pd.testing.assert_frame_equal(result.table, out[1][name].table, check_dtype=False)


@pytest.mark.parametrize("case_rows", [500, 0])
def test_duckdb_lookup_with_unmatched_rows_is_the_same_error(tmp_path, case_rows, monkeypatch):
    monkeypatch.setattr("deckbuilder.metrics.pushdown._CASE_ROWS", case_rows)
    HIRES.to_parquet(tmp_path / "hires.parquet")
    EMPLOYEES.iloc[:3].to_csv(tmp_path / "employees.csv", index=False)
    with pytest.raises(DataError, match=r"1 of 4 rows \(25.0%\) of source 'hires' have no employee in 'employees' "
                                        r"\(e.g. e4\)"):
        engine({**LOOKUP, "engine": "duckdb"}, {"n": {"source": "hires", "agg": "count"}}, data={},
               base_dir=tmp_path).get("n")


# --- category order ----------------------------------------------------------------------------------
ORDER = {"order": {"学历": ["本科", "硕士", "博士"]}}


def test_declared_order_is_the_default_sort():
    e = engine(ORDER, {"by_degree": {"source": "hires", "agg": "count", "by": "学历"}})
    assert e.get("by_degree").table["学历"].tolist() == ["本科", "硕士", "博士"]


def test_value_missing_from_the_order_is_an_error():
    with pytest.raises(DataError) as info:
        engine({"order": {"学历": ["本科", "硕士"]}}, {"n": {"source": "hires", "agg": "count"}}).get("n")
    assert info.value.issues[0].path == "data.hires.order.学历" and "博士" in info.value.issues[0].message


def test_an_unquoted_on_key_in_yaml_is_the_lookup_key(tmp_path):
    # YAML 1.1 reads `on:` as the boolean true; the lookup takes it as written
    from deckbuilder.spec.loader import load_spec

    path = tmp_path / "deck.yaml"
    path.write_text("deck: {title: t}\ndata:\n  hires: {type: csv, path: h.csv,\n"
                    "          lookup: [{source: employees, on: employee, columns: [unit]}]}\n"
                    "  employees: {type: csv, path: e.csv}\nslides: [{kind: title}]\n", encoding="utf-8")
    assert load_spec(path).model.data["hires"].lookup[0].on == "employee"
