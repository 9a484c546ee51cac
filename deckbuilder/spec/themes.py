"""Themes by name, file or inline, and the folder of the bundled templates and themes."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from deckbuilder.errors import Issue, SpecError, allowed_hint
from deckbuilder.spec.loaded import LoadedSpec
from deckbuilder.spec.model import DeckMeta, ThemeSpec
from deckbuilder.spec.positions import load_yaml, read_yaml_file
from deckbuilder.spec.validation import validation_issues


def _layouts_dir() -> Path:
    """The bundled templates and themes: ``layouts/`` of a source checkout (editable install),
    else the copy a regular install puts under ``<prefix>/share/deckbuilder/layouts``."""
    checkout = Path(__file__).resolve().parents[2] / "layouts"
    installed = Path(sys.prefix) / "share" / "deckbuilder" / "layouts"
    return checkout if (checkout / "default.pptx").is_file() or not installed.is_dir() else installed


#: Folder holding the bundled templates and themes.
LAYOUTS_DIR = _layouts_dir()


def check_theme(loaded: LoadedSpec) -> Iterable[Issue]:
    """A theme named by the deck must exist (reported at its line, not when the build gets there)."""
    theme = loaded.model.deck.theme
    if isinstance(theme, str) and theme_file(theme, loaded.base_dir) is None:
        yield loaded.issue(f"unknown theme '{theme}'", ("deck", "theme"), hint=allowed_hint(theme, _known_themes()))


def template_files(meta: DeckMeta, base_dir: Path) -> tuple[Path, Path]:
    """The deck's template and its layout map: as the spec names them (relative to its folder),
    else the bundled ``default.pptx``, and the template's own ``NAME.yaml`` beside it."""
    template = base_dir / meta.template if meta.template else LAYOUTS_DIR / "default.pptx"
    return template, base_dir / meta.layout_map if meta.layout_map else template.with_suffix(".yaml")


def check_template_files(loaded: LoadedSpec) -> Iterable[Issue]:
    """The deck's template and layout map must exist (reported at the spec line naming them)."""
    meta = loaded.model.deck
    template, layout_map = template_files(meta, loaded.base_dir)
    if meta.template and not _is_file(template):
        yield loaded.issue(f"template not found: {template}", ("deck", "template"),
                           hint="paths in a spec are relative to the spec file's folder")
    elif meta.layout_map and not _is_file(layout_map):
        yield loaded.issue(f"layout map not found: {layout_map}", ("deck", "layout_map"),
                           hint="paths in a spec are relative to the spec file's folder")
    elif meta.template and not _is_file(layout_map):
        yield loaded.issue(f"layout map not found: {layout_map}", ("deck", "template"),
                           hint="give deck.layout_map, or put NAME.yaml beside NAME.pptx")


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        return False


def _known_themes() -> list[str]:
    return sorted(p.stem for p in (LAYOUTS_DIR / "themes").glob("*.yaml"))


def theme_file(theme: str, base_dir: Path) -> Path | None:
    """The YAML file of a theme given by name or path, or None when there is none."""
    candidates = [base_dir / theme] if theme.endswith((".yaml", ".yml")) else []
    if theme and "/" not in theme and "\\" not in theme:  # a bundled theme's name, never a path
        candidates.append(LAYOUTS_DIR / "themes" / f"{theme}.yaml")
    return next((path for path in candidates if _is_file(path)), None)


def resolve_theme(theme: str | ThemeSpec, base_dir: Path, *, file: str | None = None) -> ThemeSpec:
    """A theme given by name (``layouts/themes/NAME.yaml`` or a YAML path) or inline."""
    if isinstance(theme, ThemeSpec):  # inline: its logo is relative to the spec, like every path in it
        if theme.logo and not Path(theme.logo).is_absolute():
            return theme.model_copy(update={"logo": str((base_dir / theme.logo).resolve())})
        return theme
    path = theme_file(theme, base_dir)
    if path is not None:
        raw, smap = load_yaml(read_yaml_file(path), file=str(path))
        try:
            model = ThemeSpec.model_validate(raw)
        except ValidationError as exc:
            raise SpecError("invalid theme", issues=validation_issues(exc, raw, smap, str(path))) from None
        if model.logo and not Path(model.logo).is_absolute():
            model = model.model_copy(update={"logo": str((path.parent / model.logo).resolve())})
        return model
    raise SpecError(issues=[Issue(f"unknown theme '{theme}'", path="deck.theme", file=file,
                                  hint=allowed_hint(theme, _known_themes()))])
