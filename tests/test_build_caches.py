"""What a build keeps for speed never goes stale: builds in one process give the bytes a fresh process gives.

Kept per process: compiled templates and the names they read (text/templating.py), wrapped lines
(deck/fonts.py), glyph and pair advances per font file (deck/glyph_advances.py, checked against
Pillow's own string lengths in tests/test_glyph_advances.py), python-pptx's compiled XPath
expressions and Clark names (deck/oxml/lookups.py, pure functions of their text, checked in
tests/test_deck_linear.py), SVG fallbacks by (SVG text, width) (deck/svg.py, a pure function);
per template: each layout's frame placeholders and decoration (deck/template.py); per template
part: inherited placeholder boxes (deck/placeholder_box.py); per metric table: its row index
(metrics/results.py); per lint pass: each text body's cascade (deck/text_cascade.py, checked in
tests/test_lint_content.py).
"""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from jinja2 import meta
from support import ROOT

from deckbuilder import build_deck
from deckbuilder.errors import DataError
from deckbuilder.metrics.results import MetricResult
from deckbuilder.spec.themes import LAYOUTS_DIR
from deckbuilder.text.compiled import compile_tree
from deckbuilder.text.templating import environment

SLIDES = """\
slides:
  - kind: title
  - kind: chart
    title: 趋势 {{ deck.title }}
    chart: {type: column_clustered, data: {categories: [一季度, 二季度], series: {销售额: [1, 2]}}}
    commentary: 销售额逐季上升，旺季集中在下半年。
  - kind: points
    title: 要点
    points: [{heading: 增长, text: 新客与复购共同拉动。}, {heading: 效率, text: 履约成本下降。}]
  - kind: closing
"""


def _spec(tmp_path, name: str, template: str) -> str:
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"deck: {{title: {name}, template: {template}}}\n" + SLIDES, encoding="utf-8")
    return str(path)


def _fresh_process_bytes(spec: str, out) -> bytes:
    code = f"from deckbuilder import build_deck; build_deck({spec!r}, output={str(out)!r})"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return out.read_bytes()


def test_builds_with_different_templates_in_one_process_match_fresh_builds(tmp_path):
    default = _spec(tmp_path, "a", str(LAYOUTS_DIR / "default.pptx"))
    corporate = _spec(tmp_path, "b", str(LAYOUTS_DIR / "corporate.pptx"))
    in_process = []
    for spec in (default, corporate, default, corporate):  # each after a build on the other template
        in_process.append(build_deck(spec, write=False).data)
    assert in_process[0] == in_process[2] and in_process[1] == in_process[3]
    assert in_process[0] == _fresh_process_bytes(default, tmp_path / "a.pptx")
    assert in_process[1] == _fresh_process_bytes(corporate, tmp_path / "b.pptx")


@pytest.mark.parametrize("text", [
    "{{ a }} and {{ b | yi }}",
    "{% for x in items %}{{ x }}{{ y }}{% endfor %}",
    "{% set s = 1 %}{{ s + t }}",
    "{% macro m(p) %}{{ p }}{{ q }}{% endmacro %}{{ m(r) }}",
    "{{ range(3) | join(',') }}{{ loop_free }}",
    "{% if cond %}{{ yes }}{% else %}{{ no }}{% endif %}",
])
def test_names_a_template_reads_are_jinjas(text):
    env = environment("zh_CN")
    _, names = compile_tree(env, env.parse(text))
    assert names == meta.find_undeclared_variables(env.parse(text))


def test_a_template_compiled_once_renders_what_jinja_renders():
    env = environment("zh_CN")
    text = "{% for x in items %}{{ x }}-{% endfor %}{{ n * 2 }}"
    template, _ = compile_tree(env, env.parse(text))
    assert template.render(items=[1, 2], n=3) == env.from_string(text).render(items=[1, 2], n=3) == "1-2-6"


def test_a_metric_tables_row_index_follows_its_table():
    result = MetricResult(name="m", kind="table", keys=["k"],
                          table=pd.DataFrame({"k": ["天猫", "京东"], "m": [1.0, 2.0]}))
    assert result.lookup("京东") == 2.0
    result.table = pd.DataFrame({"k": ["京东", "天猫"], "m": [5.0, 6.0]})
    assert result.lookup("京东") == 5.0 and result.row("天猫") == {"k": "天猫", "m": 6.0}


def test_missing_keys_match_no_lookup():
    result = MetricResult(name="m", kind="table", keys=["k"],
                          table=pd.DataFrame({"k": pd.array(["a", None], dtype="str"), "m": [1.0, 2.0]}))
    with pytest.raises(DataError, match="no row"):
        result.lookup("nan")


def test_first_row_wins_for_repeated_keys():
    result = MetricResult(name="m", kind="table", keys=["k", "j"],
                          table=pd.DataFrame({"k": [2024, 2024, 2025], "j": ["x", "x", "y"], "m": [1.0, 2.0, 3.0]}))
    assert result.lookup(2024) == 1.0 and result.lookup((2024, "x")) == 1.0 and result.lookup((2025, "y")) == 3.0

