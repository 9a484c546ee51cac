"""The flagship spec builds the 2024 deck with `--param year=2024`.

Every figure below is computed again with plain pandas from the example CSVs (no deckbuilder
code), then compared with the deck's metrics and with the text of the built 2024 deck.
"""

from __future__ import annotations

import pandas as pd
import pytest
from openxml_audit import validate_pptx
from support import ROOT, SPECS

from deckbuilder import build_deck, cli
from deckbuilder.build.pipeline import metric_engine
from deckbuilder.spec.loader import load_spec
from deckbuilder.tools.inspect import inspect_deck

SPEC = SPECS / "ecommerce_year_end.yaml"
DATA = ROOT / "examples" / "ecommerce" / "data"


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def csv():
    """The example tables, read with pandas only."""
    orders = pd.read_csv(DATA / "orders.csv", parse_dates=["date"])
    orders["year"] = orders["date"].dt.year
    names = ("customers", "traffic", "survey", "tickets", "marketing", "operations", "targets", "dataset_info")
    return {"orders": orders, **{n: pd.read_csv(DATA / f"{n}.csv") for n in names}}


@pytest.fixture(scope="module")
def m2024():
    """The spec's metrics for year=2024, by name: value (scalars) or table."""
    engine = metric_engine(load_spec(SPEC, params={"year": 2024}))
    return lambda name: engine.get(name).value if engine.get(name).table is None else engine.get(name).table


@pytest.fixture(scope="module")
def deck_2024(tmp_path_factory):
    out = tmp_path_factory.mktemp("year_end_2024") / "ye_2024.pptx"
    result = build_deck(SPEC, output=out, params={"year": 2024})
    return out, result


@pytest.fixture(scope="module")
def slide_text(deck_2024):
    dump = inspect_deck(deck_2024[0])

    def text(index: int) -> str:
        slide = dump["slides"][index - 1]
        return " ".join((s.get("text") or "") for s in slide["shapes"]).replace("\u2060", "") + " " + slide["notes"]
    return text


def _sales(csv, year: int) -> float:
    o = csv["orders"]
    return float(o.loc[o.year == year, "amount"].sum())


# --------------------------------------------------------------------------- figures
def test_sales_and_growth_are_2024_against_2023(csv, m2024):
    assert m2024("sales_cur") == pytest.approx(_sales(csv, 2024))
    assert m2024("sales_prev") == pytest.approx(_sales(csv, 2023))
    assert m2024("sales_yoy") == pytest.approx(_sales(csv, 2024) / _sales(csv, 2023) - 1)
    assert _sales(csv, 2023) > 0 and m2024("sales_cur") != pytest.approx(_sales(csv, 2025))


def test_order_count_and_aov_of_2024(csv, m2024):
    o = csv["orders"]
    scale = csv["dataset_info"].set_index("key").loc["amount_scale", "value"]
    n24, n23 = (o.year == 2024).sum(), (o.year == 2023).sum()
    assert m2024("orders_real") == pytest.approx(n24 * scale)
    assert m2024("orders_yoy") == pytest.approx(n24 / n23 - 1)
    assert m2024("aov") == pytest.approx(o.loc[o.year == 2024, "amount"].mean() / scale)


def test_conversion_and_nps_of_2024(csv, m2024):
    t = csv["traffic"].groupby("year")[["orders", "visitors"]].sum()
    conv = t["orders"] / t["visitors"]
    assert m2024("conversion_cur") == pytest.approx(conv[2024])
    assert m2024("conversion_change") == pytest.approx(conv[2024] - conv[2023])
    s = csv["survey"]
    nps = {y: 100 * ((g.recommend_score >= 9).mean() - (g.recommend_score <= 6).mean()) for y, g in s.groupby("year")}
    assert m2024("nps_cur") == pytest.approx(nps[2024]) and m2024("nps_prev") == pytest.approx(nps[2023])


def test_repurchase_and_retention_of_2024_customers(csv, m2024):
    c = csv["customers"]
    assert m2024("repurchase_cur") == pytest.approx((c.orders_2024 >= 2).sum() / (c.orders_2024 >= 1).sum())
    retained = ((c.orders_2023 >= 1) & (c.orders_2024 >= 1)).sum() / (c.orders_2023 >= 1).sum()
    assert m2024("retention") == pytest.approx(retained)
    hs = c[c.high_spender_2024]
    assert m2024("high_spenders") == len(hs) > 0
    assert m2024("high_spender_member_share") == pytest.approx((hs.member_tier != "非会员").mean())


def test_double11_roi_of_2024(csv, m2024):
    m = csv["marketing"]
    d11 = m[(m.campaign == "双11")].groupby("year")[["attributed_revenue", "spend"]].sum()
    roi = d11["attributed_revenue"] / d11["spend"]
    assert m2024("d11_roi_cur") == pytest.approx(roi[2024]) and m2024("d11_roi_prev") == pytest.approx(roi[2023])


def test_operations_follow_the_year(csv, m2024):
    ops = csv["operations"].set_index(["metric", "year"])["value"]
    assert m2024("turnover_cur") == ops[("inventory_turnover", 2024)]
    assert m2024("turnover_prev") == ops[("inventory_turnover", 2023)]
    assert m2024("industry_growth_cur") == pytest.approx(ops[("industry_sales_growth", 2024)])


def test_targets_attainment_of_2024_and_the_2025_target(csv, m2024):
    tg = csv["targets"].groupby("year")["sales_target"].sum()
    assert m2024("sales_attainment") == pytest.approx(_sales(csv, 2024) / tg[2024])
    assert m2024("target_next") == tg[2025]
    assert m2024("growth_target_next") == pytest.approx(tg[2025] / _sales(csv, 2024) - 1)


def test_new_products_are_the_2024_launches(csv, m2024):
    products = pd.read_csv(DATA / "products.csv", parse_dates=["launch_date"])
    launched = set(products.loc[products.launch_date.dt.year == 2024, "product"])
    assert len(launched) == m2024("new_product_count") >= 1
    assert set(m2024("new_products_sales")["product"]) == launched


# --------------------------------------------------------------------------- the deck
def test_2024_deck_builds_clean(deck_2024):
    path, result = deck_2024
    assert result.warnings == []
    assert [str(e) for e in getattr(validate_pptx(str(path)), "errors", [])] == []


def test_2024_deck_text_names_2024_and_its_figures(csv, slide_text):
    assert "2024 年度复盘与 2025 年规划" in slide_text(1)
    assert f"{_sales(csv, 2024) / 1e8:.2f}亿" in slide_text(4)
    assert f"上年 {_sales(csv, 2023) / 1e8:.2f}亿" in slide_text(4)
    assert "2024 年各月销售额" in slide_text(5)
    assert "2025 年销售目标" in slide_text(26) and "2026" not in slide_text(26)
    assert "2025-01-09" in slide_text(27)


def test_a_year_without_a_year_before_is_refused(tmp_path, capsys):
    code = cli.main(["build", str(SPEC), "--param", "year=2023", "-o", str(tmp_path / "x.pptx")])
    err = capsys.readouterr().err
    assert code == 2 and "--param year=2023" in err and "Traceback" not in err
