"""Spec validation: every mistake is reported with file, line, field path and a hint -- all at once."""

from __future__ import annotations

import textwrap

import pytest

from deckbuilder.errors import SpecError
from deckbuilder.spec.loader import load_spec


def spec_errors(text: str, tmp_path) -> list:
    path = tmp_path / "deck.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_spec(path)
    return info.value.issues


def only(issues):
    assert len(issues) == 1, [str(i) for i in issues]
    return issues[0]


def test_malformed_yaml_names_line_and_column(tmp_path):
    issue = only(spec_errors("""\
        deck:
          title: [unclosed
        slides: []
        """, tmp_path))
    assert issue.message.startswith("malformed YAML")
    assert issue.file.endswith("deck.yaml") and issue.line == 3


def test_unknown_key_suggests_the_right_one(tmp_path):
    issue = only(spec_errors("""\
        deck:
          title: 年度总结
          presentor: 张三
        slides:
          - kind: title
        """, tmp_path))
    assert issue.message == "unknown key 'presentor'"
    assert issue.path == "deck.presentor" and (issue.line, issue.column) == (3, 3)
    assert "did you mean 'presenter'?" in issue.hint


def test_wrong_type_says_what_was_given(tmp_path):
    issue = only(spec_errors("""\
        deck:
          title: 年度总结
        slides:
          - kind: points
            title: 要点
            points: 不是列表
        """, tmp_path))
    assert issue.path == "slides[0].points" and issue.line == 6
    assert "should be a list" in issue.message


def test_unknown_slide_kind_suggests_a_kind(tmp_path):
    issue = only(spec_errors("""\
        deck: {title: 年度总结}
        slides:
          - kind: charts
            title: 趋势
        """, tmp_path))
    assert issue.message == "unknown slide kind 'charts'"
    assert issue.path == "slides[0].kind" and issue.line == 3
    assert "did you mean 'chart'?" in issue.hint


def test_unknown_chart_type_lists_the_allowed_types(tmp_path):
    issue = only(spec_errors("""\
        deck: {title: 年度总结}
        slides:
          - kind: chart
            title: 趋势
            chart: {type: colum_clustered, data: {categories: [a], series: {s: [1]}}}
        """, tmp_path))
    assert issue.path == "slides[0].chart.type" and issue.line == 5
    assert "did you mean 'column_clustered'?" in issue.hint and "doughnut" in issue.hint


def test_all_errors_are_reported_at_once(tmp_path):
    issues = spec_errors("""\
        deck:
          titel: 年度总结
        slides:
          - kind: section
          - kind: kpi
            title: 指标
            cards: [{label: 销售额, value: 1}]
        """, tmp_path)
    paths = [i.path for i in issues]
    assert paths == ["deck.title", "deck.titel", "slides[0].title", "slides[1].cards"] or sorted(paths) == sorted(
        ["deck.title", "deck.titel", "slides[0].title", "slides[1].cards"])


def test_missing_required_key_is_named(tmp_path):
    issue = only(spec_errors("""\
        deck: {title: 年度总结}
        slides:
          - kind: section
        """, tmp_path))
    assert issue.message == "missing required key 'title'" and issue.path == "slides[0].title"


def test_unknown_metric_reference_suggests_a_metric(tmp_path):
    issue = only(spec_errors("""\
        deck: {title: 年度总结}
        data:
          orders: {type: csv, path: orders.csv}
        metrics:
          total_sales: {source: orders, agg: sum, column: amount}
        slides:
          - kind: chart
            title: 趋势
            chart: {type: line, metric: total_sale}
        """, tmp_path))
    assert issue.message == "unknown metric 'total_sale'" and issue.path == "slides[0].chart.metric"
    assert issue.line == 9 and "did you mean 'total_sales'?" in issue.hint


def test_chart_needs_exactly_one_data_binding(tmp_path):
    issue = only(spec_errors("""\
        deck: {title: 年度总结}
        slides:
          - kind: chart
            title: 趋势
            chart: {type: line}
        """, tmp_path))
    assert "exactly one of 'metric', 'data' or 'csv'" in issue.message


def test_duplicate_keys_are_errors_not_silently_overwritten(tmp_path):
    issue = only(spec_errors("""\
        deck:
          title: 一
          title: 二
        slides: [{kind: title}]
        """, tmp_path))
    assert issue.message == "duplicate key 'title'" and issue.line == 3


def test_python_tags_are_refused(tmp_path):
    issue = only(spec_errors("""\
        deck: {title: !!python/object/apply:os.system [echo hacked]}
        slides: [{kind: title}]
        """, tmp_path))
    assert "python/object" in issue.message


def test_missing_spec_file(tmp_path):
    with pytest.raises(SpecError, match="spec file not found"):
        load_spec(tmp_path / "nope.yaml")


def test_a_dict_goes_through_the_same_model():
    with pytest.raises(SpecError) as info:
        load_spec({"deck": {"title": "x"}, "slides": [{"kind": "pie"}]})
    assert only(info.value.issues).path == "slides[0].kind"


def test_errors_print_file_line_path_and_hint(tmp_path):
    issue = only(spec_errors("""\
        deck: {title: 年度总结, themes: default}
        slides: [{kind: title}]
        """, tmp_path))
    text = str(issue)
    assert text.startswith(str(tmp_path / "deck.yaml") + ":1:")
    assert "deck.themes: unknown key 'themes' (did you mean 'theme'?" in text


def test_a_theme_colour_must_be_six_hex_digits(tmp_path):
    issue = only(spec_errors("""\
        deck:
          title: 年度总结
          theme: {colors: {primary: "#1F4E79"}}
        slides: [{kind: title}]
        """, tmp_path))
    assert issue.message == "'#1F4E79' is not a colour" and issue.path == "deck.theme.colors.primary"
    assert "without '#'" in issue.hint and issue.line == 3
