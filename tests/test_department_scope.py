"""Department data scope: whose figures a department deck shows, and the marks on company-wide ones.

A department's ``filters`` slice every ``scope: department`` source (the default); a source
without the filter column is an error unless it is declared ``scope: company`` (figures
marked 全公司口径 on department decks) or ``scope: reference`` (parameters: never marked).
"""

from __future__ import annotations

import textwrap

import pytest

from deckbuilder import build_deck, cli
from deckbuilder.errors import DataError
from deckbuilder.metrics.engine import MetricEngine
from deckbuilder.tools.inspect import inspect_deck

ORDERS = "category,amount\n美妆,100\n美妆,300\n家电,600\n"
TRAFFIC = "visitors,orders\n1000,40\n"
PARAMS = "key,value\nscale,2\n"

SPEC = """\
    deck: {{title: 年度总结, locale: {locale}}}
    data:
      orders: {{type: csv, path: orders.csv}}
      traffic: {{type: csv, path: traffic.csv{traffic_scope}}}
      params: {{type: csv, path: params.csv, scope: reference}}
    metrics:
      sales: {{source: orders, agg: sum, column: amount, format: num}}
      visitors: {{source: traffic, agg: sum, column: visitors, format: num}}
      conversion: {{source: traffic, agg: sum, column: orders, target: visitors, format: pct}}
      scale: {{source: params, agg: sum, column: value}}
      scaled_sales: {{formula: sales / scale, format: num}}
      company_sales: {{source: orders, agg: sum, column: amount, format: num, scope: company}}
      sales_per_visitor: {{formula: sales / visitors, format: num}}
      by_category: {{source: orders, agg: sum, column: amount, by: category}}
    slides:
{slides}
    departments:
      - {{name: 美妆, filters: {{{filter}: 美妆}}}}
    """
KPI = """\
      - kind: kpi
        title: 指标
        cards:
          - {label: 销售额, metric: sales}
          - {label: 转化率, metric: conversion}
          - {label: 人均销售, metric: sales_per_visitor}
          - {label: 折算销售, metric: scaled_sales}
"""


def write_spec(tmp_path, *, slides: str = KPI, traffic_scope: str = ", scope: company", filter: str = "category",
               locale: str = "zh_CN"):
    for name, text in (("orders.csv", ORDERS), ("traffic.csv", TRAFFIC), ("params.csv", PARAMS)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "deck.yaml"
    path.write_text(textwrap.dedent(SPEC).format(slides=slides, traffic_scope=traffic_scope, filter=filter,
                                                 locale=locale), encoding="utf-8")
    return path


def filters_at(spec) -> str:
    """``deck.yaml:LINE:`` of the department's filters."""
    lines = spec.read_text(encoding="utf-8").splitlines()
    return f"deck.yaml:{next(n for n, line in enumerate(lines, 1) if 'filters:' in line)}:"


def slide_texts(path, index: int) -> dict[str, str]:
    """Shape name -> text of one slide of a built deck."""
    return {s["name"]: s.get("text", "") for s in inspect_deck(path)["slides"][index]["shapes"]}


def build(spec, tmp_path, department: str | None = "美妆"):
    out = tmp_path / "out.pptx"
    build_deck(spec, output=out, department=department)
    return out


# --------------------------------------------------------------------------- errors


def test_filter_column_missing_from_a_department_source_is_a_located_error(tmp_path, capsys):
    spec = write_spec(tmp_path, traffic_scope="")
    code = cli.main(["build", str(spec), "--department", "美妆", "-o", str(tmp_path / "out.pptx")])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert filters_at(spec) in err and "departments[0].filters.category" in err
    assert "not in source 'traffic'" in err and "metric 'conversion'" in err and "scope: company" in err
    assert not (tmp_path / "out.pptx").exists()


def test_misspelled_filter_column_suggests_the_column(tmp_path, capsys):
    spec = write_spec(tmp_path, filter="categroy")
    code = cli.main(["build", str(spec), "--department", "美妆", "-o", str(tmp_path / "out.pptx")])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert filters_at(spec) in err and "departments[0].filters.categroy" in err
    assert "filter column 'categroy' is in none of the sources" in err and "did you mean 'category'?" in err


def test_filter_column_of_no_source_used_by_the_deck_is_an_error(tmp_path):
    # only company-wide figures on the deck: the filter would silently do nothing
    slides = "      - {kind: kpi, title: 指标, cards: [{label: a, metric: visitors}, {label: b, metric: conversion}]}\n"
    spec = write_spec(tmp_path, slides=slides)
    with pytest.raises(DataError) as info:
        build(spec, tmp_path)
    assert info.value.issues[0].path == "departments[0].filters.category"


def test_a_source_the_department_replaces_needs_no_filter_column(tmp_path):
    spec = write_spec(tmp_path, traffic_scope="")
    (tmp_path / "beauty_traffic.csv").write_text("visitors,orders\n500,30\n", encoding="utf-8")
    own = "data: {traffic: {type: csv, path: beauty_traffic.csv}}"
    text = spec.read_text(encoding="utf-8")
    text = text.replace("filters: {category: 美妆}}", f"filters: {{category: 美妆}}, {own}}}")
    spec.write_text(text, encoding="utf-8")
    texts = slide_texts(build(spec, tmp_path), 0)
    assert "6.0%" in texts["KPI 2"] and "口径" not in texts["KPI 2"]  # the department's own traffic, unmarked


# --------------------------------------------------------------------------- the engine's scopes


def engine(tmp_path, **kwargs) -> MetricEngine:
    from deckbuilder.spec.loader import load_spec

    loaded = load_spec(write_spec(tmp_path))
    return MetricEngine(loaded.model.data, loaded.model.metrics, base_dir=tmp_path, **kwargs)


def test_scopes_follow_sources_and_formulas(tmp_path):
    scopes = {name: engine(tmp_path).scope(name) for name in
              ("sales", "visitors", "conversion", "scale", "scaled_sales", "company_sales", "sales_per_visitor")}
    assert scopes == {"sales": "department", "visitors": "company", "conversion": "company", "scale": "reference",
                      "scaled_sales": "department", "company_sales": "company", "sales_per_visitor": "mixed"}


def test_company_and_reference_metrics_read_every_row(tmp_path):
    sliced = engine(tmp_path, filters={"category": ["美妆"]})
    assert sliced.get("sales").value == 400  # the department's rows
    assert sliced.get("company_sales").value == 1000  # scope: company on the metric: all rows
    assert sliced.get("conversion").value == pytest.approx(0.04)  # scope: company source, no category column


# --------------------------------------------------------------------------- marks


def test_kpi_cards_of_company_figures_are_marked(tmp_path):
    texts = slide_texts(build(write_spec(tmp_path), tmp_path), 0)
    assert "全公司口径" not in texts["KPI 1"]  # sales: the department's
    assert texts["KPI 2"].endswith("\n全公司口径")  # conversion: company-wide traffic
    assert texts["KPI 3"].endswith("\n含全公司口径数据")  # department sales over company visitors
    assert "口径" not in texts["KPI 4"]  # department sales over a reference parameter


def test_a_card_whose_templated_value_or_note_states_a_company_figure_is_marked(tmp_path):
    slides = """\
      - kind: kpi
        title: 指标
        cards:
          - {label: 转化率, value: "{{ conversion }}"}
          - {label: 销售额, metric: sales, note: "转化率 {{ conversion }}"}
          - {label: 折算, metric: scaled_sales, note: "销售额 {{ sales }}"}
"""
    texts = slide_texts(build(write_spec(tmp_path, slides=slides), tmp_path), 0)
    assert texts["KPI 1"].endswith("\n全公司口径") and texts["KPI 2"].endswith("\n含全公司口径数据")
    assert "口径" not in texts["KPI 3"]


def test_the_company_deck_has_no_marks(tmp_path):
    texts = slide_texts(build(write_spec(tmp_path), tmp_path, department=None), 0)
    assert not any("口径" in t for t in texts.values())


def test_english_decks_are_marked_in_english(tmp_path):
    texts = slide_texts(build(write_spec(tmp_path, locale="en_US"), tmp_path), 0)
    assert texts["KPI 2"].endswith("\ncompany-wide") and texts["KPI 3"].endswith("\nincl. company-wide data")


def test_a_chart_of_company_figures_gets_a_note_under_it(tmp_path):
    slides = """\
      - kind: chart
        title: 转化
        chart: {type: column_clustered, metric: company_by_category}
        commentary: "本部门销售额 {{ sales }}"
"""
    spec = write_spec(tmp_path, slides=slides)
    spec.write_text(spec.read_text(encoding="utf-8").replace(
        "    slides:", "      company_by_category: {source: orders, agg: sum, column: amount, by: category,"
                      " scope: company}\n    slides:"), encoding="utf-8")
    out = build(spec, tmp_path)
    assert slide_texts(out, 0)["Scope note"] == "注：图表为全公司口径，未按部门拆分"
    shapes = inspect_deck(out)["slides"][0]["shapes"]
    chart = next(s["position"] for s in shapes if s["kind"] == "chart")
    note = next(s["position"] for s in shapes if s["name"] == "Scope note")
    assert chart["top"] + chart["height"] <= note["top"]  # under the chart, not over it


def test_a_table_of_department_figures_has_no_note_and_one_of_company_figures_has(tmp_path):
    slides = """\
      - {kind: table, title: 分品类, table: {metric: by_category}}
      - kind: table
        title: 全公司分品类
        table: {metric: company_by_category}
"""
    spec = write_spec(tmp_path, slides=slides)
    spec.write_text(spec.read_text(encoding="utf-8").replace(
        "    slides:", "      company_by_category: {source: orders, agg: sum, column: amount, by: category,"
                      " scope: company}\n    slides:"), encoding="utf-8")
    out = build(spec, tmp_path)
    assert "Scope note" not in slide_texts(out, 0)
    assert slide_texts(out, 1)["Scope note"] == "注：图表为全公司口径，未按部门拆分"


def test_commentary_stating_a_company_figure_is_marked(tmp_path):
    slides = """\
      - kind: kpi
        title: 指标
        cards: [{label: 销售额, metric: sales}, {label: 折算, metric: scaled_sales}]
        commentary:
          - "销售额 {{ sales }}"
          - "转化率 {{ conversion }}"
          - "{% if department.name %}本部门销售额 {{ sales }}{% else %}转化率 {{ conversion }}{% endif %}"
          - "全公司转化率 {{ conversion }}"
"""
    texts = slide_texts(build(write_spec(tmp_path, slides=slides), tmp_path), 0)
    assert texts["Commentary"].split("\n") == [
        "销售额 400", "转化率 4.0%（全公司口径）", "本部门销售额 400", "全公司转化率 4.0%"]


def test_one_note_speaks_for_a_slide_whose_text_has_the_charts_scope(tmp_path):
    slides = """\
      - kind: chart_text
        title: 转化
        chart: {type: column_clustered, metric: company_by_category}
        commentary: ["全公司销售额 {{ company_sales }}", "其中转化率 {{ conversion }}"]
      - {kind: kpi, title: 本部门, cards: [{label: 销售额, metric: sales}, {label: 折算, metric: scaled_sales}]}
"""
    spec = write_spec(tmp_path, slides=slides)
    spec.write_text(spec.read_text(encoding="utf-8").replace(
        "    slides:", "      company_by_category: {source: orders, agg: sum, column: amount, by: category,"
                      " scope: company}\n    slides:"), encoding="utf-8")
    texts = slide_texts(build(spec, tmp_path), 0)
    assert texts["Scope note"] == "注：本页为全公司口径数据，未按部门拆分"
    assert "（全公司口径）" not in "".join(texts.values())


def test_a_points_figure_is_marked_in_its_label(tmp_path):
    slides = """\
      - kind: points
        title: 要点
        points:
          - {heading: 转化, text: "转化率 {{ conversion }}", figure: "{{ conversion }}", figure_label: 转化率}
          - {heading: 销售, text: "销售额 {{ sales }}", figure: "{{ sales }}", figure_label: 销售额}
"""
    shapes = slide_texts(build(write_spec(tmp_path, slides=slides), tmp_path), 0)
    points = [t for name, t in shapes.items() if name.startswith("Point")]
    assert "4.0%  转化率（全公司口径）" in points[0]  # the figure's label carries the mark ...
    assert points[0].endswith("转化率 4.0%")  # ... for the text beside it too
    assert "口径" not in points[1]
