"""One spec, many decks: ``extends``, ``--set`` overrides and departments.

Three ways to vary a spec, applied in this order by :func:`~deckbuilder.spec.loader.load_spec`:

1. ``extends: base.yaml`` -- the spec is a few lines over a base spec. The base is
   read (recursively: a base may extend another) and the spec is deep-merged over
   it with the rules in :func:`merge_specs`. Relative paths written in a base
   file stay relative to the base file's folder.
2. ``--set PATH=VALUE`` -- command-line overrides of any field
   (:func:`apply_overrides`); the value is YAML (safe loader).
3. ``departments:`` -- a validated spec may describe several department decks;
   :func:`resolve_department` derives one department's spec (its own deck
   fields, theme, template, data sources and slide selection) and validates it
   again.

Every value keeps the file and line it was written at (the merged
:class:`~deckbuilder.spec.positions.SourceMap` records a file per path), so a
mistake in a base file is reported in the base file, and a bad ``--set`` value
is reported under the override's own text. ``docs/departments.md`` is the user
documentation.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import yaml
from pydantic import ValidationError

from deckbuilder.errors import Issue, SpecError, TemplateError, allowed_hint
from deckbuilder.spec.model import DEPARTMENT_DECK_FIELDS, DeckSpec, DepartmentSpec
from deckbuilder.spec.positions import SourceMap, dotted_path, load_yaml, read_yaml_file

if TYPE_CHECKING:  # pragma: no cover
    from deckbuilder.spec.loader import LoadedSpec

#: Slide kinds that frame a deck rather than belong to a section: kept by ``include``
#: (unless skipped by id) and never part of a section's range.



def _issue(smap: SourceMap, path: tuple, message: str, *, hint: str | None = None, key: bool = False) -> Issue:
    file, line, column = smap.position(path, key=key)
    return Issue(message, path=dotted_path(smap.origin(path)), file=file, line=line, column=column, hint=hint)


# =========================================================================== extends
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
        raise SpecError(issues=[_issue(smap, ("extends",), "'extends' should be a file name or a list of file names",
                                       hint="e.g. extends: company.yaml (relative to this file's folder)")])
    merged: dict | None = None
    merged_map = SourceMap()
    for i, name in enumerate(items):
        at = ("extends",) if isinstance(bases, str) else ("extends", i)
        path = folder / name.strip()
        resolved = path.resolve()
        if resolved in stack:
            chain = " -> ".join([*shown[stack.index(resolved):], str(path)])
            raise SpecError(issues=[_issue(smap, at, f"extends cycle: {chain}",
                                           hint="a spec cannot extend itself, directly or through its bases")])
        if not path.is_file():
            raise SpecError(issues=[_issue(smap, at, f"base spec not found: {path}",
                                           hint="'extends' is relative to the folder of the file that says it")])
        base, base_map = _read_base(path)
        base, base_map = _expand(base, base_map, path.parent, path.parent, [*stack, resolved], [*shown, str(path)])
        _rebase_paths(base, path.parent, paths_dir)
        if merged is None:
            merged, merged_map = base, base_map
        else:
            merged, merged_map = merge_specs(merged, merged_map, base, base_map)
    return merge_specs(merged or {}, merged_map, raw, smap)


def _read_base(path: Path) -> tuple[dict, SourceMap]:
    raw, smap = load_yaml(read_yaml_file(path), file=str(path))
    if not isinstance(raw, dict):
        raise SpecError(issues=[Issue("a base spec must be a YAML mapping", file=str(path), line=1, column=1)])
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
    departments = raw.get("departments")
    for dept in departments if isinstance(departments, list) else []:
        yield from deck_like(dept)
        if isinstance(dept, dict):
            yield from sources(dept.get("data"))


def _rebase_paths(raw: dict, source_dir: Path, target_dir: Path) -> None:
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
                    raise SpecError(issues=[_issue(self.cmap, cpath + (j, "name"), f"duplicate department '{name}'",
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
                raise SpecError(issues=[_issue(self.cmap, cpath + (sid,), f"no slide with id '{sid}' to patch",
                                               hint=allowed_hint(str(sid), ids), key=True)])
            if patch is not None and not isinstance(patch, dict):
                raise SpecError(issues=[_issue(self.cmap, cpath + (sid,),
                                               f"a slide patch should be a mapping of fields, got {patch!r}",
                                               hint="e.g. slides: {kpi_overview: {title: 新标题}}; null removes the slide")])
            patches[ids[str(sid)]] = (sid, patch)
        result = []
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


# =========================================================================== --set
_KEY = r"[^.\[\]]+"
_OVERRIDE_PATH = re.compile(rf"{_KEY}(?:\.{_KEY}|\[[^\[\]]+\])*")
_STEP = re.compile(rf"\[([^\[\]]+)\]|\.?({_KEY})")
_SET_HINT = "write --set PATH=VALUE, e.g. deck.presenter=李雷, slides[3].title=新标题 or departments[美妆个护].theme=ocean"


class _Name(str):
    """``[name]`` in an override path: the list entry whose ``id`` or ``name`` is this."""


def parse_override(text: str) -> tuple[list[str | int], Any]:
    """Split ``PATH=VALUE`` into path steps and the YAML value; ``ValueError`` with a reason if malformed.

    >>> parse_override("slides[3].title=新标题")
    (['slides', 3, 'title'], '新标题')
    >>> parse_override("departments[0].filters.category=[美妆, 个护]")
    (['departments', 0, 'filters', 'category'], ['美妆', '个护'])
    """
    if "=" not in text:
        raise ValueError("no '=' between the path and the value")
    path_text, value_text = text.split("=", 1)
    path_text = path_text.strip()
    if not path_text:
        raise ValueError("the path before '=' is empty")
    if not _OVERRIDE_PATH.fullmatch(path_text):
        raise ValueError(f"'{path_text}' is not a field path (keys joined by '.', list items as [index])")
    steps: list[str | int] = []
    for index, key in _STEP.findall(path_text):
        if key:
            steps.append(key.strip())
        elif re.fullmatch(r"\s*-?\d+\s*", index):
            steps.append(int(index))
        else:
            steps.append(_Name(index.strip().strip("'\"")))
    try:
        value = yaml.safe_load(value_text)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ValueError(f"the value is not valid YAML ({problem}); quote text with special characters") from None
    return steps, value


def apply_overrides(raw: dict, smap: SourceMap, overrides: Sequence[str]) -> None:
    """Apply ``--set PATH=VALUE`` overrides to *raw* in order (in place).

    Mapping keys missing on the way are created (the model then checks they are
    allowed); list indices must exist. A value's location is the override itself.
    """
    for text in overrides:
        label = f"--set {text}"
        try:
            steps, value = parse_override(text)
        except ValueError as exc:
            raise SpecError(issues=[Issue(f"bad override: {exc}", file=label, hint=_SET_HINT)]) from None
        if steps[0] == "extends":
            raise SpecError(issues=[Issue("'extends' cannot be set: it is resolved before overrides", file=label,
                                          hint="write another spec that extends the one you want")])
        _set(raw, smap, steps, value, label)


def _set(raw: dict, smap: SourceMap, steps: list, value: Any, label: str) -> None:
    node: Any = raw
    path: tuple = ()

    def fail(message: str, hint: str | None = None) -> SpecError:
        return SpecError(issues=[Issue(message, path=dotted_path(path), file=label, hint=hint)])

    for depth, step in enumerate(steps):
        last = depth == len(steps) - 1
        where = dotted_path(path) or "the spec"
        if isinstance(step, _Name):
            if not isinstance(node, list):
                raise fail(f"[{step}] needs a list, but {where} is {_kind(node)}")
            names = [_entry_name(item) for item in node]
            if step not in names:
                known = [n for n in names if n is not None]
                raise fail(f"no item with id or name '{step}' in {where}",
                           allowed_hint(step, known) if known else "no item there has an id or name; use [0], [1], ...")
            key: Any = names.index(step)
        elif isinstance(step, int):
            if not isinstance(node, list):
                raise fail(f"[{step}] needs a list, but {where} is {_kind(node)}")
            key = step + len(node) if step < 0 else step
            if not 0 <= key < len(node):
                raise fail(f"{where} has {len(node)} items, there is no [{step}]",
                           f"indices run from 0 to {len(node) - 1}" if node else "the list is empty")
        else:
            if not isinstance(node, dict):
                raise fail(f"cannot set '{step}' inside {where}: it is {_kind(node)}, not a mapping")
            key = step
            if key not in node and step.lstrip("-").isdigit() and int(step) in node:
                key = int(step)  # YAML read the key 2025 as a number
        path += (key,)
        if last:
            node[key] = value
            smap.drop(path)
            smap.set(path, (None, None), file=label, key=(None, None))
            return
        if isinstance(node, dict) and node.get(key) is None:
            node[key] = {}
            smap.drop(path)
            smap.set(path, (None, None), file=label, key=(None, None))
        node = node[key]


def _entry_name(item: Any) -> str | None:
    if isinstance(item, dict):
        for field in ("id", "name"):
            if item.get(field) is not None:
                return str(item[field])
    return None


def _kind(node: Any) -> str:
    if isinstance(node, dict):
        return "a mapping"
    if isinstance(node, list):
        return "a list"
    return f"the value {node!r}"


# =========================================================================== departments
@dataclass
class DepartmentBuild:
    """Everything the build needs for one department's deck.

    ``loaded`` is a validated spec with the department applied: deck fields,
    theme, template/layout map, replaced data sources and the selected slides.
    ``filters`` (column -> allowed values) are for the metrics engine;
    ``context`` is the ``department`` dict for text templates; ``file_name_fields``
    are file-name-safe values for output names (``{code}.pptx``).
    """

    name: str
    loaded: "LoadedSpec"
    filters: dict[str, list]
    context: dict
    file_name_fields: dict
    spec: DepartmentSpec | None = None  # None for the company deck
    index: int = -1  # position in the spec's departments list (0-based)
    parent: "LoadedSpec | None" = None  # the company spec it came from (locates department fields)


def department_names(loaded: "LoadedSpec") -> list[str]:
    """The spec's department names, in spec order."""
    return [dept.name for dept in loaded.model.departments]


def find_department(loaded: "LoadedSpec", name: str) -> int:
    """Index of the department called *name* (or with that ``code``); located SpecError if unknown."""
    departments = loaded.model.departments
    for i, dept in enumerate(departments):
        if dept.name == name:
            return i
    for i, dept in enumerate(departments):
        if dept.code == name:
            return i
    if not departments:
        raise SpecError(issues=[loaded.issue(f"unknown department '{name}'", ("deck",),
                                             hint="this spec has no 'departments:' section")])
    raise SpecError(issues=[loaded.issue(f"unknown department '{name}'", ("departments",), key=True,
                                         hint=allowed_hint(name, department_names(loaded)))])


def slide_selectors(slides: Sequence[Any]) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """``({id: [index]}, {section title: [indices]})`` of a slide list.

    A section title selects its section slide and the slides after it up to the
    next section; title, agenda and closing slides never belong to a section.
    """
    ids: dict[str, list[int]] = {}
    sections: dict[str, list[int]] = {}
    current: list[int] | None = None
    for i, slide in enumerate(slides):
        if slide.id is not None:
            ids.setdefault(slide.id, []).append(i)
        if slide.opens_section:
            current = sections.setdefault(str(slide.title), [])
            current.append(i)
        elif not slide.frames_deck and current is not None:
            current.append(i)
    return ids, sections


def _selected(loaded: "LoadedSpec", k: int, field: str, names: Sequence[str],
              ids: dict, sections: dict, issues: list[Issue] | None) -> set[int]:
    chosen: set[int] = set()
    for j, name in enumerate(names):
        if name in ids:
            chosen.update(ids[name])
        elif name in sections:
            chosen.update(sections[name])
        elif issues is not None:
            issues.append(loaded.issue(f"no slide id or section title '{name}'", ("departments", k, field, j),
                                       hint=allowed_hint(name, [*ids, *sections])))
    return chosen


def department_slides(loaded: "LoadedSpec", k: int) -> list[int]:
    """Indices (in spec order) of the slides in department *k*'s deck."""
    spec = loaded.model
    dept = spec.departments[k]
    slides = spec.slides
    ids, sections = slide_selectors(slides)
    keep = set(range(len(slides)))
    if dept.include is not None:
        frames = {i for i, s in enumerate(slides) if s.frames_deck}
        keep = frames | _selected(loaded, k, "include", dept.include, ids, sections, None)
    keep -= _selected(loaded, k, "skip", dept.skip, ids, sections, None)
    keep = {i for i in keep if slides[i].department is None or dept.name in slides[i].department}
    if not any(slides[i].opens_section for i in keep):
        keep = {i for i in keep if slides[i].kind != "agenda"}  # nothing to list
    return sorted(keep)


def check_departments(loaded: "LoadedSpec") -> Iterable[Issue]:
    """Cross-checks of ``departments:`` and slide ids (all problems, with did-you-mean)."""
    spec = loaded.model
    ids, sections = slide_selectors(spec.slides)
    for slide_id, where in ids.items():
        for i in where[1:]:
            yield loaded.issue(f"duplicate slide id '{slide_id}'", ("slides", i, "id"),
                               hint=f"also used by slides[{where[0]}]; ids must be unique")
    names: dict[str, int] = {}
    codes: dict[str, int] = {}
    for k, dept in enumerate(spec.departments):
        if dept.name in names:
            yield loaded.issue(f"duplicate department '{dept.name}'", ("departments", k, "name"),
                               hint=f"also departments[{names[dept.name]}]")
        names.setdefault(dept.name, k)
        if dept.code is not None:
            if dept.code in codes:
                yield loaded.issue(f"duplicate department code '{dept.code}'", ("departments", k, "code"),
                                   hint=f"also departments[{codes[dept.code]}]")
            codes.setdefault(dept.code, k)
        issues: list[Issue] = []
        for field in ("include", "skip"):
            _selected(loaded, k, field, getattr(dept, field) or [], ids, sections, issues)
        yield from issues
        for source in dept.data:
            if source not in spec.data:
                yield loaded.issue(f"department replaces unknown data source '{source}'",
                                   ("departments", k, "data", source), key=True,
                                   hint=allowed_hint(source, spec.data))
        if not issues and not department_slides(loaded, k):
            yield loaded.issue(f"department '{dept.name}' has no slides left", ("departments", k),
                               hint="check its include/skip lists and the slides' department fields")
    known = [d.name for d in spec.departments]
    for i, slide in enumerate(spec.slides):
        for j, name in enumerate(slide.department or []):
            if name not in known:
                yield loaded.issue(f"unknown department '{name}'", ("slides", i, "department", j),
                                   hint=allowed_hint(name, known) if known else "the spec has no 'departments:'")


def resolve_department(loaded: "LoadedSpec", name: str) -> DepartmentBuild:
    """Derive and validate department *name*'s spec from a loaded multi-department spec.

    Department fields replace deck fields (a new ``template`` without ``layout_map``
    drops the deck's layout map), ``variables`` merge into ``deck.variables``,
    ``data`` replaces sources by name, and the slides are filtered by ``include``,
    ``skip`` and each slide's ``department`` list. Positions of overridden values
    point into the department entry.
    """
    from deckbuilder.spec.loader import LoadedSpec, check_references, resolve_theme, validation_issues

    k = find_department(loaded, name)
    dept = loaded.model.departments[k]
    entry = loaded.raw["departments"][k]
    old = loaded.source_map
    raw = {key: copy.deepcopy(value) for key, value in loaded.raw.items() if key != "departments"}
    smap = old.copy()
    smap.drop(("departments",))

    def move(src: tuple, dst: tuple) -> None:
        smap.drop(dst)
        smap.graft(old, src, dst)
        smap.origins[dst] = old.origin(src)

    deck = raw.setdefault("deck", {})
    for field in DEPARTMENT_DECK_FIELDS:
        if entry.get(field) is not None:
            deck[field] = copy.deepcopy(entry[field])
            move(("departments", k, field), ("deck", field))
    if entry.get("template") is not None and entry.get("layout_map") is None:
        deck.pop("layout_map", None)
        smap.drop(("deck", "layout_map"))
    if entry.get("variables"):
        if not isinstance(deck.get("variables"), dict):
            deck["variables"] = {}
        for key, value in entry["variables"].items():
            deck["variables"][key] = copy.deepcopy(value)
            move(("departments", k, "variables", key), ("deck", "variables", key))
    for source, value in (entry.get("data") or {}).items():
        if not isinstance(raw.get("data"), dict):
            raw["data"] = {}
        raw["data"][source] = copy.deepcopy(value)
        move(("departments", k, "data", source), ("data", source))

    keep = department_slides(loaded, k)
    if not keep:
        raise SpecError(issues=[loaded.issue(f"department '{dept.name}' has no slides left", ("departments", k),
                                             hint="check its include/skip lists and the slides' department fields")])
    raw["slides"] = [copy.deepcopy(loaded.raw["slides"][i]) for i in keep]
    smap.drop(("slides",))
    smap.graft(old, ("slides",), subtree=False)
    for n, i in enumerate(keep):
        smap.graft(old, ("slides", i), ("slides", n))
        if n != i:
            smap.origins[("slides", n)] = old.origin(("slides", i))

    try:
        model = DeckSpec.model_validate(raw)
    except ValidationError as exc:
        raise SpecError(f"invalid spec for department '{dept.name}'",
                        issues=validation_issues(exc, raw, smap, loaded.file)) from None
    derived = LoadedSpec(model, loaded.file, loaded.base_dir, smap, raw)
    problems = list(check_references(derived))
    if isinstance(dept.theme, str):
        try:
            resolve_theme(dept.theme, loaded.base_dir, file=loaded.file)
        except SpecError as exc:
            problems += [derived.issue(i.message, ("deck", "theme"), hint=i.hint) if i.line is None else i
                         for i in exc.issues]
    if problems:
        raise SpecError(f"invalid spec for department '{dept.name}'", issues=problems)
    missing = [derived.issue(f"{field.replace('_', ' ')} not found: {loaded.base_dir / entry[field]}",
                             ("deck", field), hint="paths are relative to the spec file's folder")
               for field in ("template", "layout_map")
               if entry.get(field) is not None and not (loaded.base_dir / entry[field]).is_file()]
    if missing:
        raise TemplateError(f"department '{dept.name}': missing files", issues=missing)

    filters = {column: list(value) if isinstance(value, list) else [value] for column, value in dept.filters.items()}
    context = dept.model_dump(mode="python")
    context.update({field: "" for field in DEPARTMENT_DECK_FIELDS if context[field] is None})  # no "None" in text
    context.update(code=dept.code or dept.name, filters=filters, number=k + 1)
    fields = {"department": _file_safe(dept.name), "name": _file_safe(dept.name),
              "code": _file_safe(dept.code or dept.name), "number": k + 1}
    return DepartmentBuild(dept.name, derived, filters, context, fields, dept, k, loaded)


def _file_safe(text: str) -> str:
    """*text* usable as (part of) a file name on every system."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" .")
    return safe or "department"
