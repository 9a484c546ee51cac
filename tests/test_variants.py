"""One spec, a deck per department: extends, --set overrides and department resolution."""

from __future__ import annotations

import textwrap

import pytest

from deckbuilder.errors import SpecError, TemplateError
from deckbuilder.spec.loader import load_spec
from deckbuilder.spec.variants.departments import department_names, resolve_department
from deckbuilder.spec.variants.overrides import parse_override

BASE = """\
    deck:
      title: 年度总结
      presenter: 张明
      theme: default
      variables: {year: 2025, region: 全国}
    data:
      orders: {type: csv, path: orders.csv, parse_dates: [date]}
    metrics:
      total_sales: {source: orders, agg: sum, column: amount}
    slides:
      - {kind: title, id: cover}
      - {kind: agenda}
      - {kind: section, title: 业绩回顾}
      - {kind: kpi, id: kpis, title: 指标, cards: [{label: a, value: 1}, {label: b, value: 2}]}
      - {kind: chart, id: trend, title: 趋势, chart: {type: line, metric: total_sales}}
      - {kind: section, title: 明年计划}
      - {kind: points, id: plan, title: 计划, points: [{heading: 一}, {heading: 二}]}
      - {kind: closing}
    departments:
      - name: 美妆个护
        presenter: 李雷
        filters: {category: 美妆个护}
      - name: 家电
        filters: {category: [大家电, 小家电]}
    """


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def only(issues):
    assert len(issues) == 1, [str(i) for i in issues]
    return issues[0]


def spec_error(*args, **kwargs):
    with pytest.raises(SpecError) as info:
        load_spec(*args, **kwargs)
    return only(info.value.issues)


def kinds(loaded):
    return [s.kind for s in loaded.model.slides]


# --------------------------------------------------------------------------- extends
def test_extends_merges_mappings_key_by_key(tmp_path):
    write(tmp_path, "base.yaml", BASE)
    path = write(tmp_path, "child.yaml", """\
        extends: base.yaml
        deck:
          subtitle: 美妆个护
          variables: {region: 华东}
        """)
    deck = load_spec(path).model.deck
    assert (deck.title, deck.subtitle, deck.presenter) == ("年度总结", "美妆个护", "张明")
    assert deck.variables == {"year": 2025, "region": "华东"}


def test_extends_scalars_replace(tmp_path):
    write(tmp_path, "base.yaml", BASE)
    path = write(tmp_path, "child.yaml", "extends: base.yaml\ndeck: {presenter: 韩梅梅}\n")
    assert load_spec(path).model.deck.presenter == "韩梅梅"


def test_extends_lists_replace_as_a_whole(tmp_path):
    write(tmp_path, "base.yaml", BASE)
    path = write(tmp_path, "child.yaml", """\
        extends: base.yaml
        data:
          orders: {parse_dates: [paid_at]}
        slides:
          - {kind: title}
        """)
    loaded = load_spec(path)
    assert loaded.model.data["orders"].parse_dates == ["paid_at"]
    assert loaded.model.data["orders"].path == "orders.csv"
    assert kinds(loaded) == ["title"]


def test_extends_slides_mapping_patches_slides_by_id(tmp_path):
    write(tmp_path, "base.yaml", BASE)
    path = write(tmp_path, "child.yaml", """\
        extends: base.yaml
        slides:
          trend: {title: 新趋势}
          plan: null
        """)
    slides = load_spec(path).model.slides
    assert [s.id for s in slides if s.id] == ["cover", "kpis", "trend"]
    assert next(s for s in slides if s.id == "trend").title == "新趋势"


def test_extends_slide_patch_with_unknown_id_suggests_one(tmp_path):
    write(tmp_path, "base.yaml", BASE)
    path = write(tmp_path, "child.yaml", "extends: base.yaml\nslides:\n  trned: {title: x}\n")
    issue = spec_error(path)
    assert issue.file == str(path) and issue.line == 3 and "did you mean 'trend'?" in issue.hint


def test_extends_merges_departments_by_name(tmp_path):
    write(tmp_path, "base.yaml", BASE)
    path = write(tmp_path, "child.yaml", """\
        extends: base.yaml
        departments:
          - {name: 家电, presenter: 王芳}
          - {name: 服饰, filters: {category: 服饰}}
        """)
    loaded = load_spec(path)
    assert department_names(loaded) == ["美妆个护", "家电", "服饰"]
    appliances = loaded.model.departments[1]
    assert appliances.presenter == "王芳" and appliances.filters == {"category": ["大家电", "小家电"]}


def test_nested_extends(tmp_path):
    write(tmp_path, "company.yaml", BASE)
    write(tmp_path, "region.yaml", "extends: company.yaml\ndeck: {subtitle: 华东区}\n")
    path = write(tmp_path, "team.yaml", "extends: region.yaml\ndeck: {presenter: 赵六}\n")
    deck = load_spec(path).model.deck
    assert (deck.title, deck.subtitle, deck.presenter) == ("年度总结", "华东区", "赵六")


def test_extends_cycle_is_an_error(tmp_path):
    write(tmp_path, "a.yaml", "extends: b.yaml\n")
    write(tmp_path, "b.yaml", "deck: {title: x}\nextends: a.yaml\n")
    issue = spec_error(tmp_path / "a.yaml")
    assert issue.message.startswith("extends cycle:") and "a.yaml -> " in issue.message
    assert issue.file.endswith("b.yaml") and issue.line == 2


def test_missing_base_file(tmp_path):
    path = write(tmp_path, "child.yaml", "deck: {title: x}\nextends: nope.yaml\n")
    issue = spec_error(path)
    assert "base spec not found" in issue.message and "nope.yaml" in issue.message
    assert issue.file == str(path) and issue.line == 2


def test_error_inside_base_file_names_the_base_file_and_line(tmp_path):
    base = write(tmp_path, "base.yaml", BASE.replace("theme: default", "theme: default\n      presentor: 某人"))
    path = write(tmp_path, "child.yaml", "extends: base.yaml\ndeck: {subtitle: 副标题}\n")
    issue = spec_error(path)
    assert issue.message == "unknown key 'presentor'" and issue.file == str(base) and issue.line == 5


def test_base_file_paths_stay_relative_to_the_base_file(tmp_path):
    write(tmp_path, "company/base.yaml", BASE)
    path = write(tmp_path, "teams/beauty.yaml", "extends: ../company/base.yaml\n")
    loaded = load_spec(path)
    assert (loaded.base_dir / loaded.model.data["orders"].path).resolve() == (tmp_path / "company/orders.csv")


# --------------------------------------------------------------------------- --set
def test_set_a_scalar(tmp_path):
    path = write(tmp_path, "deck.yaml", BASE)
    assert load_spec(path, overrides=["deck.presenter=李雷"]).model.deck.presenter == "李雷"


def test_set_a_nested_new_key(tmp_path):
    path = write(tmp_path, "deck.yaml", BASE)
    loaded = load_spec(path, overrides=["deck.variables.quarter=Q4"])
    assert loaded.model.deck.variables == {"year": 2025, "region": "全国", "quarter": "Q4"}


def test_set_by_index_and_by_name(tmp_path):
    path = write(tmp_path, "deck.yaml", BASE)
    loaded = load_spec(path, overrides=["slides[4].title=新标题", "departments[家电].theme=ocean",
                                        "slides[plan].title=计划二"])
    assert loaded.model.slides[4].title == "新标题"
    assert loaded.model.departments[1].theme == "ocean"
    assert loaded.model.slides[6].title == "计划二"


def test_set_values_are_typed_yaml(tmp_path):
    path = write(tmp_path, "deck.yaml", BASE)
    loaded = load_spec(path, overrides=["deck.variables.year=2026", "deck.variables.share=0.25",
                                        "departments[0].filters.category=[美妆, 个护]"])
    assert loaded.model.deck.variables["year"] == 2026 and loaded.model.deck.variables["share"] == 0.25
    assert loaded.model.departments[0].filters == {"category": ["美妆", "个护"]}


def test_parse_override_splits_path_and_value():
    assert parse_override("a.b[2].c=x=y") == (["a", "b", 2, "c"], "x=y")


@pytest.mark.parametrize("override", ["deck.presenter", "deck..title=x", "slides[3.title=x", "=x", "deck.title=[a"])
def test_bad_set_syntax_names_the_override(tmp_path, override):
    path = write(tmp_path, "deck.yaml", BASE)
    issue = spec_error(path, overrides=[override])
    assert issue.file == f"--set {override}" and issue.message.startswith("bad override")


def test_set_on_a_missing_index_names_the_override(tmp_path):
    path = write(tmp_path, "deck.yaml", BASE)
    issue = spec_error(path, overrides=["slides[30].title=x"])
    assert issue.file == "--set slides[30].title=x" and "has 8 items" in issue.message


def test_set_inside_a_text_value_is_an_error(tmp_path):
    path = write(tmp_path, "deck.yaml", BASE)
    issue = spec_error(path, overrides=["deck.title.main=x"])
    assert issue.file == "--set deck.title.main=x" and "not a mapping" in issue.message


def test_set_of_an_unknown_field_is_located_at_the_override(tmp_path):
    path = write(tmp_path, "deck.yaml", BASE)
    issue = spec_error(path, overrides=["deck.presentr=李雷"])
    assert issue.file == "--set deck.presentr=李雷" and issue.message == "unknown key 'presentr'"
    assert "did you mean 'presenter'?" in issue.hint


def test_set_of_a_bad_value_is_located_at_the_override(tmp_path):
    path = write(tmp_path, "deck.yaml", BASE)
    issue = spec_error(path, overrides=["deck.locale=fr"])
    assert issue.file == "--set deck.locale=fr" and issue.path == "deck.locale"


# --------------------------------------------------------------------------- departments
def test_department_names_in_spec_order(tmp_path):
    assert department_names(load_spec(write(tmp_path, "deck.yaml", BASE))) == ["美妆个护", "家电"]


def test_department_overrides_deck_fields(tmp_path):
    (tmp_path / "corp.pptx").write_bytes(b"")
    loaded = load_spec(write(tmp_path, "deck.yaml", BASE.replace("presenter: 李雷", """presenter: 李雷
        title: 美妆年度总结
        theme: {name: beauty, colors: {primary: C2185B}}
        template: corp.pptx""")))
    deck = resolve_department(loaded, "美妆个护").loaded.model.deck
    assert (deck.title, deck.presenter, deck.template, deck.layout_map) == ("美妆年度总结", "李雷", "corp.pptx", None)
    assert deck.theme.colors.primary == "C2185B"
    assert loaded.model.deck.presenter == "张明"  # the company spec is untouched


def test_department_filters_are_collected_as_lists(tmp_path):
    loaded = load_spec(write(tmp_path, "deck.yaml", BASE))
    assert resolve_department(loaded, "美妆个护").filters == {"category": ["美妆个护"]}
    assert resolve_department(loaded, "家电").filters == {"category": ["大家电", "小家电"]}


def test_department_replaces_a_data_source(tmp_path):
    loaded = load_spec(write(tmp_path, "deck.yaml", BASE.replace(
        "filters: {category: 美妆个护}", "data: {orders: {type: csv, path: beauty.csv}}")))
    assert resolve_department(loaded, "美妆个护").loaded.model.data["orders"].path == "beauty.csv"


def test_department_context_names_the_department(tmp_path):
    dept = resolve_department(load_spec(write(tmp_path, "deck.yaml", BASE)), "美妆个护")
    assert dept.context["name"] == "美妆个护" and dept.context["presenter"] == "李雷"
    assert dept.file_name_fields["name"] == "美妆个护"


def test_include_by_section_title_keeps_frame_slides(tmp_path):
    loaded = load_spec(write(tmp_path, "deck.yaml", BASE), overrides=["departments[0].include=[明年计划]"])
    assert kinds(resolve_department(loaded, "美妆个护").loaded) == ["title", "agenda", "section", "points", "closing"]


def test_include_by_id(tmp_path):
    loaded = load_spec(write(tmp_path, "deck.yaml", BASE), overrides=["departments[0].include=[kpis]"])
    assert kinds(resolve_department(loaded, "美妆个护").loaded) == ["title", "kpi", "closing"]


def test_skip_by_section_title(tmp_path):
    loaded = load_spec(write(tmp_path, "deck.yaml", BASE), overrides=["departments[0].skip=[业绩回顾]"])
    sections = [s.title for s in resolve_department(loaded, "美妆个护").loaded.model.slides if s.kind == "section"]
    assert sections == ["明年计划"]


def test_skip_by_id(tmp_path):
    loaded = load_spec(write(tmp_path, "deck.yaml", BASE), overrides=["departments[0].skip=[trend, cover]"])
    assert kinds(resolve_department(loaded, "美妆个护").loaded) == [
        "agenda", "section", "kpi", "section", "points", "closing"]


def test_agenda_is_dropped_when_no_section_remains(tmp_path):
    loaded = load_spec(write(tmp_path, "deck.yaml", BASE), overrides=["departments[0].skip=[业绩回顾, 明年计划]"])
    assert kinds(resolve_department(loaded, "美妆个护").loaded) == ["title", "closing"]


def test_extends_from_a_dict_spec_uses_base_dir(tmp_path):
    write(tmp_path, "base.yaml", BASE)
    loaded = load_spec({"extends": "base.yaml", "deck": {"subtitle": "x"}}, base_dir=tmp_path)
    assert loaded.model.deck.title == "年度总结" and loaded.model.deck.subtitle == "x"


def test_slide_department_field_limits_a_slide(tmp_path):
    loaded = load_spec(write(tmp_path, "deck.yaml", BASE), overrides=["slides[plan].department=家电"])
    assert "points" not in kinds(resolve_department(loaded, "美妆个护").loaded)
    assert "points" in kinds(resolve_department(loaded, "家电").loaded)


def test_unknown_department_suggests_one(tmp_path):
    loaded = load_spec(write(tmp_path, "deck.yaml", BASE.replace("家电", "Beauty")))
    with pytest.raises(SpecError) as info:
        resolve_department(loaded, "Beuaty")
    issue = only(info.value.issues)
    assert issue.message == "unknown department 'Beuaty'" and "did you mean 'Beauty'?" in issue.hint


def test_unknown_include_id_suggests_one(tmp_path):
    path = write(tmp_path, "deck.yaml", BASE.replace("presenter: 李雷", "presenter: 李雷\n        include: [trnd]"))
    issue = spec_error(path)
    assert issue.path == "departments[0].include[0]" and issue.line == 22 and "did you mean 'trend'?" in issue.hint


def test_department_theme_typo_is_located_in_the_department(tmp_path):
    path = write(tmp_path, "deck.yaml", BASE.replace("presenter: 李雷", "presenter: 李雷\n        theme: defualt"))
    with pytest.raises(SpecError) as info:
        resolve_department(load_spec(path), "美妆个护")
    issue = only(info.value.issues)
    assert (issue.path, issue.file, issue.line) == ("departments[0].theme", str(path), 22)
    assert "did you mean 'default'?" in issue.hint


def test_department_missing_template_is_located(tmp_path):
    path = write(tmp_path, "deck.yaml", BASE.replace("presenter: 李雷", "presenter: 李雷\n        template: nope.pptx"))
    with pytest.raises(TemplateError) as info:
        resolve_department(load_spec(path), "美妆个护")
    assert only(info.value.issues).line == 22


def test_errors_in_a_department_deck_point_at_the_written_slide(tmp_path):
    path = write(tmp_path, "deck.yaml", BASE)
    loaded = load_spec(path, overrides=["departments[0].skip=[cover]"])
    derived = resolve_department(loaded, "美妆个护").loaded
    issue = derived.issue("bad chart", ("slides", 3, "chart", "metric"))
    assert (issue.path, issue.line) == ("slides[4].chart.metric", 15)


def test_department_in_a_spec_that_extends_keeps_base_positions(tmp_path):
    base = write(tmp_path, "base.yaml", BASE)
    path = write(tmp_path, "beauty.yaml", """\
        extends: base.yaml
        departments:
          - name: 美妆个护
            title: 美妆年度总结
        """)
    derived = resolve_department(load_spec(path), "美妆个护").loaded
    assert derived.locate(("deck", "title"))[:2] == (str(path), 4)
    assert derived.locate(("deck", "variables", "year"))[:2] == (str(base), 5)
    assert derived.locate(("deck", "presenter"))[:2] == (str(base), 21)  # the base's department entry
