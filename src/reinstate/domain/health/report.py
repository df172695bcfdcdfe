"""Health results: one value per metric, the orders behind it, and Amazon's own figure beside it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reinstate.domain.health.metrics import Condition, Status, Window
from reinstate.domain.wording import worded

HEALTH_SCHEMA = "reinstate.health/1"


Param = tuple[str, str | int]
"""One named field of a note: a count, or a day written YYYY-MM-DD."""


@dataclass(frozen=True, slots=True)
class Note:
    """A sentence for the user, kept as a stable code, its English template and the template's fields.

    The template is also the message id in the `reinstate` catalogs, so a front end words the note
    in the reader's language with `worded(gettext)`; `message` is the English sentence (the JSON's).
    """

    code: str
    template: str
    params: tuple[Param, ...] = ()

    @property
    def message(self) -> str:
        """Return the sentence in English, with its fields filled in."""
        return self.worded(str)

    def worded(self, gettext: Callable[[str], str]) -> str:
        """Return the sentence in the language of `gettext`, with its fields filled in."""
        return worded(self.template, self.params, gettext)


@dataclass(frozen=True, slots=True)
class Caveat(Note):
    """Something the user must know to read a number right (orders left out, guesses made)."""

    count: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return the caveat as JSON-ready data."""
        return {"code": self.code, "count": self.count, "message": self.message}


@dataclass(frozen=True, slots=True)
class AmazonFigure:
    """Amazon's own number for a metric, from a V2 seller-performance snapshot."""

    snapshot_date: date
    window: Window | None
    numerator: int | None
    denominator: int | None
    rate: float | None
    status: str | None
    target: float | None
    condition: str | None
    differences: tuple[Note, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return Amazon's figure as JSON-ready data."""
        return {
            "snapshot_date": self.snapshot_date.isoformat(),
            "window": self.window.to_dict() if self.window else None,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": self.rate,
            "status": self.status,
            "target": self.target,
            "target_condition": self.condition,
            "differences": [d.message for d in self.differences],
        }


@dataclass(frozen=True, slots=True)
class MetricResult:
    """One metric for one account, marketplace and channel."""

    metric: str
    channel: str
    window: Window
    numerator: int
    denominator: int
    rate: float | None
    target: float
    condition: Condition
    status: Status
    components: dict[str, int] | None = None
    amazon: AmazonFigure | None = None
    caveats: tuple[Caveat, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Return the result in the documented `reinstate.health/1` shape."""
        return {
            "metric": self.metric,
            "channel": self.channel,
            "window": self.window.to_dict(),
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": self.rate,
            "target": self.target,
            "target_condition": self.condition.value,
            "status": self.status.value,
            "components": dict(self.components) if self.components is not None else None,
            "amazon": self.amazon.to_dict() if self.amazon else None,
            "caveats": [c.to_dict() for c in self.caveats],
        }


@dataclass(frozen=True, slots=True)
class AccountHealth:
    """Every metric for one account in one marketplace."""

    account: str
    marketplace: str
    metrics: tuple[MetricResult, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the account's metrics as JSON-ready data."""
        return {
            "account": self.account,
            "marketplace": self.marketplace,
            "metrics": [m.to_dict() for m in self.metrics],
        }


@dataclass(frozen=True, slots=True)
class HealthReport:
    """The health of every account x marketplace on one as-of date."""

    as_of: date
    accounts: tuple[AccountHealth, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the report as the stable `reinstate.health/1` JSON document."""
        return {
            "schema": HEALTH_SCHEMA,
            "as_of": self.as_of.isoformat(),
            "accounts": [a.to_dict() for a in self.accounts],
        }


@dataclass(frozen=True, slots=True)
class DefectRules:
    """Which defect outcomes count toward the Order Defect Rate."""

    negative_ratings: tuple[int, ...]
    counting_outcomes: dict[str, tuple[str, ...]]
    known_outcomes: dict[str, tuple[str, ...]]
    feedback_cleared_outcomes: tuple[str, ...]
    source: str

    def counts(self, defect_type: str, outcome: str) -> bool:
        """Return whether a defect of this type with this outcome counts."""
        return outcome in self.counting_outcomes.get(defect_type, ())


REASON_SEPARATOR = ", "
"""Between an order's reasons (feedback, claim, chargeback); also a message id, so "、" in Chinese."""


@dataclass(frozen=True, slots=True)
class ExplainedOrder:
    """One order behind a metric's numerator, and why it is there.

    `reasons` are notes (codes, templates and fields) so a front end words them in the reader's
    language with `worded(gettext)`; `reason` is the English sentence the JSON and CSV carry.
    """

    order_id: str
    day: date
    asins: tuple[str, ...]
    skus: tuple[str, ...]
    reasons: tuple[Note, ...]

    @property
    def reason(self) -> str:
        """Return why the order counts, in English."""
        return self.worded(str)

    def worded(self, gettext: Callable[[str], str]) -> str:
        """Return why the order counts, in the language of `gettext`."""
        return gettext(REASON_SEPARATOR).join(note.worded(gettext) for note in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        """Return the order as JSON-ready data."""
        return {
            "order_id": self.order_id,
            "day": self.day.isoformat(),
            "asins": list(self.asins),
            "skus": list(self.skus),
            "reason": self.reason,
        }
