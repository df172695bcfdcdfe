"""The metric catalogue: which metrics exist, their windows and targets, and how status is judged."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta


class Condition(enum.StrEnum):
    """How a rate is compared with its target."""

    LESS_THAN = "less_than"
    AT_LEAST = "at_least"
    GREATER_THAN = "greater_than"

    def holds(self, rate: float, target: float) -> bool:
        """Return whether `rate` meets `target` under this condition."""
        if self is Condition.LESS_THAN:
            return rate < target
        if self is Condition.AT_LEAST:
            return rate >= target
        return rate > target

    @property
    def symbol(self) -> str:
        """Return the comparison as a symbol (`<`, `>=`, `>`)."""
        return {"less_than": "<", "at_least": ">=", "greater_than": ">"}[self.value]


class Status(enum.StrEnum):
    """The estimate's verdict against the target."""

    MET = "met"
    MISSED = "missed"
    NO_DATA = "no_data"


# The seven metric entries every account x marketplace reports, in report order.
# The handling days the fulfilment file accepts and the engine looks expected ship days up for:
# a limit of Reinstate's own (a larger value is a typing error far more often than a real promise).
MAX_HANDLING_DAYS = 30

METRIC_ORDER: tuple[tuple[str, str], ...] = (
    ("order_defect_rate", "mfn"),
    ("order_defect_rate", "afn"),
    ("late_shipment_rate_10d", "mfn"),
    ("late_shipment_rate_30d", "mfn"),
    ("pre_fulfillment_cancel_rate", "mfn"),
    ("valid_tracking_rate", "mfn"),
    ("on_time_delivery_rate", "mfn"),
)

METRIC_NAMES: tuple[str, ...] = tuple(dict.fromkeys(name for name, _ in METRIC_ORDER))


@dataclass(frozen=True, slots=True)
class Window:
    """A range of calendar days, both ends included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"window ends ({self.end}) before it starts ({self.start})")

    @property
    def days(self) -> int:
        """Return the number of calendar days in the window."""
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        """Return whether `day` lies in the window."""
        return self.start <= day <= self.end

    def to_dict(self) -> dict[str, str]:
        """Return the window as ISO dates."""
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True, slots=True)
class MetricRule:
    """One metric's window, lag and target for one marketplace, with where the figures come from."""

    metric: str
    channel: str
    window_days: int
    lag_days: int
    target: float
    condition: Condition
    source: str

    def window(self, as_of: date) -> Window:
        """Return the window this rule selects on `as_of` (lagged, both ends included)."""
        end = as_of - timedelta(days=self.lag_days)
        return Window(end - timedelta(days=self.window_days - 1), end)

    def status(self, rate: float | None) -> Status:
        """Judge a rate against the target; no rate (empty denominator) is `no_data`."""
        if rate is None:
            return Status.NO_DATA
        return Status.MET if self.condition.holds(rate, self.target) else Status.MISSED


@dataclass(frozen=True, slots=True)
class MetricCatalogue:
    """Every metric rule, with per-marketplace overrides applied on lookup."""

    defaults: tuple[MetricRule, ...]
    overrides: tuple[tuple[str, MetricRule], ...] = ()

    def rule(self, metric: str, channel: str, marketplace: str) -> MetricRule:
        """Return the rule for a metric and channel in a marketplace."""
        for code, rule in self.overrides:
            if code == marketplace and rule.metric == metric and rule.channel == channel:
                return rule
        for rule in self.defaults:
            if rule.metric == metric and rule.channel == channel:
                return rule
        raise KeyError(f"no rule for {metric} ({channel})")


def rate_of(numerator: int, denominator: int) -> float | None:
    """Return numerator / denominator, or None when nothing was counted."""
    if denominator <= 0:
        return None
    return numerator / denominator
