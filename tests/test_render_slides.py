"""Render layer, on its own: a renderer given resolved inputs draws the expected shapes.

No spec is loaded and no deck is built: each test hands one renderer a blank
slide and a ResolvedSlide, as the resolve phase would.
"""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from deckbuilder.deck.geometry import Box
from deckbuilder.deck.keep_together import visible_text
from deckbuilder.deck.template import SlidePlaceholders
from deckbuilder.deck.text_style import Fonts
from deckbuilder.render.charts import SeriesTable
from deckbuilder.render.context import SlideContext
from deckbuilder.render.registry import registered_kinds, render_slide, renderer_for
from deckbuilder.render.resolved import ResolvedCard, ResolvedChart, ResolvedSlide, ResolvedTable
from deckbuilder.spec.model import (
    SLIDE_KINDS,
    AgendaSlide,
    ChartSlide,
    ChartSpec,
    KpiSlide,
    PointsSlide,
    TableColumn,
    TableSlide,
    ThemeSpec,
)

THEME = ThemeSpec()
FONTS = Fonts("Noto Sans CJK SC", "Noto Sans CJK SC", "zh-CN")


def context(resolved: ResolvedSlide, **kw) -> SlideContext:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank: no placeholders
    box = Box(0, 0, int(prs.slide_width), int(prs.slide_height))
    return SlideContext(resolved, slide, SlidePlaceholders(slide, {}), box, THEME, FONTS, **kw)


def texts(ctx: SlideContext) -> dict[str, str]:
    """Each shape's text as a reader sees it (word joiners that keep numbers and units together left out)."""
    return {shape.name: visible_text(shape.text_frame.text) for shape in ctx.slide.shapes if shape.has_text_frame}


def test_every_slide_kind_has_a_renderer():
    assert sorted(registered_kinds()) == sorted(SLIDE_KINDS)


def test_a_renderer_for_an_unknown_kind_is_refused():
    from deckbuilder.render.registry import slide_renderer

    with pytest.raises(ValueError, match="no model"):
        slide_renderer("timeline")


def test_kpi_cards_show_resolved_values_and_coloured_deltas():
    model = KpiSlide(kind="kpi", title="核心指标", cards=[{"label": "a", "value": 1}, {"label": "b", "value": 2}])
    cards = [ResolvedCard("销售额", "1.23亿", delta="▲12.3%", delta_sign=1, delta_good=True,
                          delta_label="同比"),
             ResolvedCard("订单", "45.6万", note="全年")]
    ctx = context(ResolvedSlide(model, cards=cards))
    renderer_for("kpi")(ctx)
    shown = texts(ctx)
    assert shown == {"KPI 1": "销售额\n1.23亿\n▲12.3%  同比\n", "KPI 2": "订单\n45.6万\n\n全年"}
    delta_run = ctx.slide.shapes[0].text_frame.paragraphs[2].runs[0]
    assert str(delta_run.font.color.rgb) == THEME.colors.positive


def _bands(shape) -> list[float]:
    """The font size of each paragraph of a card: its bands, top to bottom."""
    return [p._p.get_or_add_endParaRPr().get("sz") for p in shape.text_frame.paragraphs]


def test_kpi_cards_of_a_row_share_baselines_when_only_some_have_a_delta_or_note():
    model = KpiSlide(kind="kpi", title="核心指标", cards=[{"label": "a", "value": 1}] * 3)
    cards = [ResolvedCard("销售额", "1.23亿", delta="▲12.3%", delta_sign=1, delta_good=True, delta_label="同比"),
             ResolvedCard("订单", "45.6万", note="全年"),
             ResolvedCard("客单价", "¥464.7")]
    ctx = context(ResolvedSlide(model, cards=cards))
    renderer_for("kpi")(ctx)
    shapes = list(ctx.slide.shapes)
    assert len({tuple(_bands(s)) for s in shapes}) == 1  # label, value, delta, note in every card
    assert len({(s.top, s.height, s.text_frame.margin_top) for s in shapes}) == 1
    assert {s.text_frame.vertical_anchor for s in shapes} == {MSO_ANCHOR.TOP}


def test_a_long_kpi_label_shrinks_the_labels_of_the_whole_row_to_one_line():
    model = KpiSlide(kind="kpi", title="核心指标", cards=[{"label": "a", "value": 1}] * 4)
    cards = [ResolvedCard("三线及以下市场销售额同比增速", "53.7%"), ResolvedCard("转化率", "3.40%"),
             ResolvedCard("客单价", "¥464.7"), ResolvedCard("订单", "45.6万")]
    ctx = context(ResolvedSlide(model, cards=cards))
    renderer_for("kpi")(ctx)
    label_sizes = {s.text_frame.paragraphs[0].runs[0].font.size.pt for s in ctx.slide.shapes}
    assert len(label_sizes) == 1 and label_sizes.pop() < 16


def test_points_are_numbered_cards():
    model = PointsSlide(kind="points", title="要点", points=[{"heading": "增长", "text": "全年增长"},
                                                          {"heading": "渠道", "figure": "62%", "figure_label": "线上"}])
    ctx = context(ResolvedSlide(model))
    renderer_for("points")(ctx)
    assert texts(ctx) == {"Point 01": "01\n增长\n全年增长", "Point 02": "02\n62%  线上\n渠道"}


def test_agenda_lists_the_sections():
    ctx = context(ResolvedSlide(AgendaSlide(kind="agenda")), sections=["回顾", "展望"])
    renderer_for("agenda")(ctx)
    assert texts(ctx) == {"Agenda item 1": "01    回顾", "Agenda item 2": "02    展望"}


def test_chart_slide_draws_the_resolved_series_and_commentary():
    spec = ChartSpec(type="column_clustered", csv="unused.csv", title="季度")
    model = ChartSlide(kind="chart", title="趋势", chart=spec, commentary="稳步增长")
    chart = ResolvedChart(spec, SeriesTable(["Q1", "Q2"], [("销售额", [1.0, 2.0])]), 1e-4, '#,##0.0"万"')
    ctx = context(ResolvedSlide(model, chart=chart))
    renderer_for("chart")(ctx)
    frame = next(s for s in ctx.slide.shapes if s.has_chart)
    plot = frame.chart.plots[0]
    assert list(plot.categories) == ["Q1", "Q2"]
    assert list(plot.series[0].values) == pytest.approx([1e-4, 2e-4])
    assert plot.data_labels.number_format == '#,##0.0"万"'
    assert texts(ctx)["Commentary"] == "稳步增长"


def test_table_slide_writes_the_resolved_cells():
    model = TableSlide(kind="table", title="排名", table={"csv": "unused.csv"})
    table = ResolvedTable([TableColumn(name="渠道"), TableColumn(name="销售额", header="销售额(万)")],
                          [False, True], [["天猫", "1.2"], ["京东", "0.8"]])
    ctx = context(ResolvedSlide(model, table=table))
    renderer_for("table")(ctx)
    grid = next(s for s in ctx.slide.shapes if s.has_table).table
    rows = [[grid.cell(i, j).text for j in range(2)] for i in range(3)]
    assert rows == [["渠道", "销售额(万)"], ["天猫", "1.2"], ["京东", "0.8"]]
    assert grid.cell(1, 1).text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT  # numbers


def test_every_slide_gets_its_notes():
    model = AgendaSlide(kind="agenda", notes="第一行\n第二行")
    ctx = context(ResolvedSlide(model), sections=["回顾"])
    render_slide(ctx)
    assert ctx.slide.notes_slide.notes_text_frame.text == "第一行\n第二行"
