"""Themes by name, file or inline, and the folder of the bundled templates and themes."""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import ValidationError

from deckbuilder.errors import Issue, SpecError, allowed_hint
from deckbuilder.spec.model import ThemeSpec
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


def resolve_theme(theme: str | ThemeSpec, base_dir: Path, *, file: str | None = None) -> ThemeSpec:
    """A theme given by name (``layouts/themes/NAME.yaml`` or a YAML path) or inline."""
    if isinstance(theme, ThemeSpec):
        return theme
    candidates = [base_dir / theme] if theme.endswith((".yaml", ".yml")) else []
    candidates.append(LAYOUTS_DIR / "themes" / f"{theme}.yaml")
    for path in candidates:
        if path.is_file():
            raw, smap = load_yaml(read_yaml_file(path), file=str(path))
            try:
                model = ThemeSpec.model_validate(raw)
            except ValidationError as exc:
                raise SpecError("invalid theme", issues=validation_issues(exc, raw, smap, str(path))) from None
            if model.logo and not Path(model.logo).is_absolute():
                model = model.model_copy(update={"logo": str((path.parent / model.logo).resolve())})
            return model
    known = sorted(p.stem for p in (LAYOUTS_DIR / "themes").glob("*.yaml"))
    raise SpecError(issues=[Issue(f"unknown theme '{theme}'", path="deck.theme", file=file,
                                  hint=allowed_hint(theme, known))])
