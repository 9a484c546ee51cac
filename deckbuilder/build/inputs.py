"""The files a build reads, so that an output path never overwrites one of them.

``-o`` pointing at the spec, its template or a data file would replace the user's
input with a deck (exit 0, input lost). The build refuses that before any work.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from deckbuilder.errors import OutputError
from deckbuilder.spec.loaded import LoadedSpec
from deckbuilder.spec.model import ThemeSpec
from deckbuilder.spec.themes import template_files, theme_file

_FILE_URL_PREFIXES = ("sqlite:///", "duckdb:///")


def input_files(loaded: LoadedSpec) -> set[str]:
    """Every file the spec names (as normalized absolute paths): specs, template, layout map,
    theme, logo, data files, SQLite/DuckDB databases, ``csv:`` bindings and image files
    (not those named in a data column: they are known only once the data is read). For a department,
    pass its variant's spec (its own template, theme and sources)."""
    spec, base = loaded.model, loaded.base_dir
    names: list[str | Path] = [str(f) for f in loaded.source_map.files.values() if f]
    if loaded.file:
        names.append(loaded.file)
    names += template_files(spec.deck, base)
    theme = spec.deck.theme
    if isinstance(theme, ThemeSpec):
        names += [base / theme.logo] if theme.logo else []
    elif (path := theme_file(theme, base)) is not None:
        names.append(path)
    for source in spec.data.values():
        if hasattr(source, "path"):
            names.append(base / source.path)
        url = getattr(source, "url", "")
        for prefix in _FILE_URL_PREFIXES:
            if url.startswith(prefix) and len(url) > len(prefix):
                names.append(base / url[len(prefix):].split("?")[0])
    for slide in spec.slides:
        for binding in (getattr(slide, "chart", None), getattr(slide, "table", None)):
            if binding is not None and binding.csv:
                names.append(base / binding.csv)
        images = getattr(slide, "images", None)
        for image in [getattr(slide, "image", None), *(images if isinstance(images, list) else [])]:
            if image is not None:
                names.append(base / image.path)
    return {_normal(Path(n)) for n in names}


def check_not_an_input(target: Path, inputs: Iterable[str]) -> None:
    """OutputError when *target* is one of the build's own input files."""
    if _normal(target) in set(inputs):
        raise OutputError(f"output {target} is one of the build's input files; writing it would destroy it",
                          hint="choose another -o path")


def _normal(path: Path) -> str:
    # resolve() follows symlinks, normcase folds case where the file system does (Windows)
    try:
        resolved = str(Path(path).expanduser().resolve())
    except (OSError, ValueError):  # a NUL byte or a name too long: no such file, compare as written
        resolved = os.path.abspath(path)
    return os.path.normcase(resolved)
