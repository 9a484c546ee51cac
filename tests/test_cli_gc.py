"""The command tunes the process's cyclic garbage collector; the library leaves it alone."""

from __future__ import annotations

import gc

import pytest

from deckbuilder.cli import GC_THRESHOLDS, main


@pytest.fixture
def default_gc():
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_the_command_collects_less_often_than_cpython_by_default(default_gc):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert gc.get_threshold() == GC_THRESHOLDS
    assert GC_THRESHOLDS[0] > 700


def test_building_through_the_library_keeps_the_callers_thresholds(default_gc, tmp_path):
    from deckbuilder.build import build_deck
    spec = tmp_path / "deck.yaml"
    spec.write_text("deck: {title: T}\nslides:\n  - {kind: title, title: Hello}\n", encoding="utf-8")
    build_deck(spec, output=tmp_path / "out.pptx")
    assert gc.get_threshold() == (700, 10, 10)
