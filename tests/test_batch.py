"""Batch builds: a deck per department, sources loaded once, failures isolated, parallel = sequential."""

from __future__ import annotations

import textwrap

import pytest
from support import SPECS

from deckbuilder import cli
from deckbuilder.build import build_decks
from deckbuilder.errors import SpecError

REGIONS = f"""\
    extends: {SPECS / 'showcase.yaml'}
    deck:
      variables: {{year: 2025}}
    metrics:
      east_2025: {{source: sales, agg: sum, column: sales,
                   where: "year(date) == 2025 and region == '华东'", default: 0}}
    departments:
      - {{name: 华东大区, code: east, filters: {{region: 华东}}, presenter: 李雷, theme: ocean}}
      - {{name: 华南大区, code: south, filters: {{region: 华南}}, presenter: 韩梅梅, theme: forest}}
      - {{name: 华北大区, code: north, filters: {{region: 华北}}, presenter: 张伟, theme: sunset}}
    """


@pytest.fixture
def regions_spec(tmp_path):
    path = tmp_path / "regions.yaml"
    path.write_text(textwrap.dedent(REGIONS), encoding="utf-8")
    return path


def test_every_department_gets_a_deck(regions_spec, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    results = build_decks(regions_spec, output_dir=out, pattern="{code}/briefing_{year}.pptx")
    assert [r.department for r in results] == ["华东大区", "华南大区", "华北大区"]
    assert all(r.ok and r.slides == 27 for r in results), [r.error for r in results]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pptx")) == [
        "east/briefing_2025.pptx", "north/briefing_2025.pptx", "south/briefing_2025.pptx"]


def test_parallel_output_is_byte_identical_to_sequential(regions_spec, tmp_path):
    (tmp_path / "seq").mkdir()
    (tmp_path / "par").mkdir()
    build_decks(regions_spec, output_dir=tmp_path / "seq", jobs=1)
    build_decks(regions_spec, output_dir=tmp_path / "par", jobs=2)
    for deck in (tmp_path / "seq").glob("*.pptx"):
        assert deck.read_bytes() == (tmp_path / "par" / deck.name).read_bytes(), deck.name


def test_departments_differ_in_data_and_presenter(regions_spec, tmp_path):
    from deckbuilder.tools.inspect import inspect_deck

    build_decks(regions_spec, output_dir=tmp_path, departments=["华东大区", "华北大区"])
    east, north = (inspect_deck(tmp_path / f"{name}.pptx") for name in ("华东大区", "华北大区"))
    cover_text = lambda dump: " ".join(s.get("text", "") for s in dump["slides"][0]["shapes"])  # noqa: E731
    assert "李雷" in cover_text(east) and "张伟" in cover_text(north)
    assert east["slides"][3] != north["slides"][3]  # KPI slide: each region's own numbers


def test_sources_are_loaded_once_for_all_departments(regions_spec, tmp_path, monkeypatch):
    import deckbuilder.build.batch as batch

    caches = []
    original = batch._load_sources
    monkeypatch.setattr(batch, "_load_sources", lambda loaded: caches.append(original(loaded)) or caches[-1])
    build_decks(regions_spec, output_dir=tmp_path)
    assert caches[0].loads == 2  # two CSV sources (sales, products), three decks


def test_one_failing_department_does_not_stop_the_others(regions_spec, tmp_path):
    text = regions_spec.read_text(encoding="utf-8") + "  - {name: 火星, filters: {region: 火星}}\n"
    regions_spec.write_text(text, encoding="utf-8")
    results = build_decks(regions_spec, output_dir=tmp_path, jobs=2)
    failed = [r for r in results if not r.ok]
    assert [r.department for r in failed] == ["火星"]
    assert "matches no rows" in failed[0].error and "regions.yaml:" in failed[0].error
    assert len([r for r in results if r.ok]) == 3
    assert not (tmp_path / "火星.pptx").exists()


def test_cli_exit_code_is_non_zero_when_a_department_fails(regions_spec, tmp_path, capsys):
    text = regions_spec.read_text(encoding="utf-8") + "  - {name: 火星, filters: {region: 火星}}\n"
    regions_spec.write_text(text, encoding="utf-8")
    code = cli.main(["build", str(regions_spec), "--all-departments", "--jobs", "2", "-o", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err
    assert "1 of 4 department decks failed" in err and "Traceback" not in err


def test_unknown_department_suggests_a_name(regions_spec, tmp_path):
    with pytest.raises(SpecError) as info:
        build_decks(regions_spec, output_dir=tmp_path, departments=["华东大"])
    assert "华东大区" in str(info.value)


def test_build_one_department_from_the_cli(regions_spec, tmp_path, capsys):
    out = tmp_path / "east.pptx"
    assert cli.main(["build", str(regions_spec), "--department", "east", "-o", str(out)]) == 0
    assert out.is_file()


def test_set_overrides_a_field_from_the_cli(tmp_path):
    from deckbuilder.tools.inspect import inspect_deck

    out = tmp_path / "deck.pptx"
    assert cli.main(["build", str(SPECS / "showcase.yaml"), "--set", "deck.presenter=李雷", "-o", str(out)]) == 0
    cover = " ".join(s.get("text", "") for s in inspect_deck(out)["slides"][0]["shapes"])
    assert "李雷" in cover


def test_corporate_template_builds_the_showcase(tmp_path):
    from deckbuilder.tools.inspect import inspect_deck

    out = tmp_path / "corporate.pptx"
    assert cli.main(["build", str(SPECS / "showcase.yaml"), "--set", "deck.template=../layouts/corporate.pptx",
                     "--set", "deck.theme=corporate", "-o", str(out)]) == 0
    layouts = {s["layout"] for s in inspect_deck(out)["slides"]}
    assert {"封面", "目录", "章节页", "内容页", "图文页", "结束页"} == layouts
