"""quick_parse builds exactly the tree Jinja's parser builds, or says it is unsure (None).

Hypothesis glues together random tokens -- valid and broken syntax, braces, quotes, escapes,
whitespace control, keywords, odd unicode -- and wherever quick_parse answers, Jinja must parse
the same text to an equal tree with every filter on the same line.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jinja2 import TemplateSyntaxError, nodes

from deckbuilder.text.quick_parse import quick_parse
from deckbuilder.text.templating import environment

PIECES = ["{{", "}}", "{{ ", " }}", " ", "  ", "x", "sales", "同比", "_a1", "|", " | ", "pct", "yi", "(", ")",
          "0", "1", "12", "01", "1.5", "1_0", "0x1", "'a'", "'天猫'", '"b"', "'", '"', "\\", "'a\\'b'", ".",
          "first", "[", "]", "-", "+", "*", "/", "//", "**", "%", "~", ",", "=", ":", "\n", "\r", "\t", "年，",
          "{", "}", "{%", "%}", "{#", "#}", "-}}", "{{-", "{{+", "not", "true", "None", "is", "in", "if", "·", "²",
          "\u0301", "x\u00b7y", "'a' 'b'", "(1,)", "a=1", "()", "loop", "range"]
soup = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)

# well-formed expressions of the shape quick_parse reads (so it does answer), then perturbed
space = st.sampled_from(["", " ", "  "])
atoms = st.one_of(st.sampled_from(["x", "sales", "同比", "_a1", "year"]),
                  st.sampled_from(["0", "1", "12", "'a'", '"天猫"']))


def _grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds("{}.{}".format, inner, st.sampled_from(["first", "同比", "x"])),
        st.builds("{}[{}]".format, inner, inner),
        st.builds("{}{}|{}{}".format, inner, space, space, st.sampled_from(["pct", "yi", "abs"])),
        st.builds("{}|{}({})".format, inner, st.sampled_from(["pct", "num"]),
                  st.lists(inner, max_size=2).map(", ".join)),
        st.builds("{}{}{}{}{}".format, inner, space, st.sampled_from(["+", "-", "*", "/"]), space, inner),
        st.builds("{}{}".format, st.sampled_from(["-", "+"]), inner),
        inner.map("({})".format),
    )


expressions = st.recursive(atoms, _grow, max_leaves=6)
texts = st.lists(st.one_of(st.sampled_from(["", "年，", "a\n", " "]),
                           st.builds("{{{{{}{}{}}}}}".format, space, expressions, space)), max_size=4).map("".join)
perturbed = st.builds(lambda text, at, piece: text[:at] + piece + text[at:],
                      texts, st.integers(0, 60), st.sampled_from(PIECES))
sources = st.one_of(soup, texts, perturbed)
SETTINGS = settings(max_examples=3000, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _filters(tree: nodes.Template) -> list[tuple[str, int]]:
    return [(f.name, f.lineno) for f in tree.find_all(nodes.Filter)]


def _same_as_jinja(source: str) -> bool:
    env = environment("zh_CN")
    quick = quick_parse(env, source)
    if quick is None:
        return True
    try:
        jinja = env.parse(source)
    except TemplateSyntaxError:
        return False
    return quick == jinja and _filters(quick) == _filters(jinja)


@SETTINGS
@given(sources)
@example("a\n{{ x | pct(0) }}\n{{ y.z['k'] | yi }}")
@example("{{ -x | abs }}{{ (-x * 100) | num(1) }}{{ 1 - x | abs }}{{ x[1 + y | f] }}{{ f(1,) }}")
@example("{{ x | f(1,) }}{{ x | f() }}{{ +x.y }}{{ x / 2 * 3 - 1 }}")
def test_quick_parse_gives_jinjas_tree_or_nothing(source):
    assert _same_as_jinja(source)


@pytest.mark.parametrize("source", [
    "全年 {{ sales_cur | yi }}，同比 {{ sales_yoy | pct }}",
    "{{ region_yoy.first.同比 | pct }} {{ quarter_share['Q4'] | pct(0) }} {{ fmt | fmt('+pct:0') }}",
    "{{ year + 1 }}-01-09", "{{ (1 - d11_cost_ratio_prev) | pct }} {{ (-stockout_change * 100) | num(1) }}",
    "{{ monthly_ranked.rows[0].month }}\n{{ x }}\n",
])
def test_deck_texts_are_read_quickly(source):
    assert quick_parse(environment("zh_CN"), source) is not None
    assert _same_as_jinja(source)


@pytest.mark.parametrize("source", [
    "{% if x %}{{ x }}{% endif %}", "{# note #}{{ x }}", "a\r\n{{ x }}", "{{- x }}", "{{ x -}}", "{{ x.0 }}",
    "{{ x | a.b }}", "{{ x(1) }}", "{{ x | f(1)(2) }}", "{{ 'a\\n' }}", "{{ 1.5 }}", "{{ x // 2 }}", "{{ true }}",
    "{{ x | f(" + "9" * 5000 + ") }}", "{{ " + "(" * 5000 + "x" + ")" * 5000 + " }}",
    "{{ x if y }}", "{{ a, b }}", "{{ x | f(k=1) }}", "{{ x ~ y }}", "{{ x\n| f }}", "{{ x", "{{ 'a' 'b' }}",
])
def test_anything_else_is_left_to_jinja(source):
    assert quick_parse(environment("zh_CN"), source) is None
