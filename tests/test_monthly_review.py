"""specs/monthly_review.yaml: one spec for every month, year to date against the same days last year.

Figures are computed here independently with plain pandas from the example CSV.
"""

from __future__ import annotations

import pandas as pd
import pytest
from openxml_audit import validate_pptx
from support import ROOT, SPECS

from deckbuilder.build import build_deck, check_spec
from deckbuilder.deck.keep_together import visible_text

SPEC = SPECS / "monthly_review.yaml"
ORDERS = pd.read_csv(ROOT / "examples" / "ecommerce" / "data" / "orders.csv", parse_dates=["date"])


def between(start: str, end: str) -> pd.DataFrame:
    return ORDERS[(ORDERS.date >= start) & (ORDERS.date <= end)]


def values(**params) -> dict:
    return {row["name"]: row["raw"] for row in check_spec(SPEC, slides=False, params=params).metrics}


@pytest.mark.parametrize(("as_of", "start", "ly_start", "ly_end"), [
    ("2025-06-30", "2025-01-01", "2024-01-01", "2024-06-30"),
    ("2025-11-30", "2025-01-01", "2024-01-01", "2024-11-30"),
])
def test_ytd_against_the_same_days_last_year(as_of, start, ly_start, ly_end):
    got = values(as_of=as_of)
    ytd, ly = between(start, as_of), between(ly_start, ly_end)
    assert got["sales_ytd"] == pytest.approx(ytd.amount.sum())
    assert got["sales_ly"] == pytest.approx(ly.amount.sum())
    assert got["orders_ytd"] == len(ytd) and got["orders_ly"] == len(ly)
    assert got["buyers_ytd"] == ytd.customer_id.nunique()
    assert got["sales_yoy"] == pytest.approx(ytd.amount.sum() / ly.amount.sum() - 1)


def test_the_month_against_the_same_month_last_year():
    got = values(as_of="2025-11-30")
    assert got["sales_month"] == pytest.approx(between("2025-11-01", "2025-11-30").amount.sum())
    assert got["sales_month_ly"] == pytest.approx(between("2024-11-01", "2024-11-30").amount.sum())


def test_category_table_is_aligned():
    report = check_spec(SPEC, slides=False, params={"as_of": "2025-03-31"}, show=["category_yoy"])
    table = report.tables["category_yoy"].set_index("category")
    ytd, ly = between("2025-01-01", "2025-03-31"), between("2024-01-01", "2024-03-31")
    for category, current in ytd.groupby("category").amount.sum().items():
        assert table.loc[category, "current"] == pytest.approx(current)
        assert table.loc[category, "previous"] == pytest.approx(ly[ly.category == category].amount.sum())


def test_builds_with_labels_of_the_period(tmp_path):
    from pptx import Presentation

    result = build_deck(SPEC, params={"as_of": "2025-11-30"}, output=tmp_path / "review_{as_of}.pptx")
    assert result.path.name == "review_2025-11-30.pptx" and result.slides == 7 and result.warnings == []
    shapes = Presentation(result.path).slides[0].shapes
    cover = " ".join(visible_text(s.text_frame.text) for s in shapes if s.has_text_frame)
    assert "2025 年 1-11 月经营回顾" in cover and "对比 2024 年 1-11 月" in cover
    assert [str(e) for e in getattr(validate_pptx(str(result.path)), "errors", [])] == []


def test_as_of_outside_the_allowed_range_is_refused(capsys):
    from deckbuilder import cli

    assert cli.main(["validate", str(SPEC), "--param", "as_of=2027-01-31"]) == 2
    assert "2027-01-31 is above the maximum 2025-12-31" in capsys.readouterr().err
