"""Root-cause use case: what stands out in each metric's counted orders, with the orders."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from reinstate.domain.causes import (
    PERIOD_DIMENSION,
    THEME_DIMENSION,
    Cause,
    CauseEntry,
    CausesReport,
    Group,
    classify,
    rank_causes,
    script_languages,
)
from reinstate.domain.errors import NotFoundError
from reinstate.domain.health.metrics import METRIC_ORDER
from reinstate.engine.causes import CauseData, Wanted, cause_data
from reinstate.rules.causes import cause_settings, theme_rules
from reinstate.services.health import accounts_filter, engine_for
from reinstate.storage.database import Store

__all__ = ["causes_report", "check_metric", "theme_groups"]


def check_metric(metric: str | None) -> tuple[str, ...]:
    """Return the metric ids asked for (all when None), or say which exist."""
    known = tuple(dict.fromkeys(m for m, _ in METRIC_ORDER))
    if metric is None:
        return known
    if metric not in known:
        raise NotFoundError(
            template="There is no metric '{metric}'. Metrics: {names}.",
            params={"metric": metric, "names": ", ".join(known)},
        )
    return (metric,)


@lru_cache(maxsize=65_536)
def _theme(text: str, stars: int) -> str:
    """Return a text's theme; buyers' texts repeat (templates, copies), so it is kept."""
    rules = theme_rules()
    return classify(text, stars, script_languages(text, rules)).theme


def theme_groups(texts: list[tuple[str, str, int]]) -> list[Group]:
    """Classify the complaint texts of an entry's defects; return one group per theme."""
    by_theme: dict[str, list[str]] = {}
    for order_id, text, stars in texts:
        by_theme.setdefault(_theme(text, stars), []).append(order_id)
    return [
        Group(THEME_DIMENSION, theme, len(ids), len(ids), tuple(ids))
        for theme, ids in sorted(by_theme.items())
    ]


def _ranked(data: CauseData, metrics: tuple[str, ...]) -> list[CauseEntry]:
    settings = cause_settings()
    entries = []
    order = {pair: i for i, pair in enumerate(METRIC_ORDER)}
    for key in sorted(data.totals, key=lambda k: (k[0], k[1], order.get((k[2], k[3]), 99))):
        if key[2] not in metrics:
            continue
        defects, orders = data.totals[key]
        causes = rank_causes(
            data.groups.get(key, []),
            defects,
            orders,
            settings,
            theme_groups(data.texts.get(key, [])),
            data.others.get(key, 0),
        )
        entries.append(CauseEntry(*key, defects, orders, tuple(causes)))
    return entries


def _weeks(value: str) -> tuple[str, ...]:
    """Return the Mondays a period cause covers: one week, or a cluster `first..last`."""
    first, _, last = value.partition("..")
    day, end = date.fromisoformat(first), date.fromisoformat(last or first)
    weeks = []
    while day <= end:
        weeks.append(day.isoformat())
        day += timedelta(days=7)
    return tuple(weeks)


def _values(cause: Cause) -> tuple[str, ...]:
    return _weeks(cause.value) if cause.dimension == PERIOD_DIMENSION else (cause.value,)


def causes_report(
    db: Path | None, *, as_of: date, account: str | None = None, metric: str | None = None
) -> CausesReport:
    """Rank the causes of every metric entry (or one account's, one metric's) on `as_of`."""
    metrics = check_metric(metric)
    ranked: list[CauseEntry] = []

    def choose(data: CauseData) -> list[Wanted]:
        ranked.extend(_ranked(data, metrics))
        return [
            (e.key, c.dimension, _values(c))
            for e in ranked
            for c in e.causes
            if c.dimension != THEME_DIMENSION
        ]

    with Store.reader(db) as store:
        wanted = accounts_filter(store, account)
        _data, ids = cause_data(engine_for(store), as_of, wanted, metrics, choose)
    entries = []
    for e in ranked:
        causes = tuple(
            c
            if c.dimension == THEME_DIMENSION
            else replace(
                c,
                order_ids=tuple(
                    sorted(i for v in _values(c) for i in ids.get((e.key, c.dimension, v), ()))
                ),
            )
            for c in e.causes
        )
        entries.append(replace(e, causes=causes))
    return CausesReport(as_of, cause_settings(), tuple(entries))
