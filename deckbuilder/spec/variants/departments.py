"""``departments:``: one validated spec describing several department decks.

:func:`resolve_department` derives one department's spec (its own deck fields, theme,
template, data sources and slide selection) and validates it again;
:func:`check_departments` cross-checks the section when the spec is loaded.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from deckbuilder.errors import Issue, SpecError, TemplateError, allowed_hint
from deckbuilder.spec.loaded import LoadedSpec
from deckbuilder.spec.model import DEPARTMENT_DECK_FIELDS, DeckSpec, DepartmentSpec
from deckbuilder.spec.params import param_values
from deckbuilder.spec.references import check_references
from deckbuilder.spec.themes import resolve_theme
from deckbuilder.spec.validation import validation_issues


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
    loaded: LoadedSpec
    filters: dict[str, list]
    context: dict
    file_name_fields: dict
    spec: DepartmentSpec | None = None  # None for the company deck
    index: int = -1  # position in the spec's departments list (0-based)
    parent: LoadedSpec | None = None  # the company spec it came from (locates department fields)


def department_names(loaded: LoadedSpec) -> list[str]:
    """The spec's department names, in spec order."""
    return [dept.name for dept in loaded.model.departments]


def find_department(loaded: LoadedSpec, name: str) -> int:
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


def _selected(loaded: LoadedSpec, k: int, field: str, names: Sequence[str],
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


def department_slides(loaded: LoadedSpec, k: int) -> list[int]:
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
    keep = {i for i in keep if (listed := slides[i].department) is None or dept.name in listed}
    if not any(slides[i].opens_section for i in keep):
        keep = {i for i in keep if slides[i].kind != "agenda"}  # nothing to list
    return sorted(keep)


def check_departments(loaded: LoadedSpec) -> Iterable[Issue]:
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


def resolve_department(loaded: LoadedSpec, name: str) -> DepartmentBuild:
    """Derive and validate department *name*'s spec from a loaded multi-department spec.

    Department fields replace deck fields (a new ``template`` without ``layout_map``
    drops the deck's layout map), ``variables`` merge into ``deck.variables``,
    ``data`` replaces sources by name, and the slides are filtered by ``include``,
    ``skip`` and each slide's ``department`` list. Positions of overridden values
    point into the department entry.
    """
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
    _department_params(loaded, k, entry, raw, smap, move)
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
    fields = {"department": file_safe(dept.name), "name": file_safe(dept.name),
              "code": file_safe(dept.code or dept.name), "number": k + 1}
    fields.update({p: file_safe(str(v)) for p, v in param_values(model.params).items() if p not in fields})
    return DepartmentBuild(dept.name, derived, filters, context, fields, dept, k, loaded)


def _department_params(loaded: LoadedSpec, k: int, entry: dict, raw: dict, smap: Any, move: Any) -> None:
    """A department's ``params:`` become the parameters' values, unless ``--param`` set them."""
    found = raw.get("params")
    declared: dict = found if isinstance(found, dict) else {}
    for name, value in (entry.get("params") or {}).items():
        if name not in declared:
            raise SpecError(issues=[loaded.issue(f"unknown parameter '{name}'", ("departments", k, "params", name),
                                                 key=True, hint=allowed_hint(name, list(declared)) if declared
                                                 else "declare it under params: in the spec")])
        if not isinstance(declared[name], dict):
            continue
        file = smap.position(("params", name, "default"))[0] or ""
        if file.startswith("--param"):
            continue  # the command line wins over the department
        declared[name]["default"] = copy.deepcopy(value)
        move(("departments", k, "params", name), ("params", name, "default"))


def file_safe(text: str) -> str:
    """*text* usable as (part of) a file name on every system: no folder separators, no characters
    Windows refuses, no leading or trailing dots (so a value can never climb out of the output folder)."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" .")
    return safe or "department"
