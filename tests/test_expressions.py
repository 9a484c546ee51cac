"""The safe expression language: what parses, what is refused, and how where evaluates."""

import pandas as pd
import pytest

from deckbuilder.errors import DataError, SpecError
from deckbuilder.metrics.engine import MetricEngine
from deckbuilder.metrics.expressions import Arith, BoolOp, Call, Compare, InList, Lit, Name, names, parse


@pytest.fixture
def orders():
    return pd.DataFrame({
        "date": pd.to_datetime(["2024-03-01", "2025-03-01", "2025-06-18", "2025-11-11"]),
        "platform": ["天猫", "京东", "天猫", "抖音"],
        "amount": [100.0, 200.0, 300.0, 400.0],
        "order id": [1, 2, 3, 4],
        "note": ["", None, "新品", "面膜套装"],
    })


def count_where(orders, where):
    engine = MetricEngine({}, {"n": {"source": "o", "agg": "count", "where": where}}, data={"o": orders})
    return engine.get("n").value


# --- parsing --------------------------------------------------------------------------------------

def test_parses_comparisons_in_lists_and_functions():
    node = parse("platform in ['天猫', '京东'] and year(date) == 2025", "where", path="p")
    assert isinstance(node, BoolOp) and node.op == "and"
    assert node.items[0] == InList(0, Name(0, "platform"), (Lit(13, "天猫"), Lit(19, "京东")), False)
    assert isinstance(node.items[1], Compare) and node.items[1].left == Call(29, "year", (Name(34, "date"),))


def test_chained_comparison_becomes_and():
    node = parse("0 < amount <= 10", "where", path="p")
    assert isinstance(node, BoolOp) and [c.op for c in node.items] == ["<", "<="]


def test_backticks_quote_column_names_with_spaces():
    assert names(parse("`order id` > 2", "where", path="p")) == ["order id"]


def test_formula_is_arithmetic_over_names():
    node = parse("(sales - cost) / sales", "formula", path="p")
    assert isinstance(node, Arith) and node.op == "/"
    assert names(node) == ["sales", "cost"]


def test_true_false_null_are_literals():
    node = parse("flag == true or note == null", "where", path="p")
    assert node.items[0].right == Lit(8, True) and node.items[1].right == Lit(24, None)


@pytest.mark.parametrize("text", [
    "__import__('os').system('x')",
    "().__class__",
    "open('f')",
    "amount.__class__",
    "platform[0]",
    "lambda: 1",
    "[x for x in amount]",
    "exec('1')",
    "eval('1')",
    "__builtins__",
    "amount if amount else 0",
    "{'a': 1}",
    "f'{amount}'",
    "(x := 1)",
    "year(date=1)",
    "amount ** 2",
    "amount is None",
])
def test_injection_and_unsupported_syntax_are_refused(text):
    with pytest.raises(SpecError) as info:
        parse(text, "where", path="metrics.x.where")
    assert info.value.issues[0].path == "metrics.x.where"
    assert "position" in info.value.issues[0].message


def test_refusal_points_at_the_offending_position():
    with pytest.raises(SpecError) as info:
        parse("amount > 0 and ().__class__", "where", path="p")
    assert "attribute access" in str(info.value) and "(position 18)" in str(info.value)


def test_unknown_function_lists_the_allowed_ones():
    with pytest.raises(SpecError) as info:
        parse("yaer(date) == 2025", "where", path="p")
    assert "did you mean 'year'?" in info.value.issues[0].hint


def test_single_equals_hints_double_equals():
    with pytest.raises(SpecError) as info:
        parse("platform = '天猫'", "where", path="p")
    assert "use ==" in info.value.issues[0].hint


def test_formula_refuses_comparisons():
    with pytest.raises(SpecError, match="comparisons not allowed in a formula"):
        parse("sales > 1", "formula", path="p")


def test_formula_refuses_where_functions():
    with pytest.raises(SpecError, match="function 'year' not allowed"):
        parse("year(sales)", "formula", path="p")


def test_empty_expression_is_refused():
    with pytest.raises(SpecError, match="empty expression"):
        parse("  ", "where", path="p")


def test_bad_where_is_reported_by_the_engine_before_any_data_is_read():
    with pytest.raises(SpecError) as info:
        MetricEngine({"o": {"type": "csv", "path": "missing.csv"}},
                     {"n": {"source": "o", "agg": "count", "where": "__import__('os')"}})
    assert info.value.issues[0].path == "metrics.n.where"


# --- evaluating where -------------------------------------------------------------------------------

@pytest.mark.parametrize("where, expected", [
    ("platform == '天猫'", 2),
    ("platform != '天猫'", 2),
    ("platform in ['天猫', '抖音']", 3),
    ("platform not in ['天猫']", 2),
    ("amount >= 200 and amount < 400", 2),
    ("amount > 300 or platform == '京东'", 2),
    ("not (amount > 100)", 1),
    ("amount * 2 - 100 > 500", 1),
    ("-amount < -350", 1),
    ("year(date) == 2025", 3),
    ("quarter(date) == 2", 1),
    ("month(date) in [3, 11]", 3),
    ("date >= '2025-06-01'", 2),
    ("date < date('2025-01-01')", 1),
    ("year(date) == year(max(date))", 3),
    ("amount == max(amount)", 1),
    ("contains(note, '面膜')", 1),
    ("startswith(note, '新')", 1),
    ("is_null(note)", 1),
    ("note == null", 1),
    ("not_null(note)", 3),
    ("lower(platform) == '天猫'", 2),
    ("`order id` > 2", 2),
    ("1 == 1", 4),
])
def test_where_selects_rows(orders, where, expected):
    assert count_where(orders, where) == expected


def test_where_can_use_a_scalar_metric(orders):
    engine = MetricEngine({}, {
        "avg": {"source": "o", "agg": "mean", "column": "amount"},
        "big": {"source": "o", "agg": "count", "where": "amount > avg"},
    }, data={"o": orders})
    assert engine.get("big").value == 2


def test_where_on_a_missing_column_suggests_the_closest(orders):
    with pytest.raises(DataError) as info:
        count_where(orders, "platfrom == '天猫'")
    issue = info.value.issues[0]
    assert issue.path == "metrics.n.where"
    assert "no column (or metric) 'platfrom'" in issue.message and "did you mean 'platform'?" in issue.hint


def test_comparing_a_date_with_a_number_is_a_data_error(orders):
    with pytest.raises(DataError, match=r"cannot compare 'date' \(date\) with 2025 \(number\)"):
        count_where(orders, "date > 2025")


def test_comparing_text_with_a_number_is_a_data_error(orders):
    with pytest.raises(DataError, match="cannot compare 'platform' .text. with 1 .number."):
        count_where(orders, "platform == 1")


def test_where_must_be_a_condition(orders):
    with pytest.raises(SpecError, match="where must be a condition"):
        count_where(orders, "amount + 1")


def test_bad_date_literal_is_a_spec_error(orders):
    with pytest.raises(SpecError, match="is not a date"):
        count_where(orders, "date > '2025-13-45'")


def test_misspelt_metric_in_where_is_suggested(orders):
    engine = MetricEngine({}, {
        "avg_amount": {"source": "o", "agg": "mean", "column": "amount"},
        "big": {"source": "o", "agg": "count", "where": "amount > avg_amont"},
    }, data={"o": orders})
    with pytest.raises(DataError) as info:
        engine.get("big")
    assert "did you mean 'avg_amount'?" in info.value.issues[0].hint


@pytest.mark.parametrize("text", ["x in [-'a']", "x in [-null]", "x in [-true]"])
def test_a_minus_sign_before_a_non_number_in_a_list_is_a_located_error(text):
    with pytest.raises(SpecError) as error:
        parse(text, "where", path="metrics.m.where")
    assert "minus sign" in str(error.value)


def test_negative_numbers_in_a_list_still_work():
    assert parse("x in [-5, 3]", "where", path="p") is not None
