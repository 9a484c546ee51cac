#!/usr/bin/env python3
"""Generate the e-commerce example company's data (fixed seed, deterministic).

    python examples/ecommerce/generate.py [--rows N] [--out DIR] [--seed 2025]
                                          [--format csv|parquet] [--amount-scale auto|K]

The company sells 家居生活, 美妆个护, 数码3C and 母婴用品 on 天猫, 京东, 自营商城,
拼多多, 抖音, Amazon and Shopify.  Two years of orders (2024-01-01..2025-12-31; the
report year is 2025) are generated from customers, so that per-customer figures
(repurchase, recall, ...) are controlled by construction; the small tables
(marketing, traffic, survey, tickets, operations, targets) are hand-written
rules, several of them tied to the generated orders.  Every figure of the deck
outline is computed by ``figures.py`` from the written files; README.md defines
them.  history.py then adds 2023 (orders, the small tables' rows, 2024 targets) from
its own random stream, so that a 2024 deck has a year before it; the 2024-2025 rows
do not depend on it.

Everything is vectorised numpy; 10,000,000 order rows take well under a minute
(use ``--format parquet`` for big N: pandas' CSV writer is the slow part).

Amounts: the committed copy holds 22,000 orders, a 1:100 sample of the company's
~2.2 million, so every money column of orders/customers is multiplied by
``amount_scale`` (default ``auto``: 3,000,000 / rows rounded to 1-2-5, at least 1;
100 for the committed copy).  Totals and shares therefore look real; one order's
real amount is ``amount / amount_scale`` (dataset_info holds the value).
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import time
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 2025
YEARS = (2024, 2025)
REPORT_YEAR = 2025
DEFAULT_ROWS = 22_000
REFERENCE_ROWS = 3_000_000  # the company's real number of orders in the two years
DEFAULT_OUT = Path(__file__).resolve().parent / "data"

# ----------------------------------------------------------------------------
# Labels
# ----------------------------------------------------------------------------
PLATFORMS = ("天猫", "京东", "自营商城", "拼多多", "抖音", "Amazon", "Shopify")
TMALL, JD, OWN, PDD, DOUYIN, AMAZON, SHOPIFY = range(7)
CROSS_BORDER = (AMAZON, SHOPIFY)
CATEGORIES = ("家居生活", "美妆个护", "数码3C", "母婴用品")
HOME, BEAUTY, DIGITAL, BABY = range(4)
TIERS = ("钻石", "黄金", "白银", "普通", "非会员")
DIAMOND, GOLD, SILVER, REGULAR, NON_MEMBER = range(5)
REGIONS = ("一线", "新一线", "二线", "三线及以下", "海外")
LOWER_TIER, OVERSEAS = 3, 4
PROMOTIONS = ("无", "年货节", "38节", "618", "双11", "双12", "会员日")
P_NONE, P_NEWYEAR, P_38, P_618, P_D11, P_D12, P_MEMBER = range(7)

CITIES = (
    ("北京", "上海", "广州", "深圳"),
    ("成都", "杭州", "重庆", "武汉", "西安", "苏州", "南京", "天津", "长沙", "郑州", "东莞",
     "青岛", "合肥", "宁波", "佛山"),
    ("昆明", "沈阳", "济南", "无锡", "厦门", "福州", "温州", "哈尔滨", "长春", "南昌", "石家庄",
     "南宁", "贵阳", "大连", "泉州", "太原", "金华", "常州", "徐州", "嘉兴"),
    ("洛阳", "赣州", "桂林", "绵阳", "邯郸", "商丘", "周口", "遵义", "曲靖", "揭阳", "湛江",
     "襄阳", "宜昌", "上饶", "南充", "六安", "菏泽", "临沂", "衡阳", "岳阳"),
    ("纽约", "洛杉矶", "旧金山", "西雅图", "伦敦", "柏林", "巴黎", "阿姆斯特丹", "多伦多", "悉尼"),
)

# (name, category, list price in yuan, launch date of a 2025 new product or None, popularity)
PRODUCTS = (
    ("智能扫地机器人", HOME, 1999, None, 0.8),
    ("智能空气炸锅", HOME, 399, None, 1.6),
    ("智能电饭煲", HOME, 599, None, 1.1),
    ("桌面收纳盒套装", HOME, 89, None, 2.0),
    ("真空压缩收纳袋", HOME, 59, None, 1.6),
    ("香薰加湿器", HOME, 169, None, 1.3),
    ("全棉四件套", HOME, 399, None, 1.2),
    ("环保收纳箱", HOME, 129, "2025-04-01", 0.9),
    ("智能除螨仪", HOME, 699, "2025-08-01", 0.6),
    ("国货精华液", BEAUTY, 299, None, 1.6),
    ("补水保湿面膜", BEAUTY, 99, None, 2.2),
    ("氨基酸洁面乳", BEAUTY, 79, None, 1.6),
    ("持妆粉底液", BEAUTY, 219, None, 1.1),
    ("防晒喷雾", BEAUTY, 119, None, 1.1),
    ("丝绒口红", BEAUTY, 169, None, 1.2),
    ("声波电动牙刷", BEAUTY, 299, None, 0.9),
    ("修护精华面霜", BEAUTY, 359, "2025-02-20", 0.8),
    ("环保补充装沐浴露", BEAUTY, 69, "2025-06-01", 0.7),
    ("无线蓝牙耳机", DIGITAL, 399, None, 1.8),
    ("主动降噪耳机", DIGITAL, 999, None, 0.9),
    ("便携充电宝", DIGITAL, 149, None, 1.7),
    ("便携蓝牙音箱", DIGITAL, 299, None, 1.0),
    ("便携投影仪", DIGITAL, 2499, None, 0.5),
    ("机械键盘", DIGITAL, 449, None, 0.8),
    ("平板保护套", DIGITAL, 79, None, 1.2),
    ("智能手表", DIGITAL, 1299, "2025-03-15", 0.7),
    ("运动手环", DIGITAL, 299, "2025-05-10", 0.7),
    ("多功能辅食机", BABY, 499, None, 1.0),
    ("有机棉婴儿连体衣", BABY, 159, None, 1.5),
    ("婴儿推车", BABY, 1599, None, 0.5),
    ("宽口径奶瓶套装", BABY, 139, None, 1.3),
    ("婴儿纸尿裤", BABY, 169, None, 2.2),
    ("儿童安全座椅", BABY, 1299, None, 0.5),
    ("有机棉睡袋", BABY, 259, "2025-09-01", 0.7),
    ("恒温调奶器", BABY, 349, "2025-03-01", 0.7),
)
HIGH_PRICE = 999  # products listed at >= 999 yuan are the "high-AOV products" (高客单价商品)

# ----------------------------------------------------------------------------
# Targets (what the outline needs) and shape parameters
# ----------------------------------------------------------------------------
# Sales by platform as a fraction of 2025 total sales, and YoY growth -> 2024 sales.
SHARE_2025 = np.array([0.395, 0.275, 0.080, 0.060, 0.070, 0.075, 0.045])
PDD_DOUYIN_GROWTH = 2.30           # 拼多多+抖音 +230% YoY
PDD_GROWTH = 1.85                  # 拼多多 alone; 抖音 takes the rest of the +230%
GROWTH = np.array([0.18, 0.15, 0.22, np.nan, np.nan, 0.30, 0.35])
AOV_2025 = np.array([400, 620, 400, 220, 280, 540, 540.0])  # real yuan, per order; 京东 highest
AOV_GROWTH = 0.12                  # per platform; the mix shift to 拼多多/抖音 dilutes it overall
CATEGORY_SHARE = {2024: (0.35, 0.265, 0.225, 0.16), 2025: (0.34, 0.27, 0.23, 0.16)}
BIG_PROMO_SHARE = {2024: 0.285, 2025: 0.30}   # 618 + 双11 share of annual sales
# domestic sales by region tier (一线, 新一线, 二线, 三线及以下): 2025 shares and YoY growth
REGION_SHARE_2025 = np.array([0.24, 0.28, 0.225, 0.255])
REGION_GROWTH = np.array([0.16, 0.22, 0.28, 0.52])   # lower tiers grow fastest
TOP_TIER_AOV_RATIO = {2024: 1.30, 2025: 1.35}  # 钻石+黄金 AOV / everyone else's
MEMBER_REPURCHASE = 0.42
OWN_SITE_REPURCHASE_MULTIPLE = 2.3
PDD_DOUYIN_LOWER_TIER = 0.40
NEW_MEMBER_REBUY_3M = 0.30
LAPSED_MEMBER_RECALL = 0.15
HIGH_SPEND_YUAN = 5000
HIGH_SPENDER_MEMBER_SHARE = 0.68
DOUBLE11_MARGIN_UPLIFT = 0.08      # tiered pricing: 双11 gross margin +8 pp vs 2024

# order mix by category for each platform (家居, 美妆, 3C, 母婴)
CATEGORY_MIX = np.array([
    [0.31, 0.46, 0.11, 0.12],  # 天猫
    [0.32, 0.29, 0.24, 0.15],  # 京东
    [0.28, 0.52, 0.07, 0.13],  # 自营商城
    [0.38, 0.37, 0.09, 0.15],  # 拼多多
    [0.24, 0.58, 0.08, 0.10],  # 抖音
    [0.30, 0.24, 0.38, 0.09],  # Amazon
    [0.31, 0.29, 0.31, 0.09],  # Shopify
])
# member tier distribution of customers (钻石, 黄金, 白银, 普通, 非会员)
TIER_MIX = np.array([
    [0.020, 0.050, 0.100, 0.230, 0.600],
    [0.020, 0.050, 0.100, 0.210, 0.620],
    [0.060, 0.120, 0.200, 0.370, 0.250],
    [0.000, 0.010, 0.040, 0.150, 0.800],
    [0.010, 0.020, 0.060, 0.210, 0.700],
    [0.000, 0.000, 0.000, 0.000, 1.000],
    [0.010, 0.030, 0.060, 0.200, 0.700],
])
# region tier distribution of domestic customers (一线, 新一线, 二线, 三线及以下)
REGION_MIX = np.array([
    [0.22, 0.31, 0.26, 0.21],
    [0.25, 0.31, 0.25, 0.19],
    [0.28, 0.33, 0.23, 0.16],
    [0.10, 0.18, 0.30, 0.42],
    [0.12, 0.20, 0.28, 0.40],
])
PLATFORM_PRICE = np.array([1.00, 1.06, 0.98, 0.80, 0.88, 1.05, 1.05])
# price elasticity of the product mix: > 0 favours cheap products, < 0 expensive ones
PLATFORM_MIX_ELASTICITY = np.array([0.0, -0.25, 0.0, 0.5, 0.3, -0.1, -0.1])
TIER_PRICE = np.array([1.38, 1.25, 1.05, 1.00, 0.97])
CATEGORY_MARGIN = np.array([0.36, 0.55, 0.22, 0.38])
# repurchase: category multipliers (美妆个护 highest), extra orders of repurchasers by tier
CATEGORY_REPURCHASE = np.array([0.90, 1.35, 0.80, 1.05])
EXTRA_ORDERS = np.array([3.5, 2.4, 1.6, 1.2, 1.1])
# 2024 repurchase rates: (own site?, member?) -> base rate
REPURCHASE_2024 = {(True, True): 0.55, (True, False): 0.42, (False, True): 0.33, (False, False): 0.16}
# share of 2024 customers active again in 2025: (own site?, member?) -> rate (non-lapsed)
RETENTION = {(True, True): 0.62, (True, False): 0.45, (False, True): 0.48, (False, False): 0.24}
NON_MEMBER_RECALL = 0.10


# ----------------------------------------------------------------------------
# Calendar
# ----------------------------------------------------------------------------
def _days(start: str, end: str) -> int:
    """Days from date *start* to date *end*."""
    return int((np.datetime64(end, "D") - np.datetime64(start, "D")).astype(np.int64))


def year_dates(year: int) -> np.ndarray:
    return np.arange(np.datetime64(f"{year}-01-01"), np.datetime64(f"{year + 1}-01-01"))


def promotion_of(dates: np.ndarray) -> np.ndarray:
    """Promotion label code of each date (datetime64[D]); big festivals win over small ones."""
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    month = dates.astype("datetime64[M]").astype(int) % 12 + 1
    day = (dates - dates.astype("datetime64[M]")).astype(int) + 1
    md = month * 100 + day
    out = np.full(len(dates), P_NONE, np.int8)
    out[day == 28] = P_MEMBER                                   # 每月 28 日会员日
    out[(md >= 301) & (md <= 308)] = P_38
    newyear = np.where(years == 2024, (md >= 115) & (md <= 204), (md >= 105) & (md <= 124))
    out[newyear] = P_NEWYEAR                                    # 年货节 before the Spring Festival
    out[(md >= 1208) & (md <= 1212)] = P_D12
    out[(md >= 531) & (md <= 620)] = P_618
    out[(md >= 1020) & (md <= 1111)] = P_D11
    return out


def day_weights(year: int, category: int) -> np.ndarray:
    """Relative order intensity of each day of *year* for *category*."""
    dates = year_dates(year)
    month = dates.astype("datetime64[M]").astype(int) % 12 + 1
    day = (dates - dates.astype("datetime64[M]")).astype(int) + 1
    md = month * 100 + day
    weekday = (dates.astype(int) + 3) % 7  # 0 = Monday
    season = {
        HOME: {3: 1.15, 4: 1.12, 9: 1.12, 10: 1.15},           # season changes
        BEAUTY: {2: 1.10, 3: 1.12, 5: 1.12, 12: 1.15},         # holidays: 情人节, 38, 520, 圣诞
        DIGITAL: {1: 1.05, 8: 1.15, 9: 1.12, 12: 1.10},        # back to school, year end
        BABY: {4: 1.05, 10: 1.05},
    }[category]
    w = np.ones(len(dates))
    for m, f in season.items():
        w[month == m] *= f
    w[np.isin(month, (7, 8))] *= 0.92
    w[weekday >= 5] *= 1.06
    w[np.isin(month, (3, 6, 9, 12)) & (day >= 21)] *= 1.25      # quarter-end bumps
    promo = promotion_of(dates)
    w[promo == P_MEMBER] *= 1.7
    w[promo == P_NEWYEAR] *= 1.3
    w[promo == P_38] *= 1.8 if category == BEAUTY else 1.2
    w[promo == P_D12] *= 1.5
    w[(md >= 531) & (md <= 615)] *= 2.8
    w[(md >= 616) & (md <= 617)] *= 5.0
    w[md == 618] *= 9.0
    w[(md >= 619) & (md <= 620)] *= 2.0
    w[(md >= 1020) & (md <= 1031)] *= 2.8
    w[(md >= 1101) & (md <= 1110)] *= 3.6
    w[md == 1111] *= 15.0
    spring = (md >= 205) & (md <= 217) if year == 2024 else (md >= 125) & (md <= 206)
    w[spring] *= 0.65                                            # Spring Festival logistics pause
    return w


class Calendar:
    """Inverse-CDF sampling of order days, per (year, category), with per-row day bounds."""

    def __init__(self) -> None:
        self.cdf = {}
        for y in YEARS:
            for c in range(len(CATEGORIES)):
                w = day_weights(y, c)
                self.cdf[y, c] = np.cumsum(w) / w.sum()
        self.ndays = {y: len(year_dates(y)) for y in YEARS}
        self.promo = {y: promotion_of(year_dates(y)) for y in YEARS}

    def sample(self, year: np.ndarray, cat: np.ndarray, lo: np.ndarray, hi: np.ndarray,
               u: np.ndarray) -> np.ndarray:
        """Day-of-year in [lo, hi] for each row (arrays of equal length)."""
        out = np.empty(len(u), np.int16)
        key = (year == YEARS[1]).astype(np.int64) * len(CATEGORIES) + cat
        for (yi, c), m in grouped(key, (2, len(CATEGORIES))):
            cdf = self.cdf[YEARS[yi], c]
            low, high = lo[m], hi[m]
            c_lo = np.where(low > 0, cdf[np.maximum(low - 1, 0)], 0.0)
            c_hi = cdf[high]
            d = np.searchsorted(cdf, c_lo + u[m] * (c_hi - c_lo), side="right")
            out[m] = np.minimum(np.maximum(d, low), high)
        return out

    def h1_share(self, year: int) -> float:
        """Share of the year's orders that fall in January-June (all categories alike)."""
        h1_end = _days(f"{year}-01-01", f"{year}-07-01")
        return float(np.mean([self.cdf[year, c][h1_end - 1] for c in range(len(CATEGORIES))]))


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------
def quota_flags(strata: np.ndarray, rates: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Exactly round(rate * n) randomly chosen True rows in every stratum."""
    flags = np.zeros(len(strata), bool)
    u = rng.random(len(strata))
    for (s,), idx in grouped(strata, (len(rates),)):
        quota = int(np.rint(rates[s] * len(idx)))
        if quota >= len(idx):
            flags[idx] = True
        elif quota > 0:
            uu = u[idx]
            flags[idx] = uu <= np.partition(uu, quota - 1)[quota - 1]   # the quota smallest
    return flags


def choose_exact(mask: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Indices of k randomly chosen True positions of mask (fewer if there are fewer)."""
    idx = np.flatnonzero(mask)
    if k <= 0 or len(idx) == 0:
        return idx[:0]
    return np.sort(rng.choice(idx, size=min(k, len(idx)), replace=False))


def categorical_draw(probs: np.ndarray, rows: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """For each row r, a draw from the distribution probs[rows[r]]."""
    cum = np.cumsum(probs, axis=1)
    cum /= cum[:, -1:]
    u = rng.random(len(rows))
    out = np.zeros(len(rows), np.int8)
    for r in range(probs.shape[0]):
        m = rows == r
        if m.any():
            out[m] = np.minimum(np.searchsorted(cum[r], u[m], side="right"), probs.shape[1] - 1)
    return out


def grouped(key: np.ndarray, shape: tuple[int, ...]):
    """Yield (index tuple, row indices) for every non-empty group of an integer key
    that is the ravelled index of *shape* (one counting sort instead of a mask each)."""
    size = int(np.prod(shape))
    small = key.astype(np.int16 if size < 32_000 else np.int64)
    order = np.argsort(small, kind="stable")
    bounds = np.searchsorted(small[order], np.arange(size + 1))
    for g in range(size):
        if bounds[g + 1] > bounds[g]:
            yield np.unravel_index(g, shape), order[bounds[g]:bounds[g + 1]]


def group_starts(keys: np.ndarray) -> np.ndarray:
    """Rank of each row within its run of equal keys (keys sorted)."""
    n = len(keys)
    if n == 0:
        return np.zeros(0, np.int64)
    new = np.ones(n, bool)
    new[1:] = keys[1:] != keys[:-1]
    start_pos = np.flatnonzero(new)
    run_id = np.cumsum(new) - 1
    return np.arange(n) - start_pos[run_id]


def nice_scale(rows: int) -> int:
    raw = REFERENCE_ROWS / max(rows, 1)
    if raw <= 1.5:
        return 1
    candidates = [m * 10 ** e for e in range(0, 9) for m in (1, 2, 5)]
    return min(candidates, key=lambda c: abs(math.log(c / raw)))


# ----------------------------------------------------------------------------
# Customers
# ----------------------------------------------------------------------------
def order_targets(rows: int) -> np.ndarray:
    """Target number of orders per (platform, year index), summing to rows."""
    share_2024 = SHARE_2025 / (1 + GROWTH)
    pd_2024 = (SHARE_2025[PDD] + SHARE_2025[DOUYIN]) / (1 + PDD_DOUYIN_GROWTH)
    share_2024[PDD] = SHARE_2025[PDD] / (1 + PDD_GROWTH)
    share_2024[DOUYIN] = pd_2024 - share_2024[PDD]
    aov_2024 = AOV_2025 / (1 + AOV_GROWTH)
    raw = np.stack([share_2024 / aov_2024, SHARE_2025 / AOV_2025], axis=1)
    return raw / raw.sum() * rows


def platform_shares() -> np.ndarray:
    """Sales share targets per (platform, year index), relative to 2025 total sales."""
    share_2024 = SHARE_2025 / (1 + GROWTH)
    pd_2024 = (SHARE_2025[PDD] + SHARE_2025[DOUYIN]) / (1 + PDD_DOUYIN_GROWTH)
    share_2024[PDD] = SHARE_2025[PDD] / (1 + PDD_GROWTH)
    share_2024[DOUYIN] = pd_2024 - share_2024[PDD]
    return np.stack([share_2024, SHARE_2025], axis=1)


def _extra_orders(tier: np.ndarray, platform: np.ndarray, factor: float,
                  rng: np.random.Generator) -> np.ndarray:
    mean = EXTRA_ORDERS[tier] * np.where(platform == OWN, 1.25, 1.0) * factor
    return rng.geometric(1.0 / (1.0 + mean)) - 1


def _repurchase_rates(own: np.ndarray, member: np.ndarray, cat: np.ndarray,
                      base: dict[tuple[bool, bool], float]) -> tuple[np.ndarray, np.ndarray]:
    """Stratum codes (own, member, category) and a rate per stratum: the base rate of
    (own, member) times a category multiplier normalised within (own, member)."""
    strata = (own.astype(np.int64) * 2 + member) * 4 + cat
    counts = np.bincount(strata, minlength=16).reshape(2, 2, 4)
    rates = np.zeros(16)
    for o in (0, 1):
        for m in (0, 1):
            c = counts[o, m]
            mult = CATEGORY_REPURCHASE / max((c * CATEGORY_REPURCHASE).sum() / max(c.sum(), 1), 1e-9)
            rates[(o * 2 + m) * 4:(o * 2 + m) * 4 + 4] = np.minimum(base[bool(o), bool(m)] * mult, 0.95)
    return strata, rates


def draw_customers(active: np.ndarray, h1_share: float, rng: np.random.Generator) -> dict:
    """Customers with their home platform/category, tier and order counts per year.

    active: target number of active customers per (platform, year index)."""
    # --- the 2024 cohort ---------------------------------------------------------
    n24 = np.rint(active[:, 0]).astype(np.int64)
    plat24 = np.repeat(np.arange(len(PLATFORMS)), n24).astype(np.int8)
    tier24 = categorical_draw(TIER_MIX, plat24, rng)
    cat24 = categorical_draw(CATEGORY_MIX, plat24, rng)
    own24 = plat24 == OWN
    mem24 = tier24 != NON_MEMBER
    strata, rates = _repurchase_rates(own24, mem24, cat24, REPURCHASE_2024)
    rep24 = quota_flags(strata, rates, rng)
    k24 = np.where(rep24, 2 + _extra_orders(tier24, plat24, 0.9, rng), 1)
    lapsed = rng.random(len(k24)) < h1_share ** k24   # every 2024 order in January-June
    # back in 2025?  lapsed: recall quota; others: retention quota
    strata = np.where(lapsed, 8 + mem24, (own24 * 2 + mem24)).astype(np.int64)
    rates = np.zeros(10)
    for (o, m), r in RETENTION.items():
        rates[int(o) * 2 + int(m)] = r
    rates[8], rates[9] = NON_MEMBER_RECALL, LAPSED_MEMBER_RECALL
    back = quota_flags(strata, rates, rng)

    # --- customers new in 2025 -----------------------------------------------------
    returning = np.bincount(plat24[back], minlength=len(PLATFORMS))
    n_new = np.maximum(np.rint(active[:, 1]).astype(np.int64) - returning, 0)
    plat25 = np.repeat(np.arange(len(PLATFORMS)), n_new).astype(np.int8)
    tier25 = categorical_draw(TIER_MIX, plat25, rng)
    cat25 = categorical_draw(CATEGORY_MIX, plat25, rng)

    platform = np.concatenate([plat24, plat25])
    tier = np.concatenate([tier24, tier25])
    home = np.concatenate([cat24, cat25])
    k24 = np.concatenate([k24, np.zeros(len(plat25), np.int64)])
    lapsed = np.concatenate([lapsed, np.zeros(len(plat25), bool)])
    active25 = np.concatenate([back, np.ones(len(plat25), bool)])

    # --- 2025 repurchase: solve base rates so that members reach 42% and the own site
    # is 2.3x the third-party platforms -------------------------------------------------
    own = platform == OWN
    member = tier != NON_MEMBER
    a = active25
    n_om, n_on = np.sum(a & own & member), np.sum(a & own & ~member)
    n_tm, n_tn = np.sum(a & ~own & member), np.sum(a & ~own & ~member)
    own_non, third_non = 0.80, 0.50          # non-member rate relative to member rate
    fa = (n_om + own_non * n_on) / max(n_om + n_on, 1)
    fb = (n_tm + third_non * n_tn) / max(n_tm + n_tn, 1)
    c = OWN_SITE_REPURCHASE_MULTIPLE * fb / fa
    third_m = MEMBER_REPURCHASE * (n_om + n_tm) / (n_om * c + n_tm)
    own_m = c * third_m
    base = {(True, True): own_m, (True, False): own_non * own_m,
            (False, True): third_m, (False, False): third_non * third_m}
    strata, rates = _repurchase_rates(own[a], member[a], home[a], base)
    rep25 = np.zeros(len(platform), bool)
    rep25[a] = quota_flags(strata, rates, rng)
    k25 = np.zeros(len(platform), np.int64)
    k25[a] = 1
    k25[rep25] = 2 + _extra_orders(tier[rep25], platform[rep25], 1.0, rng)
    return {"platform": platform, "tier": tier, "home": home, "k24": k24, "k25": k25,
            "lapsed": lapsed}


def exact_own_site_multiple(cust: dict, rng: np.random.Generator) -> None:
    """Move single 2025 orders between own-site customers (non-members only, so member
    figures stay put) until own-site repurchase is exactly 2.3x the third-party rate;
    the number of orders does not change."""
    k25, member = cust["k25"], cust["tier"] != NON_MEMBER
    own = cust["platform"] == OWN
    act = k25 >= 1
    third = np.sum(act & ~own & (k25 >= 2)) / np.sum(act & ~own)
    want = int(round(OWN_SITE_REPURCHASE_MULTIPLE * third * np.sum(act & own)))
    diff = want - int(np.sum(own & (k25 >= 2)))
    if diff > 0:      # a repeat buyer with 3+ orders gives one to a one-order non-member
        givers = choose_exact(own & (k25 >= 3), diff, rng)
        takers = choose_exact(own & (k25 == 1) & ~member, len(givers), rng)
        k25[givers[:len(takers)]] -= 1
        k25[takers] += 1
    elif diff < 0:    # a two-order non-member gives one to another repeat buyer
        losers = choose_exact(own & (k25 == 2) & ~member, -diff, rng)
        pool = own & (k25 >= 2)
        pool[losers] = False
        takers = choose_exact(pool, len(losers), rng)
        k25[losers[:len(takers)]] -= 1
        k25[takers] += 1


def build_customers(rows: int, ss: np.random.SeedSequence, h1_share: float) -> dict:
    """Draw customers so that their orders per (platform, year) meet the targets; the
    total is then made exactly *rows* by adding/removing repeat orders."""
    targets = order_targets(rows)
    active = targets / 1.5
    *trials, final = ss.spawn(3)
    for child in trials:                   # calibrate customers per order, then the real draw
        cust = draw_customers(active, h1_share, np.random.default_rng(child))
        got = np.stack([np.bincount(cust["platform"], weights=cust[k], minlength=len(PLATFORMS))
                        for k in ("k24", "k25")], axis=1)
        active = active * targets / np.maximum(got, 1)
    rng = np.random.default_rng(final)
    cust = draw_customers(active, h1_share, rng)
    # exact row count: add to / remove from repeat buyers (never changes 1 vs >= 2)
    diff = rows - int(cust["k24"].sum() + cust["k25"].sum())
    k = np.concatenate([cust["k24"], cust["k25"]])
    while diff != 0:
        if diff > 0:
            idx = rng.choice(np.flatnonzero(k >= 2), size=diff, replace=True)
            np.add.at(k, idx, 1)
        else:
            pool = np.flatnonzero(k >= 3)
            if len(pool) == 0:
                raise SystemExit("--rows is too small to generate a consistent data set")
            idx = rng.choice(pool, size=min(-diff, len(pool)), replace=False)
            k[idx] -= 1
        diff = rows - int(k.sum())
    n = len(cust["k24"])
    cust["k24"], cust["k25"] = k[:n], k[n:]
    exact_own_site_multiple(cust, rng)
    # region tier and city: 40% of 2025's 拼多多/抖音 buyers live in 三线及以下 (exact quota)
    region = np.empty(n, np.int8)
    plat = cust["platform"]
    domestic_mix = np.vstack([REGION_MIX, [[1, 0, 0, 0], [1, 0, 0, 0]]])
    region[:] = categorical_draw(domestic_mix, plat, rng)
    pd_active = np.isin(plat, (PDD, DOUYIN)) & (cust["k25"] > 0)
    lower = quota_flags(plat[pd_active].astype(np.int64),
                        np.full(len(PLATFORMS), PDD_DOUYIN_LOWER_TIER), rng)
    upper_mix = np.array([[0.12, 0.20, 0.28, 0.0]]) / 0.60
    upper = categorical_draw(upper_mix, np.zeros(len(lower), np.int64), rng)
    region[pd_active] = np.where(lower, LOWER_TIER, upper)
    region[np.isin(plat, CROSS_BORDER)] = OVERSEAS
    city = np.empty(n, np.int16)
    offset = np.cumsum([0] + [len(c) for c in CITIES])
    for r, names in enumerate(CITIES):
        m = region == r
        w = 1.0 / np.arange(1, len(names) + 1) ** 0.6
        city[m] = offset[r] + rng.choice(len(names), size=int(m.sum()), p=w / w.sum())
    cust["region"], cust["city"] = region, city
    return cust


# ----------------------------------------------------------------------------
# Orders
# ----------------------------------------------------------------------------
def product_tables():
    names = [p[0] for p in PRODUCTS]
    cat = np.array([p[1] for p in PRODUCTS], np.int8)
    price = np.array([p[2] for p in PRODUCTS], float)
    launch = np.array([(np.datetime64(p[3]) - np.datetime64("2025-01-01")).astype(int)
                       if p[3] else -10_000 for p in PRODUCTS])
    popularity = np.array([p[4] for p in PRODUCTS], float)
    return names, cat, price, launch, popularity


def generate_orders(cust: dict, cal: Calendar, rng: np.random.Generator) -> dict:
    plat_c, tier_c, home_c = cust["platform"], cust["tier"], cust["home"]
    n_cust = len(plat_c)
    parts = []
    for yi, year in enumerate(YEARS):
        k = cust["k24"] if yi == 0 else cust["k25"]
        cidx = np.repeat(np.arange(n_cust, dtype=np.int64), k)
        starts = np.concatenate(([0], np.cumsum(k)[:-1]))
        slot = np.arange(len(cidx)) - np.repeat(starts, k)
        parts.append((np.full(len(cidx), year, np.int16), cidx, slot))
    year = np.concatenate([p[0] for p in parts])
    cidx = np.concatenate([p[1] for p in parts])
    slot = np.concatenate([p[2] for p in parts])
    n = len(cidx)
    platform = plat_c[cidx]

    # category: the first order of each customer-year is the home category
    other = categorical_draw(CATEGORY_MIX, platform, rng)
    category = np.where((slot == 0) | (rng.random(n) < 0.78), home_c[cidx], other).astype(np.int8)

    # day of year: 2024 lapsed customers buy only in H1; other 2024 customers once in H2
    h1_end = _days("2024-01-01", "2024-07-01")  # first H2 day
    last = np.where(year == 2024, cal.ndays[2024] - 1, cal.ndays[2025] - 1).astype(np.int64)
    lo = np.zeros(n, np.int64)
    hi = last.copy()
    lapsed = cust["lapsed"][cidx] & (year == 2024)
    hi[lapsed] = h1_end - 1
    forced_h2 = (year == 2024) & ~cust["lapsed"][cidx] & (slot == 0)
    lo[forced_h2] = h1_end
    day = cal.sample(year, category, lo, hi, rng.random(n)).astype(np.int64)

    # new members: exactly 30% of those whose first order is in Jan-Sep 2025 buy again
    # within 90 days (the others' second order comes later, or never)
    m25 = np.flatnonzero(year == 2025)
    order = m25[np.argsort(cidx[m25] * 512 + day[m25])]
    rank = group_starts(cidx[order])
    first = order[rank == 0]
    second = order[rank == 1]
    d1 = np.full(n_cust, -1, np.int64)
    d1[cidx[first]] = day[first]
    d2 = np.full(n_cust, 10_000, np.int64)
    d2[cidx[second]] = day[second]
    window_end = _days("2025-01-01", "2025-09-30")
    new_member = (tier_c != NON_MEMBER) & (cust["k24"] == 0) & (d1 >= 0) & (d1 <= window_end)
    quota = int(round(NEW_MEMBER_REBUY_3M * new_member.sum()))
    fast = np.zeros(n_cust, bool)
    fast[choose_exact(new_member & (cust["k25"] >= 2), quota, rng)] = True
    slow = new_member & (cust["k25"] >= 2) & ~fast
    fix = second[fast[cidx[second]] & (day[second] - d1[cidx[second]] > 90)]
    day[fix] = d1[cidx[fix]] + rng.integers(3, 91, size=len(fix))
    later = order[rank >= 1]
    redo = later[slow[cidx[later]] & (d2[cidx[later]] - d1[cidx[later]] <= 90)]
    if len(redo):
        day[redo] = cal.sample(year[redo], category[redo], d1[cidx[redo]] + 91,
                               last[redo], rng.random(len(redo)))

    y25 = year == 2025
    gday = day + y25 * cal_offset()                     # day index over both years
    date = np.datetime64("2024-01-01") + gday.astype("timedelta64[D]")
    promo = np.concatenate([cal.promo[2024], cal.promo[2025]])[gday]

    # product: by category popularity; high-price products gain weight in 2025; new
    # products only after their launch date
    names, p_cat, p_price, p_launch, p_pop = product_tables()
    product = np.empty(n, np.int16)
    u = rng.random(n)
    u2 = rng.random(n)
    n_plat = len(PLATFORMS)
    for (c, yi, p), m in grouped(((category.astype(np.int64) * 2 + (year == 2025)) * n_plat + platform),
                                 (len(CATEGORIES), 2, n_plat)):
        ids = np.flatnonzero(p_cat == c)
        is_old = p_launch[ids] == -10_000
        w = (p_pop[ids] * np.where(p_price[ids] >= HIGH_PRICE, 1.0 + 0.4 * yi, 1.0)
             * (p_price[ids] / 300.0) ** -PLATFORM_MIX_ELASTICITY[p])
        w_all = np.where(is_old, w, w * (yi == 1))
        pick = ids[np.searchsorted(np.cumsum(w_all) / w_all.sum(), u[m], side="right")]
        fallback = ids[is_old][np.searchsorted(np.cumsum(w[is_old]) / w[is_old].sum(), u2[m], side="right")]
        too_early = (yi == 1) & (p_launch[pick] > day[m])
        product[m] = np.where(too_early, fallback, pick)

    # quantity and amount (real yuan, before calibration)
    q_probs = np.array([[0.80, 0.15, 0.05], [0.62, 0.26, 0.12], [0.90, 0.08, 0.02], [0.68, 0.22, 0.10]])
    quantity = (categorical_draw(q_probs, category, rng) + 1).astype(np.int8)
    discount = np.select([promo == P_D11, promo == P_618, promo == P_NONE], [0.86, 0.88, 1.0], 0.94)
    unit = (p_price[product] * PLATFORM_PRICE[platform] * discount
            * rng.lognormal(0.0, 0.12, n) * np.where(year == 2025, 1.04, 1.0))
    amount = unit * quantity * TIER_PRICE[tier_c[cidx]]
    margin = (CATEGORY_MARGIN[category] - np.select([promo == P_D11, promo == P_618], [0.08, 0.06], 0.0)
              + rng.normal(0.0, 0.03, n))
    return {"year": year, "cidx": cidx, "platform": platform, "category": category, "day": day,
            "date": date, "promo": promo, "product": product, "quantity": quantity,
            "amount": amount, "margin": margin}


def calibrate_amounts(o: dict, cust: dict) -> None:
    """Iterative proportional fitting of amounts over a few hundred cell factors
    (platform x year x category x 618/双11 x top tier x region): platform x year sales,
    category shares, 618+双11 share, domestic region shares and the top-tier AOV ratio."""
    tier = cust["tier"][o["cidx"]]
    top = (tier <= GOLD).astype(np.int64)
    big = ((o["promo"] == P_618) | (o["promo"] == P_D11)).astype(np.int64)
    yi = (o["year"] == 2025).astype(np.int64)
    region = cust["region"][o["cidx"]].astype(np.int64)
    shape = (len(PLATFORMS), 2, len(CATEGORIES), 2, 2, len(REGIONS))
    cell = np.ravel_multi_index((o["platform"].astype(np.int64), yi, o["category"].astype(np.int64),
                                 big, top, region), shape)
    size = int(np.prod(shape))
    amt = np.bincount(cell, weights=o["amount"], minlength=size).reshape(shape)
    cnt = np.bincount(cell, minlength=size).reshape(shape).astype(float)
    factor = np.ones(shape)
    plat_target = platform_shares()
    region_2024 = REGION_SHARE_2025 / (1 + REGION_GROWTH)
    region_target = {0: region_2024 / region_2024.sum(), 1: REGION_SHARE_2025}

    def fit(y: int, axis: int, target: np.ndarray, keep: slice = slice(None)) -> None:
        cur = (amt * factor)[:, y]
        sums = np.moveaxis(cur, axis - 1, 0).reshape(cur.shape[axis - 1], -1).sum(axis=1)[keep]
        want = np.asarray(target) * sums.sum()
        f = np.ones(cur.shape[axis - 1])
        f[keep] = want / np.maximum(sums, 1e-12)
        view = [1] * (len(shape) - 1)
        view[axis - 1] = -1
        factor[:, y] *= f.reshape(view)

    for _ in range(200):
        cur = amt * factor
        got = cur.sum(axis=(2, 3, 4, 5))
        factor *= (plat_target * cur[:, 1].sum() / np.maximum(got, 1e-12))[:, :, None, None, None, None]
        for y in (0, 1):
            fit(y, 2, CATEGORY_SHARE[YEARS[y]])
            share = BIG_PROMO_SHARE[YEARS[y]]
            fit(y, 3, (1 - share, share))
            fit(y, 5, region_target[y], slice(0, OVERSEAS))
            cur = (amt * factor)[:, y]
            aov = cur.sum(axis=(0, 1, 2, 4)) / np.maximum(cnt[:, y].sum(axis=(0, 1, 2, 4)), 1)
            factor[:, y, :, :, 1] *= TOP_TIER_AOV_RATIO[YEARS[y]] * aov[0] / aov[1]
    o["amount"] = o["amount"] * factor.reshape(-1)[cell]


def calibrate_margin(o: dict) -> None:
    """双11 2025 gross margin = 双11 2024 gross margin + 8 pp (tiered pricing)."""
    d11 = o["promo"] == P_D11
    m24 = d11 & (o["year"] == 2024)
    m25 = d11 & (o["year"] == 2025)
    a = o["amount"]
    margin24 = np.sum(a[m24] * o["margin"][m24]) / np.sum(a[m24])
    margin25 = np.sum(a[m25] * o["margin"][m25]) / np.sum(a[m25])
    o["margin"][m25] += margin24 + DOUBLE11_MARGIN_UPLIFT - margin25


def fix_members(o: dict, cust: dict, rng: np.random.Generator) -> None:
    """Flip a few 普通/白银 <-> 非会员 customers so that 68% of the customers spending over
    5,000 yuan in 2025 are members and member repurchase is exactly 42%.  Only tiers of
    the 'others' group of the AOV ratio move, and never a new or lapsed member."""
    n = len(cust["tier"])
    y25 = o["year"] == 2025
    spend = np.bincount(o["cidx"][y25], weights=o["amount_real"][y25], minlength=n)
    tier = cust["tier"]
    first = np.full(n, 10_000)
    np.minimum.at(first, o["cidx"][y25], o["day"][y25])
    window_end = _days("2025-01-01", "2025-09-30")
    protected = cust["lapsed"] | ((cust["k24"] == 0) & (first <= window_end))
    high = spend > HIGH_SPEND_YUAN
    member = tier != NON_MEMBER
    want = int(round(HIGH_SPENDER_MEMBER_SHARE * high.sum()))
    have = int(np.sum(high & member))
    if have > want:
        idx = choose_exact(high & np.isin(tier, (SILVER, REGULAR)) & ~protected, have - want, rng)
        tier[idx] = NON_MEMBER
    elif have < want:
        idx = choose_exact(high & ~member & ~protected & (cust["platform"] != AMAZON), want - have, rng)
        tier[idx] = REGULAR
    # restore member repurchase with one-order, not-high-spending customers
    member = tier != NON_MEMBER
    act = cust["k25"] >= 1
    rep = cust["k25"] >= 2
    m_act, m_rep = int(np.sum(member & act)), int(np.sum(member & rep))
    need = int(round(m_rep / MEMBER_REPURCHASE)) - m_act   # > 0: add non-repurchasing members
    pool = (cust["k25"] == 1) & ~high & ~protected & (cust["platform"] != AMAZON)
    if need > 0:
        tier[choose_exact(pool & ~member, need, rng)] = REGULAR
    elif need < 0:
        tier[choose_exact(pool & (tier == REGULAR), -need, rng)] = NON_MEMBER


# ----------------------------------------------------------------------------
# Derived customer table
# ----------------------------------------------------------------------------
def customer_table(o: dict, cust: dict, scale: int) -> pd.DataFrame:
    n = len(cust["tier"])
    cidx, year, day = o["cidx"], o["year"], o["day"]
    y25 = year == 2025
    gday = day + np.where(y25, cal_offset(), 0)  # day index over both years
    orders_2024 = np.bincount(cidx[~y25], minlength=n)
    orders_2025 = np.bincount(cidx[y25], minlength=n)
    spend_2025 = np.bincount(cidx[y25], weights=o["amount"][y25], minlength=n)
    real_2025 = np.bincount(cidx[y25], weights=o["amount_real"][y25], minlength=n)
    first = np.full(n, 10_000, np.int64)
    np.minimum.at(first, cidx, gday)
    # second order: the first day again if two orders share it, else the next day
    on_first = gday == first[cidx]
    second = np.where(np.bincount(cidx[on_first], minlength=n) >= 2, first, 10_000)
    np.minimum.at(second, cidx[~on_first], gday[~on_first])
    # main category: most orders; ties -> the category of the earliest of them
    key = cidx * 4 + o["category"]
    counts = np.bincount(key, minlength=4 * n).reshape(n, 4)
    earliest = np.full(4 * n, 10_000, np.int64)
    np.minimum.at(earliest, key, gday)
    earliest = earliest.reshape(n, 4)
    best = counts.max(axis=1, keepdims=True)
    main = np.where(counts == best, earliest, 10_000).argmin(axis=1)
    h2_2024 = np.zeros(n, bool)
    h2 = (~y25) & (day >= _days("2024-01-01", "2024-07-01"))
    h2_2024[cidx[h2]] = True
    tier = cust["tier"]
    lapsed = (orders_2024 > 0) & ~h2_2024
    y25_start = cal_offset()
    window_end = y25_start + _days("2025-01-01", "2025-09-30")
    new_member = (tier != NON_MEMBER) & (orders_2024 == 0) & (first >= y25_start) & (first <= window_end)
    rebought = new_member & (second - first <= 90)
    base = np.datetime64("2024-01-01")
    by_id = np.empty(n, np.int64)           # customer index in customer_id order
    by_id[cust["customer_id"] - cust["customer_id"].min()] = np.arange(n)
    cols = {
        "customer_id": cust["customer_id"],
        "platform": cust["platform"],
        "category": main.astype(np.int8),
        "member_tier": tier,
        "first_order_date": base + first.astype("timedelta64[D]"),
        "orders_2024": orders_2024,
        "orders_2025": orders_2025,
        "spend_2025": _money(spend_2025, scale),
        "new_member": new_member,
        "rebought_3m": rebought,
        "lapsed": lapsed,
        "recalled": lapsed & (orders_2025 > 0),
        "high_spender": real_2025 > HIGH_SPEND_YUAN,
    }
    labels = {"platform": PLATFORMS, "category": CATEGORIES, "member_tier": TIERS}
    return pd.DataFrame({k: pd.Categorical.from_codes(v[by_id], labels[k]) if k in labels else v[by_id]
                         for k, v in cols.items()})


def cal_offset() -> int:
    return _days("2024-01-01", "2025-01-01")


def _money(values: np.ndarray, scale: int) -> np.ndarray:
    """Scaled money: whole yuan when amount_scale is a multiple of 100, else 2 decimals."""
    if scale % 100 == 0:
        return np.rint(values).astype(np.int64)
    return np.round(values, 2)


# ----------------------------------------------------------------------------
# Small tables
# ----------------------------------------------------------------------------
def exact_mean(values: np.ndarray, target: float, decimals: int, rng: np.random.Generator,
               minimum: float) -> np.ndarray:
    """Scale values to mean *target*, round to *decimals*, then nudge single rows by one
    unit so that the rounded mean is exactly the target."""
    unit = 10.0 ** -decimals
    v = np.maximum(np.round(values * target / values.mean(), decimals), minimum)
    residual = int(round((target * len(v) - v.sum()) / unit))
    if residual:
        step = np.sign(residual)
        ok = np.flatnonzero(v + step * unit >= minimum)
        idx = rng.choice(ok, size=abs(residual), replace=abs(residual) > len(ok))
        np.add.at(v, idx, step * unit)
    return np.round(v, decimals)


def scores_with_quota(latent: np.ndarray, counts: dict[int, int], rng: np.random.Generator) -> np.ndarray:
    """Scores 1..5 with exact counts, higher latent -> higher score."""
    noisy = latent + rng.normal(0, 0.8, len(latent))
    order = np.argsort(-noisy, kind="stable")
    scores = np.empty(len(latent), np.int8)
    pos = 0
    for s in (5, 4, 3, 2, 1):
        scores[order[pos:pos + counts.get(s, 0)]] = s
        pos += counts.get(s, 0)
    return scores


def satisfied_counts(n: int, satisfied: float, five_of_satisfied: float) -> dict[int, int]:
    sat = int(round(n * satisfied))
    fives = int(round(sat * five_of_satisfied))
    rest = n - sat
    threes = int(round(rest * 0.6))
    twos = int(round(rest * 0.28))
    return {5: fives, 4: sat - fives, 3: threes, 2: twos, 1: rest - threes - twos}


def make_survey(rng: np.random.Generator) -> pd.DataFrame:
    spec = {  # n, logistics/service/quality satisfied share, overall counts, NPS (pro, det)
        2024: (800, 0.72, 0.86, 0.83, {5: 312, 4: 352, 3: 96, 2: 24, 1: 16}, (0.50, 0.17)),
        2025: (1000, 0.78, 0.90, 0.86, {5: 460, 4: 420, 3: 90, 2: 20, 1: 10}, (0.55, 0.15)),
    }
    frames = []
    rid = 1
    for year, (n, log_s, svc_s, qual_s, overall, (pro, det)) in spec.items():
        latent = rng.normal(0, 1, n)
        overall_s = scores_with_quota(latent, overall, rng)
        logistics = scores_with_quota(latent, satisfied_counts(n, log_s, 0.45), rng)
        service = scores_with_quota(latent, satisfied_counts(n, svc_s, 0.55), rng)
        quality = scores_with_quota(latent, satisfied_counts(n, qual_s, 0.50), rng)
        n_pro, n_det = int(round(n * pro)), int(round(n * det))
        order = np.argsort(-(latent + rng.normal(0, 0.6, n)), kind="stable")
        rec = np.empty(n, np.int8)
        rec[order[:n_pro]] = rng.choice([9, 10], size=n_pro, p=[0.45, 0.55])
        rec[order[n_pro:n - n_det]] = rng.choice([7, 8], size=n - n_pro - n_det)
        rec[order[n - n_det:]] = rng.choice([2, 3, 4, 5, 6], size=n_det, p=[0.05, 0.1, 0.15, 0.3, 0.4])
        plat = rng.choice(len(PLATFORMS), size=n, p=SHARE_2025 / SHARE_2025.sum())
        cat = rng.choice(len(CATEGORIES), size=n, p=CATEGORY_SHARE[year])
        days = rng.integers(0, len(year_dates(year)), size=n)
        frames.append(pd.DataFrame({
            "response_id": np.arange(rid, rid + n),
            "year": year,
            "date": np.sort(np.datetime64(f"{year}-01-01") + days.astype("timedelta64[D]")),
            "platform": pd.Categorical.from_codes(plat, PLATFORMS),
            "category": pd.Categorical.from_codes(cat, CATEGORIES),
            "logistics_score": logistics, "service_score": service, "quality_score": quality,
            "overall_score": overall_s, "recommend_score": rec,
        }))
        rid += n
    return pd.concat(frames, ignore_index=True)


def make_tickets(rng: np.random.Generator) -> pd.DataFrame:
    # per year: counts (退换货, 投诉 普通, 投诉 复杂, 技术/支付) and mean durations
    spec = {
        2024: dict(n=(640, 240, 80, 240), return_days=3.125, first_resp=1.6, normal_h=26.0,
                   complex_h=60.0, tech_h=5.5, followup=0.70),
        2025: dict(n=(700, 260, 80, 220), return_days=2.5, first_resp=1.0, normal_h=18.0,
                   complex_h=48.0, tech_h=4.0, followup=0.75),
    }
    frames = []
    tid = 1
    for year, s in spec.items():
        n_ret, n_norm, n_cpx, n_tech = s["n"]
        n = sum(s["n"])
        ttype = np.repeat(["退换货", "投诉", "投诉", "技术/支付"], s["n"])
        complexity = np.repeat(["普通", "普通", "复杂", "普通"], s["n"])
        days = rng.integers(0, len(year_dates(year)), size=n)
        created = (np.datetime64(f"{year}-01-01T00:00") + days.astype("timedelta64[D]")
                   + rng.integers(8 * 60, 22 * 60, size=n).astype("timedelta64[m]"))
        first_resp = np.empty(n)
        resolve_h = np.empty(n)
        workdays = np.full(n, np.nan)
        r = slice(0, n_ret)
        c = slice(n_ret, n_ret + n_norm + n_cpx)
        cn = slice(n_ret, n_ret + n_norm)
        cc = slice(n_ret + n_norm, n_ret + n_norm + n_cpx)
        t = slice(n_ret + n_norm + n_cpx, n)
        first_resp[r] = exact_mean(rng.gamma(2.0, 1.0, n_ret), 2.0, 2, rng, 0.05)
        first_resp[c] = exact_mean(rng.gamma(2.0, 1.0, n_norm + n_cpx), s["first_resp"], 2, rng, 0.05)
        first_resp[t] = exact_mean(rng.gamma(2.0, 1.0, n_tech), 0.5, 2, rng, 0.05)
        workdays[r] = exact_mean(rng.gamma(4.0, 1.0, n_ret), s["return_days"], 1, rng, 0.5)
        # calendar hours of a return: working days -> add the weekends crossed
        created_day = created.astype("datetime64[D]")
        whole = np.floor(workdays[r]).astype(int)
        end_day = np.busday_offset(created_day[r], whole, roll="forward")
        resolve_h[r] = np.maximum(np.round(((end_day - created_day[r]).astype(int) + workdays[r] - whole) * 24, 2),
                                  first_resp[r])
        # other tickets: first response + time to resolve, with an exact mean in total
        for part, target, shape in ((cn, s["normal_h"], 2.5), (cc, s["complex_h"], 6.0), (t, s["tech_h"], 3.0)):
            fr = first_resp[part]
            extra = exact_mean(rng.gamma(shape, 1.0, len(fr)), target - fr.sum() / len(fr), 2, rng, 0.1)
            resolve_h[part] = np.round(fr + extra, 2)
        followup = quota_flags(np.zeros(n, np.int64), np.array([s["followup"]]), rng)
        cat = rng.choice(len(CATEGORIES), size=n, p=CATEGORY_SHARE[year])
        plat = rng.choice(len(PLATFORMS), size=n, p=SHARE_2025 / SHARE_2025.sum())
        order = np.argsort(created, kind="stable")
        frames.append(pd.DataFrame({
            "ticket_id": np.arange(tid, tid + n),
            "year": year,
            "created_at": created[order],
            "platform": pd.Categorical.from_codes(plat, PLATFORMS),
            "category": pd.Categorical.from_codes(cat, CATEGORIES),
            "ticket_type": ttype[order],
            "complexity": complexity[order],
            "first_response_hours": first_resp[order],
            "resolution_hours": resolve_h[order],
            "resolution_workdays": workdays[order],
            "followup_resolved": followup[order],
        }))
        tid += n
    return pd.concat(frames, ignore_index=True)


def make_marketing(d11_sales_2025: float, d11_sales_2024: float, sales: dict[int, float],
                   rng: np.random.Generator) -> pd.DataFrame:
    """Campaign x channel rows; 双11 and 618 are detailed (sub-channels, KOL sessions,
    coupon types).  Money in real yuan, consistent with the (scaled) orders."""
    rows = []
    margin = 0.36

    def add(year, campaign, channel, sub, kol, ttype, spend, revenue, visits=0, orders=0, new=0,
            issued=0, redeemed=0):
        rows.append(dict(year=year, campaign=campaign, channel=channel, sub_channel=sub,
                         kol_tier=kol, traffic_type=ttype, spend=int(round(spend)),
                         attributed_revenue=int(round(revenue)),
                         attributed_gross_profit=int(round(revenue * margin)),
                         visits=int(round(visits)), orders=int(round(orders)),
                         new_customers=int(round(new)), coupons_issued=int(round(issued)),
                         coupons_redeemed=int(round(redeemed))))

    def detailed(year, campaign, cost, roi, kol_roi, live_conv, redemption, cac_public,
                 private_ratio, sessions, paid_share=0.28):
        """One big campaign. cost = total campaign cost; roi = total revenue / cost."""
        shares = {"付费推广": paid_share, "直播": 0.12, "KOL": 0.30, "优惠券": 0.16, "企业微信私域": 0.05}
        roi_ch = {"直播": 6.0, "优惠券": 6.5, "企业微信私域": 8.0}
        kol_split = {"头部": 0.45, "腰部": 0.33, "尾部": 0.22}
        # coupons first: spend = redeemed x face value, so round through the counts
        coupon_types = (("满减券", 0.35, 30), ("品类券", 0.20, 20), ("会员专享券", 0.30, 50), ("新客券", 0.15, 10))
        coupon_rows = []
        for (name, share, face), rate in zip(coupon_types, redemption):
            redeemed = round(cost * shares["优惠券"] * share / face)
            coupon_rows.append((name, redeemed * face, round(redeemed / rate), redeemed))
        coupon_spend = sum(r[1] for r in coupon_rows)
        spend = {ch: cost * sh for ch, sh in shares.items()}
        spend["优惠券"] = coupon_spend
        spend["其他"] = cost - sum(spend.values())
        revenue_total = roi * cost
        kol_rev = {t: spend["KOL"] * f * kol_roi[t] for t, f in kol_split.items()}
        other_rev = sum(spend[ch] * r for ch, r in roi_ch.items()) + sum(kol_rev.values())
        paid_rev = revenue_total - other_rev
        aov = 380.0
        daily_live_conv = live_conv / 5.0
        public_spend = spend["付费推广"] + spend["直播"] + spend["KOL"]
        new_public = public_spend / cac_public
        # paid promotion sub-channels
        for sub, f, conv in (("直通车", 0.40, 0.030), ("引力魔方", 0.25, 0.022), ("京准通", 0.20, 0.028),
                             ("巨量千川", 0.15, 0.018)):
            rev = paid_rev * f
            add(year, campaign, "付费推广", sub, "", "公域", spend["付费推广"] * f, rev,
                visits=rev / aov / conv, orders=rev / aov, new=new_public * spend["付费推广"] * f / public_spend)
        rev = spend["直播"] * roi_ch["直播"]
        add(year, campaign, "直播", "店铺自播", "", "公域", spend["直播"], rev,
            visits=rev / aov / live_conv, orders=rev / aov, new=new_public * spend["直播"] / public_spend)
        for tier, f in kol_split.items():
            n_s = sessions[tier]
            w = rng.uniform(0.6, 1.4, n_s)
            s_spend = spend["KOL"] * f * w / w.sum()
            base = np.linspace(1.45, 0.55, n_s) if n_s > 1 else np.ones(1)
            s_roi = base * kol_rev[tier] / np.sum(s_spend * base)
            for i in range(n_s):
                rev = s_spend[i] * s_roi[i]
                add(year, campaign, "KOL", f"{tier}达人专场{i + 1}", tier, "公域", s_spend[i], rev,
                    visits=rev / aov / 0.05, orders=rev / aov, new=new_public * s_spend[i] / public_spend)
        for name, c_spend, issued, redeemed in coupon_rows:
            rev = c_spend * roi_ch["优惠券"]
            add(year, campaign, "优惠券", name, "", "其他", c_spend, rev, orders=redeemed,
                issued=issued, redeemed=redeemed)
        private_cac = private_ratio * cac_public
        rev = spend["企业微信私域"] * roi_ch["企业微信私域"]
        add(year, campaign, "企业微信私域", "社群与1v1", "", "私域", spend["企业微信私域"], rev,
            visits=rev / aov / 0.08, orders=rev / aov, new=spend["企业微信私域"] / private_cac)
        booked = sum(r["spend"] for r in rows if r["year"] == year and r["campaign"] == campaign)
        add(year, campaign, "其他", "物料与人力", "", "其他", cost - booked, 0)   # total = cost exactly
        return daily_live_conv

    cost_25 = round(0.12 * d11_sales_2025, -4)
    cost_24 = round(0.13 * d11_sales_2024, -4)
    kol_25 = {"头部": 3.0, "腰部": 9.3, "尾部": 5.5}
    kol_24 = {"头部": 3.4, "腰部": 8.1, "尾部": 5.0}
    sessions = {"头部": 3, "腰部": 6, "尾部": 10}
    live_25 = detailed(2025, "双11", cost_25, 4.7, kol_25, 0.12, (0.17, 0.185, 0.22, 0.20), 92.0, 0.38, sessions)
    live_24 = detailed(2024, "双11", cost_24, 4.1, kol_24, 0.10, (0.14, 0.16, 0.19, 0.17), 88.0, 0.55, sessions,
                       paid_share=0.34)
    detailed(2025, "618", round(0.11 * d11_sales_2025 * 0.8, -4), 4.4, {"头部": 3.2, "腰部": 8.6, "尾部": 5.2},
             0.11, (0.16, 0.18, 0.21, 0.19), 95.0, 0.42, {"头部": 2, "腰部": 5, "尾部": 8})
    detailed(2024, "618", round(0.12 * d11_sales_2024 * 0.8, -4), 3.9, {"头部": 3.5, "腰部": 7.6, "尾部": 4.8},
             0.09, (0.13, 0.15, 0.18, 0.16), 90.0, 0.58, {"头部": 2, "腰部": 5, "尾部": 8}, paid_share=0.34)
    # smaller campaigns and everyday marketing: one row per channel
    small = {"年货节": 0.010, "38节": 0.006, "双12": 0.006, "会员日": 0.008, "日常": 0.045}  # x annual sales
    mix = {"付费推广": (0.45, 3.0, "公域"), "直播": (0.15, 5.0, "公域"), "KOL": (0.15, 4.5, "公域"),
           "优惠券": (0.10, 6.0, "其他"), "企业微信私域": (0.10, 7.0, "私域"), "其他": (0.05, 0.0, "其他")}
    aov = 380.0
    for year, live_conv in ((2024, live_24), (2025, live_25)):
        for campaign, budget_share in small.items():
            total = round(budget_share * sales[year], -3)
            for ch, (f, r, ttype) in mix.items():
                sp = total * f
                rev = sp * r * (1.06 if year == 2025 else 1.0)
                conv = {"直播": live_conv, "付费推广": 0.026, "KOL": 0.04, "企业微信私域": 0.07}.get(ch, 0.03)
                cac = 92.0 if ttype == "公域" else 40.0
                add(year, campaign, ch, "综合", "", ttype, sp, rev,
                    visits=rev / aov / conv if r else 0, orders=rev / aov, new=sp / cac if ttype != "其他" else 0,
                    issued=(sp / 25 / 0.15) if ch == "优惠券" else 0, redeemed=(sp / 25) if ch == "优惠券" else 0)
    df = pd.DataFrame(rows)
    df["net_profit"] = df["attributed_gross_profit"] - df["spend"]
    return df


def make_traffic(orders_real: dict[int, float], new_real: dict[int, float], sales: dict[int, float]) -> pd.DataFrame:
    """Visitors etc. by source and sub-source; orders and new customers add up to the
    (real, i.e. scaled) numbers of the orders table."""
    subs = (  # source, sub_source, site, visitors share, qualified/visitor, order conv, budget share
        ("自然搜索", "核心词", "站内", 0.18, 0.14, 0.040, 0.020),
        ("自然搜索", "长尾词", "站内", 0.12, None, 0.046, 0.015),
        ("付费广告", "直通车", "站内", 0.13, 0.10, 0.036, None),
        ("付费广告", "引力魔方", "站内", 0.08, 0.07, 0.026, None),
        ("付费广告", "京准通", "站内", 0.06, 0.09, 0.034, None),
        ("付费广告", "巨量引擎", "站外", 0.06, 0.05, 0.020, None),
        ("直接访问", "收藏与会员", "站内", 0.10, 0.16, 0.060, 0.0),
        ("社交分享", "微信", "站外", 0.085, 0.08, 0.030, 0.035),
        ("社交分享", "微博", "站外", 0.025, 0.05, 0.018, 0.010),
        ("内容种草", "短视频", "站外", None, 0.07, 0.024, 0.150),
        ("内容种草", "图文笔记", "站外", 0.065, 0.08, 0.026, 0.080),
        ("内容种草", "达人直播", "站外", 0.024, 0.09, 0.045, 0.110),
    )
    paid_alloc = {"直通车": 0.40, "引力魔方": 0.25, "京准通": 0.21, "巨量引擎": 0.14}
    spec = {2024: dict(conv=0.031, longtail=0.31, bounce=(0.42, 0.54), paid=0.62, social=0.19,
                       video=0.15, share_rate=0.012, watch=71),
            2025: dict(conv=0.034, longtail=0.35, bounce=(0.40, None), paid=0.58, social=0.23,
                       video=0.19, share_rate=0.036, watch=96)}
    frames = []
    for year, s in spec.items():
        df = pd.DataFrame(subs, columns=["source", "sub_source", "site", "v", "q", "c", "b"])
        offsite_other = df.loc[(df.site == "站外") & df.v.notna(), "v"].sum()
        df.loc[df.sub_source == "短视频", "v"] = s["video"] / (1 - s["video"]) * offsite_other
        df["v"] = df["v"] / df["v"].sum()
        visitors_total = orders_real[year] / s["conv"]
        df["visitors"] = np.rint(df["v"] * visitors_total).astype(np.int64)
        # orders: proportional to visitors x conversion, summing to the real orders
        w = df["visitors"] * df["c"]
        df["orders"] = np.rint(w / w.sum() * orders_real[year]).astype(np.int64)
        # qualified customers: long-tail search = exactly the long-tail share of all
        q = (df["visitors"] * df["q"].fillna(0)).to_numpy(dtype=float, copy=True)
        lt = (df.sub_source == "长尾词").to_numpy()
        q[lt] = s["longtail"] / (1 - s["longtail"]) * q[~lt].sum()
        df["qualified_customers"] = np.rint(q).astype(np.int64)
        # bounces: natural search overall 44% (2025)
        core, long_ = (df.sub_source == "核心词").to_numpy(), lt
        b = np.rint(df["visitors"] * np.select([core, long_], [0.40, 0.50], 0.52)).to_numpy(dtype=float, copy=True)
        if s["bounce"][1] is None:
            b[long_] = np.rint(0.44 * df.loc[core | long_, "visitors"].sum() - b[core].sum())
        else:
            b[core] = np.rint(df.loc[core, "visitors"].to_numpy() * s["bounce"][0])
            b[long_] = np.rint(df.loc[long_, "visitors"].to_numpy() * s["bounce"][1])
        df["bounces"] = b.astype(np.int64)
        # new customers: social sharing exactly its share
        social = (df.source == "社交分享").to_numpy()
        nw = (df["orders"] * np.where(df.source == "直接访问", 0.05, 0.35)).to_numpy(dtype=float, copy=True)
        nw[social] = nw[social] / nw[social].sum() * s["social"] / (1 - s["social"]) * nw[~social].sum()
        df["new_customers"] = np.rint(nw / nw.sum() * new_real[year]).astype(np.int64)
        # promotion budget: paid ads exactly their share
        budget_total = 0.085 * sales[year]
        paid = (df.source == "付费广告").to_numpy()
        bud = np.zeros(len(df))
        nonpaid = df["b"].fillna(0).to_numpy(dtype=float, copy=True)
        bud[~paid] = nonpaid[~paid] / nonpaid[~paid].sum() * (1 - s["paid"]) * budget_total
        bud[paid] = [paid_alloc[x] * s["paid"] * budget_total for x in df.loc[paid, "sub_source"]]
        df["budget"] = np.rint(bud).astype(np.int64)
        df["shares"] = np.where(social, np.rint(df["visitors"] * s["share_rate"]), 0).astype(np.int64)
        df["avg_watch_seconds"] = np.where(df.sub_source == "短视频", s["watch"], np.nan)
        df.insert(0, "year", year)
        frames.append(df.drop(columns=["v", "q", "c", "b"]))
    out = pd.concat(frames, ignore_index=True)
    return out[["year", "source", "sub_source", "site", "visitors", "bounces", "qualified_customers",
                "new_customers", "orders", "budget", "shares", "avg_watch_seconds"]]


def make_operations() -> pd.DataFrame:
    rows = [  # metric, 名称, unit, scope, before (2024), after (2025)
        ("sorting_error_rate", "分拣差错率", "比例", "全公司", 0.021, 0.0042),
        ("daily_orders_processed", "日均处理订单量", "单/日", "全公司", 6500, 9100),
        ("regional_warehouses", "区域仓数量", "个", "全公司", 2, 5),
        ("next_day_delivery_share", "次日达订单占比", "比例", "全公司", 0.52, 0.80),
        ("logistics_cost_per_order", "单均物流成本", "元/单", "全公司", 11.60, 9.86),
        ("return_rate", "退货率", "比例", "全公司", 0.086, 0.066),
        ("inventory_turnover", "库存周转次数", "次/年", "全公司", 3, 5),
        ("stockout_rate", "缺货率", "比例", "全公司", 0.062, 0.035),
        ("parcel_weight", "单件包裹重量", "千克", "全公司", 0.52, 0.416),
        ("packaging_freight_saving", "绿色包装节省运费", "元", "全公司", 0, 536000),
        ("wasted_impression_share", "无效广告曝光占比", "比例", "全公司", 0.35, 0.12),
        ("customer_acquisition_cost", "获客成本", "元/人", "全公司", 86.0, 67.08),
        ("purchase_cost_index", "采购成本指数", "2024=100", "家居生活", 100, 92),
        ("purchase_cost_index", "采购成本指数", "2024=100", "美妆个护", 100, 90),
        ("purchase_cost_index", "采购成本指数", "2024=100", "数码3C", 100, 88),
        ("purchase_cost_index", "采购成本指数", "2024=100", "母婴用品", 100, 91),
        ("power_consumption", "仓储用电量", "千瓦时", "全公司", 2600000, 2132000),
        ("energy_cost", "仓储能耗费用", "元", "全公司", 1666700, 1366700),
        ("peak_outsourced_staff", "大促期外包人员", "人", "全公司", 320, 192),
        ("order_processing_hours", "订单处理时长(下单到发货)", "小时", "全公司", 22.0, 14.0),
        ("improvement_proposals", "改进提案数", "件", "销售部", 12, 21),
        ("improvement_proposals", "改进提案数", "件", "市场部", 9, 17),
        ("improvement_proposals", "改进提案数", "件", "客服部", 15, 26),
        ("improvement_proposals", "改进提案数", "件", "物流部", 18, 31),
        ("industry_sales_growth", "行业平均销售增长率", "比例", "行业", 0.105, 0.092),
    ]
    return pd.DataFrame(rows, columns=["metric", "metric_name", "unit", "scope", "before", "after"])


def make_targets(actual: dict[int, np.ndarray]) -> pd.DataFrame:
    """2025 targets (attainment = actual / target) and 2026 targets by category."""
    attainment = np.array([1.06, 1.12, 0.96, 1.03])
    growth_2026 = np.array([0.20, 0.28, 0.22, 0.18])
    rows = []
    for c, name in enumerate(CATEGORIES):
        t25 = round(actual[2025][c] / attainment[c], -5)
        rows.append((2025, name, f"{name}事业部", int(t25), round(t25 / actual[2024][c] - 1, 4)))
    for c, name in enumerate(CATEGORIES):
        t26 = round(actual[2025][c] * (1 + growth_2026[c]), -5)
        rows.append((2026, name, f"{name}事业部", int(t26), round(t26 / actual[2025][c] - 1, 4)))
    return pd.DataFrame(rows, columns=["year", "category", "department", "sales_target", "growth_target"])


# ----------------------------------------------------------------------------
# Main
# ----------------------------------------------------------------------------
def generate(rows: int = DEFAULT_ROWS, seed: int = SEED,
             amount_scale: int | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the data set, as DataFrames (see README.md for the columns)."""
    scale = nice_scale(rows) if amount_scale is None else int(amount_scale)
    ss = np.random.SeedSequence(seed)
    s_cust, s_orders, s_fix, s_small, s_ids = ss.spawn(5)
    cal = Calendar()
    cust = build_customers(rows, s_cust, cal.h1_share(2024))
    rng = np.random.default_rng(s_orders)
    o = generate_orders(cust, cal, rng)
    calibrate_amounts(o, cust)
    calibrate_margin(o)
    o["amount_real"] = np.round(o["amount"], 2)
    o["cost_real"] = np.round(o["amount_real"] * (1 - o["margin"]), 2)
    fix_members(o, cust, np.random.default_rng(s_fix))

    # ids: customers shuffled, orders numbered in date order
    rid = np.random.default_rng(s_ids)
    n_cust = len(cust["tier"])
    cust["customer_id"] = 100001 + rid.permutation(n_cust)
    gday = o["day"] + np.where(o["year"] == 2025, cal_offset(), 0)
    order = np.argsort(gday + rid.random(len(gday)))   # by day, random within a day
    for key in list(o):
        o[key] = o[key][order]
    o["amount"] = _money(o["amount_real"] * scale, scale)
    o["cost"] = _money(o["cost_real"] * scale, scale)
    names, p_cat, p_price, p_launch, _ = product_tables()
    city_names = [c for group in CITIES for c in group]
    tier = cust["tier"][o["cidx"]]
    orders = pd.DataFrame({
        "order_id": np.arange(1, len(order) + 1, dtype=np.int64) + 10_000_000,
        "date": o["date"],
        "platform": pd.Categorical.from_codes(o["platform"], PLATFORMS),
        "region_tier": pd.Categorical.from_codes(cust["region"][o["cidx"]], REGIONS),
        "city": pd.Categorical.from_codes(cust["city"][o["cidx"]], city_names),
        "category": pd.Categorical.from_codes(o["category"], CATEGORIES),
        "product": pd.Categorical.from_codes(o["product"], names),
        "is_new_product": p_launch[o["product"]] > -10_000,
        "customer_id": cust["customer_id"][o["cidx"]],
        "member_tier": pd.Categorical.from_codes(tier, TIERS),
        "quantity": o["quantity"],
        "amount": o["amount"],
        "cost": o["cost"],
        "promotion": pd.Categorical.from_codes(o["promo"], PROMOTIONS),
    })
    customers = customer_table(o, cust, scale)

    # small tables, tied to the orders where it makes sense (real = scaled money)
    y = o["year"]
    sales = {yr: float(orders["amount"][y == yr].sum()) for yr in YEARS}
    d11 = {yr: float(orders["amount"][(y == yr) & (o["promo"] == P_D11)].sum()) for yr in YEARS}
    orders_real = {yr: float(np.sum(y == yr) * scale) for yr in YEARS}
    new_real = {2025: float(np.sum((customers["orders_2024"] == 0) & (customers["orders_2025"] > 0)) * scale),
                2024: float(np.sum(customers["orders_2024"] > 0) * scale * 0.55)}
    by_cat = {yr: np.bincount(o["category"][y == yr], weights=orders["amount"][y == yr].to_numpy(),
                              minlength=4) for yr in YEARS}
    small = np.random.default_rng(s_small)
    products = pd.DataFrame({
        "product": names,
        "category": [CATEGORIES[c] for c in p_cat],
        "list_price": p_price.astype(np.int64),
        "high_price": p_price >= HIGH_PRICE,
        "is_new_product": p_launch > -10_000,
        "launch_date": [p[3] or "" for p in PRODUCTS],
    })
    info = pd.DataFrame({"key": ["seed", "rows", "amount_scale", "report_year", "high_spend_yuan"],
                         "value": [seed, rows, scale, REPORT_YEAR, HIGH_SPEND_YUAN]})
    tables = {
        "orders": orders,
        "customers": customers,
        "products": products,
        "marketing": make_marketing(d11[2025], d11[2024], sales, small),
        "traffic": make_traffic(orders_real, new_real, sales),
        "survey": make_survey(small),
        "tickets": make_tickets(small),
        "operations": make_operations(),
        "targets": make_targets(by_cat),
        "dataset_info": info,
    }
    _history().add_history(tables, seed, scale, HIGH_SPEND_YUAN)
    return tables


def _history():
    """history.py next to this file (the 2023 rows), also when this file is loaded by path."""
    spec = importlib.util.spec_from_file_location("ecommerce_history", Path(__file__).with_name("history.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_tables(tables: dict[str, pd.DataFrame], out: Path, fmt: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in tables.items():
        if fmt == "parquet":
            path = out / f"{name}.parquet"
            df.to_parquet(path, index=False, compression="zstd", row_group_size=1_000_000)
        else:
            path = out / f"{name}.csv"
            frame = df.copy()
            for col in frame.columns:
                if pd.api.types.is_datetime64_any_dtype(frame[col]):
                    has_time = (frame[col].dt.normalize() != frame[col]).any()
                    frame[col] = frame[col].dt.strftime("%Y-%m-%d %H:%M" if has_time else "%Y-%m-%d")
            frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS,
                        help="order rows of 2024 and 2025 (history.py adds 2023: about 2024's / 1.15)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv")
    parser.add_argument("--amount-scale", default="auto",
                        help="multiply every amount by K ('auto': 3,000,000 / rows, 1-2-5 rounded)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if args.rows < 2000:
        parser.error("--rows must be at least 2000")
    scale = None if args.amount_scale == "auto" else int(args.amount_scale)
    t0 = time.perf_counter()
    tables = generate(args.rows, args.seed, scale)
    paths = write_tables(tables, args.out, args.format)
    if not args.quiet:
        total = sum(p.stat().st_size for p in paths)
        for p in paths:
            print(f"{p.stat().st_size / 1024:9.1f} KB  {p}")
        print(f"{total / 1024 / 1024:9.2f} MB total, {len(tables['orders']):,} orders, "
              f"amount_scale {int(tables['dataset_info'].set_index('key').loc['amount_scale', 'value'])}, "
              f"{time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
