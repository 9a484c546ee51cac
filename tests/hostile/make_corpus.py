"""Generate tests/hostile/corpus/: malformed and odd specs for the hostile-input contract (issue 14).

Run once from the repository root (``python tests/hostile/make_corpus.py``); the output is
committed, so the test suite reads plain files and a reviewer can open any case.
Each spec's first line is ``# expect: ok`` or ``# expect: error [LOCATION]``. Without LOCATION
the message must locate the error in a YAML file (``spec.yaml:LINE[:COL]``); ``file`` also accepts
the path of a data file or template (an error about a file's content); any other LOCATION is a
substring the message must contain. An optional second line ``# args: ...`` gives extra
``deckbuilder build`` arguments (``--all-departments``: ``-o`` is then a folder).
Files in ``corpus/data/`` are the small data files the specs refer to.

The contract every case is held to (tests/test_hostile_corpus.py): exit 0 and a valid deck,
or exit 2 with a located message; never exit 1, a traceback, a hang or unbounded memory.
"""

from __future__ import annotations

import copy
import math
import shutil
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
DATA = CORPUS / "data"

SALES_CSV = """date,region,channel,sales,orders
2024-01-01,East,Online,100.5,10
2024-02-01,East,Store,80.25,8
2024-03-01,West,Online,60,6
2025-01-01,East,Online,120.5,12
2025-02-01,East,Store,90,9
2025-03-01,West,Online,70.75,7
2025-04-01,West,Store,50,5
"""

BASE: dict = {
    "deck": {"title": "Hostile corpus", "subtitle": "base spec", "presenter": "QA",
             "date": "2026-01-01", "theme": "default"},
    "data": {"sales": {"type": "csv", "path": "data/sales.csv", "parse_dates": ["date"],
                       "columns": {"region": "str", "channel": "str", "sales": "float", "orders": "int"}}},
    "metrics": {
        "total": {"source": "sales", "agg": "sum", "column": "sales", "format": "num:1"},
        "orders": {"source": "sales", "agg": "sum", "column": "orders", "format": "num"},
        "aov": {"formula": "total / orders", "format": "num:2"},
        "by_region": {"source": "sales", "agg": "sum", "column": "sales", "by": "region", "as": "Sales"},
        "monthly": {"source": "sales", "agg": "sum", "column": "sales", "grain": "month", "date": "date",
                    "period_format": "{year}-{month}"},
        "pivot": {"source": "sales", "agg": "sum", "column": "sales", "by": ["region", "channel"], "pivot": True},
    },
    "slides": [
        {"kind": "title"},
        {"kind": "agenda"},
        {"kind": "section", "title": "Part one"},
        {"kind": "kpi", "title": "KPIs", "cards": [{"label": "Sales", "metric": "total"},
                                                 {"label": "Orders", "metric": "orders"}],
         "commentary": "Sales {{ total | num }}"},
        {"kind": "chart", "title": "By region", "chart": {"type": "column_clustered", "metric": "by_region"}},
        {"kind": "chart_text", "title": "Monthly", "chart": {"type": "line", "metric": "monthly"},
         "commentary": ["one", "two"]},
        {"kind": "table", "title": "Table", "table": {"metric": "pivot"}},
        {"kind": "points", "title": "Points", "points": [{"heading": "A", "text": "a"},
                                                       {"heading": "B", "text": "b"}]},
        {"kind": "closing"},
    ],
}
# indexes of BASE["slides"]
S_TITLE, S_AGENDA, S_SECTION, S_KPI, S_CHART, S_CHART_TEXT, S_TABLE, S_POINTS, S_CLOSING = range(9)

CASES: dict[str, tuple[str, str]] = {}  # name -> (expect line, yaml text)
#: extra command-line arguments of a case, written as a second comment line "# args: ..."
ARGS: dict[str, str] = {}
ALL_DEPARTMENTS = "--all-departments"


def dump(spec: dict) -> str:
    return yaml.safe_dump(spec, allow_unicode=True, sort_keys=False, width=10_000)


def add(name: str, text: str, expect: str = "error") -> None:
    assert name not in CASES, name
    CASES[name] = (expect, text)


def mutate(name: str, fn, expect: str = "error") -> None:
    spec = copy.deepcopy(BASE)
    fn(spec)
    add(name, dump(spec), expect)


def setp(path: str, value, expect: str = "error", name: str | None = None) -> None:
    """A case that sets (or, with value DELETE, removes) one dotted path of BASE."""
    def fn(spec):
        *parents, last = path.split(".")
        node = spec
        for p in parents:
            node = node[int(p)] if isinstance(node, list) else node[p]
        key = int(last) if isinstance(node, list) else last
        if value is DELETE:
            del node[key]
        else:
            node[key] = value
    mutate(name or f"set_{path.replace('.', '_')}_{_slug(value)}", fn, expect)


DELETE = object()


def _slug(value) -> str:
    if value is DELETE:
        return "deleted"
    text = f"{type(value).__name__}{len(value)}" if isinstance(value, (dict, list)) else str(value)
    return "".join(c if c.isalnum() else "_" for c in text)[:20] or "empty"


def cases() -> None:
    base = dump(BASE)
    add("ok_base", base, "ok")
    add("merge_key_unknown_top_level", """deck: &d
  title: Merge keys
  theme: default
base_card: &card {label: Sales, metric: total}
slides:
  - kind: title
""", "error")  # unknown top-level key: must be an error, located
    _merge_cases()
    _yaml_syntax()
    _types()
    _unknown_keys()
    _missing()
    _references()
    _formats_and_charts()
    _text_cases()
    _numbers()
    _paths_and_templates()
    _departments()
    _misc()


def _merge_cases() -> None:
    anchored = "x-defaults: &defaults\n  presenter: Merged\n  theme: default\ndeck:\n  <<: *defaults\n"
    spec = dump(BASE).replace("deck:\n", anchored, 1)
    add("merge_key_unknown_anchor_holder", spec, "error")  # x-defaults is an unknown top-level key
    text = dump(BASE).replace(
        "- kind: kpi\n", "- &kpi_slide\n  kind: kpi\n", 1)
    text = text.replace("- kind: closing", "- <<: *kpi_slide\n  title: KPIs again\n- kind: closing")
    add("ok_merge_key_slide", text, "ok")
    text = dump(BASE).replace("  total: {", "  total: &mt {", 1)
    text = dump(BASE).replace(
        "  total:\n", "  total: &total_metric\n", 1)
    text = text.replace("  aov:\n", "  total2:\n    <<: *total_metric\n    format: num:2\n  aov:\n", 1)
    add("ok_merge_key_metric_override", text, "ok")
    text = dump(BASE).replace("  title: Hostile corpus\n",
                              "  title: Hostile corpus\n  <<: {presenter: Merged, footer: F}\n", 1)
    add("ok_merge_key_inline_mapping", text, "ok")
    text = dump(BASE).replace("  title: Hostile corpus\n",
                              "  title: Hostile corpus\n  <<: [{presenter: A}, {footer: F}]\n", 1)
    add("ok_merge_key_list", text, "ok")
    text = dump(BASE).replace("  title: Hostile corpus\n", "  title: Hostile corpus\n  <<: 5\n", 1)
    add("merge_key_scalar", text)
    text = dump(BASE).replace("  title: Hostile corpus\n", "  title: Hostile corpus\n  <<: {titel: typo}\n", 1)
    add("merge_key_brings_unknown_key", text)


def _yaml_syntax() -> None:
    base = dump(BASE)
    add("yaml_tab_indent", base.replace("  title: Hostile corpus", "\ttitle: Hostile corpus", 1))
    add("yaml_unclosed_flow", base.replace("parse_dates:\n    - date", "parse_dates: [date", 1))
    add("yaml_unclosed_quote", base.replace("title: Hostile corpus", 'title: "Hostile corpus', 1))
    add("yaml_bad_indent", base.replace("  subtitle: base spec", "     subtitle: base spec", 1))
    add("yaml_colon_in_value", base.replace("title: Hostile corpus", "title: a: b: c", 1))
    add("yaml_empty_file", "")
    add("yaml_only_comment", "# nothing here\n")
    add("yaml_top_level_list", "- deck\n- slides\n")
    add("yaml_top_level_scalar", "just a string\n")
    add("yaml_top_level_int", "42\n")
    add("yaml_null_document", "null\n")
    add("yaml_multi_document", base + "---\n" + base)
    add("yaml_undefined_alias", base.replace("theme: default", "theme: *nothere", 1))
    add("yaml_python_tag", base.replace("theme: default", "theme: !!python/object/apply:os.system ['echo hi']", 1))
    add("yaml_custom_tag", base.replace("theme: default", "theme: !custom default", 1))
    add("yaml_binary_tag", base.replace("theme: default", "theme: !!binary aGVsbG8=", 1))
    add("yaml_set_tag", base.replace("theme: default", "theme: !!set {a, b}", 1))
    add("yaml_duplicate_top_key", base + "deck:\n  title: Again\n")
    add("yaml_duplicate_nested_key",
        base.replace("  subtitle: base spec\n", "  subtitle: base spec\n  subtitle: twice\n", 1))
    add("yaml_duplicate_metric", base.replace("  aov:\n", "  total:\n    formula: orders\n  aov:\n", 1))
    add("yaml_self_alias", "deck: &d {title: x, self: *d}\nslides: [{kind: title}]\n")
    add("yaml_billion_laughs", _laughs("deck:\n  title: lol\n  variables:\n    bomb: *l9\n"))
    add("yaml_billion_laughs_top", _laughs("deck: {title: lol}\nslides: *l9\n"))
    add("yaml_deep_nesting_flow",
        "deck: {title: deep, variables: {x: " + "[" * 5000 + "]" * 5000 + "}}\nslides: [{kind: title}]\n")
    add("yaml_deep_nesting_block", "deck:\n  title: deep\n  variables:\n" + "".join(
        "  " * (i + 2) + f"k{i}:\n" for i in range(300)) + "  " * 302 + "v: 1\nslides:\n  - kind: title\n",
        "error deck.variables")
    add("yaml_nul_byte", base.replace("title: Hostile corpus", "title: Hostile\x00corpus", 1))
    add("yaml_control_char", base.replace("title: Hostile corpus", "title: Hostile\x07corpus", 1))
    add("yaml_bom", base, "ok")  # main() writes the byte-order mark before the first line
    add("yaml_crlf", base.replace("\n", "\r\n"), "ok")
    add("yaml_cr_only", base.replace("\n", "\r"), "ok")
    add("yaml_complex_key",
        base.replace("  title: Hostile corpus\n", "  ? [a, b]\n  : x\n  title: Hostile corpus\n", 1))
    add("yaml_int_key", base.replace("  subtitle: base spec\n", "  1: one\n", 1))
    add("yaml_null_key", base.replace("  subtitle: base spec\n", "  ~: nothing\n", 1))
    add("yaml_bool_key_slides", base.replace("slides:", "yes:", 1))
    add("yaml_anchor_unused_ok", base.replace("theme: default", "theme: &t default", 1), "ok")
    add("yaml_directive", "%YAML 1.1\n---\n" + base, "ok")
    add("yaml_bad_directive", "%YAML 9.9\n---\n" + base)
    add("yaml_unicode_escape_bad", base.replace("title: Hostile corpus", 'title: "\\uZZZZ"', 1))
    add("yaml_literal_block_title",
        base.replace("title: Hostile corpus", "title: |\n    line one\n    line two", 1), "ok")


def _laughs(tail: str) -> str:
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n" + tail


def _types() -> None:
    weird = [7, 1.5, True, None, [], {}, ["a"], {"a": 1}, "text"]
    for top in ("deck", "data", "metrics", "slides", "departments"):
        for v in weird:
            if top == "departments" and v in ([], {}):
                continue
            if top in ("data", "metrics") and v == {}:
                continue
            setp(top, v)
    for field in ("title", "subtitle", "presenter", "date", "theme", "template", "locale", "footer", "variables"):
        for v in ([1, 2], {"a": 1}, True):
            setp(f"deck.{field}", v, "ok" if (field, v) == ("variables", {"a": 1}) else "error")
    for field, v in (("type", 5), ("path", ["a"]), ("parse_dates", "date"), ("columns", ["region"]),
                     ("columns", {"sales": "money"}), ("rename", ["a"]), ("sep", 3), ("na_values", {"a": 1})):
        setp(f"data.sales.{field}", v, name=f"type_data_{field}_{_slug(v)}")
    setp("data.sales", "data/sales.csv", name="type_source_is_string")
    setp("data.sales", ["csv"], name="type_source_is_list")
    for field, v in (("agg", 1), ("column", ["a", "b"]), ("where", {"a": 1}), ("by", ["a", "b", "c"]),
                     ("by", 5), ("grain", "week"), ("top", 0), ("top", "3"), ("top", -1), ("pivot", "yes please"),
                     ("share", [1]), ("format", 5), ("default", "zero"), ("target", []), ("compare", "wow"),
                     ("sort", "up"), ("as", {"x": 1})):
        setp(f"metrics.total.{field}", v, name=f"type_metric_{field}_{_slug(v)}")
    setp("metrics.total", "sales", name="type_metric_is_string")
    setp("metrics.total", None, name="type_metric_is_null")
    for i, v in ((S_KPI, "kpi"), (S_CHART, 5), (S_TABLE, None)):
        setp(f"slides.{i}", v, name=f"type_slide_{i}_is_{_slug(v)}")
    setp(f"slides.{S_KPI}.kind", "kpis", name="type_slide_kind_unknown")
    setp(f"slides.{S_KPI}.kind", 3, name="type_slide_kind_int")
    setp(f"slides.{S_KPI}.kind", DELETE, name="type_slide_kind_missing")
    setp(f"slides.{S_KPI}.cards", {"label": "x"}, name="type_kpi_cards_mapping")
    setp(f"slides.{S_KPI}.cards", [], name="type_kpi_cards_empty")
    setp(f"slides.{S_KPI}.cards", [{"label": "a", "metric": "total"}] * 5, name="type_kpi_cards_too_many")
    setp(f"slides.{S_KPI}.cards.0", "total", name="type_kpi_card_string")
    setp(f"slides.{S_KPI}.cards.0.label", ["a"], name="type_kpi_card_label_list")
    setp(f"slides.{S_KPI}.cards.0.value", {"a": 1}, name="type_kpi_card_value_mapping")
    setp(f"slides.{S_KPI}.commentary", {"a": 1}, name="type_kpi_commentary_mapping")
    setp(f"slides.{S_CHART}.commentary", {"a": 1}, name="type_chart_commentary_mapping")
    setp(f"slides.{S_CHART}.notes", ["a", "b"], name="type_chart_notes_list")
    setp(f"slides.{S_CHART}.chart", "by_region", name="type_chart_is_string")
    setp(f"slides.{S_CHART}.chart.data_labels", "sometimes", name="type_chart_data_labels")
    setp(f"slides.{S_CHART}.chart.legend", "middle", name="type_chart_legend")
    setp(f"slides.{S_CHART}.chart.highlight", {"a": 1}, name="type_chart_highlight")
    setp(f"slides.{S_TABLE}.table.zebra", "stripes", name="type_table_zebra")
    setp(f"slides.{S_TABLE}.table.max_rows", 0, name="type_table_max_rows_zero")
    setp(f"slides.{S_TABLE}.table.columns", "region", name="type_table_columns_string")
    setp(f"slides.{S_TABLE}.table.columns", [{"name": "region", "width": -1}], name="type_table_column_width_negative")
    setp(f"slides.{S_TABLE}.table.columns", [{"name": "region", "align": "justify"}], name="type_table_column_align")
    setp(f"slides.{S_POINTS}.points", [{"heading": "only one"}], name="type_points_too_few")
    setp(f"slides.{S_POINTS}.points", [{"heading": str(i)} for i in range(7)], name="type_points_too_many")
    setp(f"slides.{S_POINTS}.points.0", "just text", name="type_point_string")
    setp(f"slides.{S_SECTION}.title", None, name="type_section_title_null")
    setp(f"slides.{S_SECTION}.department", 5, name="type_slide_department_int")
    setp(f"slides.{S_SECTION}.id", "", name="type_slide_id_empty")
    setp(f"slides.{S_SECTION}.id", ["a"], name="type_slide_id_list")


def _unknown_keys() -> None:
    setp("titel", "x", name="unknown_top_level")
    setp("deck.titel", "x", name="unknown_deck")
    setp("data.sales.pathh", "x", name="unknown_source")
    setp("metrics.total.colum", "x", name="unknown_metric")
    setp(f"slides.{S_TITLE}.foo", "x", name="unknown_slide_title")
    setp(f"slides.{S_KPI}.titel", "x", name="unknown_slide_kpi")
    setp(f"slides.{S_KPI}.cards.0.lable", "x", name="unknown_kpi_card")
    setp(f"slides.{S_CHART}.titel", "x", name="unknown_slide_chart")
    setp(f"slides.{S_CHART}.chart.titel", "x", name="unknown_chart_spec")
    setp(f"slides.{S_TABLE}.titel", "x", name="unknown_slide_table")
    setp(f"slides.{S_TABLE}.table.colums", "x", name="unknown_table_spec")
    setp(f"slides.{S_TABLE}.table.columns", [{"name": "region", "heder": "x"}], name="unknown_table_column")
    setp(f"slides.{S_POINTS}.points.0.headng", "x", name="unknown_point")
    setp(f"slides.{S_CLOSING}.foo", "x", name="unknown_slide_closing")
    setp("deck.theme", {"name": "t", "colours": {}}, name="unknown_inline_theme")
    setp("deck.theme", {"name": "t", "colors": {"primery": "FFFFFF"}}, name="unknown_inline_theme_color")
    setp("deck.theme", {"name": "t", "fonts": {"latn": "Arial"}}, name="unknown_inline_theme_font")
    setp("departments", [{"name": "East", "filter": {"region": "East"}}], name="unknown_department")
    setp(f"slides.{S_CHART}.chart.data", {"categories": ["a"], "series": {"s": [1]}, "colors": 1},
         name="unknown_inline_chart_data")


def _missing() -> None:
    setp("deck", DELETE, name="missing_deck")
    setp("slides", DELETE, name="missing_slides")
    setp("slides", [], name="missing_slides_empty")
    setp("deck.title", DELETE, name="missing_deck_title")
    setp("data.sales.type", DELETE, name="missing_source_type")
    setp("data.sales.path", DELETE, name="missing_source_path")
    setp("metrics.total.agg", DELETE, name="missing_metric_agg")
    setp("metrics.total.source", DELETE, name="missing_metric_source")
    setp("metrics.total.column", DELETE, name="missing_metric_column")
    setp(f"slides.{S_SECTION}.title", DELETE, name="missing_section_title")
    setp(f"slides.{S_KPI}.title", DELETE, name="missing_kpi_title")
    setp(f"slides.{S_KPI}.cards.0.label", DELETE, name="missing_kpi_card_label")
    setp(f"slides.{S_KPI}.cards.0.metric", DELETE, name="missing_kpi_card_metric")
    setp(f"slides.{S_CHART}.chart", DELETE, name="missing_chart")
    setp(f"slides.{S_CHART}.chart.type", DELETE, name="missing_chart_type")
    setp(f"slides.{S_CHART}.chart.metric", DELETE, name="missing_chart_binding")
    setp(f"slides.{S_TABLE}.table", DELETE, name="missing_table")
    setp(f"slides.{S_TABLE}.table.metric", DELETE, name="missing_table_binding")
    setp(f"slides.{S_POINTS}.points.0.heading", DELETE, name="missing_point_heading")
    setp("departments", [{"code": "e"}], name="missing_department_name")


def _references() -> None:
    setp("metrics.total.source", "salez", name="ref_metric_unknown_source")
    setp("metrics.total.column", "salez", name="ref_metric_unknown_column")
    setp("metrics.total.where", "regin == 'East'", name="ref_where_unknown_column")
    setp("metrics.by_region.by", "regin", name="ref_by_unknown_column")
    setp("metrics.monthly.date", "dat", name="ref_date_unknown_column")
    setp("metrics.aov.formula", "total / ordrs", name="ref_formula_unknown_metric")
    setp("metrics.aov.formula", "aov * 2", name="ref_formula_self")
    setp("metrics.aov.target", "nothing_here", name="ref_target_unknown")
    mutate("ref_formula_cycle", lambda s: s["metrics"].update(
        {"a": {"formula": "b + 1"}, "b": {"formula": "a + 1"}}))
    setp(f"slides.{S_KPI}.cards.0.metric", "totl", name="ref_kpi_unknown_metric")
    setp(f"slides.{S_KPI}.cards.0.delta", "nope", name="ref_kpi_unknown_delta")
    setp(f"slides.{S_KPI}.cards.0.metric", "by_region", name="ref_kpi_card_table_metric")
    setp(f"slides.{S_KPI}.cards.0.delta", "by_region", name="ref_kpi_delta_table_metric")
    setp(f"slides.{S_CHART}.chart.metric", "totl", name="ref_chart_unknown_metric")
    setp(f"slides.{S_CHART}.chart.metric", "total", name="ref_chart_scalar_metric")
    setp(f"slides.{S_TABLE}.table.metric", "total", name="ref_table_scalar_metric")
    setp(f"slides.{S_CHART}.chart.x", "regin", name="ref_chart_unknown_x")
    setp(f"slides.{S_CHART}.chart.y", ["Sales", "nope"], name="ref_chart_unknown_y")
    setp(f"slides.{S_CHART}.chart.series", "nope", name="ref_chart_unknown_series")
    setp(f"slides.{S_TABLE}.table.columns", [{"name": "regin"}], name="ref_table_unknown_column")
    setp(f"slides.{S_KPI}.commentary", "{{ totl | num }}", name="ref_template_unknown_metric")
    setp(f"slides.{S_KPI}.commentary", "{{ total | nofilter }}", name="ref_template_unknown_filter")
    setp(f"slides.{S_KPI}.commentary", "{{ total.nothing.deeper }}", name="ref_template_unknown_attribute")
    setp(f"slides.{S_KPI}.commentary", "{{ total | num", name="ref_template_syntax")
    setp(f"slides.{S_KPI}.commentary", "{% for x in %}", name="ref_template_bad_for")
    setp(f"slides.{S_KPI}.notes", "{{ deck.nothing }}", name="ref_template_unknown_deck_field")
    setp(f"slides.{S_CHART}.chart.csv", "data/missing.csv", name="ref_chart_csv_missing")
    mutate("ref_chart_csv_and_metric", lambda s: s["slides"][S_CHART]["chart"].update({"csv": "data/sales.csv"}))
    setp("metrics.total.where", "year(date) == ", name="ref_where_syntax")
    setp("metrics.total.where", "__import__('os')", name="ref_where_injection")
    setp("metrics.aov.formula", "total.__class__", name="ref_formula_dunder")
    setp("metrics.aov.formula", "total /", name="ref_formula_syntax")
    mutate("ref_metric_name_with_space", lambda s: (s["metrics"].update({"bad name": {"formula": "total"}}),
                                                    s["slides"][S_KPI].update({"commentary": "{{ bad name }}"})))


def _formats_and_charts() -> None:
    for i, fmt in enumerate(("nosuch", "pct:x", "pct:-1", "num:999", "", "yi:1:2", "{0}")):
        setp("metrics.total.format", fmt, "ok" if fmt == "" else "error", name=f"format_metric_{i}")
    setp(f"slides.{S_KPI}.cards.0.format", "nosuch", name="format_kpi_card")
    setp(f"slides.{S_KPI}.cards.0", {"label": "x", "metric": "total", "delta": "aov", "delta_format": "nosuch"},
         name="format_kpi_delta")
    setp(f"slides.{S_CHART}.chart.number_format", "nosuch", name="format_chart_number")
    setp(f"slides.{S_TABLE}.table.columns", [{"name": "region"}, {"name": "Online", "format": "nosuch"}],
         name="format_table_column")
    setp("metrics.monthly.period_format", "{week}", name="format_period_unknown_field")
    setp("metrics.monthly.period_format", "{year", name="format_period_broken")
    setp("data.sales.date_format", "%Q%Q", name="format_date_format_bad")
    setp("data.sales.columns", {"region": "int"}, name="format_column_type_mismatch")
    setp(f"slides.{S_CHART}.chart.type", "radar", name="chart_type_unknown")
    setp(f"slides.{S_CHART}.chart.type", 3, name="chart_type_int")
    for t in ("pie", "doughnut", "bar_stacked", "area_stacked", "line_markers"):
        setp(f"slides.{S_TABLE}", {"kind": "chart", "title": t, "chart": {"type": t, "metric": "pivot"}},
             "ok", name=f"ok_chart_{t}_pivot")
    setp(f"slides.{S_CHART}.chart", {"type": "column_clustered", "data": {"categories": [], "series": {"s": []}}},
         name="chart_zero_categories")
    setp(f"slides.{S_CHART}.chart", {"type": "pie", "data": {"categories": ["a"], "series": {}}},
         name="chart_zero_series")
    setp(f"slides.{S_CHART}.chart", {"type": "line", "data": {"categories": ["a", "b"], "series": {"s": [1]}}},
         name="chart_series_length_mismatch")
    setp(f"slides.{S_CHART}.chart", {"type": "line", "data": {"categories": "ab", "series": {"s": [1, 2]}}},
         name="chart_categories_string")
    setp(f"slides.{S_CHART}.chart", {"type": "line", "data": {"categories": ["a", "b"], "series": {"s": ["x", 2]}}},
         name="chart_series_text_value")
    setp(f"slides.{S_CHART}.chart", {"type": "pie", "data": {"categories": ["a", "b"], "series": {"s": [None, None]}}},
         "ok", name="ok_chart_all_null")
    setp(f"slides.{S_CHART}.chart", {"type": "pie", "data": {"categories": ["a", "b"], "series": {"s": [-1, -2]}}},
         "ok", name="ok_chart_pie_negative")
    setp(f"slides.{S_CHART}.chart", {"type": "column_clustered", "data": {"categories": [str(i) for i in range(500)],
                                                                          "series": {"s": list(range(500))}}},
         "ok", name="ok_chart_500_categories")
    setp(f"slides.{S_CHART}.chart", {"type": "column_clustered", "data": {
        "categories": ["a"], "series": {f"s{i}": [i] for i in range(60)}}}, "ok", name="ok_chart_60_series")
    setp(f"slides.{S_CHART}.chart.y", [], "ok", name="chart_y_empty")
    setp(f"slides.{S_CHART}.chart.x", "Sales", "ok", name="ok_chart_x_is_value_column")
    mutate("chart_csv_non_numeric", lambda s: s["slides"][S_CHART].update(
        {"chart": {"type": "column_clustered", "csv": "data/text_only.csv"}}))
    mutate("ok_chart_csv", lambda s: s["slides"][S_CHART].update(
        {"chart": {"type": "column_clustered", "csv": "data/small_chart.csv"}}), "ok")
    mutate("chart_csv_empty", lambda s: s["slides"][S_CHART].update(
        {"chart": {"type": "column_clustered", "csv": "data/empty.csv"}}))
    mutate("chart_csv_header_only", lambda s: s["slides"][S_CHART].update(
        {"chart": {"type": "column_clustered", "csv": "data/header_only.csv"}}))
    mutate("chart_csv_control_chars", lambda s: s["slides"][S_CHART].update(
        {"chart": {"type": "column_clustered", "csv": "data/control_chars.csv"}}), "ok")
    mutate("table_csv_control_chars", lambda s: s["slides"][S_TABLE].update(
        {"table": {"csv": "data/control_chars.csv"}}), "ok")
    mutate("ok_table_inline_odd_cells", lambda s: s["slides"][S_TABLE].update(
        {"table": {"data": {"columns": ["a", "b"], "rows": [[None, True], [{"x": 1}, [1, 2]], ["", 1e300]]}}}), "ok")
    mutate("table_inline_width_mismatch", lambda s: s["slides"][S_TABLE].update(
        {"table": {"data": {"columns": ["a", "b"], "rows": [[1]]}}}))
    mutate("ok_table_zero_rows", lambda s: s["slides"][S_TABLE].update(
        {"table": {"data": {"columns": ["a", "b"], "rows": []}}}), "ok")
    mutate("table_zero_columns", lambda s: s["slides"][S_TABLE].update(
        {"table": {"data": {"columns": [], "rows": []}}}))
    mutate("ok_table_400_rows", lambda s: s["slides"][S_TABLE].update(
        {"table": {"data": {"columns": ["a", "b"], "rows": [[i, i * 2] for i in range(400)]}}}), "ok")
    mutate("ok_table_40_columns", lambda s: s["slides"][S_TABLE].update(
        {"table": {"data": {"columns": [f"c{i}" for i in range(40)], "rows": [list(range(40))]}}}), "ok")
    mutate("table_duplicate_column_names", lambda s: s["slides"][S_TABLE].update(
        {"table": {"data": {"columns": ["a", "a"], "rows": [[1, 2]]}}}))


ILLEGAL = "".join(chr(c) for c in (*range(9), 0x0B, 0x0C, *range(0x0E, 0x20))) + "\ufffe\uffff"


def _text_cases() -> None:
    setp("deck.title", "", "ok", name="text_title_empty")
    setp("deck.title", "   ", "ok", name="text_title_spaces")
    setp("deck.title", "T" * 256, "ok", name="text_title_256_chars")
    setp("deck.title", "长" * 2000, "ok", name="text_title_2000_cjk")
    setp("deck.title", "\n".join(f"line {i}" for i in range(40)), "ok", name="text_title_40_lines")
    setp("deck.subtitle", "x" * 100_000, "ok", name="text_subtitle_100k")
    setp("deck.title", "emoji 😀👨‍👩‍👧 RTL עברית عربى combining e\u0301\u0301\u0301", "ok", name="text_title_unicode")
    setp("deck.title", "zero\u200bwidth\u202eRLO\u2028LS\u2029PS", "ok", name="text_title_unicode_separators")
    setp("deck.title", "<a:t>&amp;</a:t> ]]> & < >", "ok", name="text_title_xml_markup")
    setp("deck.title", "\ud800", name="text_title_lone_surrogate_escape")
    for i, ch in enumerate(("\x01", "\x0b", "\x1f", "\ufffe", "\uffff")):
        setp("deck.title", f"bad{ch}title", "ok", name=f"text_title_xml_illegal_{i}")
    setp("deck.subtitle", "sub" + ILLEGAL, "ok", name="text_subtitle_all_illegal")
    setp("deck.presenter", "p\x08", "ok", name="text_presenter_illegal")
    setp("deck.footer", "f\x0c", "ok", name="text_footer_illegal")
    setp(f"slides.{S_SECTION}.title", "sec\x02tion", "ok", name="text_section_title_illegal")
    setp(f"slides.{S_KPI}.cards.0.label", "la\x03bel", "ok", name="text_kpi_label_illegal")
    setp(f"slides.{S_KPI}.commentary", "c\x04" * 10, "ok", name="text_commentary_illegal")
    setp(f"slides.{S_CHART}.notes", "n\x05", "ok", name="text_notes_illegal")
    setp(f"slides.{S_CHART}.chart.title", "ch\x06art", "ok", name="text_chart_title_illegal")
    setp(f"slides.{S_CHART}.chart.y_title", "y\x0e", "ok", name="text_chart_axis_title_illegal")
    setp(f"slides.{S_CHART}.chart", {"type": "column_clustered", "data": {
        "categories": ["a\x01", "b\x1f", "c\ufffe"], "series": {"s\x02": [1, 2, 3]}}}, "ok",
         name="text_chart_inline_categories_illegal")
    setp(f"slides.{S_CHART}.chart", {"type": "pie", "data": {
        "categories": ["", "", ""], "series": {"": [1, 2, 3]}}}, "ok", name="text_chart_inline_empty_labels")
    setp(f"slides.{S_POINTS}.points.0.heading", "h\x07", "ok", name="text_point_heading_illegal")
    setp(f"slides.{S_POINTS}.points.0.text", "word " * 200_000, "error slides[7].points[0].text",
         name="text_point_1mb")
    setp(f"slides.{S_KPI}.commentary", ["c"] * 300, "ok", name="text_commentary_300_items")
    setp(f"slides.{S_KPI}.commentary", "word " * 200_000, "error slides[3].commentary",
         name="text_commentary_1mb")
    setp(f"slides.{S_TABLE}.table", {"data": {"columns": ["a\x01", "b"], "rows": [["\x02", "\uffff"]]}}, "ok",
         name="text_table_inline_illegal")
    setp("deck.variables", {"v": "\x01\x02"}, "ok", name="text_variable_illegal")
    mutate("text_variable_used_illegal", lambda s: (s["deck"].update({"variables": {"v": "a\x01b"}}),
                                                     s["slides"][S_KPI].update({"commentary": "{{ v }}"})), "ok")
    setp(f"slides.{S_KPI}.commentary", "{{ 'x' * 10**9 }}", name="jinja_string_bomb")
    setp(f"slides.{S_KPI}.commentary", "{{ 10**100000 }}", name="jinja_int_to_str_limit")
    setp(f"slides.{S_KPI}.commentary", "{{ 2**(10**10) }}", name="jinja_pow_bomb")
    setp(f"slides.{S_KPI}.commentary", "{{ '%999999999d' % 1 }}", name="jinja_percent_format_bomb")
    setp(f"slides.{S_KPI}.commentary", "{{ 'a' | center(10**9) }}", name="jinja_center_bomb")
    setp(f"slides.{S_KPI}.commentary", "{{ ([1] * 10**8) | length }}", "error slides[3].commentary",
         name="jinja_list_bomb")
    setp(f"slides.{S_KPI}.commentary",
         "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
         name="jinja_nested_loops")
    setp(f"slides.{S_KPI}.commentary", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
         name="jinja_recursive_macro")
    setp(f"slides.{S_KPI}.commentary", "{{ lipsum(100000) }}", name="jinja_lipsum_bomb")
    setp(f"slides.{S_KPI}.commentary", "{{ ''.__class__.__mro__ }}", name="jinja_sandbox_escape")
    setp(f"slides.{S_KPI}.commentary", "{{ total / 0 }}", name="jinja_division_by_zero")
    setp(f"slides.{S_KPI}.commentary", "{{ " + "9" * 5000 + " }}", name="jinja_literal_over_int_limit")
    setp(f"slides.{S_KPI}.commentary", "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", name="jinja_nested_brackets")
    setp("metrics.aov.formula", "-" * 5000 + "total", name="expr_deep_unary")
    setp("metrics.aov.formula", " + ".join(["total"] * 60000), name="expr_huge_formula")
    setp("metrics.aov.formula", "(" * 3000 + "total" + ")" * 3000, name="expr_deep_parens")
    setp("metrics.total.where", " and ".join(["sales > 0"] * 20000), name="expr_huge_where")


def _numbers() -> None:
    for name, v in (("inf", float("inf")), ("neg_inf", float("-inf")), ("nan", float("nan")),
                    ("huge", 1e308), ("tiny", 5e-324)):
        expect = "ok" if math.isfinite(v) else "error data"  # inf/nan cannot be drawn: a located error
        setp(f"slides.{S_CHART}.chart", {"type": "column_clustered", "data": {
            "categories": ["a", "b"], "series": {"s": [v, 1]}}}, expect, name=f"number_inline_series_{name}")
        setp(f"slides.{S_CHART}.chart", {"type": "pie", "data": {
            "categories": ["a", "b"], "series": {"s": [v, 1]}}}, expect, name=f"number_inline_pie_{name}")
    setp(f"slides.{S_CHART}.chart", {"type": "line", "data": {
        "categories": ["a", "b"], "series": {"s": [10**400, 1]}}}, name="number_inline_series_huge_int")
    # a span past the largest float, and a percentage of 1e308 (1e310 once scaled)
    setp(f"slides.{S_CHART}.chart", {"type": "column_clustered", "number_format": "pct", "data": {
        "categories": ["a", "b"], "series": {"s": [1e308, -1e308]}}}, "ok", name="number_inline_span_past_float")
    setp("metrics.total.target", 0, name="number_target_zero")
    setp("metrics.total.target", float("nan"), name="number_target_nan")
    setp("metrics.total.target", float("inf"), "ok", name="number_target_inf")
    setp("metrics.total.target", 10**400, name="number_target_huge_int")
    setp("metrics.total.default", float("nan"), name="number_default_nan")
    setp("metrics.total.top", 10**30, name="number_top_huge")
    setp(f"slides.{S_TABLE}.table.max_rows", 10**30, "ok", name="number_max_rows_huge")
    setp(f"slides.{S_TABLE}.table.max_rows", -5, name="number_max_rows_negative")
    setp(f"slides.{S_KPI}.cards.0", {"label": "v", "value": float("nan")}, "ok", name="number_kpi_value_nan")
    setp(f"slides.{S_KPI}.cards.0", {"label": "v", "value": float("inf")}, "ok", name="number_kpi_value_inf")
    setp(f"slides.{S_KPI}.cards.0", {"label": "v", "value": 10**400}, name="number_kpi_value_huge_int")
    setp(f"slides.{S_KPI}.cards.0", {"label": "v", "value": -0.0}, "ok", name="number_kpi_value_negative_zero")
    setp("metrics.aov.formula", "total / 0", "ok", name="number_formula_div_zero")
    setp("metrics.aov.formula", "10 ** 1000", name="number_formula_pow_overflow")
    setp("metrics.aov.formula", "99999999999999999999999999999999999999999 * total", "ok",
         name="number_formula_big_literal")
    mutate("number_csv_inf_nan", lambda s: s["data"]["sales"].update({"path": "data/odd_numbers.csv"}))
    setp("deck.variables", {"big": 10**400}, "ok", name="number_variable_huge_int")
    setp("deck.date", 99999999, "ok", name="number_deck_date_int")


def _paths_and_templates() -> None:
    setp("data.sales.path", "data/nope.csv", name="path_source_missing")
    setp("data.sales.path", "/etc/passwd", name="path_source_absolute_not_csv")
    setp("data.sales.path", "../../../../../../../../etc/hostname", name="path_source_outside")
    setp("data.sales.path", "data", name="path_source_is_directory")
    setp("data.sales.path", "", name="path_source_empty")
    setp("data.sales.path", "data/\x00.csv", name="path_source_nul")
    setp("data.sales.path", "data/" + "x" * 300 + ".csv", name="path_source_name_too_long")
    setp("data.sales.path", "data/binary.csv", name="path_source_binary")
    setp("data.sales.path", "data/latin1.csv", name="path_source_wrong_encoding")
    setp("data.sales.encoding", "no-such-codec", name="path_source_unknown_encoding")
    setp("data.sales.path", "data/ragged.csv", name="path_source_ragged_rows")
    mutate("rename_onto_existing_column", lambda s: s["data"]["sales"].update({"rename": {"orders": "sales"}}))
    mutate("rename_two_onto_one", lambda s: s["data"]["sales"].update({"rename": {"orders": "n", "channel": "n"}}))
    mutate("rename_missing_column", lambda s: s["data"]["sales"].update({"rename": {"nothere": "x"}}))
    mutate("source_excel_is_csv", lambda s: s["data"]["sales"].update({"type": "excel", "path": "data/sales.csv"}))
    mutate("source_json_is_csv", lambda s: s["data"]["sales"].update({"type": "json", "path": "data/sales.csv"}))
    mutate("source_parquet_is_csv", lambda s: s["data"]["sales"].update({"type": "parquet", "path": "data/sales.csv"}))
    mutate("source_sql_missing_db", lambda s: (
        s["data"].update({"db": {"type": "sql", "url": "sqlite:///data/nope.db", "table": "t"}}),
        s["metrics"]["total"].update({"source": "db"})))
    mutate("source_sql_bad_url", lambda s: (
        s["data"].update({"db": {"type": "sql", "url": "nosuch://x", "table": "t"}}),
        s["metrics"]["total"].update({"source": "db"})))
    mutate("source_unknown_type", lambda s: s["data"]["sales"].update({"type": "xml"}))
    setp("deck.theme", "nosuchtheme", name="theme_unknown")
    setp("deck.theme", "../../../../etc/passwd", name="theme_path_outside")
    setp("deck.theme", "", name="theme_empty_name")
    setp("deck.theme", {"name": "t", "logo": "data/not_an_image.png"}, name="theme_logo_not_image")
    setp("deck.theme", {"name": "t", "logo": "data/nope.png"}, name="theme_logo_missing")
    setp("deck.theme", {"name": "t", "logo": "data/tiny.png"}, "ok", name="ok_theme_logo_relative_to_spec")
    setp("deck.theme", {"name": "t", "colors": {"primary": "#FFFFFF"}}, name="theme_color_with_hash")
    setp("deck.theme", {"name": "t", "colors": {"primary": "GGGGGG"}}, name="theme_color_not_hex")
    setp("deck.theme", {"name": "t", "palette": []}, name="theme_palette_empty")
    setp("deck.theme", {"name": "t", "fonts": {"latin": ""}}, name="theme_font_empty")
    setp("deck.theme", {"name": "t", "fonts": {"latin": "No Such Font 123"}}, "ok", name="theme_font_unknown")
    setp("deck.template", "data/nope.pptx", name="template_missing")
    setp("deck.template", "data/not_a_pptx.pptx", "error file", name="template_not_a_pptx")
    setp("deck.template", "data/sales.csv", "error file", name="template_is_csv")
    setp("deck.template", "data/empty.pptx", "error file", name="template_empty_file")
    setp("deck.template", "data", name="template_is_directory")
    mutate("template_without_layout_map", lambda s: s["deck"].update({"template": "data/copy_no_map.pptx"}))
    setp("deck.layout_map", "data/nope.yaml", name="layout_map_missing")
    setp("deck.layout_map", "data/bad_layout_map.yaml", name="layout_map_invalid")
    setp("deck.layout_map", "data/sales.csv", "error file", name="layout_map_is_csv")
    setp("deck.locale", "fr_FR", name="locale_unknown")


def _departments() -> None:
    first = len(CASES)
    _department_cases()
    for name in list(CASES)[first:]:
        ARGS[name] = ALL_DEPARTMENTS


def _department_cases() -> None:
    ok_dept = [{"name": "East", "code": "east", "filters": {"region": "East"}},
               {"name": "West", "code": "west", "filters": {"region": "West"}}]
    setp("departments", ok_dept, "ok", name="ok_departments")
    setp("departments", [ok_dept[0], ok_dept[0]], name="dept_duplicate_name")
    setp("departments", [{"name": ""}], name="dept_empty_name")
    setp("departments", [{"name": "E", "filters": {"regin": "East"}}], name="dept_filter_unknown_column")
    setp("departments", [{"name": "E", "filters": {"region": {"a": 1}}}], name="dept_filter_mapping_value")
    setp("departments", [{"name": "E", "theme": "nosuchtheme"}], name="dept_theme_unknown")
    setp("departments", [{"name": "E", "template": "data/nope.pptx"}], name="dept_template_missing")
    setp("departments", [{"name": "E", "skip": ["no such slide"]}], name="dept_skip_unknown")
    setp("departments", [{"name": "E", "include": ["no such slide"]}], name="dept_include_unknown")
    setp("departments", [{"name": "E", "include": []}], "ok", name="dept_include_empty")
    setp("departments", [{"name": "E", "data": {"nosource": {"type": "csv", "path": "data/sales.csv"}}}],
         name="dept_data_unknown_source")
    setp("departments", [{"name": "E", "data": {"sales": {"type": "csv", "path": "data/nope.csv"}}}],
         name="dept_data_missing_file")
    setp("departments", [{"name": "E", "locale": "xx"}], name="dept_locale_bad")
    # the file name is sanitised
    setp("departments", [{"name": "E/../../x", "code": "../x"}], "ok", name="dept_name_path_traversal")
    setp("departments", [{"name": "E", "title": "t\x01"}], "ok", name="dept_title_illegal")
    setp("departments", {"name": "E"}, name="dept_mapping_not_list")
    setp(f"slides.{S_SECTION}.department", ["Nowhere"], name="dept_slide_unknown_department")
    mutate("dept_filters_everything_out", lambda s: s.update(
        {"departments": [{"name": "North", "filters": {"region": "North"}}]}))
    mutate("ok_dept_merge_key", lambda s: None, "ok")  # replaced in _misc() with a text variant


def _misc() -> None:
    text = dump(BASE) + ("departments:\n  - &east\n    name: East\n    filters: {region: East}\n"
                         "  - <<: *east\n    name: West\n    filters: {region: West}\n")
    CASES["ok_dept_merge_key"] = ("ok", text)
    mutate("ok_slides_100",
           lambda s: s.update({"slides": [{"kind": "section", "title": f"S{i}"} for i in range(100)]}), "ok")
    mutate("agenda_60_sections", lambda s: s.update({"slides": [{"kind": "agenda"}] + [
        {"kind": "section", "title": f"Section {i}"} for i in range(60)]}), "error slides[0].kind")
    mutate("slide_ids_duplicate",
           lambda s: (s["slides"][S_CHART].update({"id": "x"}), s["slides"][S_TABLE].update({"id": "x"})))
    mutate("ok_only_title", lambda s: s.update({"slides": [{"kind": "title"}]}), "ok")
    mutate("ok_no_data_no_metrics",
           lambda s: s.update({"data": {}, "metrics": {}, "slides": [{"kind": "title"}, {"kind": "closing"}]}), "ok")
    mutate("metrics_1000_unused",
           lambda s: s["metrics"].update({f"m{i}": {"formula": "total"} for i in range(1000)}), "ok")
    # one date column: compare and grain find it
    mutate("metric_compare_no_date", lambda s: s["metrics"]["total"].update({"compare": "yoy"}), "ok")
    mutate("metric_grain_no_date", lambda s: s["metrics"]["by_region"].update({"grain": "month"}), "ok")
    mutate("metric_formula_and_source", lambda s: s["metrics"]["aov"].update({"source": "sales"}))
    mutate("metric_pivot_one_key", lambda s: s["metrics"]["by_region"].update({"pivot": True}))
    mutate("metric_share_scalar", lambda s: s["metrics"]["total"].update({"share": True}))
    mutate("metric_others_without_top", lambda s: s["metrics"]["by_region"].update({"others": "rest"}))
    mutate("metric_mean_of_text", lambda s: s["metrics"]["total"].update({"agg": "mean", "column": "region"}))
    mutate("metric_where_string_vs_number", lambda s: s["metrics"]["total"].update({"where": "region > 5"}))
    mutate("metric_date_not_a_date", lambda s: s["metrics"]["monthly"].update({"date": "region"}))
    mutate("metric_filter_matches_nothing", lambda s: s["metrics"]["total"].update({"where": "region == 'Nowhere'"}))
    mutate("metric_chart_empty_table", lambda s: s["metrics"]["by_region"].update({"where": "region == 'Nowhere'"}))
    mutate("metric_top_with_others",
           lambda s: s["metrics"]["by_region"].update({"top": 1, "others": "Rest", "sort": "desc"}), "ok")
    mutate("kpi_value_template",
           lambda s: s["slides"][S_KPI]["cards"][0].update({"metric": None, "value": "{{ total | num }}"}), "ok")
    mutate("kpi_both_value_and_metric", lambda s: s["slides"][S_KPI]["cards"][0].update({"value": 5}))
    mutate("set_variables_used", lambda s: (s["deck"].update({"variables": {"year": 2025}}),
                                            s["slides"][S_CLOSING].update({"subtitle": "{{ year }}"})), "ok")
    mutate("template_in_title", lambda s: s["deck"].update({"title": "{{ total | num }} {{ deck.presenter }}"}), "ok")
    mutate("template_error_in_title", lambda s: s["deck"].update({"title": "{{ nope }}"}))
    mutate("extends_missing", lambda s: s.update({"extends": "nope.yaml"}))
    mutate("extends_self", lambda s: s.update({"extends": "extends_self.yaml"}))


DATA_FILES: dict[str, bytes] = {
    "sales.csv": SALES_CSV.encode(),
    "small_chart.csv": b"label,value\nA,1\nB,2\n",
    "text_only.csv": b"label,note\nA,x\nB,y\n",
    "empty.csv": b"",
    "header_only.csv": b"label,value\n",
    "control_chars.csv": "label,value\nA\x01,1\nB\x1f,2\nC\ufffe,3\n".encode(),
    "odd_numbers.csv": b"date,region,channel,sales,orders\n2025-01-01,East,Online,inf,1\n"
                       b"2025-02-01,West,Store,nan,2\n2025-03-01,West,Store,-inf,3\n"
                       b"2025-04-01,East,Store,1e308,4\n",
    "binary.csv": bytes(range(256)) * 4,
    "latin1.csv": "date,region,channel,sales,orders\n2025-01-01,Zürich\xe9,Online,1,1\n".encode("latin-1"),
    "ragged.csv": b"date,region,channel,sales,orders\n2025-01-01,East\n2025-01-02,East,Online,1,2,3,4\n",
    "not_an_image.png": b"this is not a png",
    "not_a_pptx.pptx": b"PK\x03\x04 not really a zip",
    "empty.pptx": b"",
    "bad_layout_map.yaml": b"layouts: [1, 2\n",
    # 1x1 transparent PNG
    "tiny.png": bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                              "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"),
}


def main() -> None:
    cases()
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    DATA.mkdir(parents=True)
    for name, content in DATA_FILES.items():
        (DATA / name).write_bytes(content)
    shutil.copyfile(HERE.parents[1] / "layouts" / "default.pptx", DATA / "copy_no_map.pptx")
    for name, (expect, text) in sorted(CASES.items()):
        bom = "\ufeff" if name == "yaml_bom" else ""
        args = f"# args: {ARGS[name]}\n" if name in ARGS else ""
        (CORPUS / f"{name}.yaml").write_bytes(f"{bom}# expect: {expect}\n{args}{text}".encode("utf-8", "surrogatepass"))
    print(f"{len(CASES)} specs in {CORPUS}")


if __name__ == "__main__":
    main()
