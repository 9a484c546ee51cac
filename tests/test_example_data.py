"""The e-commerce example data: deterministic generation, and every figure of the deck
outline (shared DECK_OUTLINE.md) computed from the committed copy.

Tolerances are the outline's precision: "28%" means 27.5%..28.5%, "1:4.7" means
4.65..4.75, and so on; where the outline says "more than" / "below" the test says so.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ecommerce"
DATA = EXAMPLE / "data"
GENERATOR = EXAMPLE / "generate.py"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"ecommerce_{name}", EXAMPLE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fig() -> dict[str, float]:
    return _load("figures").compute_figures(DATA)


def _generate(out: Path, *args: str) -> None:
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(out), "--quiet", *args],
                   check=True, capture_output=True, text=True, timeout=300)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ---------------------------------------------------------------------------------------
# generation
# ---------------------------------------------------------------------------------------
def test_generator_is_deterministic(tmp_path):
    _generate(tmp_path / "a", "--rows", "3000")
    _generate(tmp_path / "b", "--rows", "3000")
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert set(a) == {f"{t}.csv" for t in _load("figures").TABLES}
    assert a == b
    orders = pd.read_csv(tmp_path / "a" / "orders.csv")
    assert (~orders.date.str.startswith("2023")).sum() == 3000   # --rows: 2024 and 2025; 2023 comes on top


def test_other_seed_gives_other_data(tmp_path):
    _generate(tmp_path / "a", "--rows", "3000")
    _generate(tmp_path / "b", "--rows", "3000", "--seed", "7")
    assert (tmp_path / "a" / "orders.csv").read_bytes() != (tmp_path / "b" / "orders.csv").read_bytes()


def test_committed_copy_is_what_the_generator_writes(tmp_path):
    """The committed CSVs are the default run (regenerate them after editing generate.py)."""
    _generate(tmp_path)
    fresh, committed = _files(tmp_path), {n: b for n, b in _files(DATA).items() if n.endswith(".csv")}
    assert sorted(fresh) == sorted(committed)
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"stale committed data, run python examples/ecommerce/generate.py: {stale}"


def test_committed_copy_is_small():
    total = sum(p.stat().st_size for p in DATA.glob("*.csv"))
    assert total <= 6_000_000, f"committed data is {total / 1e6:.2f} MB"


def test_parquet_output(tmp_path):
    _generate(tmp_path, "--rows", "3000", "--format", "parquet")
    assert {p.suffix for p in tmp_path.iterdir()} == {".parquet"}
    figures = _load("figures").compute_figures(tmp_path)
    assert figures["orders_2025"] > 0


# ---------------------------------------------------------------------------------------
# the data is what it says it is
# ---------------------------------------------------------------------------------------
def test_orders_shape_and_labels():
    o = pd.read_csv(DATA / "orders.csv", parse_dates=["date"])
    assert list(o.columns) == ["order_id", "date", "platform", "region_tier", "city", "category", "product",
                               "is_new_product", "customer_id", "member_tier", "quantity", "amount", "cost",
                               "promotion"]
    assert o.order_id.is_unique
    assert o.date.min() >= pd.Timestamp("2023-01-01") and o.date.max() <= pd.Timestamp("2025-12-31")
    assert set(o.platform) == {"天猫", "京东", "自营商城", "拼多多", "抖音", "Amazon", "Shopify"}
    assert set(o.category) == {"家居生活", "美妆个护", "数码3C", "母婴用品"}
    assert set(o.member_tier) == {"钻石", "黄金", "白银", "普通", "非会员"}
    assert set(o.region_tier) == {"一线", "新一线", "二线", "三线及以下", "海外"}
    assert {"618", "双11", "会员日", "无"} <= set(o.promotion)
    assert (o.amount > 0).all() and (o.cost > 0).all() and (o.cost < o.amount).all()
    # one customer = one platform, one member tier, one city
    per_customer = o.groupby("customer_id")[["platform", "member_tier", "city"]].nunique()
    assert (per_customer == 1).all().all()
    # new products sell only from their launch date on
    products = pd.read_csv(DATA / "products.csv", parse_dates=["launch_date"])
    launch = o["product"].map(products.set_index("product").launch_date)
    assert not (launch.notna() & (o.date < launch)).any()


def test_customers_table_is_derived_from_orders():
    o = pd.read_csv(DATA / "orders.csv", parse_dates=["date"])
    c = pd.read_csv(DATA / "customers.csv", parse_dates=["first_order_date"]).set_index("customer_id")
    scale = pd.read_csv(DATA / "dataset_info.csv").set_index("key").value["amount_scale"]
    o["year"] = o.date.dt.year
    g = o.groupby("customer_id")
    assert set(c.index) == set(o.customer_id)
    assert (g.date.min() == c.first_order_date).all()
    for year in (2023, 2024, 2025):
        n = o[o.year == year].groupby("customer_id").size().reindex(c.index, fill_value=0)
        assert (n == c[f"orders_{year}"]).all()
    ordered = o.sort_values(["customer_id", "date"])
    ordered = ordered.assign(n=ordered.groupby("customer_id").cumcount())
    second = ordered[ordered.n == 1].set_index("customer_id").date.reindex(c.index)
    members = c.member_tier != "非会员"
    assert (g.member_tier.first() == c.member_tier).all()
    assert (g.platform.first() == c.platform).all()
    for year in (2024, 2025):   # the flags of each report year, by the same rules
        spend = o[o.year == year].groupby("customer_id").amount.sum().reindex(c.index, fill_value=0)
        assert (spend - c[f"spend_{year}"]).abs().max() <= 1
        assert ((spend / scale > 5000) == c[f"high_spender_{year}"]).all()
        # lapsed: bought last year, but not in its July-December; recalled: lapsed and back this year
        prev = c[f"orders_{year - 1}"]
        h2 = o[(o.date >= f"{year - 1}-07-01") & (o.date <= f"{year - 1}-12-31")].customer_id.unique()
        lapsed = (prev > 0) & ~c.index.isin(h2)
        assert (lapsed == c[f"lapsed_{year}"]).all()
        assert (c[f"recalled_{year}"] == (lapsed & (c[f"orders_{year}"] > 0))).all()
        # new members: member, no order last year, first order 1 Jan-30 Sep; rebought: 2nd order within 90 days
        first = c.first_order_date
        new = members & (prev == 0) & (first >= f"{year}-01-01") & (first <= f"{year}-09-30")
        assert (new == c[f"new_member_{year}"]).all()
        assert ((new & ((second - first).dt.days <= 90)) == c[f"rebought_3m_{year}"]).all()
        assert new.sum() >= 1000 and lapsed.sum() >= 500
    # main category: the category with most orders (ties: the one bought first, then catalogue order),
    # of 2024-2025 (customers of 2023 only: of 2023)
    recent = o.year >= 2024
    o = o[recent | ~o.customer_id.isin(o[recent].customer_id)]
    counts = o.groupby(["customer_id", "category"]).agg(n=("order_id", "size"), first=("date", "min")).reset_index()
    counts["rank"] = counts.category.map({"家居生活": 0, "美妆个护": 1, "数码3C": 2, "母婴用品": 3})
    counts = counts.sort_values(["customer_id", "n", "first", "rank"], ascending=[True, False, True, True])
    main = counts.drop_duplicates("customer_id").set_index("customer_id").category
    assert (main.reindex(c.index) == c.category).all()


# ---------------------------------------------------------------------------------------
# the outline's figures, computed from the committed copy
# ---------------------------------------------------------------------------------------
EXACT = {  # key: (outline value, tolerance)
    # slide 5
    "big_promo_share": (0.30, 0.01),                       # 618 + 双11 near 30% of annual sales
    # slide 12
    "own_site_repurchase_multiple": (2.3, 0.05),
    "pdd_douyin_yoy": (2.30, 0.005),                       # +230%
    "pdd_douyin_lower_tier_buyer_share": (0.40, 0.005),
    "cross_border_share": (0.12, 0.005),
    # slide 13
    "double11_paid_promo_cost_share": (0.28, 0.005),
    "double11_roi": (4.7, 0.05),
    "double11_live_conversion_multiple": (5.0, 0.05),
    "coupon_redemption_min": (0.17, 0.005),
    "coupon_redemption_max": (0.22, 0.005),
    "double11_margin_uplift_pp": (0.08, 0.005),
    "wecom_cac_saving": (0.62, 0.005),
    "kol_mid_roi": (9.3, 0.05),
    # slide 14
    "longtail_qualified_share": (0.35, 0.005),
    "search_bounce_rate": (0.44, 0.005),
    "paid_ads_budget_share": (0.58, 0.005),
    "social_new_customer_share": (0.23, 0.005),
    "social_share_rate_multiple": (3.0, 0.05),
    "short_video_offsite_share": (0.19, 0.005),
    # slide 16
    "logistics_satisfied": (0.78, 0.005),
    "service_satisfied": (0.90, 0.005),
    "overall_score": (4.3, 0.05),
    # slide 17
    "return_workdays": (2.5, 0.05),
    "return_speedup": (0.20, 0.005),
    "complaint_first_response_hours": (1.0, 0.05),
    "complex_complaint_hours": (48.0, 0.5),
    "tech_payment_hours": (4.0, 0.05),
    "followup_resolved_rate": (0.75, 0.005),
    # slide 18
    "member_repurchase": (0.42, 0.005),
    "high_spender_member_share": (0.68, 0.005),
    "new_member_rebuy_3m": (0.30, 0.005),
    "lapsed_member_recall": (0.15, 0.005),
    "top_tier_aov_uplift": (0.35, 0.005),
    # slide 21
    "daily_orders_growth": (0.40, 0.005),
    "new_regional_warehouses": (3, 0),
    "next_day_delivery_share": (0.80, 0.005),
    "logistics_cost_change": (-0.15, 0.005),
    "return_rate_change_pp": (-0.02, 0.0005),
    "inventory_turnover_2024": (3, 0),
    "inventory_turnover_2025": (5, 0),
    "parcel_weight_change": (-0.20, 0.005),
    # slide 22
    "wasted_impressions_2024": (0.35, 0.005),
    "wasted_impressions_2025": (0.12, 0.005),
    "acquisition_cost_change": (-0.22, 0.005),
    "purchase_cost_change_least": (-0.08, 0.005),
    "purchase_cost_change_most": (-0.12, 0.005),
    "power_change": (-0.18, 0.005),
    "energy_saving": (300_000, 5_000),
    "outsourced_staff_change": (-0.40, 0.005),
}


@pytest.mark.parametrize("key", sorted(EXACT))
def test_outline_figure(fig, key):
    expected, tolerance = EXACT[key]
    assert fig[key] == pytest.approx(expected, abs=tolerance + 1e-9), f"{key} = {fig[key]}"


def test_outline_bounds(fig):
    assert fig["tmall_jd_share"] > 0.65                    # 天猫 + 京东 more than 65%
    assert fig["own_site_share"] < 0.15                    # 自营商城 below 15%
    assert fig["tmall_sales_2025"] >= 1e7                  # 天猫旗舰店 GMV 千万级 or more
    assert fig["quality_satisfied"] > 0.85                 # quality more than 85%
    assert fig["complaint_first_response_hours"] <= 1.0 + 1e-9
    assert fig["short_video_watch_seconds"] > 90
    assert fig["sorting_error_rate"] < 0.005
    assert fig["packaging_freight_saving"] > 500_000
    assert fig["kol_top_loss_sessions"] >= 1               # some top-streamer sessions lost money
    assert 1e8 <= fig["total_sales_2025"] < 1e9            # a few hundred million yuan


def test_outline_comparisons(fig):
    # slide 4: growth above the industry, tier-1/new tier-1 carry the volume, lower tiers grow fastest
    assert fig["sales_yoy"] > fig["industry_sales_growth"]
    assert fig["high_price_share_2025"] > fig["high_price_share_2024"]
    assert fig["conversion_rate_2025"] > fig["conversion_rate_2024"]
    assert fig["repurchase_2025"] > fig["repurchase_2024"]
    assert fig["tier1_newtier1_share_domestic"] > 0.5
    region_growth = {k: fig[f"{k}_yoy"] for k in ("tier1", "newtier1", "tier2", "lower_tier")}
    assert max(region_growth, key=region_growth.get) == "lower_tier"
    # slide 6: AOV and conversion up, inventory turnover up, stock-outs down, 24 h resolution and NPS up
    assert fig["aov_yoy"] > 0
    assert fig["stockout_rate_change_pp"] < 0
    assert fig["resolved_24h_2025"] > fig["resolved_24h_2024"]
    assert fig["nps_2025"] > fig["nps_2024"]
    # slide 8: category ranking by 2025 sales; 美妆个护 repurchases most
    shares = [fig[f"{k}_sales_share"] for k in ("home", "beauty", "digital", "baby")]
    assert shares == sorted(shares, reverse=True) and len(set(shares)) == 4
    repurchase = {k: fig[f"{k}_repurchase"] for k in ("home", "beauty", "digital", "baby")}
    assert max(repurchase, key=repurchase.get) == "beauty"
    # slide 12: 京东 highest AOV; electronics strong in cross-border
    assert fig["jd_aov_rank"] == 1
    assert fig["cross_border_digital_share"] > fig["digital_sales_share"]
    # slide 13: 双11 ROI improved; mid-tier KOLs beat the top ones
    assert fig["double11_roi"] > fig["double11_roi_2024"]
    assert fig["kol_mid_roi"] > fig["kol_top_roi"]
    assert fig["coupon_redemption_min"] <= fig["coupon_redemption_rate"] <= fig["coupon_redemption_max"]
    # slide 20 and 26: attainment by product line, next year's growth target
    assert 0.9 < fig["sales_attainment"] < 1.2
    assert fig["growth_target_2026"] > 0
    assert fig["order_processing_hours"] < fig["order_processing_hours_2024"]


def test_small_samples_are_large_enough(fig):
    """Ratios over customers rest on enough customers to be stable."""
    assert fig["high_spenders"] >= 100
    assert fig["new_members"] >= 1000
    assert fig["lapsed_members"] >= 500
