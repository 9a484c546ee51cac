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
