"""Bad input gets a clear error and loses nothing: no half-written file, an existing one untouched."""

from __future__ import annotations

import shutil
import textwrap

import pytest
from support import ROOT

from deckbuilder import build_deck
from deckbuilder.errors import DataError, OutputError, SpecError, TemplateError

INLINE_CHART = "{type: column_clustered, data: {categories: [一季度, 二季度], series: {销售额: [1, 2]}}}"


def write_spec(tmp_path, body: str, name: str = "deck.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.fixture
def minimal_spec(tmp_path):
    return write_spec(tmp_path, f"""\
        deck: {{title: 年度总结}}
        slides:
          - kind: title
          - kind: chart
            title: 趋势
            chart: {INLINE_CHART}
        """)


def test_minimal_spec_builds(minimal_spec, tmp_path):
    result = build_deck(minimal_spec, output=tmp_path / "out.pptx")
    assert result.slides == 2 and result.path.is_file()


def test_missing_template(tmp_path):
    spec = write_spec(tmp_path, "deck: {title: t, template: nope.pptx}\nslides: [{kind: title}]\n")
    with pytest.raises(TemplateError, match="template not found"):
        build_deck(spec, output=tmp_path / "out.pptx")


def test_template_that_is_not_a_pptx(tmp_path):
    (tmp_path / "fake.pptx").write_text("not a zip")
    (tmp_path / "fake.yaml").write_text((ROOT / "layouts" / "default.yaml").read_text(encoding="utf-8"))
    spec = write_spec(tmp_path, "deck: {title: t, template: fake.pptx}\nslides: [{kind: title}]\n")
    with pytest.raises(TemplateError, match="not a .pptx file"):
        build_deck(spec, output=tmp_path / "out.pptx")


def test_layout_map_naming_a_missing_layout_and_placeholder(tmp_path):
    shutil.copy(ROOT / "layouts" / "default.pptx", tmp_path / "t.pptx")
    mapping = (ROOT / "layouts" / "default.yaml").read_text(encoding="utf-8")
    mapping = mapping.replace('"Closing"', '"Schluss"', 1).replace("idx: 11", "idx: 99", 1)
    (tmp_path / "t.yaml").write_text(mapping, encoding="utf-8")
    spec = write_spec(tmp_path, "deck: {title: t, template: t.pptx}\nslides: [{kind: title}]\n")
    with pytest.raises(TemplateError) as info:
        build_deck(spec, output=tmp_path / "out.pptx")
    messages = " | ".join(str(i) for i in info.value.issues)
    assert "layout 'Schluss'" in messages and "t.pptx" in messages
    assert "idx 99" in messages


@pytest.fixture
def missing_csv_spec(tmp_path):
    """A spec whose chart reads a CSV file that does not exist (line 5)."""
    return write_spec(tmp_path, """\
        deck: {title: t}
        slides:
          - kind: chart
            title: 趋势
            chart: {type: line, csv: missing.csv}
        """)


def test_missing_csv_for_a_chart(missing_csv_spec, tmp_path):
    spec = missing_csv_spec
    with pytest.raises(DataError) as info:
        build_deck(spec, output=tmp_path / "out.pptx")
    issue = info.value.issues[0]
    assert issue.message == f"file not found: {tmp_path / 'missing.csv'}"
    assert issue.path == "slides[0].chart.csv" and issue.line == 5


def test_missing_logo_image(tmp_path):
    spec = write_spec(tmp_path, f"""\
        deck:
          title: t
          theme: {{name: x, logo: missing.png}}
        slides:
          - kind: chart
            title: 趋势
            chart: {INLINE_CHART}
        """)
    with pytest.raises(SpecError, match="logo image not found"):
        build_deck(spec, output=tmp_path / "out.pptx")


def test_output_folder_that_does_not_exist(minimal_spec, tmp_path):
    with pytest.raises(OutputError, match="output folder does not exist"):
        build_deck(minimal_spec, output=tmp_path / "no" / "such" / "out.pptx")


def test_output_folder_that_is_not_writable(minimal_spec):
    # /proc refuses new files even to root, so this holds in CI too.
    with pytest.raises(OutputError, match="cannot write|not writable"):
        build_deck(minimal_spec, output="/proc/out.pptx")


def test_failed_build_leaves_existing_output_untouched(missing_csv_spec, tmp_path):
    spec = missing_csv_spec
    out = tmp_path / "out.pptx"
    out.write_bytes(b"previous deck")
    with pytest.raises(DataError):
        build_deck(spec, output=out)
    assert out.read_bytes() == b"previous deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.yaml", "out.pptx"]
