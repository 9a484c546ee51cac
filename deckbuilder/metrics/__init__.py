"""Metrics layer: the safe expression language and ``MetricEngine`` (see docs/metrics.md)."""
