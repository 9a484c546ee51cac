"""One spec, many decks: ``extends``, ``--set`` overrides and departments.

Three ways to vary a spec, applied in this order by :func:`~deckbuilder.spec.loader.load_spec`
(one module each: ``extends``, ``overrides``, ``departments``):

1. ``extends: base.yaml`` -- the spec is a few lines over a base spec. The base is
   read (recursively: a base may extend another) and the spec is deep-merged over
   it with the rules in :func:`~deckbuilder.spec.variants.extends.merge_specs`. Relative paths written in a base
   file stay relative to the base file's folder.
2. ``--set PATH=VALUE`` -- command-line overrides of any field
   (:func:`~deckbuilder.spec.variants.overrides.apply_overrides`); the value is YAML (safe loader).
3. ``departments:`` -- a validated spec may describe several department decks;
   :func:`~deckbuilder.spec.variants.departments.resolve_department` derives one department's spec (its own deck
   fields, theme, template, data sources and slide selection) and validates it
   again.

Before these, ``include:`` entries of ``slides:`` are replaced by the slides of a slide library
file with its parameters bound (``includes`` and ``bind``; docs/includes.md).

Every value keeps the file and line it was written at (the merged
:class:`~deckbuilder.spec.positions.SourceMap` records a file per path), so a
mistake in a base file is reported in the base file, and a bad ``--set`` value
is reported under the override's own text. ``docs/departments.md`` is the user
documentation.
"""
