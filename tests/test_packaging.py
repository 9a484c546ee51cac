"""A regular (non-editable) install ships every bundled template, layout map and theme."""

from __future__ import annotations

import tomllib

from support import ROOT


def test_data_files_list_every_bundled_layout_and_theme():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = {path for paths in config["tool"]["setuptools"]["data-files"].values() for path in paths}
    patterns = ("layouts/*.pptx", "layouts/*.yaml", "layouts/themes/*.yaml")
    bundled = {p.relative_to(ROOT).as_posix() for pattern in patterns for p in ROOT.glob(pattern)}
    assert shipped == bundled
