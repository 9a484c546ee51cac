"""Resolving a chart's ``plots:`` and ``reference_lines:`` (the resolve phase, no python-pptx).

``plots`` turn into one :class:`SeriesTable` (a table metric's column per series on
shared categories, or one bar per scalar metric or value) plus a :class:`ChartLayers`
saying each series' type, axis and number format; values are scaled here, per series.
A waterfall's totals are checked against the bars before them. Reference lines are
appended as constant series. Every mistake is located where it was written.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from deckbuilder.errors import DataError, SpecError, allowed_hint
from deckbuilder.render.charts import SeriesTable, series_from_frame
from deckbuilder.render.charts.combo import COMBINABLE, base_type
from deckbuilder.render.charts.kinds import CHART_KINDS
from deckbuilder.render.charts.layers import ChartLayers, SeriesRole
from deckbuilder.render.resolved import ResolvedChart
from deckbuilder.spec.chart_model import ChartPlot
from deckbuilder.spec.model import ChartSpec

if TYPE_CHECKING:
    from deckbuilder.build.resolve import Resolver

#: a waterfall's total may differ from the sum of its bars by this share (rounding in the data)
WATERFALL_TOLERANCE = 1e-6
REFERENCE_KINDS = ("column_clustered", "column_stacked", "combo", "line", "line_markers")


def check_chart_parts(r: Resolver, spec: ChartSpec, path: tuple) -> None:
    """Plot types and axes the chart type can draw; reference lines only where they can go."""
    issues = []
    kind = CHART_KINDS[spec.type]
    for k, plot in enumerate(spec.plots or []):
        at = path + ("plots", k)
        if spec.type not in COMBINABLE:
            if plot.axis == "secondary":
                what = "a pie has no value axis" if kind.name in ("pie", "doughnut") else \
                    f"a {spec.type} chart has one value axis"
                issues.append(r.locator.issue(f"{what}: this plot cannot go on a secondary axis", at + ("axis",),
                                              hint="use type: combo (columns and lines) or type: line"))
            if plot.type is not None:
                issues.append(r.locator.issue(f"a {spec.type} chart draws every plot alike; leave out 'type'",
                                              at + ("type",), hint="use type: combo for columns with lines"))
        elif base_type(kind) == "line" and plot.type == "column":
            issues.append(r.locator.issue(f"a {spec.type} chart draws lines; this plot cannot be columns",
                                          at + ("type",), hint="use type: combo for columns with lines"))
        elif plot.axis == "secondary" and (plot.type or base_type(kind)) == "column":
            issues.append(r.locator.issue("the secondary axis takes lines: columns on two axes hide each other",
                                          at + ("axis",), hint="add type: line to this plot"))
    if spec.type != "waterfall" and any(p.total for p in spec.plots or []):
        k = next(k for k, p in enumerate(spec.plots or []) if p.total)
        issues.append(r.locator.issue("'total' marks a waterfall's bar", path + ("plots", k, "total"),
                                      hint="use type: waterfall"))
    if spec.reference_lines and spec.type not in REFERENCE_KINDS:
        issues.append(r.locator.issue(f"a {spec.type} chart cannot show reference lines", path + ("reference_lines",),
                                      hint="reference lines go on " + ", ".join(REFERENCE_KINDS)))
    if issues:
        raise SpecError(issues=issues)


def resolve_plots(r: Resolver, spec: ChartSpec, path: tuple) -> ResolvedChart:
    """The series of ``plots:``: table metrics as series on shared categories, scalars as bars."""
    assert spec.plots is not None
    parts = [_plot(r, spec, plot, path + ("plots", k)) for k, plot in enumerate(spec.plots)]
    scalars = [k for k, (_, values, _, _) in enumerate(parts) if values is None]
    if scalars and len(scalars) != len(parts):
        k = scalars[0]
        raise SpecError(issues=[r.locator.issue(
            "this plot is a single value but other plots are series; a chart plots one or the other",
            path + ("plots", k), hint="for a constant across the categories, use reference_lines")])
    if scalars:
        return _scalar_chart(r, spec, parts, path)
    categories: list[str] = []
    for table, _, _, _ in parts:
        categories += [c for c in table.categories if c not in categories]
    series, roles = [], []
    for (table, _, (scale, fmt), _), plot in zip(parts, spec.plots):
        (name, values), = table.series
        by_category = dict(zip(table.categories, values))
        series.append((name, [None if (v := by_category.get(c)) is None else v * scale for c in categories]))
        roles.append(SeriesRole(plot.type, plot.axis, fmt))
    secondary = [role.number_format or "General" for role in roles if role.axis == "secondary"]
    layers = ChartLayers(roles, secondary[0] if secondary else "General", spec.y2_title or "")
    first = next((k for k, role in enumerate(roles) if role.axis == "primary"), 0)
    (scale, excel), fmt_name = parts[first][2], parts[first][3]
    return ResolvedChart(spec, SeriesTable(categories, series), 1.0, excel, layers=layers, value_scale=scale,
                         format_name=fmt_name)


def _plot(r: Resolver, spec: ChartSpec, plot: ChartPlot, path: tuple):
    """(one-series table or None, scalar value or None, (scale, Excel format), format name) of one plot."""
    fmt_name, fmt_at = plot.format, path + ("format",)
    if plot.value is not None:
        value = _number(r, plot.value, path + ("value",))
        if not plot.name:
            raise SpecError(issues=[r.locator.issue("a plot of a literal value needs a 'name'", path + ("value",))])
        table, scalar = None, value
    elif plot.metric is None and spec.metric is None and (spec.data is not None or spec.csv is not None):
        table, scalar = _column_of_binding(r, spec, plot, path), None
    else:
        metric = plot.metric or spec.metric
        if metric is None:
            raise SpecError(issues=[r.locator.issue("give the plot a 'metric' or a 'value'", path,
                                                    hint="or the chart a 'metric', 'data' or 'csv' to take it from")])
        metric_at = path + ("metric",) if plot.metric else path[:-2] + ("metric",)
        result = r.metric(metric, metric_at)
        if not fmt_name and result.format:
            fmt_name, fmt_at = result.format, ("metrics", metric, "format")
        if result.kind == "table":
            assert result.table is not None
            column = plot.column or result.series_columns[0]
            binding = spec.model_copy(update={"x": spec.x, "y": column, "series": None, "plots": None})
            if column not in [str(c) for c in result.table.columns]:
                raise DataError(issues=[r.locator.issue(
                    f"no column '{column}' in metric '{metric}'", path + ("column",),
                    hint=allowed_hint(column, [str(c) for c in result.table.columns]))])
            with r.locator.at(path):
                table = series_from_frame(result.table, binding)
            table.series = [(plot.name or (column if plot.column else metric), table.series[0][1])]
            scalar = None
        else:
            table, scalar = None, (math.nan if result.value is None else float(result.value))
        if plot.name is None:
            plot = plot.model_copy(update={"name": metric})
    scale, excel = r.chart_format(fmt_name or spec.number_format, fmt_at if fmt_name else path[:-2] + (
        "number_format",))
    if table is None:
        table = SeriesTable([plot.name or ""], [(plot.name or "", [scalar])])
        return table, None, (scale, excel), fmt_name
    return table, table.series[0][1], (scale, excel), fmt_name


def _column_of_binding(r: Resolver, spec: ChartSpec, plot: ChartPlot, path: tuple) -> SeriesTable:
    """One series of the chart's own ``data:`` or ``csv:`` (its ``column``, default the first values)."""
    chart_at = path[:-2]
    if spec.data is not None:
        import pandas as pd

        data = inline_numbers(r, spec, chart_at).data
        assert data is not None
        frame = pd.DataFrame({"": data.categories, **data.series})
        x = ""
    else:
        frame = r.frame(spec, chart_at)
        x = spec.x or str(frame.columns[0])
    names = [str(c) for c in frame.columns if str(c) != x]
    column = plot.column or names[0]
    if column not in names:
        raise DataError(issues=[r.locator.issue(f"no column '{column}' in the chart's data", path + ("column",),
                                                hint=allowed_hint(column, names))])
    with r.locator.at(path):
        table = series_from_frame(frame, ChartSpec(type="line", csv="-", x=x, y=column))
    table.series = [(plot.name or column, table.series[0][1])]
    return table


def _number(r: Resolver, value: float | str, path: tuple) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    text = r.text(value, path).strip().replace(",", "")
    try:
        number = float(text)
    except ValueError:
        raise SpecError(issues=[r.locator.issue(f"value '{text}' is not a number", path,
                                                hint="write a number, or a template giving one: "
                                                     "'{{ sales_2025 - sales_2024 }}'")]) from None
    if not math.isfinite(number):
        raise SpecError(issues=[r.locator.issue(f"value '{text}' is not a finite number", path)])
    return number


def _scalar_chart(r: Resolver, spec: ChartSpec, parts: list, path: tuple) -> ResolvedChart:
    """One bar per plot (its name the category); a waterfall's totals checked."""
    assert spec.plots is not None
    names = [table.categories[0] for table, _, _, _ in parts]
    scale, excel = parts[0][2]
    values = [table.series[0][1][0] for table, _, _, _ in parts]
    totals = [plot.total for plot in spec.plots]
    if spec.type == "waterfall":
        _check_waterfall(r, spec, values, path)
        totals[0] = True  # the start stands on zero
    series_name = spec.y_title or spec.title or "value"
    table = SeriesTable(names, [(series_name, [None if v is None or math.isnan(v) else v * scale for v in values])])
    if spec.type == "waterfall":
        table.totals = totals
        table.labels = waterfall_labels(r, values, totals, parts[0][3] or spec.number_format, path)
    return ResolvedChart(spec, table, 1.0, excel, value_scale=scale, format_name=parts[0][3])


def _check_waterfall(r: Resolver, spec: ChartSpec, values: list, path: tuple) -> None:
    """The first bar is the start; each total equals the start plus the steps before it."""
    assert spec.plots is not None
    check_waterfall(r, values, [p.total for p in spec.plots],
                    [path + ("plots", k, "metric" if p.metric else "value") for k, p in enumerate(spec.plots)],
                    [f"metric '{p.metric}'" if p.metric else f"'{p.name}'" for p in spec.plots])


def check_waterfall(r: Resolver, values: list, totals: list[bool], paths: list[tuple], names: list[str]) -> None:
    """Every total (but the first bar, the start) equals the bars before it; none falls below zero."""
    running = 0.0
    for k, (value, total, at, what) in enumerate(zip(values, totals, paths, names)):
        if value is None or math.isnan(value):
            raise DataError(issues=[r.locator.issue(f"the waterfall's bar {what} has no value", at)])
        if k == 0 or not total:
            running = value if k == 0 else running + value
        else:
            if not math.isclose(running, value, rel_tol=WATERFALL_TOLERANCE, abs_tol=1e-9):
                raise DataError(issues=[r.locator.issue(
                    f"the waterfall's bars before {what} add up to {running:,.6g}, but {what} is {value:,.6g}",
                    at, hint="a total must equal the start plus every step before it; add the missing step")])
            running = value
        if running < 0:
            raise DataError(issues=[r.locator.issue(
                f"the waterfall falls below zero at {what} ({running:,.6g}); it draws totals of zero or more", at)])


def bound_waterfall(r: Resolver, chart: ResolvedChart, path: tuple) -> ResolvedChart:
    """A waterfall from one series of data: the first bar is the start, the last the end, the rest steps."""
    table = chart.table
    if len(table.series) != 1 or len(table.categories) < 2:
        raise SpecError(issues=[r.locator.issue(
            f"a waterfall draws one series of at least two bars (got {len(table.series)} series of "
            f"{len(table.categories)})", path + ("type",), hint="name one value column with 'y:', or use 'plots:'")])
    name, values = table.series[0]
    totals = [True] + [False] * (len(values) - 2) + [True]
    where = path + (("metric",) if chart.spec.metric else ("data",) if chart.spec.data else ("csv",))
    check_waterfall(r, values, totals, [where] * len(values), [f"'{c}'" for c in table.categories])
    table.totals = totals
    table.labels = waterfall_labels(r, values, totals, chart.spec.number_format, path)
    return chart


def waterfall_labels(r: Resolver, values: list, totals: list[bool], fmt: str | None, path: tuple) -> list[str]:
    """Each bar's label: a total as it is, a step with its sign ("+596.2万", "-12.0万")."""
    fmt = fmt or "num"
    signed = fmt if fmt.startswith("+") else "+" + fmt
    at = path + ("number_format",)
    return [r.format(v, fmt if total else signed, at) for v, total in zip(values, totals)]


def add_reference_lines(r: Resolver, chart: ResolvedChart, spec: ChartSpec, path: tuple) -> ResolvedChart:
    """Each reference line as a constant series (in the chart's units), labelled at its end."""
    if not spec.reference_lines:
        return chart
    table = chart.table
    layers = chart.layers or ChartLayers([SeriesRole() for _ in table.series])
    fmt_name = chart.format_name
    for k, line in enumerate(spec.reference_lines):
        at = path + ("reference_lines", k)
        if line.metric:
            result = r.metric(line.metric, at + ("metric",))
            if result.kind == "table" or result.value is None:
                raise SpecError(issues=[r.locator.issue(
                    f"metric '{line.metric}' is not a single value; a reference line is one", at + ("metric",))])
            value = float(result.value)
            fmt_name = fmt_name or result.format
        else:
            assert line.value is not None
            value = line.value
        label = line.label or r.format(value, fmt_name, at)
        table.series.append((label, [value * chart.value_scale] * len(table.categories)))
        layers.roles.append(SeriesRole("line", "primary", None, reference=True, label=label))
    chart.layers = layers
    return chart


def inline_numbers(r: Resolver, spec: ChartSpec, path: tuple) -> ChartSpec:
    """Inline chart data with its templated values (``"{{ sales_2025 }}"``) rendered into numbers."""
    data = spec.data
    if data is None or not any(isinstance(v, str) for values in data.series.values() for v in values):
        return spec
    series = {name: [_number(r, v, path + ("data", "series", name, k)) if isinstance(v, str) else v
                     for k, v in enumerate(values)] for name, values in data.series.items()}
    return spec.model_copy(update={"data": data.model_copy(update={"series": series})})


def plots_as_points(r: Resolver, chart: ResolvedChart, path: tuple) -> ResolvedChart:
    """A scatter of ``plots:``: the first gives each point's x, the second its y (a bubble's third its
    size); the categories they share name the points."""
    spec, table = chart.spec, chart.table
    need = 3 if spec.type == "bubble" else 2
    if len(table.series) != need:
        raise SpecError(issues=[r.locator.issue(
            f"a {spec.type} takes {need} plots ({'x, y, size' if need == 3 else 'x, y'}), got {len(table.series)}",
            path + ("plots",))])
    roles = chart.layers.roles if chart.layers else []
    chart.table = SeriesTable(table.categories, [table.series[1]], x_values=table.series[0][1],
                              sizes=table.series[2][1] if need == 3 else [],
                              x_format=(roles[0].number_format if roles else None) or "General")
    chart.number_format = (roles[1].number_format if len(roles) > 1 else None) or chart.number_format
    chart.layers = None
    return chart
