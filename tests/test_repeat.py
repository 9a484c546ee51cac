"""``repeat:``: one copy of a slide per group, the group bound in its texts and its metrics sliced to the group."""

from __future__ import annotations

import textwrap

import pytest
from pptx import Presentation

from deckbuilder import build_deck, cli
from deckbuilder.errors import DataError, SpecError

HEAD = """\
deck: {title: t}
data:
  sales: {type: csv, path: sales.csv}
metrics:
  total: {source: sales, agg: sum, column: sales}
  by_region: {source: sales, agg: sum, column: sales, by: region, sort: desc}
  none: {source: sales, agg: sum, column: sales, by: region, where: "region == '西北'"}
slides:
"""
ROWS = "region,channel,sales\n华东,线上,5\n华东,门店,1\n华南,线上,3\n华北,门店,2\n"


def write_spec(tmp_path, slides: str):
    (tmp_path / "sales.csv").write_text(ROWS, encoding="utf-8")
    path = tmp_path / "deck.yaml"
    path.write_text(HEAD + textwrap.dedent(slides), encoding="utf-8")
    return path


def titles(tmp_path, slides: str) -> list[str]:
    out = tmp_path / "out.pptx"
    build_deck(write_spec(tmp_path, slides), output=out)
    return [s.shapes.title.text.replace("\u2060", "").replace("\xa0", " ") for s in Presentation(str(out)).slides]


def error(tmp_path, slides: str, kind=SpecError):
    with pytest.raises(kind) as info:
        build_deck(write_spec(tmp_path, slides), output=tmp_path / "out.pptx")
    return info.value.issues[0]


def test_a_slide_per_row_of_a_table_metric_in_its_order(tmp_path):
    assert titles(tmp_path, """\
        - kind: closing
          repeat: {metric: by_region}
          title: "{{ group.region }} {{ group.by_region | num }}"
        """) == ["华东 6", "华南 3", "华北 2"]


def test_metrics_on_a_repeated_slide_see_only_the_groups_rows(tmp_path):
    assert titles(tmp_path, """\
        - kind: closing
          repeat: {metric: by_region}
          title: "{{ group.region }}={{ total }}"
        """) == ["华东=6", "华南=3", "华北=2"]


def test_filter_false_keeps_the_whole_data(tmp_path):
    assert titles(tmp_path, """\
        - kind: closing
          repeat: {metric: by_region, filter: false}
          title: "{{ total }}"
        """) == ["11", "11", "11"]


def test_a_slide_per_value_of_a_source_column_sorted_and_limited(tmp_path):
    assert titles(tmp_path, """\
        - kind: closing
          repeat: {source: sales, column: channel, order: desc, limit: 1}
          title: "{{ group.channel }} {{ total }}"
        """) == ["门店 3"]


def test_order_by_another_column(tmp_path):
    assert titles(tmp_path, """\
        - kind: closing
          repeat: {metric: by_region, order: asc, order_by: by_region}
          title: "{{ group.region }}"
        """) == ["华北", "华南", "华东"]


def test_charts_on_repeated_slides_are_bound_to_their_group(tmp_path):
    out = tmp_path / "out.pptx"
    build_deck(write_spec(tmp_path, """\
        - kind: chart
          repeat: {source: sales, column: region, limit: 2}
          title: "{{ group.region }}"
          chart: {type: column_clustered, metric: by_region}
        """), output=out)
    charts = [next(s for s in slide.shapes if s.has_chart).chart for slide in Presentation(str(out)).slides]
    assert [list(c.plots[0].categories) for c in charts] == [["华东"], ["华南"]]
    assert [list(c.plots[0].series[0].values) for c in charts] == [[6.0], [3.0]]


def test_slides_after_a_repeated_one_are_unchanged(tmp_path):
    assert titles(tmp_path, """\
        - kind: closing
          repeat: {metric: by_region, limit: 2}
          title: "{{ group.region }}"
        - kind: closing
          title: "{{ total }}"
        """) == ["华东", "华南", "11"]


def test_unknown_group_column_is_located_with_the_columns(tmp_path):
    issue = error(tmp_path, """\
        - kind: closing
          repeat: {source: sales, column: regoin}
        """)
    assert issue.path == "slides[0].repeat.column" and "region" in issue.hint


def test_scalar_metric_is_refused(tmp_path):
    issue = error(tmp_path, """\
        - kind: closing
          repeat: {metric: total}
        """)
    assert issue.path == "slides[0].repeat.metric" and "table metric" in issue.message


def test_unknown_source_is_located(tmp_path):
    issue = error(tmp_path, """\
        - kind: closing
          repeat: {source: sale, column: region}
        """)
    assert issue.path == "slides[0].repeat.source" and issue.line == 10 and "sales" in issue.hint


def test_metric_and_source_together_are_an_error(tmp_path):
    issue = error(tmp_path, """\
        - kind: closing
          repeat: {metric: by_region, source: sales, column: region}
        """)
    assert issue.path.startswith("slides[0].repeat") and "exactly one of 'metric'" in issue.message


def test_limit_is_bounded(tmp_path):
    issue = error(tmp_path, """\
        - kind: closing
          repeat: {metric: by_region, limit: 51}
        """)
    assert issue.path == "slides[0].repeat.limit"


def test_a_group_metric_without_rows_is_an_error_at_the_metric(tmp_path):
    issue = error(tmp_path, """\
        - kind: closing
          repeat: {metric: none}
        """, DataError)
    assert issue.path == "metrics.none" and "no rows" in issue.message


def test_cli_exits_2_on_a_bad_repeat(tmp_path, capsys):
    spec = write_spec(tmp_path, "- kind: closing\n  repeat: {source: sales, column: nope}\n")
    assert cli.main(["build", str(spec), "-o", str(tmp_path / "out.pptx")]) == 2
    err = capsys.readouterr().err
    assert "deck.yaml:10:" in err and "Traceback" not in err


def test_a_metric_on_a_copy_reading_a_source_without_the_group_column_is_located_at_repeat(tmp_path):
    (tmp_path / "other.csv").write_text("v\n1\n", encoding="utf-8")
    spec = write_spec(tmp_path, """\
        - kind: closing
          repeat: {metric: by_region}
          title: "{{ other }}"
        """)
    text = spec.read_text(encoding="utf-8").replace("slides:", "  other: {source: other, agg: sum, column: v}\nslides:")
    spec.write_text(text.replace("metrics:", "  other: {type: csv, path: other.csv}\nmetrics:"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        build_deck(spec, output=tmp_path / "out.pptx")
    issue = info.value.issues[0]
    assert issue.path.startswith("slides[0].repeat") and issue.line == 12 and "'region'" in issue.message


def test_more_groups_than_the_limit_is_refused_at_repeat(tmp_path, monkeypatch):
    monkeypatch.setattr("deckbuilder.build.repeat.MAX_REPEAT", 2)
    issue = error(tmp_path, """\
        - kind: closing
          repeat: {metric: by_region}
        """)
    assert issue.path == "slides[0].repeat" and "3 slides; at most 2" in issue.message and "limit" in issue.hint


def test_a_slide_link_after_a_repeated_slide_jumps_to_its_target_not_by_position(tmp_path):
    out = tmp_path / "out.pptx"
    build_deck(write_spec(tmp_path, """\
        - kind: closing
          repeat: {metric: by_region}
          title: "{{ group.region }}"
        - kind: points
          title: 要点
          points: [{heading: 一, link: {slide: end}}, {heading: 二}]
        - {kind: closing, id: end, title: 结束}
        """), output=out)
    slides = Presentation(str(out)).slides
    point = next(shape for shape in slides[3].shapes if shape.name == "Point 01")
    r_id = point._element.xpath("./*[1]/p:cNvPr/a:hlinkClick")[0].get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    assert slides[3].part.rels[r_id].target_part is slides[4].part  # the closing slide, past three copies
