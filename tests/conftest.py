"""Shared fixtures: the repository's folders and a showcase deck built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "specs"

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed; .ci/run installs it")


@pytest.fixture(scope="session")
def showcase_deck(tmp_path_factory) -> Path:
    """specs/showcase.yaml built once for every test that only reads the result."""
    from deckbuilder import build_deck

    out = tmp_path_factory.mktemp("showcase") / "showcase.pptx"
    build_deck(SPECS / "showcase.yaml", output=out)
    return out
