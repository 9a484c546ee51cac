"""Tools that read finished decks: ``inspect`` (plain-data dump), ``lint`` (layout problems),
``preview`` (LibreOffice pages and a contact sheet). They sit beside the build path, never on
it, and stand on the same deck-layer foundation the renderers write with."""
