"""One error locator: `validate` and `build` both point at spec.yaml:LINE:COL.

A misspelt metric column is found while computing metrics; a misspelt chart
column only when the chart's data is resolved. Both commands run the resolve
phase, so both report both, located in the spec.
"""

from __future__ import annotations

import textwrap

import pytest

from deckbuilder import build_deck, cli
from deckbuilder.errors import DataError, SpecError, TemplateError

CSV = "month,amount\n1,10\n2,20\n"

METRIC_COLUMN = """\
    deck: {title: t}
    data:
      sales: {type: csv, path: sales.csv}
    metrics:
      total: {source: sales, agg: sum, column: amout}
    slides:
      - kind: kpi
        title: k
        cards: [{label: a, metric: total}, {label: b, value: 1}]
    """

CHART_COLUMN = """\
    deck: {title: t}
    slides:
      - kind: chart
        title: x
        chart: {type: line, csv: sales.csv, x: month, y: sales}
    """


def write(tmp_path, body: str):
    (tmp_path / "sales.csv").write_text(CSV, encoding="utf-8")
    spec = tmp_path / "spec.yaml"
    spec.write_text(textwrap.dedent(body), encoding="utf-8")
    return spec


@pytest.mark.parametrize("command", ["validate", "build"])
@pytest.mark.parametrize("body, where, message", [
    (METRIC_COLUMN, "spec.yaml:5:44: metrics.total.column", "no column 'amout'"),
    (CHART_COLUMN, "spec.yaml:5:54: slides[0].chart.y", "no column 'sales' in the chart data"),
])
def test_misspelt_column_is_located_in_the_spec(tmp_path, monkeypatch, capsys, command, body, where, message):
    spec = write(tmp_path, body)
    monkeypatch.chdir(tmp_path)
    assert cli.main([command, str(spec)]) == 2
    err = capsys.readouterr().err
    assert where in err and message in err
    assert not (tmp_path / "spec.pptx").exists()


def test_misspelt_table_column_is_located_at_its_entry(tmp_path):
    spec = write(tmp_path, """\
        deck: {title: t}
        slides:
          - kind: table
            title: x
            table: {csv: sales.csv, columns: [{name: month}, {name: amout}]}
        """)
    with pytest.raises(DataError) as info:
        build_deck(spec, write=False)
    issue = info.value.issues[0]
    assert (issue.path, issue.line) == ("slides[0].table.columns[1].name", 5)
    assert "did you mean 'amount'" in issue.hint


def test_table_metric_on_a_kpi_card_is_located_at_the_card(tmp_path):
    spec = write(tmp_path, """\
        deck: {title: t}
        data:
          sales: {type: csv, path: sales.csv}
        metrics:
          by_month: {source: sales, agg: sum, column: amount, by: month}
        slides:
          - kind: kpi
            title: k
            cards: [{label: a, metric: by_month}, {label: b, value: 1}]
        """)
    with pytest.raises(SpecError) as info:
        build_deck(spec, write=False)
    issue = info.value.issues[0]
    assert issue.path == "slides[0].cards[0].metric" and issue.line == 9


def test_bad_format_on_a_card_is_located_at_the_format(tmp_path):
    spec = write(tmp_path, """\
        deck: {title: t}
        slides:
          - kind: kpi
            title: k
            cards: [{label: a, value: 1, format: pcnt}, {label: b, value: 1}]
        """)
    with pytest.raises(SpecError) as info:
        build_deck(spec, write=False)
    issue = info.value.issues[0]
    assert issue.path == "slides[0].cards[0].format" and issue.line == 5
    assert "did you mean 'pct'" in issue.hint


def test_layout_map_needs_only_the_kinds_a_deck_uses(tmp_path):
    import shutil

    from deckbuilder.spec.themes import LAYOUTS_DIR

    shutil.copy(LAYOUTS_DIR / "default.pptx", tmp_path / "t.pptx")
    import yaml

    mapping = yaml.safe_load((LAYOUTS_DIR / "default.yaml").read_text(encoding="utf-8"))
    mapping["layouts"] = {"title": mapping["layouts"]["title"], "closing": mapping["layouts"]["closing"]}
    (tmp_path / "t.yaml").write_text(yaml.safe_dump(mapping, allow_unicode=True), encoding="utf-8")
    spec = write(tmp_path, "deck: {title: t, template: t.pptx}\nslides: [{kind: title}, {kind: closing}]\n")
    assert build_deck(spec, write=False).slides == 2

    spec = write(tmp_path, "deck: {title: t, template: t.pptx}\nslides:\n  - kind: title\n  - kind: section\n"
                           "    title: s\n")
    with pytest.raises(TemplateError) as info:
        build_deck(spec, write=False)
    issue = info.value.issues[0]
    assert "no layout for slide kind 'section'" in issue.message
    assert (issue.path, issue.line, issue.column) == ("slides[1].kind", 4, 11)


def test_layout_map_with_a_misspelt_kind_suggests_the_right_one(tmp_path):
    import shutil

    from deckbuilder.spec.themes import LAYOUTS_DIR

    shutil.copy(LAYOUTS_DIR / "default.pptx", tmp_path / "t.pptx")
    mapping = (LAYOUTS_DIR / "default.yaml").read_text(encoding="utf-8").replace("  chart_text:", "  chart_txt:", 1)
    (tmp_path / "t.yaml").write_text(mapping, encoding="utf-8")
    spec = write(tmp_path, "deck: {title: t, template: t.pptx}\nslides: [{kind: title}]\n")
    with pytest.raises(TemplateError) as info:
        build_deck(spec, write=False)
    issue = info.value.issues[0]
    assert issue.message == "unknown slide kind 'chart_txt'" and "did you mean 'chart_text'" in issue.hint
    assert issue.file.endswith("t.yaml") and issue.line is not None


def test_metrics_command_locates_a_misspelt_metric_column(tmp_path, capsys):
    spec = write(tmp_path, METRIC_COLUMN)
    assert cli.main(["metrics", str(spec)]) == 2
    assert "spec.yaml:5:44: metrics.total.column: no column 'amout'" in capsys.readouterr().err


def test_an_unknown_key_on_a_chart_slide_is_reported_on_the_slide(tmp_path, capsys):
    spec = write(tmp_path, """\
        deck: {title: t}
        slides:
          - kind: chart
            title: c
            titel: x
            chart: {type: line, csv: sales.csv}
        """)
    assert cli.main(["validate", str(spec)]) == 2
    assert "spec.yaml:5:5: slides[0].titel: unknown key 'titel'" in capsys.readouterr().err


def test_text_or_list_field_of_the_wrong_type_gets_one_message(tmp_path, capsys):
    spec = write(tmp_path, """\
        deck: {title: t}
        slides:
          - kind: chart
            title: c
            commentary: {a: 1}
            chart: {type: line, csv: sales.csv}
        """)
    assert cli.main(["validate", str(spec)]) == 2
    err = capsys.readouterr().err
    assert "slides[0].commentary: 'commentary' should be text or a list, got a mapping" in err
    assert "'chart'" not in err


def test_a_bad_metric_format_is_blamed_on_the_metric_not_the_card(tmp_path, capsys):
    spec = write(tmp_path, """\
        deck: {title: t}
        data:
          sales: {type: csv, path: sales.csv}
        metrics:
          total: {source: sales, agg: sum, column: amount, format: wann}
        slides:
          - kind: kpi
            title: k
            cards: [{label: a, metric: total}, {label: b, value: 1}]
        """)
    assert cli.main(["build", str(spec), "-o", str(tmp_path / "o.pptx")]) == 2
    err = capsys.readouterr().err
    assert "spec.yaml:5:" in err and "metrics.total.format" in err
