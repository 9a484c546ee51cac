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


@pytest.fixture
def gc_state():
    """Put back what import_without_gc changes: the frozen generation and gc.enable."""
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    (gc.enable if enabled else gc.disable)()


def _module_that_records_gc(tmp_path, monkeypatch, name: str) -> None:
    (tmp_path / f"{name}.py").write_text("import gc\nCOLLECTOR_ON = gc.isenabled()\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))


def test_the_command_imports_a_builds_modules_with_the_collector_off_then_freezes_them(
        gc_state, tmp_path, monkeypatch):
    import sys

    from deckbuilder.cli import import_without_gc
    _module_that_records_gc(tmp_path, monkeypatch, "gc_probe_first")
    gc.enable()
    gc.unfreeze()
    import_without_gc("gc_probe_first")
    assert sys.modules["gc_probe_first"].COLLECTOR_ON is False
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_an_imported_module_or_a_disabled_collector_is_left_as_it_is(gc_state, tmp_path, monkeypatch):
    import sys

    from deckbuilder.cli import import_without_gc
    _module_that_records_gc(tmp_path, monkeypatch, "gc_probe_second")
    gc.unfreeze()
    gc.enable()
    import_without_gc("deckbuilder.errors")  # imported already: nothing to do
    assert gc.get_freeze_count() == 0
    gc.disable()  # the caller's choice stands: no freeze, still off
    import_without_gc("gc_probe_second")
    assert sys.modules["gc_probe_second"].COLLECTOR_ON is False
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0
