"""One module per slide kind; importing this package registers them all."""

from deckbuilder.render.slides import (  # noqa: F401
    agenda, chart, chart_text, closing, kpi, points, section, table, title,
)
