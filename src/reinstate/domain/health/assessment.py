"""Turn counts into verdicts: rate, status against the target, caveats, and Amazon's figure beside it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from string import Formatter

from reinstate.domain.health.metrics import MetricRule, Window, rate_of
from reinstate.domain.health.report import AmazonFigure, Caveat, MetricResult, Note, Param

# What each gap in the data means for the number, in the words the user reads. Each template is
# also its message id in the `reinstate` catalogs (web and CLI word it in the reader's language).
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

# Why Amazon's figure and the estimate differ, by code; the same catalogs translate these.
DIFFERENCES: dict[str, str] = {
    "snapshot_age": "Amazon's figures are from {snapshot_date}, {days} days before {as_of}.",
    "window": (
        "Amazon's window is {amazon_start} to {amazon_end}; this estimate's is {start} to {end}, "
        "so they count different orders."
    ),
    "left_out": "This estimate could not place {n} orders for missing data (see caveats).",
    "order_count": (
        "Orders in the window: {theirs} by Amazon's count, {ours} in the imported data. Import "
        "the missing reports, or check they cover the whole window."
    ),
    "negative_feedback_count": (
        "Orders with negative feedback: {theirs} by Amazon's count, {ours} in the imported "
        "data. Update the feedback report or the defects file."
    ),
    "a_to_z_claim_count": (
        "Orders with an A-to-z claim: {theirs} by Amazon's count, {ours} in the imported data. "
        "Update the feedback report or the defects file."
    ),
    "chargeback_count": (
        "Orders with a chargeback: {theirs} by Amazon's count, {ours} in the imported data. "
        "Update the feedback report or the defects file."
    ),
}
# The sentences above that count orders, for exactly one order (English agrees in number; each is
# its own message id, worded like its plural in the catalogs).
ONE: dict[str, str] = {
    "no_expected": (
        "{n} seller-fulfilled order purchased in this window has no expected ship date "
        "(no latest-ship-date or handling-days in a fulfilment file) and is left out."
    ),
    "unconfirmed": (
        "{n} order due to ship in this window was not ship-confirmed by {as_of} and is not "
        "counted; Amazon cancels unconfirmed orders, and those count as cancellations."
    ),
    "unattributed": (
        "{n} order with a cancelled item in the orders report has no fulfilment row saying who "
        "cancelled; it is counted as a seller cancellation."
    ),
    "unknown": "{n} ship-confirmed order has no valid-tracking value (Y or N) and is left out.",
    "undelivered": ("{n} tracked order has no delivered date; it counts as not delivered on time."),
    "left_out": "This estimate could not place {n} order for missing data (see caveats).",
}
# The Order Defect Rate components Amazon's snapshot counts, in the order the notes name them.
COMPONENTS = ("negative_feedback", "a_to_z_claim", "chargeback")


def _fields(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name)


def caveat(code: str, count: int, as_of: date) -> Caveat:
    """Return the caveat for `count` orders caught by one gap (`code` is a key of CAVEATS)."""
    template = ONE[code] if count == 1 else CAVEATS[code]
    values: dict[str, str | int] = {"n": count, "as_of": as_of.isoformat()}
    params = tuple((name, values[name]) for name in sorted(_fields(template)))
    return Caveat(code, template, params, count)


def difference(code: str, **values: str | int | date) -> Note:
    """Return the note on one cause of a difference (`code` is a key of DIFFERENCES)."""
    template = ONE[code] if values.get("n") == 1 and code in ONE else DIFFERENCES[code]
    if set(values) != _fields(template):
        raise ValueError(f"difference {code!r} takes {sorted(_fields(template))}")
    params: tuple[Param, ...] = tuple(
        (name, value.isoformat() if isinstance(value, date) else value)
        for name, value in values.items()
    )
    return Note(code, template, params)


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
        caveat(code, count, as_of)
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
) -> tuple[Note, ...]:
    notes: list[Note] = []
    age = (as_of - amazon.snapshot_date).days
    if age > 1:
        notes.append(
            difference("snapshot_age", snapshot_date=amazon.snapshot_date, days=age, as_of=as_of)
        )
    same_window = amazon.window_start == window.start and amazon.window_end == window.end
    if amazon.window_start and amazon.window_end and not same_window:
        notes.append(
            difference(
                "window",
                amazon_start=amazon.window_start,
                amazon_end=amazon.window_end,
                start=window.start,
                end=window.end,
            )
        )
    if caveats:
        notes.append(difference("left_out", n=sum(c.count for c in caveats)))
    if same_window and amazon.denominator is not None and amazon.denominator != denominator:
        notes.append(difference("order_count", theirs=amazon.denominator, ours=denominator))
    if same_window and components and amazon.components:
        for key in COMPONENTS:
            theirs = amazon.components.get(key)
            if theirs is not None and theirs != components.get(key, 0):
                notes.append(difference(f"{key}_count", theirs=theirs, ours=components.get(key, 0)))
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
