"""Orchestration: the only package that imports every layer.

``pipeline`` builds one deck in the steps of docs/ARCHITECTURE.md, ``resolve``
is the resolve phase (everything computed before python-pptx is touched),
``batch`` builds a deck per department, ``check`` validates without building,
and ``locate`` gives every user error its place in the spec.
"""

from deckbuilder.build.batch import DepartmentResult, build_decks
from deckbuilder.build.check import SpecReport, check_spec
from deckbuilder.build.pipeline import (
           BuildResult,
           build_deck,
           build_variant,
           resolve_variant,
)

__all__ = ["BuildResult", "DepartmentResult", "SpecReport", "build_deck", "build_decks", "build_variant",
           "check_spec", "resolve_variant"]
