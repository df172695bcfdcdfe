"""History use case: every metric entry per day, from per-day counts computed once."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from reinstate.domain.errors import NotFoundError
from reinstate.domain.health import METRIC_ORDER
from reinstate.domain.history import (
    AccountHistory,
    AmazonPoint,
    DayCount,
    HistoryReport,
    RatingPoint,
    metric_history,
)
from reinstate.engine.history import history_counts
from reinstate.rules import metric_catalogue
from reinstate.services.health import accounts_filter, engine_for
from reinstate.storage.database import Store
from reinstate.storage.queries import amazon_points, amazon_rating_points

DEFAULT_DAYS = 180


def history_report(
    db: Path | None,
    *,
    last: date,
    first: date | None = None,
    account: str | None = None,
    metric: str | None = None,
) -> HistoryReport:
    """Return every metric entry (or one metric's) per day from `first` to `last`."""
    first = first or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise NotFoundError(
            template="--from {first} is after --to {last}: give a --from on or before --to.",
            params={"first": first.isoformat(), "last": last.isoformat()},
        )
    names = sorted({m for m, _ in METRIC_ORDER})
    if metric is not None and metric not in names:
        raise NotFoundError(
            template="There is no metric '{metric}'. Metrics: {names}.",
            params={"metric": metric, "names": ", ".join(names)},
        )
    with Store.reader(db) as store:
        wanted = accounts_filter(store, account)
        engine = engine_for(store)
        table = history_counts(engine, first, last, wanted)
        points = amazon_points(store, first, last, wanted)
        ratings = amazon_rating_points(store, first, last, wanted)
        pairs = engine.pairs(wanted)
    rows: dict[tuple[str, str, str, str], list[DayCount]] = defaultdict(list)
    for r in table.to_pylist():
        key = (r["account"], r["marketplace"], r["metric"], r["channel"])
        rows[key].append(DayCount(r["part"], r["day"], r["since"], r["until"], r["n"]))
    amazon: dict[tuple[str, str, str, str], dict[date, AmazonPoint]] = defaultdict(dict)
    for acct, market, name, channel, day, num, den, rate, status in points:
        amazon[(acct, market, name, channel)][day] = AmazonPoint(num, den, rate, status)
    rated: dict[tuple[str, str], list[RatingPoint]] = defaultdict(list)
    for acct, market, day, score, status in ratings:
        rated[(acct, market)].append(RatingPoint(day, score, status))
    catalogue = metric_catalogue()
    accounts = []
    for acct, market in pairs:
        entries = tuple(
            metric_history(
                catalogue.rule(name, channel, market),
                rows.get((acct, market, name, channel), []),
                first,
                last,
                amazon.get((acct, market, name, channel)),
            )
            for name, channel in METRIC_ORDER
            if metric is None or name == metric
        )
        accounts.append(AccountHistory(acct, market, entries, tuple(rated.get((acct, market), ()))))
    return HistoryReport(first, last, tuple(accounts))
