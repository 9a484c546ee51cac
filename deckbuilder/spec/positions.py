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
from pathlib import Path as FilePath
from typing import Any

import yaml

from deckbuilder.errors import Issue, SpecError
from deckbuilder.limits import MAX_SPEC_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES

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

    def issue(self, message: str, path: Path = (), *, hint: str | None = None, key: bool = False,
              file: str | None = None) -> Issue:
        """An :class:`Issue` at *path*, in whichever file its value was written (else *file*), named by
        the path the user wrote (:meth:`origin`)."""
        found, line, column = self.position(path, key=key)
        return Issue(message, path=dotted_path(self.origin(path)), file=found or file, line=line, column=column,
                     hint=hint)

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

    def graft(self, other: SourceMap, src: Path = (), dst: Path | None = None, *, subtree: bool = True) -> None:
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

    def copy(self) -> SourceMap:
        return SourceMap(self.file, dict(self.values), dict(self.keys), dict(self.files), dict(self.origins))

    # -- many small edits under one key: work on the part below it, not on the whole map -----
    def split(self, head: Any) -> dict[Any, SourceMap]:
        """The entries under ``(head, name, ...)`` as one map per *name*, in one pass (same file)."""
        parts: dict[Any, SourceMap] = {}
        for attr in ("values", "keys", "files", "origins"):
            for p, v in getattr(self, attr).items():
                if len(p) >= 2 and p[0] == head:
                    part = parts.get(p[1])
                    if part is None:
                        part = parts[p[1]] = SourceMap(self.file)
                    getattr(part, attr)[p] = v
        return parts

    def forget(self, part: SourceMap) -> None:
        """Drop the entries *part* holds (a part :meth:`split` from this map)."""
        for attr in ("values", "keys", "files", "origins"):
            table = getattr(self, attr)
            for p in getattr(part, attr):
                table.pop(p, None)

    def merge(self, part: SourceMap) -> None:
        """Add *part*'s entries (paths this map does not have yet; same file)."""
        for attr in ("values", "keys", "files", "origins"):
            getattr(self, attr).update(getattr(part, attr))


# libyaml's C parser when PyYAML has it (several times faster); both are safe loaders.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml_file(path: str | FilePath) -> str:
    """The text of a spec, theme or base file: size-checked, UTF-8 (a BOM is allowed), located errors."""
    path = FilePath(path)
    size = path.stat().st_size
    if size > MAX_SPEC_BYTES:
        raise SpecError(issues=[Issue(f"file is too large ({size:,} bytes; the limit is {MAX_SPEC_BYTES:,})",
                                      file=str(path), hint="see docs/limits.md")])
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _line_column(data, exc.start)
        raise SpecError(issues=[Issue(f"file is not UTF-8 text ({exc.reason}: byte 0x{data[exc.start]:02x})",
                                      file=str(path), line=line, column=column,
                                      hint="save the file as UTF-8")]) from None


def _line_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of *offset* in *text* (columns count characters)."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    before = text[:offset]
    line_start = before.rfind(newline) + 1  # type: ignore[arg-type]
    last = before[line_start:]
    column = len(last.decode("utf-8", errors="replace")) if isinstance(last, bytes) else len(last)
    return before.count(newline) + 1, column + 1  # type: ignore[arg-type]


def load_yaml(text: str, *, file: str | None = None) -> tuple[Any, SourceMap]:
    """Parse YAML *text* safely; return the data and its :class:`SourceMap`.

    Aliases are expanded under the limits of :mod:`deckbuilder.limits` (an alias
    bomb or an alias inside itself is a located ``SpecError``); merge keys
    (``<<: *base``) are resolved, explicit keys winning over merged ones.

    >>> data, where = load_yaml("a:\\n  b: 1\\n")
    >>> data, where.values[("a", "b")]
    ({'a': {'b': 1}}, (2, 6))
    """
    smap = SourceMap(file=file)
    if len(text) > MAX_SPEC_BYTES:
        raise SpecError(issues=[Issue(f"spec is too large ({len(text):,} characters; the limit is "
                                      f"{MAX_SPEC_BYTES:,})", file=file, hint="see docs/limits.md")])
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.reader.ReaderError as exc:  # a control character: located by offset, not "position 305"
        line, column = _line_column(text, exc.position)
        raise SpecError(issues=[Issue(f"character U+{exc.character:04X} is not allowed in YAML ({exc.reason})"
                                      if isinstance(exc.character, int) else f"malformed YAML: {exc.reason}",
                                      file=file, line=line, column=column,
                                      hint="remove it, or write it as an escape inside double quotes")]) from None
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
    builder = _Builder(smap)
    try:
        data = builder.build(node, ())
    except RecursionError:  # a merge key (<<) inside its own anchor
        raise SpecError(issues=[Issue("an alias refers to the mapping that contains it", file=file,
                                      hint="an anchor (&name) cannot be used (*name) inside itself")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SpecError(issues=[Issue(f"invalid YAML value: {getattr(exc, 'problem', exc)}", file=file,
                                      line=mark.line + 1 if mark else None,
                                      column=mark.column + 1 if mark else None)]) from None
    return data, smap


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Builder:
    """Plain Python data from a composed node graph, recording positions, within the limits."""

    def __init__(self, smap: SourceMap) -> None:
        self.smap = smap
        self.constructor = yaml.SafeLoader("")
        self.count = 0
        self.open: set[int] = set()  # ids of the collections being built: an alias to one is a cycle

    def fail(self, message: str, node: yaml.Node, path: Path, hint: str | None = None) -> SpecError:
        line, col = _position(node)
        return SpecError(issues=[Issue(message, path=_dotted(path), file=self.smap.file, line=line, column=col,
                                       hint=hint)])

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_YAML_NODES:
            raise self.fail(f"the YAML expands to more than {MAX_YAML_NODES:,} values", node, path,
                            "aliases (*name) repeat their anchor's whole content; see docs/limits.md")
        if len(path) > MAX_YAML_DEPTH:
            raise self.fail(f"the YAML is nested more than {MAX_YAML_DEPTH} levels deep", node, path)
        self.smap.values[path] = _position(node)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if node.tag not in _PLAIN_TAGS:
                raise self.fail(f"YAML tag '{node.tag}' is not allowed", node, path,
                                "a spec is plain data: no tags such as !!python")
            if id(node) in self.open:
                raise self.fail("an alias refers to the mapping or list that contains it", node, path,
                                "an anchor (&name) cannot be used (*name) inside itself")
            self.open.add(id(node))
            try:
                return self._mapping(node, path) if isinstance(node, yaml.MappingNode) else \
                    [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
            finally:
                self.open.discard(id(node))
        try:
            return self.constructor.construct_object(node, deep=True)
        except ValueError:  # 2025-13-01 looks like a date but is none: keep the text, the model says what is wrong
            if node.tag == "tag:yaml.org,2002:timestamp":
                return node.value
            raise

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict:
        explicit = {id(key) for key, _ in node.value if key.tag != "tag:yaml.org,2002:merge"}
        for key, value in node.value:
            sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
            if id(key) not in explicit and any(id(source) in self.open for source in sources):
                raise self.fail("a merge key (<<) refers to the mapping that contains it", key, path,
                                "an anchor (&name) cannot be used (*name) inside itself")
        if len(explicit) != len(node.value):
            node = yaml.MappingNode(node.tag, list(node.value), node.start_mark, node.end_mark, node.flow_style)
            self.constructor.flatten_mapping(node)  # merged pairs first, then the explicit ones
        result: dict[Any, Any] = {}
        written: set[Any] = set()
        for key_node, value_node in node.value:
            key = self.constructor.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                key = str(key)
            if id(key_node) in explicit:
                if key in written:
                    raise self.fail(f"duplicate key '{key}'", key_node, path + (key,),
                                    "each key may appear once in a mapping")
                written.add(key)
            # a later pair wins: explicit keys over merged ones, later merge sources over earlier ones
            self.smap.keys[path + (key,)] = _position(key_node)
            result[key] = self.build(value_node, path + (key,))
        return result


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
