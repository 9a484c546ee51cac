"""variants: one metric definition for a family of metrics that differ by period or filter."""

from __future__ import annotations

import textwrap

import pytest

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


def test_variants_must_be_a_mapping(tmp_path):
    text = SPEC.replace("    variants:\n      ytd: {period: ytd}\n      ly: {period: ytd_last_year, format: wan}\n",
                        "    variants: [ytd, ly]\n")
    with pytest.raises(SpecError, match="variants is a mapping of names"):
        load(tmp_path, text)
