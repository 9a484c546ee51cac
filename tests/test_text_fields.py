"""Every text field a slide accepts is a template (docs: "every text field is a template").

The resolve phase renders the fields each model lists in ``text_fields``. This walks every
model a slide can hold, so a new string field is either listed there or named below as
not being text shown on the slide (a name, a format, a reference) -- never forgotten.
"""

from __future__ import annotations

import typing

from pydantic import BaseModel

from deckbuilder.spec.model import SLIDE_MODELS, Strict

#: String fields that are not slide text: identifiers, references, formats, file names, choices.
NOT_TEXT = {
    "id", "kind", "department", "metric", "csv", "type", "x", "y", "series", "number_format", "legend",
    "highlight", "name", "format", "align", "delta", "delta_format", "columns", "column", "axis", "point_labels",
    "size", "link", "slide", "order", "from_", "to", "path", "folder", "source", "order_by", "caption_column",
    "facet",
}


def _models(model: type[BaseModel], seen: set) -> typing.Iterator[type[BaseModel]]:
    if model in seen:
        return
    seen.add(model)
    yield model
    for field in model.model_fields.values():
        for inner in _types(field.annotation):
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                yield from _models(inner, seen)


def _types(annotation) -> typing.Iterator[typing.Any]:
    args = typing.get_args(annotation)
    if not args:
        yield annotation
    for arg in args:
        yield from _types(arg)


def _holds_text(annotation) -> bool:
    return str in set(_types(annotation))


def test_every_string_field_of_a_slide_is_a_template_or_declared_not_text():
    seen: set = set()
    forgotten = []
    for slide in SLIDE_MODELS:
        for model in _models(slide, seen):
            assert issubclass(model, Strict)
            for name, field in model.model_fields.items():
                if _holds_text(field.annotation) and name not in model.text_fields and name not in NOT_TEXT:
                    forgotten.append(f"{model.__name__}.{name}")
    assert forgotten == []


def test_table_header_is_rendered(tmp_path):
    from deckbuilder import build_deck
    from deckbuilder.tools.inspect import inspect_deck

    spec = ("deck: {title: t, variables: {year: 2026}}\nslides:\n  - kind: table\n    title: 表\n"
            "    table:\n      data: {columns: [a], rows: [[1]]}\n"
            "      columns: [{name: a, header: '{{ year }} 年'}]\n")
    out = tmp_path / "t.pptx"
    build_deck(spec, output=out, base_dir=tmp_path)
    dump = str(inspect_deck(out))
    assert "2026 年" in dump
    assert "{{" not in dump
