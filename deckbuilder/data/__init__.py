"""Data layer: read the spec's ``data:`` sources into typed DataFrames (``SourceCache``)."""
