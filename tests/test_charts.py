"""Native charts: what a chart slide plots and how its labels read."""

from __future__ import annotations

import textwrap
import zipfile

import pytest

from deckbuilder import build_deck
from deckbuilder.tools.inspect import inspect_deck

SPEC = """\
    deck: {title: 图表}
    data:
      sales: {type: csv, path: sales.csv, parse_dates: [date]}
    metrics:
      platform_yoy: {source: sales, agg: sum, column: amount, by: platform, compare: yoy, date: date, format: pct}
    slides:
      - kind: chart
        title: 各平台同比
        chart: {type: column_clustered, metric: platform_yoy, number_format: pct}
      - kind: chart
        title: 渠道结构
        chart: {type: doughnut, data: {categories: [天猫, 京东, 自营], series: {占比: [0.5, 0.3, 0.2]}}}
    """


@pytest.fixture
def deck(tmp_path):
    (tmp_path / "sales.csv").write_text(
        "date,platform,amount\n2024-03-01,天猫,100\n2025-03-01,天猫,150\n2024-03-01,京东,80\n2025-03-01,京东,60\n",
        encoding="utf-8")
    (tmp_path / "deck.yaml").write_text(textwrap.dedent(SPEC), encoding="utf-8")
    out = tmp_path / "deck.pptx"
    build_deck(tmp_path / "deck.yaml", output=out)
    return out


def charts(path):
    return [shape["chart"] for slide in inspect_deck(path)["slides"] for shape in slide["shapes"] if "chart" in shape]


def test_comparison_metric_plots_its_change_only(deck):
    chart = charts(deck)[0]
    assert [s["name"] for s in chart["series"]] == ["platform_yoy"]
    assert sorted(chart["categories"]) == ["京东", "天猫"]


def test_doughnut_slices_label_their_share_in_a_readable_colour(deck):
    with zipfile.ZipFile(deck) as package:
        xml = package.read("ppt/charts/chart2.xml").decode()
    assert xml.count("<c:dLbl>") == 3
    assert '<c:showPercent val="1"/>' in xml and 'formatCode="0.0%"' in xml
    assert 'val="FFFFFF"' in xml  # white on the dark first slice


def test_a_chart_reads_a_csv_file_beside_the_spec(tmp_path):
    (tmp_path / "q.csv").write_text("季度,销售额\nQ1,10\nQ2,12.5\n", encoding="utf-8")
    (tmp_path / "deck.yaml").write_text(
        "deck: {title: t}\nslides:\n  - {kind: chart, title: 趋势, chart: {type: line, csv: q.csv}}\n",
        encoding="utf-8")
    build_deck(tmp_path / "deck.yaml", output=tmp_path / "deck.pptx")
    chart = charts(tmp_path / "deck.pptx")[0]
    assert chart["categories"] == ["Q1", "Q2"]
    assert chart["series"][0]["name"] == "销售额" and chart["series"][0]["values"] == [10, 12.5]
