"""``extends: base.yaml``: a spec written as a few lines over a base spec.

The base is read (recursively: a base may extend another) and the spec is deep-merged
over it (:func:`merge_specs`). Relative paths written in a base file stay relative to
the base file's folder. The merged source map keeps each value's own file and line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from deckbuilder.errors import Issue, SpecError, allowed_hint
from deckbuilder.spec.positions import SourceMap, load_yaml, read_yaml_file
from deckbuilder.spec.variants.includes import expand_includes


def apply_extends(raw: dict, smap: SourceMap, *, folder: Path, paths_dir: Path,
                  file: str | None = None) -> tuple[dict, SourceMap]:
    """Resolve ``extends:`` in *raw* (read from *file*, or given as text/dict).

    *folder* is where *raw*'s ``extends`` names are looked up (the spec file's
    folder); *paths_dir* is the folder its relative data/template paths are
    taken from (the loader's ``base_dir``). Returns the merged data and map;
    *raw* loses its ``extends`` key.
    """
    stack = [Path(file).resolve()] if file else []
    shown = [file] if file else []
    return _expand(raw, smap, folder, paths_dir, stack, shown)


def _expand(raw: dict, smap: SourceMap, folder: Path, paths_dir: Path,
            stack: list[Path], shown: list[str]) -> tuple[dict, SourceMap]:
    if "extends" not in raw:
        return raw, smap
    bases = raw.pop("extends")
    items = [bases] if isinstance(bases, str) else bases
    if not isinstance(items, list) or not items or not all(isinstance(b, str) and b.strip() for b in items):
        raise SpecError(issues=[smap.issue("'extends' should be a file name or a list of file names", ("extends",),
                                           hint="e.g. extends: company.yaml (relative to this file's folder)")])
    merged: dict | None = None
    merged_map = SourceMap()
    for i, name in enumerate(items):
        at = ("extends",) if isinstance(bases, str) else ("extends", i)
        path = folder / name.strip()
        resolved = path.resolve()
        if resolved in stack:
            chain = " -> ".join([*shown[stack.index(resolved):], str(path)])
            raise SpecError(issues=[smap.issue(f"extends cycle: {chain}", at,
                                               hint="a spec cannot extend itself, directly or through its bases")])
        if not path.is_file():
            raise SpecError(issues=[smap.issue(f"base spec not found: {path}", at,
                                               hint="'extends' is relative to the folder of the file that says it")])
        base, base_map = read_spec_file(path, "a base spec")
        expand_includes(base, base_map, folder=path.parent, paths_dir=path.parent, file=str(path))
        base, base_map = _expand(base, base_map, path.parent, path.parent, [*stack, resolved], [*shown, str(path)])
        rebase_paths(base, path.parent, paths_dir)
        if merged is None:
            merged, merged_map = base, base_map
        else:
            merged, merged_map = merge_specs(merged, merged_map, base, base_map)
    return merge_specs(merged or {}, merged_map, raw, smap)


def read_spec_file(path: Path, what: str) -> tuple[dict, SourceMap]:
    """A YAML mapping read from *path* (*what* it is, for the message) with the safe loader and its limits."""
    raw, smap = load_yaml(read_yaml_file(path), file=str(path))
    if not isinstance(raw, dict):
        raise SpecError(issues=[Issue(f"{what} must be a YAML mapping", file=str(path), line=1, column=1)])
    return raw, smap


# --------------------------------------------------------------------------- relative paths of base files
def _path_slots(raw: dict) -> Iterable[tuple[dict, str]]:
    """(mapping, key) of every field holding a file path relative to the spec."""
    def deck_like(node: Any) -> Iterable[tuple[dict, str]]:
        if isinstance(node, dict):
            yield node, "template"
            yield node, "layout_map"
            if isinstance(node.get("theme"), str) and node["theme"].endswith((".yaml", ".yml")):
                yield node, "theme"

    def sources(node: Any) -> Iterable[tuple[dict, str]]:
        if isinstance(node, dict):
            for source in node.values():
                if isinstance(source, dict):
                    yield source, "path"

    yield from deck_like(raw.get("deck"))
    yield from sources(raw.get("data"))
    slides = raw.get("slides")
    for slide in (slides if isinstance(slides, list) else slides.values() if isinstance(slides, dict) else []):
        if isinstance(slide, dict):
            for binding in ("chart", "table"):
                if isinstance(slide.get(binding), dict):
                    yield slide[binding], "csv"
            images = slide.get("images")
            for image in [slide.get("image"), *(images if isinstance(images, list) else [images])]:
                if isinstance(image, dict):
                    yield image, "folder" if "metric" in image else "path"
    departments = raw.get("departments")
    for dept in departments if isinstance(departments, list) else []:
        yield from deck_like(dept)
        if isinstance(dept, dict):
            yield from sources(dept.get("data"))


def rebase_paths(raw: dict, source_dir: Path, target_dir: Path) -> None:
    """Rewrite relative paths written in a file in *source_dir* so they work from *target_dir*."""
    source_dir, target_dir = source_dir.resolve(), target_dir.resolve()
    if source_dir == target_dir:
        return
    for node, key in _path_slots(raw):
        value = node.get(key)
        if not isinstance(value, str) or not value or "{{" in value or Path(value).is_absolute():
            continue
        full = os.path.normpath(source_dir / value)
        try:
            node[key] = Path(os.path.relpath(full, target_dir)).as_posix()
        except ValueError:  # another drive (Windows)
            node[key] = full


# --------------------------------------------------------------------------- deep merge
def merge_specs(base: dict, base_map: SourceMap, child: dict, child_map: SourceMap) -> tuple[dict, SourceMap]:
    """Deep-merge *child* over *base*; return the result and its source map.

    Rules (documented in docs/departments.md):

    - mapping over mapping: merged key by key (keys of the base first, new keys after);
    - anything else (text, numbers, lists, ``null``) replaces the base value as a whole;
    - ``departments`` (list over list): entries merge by ``name``; new names are appended;
    - ``slides`` given as a mapping over the base's slide list: patches slides by ``id``
      (``id: {title: ...}`` merges into that slide, ``id: null`` removes it).
    """
    out = SourceMap(file=child_map.file)
    merged = _Merger(base_map, child_map, out).merge(base, (), child, (), ())
    return merged, out


class _Merger:
    def __init__(self, base_map: SourceMap, child_map: SourceMap, out: SourceMap):
        self.bmap, self.cmap, self.out = base_map, child_map, out

    def merge(self, base: Any, bpath: tuple, child: Any, cpath: tuple, opath: tuple) -> Any:
        if isinstance(base, dict) and isinstance(child, dict):
            self.out.graft(self.cmap, cpath, opath, subtree=False)
            result = {}
            for key, value in base.items():
                if key in child:
                    result[key] = self.merge(value, bpath + (key,), child[key], cpath + (key,), opath + (key,))
                else:
                    result[key] = value
                    self.out.graft(self.bmap, bpath + (key,), opath + (key,))
            for key, value in child.items():
                if key not in base:
                    result[key] = value
                    self.out.graft(self.cmap, cpath + (key,), opath + (key,))
            return result
        if opath == ("departments",) and isinstance(base, list) and isinstance(child, list):
            return self._departments(base, bpath, child, cpath, opath)
        if opath == ("slides",) and isinstance(base, list) and isinstance(child, dict):
            return self._patch_slides(base, bpath, child, cpath, opath)
        self.out.graft(self.cmap, cpath, opath)
        return child

    def _departments(self, base: list, bpath: tuple, child: list, cpath: tuple, opath: tuple) -> list:
        result = []
        by_name: dict[str, int] = {}
        for i, entry in enumerate(base):
            result.append(entry)
            self.out.graft(self.bmap, bpath + (i,), opath + (i,))
            if isinstance(entry, dict) and entry.get("name") is not None:
                by_name.setdefault(str(entry["name"]), i)
        seen: set[str] = set()
        for j, entry in enumerate(child):
            name = str(entry["name"]) if isinstance(entry, dict) and entry.get("name") is not None else None
            if name is not None:
                if name in seen:
                    raise SpecError(issues=[self.cmap.issue(f"duplicate department '{name}'", cpath + (j, "name"),
                                                            hint="each department is listed once")])
                seen.add(name)
                if name in by_name:
                    i = by_name[name]
                    self.out.drop(opath + (i,))
                    result[i] = self.merge(result[i], bpath + (i,), entry, cpath + (j,), opath + (i,))
                    continue
            self.out.graft(self.cmap, cpath + (j,), opath + (len(result),))
            result.append(entry)
        self.out.graft(self.cmap, cpath, opath, subtree=False)
        return result

    def _patch_slides(self, base: list, bpath: tuple, child: dict, cpath: tuple, opath: tuple) -> list:
        ids = {str(s["id"]): i for i, s in enumerate(base) if isinstance(s, dict) and s.get("id") is not None}
        patches: dict[int, tuple[Any, Any]] = {}
        for sid, patch in child.items():
            if str(sid) not in ids:
                raise SpecError(issues=[self.cmap.issue(f"no slide with id '{sid}' to patch", cpath + (sid,),
                                                        hint=allowed_hint(str(sid), ids), key=True)])
            if patch is not None and not isinstance(patch, dict):
                hint = "e.g. slides: {kpi_overview: {title: 新标题}}; null removes the slide"
                raise SpecError(issues=[self.cmap.issue(f"a slide patch should be a mapping of fields, got {patch!r}",
                                                        cpath + (sid,),
                                                        hint=hint)])
            patches[ids[str(sid)]] = (sid, patch)
        result: list[Any] = []
        for i, slide in enumerate(base):
            sid, patch = patches.get(i, (None, {}))
            if i in patches and patch is None:
                continue
            n = len(result)
            if i in patches:
                result.append(self.merge(slide, bpath + (i,), patch, cpath + (sid,), opath + (n,)))
            else:
                result.append(slide)
                self.out.graft(self.bmap, bpath + (i,), opath + (n,))
        self.out.graft(self.bmap, bpath, opath, subtree=False)
        return result
