"""The year before the two generated years (2023), so that the year-end spec also builds a
2024 deck (``--param year=2024``) with a previous year to compare against.

It is drawn from its own random stream (``SeedSequence([seed, 2023])``) after every 2024/2025
table is finished, so the 2024 and 2025 rows are exactly those of the two-year generator.
What it adds:

* orders: about 2024's orders / 1.15, resampled from 2024 with dates one year back, amounts
  about 8% lower; about 38% of those buyers are 2024 customers (so 2024 has returning
  customers), the rest are customers who bought only in 2023 (new customer rows).
* customers: ``orders_2023``, ``spend_2024`` and the 2024 flags (``new_member_2024``,
  ``rebought_3m_2024``, ``lapsed_2024``, ``recalled_2024``, ``high_spender_2024``) by the same
  rules as the 2025 ones (which become ``*_2025``); ``first_order_date`` includes 2023.
* products: four products launched in 2024 (their launch date is their first order), so the
  2024 deck has new products too; ``is_new_product`` still marks the 2025 launches.
* marketing, traffic, survey, tickets: 2023 rows a little below 2024; targets: 2024 targets;
  operations: one row per metric and year (2023-2025) instead of before/after columns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

YEAR = 2023
ORDER_GROWTH = 1.15      # 2024 orders / 2023 orders
RETAINED = 0.38          # share of 2023 buyers who are (also) 2024 customers
ATTAINMENT_2024 = {"家居生活": 1.05, "美妆个护": 1.12, "数码3C": 0.95, "母婴用品": 1.02}
FLAGS = ("new_member", "rebought_3m", "lapsed", "recalled", "high_spender")

# metric -> its 2023 value (2024 and 2025 are the generator's before/after)
OPERATIONS_2023 = {
    "sorting_error_rate": 0.026, "daily_orders_processed": 5400, "regional_warehouses": 1,
    "next_day_delivery_share": 0.45, "logistics_cost_per_order": 12.4, "return_rate": 0.091,
    "inventory_turnover": 2, "stockout_rate": 0.071, "parcel_weight": 0.55,
    "packaging_freight_saving": 0, "wasted_impression_share": 0.41,
    "customer_acquisition_cost": 92.0, "power_consumption": 2800000, "energy_cost": 1790000,
    "peak_outsourced_staff": 360, "order_processing_hours": 26.0, "industry_sales_growth": 0.118,
}
# launched in 2024 (launch date: their first 2024 order), so they have no 2023 orders
LAUNCHED_2024 = ("香薰加湿器", "防晒喷雾", "便携蓝牙音箱", "宽口径奶瓶套装")
PURCHASE_INDEX_2023 = {"家居生活": 104, "美妆个护": 103, "数码3C": 105, "母婴用品": 102}
PROPOSALS_2023 = {"销售部": 10, "市场部": 8, "客服部": 12, "物流部": 14}


def _back_one_year(dates: pd.Series) -> pd.Series:
    return dates - pd.DateOffset(years=1)      # 2024-02-29 -> 2023-02-28


def _promotion_2023(dates: pd.Series) -> pd.Series:
    """The generator's promotion calendar for 2023 (年货节 before the 22 January Spring Festival)."""
    md = dates.dt.month * 100 + dates.dt.day
    out = pd.Series("无", index=dates.index, dtype=object)
    out[dates.dt.day == 28] = "会员日"
    out[(md >= 301) & (md <= 308)] = "38节"
    out[(md >= 102) & (md <= 121)] = "年货节"
    out[(md >= 1208) & (md <= 1212)] = "双12"
    out[(md >= 531) & (md <= 620)] = "618"
    out[(md >= 1020) & (md <= 1111)] = "双11"
    return out


def _orders_2023(orders: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    o24 = orders[orders["date"].dt.year == 2024]
    n = int(round(len(o24) / ORDER_GROWTH))
    o24 = o24[~o24["product"].isin(LAUNCHED_2024)]
    s = o24.iloc[np.sort(rng.choice(len(o24), size=n, replace=False))].copy()
    s["date"] = _back_one_year(s["date"])
    s["promotion"] = pd.Categorical(_promotion_2023(s["date"]), categories=orders["promotion"].cat.categories)
    factor = rng.lognormal(np.log(0.92), 0.08, n)
    s["amount"] = np.maximum(np.rint(s["amount"].to_numpy() * factor), 1).astype(np.int64)
    s["cost"] = np.minimum(np.rint(s["cost"].to_numpy() * factor * 1.02), s["amount"] - 1).astype(np.int64)
    # buyers: a share are 2024 customers, the others bought only in 2023 (new ids)
    buyers = np.sort(s["customer_id"].unique())
    kept = rng.random(len(buyers)) < RETAINED
    new_ids = int(orders["customer_id"].max()) + 1 + np.arange(int((~kept).sum()))
    mapping = dict(zip(buyers[~kept], new_ids))
    s["customer_id"] = s["customer_id"].map(lambda c: mapping.get(c, c)).astype(np.int64)
    s = s.sort_values("date", kind="stable")
    s["order_id"] = 9_000_001 + np.arange(n, dtype=np.int64)
    return s


def _customers(customers: pd.DataFrame, orders: pd.DataFrame, scale: int, high_spend: float) -> pd.DataFrame:
    c = customers.rename(columns={f: f"{f}_2025" for f in FLAGS}).set_index("customer_id")
    year = orders["date"].dt.year
    o23 = orders[year == 2023]
    new = o23[~o23["customer_id"].isin(c.index)]
    if len(new):   # customers of 2023 only: platform, tier from their orders, main category as the generator
        counts = new.groupby(["customer_id", "category"], observed=True).agg(
            k=("order_id", "size"), first=("date", "min")).reset_index()
        counts = counts.sort_values(["customer_id", "k", "first"], ascending=[True, False, True], kind="stable")
        main = counts.drop_duplicates("customer_id").set_index("customer_id")["category"]
        g = new.groupby("customer_id")
        extra = pd.DataFrame({"platform": g["platform"].first(), "category": main,
                              "member_tier": g["member_tier"].first()})
        for col in ("orders_2024", "orders_2025", "spend_2025"):
            extra[col] = 0
        for f in FLAGS:
            extra[f"{f}_2025"] = False
        c = pd.concat([c, extra])
    g = orders.groupby("customer_id")
    c["first_order_date"] = g["date"].min().reindex(c.index)
    c["orders_2023"] = o23.groupby("customer_id").size().reindex(c.index, fill_value=0)
    o24 = orders[year == 2024]
    c["spend_2024"] = o24.groupby("customer_id")["amount"].sum().reindex(c.index, fill_value=0).astype(np.int64)
    ordered = orders.sort_values(["customer_id", "date"], kind="stable")
    nth = ordered.groupby("customer_id").cumcount()
    second = ordered[nth == 1].set_index("customer_id")["date"].reindex(c.index)
    member = c["member_tier"] != "非会员"
    first = c["first_order_date"]
    c["new_member_2024"] = member & (c["orders_2023"] == 0) & (first >= "2024-01-01") & (first <= "2024-09-30")
    c["rebought_3m_2024"] = c["new_member_2024"] & ((second - first).dt.days <= 90)
    h2 = o23.loc[o23["date"] >= "2023-07-01", "customer_id"].unique()
    c["lapsed_2024"] = (c["orders_2023"] > 0) & ~c.index.isin(h2)
    c["recalled_2024"] = c["lapsed_2024"] & (c["orders_2024"] > 0)
    c["high_spender_2024"] = c["spend_2024"] / scale > high_spend
    cols = (["platform", "category", "member_tier", "first_order_date", "orders_2023", "orders_2024",
             "orders_2025", "spend_2024", "spend_2025"]
            + [f"{f}_{y}" for f in FLAGS for y in (2024, 2025)])
    out = c[cols].sort_index().reset_index().rename(columns={"index": "customer_id"})
    for col in ("orders_2024", "orders_2025", "spend_2025"):
        out[col] = out[col].astype(np.int64)
    for col in cols[-10:]:
        out[col] = out[col].astype(bool)
    return out


def _scaled(frame: pd.DataFrame, factors: dict[str, float], rng: np.random.Generator) -> pd.DataFrame:
    out = frame.copy()
    for col, f in factors.items():
        noise = rng.lognormal(0.0, 0.04, len(out))
        values = out[col].to_numpy(dtype=float) * f * noise
        whole = pd.api.types.is_integer_dtype(frame[col])
        out[col] = np.rint(values).astype(np.int64) if whole else np.round(values, 1)
    out["year"] = YEAR
    return out


def _marketing(m: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    prev = _scaled(m[m["year"] == 2024], {"spend": 0.85, "attributed_revenue": 0.78, "attributed_gross_profit": 0.76,
                                          "visits": 0.85, "orders": 0.8, "new_customers": 0.82,
                                          "coupons_issued": 0.85, "coupons_redeemed": 0.8}, rng)
    prev["net_profit"] = prev["attributed_gross_profit"] - prev["spend"]
    return pd.concat([m, prev], ignore_index=True)


def _traffic(t: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    prev = _scaled(t[t["year"] == 2024], {"visitors": 0.84, "bounces": 0.87, "qualified_customers": 0.8,
                                          "new_customers": 0.82, "orders": 0.8, "budget": 0.86, "shares": 0.7,
                                          "avg_watch_seconds": 0.92}, rng)
    return pd.concat([prev, t], ignore_index=True)


def _responses(frame: pd.DataFrame, date: str, id_col: str, share: float,
               rng: np.random.Generator) -> pd.DataFrame:
    prev = frame[frame["year"] == 2024]
    prev = prev.iloc[np.sort(rng.choice(len(prev), size=int(len(prev) * share), replace=False))].copy()
    prev[date] = _back_one_year(prev[date])
    prev = prev.sort_values(date, kind="stable")
    prev["year"] = YEAR
    prev[id_col] = int(frame[id_col].max()) + 1 + np.arange(len(prev))
    return prev


def _survey(sv: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    prev = _responses(sv, "date", "response_id", 0.9, rng)
    for col, low in (("logistics_score", 1), ("service_score", 1), ("quality_score", 1),
                     ("overall_score", 1), ("recommend_score", 0)):
        down = rng.random(len(prev)) < 0.15
        prev[col] = np.where(down, np.maximum(prev[col] - 1, low), prev[col])
    return pd.concat([prev, sv], ignore_index=True)


def _tickets(tk: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    prev = _responses(tk, "created_at", "ticket_id", 0.85, rng)
    slower = rng.lognormal(np.log(1.15), 0.05, len(prev))
    prev["first_response_hours"] = np.round(prev["first_response_hours"] * slower, 2)
    prev["resolution_hours"] = np.round(prev["resolution_hours"] * slower, 1)
    prev["resolution_workdays"] = np.round(prev["resolution_workdays"] * slower, 1)
    prev["followup_resolved"] = prev["followup_resolved"] & (rng.random(len(prev)) > 0.04)
    return pd.concat([prev, tk], ignore_index=True)


def _targets(tg: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    year = orders["date"].dt.year
    actual = {y: orders[year == y].groupby("category", observed=True)["amount"].sum() for y in (2023, 2024)}
    rows = []
    for cat, dept in tg.loc[tg["year"] == 2025, ["category", "department"]].itertuples(index=False):
        t24 = round(float(actual[2024][cat]) / ATTAINMENT_2024[cat], -5)
        rows.append((2024, cat, dept, int(t24), round(t24 / float(actual[2023][cat]) - 1, 4)))
    return pd.concat([pd.DataFrame(rows, columns=tg.columns), tg], ignore_index=True)


def _operations(ops: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for r in ops.itertuples(index=False):
        if r.metric == "purchase_cost_index":
            v23 = PURCHASE_INDEX_2023[r.scope]
        elif r.metric == "improvement_proposals":
            v23 = PROPOSALS_2023[r.scope]
        else:
            v23 = OPERATIONS_2023[r.metric]
        for y, v in ((2023, v23), (2024, r.before), (2025, r.after)):
            rows.append((r.metric, r.metric_name, r.unit, r.scope, y, float(v)))
    return pd.DataFrame(rows, columns=["metric", "metric_name", "unit", "scope", "year", "value"])


def _products(products: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    first = orders.groupby("product", observed=True)["date"].min()
    out = products.copy()
    for name in LAUNCHED_2024:
        out.loc[out["product"] == name, "launch_date"] = first[name].strftime("%Y-%m-%d")
    return out


def add_history(tables: dict[str, pd.DataFrame], seed: int, scale: int, high_spend: float) -> None:
    """Add the 2023 rows (and 2024 targets) to *tables* in place."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, YEAR]))
    orders = tables["orders"]
    prev = _orders_2023(orders, rng)
    orders = pd.concat([prev, orders], ignore_index=True)
    for col in ("platform", "region_tier", "city", "category", "product", "member_tier", "promotion"):
        orders[col] = pd.Categorical(orders[col], categories=tables["orders"][col].cat.categories)
    tables["orders"] = orders
    tables["products"] = _products(tables["products"], orders)
    tables["customers"] = _customers(tables["customers"], orders, scale, high_spend)
    tables["marketing"] = _marketing(tables["marketing"], rng)
    tables["traffic"] = _traffic(tables["traffic"], rng)
    tables["survey"] = _survey(tables["survey"], rng)
    tables["tickets"] = _tickets(tables["tickets"], rng)
    tables["targets"] = _targets(tables["targets"], orders)
    tables["operations"] = _operations(tables["operations"])
