"""Text templates over metrics: values, formats, tables, laziness and located errors."""

import pandas as pd
import pytest

from deckbuilder.errors import DataError, SpecError
from deckbuilder.metrics.engine import MetricEngine
from deckbuilder.text.templating import TextContext, render_text


@pytest.fixture
def orders():
    return pd.DataFrame({
        "date": pd.to_datetime(["2024-05-01", "2024-11-11", "2025-06-18", "2025-11-11"]),
        "platform": ["天猫", "京东", "天猫", "抖音"],
        "amount": [40_000_000.0, 60_000_000.0, 70_000_000.0, 53_500_000.0],
    })


METRICS = {
    "total_sales": {"source": "orders", "agg": "sum", "column": "amount", "format": "yi", "label": "总销售额"},
    "sales_yoy": {"source": "orders", "agg": "sum", "column": "amount", "compare": "yoy", "format": "delta_pct"},
    "platform_share": {"source": "orders", "agg": "sum", "column": "amount", "by": "platform", "share": True,
                       "format": "pct", "as": "share"},
    "broken": {"source": "orders", "agg": "sum", "column": "no_such_column"},
}


@pytest.fixture
def engine(orders):
    return MetricEngine({}, METRICS, data={"orders": orders})


@pytest.fixture
def context(engine):
    return TextContext(engine, {"deck": {"title": "电商销售年终工作总结"}, "department": "销售部", "year": 2025})


def render(text, context):
    return render_text(text, context, path="slides[3].commentary", file="deck.yaml", line=40)


def test_the_issue_example(context):
    text = "全年总销售额 {{ total_sales | yi }}，同比增长 {{ sales_yoy | pct }}"
    assert render(text, context) == "全年总销售额 2.24亿，同比增长 23.5%"


def test_a_scalar_prints_with_its_own_format(context):
    assert render("{{ total_sales }} {{ sales_yoy }}", context) == "2.24亿 ▲23.5%"


def test_format_filters_take_decimals(context):
    # half-up: 23.5% -> 24%
    assert render("{{ sales_yoy | pct(0) }} {{ total_sales | wan(0) }}", context) == "24% 22,350万"


def test_fmt_filter_takes_any_format_string(context):
    assert render("{{ sales_yoy | fmt('+pct:2') }}", context) == "+23.50%"


def test_comparison_parts_are_attributes(context):
    text = ("{{ sales_yoy.period }} {{ sales_yoy.current | yi }} vs "
            "{{ sales_yoy.previous_period }} {{ sales_yoy.previous | yi }}")
    assert render(text, context) == "2025 1.24亿 vs 2024 1.00亿"


def test_label_is_an_attribute(context):
    assert render("{{ total_sales.label }}", context) == "总销售额"


def test_table_lookup_by_category(context):
    assert render("天猫占比 {{ platform_share['天猫'] | pct }}", context) == "天猫占比 49.2%"


def test_table_row_by_column_name(context):
    assert render("{{ platform_share.row('抖音').share | pct }}", context) == "23.9%"


def test_table_first_row_and_loop(context):
    text = ("{{ platform_share.first.platform }}; "
            "{% for r in platform_share %}{{ r.platform }}{{ r.share | pct(0) }} {% endfor %}")
    assert render(text, context) == "天猫; 天猫49% 京东27% 抖音24% "


def test_table_length_and_total(context):
    assert render("{{ platform_share | length }} {{ platform_share.total | pct(0) }}", context) == "3 100%"


def test_arithmetic_and_conditions_on_metrics(context):
    text = "{% if sales_yoy > 0 %}增长{% else %}下降{% endif %} {{ (total_sales / 1e4) | num }}"
    assert render(text, context) == "增长 22,350"


def test_extra_context_values(context):
    assert render("{{ department }} {{ year }} {{ deck.title }}", context) == "销售部 2025 电商销售年终工作总结"


def test_plain_text_passes_through_unchanged(context):
    text = "no templates here {not one}"
    assert render_text(text, context, path="p") is text


def test_only_used_metrics_are_computed(context, engine):
    render("{{ total_sales }}", context)
    assert set(engine._results) == {"total_sales"}


def test_english_locale(engine):
    context = TextContext(engine, {}, locale="en_US")
    assert render("{{ total_sales | auto }}", context) == "223.5M"


def test_unknown_metric_suggests_the_closest(context):
    with pytest.raises(SpecError) as info:
        render("{{ total_sale | yi }}", context)
    issue = info.value.issues[0]
    assert (issue.path, issue.file, issue.line) == ("slides[3].commentary", "deck.yaml", 40)
    assert "unknown name 'total_sale'" in issue.message and "did you mean 'total_sales'?" in issue.hint


def test_unknown_filter_suggests_the_closest(context):
    with pytest.raises(SpecError) as info:
        render("{{ total_sales | yii }}", context)
    assert "unknown filter 'yii'" in info.value.issues[0].message
    assert "did you mean 'yi'?" in info.value.issues[0].hint


def test_sandbox_violation_is_a_spec_error(context):
    with pytest.raises(SpecError) as info:
        render("{{ ''.__class__ }}", context)
    assert info.value.issues[0].path == "slides[3].commentary"
    assert "not allowed in a template" in info.value.issues[0].message


def test_sandbox_blocks_reaching_python_internals(context):
    with pytest.raises(SpecError, match="not allowed"):
        render("{{ ''.__class__.__mro__[1].__subclasses__() }}", context)


def test_unknown_table_key_suggests_the_closest(context):
    with pytest.raises(DataError) as info:
        render("{{ platform_share['天貓'] }}", context)
    assert info.value.issues[0].path == "slides[3].commentary" and "天猫" in info.value.issues[0].hint


def test_unknown_row_column_suggests_the_closest(context):
    with pytest.raises(DataError) as info:
        render("{{ platform_share.first.shar }}", context)
    assert "did you mean 'share'?" in info.value.issues[0].hint


def test_unknown_attribute_of_extra_dict(context):
    with pytest.raises(SpecError) as info:
        render("{{ deck.titel }}", context)
    assert "did you mean 'title'?" in info.value.issues[0].message


def test_printing_a_whole_table_explains_how_to_pick_a_value(context):
    with pytest.raises(SpecError) as info:
        render("{{ platform_share }}", context)
    assert "is a table" in info.value.issues[0].message and "platform_share['天猫']" in info.value.issues[0].hint


def test_template_syntax_error_gives_the_line(context):
    with pytest.raises(SpecError) as info:
        render("第一行\n{{ total_sales | yi }", context)
    assert info.value.issues[0].line == 41


def test_a_broken_metric_reports_its_own_field(context):
    with pytest.raises(DataError) as info:
        render("{{ broken }}", context)
    assert info.value.issues[0].path == "metrics.broken.column"


def test_text_without_engine_uses_extra_only():
    assert render_text("{{ year }}年", TextContext(None, {"year": 2025}), path="p") == "2025年"
