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
class RatingBand:
    """One band of Amazon's Account Health Rating: scores `low`..`high`, both included."""

    band: str
    low: int
    high: int
    source: str


@dataclass(frozen=True, slots=True)
class AccountRatingRules:
    """Amazon's AHR bands and the V2 account statuses that are normal (`rules/account_rating.toml`)."""

    bands: tuple[RatingBand, ...]
    normal_statuses: tuple[str, ...]

    def band_of(self, score: int | None) -> str | None:
        """Return the band holding `score` (None when there is no score or no band holds it)."""
        if score is None:
            return None
        return next((b.band for b in self.bands if b.low <= score <= b.high), None)


RATING_LINES = {
    "healthy": "Amazon's rating: {score} (healthy), account status {status}, snapshot {day}",
    "at_risk": "Amazon's rating: {score} (at risk), account status {status}, snapshot {day}",
    "eligible_for_deactivation": "Amazon's rating: {score} (eligible for deactivation), "
    "account status {status}, snapshot {day}",
}
"""The line on Amazon's rating for each AHR band; message ids in the `reinstate` catalogs."""
RATING_LINE = "Amazon's rating: {score}, account status {status}, snapshot {day}"
"""A score outside every band (the rules file's bands do not cover it)."""
RATING_LINE_NO_SCORE = "Amazon's rating: no score, account status {status}, snapshot {day}"
RATING_LINE_NONE = "Amazon's rating: no V2 snapshot on or before {day}"


@dataclass(frozen=True, slots=True)
class AmazonAccount:
    """Amazon's own view of an account in one marketplace, from the latest V2 snapshot."""

    snapshot_date: date
    status: str | None
    ahr_score: int | None
    ahr_status: str | None
    ahr_band: str | None
    warned: bool
    """Amazon says the account is in trouble: a status other than normal, or an AHR under healthy."""

    def to_dict(self) -> dict[str, Any]:
        """Return the snapshot's account figures as JSON-ready data."""
        return {
            "status": self.status,
            "ahr_score": self.ahr_score,
            "ahr_status": self.ahr_status,
            "ahr_band": self.ahr_band,
            "snapshot_date": self.snapshot_date.isoformat(),
        }


def amazon_account(
    rules: AccountRatingRules,
    snapshot_date: date,
    status: str | None,
    ahr_score: int | None,
    ahr_status: str | None,
) -> AmazonAccount:
    """Return a snapshot's account figures with the AHR band and whether Amazon warns."""
    band = rules.band_of(ahr_score)
    warned = (status is not None and status not in rules.normal_statuses) or (
        band is not None and band != "healthy"
    )
    return AmazonAccount(snapshot_date, status, ahr_score, ahr_status, band, warned)


def rating_note(found: AmazonAccount | None, as_of: date) -> Note:
    """Return the one-line sentence on Amazon's rating for an account x marketplace."""
    if found is None:
        return Note("amazon_rating", RATING_LINE_NONE, (("day", as_of.isoformat()),))
    status = found.status or "—"
    day = found.snapshot_date.isoformat()
    if found.ahr_score is None:
        return Note("amazon_rating", RATING_LINE_NO_SCORE, (("status", status), ("day", day)))
    template = RATING_LINES.get(found.ahr_band or "", RATING_LINE)
    params: tuple[Param, ...] = (("score", found.ahr_score), ("status", status), ("day", day))
    return Note("amazon_rating", template, params)


@dataclass(frozen=True, slots=True)
class AccountHealth:
    """Every metric for one account in one marketplace, and Amazon's account figures beside them."""

    account: str
    marketplace: str
    metrics: tuple[MetricResult, ...]
    amazon_account: AmazonAccount | None = None

    @property
    def amazon_warns(self) -> bool:
        """Return whether Amazon's own snapshot says the account is at risk or worse."""
        return self.amazon_account is not None and self.amazon_account.warned

    def rating(self, as_of: date) -> Note:
        """Return the sentence on Amazon's rating (as of `as_of` when there is no snapshot)."""
        return rating_note(self.amazon_account, as_of)

    def to_dict(self) -> dict[str, Any]:
        """Return the account's metrics as JSON-ready data."""
        return {
            "account": self.account,
            "marketplace": self.marketplace,
            "amazon_account": self.amazon_account.to_dict() if self.amazon_account else None,
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
