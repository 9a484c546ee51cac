"""Property tests of the hostile-input contract (issue 14): mutate a small valid spec and its CSV.

Hypothesis changes one thing at a time -- a random value of a random type in a random field,
a deleted, duplicated or unknown key, random unicode (control characters included) in text or in
the CSV, sizes -- and every build must still end with exit 0 and a valid deck, or exit 2 with a
located message (tests/hostile/contract.py). The default run is bounded (20 derandomized
examples per test, about a minute); set HYPOTHESIS_PROFILE=long for a deeper, random search.
"""

from __future__ import annotations

import copy
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hostile.contract import contract_violation, run_build
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

# no shrinking by default: each example is a whole build, and a failing one is printed as it is
settings.register_profile("default_hostile", max_examples=20, deadline=None, derandomize=True,
                          phases=[Phase.explicit, Phase.generate], report_multiple_bugs=False,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = "long" if os.environ.get("HYPOTHESIS_PROFILE") == "long" else "default_hostile"

CSV_HEADER = ["month", "region", "sales"]
CSV_ROWS = [["2025-01", "East", "10.5"], ["2025-02", "West", "7"], ["2025-03", "East", "3.25"]]

SPEC: dict = {
    "deck": {"title": "Property", "subtitle": "sub", "presenter": "QA", "theme": "default"},
    "data": {"sales": {"type": "csv", "path": "sales.csv", "columns": {"region": "str", "sales": "float"}}},
    "metrics": {
        "total": {"source": "sales", "agg": "sum", "column": "sales", "format": "num:1"},
        "rows": {"source": "sales", "agg": "count"},
        "by_region": {"source": "sales", "agg": "sum", "column": "sales", "by": "region"},
    },
    "slides": [
        {"kind": "title"},
        {"kind": "kpi", "title": "KPIs", "cards": [{"label": "Sales", "metric": "total"},
                                                 {"label": "Rows", "metric": "rows"}],
         "commentary": "Total {{ total | num }}", "notes": "n"},
        {"kind": "chart", "title": "Regions", "chart": {"type": "column_clustered", "metric": "by_region"}},
        {"kind": "chart", "title": "Inline", "chart": {"type": "pie", "data": {
            "categories": ["a", "b"], "series": {"s": [1, 2]}}}},
        # max_rows: a long native table is slow on its own (known, tests/test_hostile_corpus.py)
        {"kind": "table", "title": "Rows", "table": {"csv": "sales.csv", "max_rows": 12}},
        {"kind": "closing"},
    ],
}

# text with every kind of character, control characters and XML-illegal ones included
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
control_text = st.text(st.sampled_from([chr(c) for c in range(0x20)] + ["\ufffe", "\uffff", "\x7f", "a", "長"]),
                       min_size=1, max_size=10)
texts = st.one_of(any_text, control_text, st.integers(0, 3000).map(lambda n: "x" * n))
numbers = st.one_of(st.integers(), st.integers(min_value=10**20, max_value=10**400),
                    st.floats(allow_nan=True, allow_infinity=True))
scalars = st.one_of(st.none(), st.booleans(), numbers, texts)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(any_text, inner, max_size=3)),
                      max_leaves=8)


def _paths(node, prefix=()):
    """Every path (tuple of keys/indexes) into a spec tree, parents before children."""
    yield prefix
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from _paths(child, (*prefix, i))


PATHS = [p for p in _paths(SPEC) if p]


def _parent(spec, path):
    node = spec
    for key in path[:-1]:
        node = node[key]
    return node


@st.composite
def mutated_specs(draw):
    """The spec with one structural change, as a dict (later dumped to YAML)."""
    spec = copy.deepcopy(SPEC)
    path = draw(st.sampled_from(PATHS))
    parent, key = _parent(spec, path), path[-1]
    action = draw(st.sampled_from(["replace", "replace", "text", "delete", "unknown_key", "duplicate"]))
    if action == "replace":
        parent[key] = draw(values)
    elif action == "text":
        parent[key] = draw(texts)
    elif action == "delete":
        del parent[key]
    elif action == "unknown_key":
        target = parent[key] if isinstance(parent[key], dict) else parent
        if isinstance(target, dict):
            target[draw(any_text.filter(lambda k: k not in target))] = draw(values)
        else:
            parent[key] = draw(values)
    else:  # duplicate a list item, or copy a value onto a sibling key
        if isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        else:
            sibling = draw(st.sampled_from(sorted(parent, key=str)))
            parent[sibling] = copy.deepcopy(parent[key])
    return spec


@st.composite
def mutated_csvs(draw):
    """The CSV with random cells, headers, sizes and characters."""
    header = list(CSV_HEADER)
    rows = [list(r) for r in CSV_ROWS]
    for _ in range(draw(st.integers(0, 3))):
        what = draw(st.sampled_from(["cell", "header", "drop_row", "many_rows", "drop_column"]))
        if what == "cell" and rows:
            row = draw(st.integers(0, len(rows) - 1))
            col = draw(st.integers(0, len(rows[row]) - 1))
            rows[row][col] = draw(st.one_of(texts, numbers.map(str)))
        elif what == "header":
            header[draw(st.integers(0, len(header) - 1))] = draw(texts)
        elif what == "drop_row" and rows:
            rows.pop(draw(st.integers(0, len(rows) - 1)))
        elif what == "many_rows":
            rows = [list(r) for r in rows * draw(st.integers(1, 200))]  # copies: later edits touch one row
        elif what == "drop_column" and len(header) > 1:
            col = draw(st.integers(0, len(header) - 1))
            header.pop(col)
            for row in rows:
                row.pop(col)
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue()


def _check(spec_text: str, csv_text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "sales.csv").write_text(csv_text, encoding="utf-8", errors="surrogatepass")
        spec = folder / "spec.yaml"
        spec.write_text(spec_text, encoding="utf-8", errors="surrogatepass")
        outcome = run_build(spec, folder / "out.pptx")
        problem = contract_violation(outcome)
        assert problem is None, (f"{problem}\n{outcome.describe()}\n--- spec:\n{spec_text[:2000]}"
                                 f"\n--- sales.csv:\n{csv_text[:1000]!r}")


def _dump(spec: dict) -> str:
    return yaml.safe_dump(spec, allow_unicode=True, sort_keys=False, width=10_000)


def _base_csv() -> str:
    return "\n".join(",".join(r) for r in [CSV_HEADER, *CSV_ROWS]) + "\n"


def test_the_unmutated_spec_builds():
    _check(_dump(SPEC), _base_csv())


@settings.get_profile(PROFILE)
@given(spec=mutated_specs())
def test_mutated_spec(spec):
    _check(_dump(spec), _base_csv())


@settings.get_profile(PROFILE)
@given(csv_text=mutated_csvs())
def test_mutated_csv(csv_text):
    _check(_dump(SPEC), csv_text)


@settings.get_profile(PROFILE)
@given(position=st.floats(0, 1), insert=st.one_of(control_text, any_text, st.sampled_from(
    [":", "- ", "&a ", "*a", "{", "[", "'", '"', "\t", "\n  ", "<<: ", "!!python/name:os.system ", "%"])))
def test_mutated_yaml_text(position, insert):
    text = _dump(SPEC)
    at = int(position * len(text))
    _check(text[:at] + insert + text[at:], _base_csv())


pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
