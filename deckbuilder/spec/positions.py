"""Safe YAML loading that remembers where every value came from.

PyYAML's ``safe_load`` throws positions away, yet a good error message must
say "specs/deck.yaml:42:7". So we compose the node graph with the *safe*
loader (no Python tags, no arbitrary objects), build plain Python data from
it ourselves and record, for every mapping key and value, its line and column
under a path tuple such as ``("slides", 7, "chart", "type")``.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from typing import Any

import yaml

from deckbuilder.errors import Issue, SpecError

Path = tuple[Any, ...]


Position = tuple[int | None, int | None]


@dataclass
class SourceMap:
    """Line/column (1-based) of each value, and of each mapping key, by path.

    A spec assembled from several files (``extends``) or from the command line
    (``--set``) keeps, per path, the file the value was written in: ``files``
    holds that file wherever it differs from :attr:`file` (a ``--set`` value is
    "filed" under a label such as ``--set deck.title=X`` and has no line).
    ``origins`` maps a path of a derived spec (a department's deck, whose slides
    were renumbered) to the path the user wrote, for messages.
    """

    file: str | None = None
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    files: dict[Path, str | None] = field(default_factory=dict)
    origins: dict[Path, Path] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> Position:
        """Position of *path*, falling back to its nearest located parent."""
        return self.position(path, key=key)[1:]

    def position(self, path: Path, *, key: bool = False) -> tuple[str | None, int | None, int | None]:
        """``(file, line, column)`` of *path*, falling back to its nearest located parent."""
        path = tuple(path)
        if key and path in self.keys:
            return (self.files.get(path, self.file), *self.keys[path])
        probe = path
        while probe not in self.values:
            if not probe:
                return self.file, None, None
            probe = probe[:-1]
        return (self.files.get(probe, self.file), *self.values[probe])

    def origin(self, path: Path) -> Path:
        """The path the user wrote for *path* (differs only in derived specs)."""
        path = tuple(path)
        for n in range(len(path), -1, -1):
            if path[:n] in self.origins:
                return self.origins[path[:n]] + path[n:]
        return path

    # -- building maps of merged or derived data ---------------------------------------
    def set(self, path: Path, position: Position, *, file: str | None, key: Position | None = None) -> None:
        """Record that the value at *path* was written at *position* in *file*."""
        path = tuple(path)
        self.values[path] = position
        if key is not None:
            self.keys[path] = key
        if file != self.file:
            self.files[path] = file
        else:
            self.files.pop(path, None)

    def graft(self, other: "SourceMap", src: Path = (), dst: Path | None = None, *, subtree: bool = True) -> None:
        """Copy *other*'s entries at *src* (and below, with *subtree*) to *dst*, keeping their files."""
        src = tuple(src)
        dst = src if dst is None else tuple(dst)
        n = len(src)
        if subtree:
            paths = {p for p in (*other.values, *other.keys) if p[:n] == src}
        else:
            paths = {p for p in (src,) if p in other.values or p in other.keys}
        for p in paths:
            target = dst + p[n:]
            file = other.files.get(p, other.file)
            if file != self.file:
                self.files[target] = file
            else:
                self.files.pop(target, None)
            if p in other.values:
                self.values[target] = other.values[p]
            if p in other.keys:
                self.keys[target] = other.keys[p]
        for p, origin in other.origins.items():
            if p[:n] == src and (subtree or p == src):
                self.origins[dst + p[n:]] = origin

    def drop(self, prefix: Path) -> None:
        """Forget *prefix* and everything below it."""
        prefix = tuple(prefix)
        n = len(prefix)
        for table in (self.values, self.keys, self.files, self.origins):
            for p in [p for p in table if p[:n] == prefix]:
                del table[p]

    def copy(self) -> "SourceMap":
        return SourceMap(self.file, dict(self.values), dict(self.keys), dict(self.files), dict(self.origins))


# libyaml's C parser when PyYAML has it (several times faster); both are safe loaders.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, *, file: str | None = None) -> tuple[Any, SourceMap]:
    """Parse YAML *text* safely; return the data and its :class:`SourceMap`.

    >>> data, where = load_yaml("a:\\n  b: 1\\n")
    >>> data, where.values[("a", "b")]
    ({'a': {'b': 1}}, (2, 6))
    """
    smap = SourceMap(file=file)
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        message = f"malformed YAML: {problem}" + (f" ({context})" if context else "")
        raise SpecError(issues=[Issue(
            message, file=file,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="check indentation, colons and quotes around text containing ': ' or '#'",
        )]) from None
    if node is None:
        return {}, smap
    constructor = yaml.SafeLoader("")
    try:
        data = _build(node, (), smap, constructor)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SpecError(issues=[Issue(f"invalid YAML value: {getattr(exc, 'problem', exc)}", file=file,
                                      line=mark.line + 1 if mark else None,
                                      column=mark.column + 1 if mark else None)]) from None
    return data, smap


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _build(node: yaml.Node, path: Path, smap: SourceMap, constructor: yaml.SafeLoader) -> Any:
    smap.values[path] = _position(node)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        line, col = _position(node)
        raise SpecError(issues=[Issue(f"YAML tag '{node.tag}' is not allowed", path=_dotted(path), file=smap.file,
                                      line=line, column=col, hint="a spec is plain data: no tags such as !!python")])
    if isinstance(node, yaml.MappingNode):
        constructor.flatten_mapping(node)  # resolves YAML merge keys (<<)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                key = str(key)
            if key in result:
                line, col = _position(key_node)
                raise SpecError(issues=[Issue(f"duplicate key '{key}'", path=_dotted(path + (key,)),
                                              file=smap.file, line=line, column=col,
                                              hint="each key may appear once in a mapping")])
            smap.keys[path + (key,)] = _position(key_node)
            result[key] = _build(value_node, path + (key,), smap, constructor)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), smap, constructor) for i, item in enumerate(node.value)]
    return constructor.construct_object(node, deep=True)


def _dotted(path: Path) -> str:
    """``("slides", 7, "chart", "type")`` -> ``slides[7].chart.type``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


dotted_path = _dotted


def parse_dotted_path(text: str) -> tuple:
    """``slides[7].chart.type`` -> ``("slides", 7, "chart", "type")`` (inverse of :func:`dotted_path`)."""
    parts: list = []
    for piece in re.findall(r"[^.\[\]]+|\[\d+\]", text):
        parts.append(int(piece[1:-1]) if piece.startswith("[") else piece)
    return tuple(parts)
