"""History: every metric entry day by day, from per-day counts with the windows slid over them.

What other capabilities may use is exported here; the modules inside are this package's own.
"""

from reinstate.domain.history.build import metric_history
from reinstate.domain.history.model import (
    HISTORY_SCHEMA,
    AccountHistory,
    AmazonPoint,
    DayValue,
    HistoryReport,
    MetricHistory,
    RatingPoint,
)
from reinstate.domain.history.slide import DayCount, active_days, slide

__all__ = [
    "HISTORY_SCHEMA",
    "AccountHistory",
    "AmazonPoint",
    "DayCount",
    "DayValue",
    "HistoryReport",
    "MetricHistory",
    "RatingPoint",
    "active_days",
    "metric_history",
    "slide",
]
