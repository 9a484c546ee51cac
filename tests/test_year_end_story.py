"""The flagship deck tells one story per slide: each chart and the text beside it show the same
figures (issue 13, "The flagship tells contradicting stories"). Slide numbers are those of
specs/ecommerce_year_end.yaml; every expectation is computed from the data, not typed."""

from __future__ import annotations

import re

import pytest
from support import SPECS

from deckbuilder import build_deck
from deckbuilder.tools.inspect import inspect_deck

SPEC = SPECS / "ecommerce_year_end.yaml"


@pytest.fixture(scope="module")
def slides(tmp_path_factory):
    """slide id -> {"text": everything written on the slide but its title, "notes", "chart"}."""
    from deckbuilder.spec.loader import load_spec

    out = tmp_path_factory.mktemp("story") / "deck.pptx"
    build_deck(SPEC, output=out, lint=False)
    dumped = inspect_deck(out)["slides"]
    ids = [s.id for s in load_spec(SPEC).model.slides]
    by_id = {}
    for slide_id, slide in zip(ids, dumped, strict=True):
        shapes = slide["shapes"]
        texts = [s.get("text") or "" for s in shapes
                 if (s.get("placeholder") or {}).get("type") not in ("title", "ctrTitle")]
        charts = [s["chart"] for s in shapes if s["kind"] == "chart"]
        by_id[slide_id] = {"text": "\n".join(texts), "notes": slide["notes"], "chart": charts[0] if charts else None}
    return by_id


@pytest.fixture(scope="module")
def metrics():
    from deckbuilder.metrics.engine import MetricEngine
    from deckbuilder.spec.loader import load_spec

    loaded = load_spec(SPEC)
    return MetricEngine(loaded.model.data, loaded.model.metrics, base_dir=loaded.base_dir,
                        params=loaded.model.params).get


@pytest.fixture(scope="module")
def highlights():
    from deckbuilder.spec.loader import load_spec

    return {s.id: [str(h) for h in s.chart.highlight] for s in load_spec(SPEC).model.slides if hasattr(s, "chart")}


def _series(chart: dict) -> dict[str, list[float]]:
    return {s["name"]: s["values"] for s in chart["series"]}


def _by_value(chart: dict, series: int = 0) -> list[str]:
    """The chart's categories, largest value of the series first."""
    values = chart["series"][series]["values"]
    return [c for _, c in sorted(zip(values, chart["categories"], strict=True), key=lambda p: -p[0])]


# ---------------------------------------------------------------- slide 5: trend


def test_trend_stacks_each_month_by_promotion_period(slides):
    chart = slides["quarterly_trend"]["chart"]
    assert chart["type"] == "COLUMN_STACKED"
    assert chart["categories"] == [f"{m}月" for m in range(1, 13)]
    assert list(_series(chart)) == ["无", "双12", "38节", "618", "双11", "年货节"]


def test_trend_text_names_the_everyday_peaks_the_chart_shows(slides):
    chart, text = slides["quarterly_trend"]["chart"], slides["quarterly_trend"]["text"]
    first, second = _by_value(chart, series=0)[:2]  # the everyday ("无") part of each month
    assert f"日常销售 {first}、{second}最旺" in text


def test_trend_text_names_the_three_highest_months_all_holding_a_big_promotion(slides, metrics):
    chart, text = slides["quarterly_trend"]["chart"], slides["quarterly_trend"]["text"]
    totals = metrics("monthly_ranked").table
    top3 = list(totals.iloc[:3, 0])
    assert f"销售前三的{'、'.join(top3)}均含两大促" in text
    promo = _series(chart)
    for month in top3:
        i = chart["categories"].index(month)
        assert promo["618"][i] + promo["双11"][i] > 0, month


def test_trend_text_gives_the_quarter_shares(slides, metrics):
    shares = metrics("quarter_share").table
    text = slides["quarterly_trend"]["text"]
    for quarter, share in zip(shares.iloc[:, 0], shares.iloc[:, 1], strict=True):
        assert f"{share * 100:.1f}%" in text, quarter


# ---------------------------------------------------------------- slide 13: ROI


def test_overall_roi_is_the_channel_roi_diluted_by_the_unattributed_spend(metrics):
    overall, channels = metrics("d11_roi_cur").value, metrics("d11_attributed_roi").value
    unattributed = metrics("d11_unattributed_share").value
    assert overall == pytest.approx(channels * (1 - unattributed))
    bars = metrics("d11_channel_roi").table["ROI"]
    assert bars.min() <= channels <= bars.max()


def test_roi_text_states_both_the_channel_and_the_overall_roi(slides, metrics):
    text = slides["campaign_roi"]["text"]
    assert f"各渠道合计 ROI 1:{metrics('d11_attributed_roi').value:.1f}" in text
    assert f"（占投入 {metrics('d11_unattributed_share').value * 100:.0f}%）后整体 1:4.7" in text


def test_roi_ticks_are_multiples_not_ratios_to_zero(slides):
    assert "1:" not in slides["campaign_roi"]["chart"]["data_label_number_format"]


# ---------------------------------------------------------------- slide 18: members


def test_member_chart_highlights_the_non_members_the_text_compares_with(slides, highlights):
    chart, text = slides["member_repurchase"]["chart"], slides["member_repurchase"]["text"]
    assert highlights["member_repurchase"] == ["非会员"]
    assert _by_value(chart)[-1] == "非会员"
    rate = _series(chart)["复购率"][chart["categories"].index("非会员")]
    assert f"非会员仅 {rate * 100:.0f}%" in text


def test_member_text_names_the_tier_with_the_highest_rate(slides):
    chart, text = slides["member_repurchase"]["chart"], slides["member_repurchase"]["text"]
    best = _by_value(chart)[0]
    assert f"复购率最高的是{best}会员" in text


def test_member_notes_document_the_68_percent_reading(slides):
    assert "口径说明" in slides["member_repurchase"]["notes"]


# ---------------------------------------------------------------- slide 20: attainment


def test_attainment_chart_has_the_100_percent_line_and_flags_every_missed_line(slides, highlights, metrics):
    chart = slides["team_performance"]["chart"]
    attainment = metrics("category_attainment").table
    expected = dict(zip(attainment["category"], attainment["达成率"], strict=True))
    plotted = dict(zip(chart["categories"], chart["series"][0]["values"], strict=True))
    assert plotted == pytest.approx(expected, rel=1e-5)  # the dump keeps 6 digits
    assert chart["series"][1]["values"] == [1.0] * len(expected)  # the 100% target line
    missed = [c for c, v in expected.items() if v < 1]
    assert missed and highlights["team_performance"] == missed


def test_attainment_text_names_the_missed_line(slides, metrics):
    attainment = metrics("category_attainment").table
    for _, row in attainment[attainment["达成率"] < 1].iterrows():
        assert f"{row['category']}（{row['达成率'] * 100:.1f}%）" in slides["team_performance"]["text"]


# ---------------------------------------------------------------- slides 21-22: operations


RATES = {"分拣差错率", "次日达订单占比", "退货率", "无效广告曝光占比"}


@pytest.mark.parametrize("slide_id", ["logistics", "cost_control"])
def test_operations_charts_hold_no_rates(slides, slide_id):
    assert not RATES & set(slides[slide_id]["chart"]["categories"])


def test_logistics_chart_is_signed_change_and_text_quotes_rates_as_levels(slides):
    chart, text = slides["logistics"]["chart"], slides["logistics"]["text"]
    change = dict(zip(chart["categories"], chart["series"][0]["values"], strict=True))
    assert change["日均处理订单量"] > 0 > change["单均物流成本"]
    assert f"日均处理订单增 {change['日均处理订单量'] * 100:.0f}%" in text
    assert f"单均物流成本降 {-change['单均物流成本'] * 100:.0f}%" in text
    assert "次日达 52% → 80%" in text


def test_cost_chart_reductions_are_the_ones_the_text_quotes(slides):
    chart, text = slides["cost_control"]["chart"], slides["cost_control"]["text"]
    cut = dict(zip(chart["categories"], chart["series"][0]["values"], strict=True))
    for label, name in [("获客成本降", "获客成本"), ("仓储用电降", "仓储用电量"), ("外包人员减少", "大促期外包人员")]:
        assert f"{label} {cut[name] * 100:.0f}%" in text
    assert "无效曝光占比 35% → 12%" in text


# ---------------------------------------------------------------- slide 26: next year


def test_targets_chart_and_text_both_compare_the_2026_target_with_2025_actual_sales(slides, metrics):
    chart, text = slides["targets_2026"]["chart"], slides["targets_2026"]["text"]
    targets = metrics("category_target_next").table.set_index("category").iloc[:, 0]
    actual = metrics("category_actual").table.set_index("category").iloc[:, 0]
    plotted = dict(zip(chart["categories"], chart["series"][0]["values"], strict=True))
    assert plotted == pytest.approx((targets / actual - 1).to_dict(), rel=1e-5)
    assert re.search(r"较今年实际 [\d.]+亿 增长 22\.3%", text)
    top = _by_value(chart)[0]
    assert f"增长目标最高的是{top}" in text
