"""Slide each metric's window over per-day counts: the count on as-of day D, for every D at once.

A row of `n` orders with window-membership day `day` lies in rule R's window on D exactly when
D - lag - window_days + 1 <= day <= D - lag, that is D in [day + lag, day + lag + window_days - 1];
it also needs D >= `since` and D <= `until` when those are set. So each row adds `n` to one run of
as-of days, and a running sum over a difference array gives every day's count in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reinstate.domain.health import MetricRule


@dataclass(frozen=True, slots=True)
class DayCount:
    """`n` orders of one flag (`part`) placed in windows by `day`, counting from `since` to `until`."""

    part: str
    day: date
    since: date | None
    until: date | None
    n: int


def active_days(rule: MetricRule, row: DayCount) -> tuple[date, date] | None:
    """Return the first and last as-of day on which the row counts under `rule`, or None."""
    first = row.day + timedelta(days=rule.lag_days)
    last = first + timedelta(days=rule.window_days - 1)
    if row.since is not None and row.since > first:
        first = row.since
    if row.until is not None and row.until < last:
        last = row.until
    return (first, last) if first <= last else None


def slide(rule: MetricRule, rows: list[DayCount], first: date, last: date) -> dict[str, list[int]]:
    """Return, per part, the count on each as-of day from `first` to `last` (one list item a day)."""
    span = (last - first).days + 1
    deltas: dict[str, list[int]] = {}
    for row in rows:
        found = active_days(rule, row)
        if found is None or found[1] < first or found[0] > last:
            continue
        start = max((found[0] - first).days, 0)
        end = min((found[1] - first).days, span - 1)
        delta = deltas.setdefault(row.part, [0] * (span + 1))
        delta[start] += row.n
        delta[end + 1] -= row.n
    totals: dict[str, list[int]] = {}
    for part, delta in deltas.items():
        running, out = 0, []
        for value in delta[:span]:
            running += value
            out.append(running)
        totals[part] = out
    return totals
