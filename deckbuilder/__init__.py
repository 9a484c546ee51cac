"""deckbuilder: a YAML spec plus business data -> a finished, editable PowerPoint deck.

>>> from deckbuilder import build_deck
>>> build_deck("specs/showcase.yaml", output="showcase.pptx")  # doctest: +SKIP
"""

from deckbuilder.errors import (
    DataError,
    DeckBuilderError,
    Issue,
    OutputError,
    RenderToolError,
    SpecError,
    TemplateError,
)

__version__ = "0.1.0"
__all__ = ["build_deck", "build_decks", "load_spec", "BuildResult", "DeckBuilderError", "SpecError", "DataError",
           "TemplateError", "OutputError", "RenderToolError", "Issue"]


def __getattr__(name):
    # Imported lazily so `deckbuilder schema` and spec validation stay fast and light.
    if name in ("build_deck", "build_decks", "BuildResult"):
        from deckbuilder import build

        return getattr(build, name)
    if name == "load_spec":
        from deckbuilder.spec.loader import load_spec

        return load_spec
    raise AttributeError(name)
