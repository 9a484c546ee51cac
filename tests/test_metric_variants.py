"""variants: one metric definition for a family of metrics that differ by period or filter."""

from __future__ import annotations

import textwrap

import pytest

from deckbuilder import cli
from deckbuilder.errors import SpecError
from deckbuilder.spec.loader import load_spec

SPEC = """\
deck: {title: t}
data: {orders: {type: csv, path: orders.csv}}
metrics:
  sales:
    source: orders
    agg: sum
    column: amount
    format: yi
    variants:
      ytd: {period: ytd}
      ly: {period: ytd_last_year, format: wan}
slides: [{kind: title}]
"""


def load(tmp_path, text=SPEC):
    path = tmp_path / "deck.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_spec(path)


def test_each_variant_is_the_base_with_its_fields(tmp_path):
    metrics = load(tmp_path).model.metrics
    assert list(metrics) == ["sales_ytd", "sales_ly"]
    assert (metrics["sales_ytd"].period, metrics["sales_ytd"].format) == ("ytd", "yi")
    assert (metrics["sales_ly"].period, metrics["sales_ly"].format, metrics["sales_ly"].column) == \
        ("ytd_last_year", "wan", "amount")


def test_error_in_a_variant_field_is_located_at_the_variant(tmp_path):
    with pytest.raises(SpecError) as info:
        load(tmp_path, SPEC.replace("period: ytd_last_year", "period: ytd_last_yaer"))
    issue = info.value.issues[0]
    assert (issue.path, issue.line) == ("metrics.sales_ly.period", 11)
    assert "did you mean 'ytd_last_year'" in issue.message


def test_error_in_the_base_is_reported_for_each_variant_at_the_base(tmp_path):
    with pytest.raises(SpecError) as info:
        load(tmp_path, SPEC.replace("agg: sum", "agg: summ"))
    assert {(i.path, i.line) for i in info.value.issues} == {("metrics.sales_ytd.agg", 6), ("metrics.sales_ly.agg", 6)}


def test_variant_name_clashing_with_a_metric_is_refused(tmp_path):
    text = SPEC.replace("metrics:\n", "metrics:\n  sales_ytd: {formula: '1'}\n")
    with pytest.raises(SpecError, match="makes the metric name 'sales_ytd', which is already defined"):
        load(tmp_path, text)


LISTED = """\
deck: {title: t}
data: {tickets: {type: csv, path: tickets.csv}}
metrics:
  tickets: {source: tickets, agg: count, where: "{variant}", variants: [cur, prev]}
  resolved:
    source: tickets
    agg: count
    where: "{variant} and hours <= 24"
    target: tickets_{variant}
    label: "{{ year }} 解决率"
    variants: [cur, prev]
slides: [{kind: title}]
"""


def test_a_list_of_variants_fills_each_name_into_variant(tmp_path):
    metrics = load(tmp_path, LISTED).model.metrics
    assert list(metrics) == ["tickets_cur", "tickets_prev", "resolved_cur", "resolved_prev"]
    assert (metrics["resolved_prev"].where, metrics["resolved_prev"].target) == ("prev and hours <= 24", "tickets_prev")
    assert metrics["tickets_cur"].where == "cur"


def test_variant_placeholder_leaves_jinja_text_alone(tmp_path):
    assert load(tmp_path, LISTED).model.metrics["resolved_cur"].label == "{{ year }} 解决率"


def test_variant_placeholder_works_in_a_mapping_of_variants(tmp_path):
    text = SPEC.replace("      ytd: {period: ytd}\n", "      ytd: {period: ytd, label: 'sales_{variant}'}\n")
    assert load(tmp_path, text).model.metrics["sales_ytd"].label == "sales_ytd"


def test_an_error_in_a_listed_variant_is_located_at_the_base_field(tmp_path):
    with pytest.raises(SpecError) as info:
        load(tmp_path, LISTED.replace("target: tickets_{variant}", "target: ''"))
    assert {(i.path, i.line) for i in info.value.issues} == {("metrics.resolved_cur.target", 9),
                                                             ("metrics.resolved_prev.target", 9)}


def test_variants_that_differ_in_nothing_are_refused(tmp_path):
    with pytest.raises(SpecError) as info:
        load(tmp_path, LISTED.replace('where: "{variant}"', 'where: "cur"'))
    issue = info.value.issues[0]
    assert "variants 'cur' and 'prev' define the same metric" in issue.message
    assert (issue.path, issue.line) == ("metrics.tickets.variants.1", 4)
    assert "{variant}" in issue.hint


def test_a_listed_variant_named_twice_is_refused(tmp_path):
    with pytest.raises(SpecError, match="variant 'cur' is listed twice"):
        load(tmp_path, LISTED.replace("variants: [cur, prev]}", "variants: [cur, cur]}"))


def test_a_list_of_variants_holds_names_only(tmp_path):
    with pytest.raises(SpecError, match="a list of variants holds names"):
        load(tmp_path, LISTED.replace("variants: [cur, prev]}", "variants: [cur, {prev: {}}]}"))


def test_variants_must_be_a_list_or_a_mapping(tmp_path):
    text = SPEC.replace("    variants:\n      ytd: {period: ytd}\n      ly: {period: ytd_last_year, format: wan}\n",
                        "    variants: ytd\n")
    with pytest.raises(SpecError, match="variants is a list of names"):
        load(tmp_path, text)


def test_cli_validate_reports_identical_variants_with_their_line_and_exits_2(tmp_path, capsys):
    path = tmp_path / "deck.yaml"
    path.write_text(LISTED.replace('where: "{variant}"', 'where: "cur"'), encoding="utf-8")
    assert cli.main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "deck.yaml:4" in err and "define the same metric" in err and "Traceback" not in err


def test_set_reaches_one_variant_and_the_base_reaches_every_variant(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text(LISTED, encoding="utf-8")
    overrides = ["metrics.resolved_prev.label=上年", "metrics.resolved.format=pct:0"]
    metrics = load_spec(path, overrides=overrides).model.metrics
    assert (metrics["resolved_prev"].label, metrics["resolved_cur"].label) == ("上年", "{{ year }} 解决率")
    assert metrics["resolved_cur"].format == metrics["resolved_prev"].format == "pct:0"


def test_a_bad_set_on_a_variant_is_located_at_the_override(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text(LISTED, encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_spec(path, overrides=["metrics.tickets_cur.agg=summ"])
    issue = info.value.issues[0]
    assert (issue.path, issue.file) == ("metrics.tickets_cur.agg", "--set metrics.tickets_cur.agg=summ")
