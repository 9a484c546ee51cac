"""``SourceCache``: each source is read at most once, however many builds use it.

A batch build (one deck per department) creates one cache and hands it to
every ``MetricEngine``; each engine applies its own ``filters`` to the shared,
unfiltered frames. The key is the source's full definition plus the folder it
is resolved against, so two specs naming different files ``orders`` never
collide, and two specs reading the same file with the same options share it.

Frames handed out must be treated as read-only (pandas copy-on-write makes
accidental writes copy instead of corrupting the cache).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

import pandas as pd

from deckbuilder.data.sources import read_source


def source_key(spec: Any, base_dir: Path) -> tuple[str, str]:
    """What identifies a source's content: its definition and its folder."""
    return spec.model_dump_json(), str(Path(base_dir).resolve())


class SourceCache:
    """Loaded source frames and other per-source facts, shared between engines.

    Thread-safe: two engines asking for the same source at once read it once.
    ``loads`` counts actual reads (tests use it to prove "at most once").
    """

    def __init__(self) -> None:
        self._frames: dict[Hashable, pd.DataFrame] = {}
        self._facts: dict[Hashable, Any] = {}
        self._lock = threading.RLock()
        self._key_locks: dict[Hashable, threading.Lock] = {}
        self.loads = 0
        self.seconds: dict[str, float] = {}  # time spent reading each source, by name

    def frame(self, name: str, spec: Any, base_dir: Path) -> pd.DataFrame:
        """The typed frame of a source, read on first use."""
        key = source_key(spec, base_dir)
        return self._once(self._frames, key, lambda: self._read(name, spec, base_dir))

    def fact(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """Any other per-source value worth sharing (e.g. a DuckDB file's schema)."""
        return self._once(self._facts, key, compute)

    def _read(self, name: str, spec: Any, base_dir: Path) -> pd.DataFrame:
        started = time.perf_counter()
        frame = read_source(name, spec, base_dir)
        with self._lock:
            self.loads += 1
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
        return frame

    def _once(self, store: dict, key: Hashable, compute: Callable[[], Any]) -> Any:
        if key in store:
            return store[key]
        with self._lock:
            lock = self._key_locks.setdefault(key, threading.Lock())
        with lock:
            if key not in store:
                store[key] = compute()
            return store[key]

    def clear(self) -> None:
        with self._lock:
            self._frames.clear()
            self._facts.clear()
            self._key_locks.clear()
