"""Alternative text for the deck's graphics, in the deck's locale (read aloud by screen readers).

A chart is described by its type, its title and its extremes ("柱形图：各品类销售额，美妆个护最高
1.91亿，个人护理最低 2,100万"; small multiples name their panels and the extremes over all of them:
"分面图：各区域月度销售额，4 个分面：华东、华北、华南、西南，华东·12月最高 ..."); a table by its
title and size ("表格：门店排名，10 行 4 列").
The resolve phase builds these texts (a spec's ``alt:`` replaces them); renderers only write them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

#: Each chart type's name, per locale.
CHART_TYPE_NAMES: dict[str, dict[str, str]] = {
    "zh_CN": {
        "column_clustered": "柱形图", "column_stacked": "堆积柱形图", "column_stacked_100": "百分比堆积柱形图",
        "bar_clustered": "条形图", "bar_stacked": "堆积条形图", "bar_stacked_100": "百分比堆积条形图",
        "line": "折线图", "line_markers": "折线图", "area": "面积图", "area_stacked": "堆积面积图",
        "pie": "饼图", "doughnut": "圆环图", "combo": "组合图", "waterfall": "瀑布图", "slope": "斜率图",
        "scatter": "散点图", "bubble": "气泡图", "histogram": "直方图", "heatmap": "热力图",
        "box": "箱线图", "funnel": "漏斗图", "small_multiples": "分面图",
    },
    "en_US": {
        "column_clustered": "Column chart", "column_stacked": "Stacked column chart",
        "column_stacked_100": "100% stacked column chart", "bar_clustered": "Bar chart",
        "bar_stacked": "Stacked bar chart", "bar_stacked_100": "100% stacked bar chart", "line": "Line chart",
        "line_markers": "Line chart", "area": "Area chart", "area_stacked": "Stacked area chart",
        "pie": "Pie chart", "doughnut": "Doughnut chart", "combo": "Combo chart", "waterfall": "Waterfall chart",
        "slope": "Slope chart", "scatter": "Scatter chart", "bubble": "Bubble chart", "histogram": "Histogram",
        "heatmap": "Heatmap", "box": "Box plot", "funnel": "Funnel chart", "small_multiples": "Small multiples",
    },
}
_WORDS = {
    "zh_CN": {"colon": "：", "comma": "，", "highest": "{name}最高 {value}", "lowest": "{name}最低 {value}",
              "series": "{n} 个系列：{names}", "panels": "{n} 个分面：{names}", "list": "、", "table": "表格",
              "size": "{rows} 行 {columns} 列", "logo": "公司标志", "chart": "图表"},
    "en_US": {"colon": ": ", "comma": "; ", "highest": "highest {name} {value}", "lowest": "lowest {name} {value}",
              "series": "{n} series: {names}", "panels": "{n} panels: {names}", "list": ", ", "table": "Table",
              "size": "{rows} rows, {columns} columns", "logo": "Company logo", "chart": "Chart"},
}


def _words(locale: str) -> dict[str, str]:
    return _WORDS.get(locale, _WORDS["zh_CN"])


def chart_alt_text(chart_type: str, title: str, categories: Sequence[str],
                   series: Sequence[tuple[str, Sequence[float | None]]], format_value: Callable[[float], str],
                   locale: str) -> str:
    """"<type>：<title>，<category>最高 <value>，<category>最低 <value>" from the first series (several
    series are named instead of their extremes' categories being compared across series)."""
    words = _words(locale)
    kind = CHART_TYPE_NAMES.get(locale, CHART_TYPE_NAMES["zh_CN"]).get(chart_type, words["chart"])
    parts = [title] if title else []
    panels = chart_type == "small_multiples"
    if len(series) > 1 or panels:
        parts.append(words["panels" if panels else "series"].format(
            n=len(series), names=words["list"].join(name for name, _ in series)))
    if series:
        cells = (series if chart_type in ("heatmap", "small_multiples") else series[:1])  # extremes of every cell
        def named(category: str, name: str) -> str:  # a cell: its row and column; a panel's point: both
            if chart_type == "heatmap":
                return f"{category}·{name}"
            return f"{name}·{category}" if len(cells) > 1 else str(category)

        points = [(named(str(category), name), value) for name, values in cells
                  for category, value in zip(categories, values) if value is not None and value == value]
        if len(points) >= 2:
            top = max(points, key=lambda p: p[1])
            low = min(points, key=lambda p: p[1])
            extremes = [words["highest"].format(name=top[0], value=format_value(top[1]))]
            if low[1] != top[1]:
                extremes.append(words["lowest"].format(name=low[0], value=format_value(low[1])))
            lead = f"{series[0][0]}{words['colon']}" if len(cells) == 1 < len(series) else ""  # whose extremes
            parts.append(lead + words["comma"].join(extremes))
    return kind + (words["colon"] + words["comma"].join(parts) if parts else "")


def table_alt_text(title: str, rows: int, columns: int, locale: str) -> str:
    """"表格：<title>，N 行 M 列"."""
    words = _words(locale)
    size = words["size"].format(rows=rows, columns=columns)
    return words["table"] + words["colon"] + (title + words["comma"] if title else "") + size


def logo_alt_text(locale: str) -> str:
    """The theme logo's alt text."""
    return _words(locale)["logo"]
