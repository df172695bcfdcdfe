"""Customer Service by Amazon (CSBA) on Amazon.co.jp: what it would cost and what Amazon reports.

The fee, the trial and the effects are facts kept in `rules/causes/csba.toml`; the effects are
Amazon's published averages over sellers who joined, never a promise for one account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class CsbaFacts:
    """CSBA's fee, trial and Amazon's measured averages (fractions: -0.42 is 42 % fewer)."""

    fee_per_unit: int
    currency: str
    trial_days: int
    trial_months_on_marketplace: int
    effects: dict[str, float]
    reply_speed_factor: float
    marketplace: str
    source: str


@dataclass(frozen=True, slots=True)
class CsbaEstimate:
    """The cost of CSBA for one account and the effect Amazon's averages would have."""

    units_per_month: int
    monthly_cost: int
    trial_eligible: bool
    months_on_marketplace: int
    trial_ends: date | None
    cost_in_first_30_days: int
    effects: dict[str, tuple[float | None, float | None]]  # name -> (before, after)


def months_between(first: date, later: date) -> int:
    """Return the whole calendar months from `first` to `later` (0 when under one month)."""
    months = (later.year - first.year) * 12 + later.month - first.month
    if later.day < first.day:
        months -= 1
    return max(months, 0)


def csba_estimate(
    facts: CsbaFacts,
    *,
    units_last_30_days: int,
    first_order_day: date,
    as_of: date,
    before: dict[str, float | None],
) -> CsbaEstimate:
    """Return the monthly fee (shipped MFN units x fee), the trial, and the averages applied.

    A seller on the marketplace for less than `trial_months_on_marketplace` months (counted from
    its first order) gets `trial_days` free from sign-up, taken to be the as-of day. `before`
    holds the account's current figures by effect name; each is scaled by Amazon's average.
    """
    monthly = units_last_30_days * facts.fee_per_unit
    months = months_between(first_order_day, as_of)
    eligible = months < facts.trial_months_on_marketplace
    trial_ends = as_of + timedelta(days=facts.trial_days) if eligible else None
    effects: dict[str, tuple[float | None, float | None]] = {}
    for name, change in facts.effects.items():
        value = before.get(name)
        effects[name] = (value, None if value is None else value * (1 + change))
    return CsbaEstimate(
        units_per_month=units_last_30_days,
        monthly_cost=monthly,
        trial_eligible=eligible,
        months_on_marketplace=months,
        trial_ends=trial_ends,
        cost_in_first_30_days=0 if eligible and facts.trial_days >= 30 else monthly,
        effects=effects,
    )
