"""The flagship deck, specs/ecommerce_year_end.yaml: the 27-slide 电商销售年终工作总结 of
shared/DECK_OUTLINE.md, its figures (computed from examples/ecommerce/data), its rendering
and its per-department variants."""

from __future__ import annotations

import importlib.util
import math
import re
import shutil
import subprocess

import pytest
from openxml_audit import validate_pptx
from support import ROOT, SPECS, needs_soffice

from deckbuilder import build_deck
from deckbuilder.tools.inspect import inspect_deck

SPEC = SPECS / "ecommerce_year_end.yaml"

#: (layout, title) of every slide, in the outline's order.
OUTLINE = [
    ("Title", "电商销售年终工作总结"),
    ("Agenda", "目录 CATALOGUE"),
    ("Section", "年度销售业绩回顾"),
    ("Content", "总体销售额与增长率"),
    ("Chart + Text", "季度销售趋势分析"),
    ("Content", "关键业绩指标达成"),
    ("Section", "产品销售表现分析"),
    ("Chart + Text", "热销产品类别排名"),
    ("Chart + Text", "新品上市表现评估"),
    ("Content", "库存管理与周转效率"),
    ("Section", "市场渠道运营总结"),
    ("Chart + Text", "电商平台销售占比"),
    ("Chart + Text", "营销活动ROI计算"),
    ("Chart + Text", "客户流量来源分布"),
    ("Section", "客户服务与满意度"),
    ("Content", "客户满意度调查结果"),
    ("Content", "售后问题处理时效"),
    ("Chart + Text", "会员复购率分析"),
    ("Section", "团队协作与效率"),
    ("Chart + Text", "团队绩效评价指标"),
    ("Chart + Text", "仓储物流优化成果"),
    ("Chart + Text", "运营成本控制措施"),
    ("Section", "挑战与未来规划"),
    ("Content", "当前面临主要问题"),
    ("Content", "改进策略与行动计划"),
    ("Chart + Text", "明年销售目标设定"),
    ("Closing", "谢谢"),
]
CONTENT_LAYOUTS = {"Content", "Chart + Text"}
DEPARTMENTS = ["家居生活", "美妆个护", "数码3C", "母婴用品"]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def year_end(tmp_path_factory):
    """The company deck, built once: (path, BuildResult)."""
    out = tmp_path_factory.mktemp("year_end") / "ecommerce_year_end.pptx"
    result = build_deck(SPEC, output=out)
    return out, result


@pytest.fixture(scope="session")
def deck_path(year_end):
    return year_end[0]


@pytest.fixture(scope="session")
def dump(deck_path):
    return inspect_deck(deck_path)


@pytest.fixture(scope="session")
def metrics():
    """Every metric of the spec, computed the way `deckbuilder validate` does (cli._describe)."""
    from deckbuilder.metrics.engine import MetricEngine
    from deckbuilder.spec.loader import load_spec

    loaded = load_spec(SPEC)
    engine = MetricEngine(loaded.model.data, loaded.model.metrics, base_dir=loaded.base_dir,
                          params=loaded.model.params)
    return engine.compute_all()


@pytest.fixture(scope="session")
def department_decks(tmp_path_factory):
    from deckbuilder.build import build_decks

    out = tmp_path_factory.mktemp("departments")
    return {r.department: r for r in build_decks(SPEC, jobs=2, output_dir=out)}


def _title(slide: dict) -> str:
    for shape in slide["shapes"]:
        if (shape.get("placeholder") or {}).get("type") in ("title", "ctrTitle"):
            return " ".join(shape["text"].split())
    raise AssertionError(f"slide {slide['index']} has no title")


def _charts(slide: dict) -> list[dict]:
    return [s for s in slide["shapes"] if s["kind"] == "chart"]


def _is_kpi(slide: dict) -> bool:
    return any(s["name"].startswith("KPI ") for s in slide["shapes"])


# --------------------------------------------------------------------------- structure


def test_27_slides_with_the_outline_titles_in_order(year_end, dump):
    assert year_end[1].slides == 27
    assert [(s["layout"], _title(s)) for s in dump["slides"]] == OUTLINE


def test_title_slide_has_presenter_and_date(dump):
    texts = [s.get("text", "") for s in dump["slides"][0]["shapes"]]
    assert any(t.startswith("演讲人：") and len(t) > 4 for t in texts)
    assert any(re.fullmatch(r"日期：\d{4}-\d{2}-\d{2}", t) for t in texts)


def test_sections_are_numbered_parts_and_listed_in_the_agenda(dump):
    sections = [s for s in dump["slides"] if s["layout"] == "Section"]
    assert len(sections) == 6
    for n, slide in enumerate(sections, start=1):
        assert f"PART {n:02d}" in [s.get("text") for s in slide["shapes"]]
    agenda = [s["text"].split() for s in dump["slides"][1]["shapes"] if s["name"].startswith("Agenda item")]
    assert agenda == [[f"{n:02d}", _title(s)] for n, s in enumerate(sections, start=1)]


def test_every_content_slide_has_speaker_notes(dump):
    content = [s for s in dump["slides"] if s["layout"] in CONTENT_LAYOUTS]
    assert len(content) == 18
    for slide in content:
        assert len(slide["notes"].strip()) >= 20, f"slide {slide['index']} ({_title(slide)}) has no notes"
        assert "{{" not in slide["notes"] and "{%" not in slide["notes"]


def test_at_least_ten_native_charts_and_four_kpi_slides(dump):
    charts = [c for s in dump["slides"] for c in _charts(s)]
    assert len(charts) >= 10
    assert sum(_is_kpi(s) for s in dump["slides"]) >= 4
    for chart in charts:  # readable: few categories, short labels
        categories = chart["chart"]["categories"]
        assert 2 <= len(categories) <= 12
        assert max(len(str(c)) for c in categories) <= 8


def test_charts_carry_the_figures(dump):
    by_title = {_title(s): s for s in dump["slides"]}
    trend = _charts(by_title["季度销售趋势分析"])[0]["chart"]
    assert trend["categories"] == [f"{m}月" for m in range(1, 13)]
    sales = [sum(values) for values in zip(*(s["values"] for s in trend["series"]))]  # stacked by promotion
    assert sorted(range(12), key=lambda i: sales[i])[-2:] in ([5, 10], [10, 5])  # June (618), November (双11)
    ranking = _charts(by_title["热销产品类别排名"])[0]["chart"]
    assert ranking["categories"] == ["家居生活", "美妆个护", "数码3C", "母婴用品"]
    platforms = _charts(by_title["电商平台销售占比"])[0]["chart"]
    assert platforms["categories"][:2] == ["天猫", "京东"]
    assert sum(platforms["series"][0]["values"]) == pytest.approx(1.0)


def test_no_unrendered_templates_on_any_slide(dump):
    for slide in dump["slides"]:
        for shape in slide["shapes"]:
            text = shape.get("text") or ""
            assert "{{" not in text and "{%" not in text and "None" not in text, (slide["index"], text)


def test_inspect_dump(dump, data_regression):
    data_regression.check(dump)


# --------------------------------------------------------------------------- figures


def _value(metrics, name: str) -> float:
    return float(metrics[name].value)


def _row(result, key: str) -> float:
    """The first value column of the row of table metric *result* whose first key is *key*."""
    table = result.table
    row = table[table.iloc[:, 0].astype(str) == key]
    assert len(row) == 1, f"{result.name}: no row {key!r}"
    return float(row.iloc[0, len(result.keys)])


def _lookup(metrics, name: str, key: str) -> float:
    return _row(metrics[name], key)


def test_every_metric_computes(metrics):
    assert len(metrics) >= 100
    for name, result in metrics.items():
        if result.kind == "scalar":
            assert not math.isnan(float(result.value)), name
        else:
            assert len(result.table) >= 1, name


# metric -> the outline's figure (the seed's numbers, as the outline quotes them)
OUTLINE_FIGURES = {
    # slide 5: 618 + 双11 near 30% of the year
    "big_promo_share": (0.30, 0.005),
    # slide 12: platforms
    "own_site_multiple": (2.3, 0.05),
    "pdd_douyin_yoy": (2.30, 0.01),
    "pdd_douyin_lower_share": (0.40, 0.005),
    "cross_border_share": (0.12, 0.005),
    # slide 13: 双11
    "d11_paid_share": (0.28, 0.005),
    "d11_roi_cur": (4.7, 0.05),
    "live_conversion_multiple": (5.0, 0.05),
    "d11_margin_uplift": (0.08, 0.005),
    "wecom_cac_saving": (0.62, 0.005),
    # slide 14: traffic
    "longtail_share": (0.35, 0.005),
    "search_bounce_rate": (0.44, 0.005),
    "paid_ads_budget_share": (0.58, 0.005),
    "social_new_share": (0.23, 0.005),
    "social_share_multiple": (3.0, 0.05),
    "short_video_share": (0.19, 0.005),
    # slide 16: satisfaction
    "satisfied_logistics": (0.78, 0.005),
    "satisfied_service": (0.90, 0.005),
    "overall_score": (4.3, 0.05),
    # slide 17: after-sales
    "return_workdays": (2.5, 0.05),
    "return_speedup": (0.20, 0.005),
    "complaint_first_response": (1.0, 0.05),
    "complex_complaint_hours": (48.0, 0.5),
    "tech_payment_hours": (4.0, 0.05),
    "followup_resolved": (0.75, 0.005),
    # slide 18: members (68% = of customers spending > 5000 yuan a year, the share who are members)
    "member_repurchase_cur": (0.42, 0.005),
    "high_spender_member_share": (0.68, 0.005),
    "new_member_rebuy_3m": (0.30, 0.005),
    "lapsed_member_recall": (0.15, 0.005),
    "top_tier_aov_uplift": (0.35, 0.005),
    "high_spend_yuan": (5000.0, 0.0),
    # slide 21: warehouse and logistics; slide 10: turnover 3 -> 5
    "turnover_prev": (3.0, 0.0),
    "turnover_cur": (5.0, 0.0),
    # slide 22: cost control
    "energy_saving": (300_000.0, 500.0),
}


@pytest.mark.parametrize("name", list(OUTLINE_FIGURES))
def test_outline_figure(metrics, name):
    expected, tolerance = OUTLINE_FIGURES[name]
    assert _value(metrics, name) == pytest.approx(expected, abs=tolerance)


def test_outline_thresholds_and_directions(metrics):
    v = lambda name: _value(metrics, name)  # noqa: E731
    # slide 4: growth above the industry; lower-tier markets grow fastest; tier-1 + new tier-1 carry the volume
    assert v("sales_yoy") > v("industry_growth_cur")
    assert v("sales_cur") > 5e8
    region = metrics["region_yoy"].table
    domestic = region[region.region_tier != "海外"]
    assert domestic.iloc[0]["region_tier"] == "三线及以下"
    assert v("core_cities_share") > 0.5
    assert v("high_price_share_cur") > v("high_price_share_prev")
    # slide 6: AOV and conversion up, turnover up, stock-outs down, 24 h resolution and NPS up
    assert v("aov_yoy") > 0 and v("aov") == pytest.approx(464.7, abs=0.05)
    assert v("conversion_cur") > v("conversion_prev")
    assert v("stockout_change") < 0
    assert v("resolved_24h_cur") > v("resolved_24h_prev")
    assert v("nps_cur") > v("nps_prev")
    # slide 8: ranking 家居 > 美妆 > 数码 > 母婴; 美妆个护 repurchases most
    assert list(metrics["category_sales"].table["category"]) == ["家居生活", "美妆个护", "数码3C", "母婴用品"]
    assert metrics["category_repurchase"].table.iloc[0]["category"] == "美妆个护"  # sorted by rate
    # slide 12: Tmall + JD > 65%, Tmall flagship GMV in the tens of millions, JD's AOV highest, own site < 15%
    assert v("tmall_jd_share") > 0.65
    assert v("tmall_sales") >= 1e7
    assert metrics["platform_aov"].table.iloc[0]["platform"] == "京东"
    assert v("own_site_share") < 0.15
    assert v("cross_border_digital_share") > _lookup(metrics, "category_share", "数码3C")
    # slide 13: coupons 17%-22%, mid-tier KOL 1:9.3, top-tier sessions losing money
    rates = metrics["coupon_redemption"].table["核销率"]
    assert rates.min() == pytest.approx(0.17, abs=0.005) and rates.max() == pytest.approx(0.22, abs=0.005)
    assert _lookup(metrics, "kol_roi", "腰部") == pytest.approx(9.3, abs=0.05)
    assert _lookup(metrics, "kol_roi", "头部") < _lookup(metrics, "kol_roi", "腰部")
    assert v("kol_top_loss_sessions") >= 1
    # slide 14: short video watch time above 90 s
    assert v("short_video_watch") > 90
    # slide 16: product quality above 85%
    assert v("satisfied_quality") > 0.85
    # slide 20: attainment by product line, order processing time down, proposals counted
    assert v("sales_attainment") > 1
    assert len(metrics["category_attainment"].table) == 4
    assert v("processing_hours_cur") < v("processing_hours_prev")
    assert v("proposals_total_cur") > 0
    # slide 21
    after, before = metrics["ops_cur"], metrics["ops_prev"]
    ops = _row
    assert ops(after, "分拣差错率") < 0.005
    assert _lookup(metrics, "logistics_change", "日均处理订单量") == pytest.approx(0.40, abs=0.005)
    assert ops(after, "区域仓数量") - ops(before, "区域仓数量") == 3
    assert ops(after, "次日达订单占比") == pytest.approx(0.80)
    assert _lookup(metrics, "logistics_change", "单均物流成本") == pytest.approx(-0.15, abs=0.005)
    assert ops(after, "退货率") - ops(before, "退货率") == pytest.approx(-0.02, abs=0.0005)
    assert _lookup(metrics, "logistics_change", "单件包裹重量") == pytest.approx(-0.20, abs=0.005)
    assert ops(after, "绿色包装节省运费") > 500_000
    # slide 22
    assert ops(before, "无效广告曝光占比") == pytest.approx(0.35)
    assert ops(after, "无效广告曝光占比") == pytest.approx(0.12)
    assert _lookup(metrics, "cost_reduction", "获客成本") == pytest.approx(0.22, abs=0.005)
    cuts = metrics["purchase_cost_cut"].table["降幅"]
    assert cuts.min() == pytest.approx(0.08, abs=0.005) and cuts.max() == pytest.approx(0.12, abs=0.005)
    assert _lookup(metrics, "cost_reduction", "仓储用电量") == pytest.approx(0.18, abs=0.005)
    assert _lookup(metrics, "cost_reduction", "大促期外包人员") == pytest.approx(0.40, abs=0.005)
    # slide 24: low retention
    assert v("retention") < 0.3
    # slide 26: next year's target above this year's sales
    assert v("target_next") > v("sales_cur") and v("growth_target_next") > 0


def _reference_figures():
    path = ROOT / "examples" / "ecommerce" / "figures.py"
    spec = importlib.util.spec_from_file_location("ecommerce_figures", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.compute_figures()


# spec metric -> figures.py key (the plain-pandas reference computation)
REFERENCE = {
    "sales_cur": "total_sales_2025", "sales_yoy": "sales_yoy", "industry_growth_cur": "industry_sales_growth",
    "aov_yoy": "aov_yoy", "aov": "aov_2025_yuan_real", "high_price_share_cur": "high_price_share_2025",
    "high_price_share_prev": "high_price_share_2024", "core_cities_share": "tier1_newtier1_share_domestic",
    "lower_tier_yoy": "lower_tier_yoy", "big_promo_share": "big_promo_share",
    "conversion_cur": "conversion_rate_2025", "conversion_prev": "conversion_rate_2024",
    "repurchase_cur": "repurchase_2025", "repurchase_prev": "repurchase_2024", "retention": "retention_2025",
    "turnover_prev": "inventory_turnover_2024", "turnover_cur": "inventory_turnover_2025",
    "stockout_change": "stockout_rate_change_pp", "resolved_24h_cur": "resolved_24h_2025",
    "resolved_24h_prev": "resolved_24h_2024", "nps_cur": "nps_2025", "nps_prev": "nps_2024",
    "new_product_share": "new_product_share_2025", "tmall_jd_share": "tmall_jd_share",
    "tmall_sales": "tmall_sales_2025", "own_site_share": "own_site_share",
    "repurchase_on_own_site": "own_site_repurchase", "repurchase_on_third_party": "third_party_repurchase",
    "own_site_multiple": "own_site_repurchase_multiple", "pdd_douyin_yoy": "pdd_douyin_yoy",
    "pdd_douyin_lower_share": "pdd_douyin_lower_tier_buyer_share", "cross_border_share": "cross_border_share",
    "cross_border_digital_share": "cross_border_digital_share", "d11_paid_share": "double11_paid_promo_cost_share",
    "d11_roi_cur": "double11_roi", "d11_roi_prev": "double11_roi_2024",
    "live_conversion_multiple": "double11_live_conversion_multiple",
    "d11_margin_uplift": "double11_margin_uplift_pp", "cac_public": "public_cac", "cac_wecom": "wecom_cac",
    "wecom_cac_saving": "wecom_cac_saving", "kol_top_loss_sessions": "kol_top_loss_sessions",
    "longtail_share": "longtail_qualified_share", "search_bounce_rate": "search_bounce_rate",
    "paid_ads_budget_share": "paid_ads_budget_share", "social_new_share": "social_new_customer_share",
    "social_share_multiple": "social_share_rate_multiple", "short_video_share": "short_video_offsite_share",
    "short_video_watch": "short_video_watch_seconds", "satisfied_logistics": "logistics_satisfied",
    "satisfied_service": "service_satisfied", "satisfied_quality": "quality_satisfied",
    "overall_score": "overall_score",
    "return_workdays": "return_workdays",
    "return_speedup": "return_speedup", "complaint_first_response": "complaint_first_response_hours",
    "complex_complaint_hours": "complex_complaint_hours", "tech_payment_hours": "tech_payment_hours",
    "followup_resolved": "followup_resolved_rate", "member_repurchase_cur": "member_repurchase",
    "member_repurchase_prev": "member_repurchase_2024", "high_spenders": "high_spenders",
    "high_spender_member_share": "high_spender_member_share", "new_members": "new_members",
    "new_member_rebuy_3m": "new_member_rebuy_3m", "lapsed_members": "lapsed_members",
    "lapsed_member_recall": "lapsed_member_recall", "top_tier_aov_uplift": "top_tier_aov_uplift",
    "sales_attainment": "sales_attainment", "processing_hours_cur": "order_processing_hours",
    "processing_hours_prev": "order_processing_hours_2024", "proposals_total_cur": "improvement_proposals",
    "energy_saving": "energy_saving", "target_next": "sales_target_2026", "growth_target_next": "growth_target_2026",
}


@pytest.fixture(scope="module")
def reference():
    return _reference_figures()


@pytest.mark.parametrize(("name", "key"), list(REFERENCE.items()), ids=list(REFERENCE))
def test_metrics_match_the_reference_computation(metrics, reference, name, key):
    assert _value(metrics, name) == pytest.approx(reference[key], rel=1e-9, abs=1e-9), (name, key)


# (table metric, first key) -> figures.py key: table metric rows against the reference
REFERENCE_ROWS = {
    ("category_share", "家居生活"): "home_sales_share", ("category_share", "美妆个护"): "beauty_sales_share",
    ("category_share", "数码3C"): "digital_sales_share", ("category_share", "母婴用品"): "baby_sales_share",
    ("category_repurchase", "美妆个护"): "beauty_repurchase", ("quarter_share", "Q2"): "q2_share",
    ("quarter_share", "Q4"): "q4_share", ("region_yoy", "一线"): "tier1_yoy",
    ("kol_roi", "腰部"): "kol_mid_roi", ("kol_roi", "头部"): "kol_top_roi",
    ("category_attainment", "数码3C"): "digital_attainment",
    ("platform_aov", "京东"): "jd_aov_yuan_real",
}


@pytest.mark.parametrize(
    ("name", "key", "ref"),
    [(name, key, ref) for (name, key), ref in REFERENCE_ROWS.items()],
    ids=[f"{name}-{ref}" for (name, _), ref in REFERENCE_ROWS.items()],
)
def test_table_rows_match_the_reference_computation(metrics, reference, name, key, ref):
    assert _lookup(metrics, name, key) == pytest.approx(reference[ref], rel=1e-9), (name, key)


# --------------------------------------------------------------------------- output quality


def test_lint_finds_nothing(year_end):
    from deckbuilder.tools.lint import lint_deck

    assert year_end[1].warnings == []
    assert lint_deck(year_end[0]) == []


def test_openxml_audit_finds_no_errors(deck_path):
    result = validate_pptx(str(deck_path))
    assert [str(e) for e in getattr(result, "errors", [])] == []


def test_two_builds_are_byte_identical(deck_path):
    again = build_deck(SPEC, write=False, lint=False)
    assert again.data == deck_path.read_bytes()


@needs_soffice
def test_libreoffice_renders_27_pages(deck_path, tmp_path):
    from deckbuilder.tools.preview import render_pdf

    pdf = render_pdf(deck_path, tmp_path)
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    else:
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
    assert pages == 27


# --------------------------------------------------------------------------- departments


def test_every_department_deck_builds(department_decks):
    assert sorted(department_decks) == sorted(DEPARTMENTS)
    for name, result in department_decks.items():
        assert result.ok, result.error
        assert result.slides == 21, name
        assert result.warnings == [], (name, result.warnings)


def _summary(path) -> dict:
    """What a department deck shows, small enough for a regression file."""
    slides = inspect_deck(path)["slides"]
    out = []
    for slide in slides:
        item = {"layout": slide["layout"], "title": _title(slide)}
        for chart in _charts(slide):
            item["chart"] = {"type": chart["chart"]["type"], "categories": chart["chart"]["categories"],
                             "series": [s["name"] for s in chart["chart"]["series"]]}
        kpis = [s["text"].split("\n")[:2] for s in slide["shapes"] if s["name"].startswith("KPI ")]
        if kpis:
            item["kpis"] = kpis
        out.append(item)
    return {"slides": out}


def test_department_decks(department_decks, data_regression):
    summaries = {name: _summary(department_decks[name].path) for name in DEPARTMENTS}
    for name, summary in summaries.items():
        titles = [s["title"] for s in summary["slides"]]
        assert titles[0] == f"{name}事业部 电商销售年终工作总结"
        assert "热销产品类别排名" not in titles and "团队协作与效率" not in titles
        assert titles[-1] == "谢谢"
    data_regression.check(summaries)


def test_department_decks_use_their_own_theme_and_presenter(department_decks):
    import zipfile

    presenters = {"家居生活": "王芳", "美妆个护": "李雷", "数码3C": "陈浩", "母婴用品": "刘洋"}
    primaries = {"家居生活": "2D5A27", "美妆个护": "A63D1F", "数码3C": "9B1B30", "母婴用品": "0B5563"}
    for name, result in department_decks.items():
        first = inspect_deck(result.path)["slides"][0]
        assert f"演讲人：{presenters[name]}" in [s.get("text") for s in first["shapes"]]
        with zipfile.ZipFile(result.path) as package:
            theme = package.read("ppt/theme/theme1.xml").decode()
        assert primaries[name] in theme, name


def _xml_parts(blob: bytes, where: str = ""):
    """(part name, text) of every XML part of a package, embedded workbooks' parts included."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        for name in package.namelist():
            data = package.read(name)
            if name.endswith(".xlsx"):
                yield from _xml_parts(data, f"{where}{name}!")
            elif name.endswith((".xml", ".rels")):
                yield where + name, data.decode("utf-8")


def test_no_department_deck_shows_another_departments_rows_or_names(department_decks):
    """A leak is another category's name, or one of its products, anywhere in the package: slide text,
    notes, chart caches, embedded workbooks. Company-wide figures are allowed: they name no category."""
    import csv

    with open(ROOT / "examples" / "ecommerce" / "data" / "products.csv", encoding="utf-8") as f:
        products = [(row["category"], row["product"]) for row in csv.DictReader(f)]
    for name, result in department_decks.items():
        others = [c for c in DEPARTMENTS if c != name]
        terms = others + [product for category, product in products if category in others]
        parts = dict(_xml_parts(result.path.read_bytes()))
        assert any(part.startswith("ppt/embeddings/") for part in parts)  # the workbooks were scanned too
        leaks = sorted({(part, term) for part, text in parts.items() for term in terms if term in text})
        assert leaks == [], (name, leaks)
        assert any(name in text for text in parts.values())  # the scan sees the department's own name


def test_department_decks_mark_company_wide_figures(department_decks):
    """Traffic, marketing and operations have no category split: their figures say so on every department deck."""
    for name, result in department_decks.items():
        slides = {_title(s): s for s in inspect_deck(result.path)["slides"]}
        cards = {s["text"].split("\n")[0]: s["text"] for s in slides["关键业绩指标达成"]["shapes"]
                 if s["name"].startswith("KPI ")}
        assert cards["转化率"].endswith("全公司口径") and cards["库存周转（次/年）"].endswith("全公司口径"), name
        assert "口径" not in cards["客单价"] and "口径" not in cards["净推荐值 NPS"]
        notes = [s["text"] for s in slides["客户流量来源分布"]["shapes"] if s["name"] == "Scope note"]
        assert notes == ["注：本页为全公司口径数据，未按部门拆分"], name


def test_department_parts_keep_at_least_two_content_slides():
    from deckbuilder.spec.loader import load_spec
    from deckbuilder.spec.variants.departments import resolve_department

    loaded = load_spec(SPEC)
    for name in DEPARTMENTS:
        parts: list[list[str]] = []
        for slide in resolve_department(loaded, name).loaded.model.slides:
            if slide.opens_section:
                parts.append([])
            elif not slide.frames_deck and parts:
                parts[-1].append(slide.title)
        assert len(parts) == 5 and all(len(part) >= 2 for part in parts), (name, parts)
