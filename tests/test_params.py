"""params: typed report parameters, set from the spec, --param, the API and departments."""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd
import pytest

from deckbuilder import cli
from deckbuilder.build import build_deck
from deckbuilder.deck.keep_together import visible_text
from deckbuilder.errors import SpecError
from deckbuilder.metrics.engine import MetricEngine
from deckbuilder.spec.loader import load_spec

SPEC = """\
deck: {title: "{{ year }} 年度总结"}
params:
  year: {type: year, default: 2025, min: 2024}
  as_of: {type: date, default: 2025-06-30}
  platforms: {type: list, default: [天猫, 京东], allowed: [天猫, 京东, 抖音]}
slides:
  - kind: title
"""

ORDERS = pd.DataFrame({
    "date": pd.to_datetime(["2024-03-01", "2024-09-01", "2025-03-01", "2025-09-01"]),
    "platform": ["天猫", "京东", "天猫", "抖音"],
    "amount": [1.0, 2.0, 4.0, 8.0],
})


def write(tmp_path, text=SPEC, name="deck.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def engine(metrics, params, frame=ORDERS):
    return MetricEngine({"orders": {"type": "csv", "path": "x.csv"}}, metrics, data={"orders": frame}, params=params)


def only_issue(error):
    assert len(error.value.issues) == 1, [str(i) for i in error.value.issues]
    return error.value.issues[0]


# --- declaring and setting --------------------------------------------------------------------
def test_defaults_are_typed():
    params = load_spec(SPEC).model.params
    assert params["year"].default == 2025
    assert params["as_of"].default == dt.date(2025, 6, 30)
    assert params["platforms"].default == ["天猫", "京东"]


def test_a_param_value_from_text_takes_the_declared_type():
    loaded = load_spec(SPEC, params={"year": "2026", "as_of": "2026-03-31", "platforms": "天猫,抖音"})
    params = loaded.model.params
    assert (params["year"].default, params["as_of"].default) == (2026, dt.date(2026, 3, 31))
    assert params["platforms"].default == ["天猫", "抖音"]


def test_unknown_param_suggests_the_declared_one():
    with pytest.raises(SpecError) as info:
        load_spec(SPEC, params={"yaer": "2026"})
    issue = only_issue(info)
    assert issue.message == "unknown parameter 'yaer'" and "did you mean 'year'?" in issue.hint
    assert issue.file == "--param yaer=2026"


def test_wrong_type_says_what_is_allowed():
    with pytest.raises(SpecError) as info:
        load_spec(SPEC, params={"year": "twenty"})
    issue = only_issue(info)
    assert issue.path == "params.year.default" and "is not a year such as 2025" in issue.message
    assert issue.file == "--param year=twenty"


def test_value_below_min_is_refused():
    with pytest.raises(SpecError, match="2023 is below the minimum 2024"):
        load_spec(SPEC, params={"year": 2023})


def test_value_outside_allowed_lists_them():
    with pytest.raises(SpecError, match="'拼多多' is not allowed; allowed: 天猫, 京东, 抖音"):
        load_spec(SPEC, params={"platforms": ["拼多多"]})


def test_bad_default_is_located_in_the_spec(tmp_path):
    path = write(tmp_path, SPEC.replace("default: 2025-06-30", "default: 2025-13-01"))
    with pytest.raises(SpecError) as info:
        load_spec(path)
    issue = only_issue(info)
    assert (issue.path, issue.line) == ("params.as_of.default", 4) and "is not a date" in issue.message


def test_param_named_like_a_metric_is_refused():
    text = SPEC + "metrics:\n  year: {formula: '1'}\n"
    with pytest.raises(SpecError) as info:
        load_spec(text)
    assert "parameter 'year' has the name of a metric" in info.value.issues[0].message


def test_a_parameter_name_with_a_dot_is_refused_at_its_own_line():
    text = SPEC.replace("  platforms:", "  a.b: {type: text, default: x}\n  platforms:")
    with pytest.raises(SpecError) as info:
        load_spec(text)
    issue = info.value.issues[0]
    assert (issue.path, issue.line) == ("params.a.b", 5) and "is not a plain name" in issue.message


def test_latest_needs_latest_of():
    text = SPEC.replace("default: 2025-06-30", "default: latest")
    with pytest.raises(SpecError, match="latest needs latest_of"):
        load_spec(text)


# --- using them --------------------------------------------------------------------------------
def test_where_uses_a_param_by_name_or_as_params_name():
    e = engine({"fy": {"source": "orders", "agg": "sum", "column": "amount", "where": "year(date) == year"},
                "prev": {"source": "orders", "agg": "sum", "column": "amount",
                         "where": "year(date) == params.year - 1"}},
               {"year": {"type": "year", "default": 2025}})
    assert (e.get("fy").value, e.get("prev").value) == (12.0, 3.0)


def test_a_column_wins_over_a_param_of_the_same_name():
    frame = ORDERS.assign(year=[2024, 2024, 2025, 2025])
    e = engine({"m": {"source": "orders", "agg": "sum", "column": "amount", "where": "year == params.year"}},
               {"year": {"type": "year", "default": 2024}}, frame)
    assert e.get("m").value == 3.0


def test_list_param_after_in():
    e = engine({"m": {"source": "orders", "agg": "sum", "column": "amount", "where": "platform in params.platforms"}},
               {"platforms": {"type": "list", "default": ["天猫"]}})
    assert e.get("m").value == 5.0


def test_list_param_outside_in_is_an_error():
    with pytest.raises(SpecError, match="is a list: use it after in"):
        engine({"m": {"source": "orders", "agg": "sum", "column": "amount", "where": "platform == params.p"}},
               {"p": {"type": "list", "default": ["天猫"]}})


def test_formula_uses_a_number_param():
    e = engine({"total": {"source": "orders", "agg": "sum", "column": "amount"},
                "per_unit": {"formula": "total / scale"}}, {"scale": {"type": "number", "default": 3}})
    assert e.get("per_unit").value == 5.0


def test_unknown_params_name_in_where_suggests():
    with pytest.raises(SpecError) as info:
        engine({"m": {"source": "orders", "agg": "sum", "column": "amount", "where": "year(date) == params.yeer"}},
               {"year": {"type": "year", "default": 2025}})
    assert "unknown parameter 'yeer'" in info.value.issues[0].message
    assert "did you mean 'year'?" in info.value.issues[0].hint


def test_latest_date_param_comes_from_the_data_after_filters():
    e = MetricEngine({"orders": {"type": "csv", "path": "x.csv"}}, {}, data={"orders": ORDERS},
                     params={"as_of": {"type": "date", "default": "latest", "latest_of": "orders.date"}},
                     filters={"platform": "天猫"})
    assert e.params()["as_of"] == dt.date(2025, 3, 1)


def test_latest_of_an_unknown_source_is_located():
    e = MetricEngine({"orders": {"type": "csv", "path": "x.csv"}}, {}, data={"orders": ORDERS},
                     params={"as_of": {"type": "date", "default": "latest", "latest_of": "order.date"}})
    with pytest.raises(SpecError) as info:
        e.params()
    issue = info.value.issues[0]
    assert issue.path == "params.as_of.latest_of" and "did you mean 'orders'?" in issue.hint


def test_text_templates_and_output_names_use_params(tmp_path):
    result = build_deck(SPEC, params={"year": 2026}, output=tmp_path / "deck_{year}.pptx", lint=False)
    assert result.path == tmp_path / "deck_2026.pptx" and result.path.is_file()
    from pptx import Presentation

    texts = [visible_text(s.text_frame.text) for s in Presentation(result.path).slides[0].shapes if s.has_text_frame]
    assert "2026 年度总结" in texts


def test_a_param_value_in_the_output_name_cannot_leave_its_folder(tmp_path):
    spec = SPEC.replace("slides:", "  region: {type: text, default: ../../escaped}\nslides:")
    out = tmp_path / "a" / "b"
    out.mkdir(parents=True)
    result = build_deck(spec, output=out / "deck_{region}.pptx", lint=False)
    assert result.path == out / "deck__.._escaped.pptx" and result.path.is_file()  # as --pattern does
    assert list(tmp_path.rglob("*.pptx")) == [result.path]


def test_output_name_with_an_unknown_param_is_an_error(tmp_path):
    with pytest.raises(Exception, match="is not a parameter"):
        build_deck(SPEC, output=tmp_path / "deck_{yaer}.pptx", lint=False)


def test_department_sets_a_param_and_the_command_line_wins(tmp_path):
    text = SPEC + textwrap.dedent("""\
        departments:
          - {name: 美妆, params: {year: 2024}}
        """)
    path = write(tmp_path, text)
    from deckbuilder.build.pipeline import resolve_variant

    variant = resolve_variant(load_spec(path), "美妆")
    assert variant.loaded.model.params["year"].default == 2024 and variant.file_name_fields["year"] == "2024"
    variant = resolve_variant(load_spec(path, params={"year": "2026"}), "美妆")
    assert variant.loaded.model.params["year"].default == 2026


def test_department_with_an_unknown_param_is_located(tmp_path):
    path = write(tmp_path, SPEC + "departments:\n  - {name: 美妆, params: {yr: 2024}}\n")
    from deckbuilder.build.pipeline import resolve_variant

    with pytest.raises(SpecError) as info:
        resolve_variant(load_spec(path), "美妆")
    issue = only_issue(info)
    assert issue.line == 9 and "unknown parameter 'yr'" in issue.message


def test_cli_param_error_exits_2(tmp_path, capsys):
    path = write(tmp_path)
    assert cli.main(["build", str(path), "--param", "year=abc", "-o", str(tmp_path / "x.pptx")]) == 2
    err = capsys.readouterr().err
    assert "--param year=abc" in err and "is not a year" in err and "Traceback" not in err


def test_cli_param_without_equals_exits_2(tmp_path, capsys):
    assert cli.main(["validate", str(write(tmp_path)), "--param", "year"]) == 2
    assert "write --param NAME=VALUE" in capsys.readouterr().err


def test_column_names_with_a_param():
    frame = pd.DataFrame({"orders_2024": [1, 0, 3], "orders_2025": [2, 2, 0], "spend_2025": [5.0, 6.0, 7.0]})
    e = engine({"active": {"source": "orders", "agg": "count", "where": "`orders_{year}` >= 1"},
                "before": {"source": "orders", "agg": "count", "where": "`orders_{year - 1}` >= 1"},
                "spend": {"source": "orders", "agg": "sum", "column": "spend_{year}"}},
               {"year": {"type": "year", "default": 2025}}, frame)
    assert (e.get("active").value, e.get("before").value, e.get("spend").value) == (2.0, 2.0, 18.0)


def test_unknown_param_in_a_column_name_is_located():
    with pytest.raises(SpecError) as info:
        engine({"m": {"source": "orders", "agg": "sum", "column": "spend_{yr}"}},
               {"year": {"type": "year", "default": 2025}}).get("m")
    assert info.value.issues[0].path == "metrics.m.column" and "did you mean 'year'?" in info.value.issues[0].hint


def test_pattern_of_department_decks_uses_params(tmp_path):
    from deckbuilder.build import build_decks

    path = write(tmp_path, SPEC + "departments:\n  - {name: 美妆, code: beauty, params: {year: 2024}}\n"
                                  "  - {name: 数码, code: digital}\n")
    results = build_decks(path, output_dir=tmp_path / "out", pattern="{code}_{year}.pptx",
                          params={"as_of": "2025-01-31"})
    assert sorted(r.path.name for r in results) == ["beauty_2024.pptx", "digital_2025.pptx"]


@pytest.mark.parametrize("name", ["deck_{year.__class__}.pptx", "deck_{year!r}.pptx", "deck_{{year}.pptx"])
def test_output_name_takes_plain_param_fields_only(tmp_path, name):
    from deckbuilder.errors import OutputError

    with pytest.raises(OutputError):
        build_deck(SPEC, output=tmp_path / name, lint=False)
