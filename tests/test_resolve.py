"""The resolve phase: every text, number and frame computed before python-pptx is touched."""

from __future__ import annotations

from deckbuilder.build.locate import ErrorLocator
from deckbuilder.build.pipeline import metric_engine
from deckbuilder.build.resolve import resolve_deck
from deckbuilder.spec.loader import load_spec

SPEC = {
    "deck": {"title": "Review {{ year }}", "locale": "en_US", "variables": {"year": 2025}},
    "data": {},
    "metrics": {},
    "slides": [
        {"kind": "title"},
        {"kind": "section", "title": "Part {{ year }}"},
        {"kind": "kpi", "title": "KPIs", "cards": [
            {"label": "Growth", "value": 1.5, "format": "times"},
            {"label": "Orders {{ year }}", "value": 1234},
        ]},
        {"kind": "section", "title": "Two"},
        {"kind": "chart", "title": "Trend", "chart": {
            "type": "line", "number_format": "times", "title": "in {{ year }}",
            "data": {"categories": ["Q1", "Q2"], "series": {"ratio": [1.5, 2.0]}}}},
        {"kind": "table", "title": "T", "table": {
            "data": {"columns": ["name", "n"], "rows": [["a", 1500], ["b", None]]},
            "columns": [{"name": "name"}, {"name": "n", "format": "k"}]}},
    ],
}


def resolve(spec=SPEC):
    loaded = load_spec(spec)
    locator = ErrorLocator(loaded)
    with locator.errors():
        return resolve_deck(loaded, metric_engine(loaded), locator)


def test_texts_are_rendered_and_sections_numbered():
    deck = resolve()
    assert deck.deck_fields == {"title": "Review 2025"}
    assert deck.sections == ["Part 2025", "Two"]
    assert [s.section_number for s in deck.slides] == [0, 1, 1, 2, 2, 2]
    assert deck.slides[4].chart.spec.title == "in 2025"


def test_kpi_values_are_formatted_in_the_deck_locale():
    cards = resolve().slides[2].cards
    assert [(c.label, c.value) for c in cards] == [("Growth", "1.5x"), ("Orders 2025", "1,234")]


def test_chart_number_format_uses_the_deck_locale():
    """An en_US deck says 1.5x in its text and on its charts (it used to say 倍 on the chart)."""
    chart = resolve().slides[4].chart
    assert chart.number_format == '#,##0.0"x"'
    zh = resolve({**SPEC, "deck": {**SPEC["deck"], "locale": "zh_CN"}}).slides[4].chart
    assert zh.number_format == '#,##0.0"倍"'


def test_table_cells_are_formatted_texts():
    table = resolve().slides[5].table
    assert table.cells == [["a", "1.5K"], ["b", "—"]]
    assert table.numeric == [False, True]


def test_an_en_us_deck_writes_x_on_the_chart(tmp_path):
    from pptx import Presentation

    from deckbuilder import build_deck

    result = build_deck(SPEC, output=tmp_path / "en.pptx")
    chart = next(s.chart for s in Presentation(str(result.path)).slides[4].shapes if s.has_chart)
    assert chart.plots[0].data_labels.number_format == '#,##0.0"x"'
