"""One precision per metric (issue 13): a metric's ``format`` governs every place it is shown
(cards, deltas, text filters, table value columns, chart labels) unless that place states
decimals of its own; and the lint rule ``mixed-precision`` for what slips through."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.util import Inches, Pt

from deckbuilder.build.locate import ErrorLocator
from deckbuilder.build.pipeline import metric_engine
from deckbuilder.build.resolve import resolve_deck
from deckbuilder.spec.loader import load_spec
from deckbuilder.text.formatting import governed_format
from deckbuilder.tools.lint import lint_deck
from deckbuilder.tools.lint.precision import figures


@pytest.mark.parametrize("asked, metric, shown", [
    (None, "pct:0", "pct:0"),  # nothing asked: the metric's format
    ("pct", "pct:0", "pct:0"),  # same unit, no decimals asked: the metric's decimals
    ("delta_pct", "pct:0", "delta_pct:0"),  # a delta of a percentage shows the same precision
    ("delta_pp", "delta_pp:2", "delta_pp:2"),
    ("+pct", "pct:2", "+pct:2"),
    ("pct:1", "pct:0", "pct:1"),  # decimals asked: an override
    ("num", "pct:0", "num"),  # another unit: nothing to share
    ("pct", "pct", "pct"),  # the metric states no decimals: the format's default
    ("pct", None, "pct"),
])
def test_governed_format(asked, metric, shown):
    assert governed_format(asked, metric) == shown


def resolve(tmp_path, slide: dict, metric_format: str = "pct:0"):
    (tmp_path / "s.csv").write_text("team,year,won,total\nA,2024,1,2\nA,2025,13,25\nB,2025,13,25\n",
                                    encoding="utf-8")
    spec = {
        "deck": {"title": "t"},
        "data": {"s": {"type": "csv", "path": "s.csv"}},
        "metrics": {
            "win": {"source": "s", "agg": "sum", "column": "won", "where": "year == 2025",
                    "target": "total_2025", "format": metric_format},
            "total_2025": {"source": "s", "agg": "sum", "column": "total", "where": "year == 2025"},
            "win_by_team": {"source": "s", "agg": "sum", "column": "won", "where": "year == 2025", "by": "team",
                            "share": True, "format": metric_format, "as": "share"},
        },
        "slides": [slide],
    }
    loaded = load_spec(spec, base_dir=tmp_path)
    locator = ErrorLocator(loaded)
    with locator.errors():
        return resolve_deck(loaded, metric_engine(loaded), locator).slides[0]


def test_a_card_and_its_text_show_the_metric_with_the_same_decimals(tmp_path):
    slide = resolve(tmp_path, {"kind": "kpi", "title": "胜率 {{ win | pct }}",
                               "cards": [{"label": "胜率", "metric": "win"}, {"label": "x", "value": 1}]})
    assert slide.cards[0].value == "52%"
    assert slide.model.title == "胜率 52%"


def test_decimals_written_in_the_text_are_an_override(tmp_path):
    slide = resolve(tmp_path, {"kind": "section", "title": "{{ win | pct(1) }} / {{ win | fmt('pct:2') }}"})
    assert slide.model.title == "52.0% / 52.00%"


def test_a_card_delta_shows_the_delta_metric_with_its_decimals(tmp_path):
    slide = resolve(tmp_path, {"kind": "kpi", "title": "t", "cards": [
        {"label": "胜率", "metric": "win", "delta": "win", "delta_label": "x"}, {"label": "x", "value": 1}]})
    assert slide.cards[0].delta == "▲52%"


def test_a_table_value_column_and_chart_labels_follow_the_metric(tmp_path):
    table = resolve(tmp_path, {"kind": "table", "title": "t", "table": {"metric": "win_by_team"}}).table
    assert [row[-1] for row in table.cells] == ["50%", "50%"]
    chart = resolve(tmp_path, {"kind": "chart", "title": "t",
                               "chart": {"type": "bar_clustered", "metric": "win_by_team", "x": "team",
                                         "y": "share"}}).chart
    assert chart.number_format == "0%"
    own = resolve(tmp_path, {"kind": "chart", "title": "t",
                             "chart": {"type": "bar_clustered", "metric": "win_by_team", "x": "team",
                                       "y": "share", "number_format": "pct:1"}}).chart
    assert own.number_format == "0.0%"


# --------------------------------------------------------------------------- lint: mixed-precision


def test_figures_are_read_with_their_unit_and_decimals():
    assert [(w, str(v), d, u) for w, v, d, u in figures("转化率提升 0.30 个百分点，▲0.3pp，¥464.7，52%")] == [
        ("0.30 个百分点", "0.30", 2, "pp"), ("0.3pp", "0.3", 1, "pp"), ("52%", "52", 0, "%")]


def deck_with(tmp_path, *texts: str):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for i, text in enumerate(texts):
        box = slide.shapes.add_textbox(Inches(1), Inches(1 + i), Inches(6), Inches(0.8))
        box.name = f"文本 {i + 1}"
        box.text_frame.text = text
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    path = tmp_path / "deck.pptx"
    prs.save(path)
    return [f for f in lint_deck(path) if f.rule == "mixed-precision"]


def test_one_figure_with_two_precisions_on_a_slide(tmp_path):
    (finding,) = deck_with(tmp_path, "一线占国内 52.0%", "一线与新一线贡献国内 52% 的销售")
    assert finding.shape == "文本 2"
    assert "'52.0%' and '52%'" in finding.message


def test_percentage_points_and_their_chinese_spelling_are_one_unit(tmp_path):
    assert len(deck_with(tmp_path, "转化率 ▲0.3pp", "转化率提升 0.30 个百分点")) == 1


def test_close_values_different_units_and_same_precision_are_fine(tmp_path):
    assert deck_with(tmp_path, "综合评分 4.3 分", "评分 4 分及以上", "52% 与 52 万", "48.0% 与 48.0%") == []
