"""``- include: library/kpi_page.yaml``: slides defined once in a slide library file, used by many decks.

An entry ``{include: FILE, with: {name: value}}`` in a ``slides:`` list is replaced by the slides
of FILE (relative to the folder of the file that says it), with the file's ``params:`` bound
(:mod:`deckbuilder.spec.variants.bind`). A library file may include others. After expansion the
spec is exactly the one with the slides written out, so ids, ``department:``, ``repeat:`` and
``--set slides[ID]`` treat them alike. Each included value keeps its own file and line in the
source map; its message path names the include site: ``(included at deck.yaml:12) slides[0].title``.
Files are read with the same safe loader as specs and ``extends:`` bases (size, alias and depth
limits); :data:`~deckbuilder.limits.MAX_INCLUDE_DEPTH` and :data:`~deckbuilder.limits.MAX_INCLUDES`
bound chains and counts, and a cycle is refused by name.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from deckbuilder.errors import SpecError, allowed_hint
from deckbuilder.limits import MAX_INCLUDE_DEPTH, MAX_INCLUDES, MAX_YAML_NODES
from deckbuilder.spec.params import PARAM_NAME_HINT, valid_param_name
from deckbuilder.spec.positions import SourceMap
from deckbuilder.spec.variants.bind import Bound, bind

if TYPE_CHECKING:
    from deckbuilder.spec.include_model import IncludeParam

# The include models (pydantic, ~2 ms to create) are imported by the functions below, which run
# only for a spec with include: entries.


def is_include(slide: Any) -> bool:
    """Whether a ``slides:`` entry is an ``include:`` (and not a slide)."""
    return isinstance(slide, dict) and "include" in slide and "kind" not in slide


def expand_includes(raw: dict, smap: SourceMap, *, folder: Path, paths_dir: Path, file: str | None) -> None:
    """Replace every ``include:`` entry of *raw*'s ``slides:`` list by the included slides, in place.

    *folder* is where the entries' file names are looked up (the folder of *file*); relative paths
    written in included files are rewritten to work from *paths_dir* (the spec's ``base_dir``).
    """
    slides = raw.get("slides")
    if not isinstance(slides, list) or not any(is_include(s) for s in slides):
        return
    expander = _Expander()
    chain = [_Link(Path(file).resolve(), str(file), "")] if file else []
    new, new_map = expander.slides(slides, smap, folder, paths_dir, chain)
    raw["slides"] = new
    smap.drop(("slides",))
    smap.graft(new_map, ("slides",))
    if ("slides",) not in smap.values and ("slides",) in new_map.values:
        smap.set(("slides",), new_map.values[("slides",)], file=new_map.file)


@dataclass
class _Link:
    """One file of the include chain: its resolved path, its name as written, and where it was included."""

    resolved: Path
    shown: str
    site: str


@dataclass
class _Expander:
    count: int = 0
    values: int = 0  # values copied into the spec so far, under MAX_YAML_NODES like one YAML file's
    cache: dict[Path, tuple[Any, SourceMap, int]] = field(default_factory=dict)  # file, map, values in slides

    def slides(self, slides: list, smap: SourceMap, folder: Path, target: Path,
               chain: list[_Link]) -> tuple[list, SourceMap]:
        """*slides* (at ``("slides",)`` in *smap*) with includes expanded, and their map; the included
        slides' relative paths are rewritten to work from *target*."""
        out_map = SourceMap(file=smap.file)
        out_map.graft(smap, ("slides",), subtree=False)
        result: list = []
        for i, slide in enumerate(slides):
            if not is_include(slide):
                out_map.graft(smap, ("slides", i), ("slides", len(result)))
                result.append(slide)
                continue
            included, inc_map, site = self.include(slide, smap, ("slides", i), folder, chain)
            _rebase(included, folder, target)
            for k, item in enumerate(included):
                n = len(result)
                out_map.graft(inc_map, ("slides", k), ("slides", n))
                if ("slides", n) not in out_map.origins:  # a slide of a deeper include already names its sites
                    out_map.origins[("slides", n)] = (f"(included at {site}) slides", k)
                result.append(item)
        return result, out_map

    def include(self, entry: dict, smap: SourceMap, at: tuple, folder: Path,
                chain: list[_Link]) -> tuple[list, SourceMap, str]:
        """The slides one entry stands for, their map, and the site's text for messages."""
        _check_entry(entry, smap, at)
        file, line, _ = smap.position(at + ("include",))
        site = f"{file or '<spec>'}:{line}" + (f" via {chain[-1].site}" if chain and chain[-1].site else "")
        self.count += 1
        if self.count > MAX_INCLUDES:
            raise _error(smap, at + ("include",), f"more than {MAX_INCLUDES} includes in one spec",
                         "see docs/limits.md; a library file including others multiplies")
        name = entry["include"].strip()
        path = Path(os.path.normpath(folder / name))
        resolved = path.resolve()
        shown = [link.shown for link in chain]
        if any(link.resolved == resolved for link in chain):
            start = next(k for k, link in enumerate(chain) if link.resolved == resolved)
            raise _error(smap, at + ("include",), f"include cycle: {' -> '.join([*shown[start:], str(path)])}",
                         "a slide file cannot include itself, directly or through the files it includes")
        if len(chain) > MAX_INCLUDE_DEPTH:
            raise _error(smap, at + ("include",), f"includes nested more than {MAX_INCLUDE_DEPTH} deep: "
                         f"{' -> '.join([*shown, str(path)])}", "see docs/limits.md")
        if not path.is_file():
            raise _error(smap, at + ("include",), f"slide file not found: {path}",
                         "'include' is relative to the folder of the file that says it")
        library, lib_map, size = self._read(path)
        self.values += size
        if self.values > MAX_YAML_NODES:
            raise _error(smap, at + ("include",), f"the includes expand to more than {MAX_YAML_NODES:,} values",
                         "each include copies its file's slides; see docs/limits.md")
        params = _bind_params(library, lib_map, entry, smap, at, str(path))
        slides = bind(copy.deepcopy(library["slides"]), params)
        expanded, exp_map = self.slides(slides, lib_map, path.parent, path.parent,
                                        [*chain, _Link(resolved, str(path), site)])
        _rebase(expanded, path.parent, folder)  # as if written in the including file
        return expanded, exp_map, site

    def _read(self, path: Path) -> tuple[dict, SourceMap, int]:
        resolved = path.resolve()
        if resolved not in self.cache:
            from deckbuilder.spec.variants.extends import read_spec_file

            raw, smap = read_spec_file(path, "a slide library file")
            _check_library(raw, smap)
            self.cache[resolved] = (raw, smap, sum(1 for p in smap.values if p[:1] == ("slides",)))
        return self.cache[resolved]


def _error(smap: SourceMap, path: tuple, message: str, hint: str | None = None, *, key: bool = False) -> SpecError:
    return SpecError(issues=[smap.issue(message, path, hint=hint, key=key)])


def _check_entry(entry: dict, smap: SourceMap, at: tuple) -> None:
    from deckbuilder.spec.include_model import INCLUDE_KEYS

    for key in entry:
        if key not in INCLUDE_KEYS:
            raise _error(smap, at + (key,), f"unknown key '{key}' in an include", allowed_hint(str(key), INCLUDE_KEYS),
                         key=True)
    if not isinstance(entry["include"], str) or not entry["include"].strip():
        raise _error(smap, at + ("include",), "'include' should be a file name",
                     "e.g. include: library/kpi_page.yaml (relative to this file's folder)")
    if not isinstance(entry.get("with", {}), dict):
        raise _error(smap, at + ("with",), "'with' should be a mapping of parameter values",
                     "e.g. with: {region: 华东}")


def _check_library(raw: Any, smap: SourceMap) -> None:
    from deckbuilder.spec.include_model import LIBRARY_KEYS, IncludeParam

    for key in raw:
        if key not in LIBRARY_KEYS:
            raise _error(smap, (key,), f"unknown key '{key}' in a slide library file",
                         allowed_hint(str(key), LIBRARY_KEYS), key=True)
    slides = raw.get("slides")
    if not isinstance(slides, list) or not slides:
        raise _error(smap, ("slides",) if "slides" in raw else (), "a slide library file needs 'slides:', "
                     "a list of slides", "e.g. slides: [{kind: kpi, title: ..., cards: [...]}]")
    params = raw.get("params", {})
    if not isinstance(params, dict):
        raise _error(smap, ("params",), "'params' should be a mapping of parameters",
                     "e.g. params: {region: {type: text}}")
    for name, spec in params.items():
        if not valid_param_name(name):
            raise _error(smap, ("params", name), f"parameter name '{name}' is not a plain name",
                         PARAM_NAME_HINT, key=True)
        try:
            params[name] = IncludeParam.model_validate(spec)
        except ValidationError as exc:
            problem = exc.errors()[0]
            where = ("params", name, *problem["loc"][:1])  # the field (pydantic adds union members after it)
            message = problem["msg"].removeprefix("Value error, ")
            raise _error(smap, where, f"parameter '{name}': {message}") from None


def _bind_params(library: dict, lib_map: SourceMap, entry: dict, smap: SourceMap, at: tuple,
                 file: str) -> dict[str, Bound]:
    """The values of the library's parameters at this include, checked against their types."""
    from deckbuilder.spec.include_model import check_include_value

    declared: dict[str, IncludeParam] = library.get("params", {})
    given = entry.get("with") or {}
    for name in given:
        if name not in declared:
            hint = allowed_hint(str(name), list(declared)) if declared else f"{file} declares no params:"
            raise _error(smap, at + ("with", name), f"unknown parameter '{name}' for {file}", hint, key=True)
    bound: dict[str, Bound] = {}
    for name, spec in declared.items():
        if name in given:
            try:
                value = check_include_value(spec.model_dump(), given[name])
            except ValueError as exc:
                raise _error(smap, at + ("with", name), f"parameter '{name}': {exc}") from None
        elif spec.default is not None:
            value = spec.default
        else:
            hint = f"add it: with: {{{name}: ...}}" + (f" ({spec.description})" if spec.description else "")
            raise _error(smap, at + ("include",), f"{file} needs parameter '{name}'", hint)
        bound[name] = Bound(value, metric=spec.type == "metric")
    return bound


def _rebase(slides: list, source_dir: Path, target_dir: Path) -> None:
    from deckbuilder.spec.variants.extends import rebase_paths

    rebase_paths({"slides": slides}, source_dir, target_dir)
