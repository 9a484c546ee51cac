"""Shared fixtures: the repository's folders and a showcase deck built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import SPECS


@pytest.fixture(scope="session")
def showcase_deck(tmp_path_factory) -> Path:
    """specs/showcase.yaml built once for every test that only reads the result."""
    from deckbuilder import build_deck

    out = tmp_path_factory.mktemp("showcase") / "showcase.pptx"
    build_deck(SPECS / "showcase.yaml", output=out)
    return out


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server for the session (tests/postgres.py); skipped without its binaries."""
    from postgres import start_cluster

    cluster = start_cluster()
    yield cluster
    cluster.stop()
