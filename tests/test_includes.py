"""``include:``: slides from a slide library file, with typed parameters, exactly like written-out slides."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pptx import Presentation

from deckbuilder import build_deck, cli
from deckbuilder.errors import SpecError
from deckbuilder.spec.loader import load_spec
from deckbuilder.spec.variants import includes

HEAD = """\
deck: {title: t}
data:
  sales: {type: csv, path: sales.csv}
metrics:
  total: {source: sales, agg: sum, column: sales}
  online: {source: sales, agg: sum, column: sales, where: "channel == '线上'"}
slides:
- {kind: title, id: cover}
"""
ROWS = "region,channel,sales\n华东,线上,5\n华东,门店,1\n华南,线上,3\n"
KPI_PAGE = """\
description: the standard KPI page
params:
  region: {type: text, description: the region shown in the title}
  kpi: {type: metric, default: total}
  year: {type: year, default: 2025}
slides:
  - kind: kpi
    id: "kpi_{{ region }}"
    title: "{{ region }} {{ year }} 核心指标"
    commentary: "合计 {{ kpi | num }}"
    cards:
      - {label: 销售额, metric: "{{ kpi }}"}
      - {label: 年份, value: "{{ year }}"}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def deck(tmp_path: Path, slides: str, *, library: str = KPI_PAGE) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "sales.csv").write_text(ROWS, encoding="utf-8")
    write(tmp_path, "library/kpi_page.yaml", library)
    return write(tmp_path, "deck.yaml", HEAD + textwrap.dedent(slides))


def slides_of(path: Path) -> list[dict]:
    return [s.model_dump(exclude_defaults=True) for s in load_spec(path).model.slides]


def titles(out: Path) -> list[str]:
    return [s.shapes.title.text.replace("\u2060", "") for s in Presentation(str(out)).slides if s.shapes.title]


def issue_of(path: Path):
    with pytest.raises(SpecError) as info:
        load_spec(path)
    assert len(info.value.issues) == 1, [str(i) for i in info.value.issues]
    return info.value.issues[0]


# --------------------------------------------------------------------------- expansion
def test_an_included_slide_equals_the_slide_written_out(tmp_path):
    included = slides_of(deck(tmp_path, """\
        - include: library/kpi_page.yaml
          with: {region: 华东}
        """))
    written = slides_of(deck(tmp_path, """\
        - kind: kpi
          id: kpi_华东
          title: 华东 2025 核心指标
          commentary: "合计 {{ total | num }}"
          cards: [{label: 销售额, metric: total}, {label: 年份, value: 2025}]
        """))
    assert included == written


def test_a_deck_with_includes_builds_to_the_same_bytes_as_written_out(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    build_deck(deck(first, "- {include: library/kpi_page.yaml, with: {region: 华东}}\n"), output=first / "o.pptx")
    build_deck(deck(second, """\
        - kind: kpi
          id: kpi_华东
          title: 华东 2025 核心指标
          commentary: "合计 {{ total | num }}"
          cards: [{label: 销售额, metric: total}, {label: 年份, value: 2025}]
        """), output=second / "o.pptx")
    assert (first / "o.pptx").read_bytes() == (second / "o.pptx").read_bytes()


def test_each_include_binds_its_own_parameters_and_defaults(tmp_path):
    slides = slides_of(deck(tmp_path, """\
        - {include: library/kpi_page.yaml, with: {region: 华东}}
        - {include: library/kpi_page.yaml, with: {region: 华南, year: 2024, kpi: online}}
        """))
    assert [s.get("title") for s in slides[1:]] == ["华东 2025 核心指标", "华南 2024 核心指标"]
    assert [s["cards"][0]["metric"] for s in slides[1:]] == ["total", "online"]
    assert slides[2]["commentary"] == "合计 {{ online | num }}"  # a metric parameter names the metric in templates


def test_a_lone_parameter_keeps_its_type(tmp_path):
    slides = slides_of(deck(tmp_path, "- {include: library/kpi_page.yaml, with: {region: 华东, year: '2024'}}\n"))
    assert slides[1]["cards"][1]["value"] == 2024.0  # a year, not the text '2024'


def test_a_text_parameter_is_a_literal_inside_a_template(tmp_path):
    library = """\
        params: {region: {type: text}}
        slides:
          - {kind: closing, title: "{% if region == '华东' %}东{% else %}其他{% endif %}"}
        """
    out = tmp_path / "o.pptx"
    build_deck(deck(tmp_path, "- {include: library/kpi_page.yaml, with: {region: 华东}}\n", library=library),
               output=out)
    assert titles(out)[1] == "东"


def test_the_decks_own_names_stay_for_the_build(tmp_path):
    slides = slides_of(deck(tmp_path, "- {include: library/kpi_page.yaml, with: {region: 华东}}\n", library="""\
        params: {region: {type: text}}
        slides: [{kind: closing, title: "{{ region }} {{ total | yi }} {{ deck.title }}"}]
        """))
    assert slides[1]["title"] == "华东 {{ total | yi }} {{ deck.title }}"


def test_included_slides_keep_ids_for_set_and_departments(tmp_path):
    path = deck(tmp_path, """\
        - {include: library/kpi_page.yaml, with: {region: 华东}}
        - {include: library/kpi_page.yaml, with: {region: 华南}}
        departments:
          - {name: 南区, include: [kpi_华南]}
        """)
    loaded = load_spec(path, overrides=["slides[kpi_华东].title=东区"])
    assert [s.title for s in loaded.model.slides] == [None, "东区", "华南 2025 核心指标"]
    out = tmp_path / "south.pptx"
    build_deck(path, output=out, department="南区")
    assert titles(out)[-1:] == ["华南 2025 核心指标"]


def test_an_included_slide_may_repeat(tmp_path):
    out = tmp_path / "o.pptx"
    build_deck(deck(tmp_path, "- {include: library/kpi_page.yaml, with: {region: 区}}\n", library="""\
        params: {region: {type: text}}
        slides: [{kind: closing, title: "{{ region }}{{ group.region }}", repeat: {source: sales, column: region}}]
        """), output=out)
    assert titles(out)[1:] == ["区华东", "区华南"]


def test_paths_in_an_included_file_are_relative_to_that_file(tmp_path):
    write(tmp_path, "library/parts/table.csv", "a,b\nx,1\n")
    write(tmp_path, "library/parts/table_page.yaml", "slides: [{kind: table, title: t, table: {csv: table.csv}}]\n")
    path = deck(tmp_path, "- {include: library/kpi_page.yaml}\n", library="""\
        slides:
          - include: parts/table_page.yaml
        """)
    assert slides_of(path)[1]["table"]["csv"] == "library/parts/table.csv"


def test_a_base_spec_includes_from_its_own_folder(tmp_path):
    deck(tmp_path / "company", "- {include: library/kpi_page.yaml, with: {region: 华东}}\n")
    child = write(tmp_path, "child.yaml", "extends: company/deck.yaml\ndeck: {title: 子}\n")
    assert [s.id for s in load_spec(child).model.slides] == ["cover", "kpi_华东"]


# --------------------------------------------------------------------------- errors, located
def test_a_mistake_in_an_included_slide_is_located_in_the_library_file(tmp_path):
    issue = issue_of(deck(tmp_path, "- include: library/kpi_page.yaml\n", library="""\
        slides:
          - kind: kpi
            title: t
            cards: [{label: a, value: 1}, {label: b, value: 2, colour: red}]
        """))
    assert (Path(issue.file).name, issue.line) == ("kpi_page.yaml", 4)
    assert issue.path == f"(included at {tmp_path / 'deck.yaml'}:9) slides[0].cards[1].colour"


def test_an_unknown_metric_from_a_parameter_is_located_where_the_library_uses_it(tmp_path):
    issue = issue_of(deck(tmp_path, "- {include: library/kpi_page.yaml, with: {region: 华东, kpi: totl}}\n"))
    assert (Path(issue.file).name, issue.line) == ("kpi_page.yaml", 12)
    assert "unknown metric 'totl'" in issue.message and "total" in issue.hint


def test_a_template_error_in_an_included_slide_is_located_in_the_library_file(tmp_path):
    path = deck(tmp_path, "- {include: library/kpi_page.yaml}\n", library="""\
        slides: [{kind: closing, title: "{{ totl }}"}]
        """)
    with pytest.raises(SpecError) as info:
        build_deck(path, output=tmp_path / "o.pptx")
    issue = info.value.issues[0]
    assert (Path(issue.file).name, issue.line) == ("kpi_page.yaml", 1)


def test_a_missing_library_file_is_located_at_the_include(tmp_path):
    issue = issue_of(deck(tmp_path, "- include: library/kpi_pages.yaml\n"))
    assert (Path(issue.file).name, issue.line, issue.path) == ("deck.yaml", 9, "slides[1].include")
    assert "slide file not found" in issue.message


def test_an_unknown_parameter_has_a_did_you_mean(tmp_path):
    issue = issue_of(deck(tmp_path, "- {include: library/kpi_page.yaml, with: {regoin: 华东}}\n"))
    assert (issue.path, issue.line) == ("slides[1].with.regoin", 9)
    assert "did you mean 'region'" in issue.hint


def test_a_missing_parameter_is_named_at_the_include(tmp_path):
    issue = issue_of(deck(tmp_path, "- include: library/kpi_page.yaml\n"))
    assert issue.path == "slides[1].include" and "needs parameter 'region'" in issue.message
    assert "the region shown in the title" in issue.hint


def test_a_parameter_value_is_checked_against_its_type(tmp_path):
    issue = issue_of(deck(tmp_path, "- {include: library/kpi_page.yaml, with: {region: 华东, year: 二五}}\n"))
    assert issue.path == "slides[1].with.year" and "is not a year" in issue.message


def test_a_bad_parameter_declaration_is_located_in_the_library_file(tmp_path):
    issue = issue_of(deck(tmp_path, "- include: library/kpi_page.yaml\n", library="""\
        params:
          region: {type: txt}
        slides: [{kind: closing}]
        """))
    assert (Path(issue.file).name, issue.line, issue.path) == ("kpi_page.yaml", 2, "params.region.type")


def test_an_unknown_key_of_an_include_has_a_hint(tmp_path):
    issue = issue_of(deck(tmp_path, "- {include: library/kpi_page.yaml, wiht: {region: 华东}}\n"))
    assert issue.path == "slides[1].wiht" and "did you mean 'with'" in issue.hint


def test_a_library_file_needs_slides(tmp_path):
    issue = issue_of(deck(tmp_path, "- include: library/kpi_page.yaml\n", library="params: {}\nslide: []\n"))
    assert "unknown key 'slide'" in issue.message and Path(issue.file).name == "kpi_page.yaml"


def test_an_include_cycle_is_refused_naming_the_chain(tmp_path):
    write(tmp_path, "library/b.yaml", "slides:\n  - include: kpi_page.yaml\n")
    issue = issue_of(deck(tmp_path, "- include: library/kpi_page.yaml\n", library="slides:\n  - include: b.yaml\n"))
    assert (Path(issue.file).name, issue.line) == ("b.yaml", 2)
    assert issue.message.startswith("include cycle: ") and issue.message.count("kpi_page.yaml") == 2


def test_includes_nested_too_deep_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(includes, "MAX_INCLUDE_DEPTH", 2)
    write(tmp_path, "library/b.yaml", "slides:\n  - include: c.yaml\n")
    write(tmp_path, "library/c.yaml", "slides:\n  - {kind: closing}\n")
    issue = issue_of(deck(tmp_path, "- include: library/kpi_page.yaml\n", library="slides:\n  - include: b.yaml\n"))
    assert "nested more than 2 deep" in issue.message and Path(issue.file).name == "b.yaml"


def test_too_many_includes_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(includes, "MAX_INCLUDES", 3)
    library = "slides:\n  - {kind: closing}\n"
    issue = issue_of(deck(tmp_path, "- include: library/kpi_page.yaml\n" * 4, library=library))
    assert "more than 3 includes" in issue.message and (issue.path, issue.line) == ("slides[4].include", 12)


def test_a_library_file_is_read_with_the_safe_loader(tmp_path):
    issue = issue_of(deck(tmp_path, "- include: library/kpi_page.yaml\n",
                          library="slides: [!!python/object:os.system {kind: closing}]\n"))
    assert Path(issue.file).name == "kpi_page.yaml" and "not allowed" in issue.message


def test_an_alias_bomb_in_a_library_file_is_refused_there(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, n in zip("abcdef", "bcdefg"))
    issue = issue_of(deck(tmp_path, "- include: library/kpi_page.yaml\n", library=bomb + "slides: [*g]\n"))
    assert Path(issue.file).name == "kpi_page.yaml" and "more than" in issue.message


def test_the_cli_reports_an_include_error_with_exit_code_2(tmp_path, capsys):
    path = deck(tmp_path, "- include: library/nope.yaml\n")
    assert cli.main(["build", str(path), "-o", str(tmp_path / "o.pptx")]) == 2
    err = capsys.readouterr().err
    assert "deck.yaml:9" in err and "slide file not found" in err and "Traceback" not in err


def test_includes_that_copy_too_much_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(includes, "MAX_YAML_NODES", 20)
    library = "slides:\n  - {kind: closing, title: a, subtitle: b, notes: c}\n"  # 6 values under slides
    issue = issue_of(deck(tmp_path, "- include: library/kpi_page.yaml\n" * 4, library=library))
    assert "expand to more than 20 values" in issue.message and issue.path == "slides[4].include"


def test_a_spec_extending_a_base_patches_an_included_slide_by_id(tmp_path):
    deck(tmp_path / "company", "- {include: library/kpi_page.yaml, with: {region: 华东}}\n")
    child = write(tmp_path, "child.yaml", "extends: company/deck.yaml\nslides: {kpi_华东: {title: 东区}}\n")
    assert [s.title for s in load_spec(child).model.slides] == [None, "东区"]


def test_an_included_value_keeps_the_library_files_line(tmp_path):
    loaded = load_spec(deck(tmp_path, "- {include: library/kpi_page.yaml, with: {region: 华东}}\n"))
    file, line, _ = loaded.locate(("slides", 1, "cards", 0, "metric"))
    assert (Path(file).name, line) == ("kpi_page.yaml", 12)


def test_a_parameter_value_may_itself_be_a_template_of_the_deck(tmp_path):
    out = tmp_path / "o.pptx"
    build_deck(deck(tmp_path, "- {include: library/kpi_page.yaml, with: {region: '{{ deck.title }}区'}}\n",
                    library="params: {region: {type: text}}\nslides: [{kind: closing, title: '{{ region }}：谢谢'}]\n"),
               output=out)
    assert titles(out)[1] == "t区：谢谢"
