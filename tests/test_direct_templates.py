"""Simple texts are rendered by walking their parse tree (text/direct.py), not compiled by Jinja.

The walk must be indistinguishable from the compiled template: same text, same error (type and
message), same metrics recorded as used, same sandbox refusals. Hypothesis writes random texts of
the subset (and some beyond it) over metric numbers, tables, rows and plain values, and renders
each both ways.
"""

from __future__ import annotations

import re
from unittest import mock

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jinja2.exceptions import SecurityError

from deckbuilder.errors import DeckBuilderError
from deckbuilder.metrics.results import MetricResult
from deckbuilder.text import sandbox, templating
from deckbuilder.text.compiled import compile_tree
from deckbuilder.text.direct import DirectTemplate, direct_template
from deckbuilder.text.quick_parse import quick_parse
from deckbuilder.text.templating import TextContext, environment, render_text

RESULTS = {
    "sales": MetricResult("sales", "scalar", value=223_500_000.0, format="yi", label="销售额",
                          details={"current": 223_500_000.0, "previous": 181_000_000.0, "period": "2025"}),
    "rate": MetricResult("rate", "scalar", value=0.2347, format="pct:0"),
    "zero": MetricResult("zero", "scalar", value=0.0),
    "share": MetricResult("share", "table", format="pct", keys=["platform"],
                          table=pd.DataFrame({"platform": ["天猫", "京东"], "share": [0.6, 0.4]})),
    "empty": MetricResult("empty", "table", keys=["platform"],
                          table=pd.DataFrame({"platform": pd.Series([], dtype=str), "v": pd.Series([], dtype=float)})),
}
EXTRA = {"year": 2025, "department": {"name": "家居", "x": 1}, "nodept": {"name": ""}, "s": "abc",
         "lst": [3, 1, 2], "none": None, "flag": True, "f": 1.5, "big": "x" * 60_000}
NAMES = [*RESULTS, *EXTRA]


class _Engine:
    def names(self) -> list[str]:
        return list(RESULTS)

    def get(self, name: str, path: str = "") -> MetricResult:
        return RESULTS[name]


def _context() -> TextContext:
    return TextContext(_Engine(), EXTRA)


ATTRS = ["first", "last", "total", "label", "format", "current", "previous", "period", "share", "platform",
         "name", "x", "nope", "values", "categories", "rows", "real", "upper", "__class__", "__dict__", "_res",
         "_values", "_details", "mro"]
KEYS = ["'天猫'", "'京东'", "'nope'", "0", "1", "'name'", "'share'", "('天猫',)", "'__class__'", "none", "true"]
FILTERS = ["pct", "pct(0)", "yi", "num(1)", "fmt('pct:1')", "fmt('nope')", "int", "to_int", "abs", "upper",
           "length", "string", "round(1)", "first", "last", "min", "max", "sum", "join(',')", "default('d')",
           "replace('a', 'bb')", "center(5)", "center(200000)", "trim", "list", "sort", "e", "float",
           "attr('x')", "indent(2)", "truncate(3)", "format('%s')", "map('upper')", "tojson", "count",
           "delta_pct", "cny(decimals=1)", "pct(none)", "pct('x')"]
CONSTANTS = ["0", "1", "100", "2.5", "'a'", "'abc'", "none", "true", "0.0", "2025", "1.5", "0.2347"]

names = st.sampled_from(NAMES)
accessors = st.one_of(st.sampled_from(ATTRS).map(lambda a: "." + a),
                      st.sampled_from(KEYS).map(lambda k: f"[{k}]"))
filters = st.sampled_from(FILTERS).map(lambda f: " | " + f)
postfix = st.builds(lambda n, acc, fil: n + "".join(acc) + "".join(fil),
                    names, st.lists(accessors, max_size=3), st.lists(filters, max_size=2))


def _combine(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    const = st.sampled_from(CONSTANTS)
    op = st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "==", "!=", ">", ">=", "<", "<=", "in", "not in"])
    return st.one_of(
        st.builds(lambda a, o, b: f"({a} {o} {b})", inner, op, st.one_of(const, inner)),
        st.builds(lambda a, o, b: f"({a} {o} {b})", const, op, inner),
        st.builds(lambda a, b: f"(0 < {a} < {b})", inner, st.one_of(const, inner)),
        inner.map(lambda a: f"(-{a})"), inner.map(lambda a: f"(not {a})"),
        st.builds(lambda a, fil: f"({a}){fil}", inner, filters),
    )


expressions = st.recursive(postfix, _combine, max_leaves=4)
text = st.text(st.sampled_from(list("ab 年，%}#\n")), max_size=6)


def _block(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(lambda test, body, elifs, other: (
        f"{{% if {test} %}}{body}"
        + "".join(f"{{% elif {t} %}}{b}" for t, b in elifs)
        + (f"{{% else %}}{other}" if other is not None else "") + "{% endif %}"),
        expressions, inner, st.lists(st.tuples(expressions, inner), max_size=2), st.none() | inner)


pieces = st.recursive(st.one_of(text, expressions.map(lambda e: "{{ " + e + " }}")),
                      lambda inner: st.one_of(_block(inner), st.lists(inner, max_size=3).map("".join)),
                      max_leaves=5)
templates = st.lists(pieces, min_size=1, max_size=4).map("".join)

PROPERTY = settings(max_examples=400, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _outcome(render, names) -> tuple:
    """What a render gives: the text or the error (type, message), the metrics it used and the
    render budget it spent (the characters its {{ }} wrote)."""
    context = _context()
    values = {name: context.value(name) for name in names}
    with sandbox.render_budget():
        try:
            result: tuple = ("text", render(values))
        except Exception as exc:  # every error must be the same one, whatever its type
            result = ("error", type(exc), str(exc))
        budget = sandbox._budget.get()
        spent = (budget.iterations, budget.depth, budget.written) if budget else None
    return tuple(re.sub(r"0x[0-9a-f]+", "0x…", str(r)) for r in result), context.used, spent


@PROPERTY
@given(templates)
@example("{{ zero > 0 }}{{ zero >= 0 }}{{ year < 2025 }}{{ year <= 2025 }}{{ rate != 0.2347 }}{{ f == 1.5 }}")
@example("{{ big * 100 }}")
@example("{{ 100 * big }}")
@example("{{ year ** 100000 }}")
@example("{{ (big + big) | length }}")
@example("{{ s % lst }}")
@example("{{ s }}{{ big }}{{ sales }}")
@example("{{ sales - 1 }}{{ year - 1 }}{{ 1 - rate }}{{ f / 2 }}")
@example("{{ 1 / zero }}")
@example("{{ sales // 7 }}{{ -rate }}{{ +f }}{{ not flag }}")
@example("{% if zero %}a{% elif rate > 0.3 %}b{% elif flag %}{{ sales }}{% else %}c{% endif %}")
def test_walking_the_tree_renders_what_the_compiled_template_renders(source):
    env = environment("zh_CN")
    planned = direct_template(env, env.parse(source), source)
    compiled, names = compile_tree(env, env.parse(source))
    if planned is None:
        return  # outside the subset (a filter wanting the context): compiled as before
    direct, direct_names = planned
    assert direct_names == names
    assert _outcome(direct.render_direct, names) == _outcome(compiled.render, names)


def _render_text(source: str, *, walk: bool) -> tuple:
    templating._prepare.cache_clear()
    context = _context()
    with mock.patch.object(templating, "direct_template", direct_template if walk else lambda *a: None), \
            mock.patch.object(templating, "quick_parse", quick_parse if walk else lambda *a: None):
        try:
            result: tuple = ("text", render_text(source, context, path="slides[0].title", file="d.yaml", line=3))
        except DeckBuilderError as exc:
            result = ("error", type(exc), str(exc))
        finally:
            templating._prepare.cache_clear()
    return tuple(re.sub(r"0x[0-9a-f]+", "0x…", str(r)) for r in result), context.used


@PROPERTY
@given(st.one_of(templates, st.builds("{{ {} }}{}".format, st.sampled_from(["nope", "sales |", "range"]), text)))
def test_render_text_gives_the_same_text_error_and_used_metrics_either_way(source):
    assert _render_text(source, walk=True) == _render_text(source, walk=False)


@pytest.mark.parametrize("source", [
    "全年 {{ sales | yi }}，同比 {{ rate | pct(1) }}",
    "{{ share['天猫'] | pct }} {{ share.first.share | pct(0) }} {{ sales.current | yi }}",
    "{{ year + 1 }} 年 {{ (rate * 100) | num(1) }} {{ (1 - rate) | pct }} {{ -rate }}",
    "{% if department.name %}{{ department.name }}{% elif flag %}x{% else %}y{% endif %}",
    "{% if not nodept.name and rate > 0 %}{% endif %}",  # `and`: compiled
])
def test_which_texts_are_walked(source):
    env = environment("zh_CN")
    walked = isinstance(templating._prepare("zh_CN", source)[1], DirectTemplate)
    assert walked == (" and " not in source)
    assert (direct_template(env, env.parse(source), source) is not None) == walked


@pytest.mark.parametrize("source", [
    "{% for r in share %}{{ r.share }}{% endfor %}",  # loops
    "{{ share.row('天猫').share }}",  # calls
    "{{ s is string }}",  # tests
    "{{ range }}",  # a global
    "{{ 'a' | upper }}",  # folded by the optimizer at compile time
    "{{ sales | pct(1 + 1) }}",  # a computed filter argument
    "{{ lst | map('upper') | list }}",  # a filter taking the context
    "{% set x = 1 %}{{ x }}",
])
def test_anything_else_is_compiled_by_jinja(source):
    env = environment("zh_CN")
    assert direct_template(env, env.parse(source), source) is None


@pytest.mark.parametrize("source", [
    "{{ s.__class__ }}", "{{ sales.__class__.__mro__ }}", "{{ share._res }}", "{{ department.__class__ }}",
    "{{ share.first._values }}", "{{ sales._details | length }}", "{{ s['__class__'] }}",
])
def test_the_walk_refuses_what_the_sandbox_refuses(source):
    env = environment("zh_CN")
    planned = direct_template(env, env.parse(source), source)
    assert planned is not None
    direct, names = planned
    context = _context()
    with pytest.raises(SecurityError) as walked:
        direct.render_direct({name: context.value(name) for name in names})
    with pytest.raises(SecurityError) as compiled:
        direct.compiled().render({name: context.value(name) for name in names})
    assert str(walked.value) == str(compiled.value)
    assert _render_text(source, walk=True) == _render_text(source, walk=False)
    assert "not allowed in a template: access to attribute" in _render_text(source, walk=True)[0][2]


def test_a_failed_walk_gives_the_error_of_jinjas_template():
    source = "{{ big }}{{ big }}"  # the joined text crosses MAX_TEXT_LENGTH: Jinja's template raises it
    (kind, error, message), used = _render_text(source, walk=True)
    assert kind == "error" and "the text is longer than" in message
    assert _render_text(source, walk=True) == _render_text(source, walk=False)


def test_a_text_rendered_again_counts_afresh_against_the_same_deadline():
    with sandbox.render_budget():
        first = sandbox._budget.get()
        first.written, first.iterations = 500, 7
        with sandbox.restarted_budget():
            again = sandbox._budget.get()
            assert (again.written, again.iterations, again.deadline) == (0, 0, first.deadline)
        assert sandbox._budget.get() is first
    with sandbox.restarted_budget():  # outside a render nothing is counted, as before
        assert sandbox._budget.get() is None


def test_used_metrics_are_only_those_the_text_printed():
    source = "{% if flag %}{{ sales }}{% else %}{{ rate }}{% endif %}"
    assert _render_text(source, walk=True) == (("text", "2.24亿"), {"sales"})
