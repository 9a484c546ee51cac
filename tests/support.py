"""What several test modules share: the repository's folders and the LibreOffice marker.

A plain module (not conftest.py, which pytest loads itself and which is not meant to be imported).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "specs"

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed; .ci/run installs it")
