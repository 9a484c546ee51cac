"""Hostile spec text: every case ends in a deck or a located exit-2 error, quickly.

Never a traceback (exit 1), a hang or unbounded memory. The limits are in
deckbuilder/limits.py and docs/limits.md.
"""

from __future__ import annotations

import json
import re
import time
import zipfile

import pytest

from deckbuilder import cli
from deckbuilder.deck.xml_text import xml_text
from deckbuilder.limits import MAX_CORE_PROPERTY_LENGTH, MAX_SPEC_BYTES

SLIDES = "slides: [{kind: title}]\n"


def build(tmp_path, capsys, text: str | bytes, *, seconds: float = 5.0) -> tuple[int, str]:
    """Build a spec from *text*; return (exit code, stderr), checking it took under *seconds*."""
    spec = tmp_path / "deck.yaml"
    if isinstance(text, bytes):
        spec.write_bytes(text)
    else:
        spec.write_text(text, encoding="utf-8")
    start = time.monotonic()
    code = cli.main(["build", str(spec), "-o", str(tmp_path / "out.pptx")])
    assert time.monotonic() - start < seconds
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    return code, err


def assert_located(code: int, err: str, tmp_path, *, column: bool = True, text: str = "") -> None:
    """Exit 2, and the message starts at ``deck.yaml:LINE[:COL]``."""
    assert code == 2, err
    pattern = r"deck\.yaml:\d+:\d+: " if column else r"deck\.yaml:\d+(:\d+)?: "
    assert re.search(pattern, err), err
    assert text in err


def title_template(template: str) -> str:
    return "deck: {title: t}\nslides:\n  - kind: title\n    title: " + json.dumps(template) + "\n"


# --------------------------------------------------------------------------- YAML
LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))


def test_billion_laughs(tmp_path, capsys):
    code, err = build(tmp_path, capsys, LAUGHS + "deck: {title: t}\n" + SLIDES)
    assert_located(code, err, tmp_path, text="expands to more than")


def test_billion_laughs_under_deck_variables(tmp_path, capsys):
    nested = "".join(f"    {line}\n" for line in LAUGHS.splitlines())
    code, err = build(tmp_path, capsys, "deck:\n  title: t\n  variables:\n" + nested + SLIDES)
    assert_located(code, err, tmp_path, text="deck.variables.")


def test_self_referencing_alias(tmp_path, capsys):
    code, err = build(tmp_path, capsys, "deck: &d {self: *d}\n" + SLIDES)
    assert_located(code, err, tmp_path, text="refers to the mapping or list that contains it")


def test_merge_key_inside_its_own_anchor(tmp_path, capsys):
    code, err = build(tmp_path, capsys, "deck: &d {title: t, <<: *d}\n" + SLIDES)
    assert_located(code, err, tmp_path, text="a merge key (<<) refers to the mapping that contains it")


def test_merge_key_is_accepted_and_explicit_key_wins(tmp_path, capsys):
    spec = ("deck: {title: t}\nslides:\n  - &base {kind: title, title: first}\n"
            "  - <<: *base\n    title: second\n")
    code, err = build(tmp_path, capsys, spec)
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "out.pptx") as package:
        slide2 = package.read("ppt/slides/slide2.xml").decode()
    assert "second" in slide2 and "first" not in slide2


def test_duplicate_explicit_key_is_still_an_error(tmp_path, capsys):
    code, err = build(tmp_path, capsys, "deck: {title: t, title: u}\n" + SLIDES)
    assert_located(code, err, tmp_path, text="duplicate key 'title'")


def test_deeply_nested_yaml(tmp_path, capsys):
    code, err = build(tmp_path, capsys, "deck: {title: t, variables: {x: " + "[" * 500 + "]" * 500 + "}}\n" + SLIDES)
    assert_located(code, err, tmp_path, text="nested more than")


def test_non_utf8_spec_names_line_and_column(tmp_path, capsys):
    code, err = build(tmp_path, capsys, b"deck: {title: t}\n# caf\xe9\n" + SLIDES.encode())
    assert_located(code, err, tmp_path, text="deck.yaml:2:6: file is not UTF-8")


def test_control_character_names_line_and_column(tmp_path, capsys):
    code, err = build(tmp_path, capsys, "deck: {title: t}\n" + "slides: [{kind: title, title: a\x01b}]\n")
    assert_located(code, err, tmp_path, text="deck.yaml:2:32: character U+0001")
    assert "position" not in err


def test_spec_over_the_size_limit(tmp_path, capsys):
    code, err = build(tmp_path, capsys, "deck: {title: t}\n" + SLIDES + "#" * MAX_SPEC_BYTES + "\n")
    assert code == 2 and "deck.yaml: file is too large" in err


# --------------------------------------------------------------------------- expressions
def formula_spec(formula: str) -> str:
    return ("deck: {title: t}\nmetrics:\n  a: {formula: '" + formula + "'}\n"
            "slides: [{kind: title, title: '{{ a }}'}]\n")


def test_five_thousand_unary_minus_signs(tmp_path, capsys):
    code, err = build(tmp_path, capsys, formula_spec("-" * 5000 + "1"))
    assert_located(code, err, tmp_path, text="metrics.a.formula: expression is nested more than")


def test_sixty_thousand_term_formula(tmp_path, capsys):
    code, err = build(tmp_path, capsys, formula_spec("+".join(["1"] * 60_000)))
    assert_located(code, err, tmp_path, text="metrics.a.formula: expression is too long")


def test_long_chain_within_the_length_limit(tmp_path, capsys):
    code, err = build(tmp_path, capsys, formula_spec("+".join(["1"] * 4_000)))
    assert_located(code, err, tmp_path, text="nested more than 100 levels deep")


# --------------------------------------------------------------------------- Jinja
@pytest.mark.parametrize("template, message", [
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "calls nested more than"),
    ("{{ 10**100000 }}", "digits"),
    ("{{ 'x'*10**9 }}", "repetition"),
    ("{{ '%999999999d' % 1 }}", "format width"),
    ("{{ 'a'|center(10**9) }}", "center("),
    ("{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "(~)"),
    ("{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}", "(+)"),
    ("{{ 2**(10**10) }}", "digits"),
    ("{{ ([1]*10**8)|length }}", "repetition"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "loop iterations"),
    ("{% set r = range(99999) %}{% for i in r %}{% for j in r %}{% endfor %}{% endfor %}", "loop iterations"),
    ("{{ lipsum(100000) }}", "lipsum("),
    ("{{ range(10**9)|list|length }}", "range()"),
    ("{{ '{:>999999999}'.format(1) }}", "format width"),
    ("{{ 'a'.ljust(10**9) }}", "ljust("),
    ("{{ ('x'*99999).replace('', 'y'*99999) }}", "replace()"),
    ("{{ range(99999)|join('x'*99999) }}", "join()"),
    ("{% macro m() %}{% for i in range(99999) %}{{ 'x'*99999 }}{% endfor %}{% endmacro %}{{ m() }}",
     "write more than"),
    ("{% set x %}{% for i in range(99999) %}0123456789{% endfor %}{% endset %}{{ x|length }}", "longer than"),
    ("{{ 'ab'|replace('', 'y'*99999) }}", ""),
])
def test_runaway_template(tmp_path, capsys, template, message):
    code, err = build(tmp_path, capsys, title_template(template))
    assert_located(code, err, tmp_path, column=False, text="slides[0].title")
    assert message in err


def test_ordinary_template_features_still_work(tmp_path, capsys):
    template = ("{% set ns = namespace(n=0) %}{% for i in range(10) %}{% set ns.n = ns.n + i %}{% endfor %}"
                "{{ ns.n }} {{ 'ab' * 2 }} {{ '%05d' % 42 }} {{ 2 ** 10 }} {{ [1, 2]|join('-') }} "
                "{{ '{:>4}'.format(7) }} {{ 'x'|center(5) }}|{{ 'a' ~ 'b' }}")
    code, err = build(tmp_path, capsys, title_template(template))
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "out.pptx") as package:
        slide = package.read("ppt/slides/slide1.xml").decode()
    assert "45 abab 00042 1024 1-2    7   x  |ab" in slide


# --------------------------------------------------------------------------- text entering the package
CONTROL = "".join(chr(c) for c in [*range(9), 0x0B, 0x0C, *range(0x0E, 0x20)]) + "\ufffe\uffff"


def test_xml_text_rule():
    assert xml_text("a" + CONTROL + "b") == "a  b"
    assert xml_text("tab\tnew\nline\r") == "tab\tnew\nline\r"


def test_control_characters_in_title_and_chart_labels(tmp_path, capsys):
    dirty = json.dumps("Q" + CONTROL + "1")  # JSON escapes are valid YAML double-quoted escapes
    spec = (f"deck: {{title: {dirty}}}\nslides:\n  - kind: title\n"
            f"  - kind: chart\n    title: {dirty}\n    chart:\n      type: column_clustered\n"
            f"      data: {{categories: [{dirty}, b], series: {{{dirty}: [1, 2]}}}}\n")
    code, err = build(tmp_path, capsys, spec, seconds=10)
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "out.pptx") as package:
        core = package.read("docProps/core.xml").decode()
        assert "<dc:title>Q  1</dc:title>" in core


def test_control_characters_in_csv_categories(tmp_path, capsys):
    (tmp_path / "d.csv").write_text("q,sales\nQ\x011,1\nQ\x0b2,2\n", encoding="utf-8")
    spec = "deck: {title: t}\nslides:\n  - kind: chart\n    title: c\n    chart: {type: line, csv: d.csv}\n"
    code, err = build(tmp_path, capsys, spec, seconds=10)
    assert code == 0, err


def test_long_and_multiline_title_is_cut_in_core_properties_only(tmp_path, capsys):
    title = "\n".join(f"line {i} " + "x" * 20 for i in range(40))
    code, err = build(tmp_path, capsys, "deck: {title: " + json.dumps(title) + "}\n" + SLIDES)
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "out.pptx") as package:
        core = package.read("docProps/core.xml").decode()
        slide = package.read("ppt/slides/slide1.xml").decode()
    kept = re.search(r"<dc:title>(.*)</dc:title>", core).group(1)
    assert len(kept) == MAX_CORE_PROPERTY_LENGTH and "\n" not in kept
    assert "line 39" in slide
