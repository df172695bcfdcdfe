"""The root-cause report: per account x marketplace x metric entry, the causes found."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from reinstate.domain.causes.ranking import Cause, CauseSettings

SCHEMA = "reinstate.causes/1"
TEST_NAME = "one-sided Fisher exact test (hypergeometric tail) against the entry's own rate"


@dataclass(frozen=True, slots=True)
class CauseEntry:
    """One metric entry (same ids as `health`) and what stands out in its counted orders."""

    account: str
    marketplace: str
    metric: str
    channel: str
    defects: int
    orders: int
    causes: tuple[Cause, ...]

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Return (account, marketplace, metric, channel)."""
        return (self.account, self.marketplace, self.metric, self.channel)

    def to_json(self) -> dict[str, Any]:
        """Return the entry in the `reinstate.causes/1` shape."""
        return {
            "account": self.account,
            "marketplace": self.marketplace,
            "metric": self.metric,
            "channel": self.channel,
            "defects": self.defects,
            "orders": self.orders,
            "causes": [c.to_json() for c in self.causes],
        }


@dataclass(frozen=True, slots=True)
class CausesReport:
    """Every entry's causes on one as-of day, and the statistical rules used."""

    as_of: date
    settings: CauseSettings
    entries: tuple[CauseEntry, ...]

    def to_json(self) -> dict[str, Any]:
        """Return the documented `reinstate.causes/1` JSON."""
        s = self.settings
        return {
            "schema": SCHEMA,
            "as_of": self.as_of.isoformat(),
            "method": {
                "test": TEST_NAME,
                "correction": s.correction,
                "level": s.level,
                "min_defects": s.min_defects,
                "min_orders": s.min_orders,
                "min_lift": s.min_lift,
                "min_theme_share": s.min_theme_share,
            },
            "entries": [e.to_json() for e in self.entries],
        }
