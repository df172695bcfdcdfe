"""Turn counts into verdicts: rate, status against the target, caveats, and Amazon's figure beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reinstate.domain.health import AmazonFigure, Caveat, MetricResult
from reinstate.domain.metrics import MetricRule, Window, rate_of

# What each gap in the data means for the number, in the words the user reads.
CAVEATS: dict[str, str] = {
    "no_expected": (
        "{n} seller-fulfilled orders purchased in this window have no expected ship date "
        "(no latest-ship-date or handling-days in a fulfilment file) and are left out."
    ),
    "unconfirmed": (
        "{n} orders due to ship in this window were not ship-confirmed by {as_of} and are not "
        "counted; Amazon cancels unconfirmed orders, and those count as cancellations."
    ),
    "unattributed": (
        "{n} orders with a cancelled item in the orders report have no fulfilment row saying who "
        "cancelled; they are counted as seller cancellations."
    ),
    "unknown": (
        "{n} ship-confirmed orders have no valid-tracking value (Y or N) and are left out."
    ),
    "undelivered": (
        "{n} tracked orders have no delivered date; they count as not delivered on time."
    ),
}
# Gaps that are bookkeeping, not something the user must read.
SILENT_GAPS = frozenset({"no_fulfilment"})

COMPONENT_LABELS = {
    "negative_feedback": "orders with negative feedback",
    "a_to_z_claim": "orders with an A-to-z claim",
    "chargeback": "orders with a chargeback",
}


@dataclass(frozen=True, slots=True)
class AmazonRow:
    """Amazon's figure for one metric from one V2 snapshot, as stored."""

    snapshot_date: date
    window_start: date | None
    window_end: date | None
    numerator: int | None
    denominator: int | None
    rate: float | None
    status: str | None
    target: float | None
    condition: str | None
    components: dict[str, int | None] | None = None


def caveats_for(gaps: dict[str, int], as_of: date) -> tuple[Caveat, ...]:
    """Return the caveats for the gaps a computation found, in a stable order."""
    return tuple(
        Caveat(code, count, CAVEATS[code].format(n=count, as_of=as_of.isoformat()))
        for code, count in sorted(gaps.items())
        if count and code not in SILENT_GAPS and code in CAVEATS
    )


def _differences(
    amazon: AmazonRow,
    window: Window,
    as_of: date,
    denominator: int,
    components: dict[str, int] | None,
    caveats: tuple[Caveat, ...],
) -> tuple[str, ...]:
    notes: list[str] = []
    age = (as_of - amazon.snapshot_date).days
    if age > 1:
        notes.append(
            f"Amazon's figures are from {amazon.snapshot_date}, {age} days before {as_of}."
        )
    same_window = amazon.window_start == window.start and amazon.window_end == window.end
    if amazon.window_start and amazon.window_end and not same_window:
        notes.append(
            f"Amazon's window is {amazon.window_start} to {amazon.window_end}; this estimate's is "
            f"{window.start} to {window.end}, so they count different orders."
        )
    if caveats:
        left_out = sum(c.count for c in caveats)
        notes.append(
            f"This estimate could not place {left_out} orders for missing data (see caveats)."
        )
    if same_window and amazon.denominator is not None and amazon.denominator != denominator:
        notes.append(
            f"Amazon counts {amazon.denominator} orders in the window, the imported data "
            f"{denominator}: import the missing reports, or check they cover the whole window."
        )
    if same_window and components and amazon.components:
        for key, label in COMPONENT_LABELS.items():
            theirs = amazon.components.get(key)
            if theirs is not None and theirs != components.get(key, 0):
                notes.append(
                    f"Amazon counts {theirs} {label}, the imported data {components.get(key, 0)}: "
                    "update the feedback report or the defects file."
                )
    return tuple(notes)


def assess(
    rule: MetricRule,
    as_of: date,
    numerator: int,
    denominator: int,
    *,
    components: dict[str, int] | None = None,
    gaps: dict[str, int] | None = None,
    amazon: AmazonRow | None = None,
) -> MetricResult:
    """Return the metric's result: rate, status against the rule, caveats, Amazon's figure."""
    window = rule.window(as_of)
    rate = rate_of(numerator, denominator)
    caveats = caveats_for(gaps or {}, as_of)
    figure = None
    if amazon is not None:
        amazon_window = (
            Window(amazon.window_start, amazon.window_end)
            if amazon.window_start
            and amazon.window_end
            and amazon.window_start <= amazon.window_end
            else None
        )
        figure = AmazonFigure(
            snapshot_date=amazon.snapshot_date,
            window=amazon_window,
            numerator=amazon.numerator,
            denominator=amazon.denominator,
            rate=amazon.rate,
            status=amazon.status,
            target=amazon.target,
            condition=amazon.condition,
            differences=_differences(amazon, window, as_of, denominator, components, caveats),
        )
    return MetricResult(
        metric=rule.metric,
        channel=rule.channel,
        window=window,
        numerator=numerator,
        denominator=denominator,
        rate=rate,
        target=rule.target,
        condition=rule.condition,
        status=rule.status(rate),
        components=components,
        amazon=figure,
        caveats=caveats,
    )
