"""``LoadedSpec``: a validated spec plus where each of its values was written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deckbuilder.errors import Issue
from deckbuilder.spec.model import DeckSpec
from deckbuilder.spec.positions import SourceMap


@dataclass
class LoadedSpec:
    """A validated spec plus where it came from, for locating later errors.

    ``file`` is the spec file that was loaded (None for text and dicts); values
    inherited through ``extends`` or set with ``--set`` carry their own file in
    ``source_map``, so always locate through :meth:`issue` or :meth:`locate` rather than pairing ``file`` with a line.
    """

    model: DeckSpec
    file: str | None
    base_dir: Path
    source_map: SourceMap
    raw: dict

    def issue(self, message: str, path: tuple = (), *, hint: str | None = None, key: bool = False) -> Issue:
        """An :class:`Issue` located at *path* (in whichever file the value was written)."""
        return self.source_map.issue(message, tuple(path), hint=hint, key=key, file=self.file)

    def locate(self, path: tuple, *, key: bool = False) -> tuple[str | None, int | None, int | None]:
        """``(file, line, column)`` of *path*, falling back to its nearest located parent."""
        file, line, column = self.source_map.position(tuple(path), key=key)
        return file or self.file, line, column
