"""The layout map: which template layout serves each slide kind, and which placeholders.

A layout map is a small YAML file beside a template (``layouts/default.yaml``)::

    template: default.pptx
    layouts:
      chart_text:
        layout: "Chart + Text"
        placeholders:
          title: {type: title, idx: 0}
          content: {type: body, idx: 1}
          commentary: {type: body, idx: 2}

Placeholders are named by type and idx, never by their (often English) names, so a
corporate template with Chinese layout names maps just as well. This module only
reads and validates the file; :mod:`deckbuilder.deck.template` checks it against
the actual .pptx. A map needs entries only for the kinds a deck uses.
"""

from pathlib import Path

from pydantic import Field, ValidationError

from deckbuilder.errors import Issue, SpecError, TemplateError, allowed_hint
from deckbuilder.spec.model import SLIDE_KINDS, Strict
from deckbuilder.spec.positions import load_yaml, read_yaml_file
from deckbuilder.spec.validation import validation_issues

#: Roles a renderer may ask for; ``content`` is an area the renderer draws into.
PLACEHOLDER_ROLES = ("title", "subtitle", "presenter", "date", "number", "content", "commentary")


class PlaceholderRef(Strict):
    type: str = Field(description="placeholder type as in the XML: title, ctrTitle, subTitle, body, ...")
    idx: int = Field(ge=0)


class LayoutEntry(Strict):
    layout: str = Field(description="name of the slide layout in the template")
    placeholders: dict[str, PlaceholderRef] = Field(default_factory=dict)


class LayoutMapSpec(Strict):
    template: str | None = Field(None, description="template file, relative to the map")
    layouts: dict[str, LayoutEntry]


def load_layout_map(path: str | Path) -> LayoutMapSpec:
    """Read and validate a layout map file.

    A map need not map every kind, only those a deck uses: the build checks that
    (:func:`deckbuilder.build.resolve.resolve_layouts`), locating the error at the slide.
    """
    path = Path(path)
    if not path.is_file():
        raise TemplateError(f"layout map not found: {path}",
                            hint="give deck.layout_map, or put NAME.yaml beside NAME.pptx")
    raw, smap = load_yaml(read_yaml_file(path), file=str(path))
    try:
        model = LayoutMapSpec.model_validate(raw)
    except ValidationError as exc:
        raise SpecError("invalid layout map", issues=validation_issues(exc, raw, smap, str(path))) from None
    issues = []
    for kind, entry in model.layouts.items():
        if kind not in SLIDE_KINDS:
            line, col = smap.locate(("layouts", kind), key=True)
            issues.append(Issue(f"unknown slide kind '{kind}'", path=f"layouts.{kind}", file=str(path),
                                line=line, column=col, hint=allowed_hint(kind, SLIDE_KINDS)))
        for role in entry.placeholders:
            if role not in PLACEHOLDER_ROLES:
                line, col = smap.locate(("layouts", kind, "placeholders", role), key=True)
                issues.append(Issue(f"unknown placeholder role '{role}'", path=f"layouts.{kind}.placeholders.{role}",
                                    file=str(path), line=line, column=col, hint=allowed_hint(role, PLACEHOLDER_ROLES)))
    if issues:
        raise TemplateError("invalid layout map", issues=issues)
    return model
