#!/usr/bin/env python3
"""Reference computation of every figure the deck outline quotes, in plain pandas.

    python examples/ecommerce/figures.py [DATA_DIR]

``compute_figures(data_dir) -> dict[str, float]``.  Each figure is a filter, a
group-by, a sum/mean/count/count-distinct, a ratio of two such aggregates, a share of
a total or a comparison of two years, so that each one maps onto one deckbuilder
metric (or a formula over two).  README.md gives every definition in words; the
report year is 2025 unless a key says otherwise.  Money is in (scaled) yuan as
stored; keys ending in ``_yuan_real`` divide by ``amount_scale`` (dataset_info).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

DATA_DIR = Path(__file__).resolve().parent / "data"
TABLES = ("orders", "customers", "products", "marketing", "traffic", "survey", "tickets",
          "operations", "targets", "dataset_info")
THIRD_PARTY = ["天猫", "京东", "拼多多", "抖音", "Amazon", "Shopify"]  # every platform but 自营商城
CATEGORY_KEYS = {"家居生活": "home", "美妆个护": "beauty", "数码3C": "digital", "母婴用品": "baby"}
MEMBERS = ["钻石", "黄金", "白银", "普通"]
TOP_TIERS = ["钻石", "黄金"]


def load_tables(data_dir: str | Path = DATA_DIR) -> dict[str, pd.DataFrame]:
    """Read every table of *data_dir* (NAME.csv, or NAME.parquet when there is no CSV)."""
    data_dir = Path(data_dir)
    dates = {"orders": ["date"], "customers": ["first_order_date"], "survey": ["date"],
             "tickets": ["created_at"]}
    out = {}
    for name in TABLES:
        csv = data_dir / f"{name}.csv"
        if csv.exists():
            df = pd.read_csv(csv, parse_dates=dates.get(name, []), keep_default_na=True)
        else:
            df = pd.read_parquet(data_dir / f"{name}.parquet")
        for col in dates.get(name, []):
            df[col] = pd.to_datetime(df[col])
        out[name] = df
    return out


def _ratio(num: float, den: float) -> float:
    return float(num) / float(den) if den else float("nan")


def compute_figures(data_dir: str | Path = DATA_DIR) -> dict[str, float]:
    t = load_tables(data_dir)
    f: dict[str, float] = {}
    info = t["dataset_info"].set_index("key")["value"]
    scale = float(info["amount_scale"])
    f["amount_scale"] = scale

    # ---- orders: sales, growth, mix ------------------------------------------------------
    o = t["orders"]
    o = o.assign(year=o["date"].dt.year)
    o25, o24 = o[o.year == 2025], o[o.year == 2024]
    s25, s24 = o25.amount.sum(), o24.amount.sum()
    f["total_sales_2025"] = float(s25)
    f["total_sales_2024"] = float(s24)
    f["sales_yoy"] = s25 / s24 - 1
    f["orders_2025"] = float(len(o25))
    f["aov_2025_yuan_real"] = s25 / len(o25) / scale
    f["aov_2024_yuan_real"] = s24 / len(o24) / scale
    f["aov_yoy"] = (s25 / len(o25)) / (s24 / len(o24)) - 1
    f["gross_margin_2025"] = 1 - o25.cost.sum() / s25

    def share(frame: pd.DataFrame, mask) -> float:
        return _ratio(frame.loc[mask, "amount"].sum(), frame.amount.sum())

    # regions: tier-1 + new tier-1 carry the volume, lower tiers grow fastest
    dom25, dom24 = o25[o25.region_tier != "海外"], o24[o24.region_tier != "海外"]
    f["tier1_newtier1_share_domestic"] = share(dom25, dom25.region_tier.isin(["一线", "新一线"]))
    for tier, key in (("一线", "tier1"), ("新一线", "newtier1"), ("二线", "tier2"), ("三线及以下", "lower_tier")):
        f[f"{key}_yoy"] = _ratio(dom25.loc[dom25.region_tier == tier, "amount"].sum(),
                                 dom24.loc[dom24.region_tier == tier, "amount"].sum()) - 1
    # products
    high = t["products"].loc[t["products"].high_price, "product"].tolist()
    f["high_price_share_2025"] = share(o25, o25["product"].isin(high))
    f["high_price_share_2024"] = share(o24, o24["product"].isin(high))
    f["new_product_share_2025"] = share(o25, o25.is_new_product)
    # seasonality
    f["big_promo_share"] = share(o25, o25.promotion.isin(["618", "双11"]))
    f["big_promo_share_2024"] = share(o24, o24.promotion.isin(["618", "双11"]))
    for q in range(1, 5):
        f[f"q{q}_share"] = share(o25, o25.date.dt.quarter == q)
    # categories
    for cat, key in CATEGORY_KEYS.items():
        f[f"{key}_sales_share"] = share(o25, o25.category == cat)
        f[f"{key}_sales_yoy"] = _ratio(o25.loc[o25.category == cat, "amount"].sum(),
                                       o24.loc[o24.category == cat, "amount"].sum()) - 1
    # platforms
    f["tmall_sales_2025"] = float(o25.loc[o25.platform == "天猫", "amount"].sum())
    f["tmall_jd_share"] = share(o25, o25.platform.isin(["天猫", "京东"]))
    f["own_site_share"] = share(o25, o25.platform == "自营商城")
    f["pdd_douyin_share"] = share(o25, o25.platform.isin(["拼多多", "抖音"]))
    f["pdd_douyin_yoy"] = _ratio(o25.loc[o25.platform.isin(["拼多多", "抖音"]), "amount"].sum(),
                                 o24.loc[o24.platform.isin(["拼多多", "抖音"]), "amount"].sum()) - 1
    f["cross_border_share"] = share(o25, o25.platform.isin(["Amazon", "Shopify"]))
    cb = o25[o25.platform.isin(["Amazon", "Shopify"])]
    f["cross_border_digital_share"] = share(cb, cb.category == "数码3C")
    aov = o25.groupby("platform", observed=True).amount.sum() / o25.groupby("platform", observed=True).size()
    f["jd_aov_yuan_real"] = aov["京东"] / scale
    f["jd_aov_rank"] = float(aov.rank(ascending=False)["京东"])
    pd_buyers = o25[o25.platform.isin(["拼多多", "抖音"])]
    f["pdd_douyin_lower_tier_buyer_share"] = _ratio(
        pd_buyers.loc[pd_buyers.region_tier == "三线及以下", "customer_id"].nunique(),
        pd_buyers.customer_id.nunique())
    # members' AOV: 钻石+黄金 vs everyone else
    top = o25.member_tier.isin(TOP_TIERS)
    f["top_tier_aov_uplift"] = _ratio(o25.loc[top, "amount"].mean(), o25.loc[~top, "amount"].mean()) - 1
    # 双11 gross margin, 2025 vs 2024 (tiered pricing)
    d25, d24 = o25[o25.promotion == "双11"], o24[o24.promotion == "双11"]
    f["double11_margin_2025"] = 1 - d25.cost.sum() / d25.amount.sum()
    f["double11_margin_2024"] = 1 - d24.cost.sum() / d24.amount.sum()
    f["double11_margin_uplift_pp"] = f["double11_margin_2025"] - f["double11_margin_2024"]

    # ---- customers: repurchase and membership ------------------------------------------
    c = t["customers"]
    a25 = c[c.orders_2025 >= 1]
    a24 = c[c.orders_2024 >= 1]

    def repurchase(frame: pd.DataFrame, col: str = "orders_2025") -> float:
        return _ratio((frame[col] >= 2).sum(), len(frame))

    f["repurchase_2025"] = repurchase(a25)
    f["repurchase_2024"] = repurchase(a24, "orders_2024")
    f["retention_2025"] = _ratio((a24.orders_2025 >= 1).sum(), len(a24))
    f["own_site_repurchase"] = repurchase(a25[a25.platform == "自营商城"])
    f["third_party_repurchase"] = repurchase(a25[a25.platform.isin(THIRD_PARTY)])
    f["own_site_repurchase_multiple"] = f["own_site_repurchase"] / f["third_party_repurchase"]
    for cat, key in CATEGORY_KEYS.items():
        f[f"{key}_repurchase"] = repurchase(a25[a25.category == cat])
    members = a25[a25.member_tier.isin(MEMBERS)]
    f["member_repurchase"] = repurchase(members)
    f["member_repurchase_2024"] = repurchase(a24[a24.member_tier.isin(MEMBERS)], "orders_2024")
    hs = c[c.high_spender_2025]
    f["high_spenders"] = float(len(hs))
    f["high_spender_member_share"] = _ratio(hs.member_tier.isin(MEMBERS).sum(), len(hs))
    nm = c[c.new_member_2025]
    f["new_members"] = float(len(nm))
    f["new_member_rebuy_3m"] = _ratio(nm.rebought_3m_2025.sum(), len(nm))
    lm = c[c.lapsed_2025 & c.member_tier.isin(MEMBERS)]
    f["lapsed_members"] = float(len(lm))
    f["lapsed_member_recall"] = _ratio(lm.recalled_2025.sum(), len(lm))

    # ---- marketing (双11 2025 unless stated) -----------------------------------------------
    m = t["marketing"]
    d11 = m[(m.year == 2025) & (m.campaign == "双11")]
    f["double11_campaign_cost"] = float(d11.spend.sum())
    f["double11_paid_promo_cost_share"] = _ratio(d11.loc[d11.channel == "付费推广", "spend"].sum(), d11.spend.sum())
    f["double11_roi"] = _ratio(d11.attributed_revenue.sum(), d11.spend.sum())
    d11_24 = m[(m.year == 2024) & (m.campaign == "双11")]
    f["double11_roi_2024"] = _ratio(d11_24.attributed_revenue.sum(), d11_24.spend.sum())
    live = d11[d11.channel == "直播"]
    daily_live = m[(m.year == 2025) & (m.campaign == "日常") & (m.channel == "直播")]
    f["double11_live_conversion_multiple"] = (_ratio(live.orders.sum(), live.visits.sum())
                                              / _ratio(daily_live.orders.sum(), daily_live.visits.sum()))
    cp = d11[d11.channel == "优惠券"]
    rates = cp.coupons_redeemed / cp.coupons_issued
    f["coupon_redemption_min"] = float(rates.min())
    f["coupon_redemption_max"] = float(rates.max())
    f["coupon_redemption_rate"] = _ratio(cp.coupons_redeemed.sum(), cp.coupons_issued.sum())
    pub = d11[d11.traffic_type == "公域"]
    pri = d11[d11.traffic_type == "私域"]
    f["public_cac"] = _ratio(pub.spend.sum(), pub.new_customers.sum())
    f["wecom_cac"] = _ratio(pri.spend.sum(), pri.new_customers.sum())
    f["wecom_cac_saving"] = 1 - f["wecom_cac"] / f["public_cac"]
    kol = d11[d11.channel == "KOL"]
    for tier, key in (("头部", "top"), ("腰部", "mid"), ("尾部", "tail")):
        k = kol[kol.kol_tier == tier]
        f[f"kol_{key}_roi"] = _ratio(k.attributed_revenue.sum(), k.spend.sum())
    f["kol_top_loss_sessions"] = float(((kol.kol_tier == "头部") & (kol.net_profit < 0)).sum())

    # ---- traffic (2025) ---------------------------------------------------------------------
    tr = t["traffic"]
    t25, t24 = tr[tr.year == 2025], tr[tr.year == 2024]
    search = t25[t25.source == "自然搜索"]
    f["longtail_qualified_share"] = _ratio(t25.loc[t25.sub_source == "长尾词", "qualified_customers"].sum(),
                                           t25.qualified_customers.sum())
    f["search_bounce_rate"] = _ratio(search.bounces.sum(), search.visitors.sum())
    f["paid_ads_budget_share"] = _ratio(t25.loc[t25.source == "付费广告", "budget"].sum(), t25.budget.sum())
    f["social_new_customer_share"] = _ratio(t25.loc[t25.source == "社交分享", "new_customers"].sum(),
                                            t25.new_customers.sum())

    def share_rate(frame: pd.DataFrame) -> float:
        s = frame[frame.source == "社交分享"]
        return _ratio(s.shares.sum(), s.visitors.sum())

    f["social_share_rate_multiple"] = share_rate(t25) / share_rate(t24)
    offsite = t25[t25.site == "站外"]
    f["short_video_offsite_share"] = _ratio(offsite.loc[offsite.sub_source == "短视频", "visitors"].sum(),
                                            offsite.visitors.sum())
    f["short_video_watch_seconds"] = float(t25.loc[t25.sub_source == "短视频", "avg_watch_seconds"].mean())
    f["conversion_rate_2025"] = _ratio(t25.orders.sum(), t25.visitors.sum())
    f["conversion_rate_2024"] = _ratio(t24.orders.sum(), t24.visitors.sum())

    # ---- survey (2025) ------------------------------------------------------------------------
    sv = t["survey"]
    v25, v24 = sv[sv.year == 2025], sv[sv.year == 2024]
    for dim in ("logistics", "service", "quality"):
        f[f"{dim}_satisfied"] = _ratio((v25[f"{dim}_score"] >= 4).sum(), len(v25))
    f["overall_score"] = float(v25.overall_score.mean())
    f["overall_score_2024"] = float(v24.overall_score.mean())
    for year, frame in ((2025, v25), (2024, v24)):
        promoters = (frame.recommend_score >= 9).sum()
        detractors = (frame.recommend_score <= 6).sum()
        f[f"nps_{year}"] = 100 * (promoters - detractors) / len(frame)

    # ---- tickets ----------------------------------------------------------------------------
    tk = t["tickets"]
    k25, k24 = tk[tk.year == 2025], tk[tk.year == 2024]
    f["return_workdays"] = float(k25.loc[k25.ticket_type == "退换货", "resolution_workdays"].mean())
    f["return_workdays_2024"] = float(k24.loc[k24.ticket_type == "退换货", "resolution_workdays"].mean())
    f["return_speedup"] = 1 - f["return_workdays"] / f["return_workdays_2024"]
    f["complaint_first_response_hours"] = float(k25.loc[k25.ticket_type == "投诉", "first_response_hours"].mean())
    f["complex_complaint_hours"] = float(k25.loc[(k25.ticket_type == "投诉") & (k25.complexity == "复杂"),
                                                 "resolution_hours"].mean())
    f["tech_payment_hours"] = float(k25.loc[k25.ticket_type == "技术/支付", "resolution_hours"].mean())
    f["followup_resolved_rate"] = float(k25.followup_resolved.mean())
    f["resolved_24h_2025"] = float((k25.resolution_hours <= 24).mean())
    f["resolved_24h_2024"] = float((k24.resolution_hours <= 24).mean())

    # ---- operations (before = 2024, after = 2025) -------------------------------------------
    # one row per metric, scope and year: 2024 is "before", 2025 "after"
    ops = t["operations"].pivot_table(index=["metric", "scope"], columns="year", values="value").reset_index()
    ops = ops.rename(columns={2024: "before", 2025: "after"})
    whole = ops[ops.scope == "全公司"].set_index("metric")

    def before(metric: str) -> float:
        return float(whole.loc[metric, "before"])

    def after(metric: str) -> float:
        return float(whole.loc[metric, "after"])

    def change(metric: str) -> float:
        return after(metric) / before(metric) - 1

    f["sorting_error_rate"] = after("sorting_error_rate")
    f["daily_orders_growth"] = change("daily_orders_processed")
    f["new_regional_warehouses"] = after("regional_warehouses") - before("regional_warehouses")
    f["next_day_delivery_share"] = after("next_day_delivery_share")
    f["logistics_cost_change"] = change("logistics_cost_per_order")
    f["return_rate_change_pp"] = after("return_rate") - before("return_rate")
    f["inventory_turnover_2024"] = before("inventory_turnover")
    f["inventory_turnover_2025"] = after("inventory_turnover")
    f["stockout_rate_change_pp"] = after("stockout_rate") - before("stockout_rate")
    f["parcel_weight_change"] = change("parcel_weight")
    f["packaging_freight_saving"] = after("packaging_freight_saving")
    f["wasted_impressions_2024"] = before("wasted_impression_share")
    f["wasted_impressions_2025"] = after("wasted_impression_share")
    f["acquisition_cost_change"] = change("customer_acquisition_cost")
    pc = ops[ops.metric == "purchase_cost_index"]
    pc_change = pc["after"] / pc["before"] - 1
    f["purchase_cost_change_least"] = float(pc_change.max())   # e.g. -8%
    f["purchase_cost_change_most"] = float(pc_change.min())    # e.g. -12%
    f["power_change"] = change("power_consumption")
    f["energy_saving"] = before("energy_cost") - after("energy_cost")
    f["outsourced_staff_change"] = change("peak_outsourced_staff")
    f["order_processing_hours"] = after("order_processing_hours")
    f["order_processing_hours_2024"] = before("order_processing_hours")
    prop = ops[ops.metric == "improvement_proposals"]
    f["improvement_proposals"] = float(prop["after"].sum())
    f["industry_sales_growth"] = float(ops.loc[ops.metric == "industry_sales_growth", "after"].iloc[0])

    # ---- targets ------------------------------------------------------------------------------
    tg = t["targets"]
    tg25, tg26 = tg[tg.year == 2025], tg[tg.year == 2026]
    f["sales_attainment"] = _ratio(o25.amount.sum(), tg25.sales_target.sum())
    for cat, key in CATEGORY_KEYS.items():
        f[f"{key}_attainment"] = _ratio(o25.loc[o25.category == cat, "amount"].sum(),
                                        tg25.loc[tg25.category == cat, "sales_target"].sum())
    f["sales_target_2026"] = float(tg26.sales_target.sum())
    f["growth_target_2026"] = _ratio(tg26.sales_target.sum(), o25.amount.sum()) - 1
    return {k: float(v) for k, v in f.items()}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    figures = compute_figures(argv[0] if argv else DATA_DIR)
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        if abs(value) >= 1e5:
            text = f"{value:,.0f}"
        elif abs(value) >= 100:
            text = f"{value:,.1f}"
        else:
            text = f"{value:.4f}"
        print(f"{key:<{width}}  {text:>18}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
