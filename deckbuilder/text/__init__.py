"""Text layer: number formats and sandboxed text templates over the metrics."""
