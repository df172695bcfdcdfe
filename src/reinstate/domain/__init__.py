"""Pure rules and data: models, the metric catalogue, health evaluation (standard library only)."""
