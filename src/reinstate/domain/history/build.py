"""Put the history together: slide each entry's rule over its rows, add Amazon's points."""

from __future__ import annotations

from datetime import date, timedelta

from reinstate.domain.health import MetricRule
from reinstate.domain.history.model import AmazonPoint, DayValue, MetricHistory, day_value
from reinstate.domain.history.slide import DayCount, slide


def metric_history(
    rule: MetricRule,
    rows: list[DayCount],
    first: date,
    last: date,
    amazon: dict[date, AmazonPoint] | None = None,
) -> MetricHistory:
    """Return one entry's value on every day from `first` to `last`."""
    totals = slide(rule, rows, first, last)
    zeros = [0] * ((last - first).days + 1)
    numerators, denominators = totals.get("num", zeros), totals.get("den", zeros)
    days: list[DayValue] = []
    for offset, (num, den) in enumerate(zip(numerators, denominators, strict=True)):
        day = first + timedelta(days=offset)
        value = day_value(rule, day, num, den)
        point = (amazon or {}).get(day)
        if point is not None:
            value = DayValue(value.day, num, den, value.rate, value.status, point)
        days.append(value)
    return MetricHistory(rule.metric, rule.channel, rule.target, rule.condition.value, tuple(days))
