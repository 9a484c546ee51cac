"""Hand-written baseline: the 27-slide year-end deck with plain pandas + python-pptx.

What a competent engineer would write without deckbuilder: read the same CSV files of
examples/ecommerce/data, compute every number the deck shows with pandas, and build the
same 27 slides on the same template (layouts/default.pptx): native charts with the same
data, KPI cards as text boxes, numbered points, commentary and speaker notes. It does not
fit text to boxes or lint the result; fonts are left to the template. bench_vs_baseline.py
times it against ``deckbuilder build specs/ecommerce_year_end.yaml``.

    python bench/baseline_year_end.py [-o /tmp/baseline.pptx]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Pt

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "examples" / "ecommerce" / "data"
TEMPLATE = ROOT / "layouts" / "default.pptx"
PRIMARY, ACCENT, SURFACE, TEXT = "1F4E79", "ED7D31", "F2F2F2", "262626"

# ------------------------------------------------------------------ formatting


def pct(x, d=1):
    return f"{x * 100:.{d}f}%"


def pp(x, d=1):
    return f"{'▲' if x >= 0 else '▼'}{abs(x) * 100:.{d}f}pp"


def dpct(x, d=1):
    return f"{'▲' if x >= 0 else '▼'}{abs(x) * 100:.{d}f}%"


def yi(x):
    return f"{x / 1e8:.2f}亿"


def wan(x):
    return f"{x / 1e4:.1f}万"


def num(x, d=0):
    return f"{x:,.{d}f}"


# ------------------------------------------------------------------ data and metrics


def load() -> dict[str, pd.DataFrame]:
    d = {
        "orders": pd.read_csv(DATA / "orders.csv", parse_dates=["date"]),
        "customers": pd.read_csv(DATA / "customers.csv", parse_dates=["first_order_date"]),
        "products": pd.read_csv(DATA / "products.csv"),
        "marketing": pd.read_csv(DATA / "marketing.csv"),
        "traffic": pd.read_csv(DATA / "traffic.csv"),
        "survey": pd.read_csv(DATA / "survey.csv", parse_dates=["date"]),
        "tickets": pd.read_csv(DATA / "tickets.csv", parse_dates=["created_at"]),
        "operations": pd.read_csv(DATA / "operations.csv"),
        "targets": pd.read_csv(DATA / "targets.csv", dtype={"year": str}),
        "info": pd.read_csv(DATA / "dataset_info.csv"),
    }
    d["orders"]["year"] = d["orders"]["date"].dt.year
    # operations: one row per metric and year -> the report year ("after") next to the year before ("before")
    ops = d["operations"].pivot_table(index=["metric", "metric_name", "unit", "scope"], columns="year",
                                      values="value", aggfunc="sum").reset_index()
    d["operations"] = ops.assign(after=ops[2025], before=ops[2024])
    customers = d["customers"]  # per-year customer flags: the report year's
    for flag in ("high_spender", "new_member", "rebought_3m", "lapsed", "recalled"):
        customers[flag] = customers[f"{flag}_2025"]
    return d


def metrics(d: dict[str, pd.DataFrame]) -> dict:
    """Every number the deck shows (order amounts are summed as they are; means are divided by amount_scale)."""
    m: dict = {}
    info = d["info"].set_index("key")["value"]
    scale, year = float(info["amount_scale"]), int(info["report_year"])
    m["report_year"], m["high_spend_yuan"] = year, float(info["high_spend_yuan"])
    o, c, mk, tr = d["orders"], d["customers"], d["marketing"], d["traffic"]
    sv, tk, ops, tg = d["survey"], d["tickets"], d["operations"], d["targets"]
    o25, o24 = o[o.year == 2025], o[o.year == 2024]

    # sales and growth
    m["sales_2025"], m["sales_2024"] = o25.amount.sum(), o24.amount.sum()
    m["sales_yoy"] = m["sales_2025"] / m["sales_2024"] - 1
    ops_after = ops[ops.scope.isin(["全公司", "行业"])].groupby("metric_name")["after"].sum()
    ops_before = ops[ops.scope.isin(["全公司", "行业"])].groupby("metric_name")["before"].sum()
    by_metric_after = ops.groupby("metric")["after"].sum()
    by_metric_before = ops.groupby("metric")["before"].sum()
    m["industry_growth"] = by_metric_after["industry_sales_growth"]
    m["growth_gap"] = m["sales_yoy"] - m["industry_growth"]
    high = d["products"][d["products"].high_price.astype(bool)]["product"]
    m["high_price_share"] = o25[o25["product"].isin(high)].amount.sum() / o25.amount.sum()
    m["high_price_share_2024"] = o24[o24["product"].isin(high)].amount.sum() / o24.amount.sum()
    domestic = o25[o25.region_tier != "海外"].amount.sum()
    m["core_cities_share"] = o25[o25.region_tier.isin(["一线", "新一线"])].amount.sum() / domestic
    region = o.pivot_table(index="region_tier", columns="year", values="amount", aggfunc="sum")
    m["region_yoy"] = (region[2025] / region[2024] - 1).sort_values(ascending=False)
    lower = region.loc["三线及以下"]
    m["lower_tier_yoy"] = lower[2025] / lower[2024] - 1
    m["lower_tier_lead"] = m["lower_tier_yoy"] - m["sales_yoy"]
    # trend
    monthly = o25.groupby(o25.date.dt.month)["amount"].sum()
    m["monthly"] = monthly
    quarter = o25.groupby(o25.date.dt.quarter)["amount"].sum()
    m["quarter_share"] = quarter / quarter.sum()
    m["big_promo_share"] = o25[o25.promotion.isin(["618", "双11"])].amount.sum() / o25.amount.sum()
    m["member_day_share"] = o25[o25.promotion == "会员日"].amount.sum() / o25.amount.sum()
    off = o25[o25.promotion == "无"].groupby(o25.date.dt.month)["amount"].sum().sort_values(ascending=False)
    m["offpeak_months"] = [f"{k}月" for k in off.index[:2]]
    # KPIs
    m["orders_real"] = len(o25) * scale
    m["orders_yoy"] = len(o25) / len(o24) - 1
    m["aov_2025"] = o25.amount.mean() / scale
    m["aov_yoy"] = o25.amount.mean() / o24.amount.mean() - 1
    t25, t24 = tr[tr.year == 2025], tr[tr.year == 2024]
    m["conversion_2025"] = t25.orders.sum() / t25.visitors.sum()
    m["conversion_2024"] = t24.orders.sum() / t24.visitors.sum()
    m["conversion_change"] = m["conversion_2025"] - m["conversion_2024"]
    m["turnover_2025"] = by_metric_after["inventory_turnover"]
    m["turnover_2024"] = by_metric_before["inventory_turnover"]
    m["turnover_growth"] = m["turnover_2025"] / m["turnover_2024"] - 1
    m["stockout_2025"], m["stockout_2024"] = by_metric_after["stockout_rate"], by_metric_before["stockout_rate"]
    m["stockout_change"] = m["stockout_2025"] - m["stockout_2024"]
    k25, k24 = tk[tk.year == 2025], tk[tk.year == 2024]
    m["tickets_2025"] = len(k25)
    m["resolved_24h"] = (k25.resolution_hours <= 24).mean()
    m["resolved_24h_2024"] = (k24.resolution_hours <= 24).mean()
    m["resolved_24h_change"] = m["resolved_24h"] - m["resolved_24h_2024"]
    s25, s24 = sv[sv.year == 2025], sv[sv.year == 2024]
    m["survey_2025"] = len(s25)
    for label, s in (("2025", s25), ("2024", s24)):
        m[f"nps_{label}"] = round(100 * ((s.recommend_score >= 9).mean() - (s.recommend_score <= 6).mean()))
    m["nps_change"] = m["nps_2025"] - m["nps_2024"]
    # categories
    m["category_sales"] = o25.groupby("category")["amount"].sum().sort_values(ascending=False)
    m["category_share"] = m["category_sales"] / m["category_sales"].sum()
    cat = o.pivot_table(index="category", columns="year", values="amount", aggfunc="sum")
    m["category_yoy"] = cat[2025] / cat[2024] - 1
    active = c[c.orders_2025 >= 1]
    m["category_repurchase"] = ((c[c.orders_2025 >= 2].groupby("category").size() / active.groupby("category").size())
                                .sort_values(ascending=False))
    # new products
    new = o25[o25.is_new_product.astype(bool)]
    m["new_products_sales"] = new.groupby("product")["amount"].sum().sort_values(ascending=False)
    m["new_product_sales"] = new.amount.sum()
    m["new_product_share"] = new.amount.sum() / o25.amount.sum()
    m["new_product_count"] = int(d["products"].is_new_product.astype(bool).sum())
    # platforms
    plat = o25.groupby("platform")["amount"].sum()
    m["platform_share"] = (plat / plat.sum()).sort_values(ascending=False)
    m["platform_aov"] = (o25.groupby("platform")["amount"].mean() / scale).sort_values(ascending=False)
    m["tmall_sales"] = plat.get("天猫", 0)
    m["tmall_jd_share"] = (plat.get("天猫", 0) + plat.get("京东", 0)) / plat.sum()
    m["own_site_share"] = plat.get("自营商城", 0) / plat.sum()
    own = c.platform == "自营商城"
    m["own_site_repurchase"] = (c[own].orders_2025 >= 2).sum() / (c[own].orders_2025 >= 1).sum()
    m["third_party_repurchase"] = (c[~own].orders_2025 >= 2).sum() / (c[~own].orders_2025 >= 1).sum()
    m["own_site_multiple"] = m["own_site_repurchase"] / m["third_party_repurchase"]
    pdd = o[o.platform.isin(["拼多多", "抖音"])]
    m["pdd_douyin_yoy"] = pdd[pdd.year == 2025].amount.sum() / pdd[pdd.year == 2024].amount.sum() - 1
    buyers = pdd[pdd.year == 2025]
    m["pdd_douyin_lower_share"] = (buyers[buyers.region_tier == "三线及以下"].customer_id.nunique()
                                   / buyers.customer_id.nunique())
    cross = o25[o25.platform.isin(["Amazon", "Shopify"])]
    m["cross_border_share"] = cross.amount.sum() / o25.amount.sum()
    m["cross_border_digital_share"] = cross[cross.category == "数码3C"].amount.sum() / max(cross.amount.sum(), 1)
    # marketing (双11 2025, real yuan)
    d11 = mk[(mk.year == 2025) & (mk.campaign == "双11")]
    d11_24 = mk[(mk.year == 2024) & (mk.campaign == "双11")]
    m["d11_spend"] = d11.spend.sum()
    m["d11_roi"] = d11.attributed_revenue.sum() / d11.spend.sum()
    m["d11_roi_2024"] = d11_24.attributed_revenue.sum() / d11_24.spend.sum()
    m["d11_paid_share"] = d11[d11.channel == "付费推广"].spend.sum() / d11.spend.sum()
    ch = d11[d11.channel != "其他"].groupby("channel")[["attributed_revenue", "spend"]].sum()
    m["d11_channel_roi"] = (ch.attributed_revenue / ch.spend).sort_values(ascending=False)
    live = mk[(mk.year == 2025) & (mk.channel == "直播")].groupby("campaign")[["orders", "visits"]].sum()
    conv = live.orders / live.visits
    m["live_conversion_multiple"] = conv["双11"] / conv["日常"]
    coupons = d11[d11.channel == "优惠券"].groupby("sub_channel")[["coupons_redeemed", "coupons_issued"]].sum()
    m["coupon_redemption"] = coupons.coupons_redeemed / coupons.coupons_issued
    promo25, promo24 = o25[o25.promotion == "双11"], o24[o24.promotion == "双11"]
    m["d11_cost_ratio_2025"] = promo25.cost.sum() / promo25.amount.sum()
    m["d11_cost_ratio_2024"] = promo24.cost.sum() / promo24.amount.sum()
    m["d11_margin_uplift"] = m["d11_cost_ratio_2024"] - m["d11_cost_ratio_2025"]
    cac = d11.groupby("traffic_type")[["spend", "new_customers"]].sum()
    m["public_cac"] = cac.loc["公域", "spend"] / cac.loc["公域", "new_customers"]
    m["wecom_cac"] = cac.loc["私域", "spend"] / cac.loc["私域", "new_customers"]
    m["wecom_cac_saving"] = 1 - m["wecom_cac"] / m["public_cac"]
    kol = d11[d11.channel == "KOL"]
    kol_sums = kol.groupby("kol_tier")[["attributed_revenue", "spend"]].sum()
    m["kol_roi"] = kol_sums.attributed_revenue / kol_sums.spend
    m["kol_top_loss_sessions"] = int(((kol.kol_tier == "头部") & (kol.net_profit < 0)).sum())
    # traffic
    src = t25.groupby("source")["visitors"].sum()
    m["traffic_by_source"] = (src / src.sum()).sort_values(ascending=False)
    m["longtail_share"] = t25[t25.sub_source == "长尾词"].qualified_customers.sum() / t25.qualified_customers.sum()
    search = t25[t25.source == "自然搜索"]
    m["search_bounce_rate"] = search.bounces.sum() / search.visitors.sum()
    m["budget_2025"] = t25.budget.sum()
    m["paid_ads_budget_share"] = t25[t25.source == "付费广告"].budget.sum() / t25.budget.sum()
    m["social_new_share"] = t25[t25.source == "社交分享"].new_customers.sum() / t25.new_customers.sum()
    soc25, soc24 = t25[t25.source == "社交分享"], t24[t24.source == "社交分享"]
    m["social_share_multiple"] = ((soc25.shares.sum() / soc25.visitors.sum())
                                  / (soc24.shares.sum() / soc24.visitors.sum()))
    offsite = t25[t25.site == "站外"]
    m["short_video_share"] = offsite[offsite.sub_source == "短视频"].visitors.sum() / offsite.visitors.sum()
    m["short_video_watch"] = t25[t25.sub_source == "短视频"].avg_watch_seconds.mean()
    # survey
    for col in ("logistics", "service", "quality"):
        m[f"{col}_satisfied"] = (s25[f"{col}_score"] >= 4).mean()
    m["overall_score"], m["overall_score_2024"] = s25.overall_score.mean(), s24.overall_score.mean()
    m["overall_score_change"] = m["overall_score"] - m["overall_score_2024"]
    m["overall_score_max"] = sv.overall_score.max()
    # after-sales
    ret = tk[tk.ticket_type == "退换货"].groupby("year")["resolution_workdays"].mean()
    m["return_workdays"], m["return_workdays_2024"] = ret[2025], ret[2024]
    m["return_workdays_change"] = ret[2025] / ret[2024] - 1
    m["complaint_first_response"] = k25[k25.ticket_type == "投诉"].first_response_hours.mean()
    m["complex_complaint_hours"] = k25[(k25.ticket_type == "投诉") & (k25.complexity == "复杂")].resolution_hours.mean()
    m["tech_payment_hours"] = k25[k25.ticket_type == "技术/支付"].resolution_hours.mean()
    m["followup_resolved"] = k25.followup_resolved.mean()
    # members
    tiers = c[c.orders_2025 >= 2].groupby("member_tier").size() / active.groupby("member_tier").size()
    m["tier_repurchase"] = tiers.reindex(active.groupby("member_tier").size().sort_values().index)
    m["repurchase_2025"] = (c.orders_2025 >= 2).sum() / (c.orders_2025 >= 1).sum()
    m["repurchase_2024"] = (c.orders_2024 >= 2).sum() / (c.orders_2024 >= 1).sum()
    m["retention_2025"] = ((c.orders_2024 >= 1) & (c.orders_2025 >= 1)).sum() / (c.orders_2024 >= 1).sum()
    member = c.member_tier != "非会员"
    m["member_repurchase"] = (c[member].orders_2025 >= 2).sum() / (c[member].orders_2025 >= 1).sum()
    m["member_repurchase_2024"] = (c[member].orders_2024 >= 2).sum() / (c[member].orders_2024 >= 1).sum()
    hs = c[c.high_spender.astype(bool)]
    m["high_spenders"], m["high_spender_members"] = len(hs), int((hs.member_tier != "非会员").sum())
    m["high_spender_member_share"] = m["high_spender_members"] / m["high_spenders"]
    nm = c[c.new_member.astype(bool)]
    m["new_members"], m["new_member_rebuy_3m"] = len(nm), nm.rebought_3m.mean()
    lapsed = c[c.lapsed.astype(bool) & member]
    m["lapsed_members"], m["lapsed_member_recall"] = len(lapsed), lapsed.recalled.mean()
    top = o25.member_tier.isin(["钻石", "黄金"])
    m["top_tier_aov_uplift"] = o25[top].amount.mean() / o25[~top].amount.mean() - 1
    # team
    t_2025 = tg[tg.year == "2025"]
    m["target_2025"] = t_2025.sales_target.sum()
    m["sales_attainment"] = m["sales_2025"] / m["target_2025"]
    m["category_attainment"] = (o25.groupby("category")["amount"].sum()
                                / t_2025.groupby("category")["sales_target"].sum()).sort_values(ascending=False)
    m["processing_hours"] = by_metric_after["order_processing_hours"]
    m["processing_hours_2024"] = by_metric_before["order_processing_hours"]
    prop = ops[ops.metric == "improvement_proposals"]
    m["proposals"] = prop.groupby("scope")["after"].sum().sort_values(ascending=False)
    m["proposals_2025"], m["proposals_2024"] = prop.after.sum(), prop.before.sum()
    m["proposals_growth"] = m["proposals_2025"] / m["proposals_2024"] - 1
    # operations
    logistics = ["sorting_error_rate", "daily_orders_processed", "next_day_delivery_share", "logistics_cost_per_order",
                 "return_rate", "inventory_turnover", "parcel_weight"]
    lg = ops[ops.metric.isin(logistics)].groupby("metric_name")[["after", "before"]].sum()
    m["logistics_gain"] = (lg.after / lg.before - 1).abs().sort_values(ascending=False)
    costs = ["wasted_impression_share", "customer_acquisition_cost", "purchase_cost_index", "power_consumption",
             "peak_outsourced_staff"]
    cs = ops[ops.metric.isin(costs)].groupby("metric_name")[["after", "before"]].sum()
    m["cost_reduction"] = (1 - cs.after / cs.before).sort_values(ascending=False)
    pc = ops[ops.metric == "purchase_cost_index"].groupby("scope")[["after", "before"]].sum()
    m["purchase_cost_cut"] = (1 - pc.after / pc.before).sort_values(ascending=False)
    m["energy_saving"] = by_metric_before["energy_cost"] - by_metric_after["energy_cost"]
    m["ops_after"], m["ops_before"] = ops_after, ops_before
    # next year
    t_2026 = tg[tg.year == "2026"]
    m["target_2026"] = t_2026.sales_target.sum()
    m["growth_target_2026"] = m["target_2026"] / m["sales_2025"] - 1
    m["category_growth_target"] = t_2026.groupby("category")["growth_target"].sum().sort_values(ascending=False)
    by_year = tg.pivot_table(index="category", columns="year", values="sales_target", aggfunc="sum")
    m["targets_by_year"] = by_year.sort_values("2025", ascending=False)
    return m


# ------------------------------------------------------------------ slides


class Deck:
    def __init__(self) -> None:
        self.prs = Presentation(str(TEMPLATE))
        self.layouts = {layout.name: layout for layout in self.prs.slide_layouts}

    def slide(self, layout: str, title: str | None = None, notes: str | None = None):
        slide = self.prs.slides.add_slide(self.layouts[layout])
        if title is not None:
            slide.shapes.title.text = title
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        return slide

    @staticmethod
    def placeholder(slide, idx: int):
        return next(ph for ph in slide.placeholders if ph.placeholder_format.idx == idx)

    def text(self, slide, box, lines: list[str], size: int = 14, bold_first: bool = False, fill: str | None = None):
        left, top, width, height = box
        shape = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
        tf = shape.text_frame
        tf.word_wrap = True
        for i, line in enumerate(lines):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            run = p.add_run()
            run.text = line
            run.font.size = Pt(size if i else size + (4 if bold_first else 0))
            run.font.bold = bold_first and i == 0
            run.font.color.rgb = RGBColor.from_string(TEXT)
        if fill:
            shape.fill.solid()
            shape.fill.fore_color.rgb = RGBColor.from_string(fill)
        return shape

    def content_box(self, slide, idx: int = 1):
        ph = self.placeholder(slide, idx)
        box = (ph.left, ph.top, ph.width, ph.height)
        ph._element.getparent().remove(ph._element)
        return box

    def chart(self, slide, box, kind, categories, series: dict, number_format: str = "General", legend=False,
              highlight=()):
        data = CategoryChartData(number_format=number_format)
        data.categories = [str(x) for x in categories]
        for name, values in series.items():
            data.add_series(str(name), [float(v) for v in values])
        frame = slide.shapes.add_chart(kind, *(Emu(v) for v in box), data)
        chart = frame.chart
        chart.has_legend = legend
        if legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
        chart.font.size = Pt(12)
        plot = chart.plots[0]
        plot.has_data_labels = True
        plot.data_labels.number_format = number_format
        plot.data_labels.number_format_is_linked = False
        if kind != XL_CHART_TYPE.PIE:
            for k, s in enumerate(plot.series):
                s.format.fill.solid()
                s.format.fill.fore_color.rgb = RGBColor.from_string(PRIMARY if k == 0 else ACCENT)
            for i, cat in enumerate(data.categories):
                if cat in highlight:
                    point = plot.series[0].points[i]
                    point.format.fill.solid()
                    point.format.fill.fore_color.rgb = RGBColor.from_string(ACCENT)
        return chart

    def chart_text(self, title, kind, categories, series, commentary, notes, **chart_options):
        slide = self.slide("Chart + Text", title, notes)
        self.chart(slide, self.content_box(slide), kind, categories, series, **chart_options)
        tf = self.placeholder(slide, 2).text_frame
        for i, line in enumerate(commentary):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.text = line

    def kpi(self, title, cards: list[tuple[str, str, str, str]], commentary, notes):
        slide = self.slide("Content", title, notes)
        left, top, width, height = self.content_box(slide)
        band = height // 3
        gap = Emu(150000)
        card_w = (width - gap * (len(cards) - 1)) // len(cards)
        for k, (label, value, delta, note) in enumerate(cards):
            lines = [label, value] + [x for x in (delta, note) if x]
            box = (left + k * (card_w + gap), top, card_w, height - band - gap)
            self.text(slide, box, lines, size=14, bold_first=False, fill=SURFACE).name = f"KPI {k + 1}"
        self.text(slide, (left, top + height - band, width, band), commentary, size=14, fill=SURFACE)

    def points(self, title, points: list[tuple[str, str, str | None]], notes):
        slide = self.slide("Content", title, notes)
        left, top, width, height = self.content_box(slide)
        col_w, row_h = width // 2, height // 2
        for k, (heading, text, figure) in enumerate(points):
            box = (left + (k % 2) * col_w, top + (k // 2) * row_h, col_w - 100000, row_h - 100000)
            lines = [f"{k + 1:02d}"] + ([figure] if figure else []) + [heading, text]
            self.text(slide, box, lines, size=14, bold_first=True).name = f"Point {k + 1:02d}"

    def section(self, number: int, title: str):
        slide = self.slide("Section", title)
        self.placeholder(slide, 10).text = f"PART {number:02d}"


def build(m: dict, output: Path) -> None:
    deck = Deck()
    year = m["report_year"]
    sections = ["年度销售业绩回顾", "产品销售表现分析", "市场渠道运营总结", "客户服务与满意度",
                "团队协作与效率", "挑战与未来规划"]
    cover = deck.slide("Title", "电商销售年终工作总结")
    deck.placeholder(cover, 1).text = f"{year} 年度复盘与 {year + 1} 年规划"
    deck.placeholder(cover, 10).text = "演讲人：张明"
    deck.placeholder(cover, 11).text = "日期：2026-01-09"
    agenda = deck.slide("Agenda", "目录  CATALOGUE")
    left, top, width, height = deck.content_box(agenda)
    for k, name in enumerate(sections):
        deck.text(agenda, (left, top + k * height // 6, width, height // 6), [f"{k + 1:02d}    {name}"], size=20)

    deck.section(1, sections[0])
    ry = m["region_yoy"]
    deck.kpi("总体销售额与增长率", [
        ("全年销售额", yi(m["sales_2025"]), f"{dpct(m['sales_yoy'])}  同比", ""),
        ("同比增长率", pct(m["sales_yoy"]), f"{pp(m['growth_gap'])}  较行业", f"行业平均 {pct(m['industry_growth'])}"),
        ("全年订单量（单）", wan(m["orders_real"]), f"{dpct(m['orders_yoy'])}  同比", ""),
        ("三线及以下市场增速", pct(m["lower_tier_yoy"]), f"{pp(m['lower_tier_lead'])}  较整体",
         f"一线+新一线占国内 {pct(m['core_cities_share'])}")], [
        (f"平台总销售额突破里程碑：全年 {yi(m['sales_2025'])}，高客单价商品占比 {pct(m['high_price_share'])}"
        f"（上年 {pct(m['high_price_share_2024'])}）"),
        (f"同比增长率行业领先：{pct(m['sales_yoy'])}，高出行业平均 {m['growth_gap'] * 100:.1f} 个百分点，"
         "新客转化与复购同步提升"),
        (f"区域市场差异化：一线与新一线贡献国内 {pct(m['core_cities_share'], 0)} 的销售，{ry.index[0]}增速最快（"
         f"{pct(ry.iloc[0])}）")],
        f"全年 GMV {yi(m['sales_2025'])}，上年 {yi(m['sales_2024'])}，同比 {pct(m['sales_yoy'])}；行业平均增速 "
        f"{pct(m['industry_growth'])}。整体复购率 {pct(m['repurchase_2024'])} → {pct(m['repurchase_2025'])}。区域同比："
        + "、".join(f"{k} {pct(v)}" for k, v in ry.items()) + "。")
    qs = m["quarter_share"]
    deck.chart_text("季度销售趋势分析", XL_CHART_TYPE.COLUMN_CLUSTERED, [f"{k}月" for k in m["monthly"].index],
                    {"销售额": m["monthly"]}, [
        f"大促驱动峰值：618 与双11 贡献全年 {pct(m['big_promo_share'])} 的销售",
        f"季度结构：Q2 占 {pct(qs[2])}，Q4 占 {pct(qs[4])}",
        f"季节性波动：非大促月份中 {m['offpeak_months'][0]}、{m['offpeak_months'][-1]}最旺",
        f"行为周期：季末冲量与会员日形成小高峰，会员日贡献 {pct(m['member_day_share'])}"],
        f"柱形图为 {year} 年各月销售额，橙色两柱为 618 与双11 所在月份。四个季度占比依次为 "
        + "、".join(pct(v) for v in qs) + f"。两大节点合计 {pct(m['big_promo_share'])}。",
        number_format='#,##0,,"万"', highlight=("6月", "11月"))
    deck.kpi("关键业绩指标达成", [
        ("客单价", f"¥{m['aov_2025']:.1f}", f"{dpct(m['aov_yoy'])}  同比", ""),
        ("转化率", pct(m["conversion_2025"], 2), f"{pp(m['conversion_change'])}  同比", ""),
        ("库存周转（次/年）", num(m["turnover_2025"]), f"{dpct(m['turnover_growth'])}  同比",
         f"缺货率 {pct(m['stockout_2025'])}（{pp(m['stockout_change'])}）"),
        ("净推荐值 NPS", num(m["nps_2025"]), f"▲{m['nps_change']}  同比",
         f"24 小时售后解决率 {pct(m['resolved_24h'])}")], [
        (f"客单价与转化率双提升：客单价同比增长 {pct(m['aov_yoy'])}，转化率提升 "
         f"{m['conversion_change'] * 100:.2f} 个百分点"),
        (f"库存周转效率优化：周转由 {num(m['turnover_2024'])} 次提升至 {num(m['turnover_2025'])} 次，缺货率下降 "
        f"{-m['stockout_change'] * 100:.1f} 个百分点"),
        (f"用户满意度指标：NPS 提高 {m['nps_change']}，24 小时售后解决率提升 "
         f"{abs(m['resolved_24h_change']) * 100:.1f} 个百分点")],
        f"客单价按真实金额计算：¥{m['aov_2025']:.1f}，同比 {dpct(m['aov_yoy'])}。转化率 "
        f"{pct(m['conversion_2024'], 2)} → "
        f"{pct(m['conversion_2025'], 2)}；缺货率 {pct(m['stockout_2024'])} → {pct(m['stockout_2025'])}。NPS "
        f"{m['nps_2024']} → "
        f"{m['nps_2025']}（{m['survey_2025']} 份问卷）；24 小时解决率 {pct(m['resolved_24h_2024'])} → "
        f"{pct(m['resolved_24h'])}。")

    deck.section(2, sections[1])
    cs, cy, cr = m["category_share"], m["category_yoy"], m["category_repurchase"]
    deck.chart_text("热销产品类别排名", XL_CHART_TYPE.COLUMN_CLUSTERED, m["category_sales"].index,
                    {"销售额": m["category_sales"]}, [
        f"家居生活占 {pct(cs['家居生活'])}：智能小家电与收纳用品领跑",
        f"美妆个护占 {pct(cs['美妆个护'])}：国货彩妆、面膜精华热销，复购率 {pct(cr['美妆个护'])} 居各品类之首",
        f"数码3C占 {pct(cs['数码3C'])}：无线耳机与便携设备增长 {pct(cy['数码3C'])}",
        f"母婴用品占 {pct(cs['母婴用品'])}：辅食机、有机棉服饰口碑稳定"],
        f"排名按 {year} 年销售额。各品类同比：" + "、".join(f"{k} {pct(v)}" for k, v in cy.items())
        + f"。复购率最高的是 {cr.index[0]}（{pct(cr.iloc[0])}）。", number_format='0.00,,,"亿"')
    deck.chart_text("新品上市表现评估", XL_CHART_TYPE.BAR_CLUSTERED, m["new_products_sales"].index,
                    {"销售额": m["new_products_sales"]}, [
        f"市场接受度：{m['new_product_count']} 款新品贡献 {pct(m['new_product_share'])} 的销售，环保包装款点击率更高",
        ("用户反馈：穿戴设备续航获好评，App "
         "兼容问题是退货主因"), "促销策略：首发价叠加达人直播，首周超目标，后续自然流量偏弱",
        "竞品对标：竞品以会员积分锁定复购，需补齐会员权益"],
        f"{year} 年上市新品 {m['new_product_count']} 款，新品销售额 {yi(m['new_product_sales'])}，占全部销售的 "
        f"{pct(m['new_product_share'])}。图为各新品全年销售额；高价新品转化偏低，需优化详情页与价格带。",
        number_format='#,##0,"万"')
    deck.points("库存管理与周转效率", [
        ("供应商协同优化", (f"与核心供应商实时共享库存与销售数据，按周滚动补货，缺货率较上年下降 "
                            f"{-m['stockout_change'] * 100:.1f} 个百分点"), f"{pct(m['stockout_2025'])}  缺货率"),
        ("滞销品处理方案", "对库龄超标商品推出组合装与拼团活动，清理滞销库存，释放仓容与资金占用", None),
        ("仓储自动化升级", (f"智能分拣上线，下单到发货由 {num(m['processing_hours_2024'])} 小时缩短至 "
                            f"{num(m['processing_hours'])} 小时；ERP 数据同步仍有延迟"),
         f"{num(m['processing_hours'])} 小时  下单到发货"),
        ("智能预测系统应用", (f"AI 销量预测指导备货与调拨，库存周转由 {num(m['turnover_2024'])} 次提升到 "
                              f"{num(m['turnover_2025'])} 次；长尾商品仍需人工校准"),
         f"{num(m['turnover_2025'])} 次  库存周转")],
        f"库存周转由 {num(m['turnover_2024'])} 次/年提升至 {num(m['turnover_2025'])} "
        f"次/年（{dpct(m['turnover_growth'])}），缺货率 "
        f"{pct(m['stockout_2024'])} → {pct(m['stockout_2025'])}。订单处理时长 {num(m['processing_hours_2024'])} 小时 → "
        f"{num(m['processing_hours'])} 小时。")

    deck.section(3, sections[2])
    aov = m["platform_aov"]
    deck.chart_text("电商平台销售占比", XL_CHART_TYPE.BAR_CLUSTERED, m["platform_share"].index,
                    {"销售占比": m["platform_share"]}, [
        (f"主流平台：天猫+京东占 {pct(m['tmall_jd_share'])}，天猫旗舰店 GMV {yi(m['tmall_sales'])}，"
         f"{aov.index[0]}客单价最高"),
        f"自建商城：占比 {pct(m['own_site_share'])}，复购率为第三方平台的 {m['own_site_multiple']:.1f}倍",
        f"新兴平台：拼多多+抖音同比 +{pct(m['pdd_douyin_yoy'], 0)}，下沉买家占 {pct(m['pdd_douyin_lower_share'], 0)}",
        (f"跨境：Amazon+Shopify 占 {pct(m['cross_border_share'], 0)}，其中数码3C 占 "
         f"{pct(m['cross_border_digital_share'], 0)}")],
        f"天猫旗舰店全年 GMV {yi(m['tmall_sales'])}；{aov.index[0]}客单价 ¥{aov.iloc[0]:,.0f}，为各平台最高。"
        "自营商城复购率 "
        f"{pct(m['own_site_repurchase'])}，第三方平台 {pct(m['third_party_repurchase'])}。跨境销售中数码3C 占 "
        f"{pct(m['cross_border_digital_share'])}，欧美市场电子产品表现突出。", number_format="0.0%")
    cr_ = m["coupon_redemption"]
    deck.chart_text("营销活动ROI计算", XL_CHART_TYPE.BAR_CLUSTERED, m["d11_channel_roi"].index,
                    {"ROI": m["d11_channel_roi"]}, [
        (f"双11：整体 ROI 1:{m['d11_roi']:.1f}，付费推广占成本 {pct(m['d11_paid_share'], 0)}，直播转化率为日常的 "
        f"{m['live_conversion_multiple']:.1f}倍"),
        (f"优惠券：核销率 {pct(cr_.min(), 0)}-{pct(cr_.max(), 0)}，阶梯定价使毛利率提升 "
         f"{m['d11_margin_uplift'] * 100:.0f} 个百分点"),
        f"企业微信私域：获客成本比公域低 {pct(m['wecom_cac_saving'], 0)}，需专职团队持续运营",
        (f"KOL：腰部达人 ROI 1:{m['kol_roi']['腰部']:.1f}，头部达人仅 1:{m['kol_roi']['头部']:.1f}，"
        f"{m['kol_top_loss_sessions']} 场专场因坑位费亏损")],
        f"双11 总投入 ¥{wan(m['d11_spend'])}，归因销售 ¥{wan(m['d11_roi'] * m['d11_spend'])}，ROI "
        f"1:{m['d11_roi']:.1f}（上年 "
        f"1:{m['d11_roi_2024']:.1f}）。私域获客成本 ¥{m['wecom_cac']:.1f}/人，公域 ¥{m['public_cac']:.1f}/人"
        "。双11 毛利率 "
        f"{pct(1 - m['d11_cost_ratio_2024'])} → {pct(1 - m['d11_cost_ratio_2025'])}。图中 ROI = 归因销售额 / 投入，"
        "不含物料与人力。",
        number_format='"1:"0.0')
    deck.chart_text("客户流量来源分布", XL_CHART_TYPE.PIE, m["traffic_by_source"].index,
                    {"访客占比": m["traffic_by_source"]}, [
        f"自然搜索：长尾词带来 {pct(m['longtail_share'], 0)} 的精准客户，跳出率 {pct(m['search_bounce_rate'], 0)}",
        f"付费广告：直通车、引力魔方等占推广预算 {pct(m['paid_ads_budget_share'], 0)}",
        f"社交分享：贡献 {pct(m['social_new_share'], 0)} 新客，分享率为上年的 {m['social_share_multiple']:.1f}倍",
        f"内容种草：短视频占站外流量 {pct(m['short_video_share'], 0)}，平均观看 {m['short_video_watch']:.0f} 秒"],
        f"饼图为 {year} 年各来源访客占比。核心词自然排名保持稳定，长尾词带来的精准客户占 {pct(m['longtail_share'])}"
        "。全年推广预算 "
        f"¥{wan(m['budget_2025'])}，其中付费广告 "
        f"{pct(m['paid_ads_budget_share'])}。", number_format="0.0%", legend=True)

    deck.section(4, sections[3])
    deck.kpi("客户满意度调查结果", [
        ("物流满意度", pct(m["logistics_satisfied"]), "", "评分 4 分及以上占比"),
        ("客服好评率", pct(m["service_satisfied"]), "", "评分 4 分及以上占比"),
        ("产品质量满意度", pct(m["quality_satisfied"]), "", "评分 4 分及以上占比"),
        ("综合评分", f"{m['overall_score']:.1f}", f"▲{m['overall_score_change']:.2f}  同比",
         f"满分 {m['overall_score_max']:.0f} 分")], [
        (f"共回收 {num(m['survey_2025'])} 份有效问卷，综合评分 {m['overall_score']:.1f} 分（上年 "
         f"{m['overall_score_2024']:.2f}）"),
        f"客服响应与产品质量口碑领先；物流满意度 {pct(m['logistics_satisfied'], 0)}，是主要短板"],
        f"满意度为评分 4 分及以上的占比。综合评分 {m['overall_score_2024']:.2f} → {m['overall_score']:.2f}；NPS "
        f"{m['nps_2024']} → "
        f"{m['nps_2025']}。物流满意度 {pct(m['logistics_satisfied'])} 仍是最低项，区域仓与次日达是明年改进重点。")
    deck.kpi("售后问题处理时效", [
        ("退换货平均处理", f"{m['return_workdays']:.1f} 天", f"{dpct(m['return_workdays_change'])}  同比",
         "按工作日计"),
        ("投诉首次响应", f"{m['complaint_first_response']:.0f} 小时", "",
         f"复杂投诉 {m['complex_complaint_hours']:.0f} 小时内解决"),
        ("技术/支付问题解决", f"{m['tech_payment_hours']:.0f} 小时", "", "平均解决时长"),
        ("回访确认已解决", pct(m["followup_resolved"]), "", "售后回访客户占比")], [
        f"退换货平均 {m['return_workdays']:.1f} 天（工作日），较上年提速 {pct(-m['return_workdays_change'], 0)}",
        (f"投诉 {m['complaint_first_response']:.0f} 小时内首次响应，复杂投诉 "
         f"{m['complex_complaint_hours']:.0f} 小时内解决；"
        f"技术/支付问题 {m['tech_payment_hours']:.0f} 小时内解决"),
        f"售后回访中 {pct(m['followup_resolved'], 0)} 的客户确认问题已解决"],
        f"退换货平均 {m['return_workdays']:.1f} 天（上年 {m['return_workdays_2024']:.1f} 天）。技术/支付类问题平均 "
        f"{m['tech_payment_hours']:.0f} 小时解决。全年工单 {num(m['tickets_2025'])} 张，24 小时内解决 "
        f"{pct(m['resolved_24h'])}。")
    deck.chart_text("会员复购率分析", XL_CHART_TYPE.COLUMN_CLUSTERED, m["tier_repurchase"].index,
                    {"复购率": m["tier_repurchase"]}, [
        (f"会员复购率 {pct(m['member_repurchase'], 0)}（上年 {pct(m['member_repurchase_2024'], 0)}）；年消费超 "
        f"{m['high_spend_yuan']:.0f} 元的客户中会员占 {pct(m['high_spender_member_share'], 0)}"),
        (f"新会员 {pct(m['new_member_rebuy_3m'], 0)} 在 3 个月内再次购买，沉睡 6 个月的会员召回 "
         f"{pct(m['lapsed_member_recall'], 0)}"),
        f"钻石、黄金会员客单价高出其他客户 {pct(m['top_tier_aov_uplift'], 0)}"],
        f"图为各会员等级的复购率（年内下单 2 次及以上的客户 / 下单客户）。年消费超 {m['high_spend_yuan']:.0f} 元的客户 "
        f"{num(m['high_spenders'])} 人，其中会员 {num(m['high_spender_members'])} 人；新会员 {num(m['new_members'])}"
        " 人，沉睡会员 "
        f"{num(m['lapsed_members'])} 人。", number_format="0%", highlight=("钻石", "黄金"))

    deck.section(5, sections[4])
    ca = m["category_attainment"]
    deck.chart_text("团队绩效评价指标", XL_CHART_TYPE.COLUMN_CLUSTERED, ca.index, {"达成率": ca}, [
        f"销售达成率：全年 {pct(m['sales_attainment'])}，按产品线考核",
        f"客户满意度：综合评分 {m['overall_score']:.1f}，NPS {m['nps_2025']}",
        f"订单处理时长：下单到发货由 {num(m['processing_hours_2024'])} 小时缩短至 {num(m['processing_hours'])} 小时",
        f"改进提案：全年 {num(m['proposals_2025'])} 件，同比增长 {pct(m['proposals_growth'], 0)}"],
        f"全年目标 {yi(m['target_2025'])}，实际 {yi(m['sales_2025'])}，达成 {pct(m['sales_attainment'])}；"
        f"{ca.index[-1]}未达标"
        f"（{pct(ca.iloc[-1])}）"
        "。各部门提案：" + "、".join(f"{k} {v:.0f} 件" for k, v in m["proposals"].items()) + "。",
        number_format="0%")
    oa, ob, lg = m["ops_after"], m["ops_before"], m["logistics_gain"]
    deck.chart_text("仓储物流优化成果", XL_CHART_TYPE.BAR_CLUSTERED, lg.index, {"改善幅度": lg}, [
        f"智能分拣：差错率降至 {pct(oa['分拣差错率'], 2)}，日均处理订单 +{pct(lg['日均处理订单量'], 0)}",
        (f"区域仓：新增 {oa['区域仓数量'] - ob['区域仓数量']:.0f} 个，次日达 "
         f"{pct(oa['次日达订单占比'], 0)}，物流成本降 "
        f"{pct(lg['单均物流成本'], 0)}，退货率降 {pct(lg['退货率'], 0)}"),
        f"库存周转：由每年 {num(m['turnover_2024'])} 次提升到 {num(m['turnover_2025'])} 次",
        f"绿色包装：包裹减重 {pct(lg['单件包裹重量'], 0)}，节省运费 ¥{wan(oa['绿色包装节省运费'])}"],
        f"图为各项指标 {year} 年较上年的改善幅度（次日达、周转、处理量为提升，其余为下降）。分拣差错率 "
        f"{pct(ob['分拣差错率'])} → "
        f"{pct(oa['分拣差错率'], 2)}；退货率 {pct(ob['退货率'])} → {pct(oa['退货率'])}。", number_format="0%")
    cr2, pcc = m["cost_reduction"], m["purchase_cost_cut"]
    deck.chart_text("运营成本控制措施", XL_CHART_TYPE.BAR_CLUSTERED, cr2.index, {"降幅": cr2}, [
        (f"精准投放：无效曝光由 {pct(ob['无效广告曝光占比'], 0)} 降至 {pct(oa['无效广告曝光占比'], 0)}，获客成本降 "
         f"{pct(cr2['获客成本'], 0)}"),
        f"供应商整合：各品类采购成本下降 {pct(pcc.min(), 0)}-{pct(pcc.max(), 0)}",
        f"能耗管理：仓储用电降 {pct(cr2['仓储用电量'], 0)}，节省 ¥{wan(m['energy_saving'])}",
        f"人力优化：大促期外包人员减少 {pct(cr2['大促期外包人员'], 0)}"],
        f"采购成本指数为四个品类合计（2024 = 100）。获客成本 ¥{ob['获客成本']:.2f} → ¥{oa['获客成本']:.2f}。"
        "采购成本降幅最大的是 "
        f"{pcc.index[0]}（{pct(pcc.iloc[0], 0)}）。", number_format="0%")

    deck.section(6, sections[5])
    deck.points("当前面临主要问题", [
        ("市场竞争加剧",
         f"行业增速由 {pct(ob['行业平均销售增长率'])} 放缓，平台价格战频繁，大促流量成本上升，利润空间受挤压",
         f"{pct(m['industry_growth'])}  行业增速"),
        ("供应链效率不足", "部分爆品在大促期间仍有断货，区域仓覆盖不完整，供应商响应速度参差不齐",
         f"{pct(m['stockout_2025'])}  缺货率"),
        ("用户留存率低", "新客占比高、老客次年回购不足，会员权益吸引力有限，拉新成本难以摊薄",
         f"{pct(m['retention_2025'])}  老客留存率"),
        ("数据驱动能力薄弱", "数据分散在各平台与 ERP 中，口径不一；预测与投放仍依赖人工经验，复盘周期长", None)],
        f"行业平均增速由 {pct(ob['行业平均销售增长率'])} 放缓至 {pct(m['industry_growth'])}。上年下单的客户中仅 "
        f"{pct(m['retention_2025'])} 今年再次下单；整体复购率 {pct(m['repurchase_2025'])}。")
    deck.points("改进策略与行动计划", [
        ("优化供应链管理",
         f"扩大与核心供应商的数据协同，补齐区域仓网络，把缺货率从 {pct(m['stockout_2025'])} 继续压降", None),
        ("强化用户运营", (f"以会员体系为核心做分层运营，会员复购率在 {pct(m['member_repurchase'], 0)} "
                          "的基础上再提升，并重点召回沉睡用户"), None),
        ("提升品牌差异化", "聚焦高客单价商品与国货新品，打造自有爆品，减少对价格战的依赖", None),
        ("加强数据应用", "打通平台与 ERP 数据，统一指标口径，推广 AI 销量预测与自动化经营报表", None)],
        f"四项行动分别对应上一页的四个问题，按季度复盘进度。当前会员复购率 {pct(m['member_repurchase'])}，老客留存率 "
        f"{pct(m['retention_2025'])}。")
    ty, gt = m["targets_by_year"], m["category_growth_target"]
    deck.chart_text("明年销售目标设定", XL_CHART_TYPE.COLUMN_CLUSTERED, ty.index,
                    {"2025": ty["2025"], "2026": ty["2026"]}, [
        f"销售额增长目标：{year + 1} 年 {yi(m['target_2026'])}，较今年实际增长 {pct(m['growth_target_2026'])}",
        f"今年目标 {yi(m['target_2025'])}，实际达成 {pct(m['sales_attainment'])}",
        f"增长目标最高的是{gt.index[0]}（{pct(gt.iloc[0])}）"],
        f"图为各品类 {year} 年与 {year + 1} 年的销售目标。各品类增长目标："
        + "、".join(f"{k} {pct(v)}" for k, v in gt.items()) + "。", number_format='0.0,,,"亿"', legend=True)
    closing = deck.slide("Closing", "谢谢")
    deck.placeholder(closing, 1).text = "张明 · 2026-01-09"
    deck.prs.core_properties.title = "电商销售年终工作总结"
    deck.prs.save(str(output))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=Path("baseline_year_end.pptx"))
    args = parser.parse_args()
    build(metrics(load()), args.output)
    print(f"built {args.output} ({len(Presentation(str(args.output)).slides)} slides)")


if __name__ == "__main__":
    main()
