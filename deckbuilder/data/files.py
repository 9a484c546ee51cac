"""Files named in a spec: resolved against the spec's folder, never the current directory."""

from __future__ import annotations

from pathlib import Path

from deckbuilder.errors import DataError, did_you_mean


def resolve_path(raw: str, base_dir: Path) -> Path:
    """*raw* (``~`` expanded) as an absolute path, or relative to the spec's folder *base_dir*."""
    path = Path(raw).expanduser()
    return path if path.is_absolute() else (Path(base_dir) / path)


def existing_file(raw: str, base_dir: Path, *, path: str) -> Path:
    """The resolved file, or a DataError listing near names in its folder."""
    file = resolve_path(raw, base_dir)
    try:
        if file.is_file():
            return file
    except (OSError, ValueError) as exc:  # a name too long for the file system, a NUL byte
        raise DataError(f"not a usable file path: {exc}", path=path) from None
    folder = file.parent
    if not folder.is_dir():
        raise DataError(f"folder not found: {folder}", path=path,
                        hint=f"relative paths are read from the spec's folder {Path(base_dir)}")
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    guess = did_you_mean(file.name, names)
    if guess:
        hint = guess
    else:
        hint = f"files there: {', '.join(names[:10])}" if names else "the folder is empty"
    raise DataError(f"file not found: {file}", path=path, hint=hint)
