"""Load a spec (path, YAML text or dict) into a validated :class:`LoadedSpec`.

Validation happens in two passes and reports every problem at once:
1. the pydantic model checks structure and types (unknown keys, wrong types,
   unknown slide kinds or chart types);
2. cross-references are checked by name (a chart's ``metric`` must be defined),
   with did-you-mean hints.
Each pydantic error location is mapped back to the YAML line and column.
"""

from __future__ import annotations

import copy
import re
import sys
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from pydantic import BaseModel, ValidationError

from deckbuilder.errors import Issue, SpecError, TemplateError, allowed_hint
from deckbuilder.spec.model import DeckSpec, ThemeSpec
from deckbuilder.spec.positions import SourceMap, dotted_path, load_yaml

def _layouts_dir() -> Path:
    """The bundled templates and themes: ``layouts/`` of a source checkout (editable install),
    else the copy a regular install puts under ``<prefix>/share/deckbuilder/layouts``."""
    checkout = Path(__file__).resolve().parents[2] / "layouts"
    installed = Path(sys.prefix) / "share" / "deckbuilder" / "layouts"
    return checkout if (checkout / "default.pptx").is_file() or not installed.is_dir() else installed


#: Folder holding the bundled templates and themes.
LAYOUTS_DIR = _layouts_dir()


@dataclass
class LoadedSpec:
    """A validated spec plus where it came from, for locating later errors.

    ``file`` is the spec file that was loaded (None for text and dicts); values
    inherited through ``extends`` or set with ``--set`` carry their own file in
    ``source_map``, so always locate through :meth:`issue`, :meth:`where` or
    :meth:`locate` rather than pairing ``file`` with a line.
    """

    model: DeckSpec
    file: str | None
    base_dir: Path
    source_map: SourceMap
    raw: dict

    def issue(self, message: str, path: tuple = (), *, hint: str | None = None, key: bool = False) -> Issue:
        """An :class:`Issue` located at *path* (in whichever file the value was written)."""
        file, line, column = self.locate(path, key=key)
        return Issue(message, path=dotted_path(self.source_map.origin(tuple(path))), file=file, line=line,
                     column=column, hint=hint)

    def where(self, path: tuple) -> dict:
        """``file``/``line`` keyword arguments for errors raised about *path*."""
        file, line, _ = self.locate(path)
        return {"file": file, "line": line}

    def locate(self, path: tuple, *, key: bool = False) -> tuple[str | None, int | None, int | None]:
        """``(file, line, column)`` of *path*, falling back to its nearest located parent."""
        file, line, column = self.source_map.position(tuple(path), key=key)
        return file or self.file, line, column


def load_spec(spec: str | Path | Mapping | DeckSpec | LoadedSpec, *, base_dir: str | Path | None = None,
              overrides: Sequence[str] = ()) -> LoadedSpec:
    """Load and validate a spec.

    *spec* may be a path to a YAML file, YAML text, a dict or an already built model.
    Relative paths inside the spec resolve against *base_dir* (default: the spec's folder,
    or the current directory for text and dicts). ``extends:`` is resolved first
    (see :mod:`deckbuilder.spec.variants`), then *overrides* (``PATH=VALUE`` strings,
    the CLI's ``--set``) are applied in order, then the result is validated.

    >>> loaded = load_spec({"deck": {"title": "Q3"}, "slides": [{"kind": "title"}]})
    >>> loaded.model.slides[0].kind
    'title'
    >>> load_spec({"deck": {"title": "Q3"}, "slides": [{"kind": "title"}]}, overrides=["deck.title=Q4"]).model.deck.title
    'Q4'
    """
    from deckbuilder.spec import variants  # variants needs LoadedSpec: import here, not at module level

    file: str | None = None
    if isinstance(spec, LoadedSpec):
        if not overrides:
            return spec
        raw, smap, file = copy.deepcopy(spec.raw), spec.source_map.copy(), spec.file
        base_dir = spec.base_dir if base_dir is None else base_dir
    elif isinstance(spec, DeckSpec):
        if not overrides:
            return LoadedSpec(spec, None, Path(base_dir or ".").resolve(), SourceMap(), spec.model_dump())
        raw, smap = spec.model_dump(), SourceMap()
    elif isinstance(spec, Mapping):
        raw, smap = copy.deepcopy(dict(spec)), SourceMap()
    else:
        text, file = _read_spec_text(spec)
        raw, smap = load_yaml(text, file=file)
        if not isinstance(raw, dict):
            raise SpecError(issues=[Issue("a spec must be a YAML mapping with 'deck' and 'slides'",
                                          file=file, line=1, column=1)])
    if base_dir is None:
        base_dir = Path(file).resolve().parent if file else Path.cwd()
    raw, smap = variants.apply_extends(raw, smap, folder=Path(file).parent if file else Path(base_dir),
                                       paths_dir=Path(base_dir), file=file)
    variants.apply_overrides(raw, smap, overrides)
    try:
        model = DeckSpec.model_validate(raw)
    except ValidationError as exc:
        raise SpecError("invalid spec", issues=validation_issues(exc, raw, smap, file)) from None
    loaded = LoadedSpec(model, file, Path(base_dir).resolve(), smap, raw)
    problems = [*check_references(loaded), *check_theme(loaded), *variants.check_departments(loaded)]
    if problems:
        raise SpecError("invalid spec", issues=problems)
    missing = list(check_template_files(loaded))
    if missing:
        raise TemplateError(issues=missing)
    return loaded


def _read_spec_text(spec: str | Path) -> tuple[str, str | None]:
    """Return (text, file) for a path or for YAML text given directly."""
    looks_like_path = isinstance(spec, Path) or ("\n" not in spec and spec.strip().endswith((".yaml", ".yml")))
    if not looks_like_path:
        return str(spec), None
    path = Path(spec)
    if not path.is_file():
        raise SpecError(issues=[Issue(f"spec file not found: {path}", file=str(path),
                                      hint="check the path; relative paths are taken from the current folder")])
    try:
        return path.read_text(encoding="utf-8-sig"), str(path)
    except UnicodeDecodeError as exc:
        raise SpecError(issues=[Issue(f"spec file is not UTF-8 text ({exc.reason})", file=str(path))]) from None


# --------------------------------------------------------------------------- pydantic errors -> issues
def validation_issues(exc: ValidationError, raw: Any, smap: SourceMap, file: str | None) -> list[Issue]:
    """Translate pydantic errors into located, human messages (one per error)."""
    issues = []
    seen = set()
    located = []
    for err in exc.errors(include_url=False):
        path = _data_path(raw, err["loc"], err["type"])
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            path += (str((err.get("ctx") or {}).get("discriminator", "kind")).strip("'"),)
        located.append((path, err))
    deeper = {p[:n] for p, _ in located for n in range(len(p))}
    for path, err in located:
        # `theme: {colors: ...}` fails both union members (text, mapping): the mapping's own error says more.
        if err["type"].endswith("_type") and path in deeper:
            continue
        message, hint = _describe(err, path, raw)
        key = (path, message)
        if key in seen:
            continue
        seen.add(key)
        where, line, column = smap.position(path, key=err["type"] == "extra_forbidden")
        if line is None and (where or file):  # nothing located above it: the document itself (e.g. empty)
            line, column = 1, 1
        issues.append(Issue(message, path=dotted_path(smap.origin(path)), file=where or file, line=line,
                            column=column, hint=hint))
    issues.sort(key=lambda i: (i.line or 0, i.column or 0))
    return issues


def _data_path(raw: Any, loc: tuple, err_type: str) -> tuple:
    """Drop union tags pydantic inserts in ``loc`` (``slides.3.chart.chart.type``)."""
    path, node = [], raw
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        elif last and err_type in ("missing", "extra_forbidden"):
            path.append(part)
        # otherwise: a union tag or validator name pydantic inserted ("chart", "function-after"); skip it
    return tuple(path)


def _quoted(text: str) -> list[str]:
    return re.findall(r"'([^']*)'", text or "")


def _describe(err: dict, path: tuple, raw: Any) -> tuple[str, str | None]:
    kind, ctx, given = err["type"], err.get("ctx") or {}, err.get("input")
    field = path[-1] if path else ""
    if kind == "extra_forbidden":
        allowed = _allowed_keys(raw, path[:-1])
        return f"unknown key '{field}'", allowed_hint(str(field), allowed) if allowed else None
    if kind == "missing":
        return f"missing required key '{field}'", None
    if kind == "literal_error":
        allowed = _quoted(ctx.get("expected", ""))
        what = "chart type" if field == "type" and "chart" in path else f"value for '{field}'"
        return f"unknown {what} '{given}'", allowed_hint(str(given), allowed)
    if kind == "union_tag_invalid":
        allowed = _quoted(ctx.get("expected_tags", ""))
        tag = ctx.get("tag")
        what = "slide kind" if path and path[0] == "slides" else "type"
        return f"unknown {what} '{tag}'", allowed_hint(str(tag), allowed)
    if kind == "union_tag_not_found":
        disc = ctx.get("discriminator", "").strip("'")
        return f"missing required key '{disc}'", None
    if kind in ("too_short", "too_long"):
        bound = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        need = "at least" if kind == "too_short" else "at most"
        return f"'{field}' needs {need} {bound} items, got {ctx.get('actual_length')}", None
    if kind == "string_pattern_mismatch":  # the only patterned strings are theme colours
        return f"'{given}' is not a colour", "use a 6-digit hex colour without '#', e.g. 1F4E79"
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, "), None
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"'{field}' should be a mapping (key: value), got {_type_name(given)}", None
    if kind == "list_type":
        return f"'{field}' should be a list, got {_type_name(given)}", None
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"'{field}' has the wrong type: {err['msg'].lower()}, got {_type_name(given)} {given!r}", None
    return err["msg"], None


def _type_name(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number",
            bool: "true/false", type(None): "nothing"}.get(type(value), type(value).__name__)


def _allowed_keys(raw: Any, path: tuple) -> list[str]:
    """Field names allowed at *path*, found by walking the model with the data."""
    model: Any = DeckSpec
    node = raw
    for part in path:
        model = _field_type(model, part, node)
        node = node[part] if isinstance(node, (dict, list)) else None
        model = _pick_member(model, node)
        if model is None:
            return []
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _field_type(model: Any, part: Any, node: Any) -> Any:
    model = _pick_member(model, node)
    if isinstance(model, type) and issubclass(model, BaseModel):
        field = model.model_fields.get(part)
        return field.annotation if field else None
    origin = typing.get_origin(model)
    args = typing.get_args(model)
    if origin in (list, tuple) and args:
        return args[0]
    if origin is dict and len(args) == 2:
        return args[1]
    return None


def _pick_member(model: Any, node: Any) -> Any:
    """Resolve Optional/Union/Annotated to the member that fits *node*."""
    while typing.get_origin(model) is typing.Annotated:
        model = typing.get_args(model)[0]
    if typing.get_origin(model) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        members = [m for m in typing.get_args(model) if m is not type(None)]
        models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
        if isinstance(node, dict) and models:
            for m in models:
                disc = {name: f for name, f in m.model_fields.items()
                        if typing.get_origin(f.annotation) is typing.Literal}
                if all(node.get(k) in typing.get_args(f.annotation) for k, f in disc.items()) and disc:
                    return m
            return models[0]
        containers = [m for m in members if typing.get_origin(m) in (list, dict)]
        if containers:
            return containers[0]
        return members[0] if members else None
    return model


# --------------------------------------------------------------------------- cross references
def check_references(loaded: LoadedSpec) -> Iterable[Issue]:
    """Names used by slides must exist: metrics and (for KPI deltas) scalar metrics."""
    spec = loaded.model
    metrics = list(spec.metrics)
    for i, slide in enumerate(spec.slides):
        for field, binding in (("chart", getattr(slide, "chart", None)), ("table", getattr(slide, "table", None))):
            if binding is not None and binding.metric and binding.metric not in spec.metrics:
                yield loaded.issue(f"unknown metric '{binding.metric}'", ("slides", i, field, "metric"),
                                   hint=allowed_hint(binding.metric, metrics))
        for j, card in enumerate(getattr(slide, "cards", None) or []):
            for attr in ("metric", "delta"):
                name = getattr(card, attr)
                if name and name not in spec.metrics:
                    yield loaded.issue(f"unknown metric '{name}'", ("slides", i, "cards", j, attr),
                                       hint=allowed_hint(name, metrics))
                elif name and spec.metrics[name].keys_count:
                    yield loaded.issue(f"'{name}' is a table metric (it has 'by' or 'grain'); a KPI card shows "
                                       "one number", ("slides", i, "cards", j, attr),
                                       hint="bind a scalar metric, or show the table on a chart or table slide")


def check_theme(loaded: LoadedSpec) -> Iterable[Issue]:
    """A theme named by the deck must exist (reported at its line, not when the build gets there)."""
    theme = loaded.model.deck.theme
    if isinstance(theme, str) and _theme_file(theme, loaded.base_dir) is None:
        yield loaded.issue(f"unknown theme '{theme}'", ("deck", "theme"), hint=allowed_hint(theme, _known_themes()))


def check_template_files(loaded: LoadedSpec) -> Iterable[Issue]:
    """The deck's template and layout map must exist (reported at the spec line naming them)."""
    meta, base = loaded.model.deck, loaded.base_dir
    template = base / meta.template if meta.template else None
    if template is not None and not _is_file(template):
        yield loaded.issue(f"template not found: {template}", ("deck", "template"),
                           hint="paths in a spec are relative to the spec file's folder")
    elif meta.layout_map and not _is_file(base / meta.layout_map):
        yield loaded.issue(f"layout map not found: {base / meta.layout_map}", ("deck", "layout_map"),
                           hint="paths in a spec are relative to the spec file's folder")
    elif template is not None and not meta.layout_map and not _is_file(template.with_suffix(".yaml")):
        yield loaded.issue(f"layout map not found: {template.with_suffix('.yaml')}", ("deck", "template"),
                           hint="give deck.layout_map, or put NAME.yaml beside NAME.pptx")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return False


def _known_themes() -> list[str]:
    return sorted(p.stem for p in (LAYOUTS_DIR / "themes").glob("*.yaml"))


def _theme_file(theme: str, base_dir: Path) -> Path | None:
    """The YAML file of a theme given by name or path, or None when there is none."""
    candidates = [base_dir / theme] if theme.endswith((".yaml", ".yml")) else []
    if theme and "/" not in theme and "\\" not in theme:  # a bundled theme's name, never a path
        candidates.append(LAYOUTS_DIR / "themes" / f"{theme}.yaml")
    return next((path for path in candidates if _is_file(path)), None)


# --------------------------------------------------------------------------- themes
def resolve_theme(theme: str | ThemeSpec, base_dir: Path, *, file: str | None = None) -> ThemeSpec:
    """A theme given by name (``layouts/themes/NAME.yaml`` or a YAML path) or inline."""
    if isinstance(theme, ThemeSpec):
        return theme
    path = _theme_file(theme, base_dir)
    if path is not None:
        raw, smap = load_yaml(path.read_text(encoding="utf-8"), file=str(path))
        try:
            model = ThemeSpec.model_validate(raw)
        except ValidationError as exc:
            raise SpecError("invalid theme", issues=validation_issues(exc, raw, smap, str(path))) from None
        if model.logo and not Path(model.logo).is_absolute():
            model = model.model_copy(update={"logo": str((path.parent / model.logo).resolve())})
        return model
    raise SpecError(issues=[Issue(f"unknown theme '{theme}'", path="deck.theme", file=file,
                                  hint=allowed_hint(theme, _known_themes()))])
