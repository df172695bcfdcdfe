"""Metric expressions in Ibis over the canonical order-level schema."""
