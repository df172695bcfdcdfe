"""Account health: the metric rules, the report they produce, and why each order counts.

What other capabilities may use is exported here; the modules inside are this package's own.
"""

from reinstate.domain.health.metrics import (
    MAX_HANDLING_DAYS,
    METRIC_ORDER,
    Condition,
    MetricCatalogue,
    MetricRule,
    Status,
    Window,
    rate_of,
)
from reinstate.domain.health.report import (
    HEALTH_SCHEMA,
    AccountHealth,
    AccountRatingRules,
    AmazonAccount,
    AmazonFigure,
    Caveat,
    DefectRules,
    ExplainedOrder,
    HealthReport,
    MetricResult,
    Note,
    RatingBand,
    amazon_account,
)

__all__ = [
    "HEALTH_SCHEMA",
    "MAX_HANDLING_DAYS",
    "METRIC_ORDER",
    "AccountHealth",
    "AccountRatingRules",
    "AmazonAccount",
    "AmazonFigure",
    "Caveat",
    "Condition",
    "DefectRules",
    "ExplainedOrder",
    "HealthReport",
    "MetricCatalogue",
    "MetricResult",
    "MetricRule",
    "Note",
    "RatingBand",
    "Status",
    "Window",
    "amazon_account",
    "rate_of",
]
