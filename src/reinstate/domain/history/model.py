"""The history: every metric entry's numbers day by day, and Amazon's own figures on their days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from reinstate.domain.health import MetricRule, Status, rate_of

HISTORY_SCHEMA = "reinstate.history/1"


@dataclass(frozen=True, slots=True)
class AmazonPoint:
    """Amazon's figure for a metric in the V2 snapshot of one day."""

    numerator: int | None
    denominator: int | None
    rate: float | None
    status: str | None

    def to_dict(self) -> dict[str, Any]:
        """Return the point as JSON-ready data."""
        return {
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": self.rate,
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class RatingPoint:
    """Amazon's Account Health Rating and account status in the V2 snapshot of one day."""

    day: date
    ahr_score: int | None
    status: str | None

    def to_dict(self) -> dict[str, Any]:
        """Return the point as `{"day", "ahr_score", "status"}`."""
        return {"day": self.day.isoformat(), "ahr_score": self.ahr_score, "status": self.status}


@dataclass(frozen=True, slots=True)
class DayValue:
    """One metric entry on one as-of day."""

    day: date
    numerator: int
    denominator: int
    rate: float | None
    status: Status
    amazon: AmazonPoint | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the day as `{"day", "numerator", "denominator", "rate", "status", "amazon"}`."""
        return {
            "day": self.day.isoformat(),
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": self.rate,
            "status": self.status.value,
            "amazon": self.amazon.to_dict() if self.amazon else None,
        }


def day_value(rule: MetricRule, day: date, numerator: int, denominator: int) -> DayValue:
    """Return a day's value, judged as the health run judges it."""
    rate = rate_of(numerator, denominator)
    return DayValue(day, numerator, denominator, rate, rule.status(rate))


@dataclass(frozen=True, slots=True)
class MetricHistory:
    """One metric entry of one account x marketplace, day by day."""

    metric: str
    channel: str
    target: float
    condition: str
    days: tuple[DayValue, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the entry as JSON-ready data."""
        return {
            "metric": self.metric,
            "channel": self.channel,
            "target": self.target,
            "target_condition": self.condition,
            "days": [d.to_dict() for d in self.days],
        }


@dataclass(frozen=True, slots=True)
class AccountHistory:
    """Every metric entry of one account in one marketplace, and Amazon's rating on its days."""

    account: str
    marketplace: str
    metrics: tuple[MetricHistory, ...]
    amazon_account: tuple[RatingPoint, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the account's history as JSON-ready data."""
        return {
            "account": self.account,
            "marketplace": self.marketplace,
            "amazon_account": [p.to_dict() for p in self.amazon_account],
            "metrics": [m.to_dict() for m in self.metrics],
        }


@dataclass(frozen=True, slots=True)
class HistoryReport:
    """The history of every account x marketplace from `first` to `last`."""

    first: date
    last: date
    accounts: tuple[AccountHistory, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the stable `reinstate.history/1` JSON document."""
        return {
            "schema": HISTORY_SCHEMA,
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "accounts": [a.to_dict() for a in self.accounts],
        }
