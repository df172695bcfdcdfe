"""Rank what stands out in a metric's counted orders against the account's own baseline.

A group (one value of one dimension) is a cause when all of these hold:
- its p-value (one-sided Fisher exact test, `stats.hypergeometric_tail`) survives
  Benjamini-Hochberg over every group of the entry tested, at the rules' level;
- it holds at least `min_defects` defects and `min_orders` orders (so 2 of 3 never headline);
- its defect rate is at least `min_lift` times the entry's (share of defects / share of orders).
Complaint themes have no orders without a complaint to compare with: a theme is tested against an
even spread over the complaint themes (binomial), and must also hold `min_theme_share` of them.
Adjacent weeks that are causes merge into one period cluster.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from reinstate.domain.causes.stats import benjamini_hochberg, binomial_tail, hypergeometric_tail
from reinstate.domain.causes.themes import COMPLAINT_THEMES

THEME_DIMENSION = "complaint_theme"
PERIOD_DIMENSION = "period"


@dataclass(frozen=True, slots=True)
class CauseSettings:
    """The statistical rules of a cause (rules/causes/causes.toml)."""

    level: float = 0.01
    min_defects: int = 5
    min_orders: int = 10
    min_lift: float = 1.5
    min_theme_share: float = 0.4
    max_causes: int = 10
    correction: str = "benjamini-hochberg"


@dataclass(frozen=True, slots=True)
class Group:
    """One value of one dimension: its orders, its defects, and the defective orders' ids."""

    dimension: str
    value: str
    defects: int
    orders: int
    order_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cause:
    """A group that stands out, with the figures that say how much."""

    dimension: str
    value: str
    defects: int
    orders: int
    share_of_defects: float
    share_of_orders: float
    lift: float
    p_value: float
    order_ids: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """Return the cause as the `reinstate.causes/1` JSON object."""
        return {
            "dimension": self.dimension,
            "value": self.value,
            "defects": self.defects,
            "orders": self.orders,
            "share_of_defects": round(self.share_of_defects, 6),
            "share_of_orders": round(self.share_of_orders, 6),
            "lift": round(self.lift, 4),
            "p_value": self.p_value,
            "order_ids": list(self.order_ids),
        }


def _tested(group: Group, total_defects: int, total_orders: int) -> Cause:
    share_d = group.defects / total_defects if total_defects else 0.0
    share_o = group.orders / total_orders if total_orders else 0.0
    p = hypergeometric_tail(group.defects, total_orders, total_defects, group.orders)
    lift = share_d / share_o if share_o else 0.0
    ids = tuple(sorted(group.order_ids))
    return Cause(
        group.dimension, group.value, group.defects, group.orders, share_d, share_o, lift, p, ids
    )


def _tested_theme(group: Group, classified: int) -> Cause:
    baseline = 1 / len(COMPLAINT_THEMES)
    share = group.defects / classified if classified else 0.0
    p = binomial_tail(group.defects, classified, baseline)
    ids = tuple(sorted(group.order_ids))
    return Cause(
        THEME_DIMENSION,
        group.value,
        group.defects,
        classified,
        share,
        baseline,
        share / baseline,
        p,
        ids,
    )


def _strength(cause: Cause) -> tuple[float, float, int, str, str]:
    return (cause.p_value, -cause.lift, -cause.defects, cause.dimension, cause.value)


def rank_causes(
    groups: Sequence[Group],
    total_defects: int,
    total_orders: int,
    settings: CauseSettings,
    themes: Sequence[Group] = (),
    others: int = 0,
) -> list[Cause]:
    """Return the causes of one metric entry, strongest (smallest p-value) first.

    `others` counts the groups not passed because their defect rate is at most the entry's (the
    engine drops them): their p-values are near 0.5 or more, but they still count as tested.
    """
    if total_defects == 0 or total_orders == 0:
        return []
    # A group too small or too weak to be named is counted as tested with p = 1, not computed:
    # that can only make Benjamini-Hochberg stricter for the others.
    share = total_defects / total_orders
    named = [
        g
        for g in groups
        if g.orders >= settings.min_orders
        and g.defects >= settings.min_defects
        and g.defects >= settings.min_lift * share * g.orders
    ]
    others += len(groups) - len(named)
    tested = [_tested(g, total_defects, total_orders) for g in named]
    classified = sum(g.defects for g in themes)
    tested += [_tested_theme(g, classified) for g in themes if g.value in COMPLAINT_THEMES]
    rejected = benjamini_hochberg([c.p_value for c in tested], settings.level, others)
    chosen = [
        c
        for c, significant in zip(tested, rejected, strict=True)
        if significant and _large_enough(c, settings)
    ]
    chosen = _merge_periods(chosen, total_defects, total_orders)
    return sorted(chosen, key=_strength)[: settings.max_causes]


def _large_enough(cause: Cause, settings: CauseSettings) -> bool:
    if cause.defects < settings.min_defects or cause.lift < settings.min_lift:
        return False
    if cause.dimension == THEME_DIMENSION:
        return cause.share_of_defects >= settings.min_theme_share
    return cause.orders >= settings.min_orders


def _merge_periods(causes: list[Cause], total_defects: int, total_orders: int) -> list[Cause]:
    """Merge causes of adjacent weeks (`YYYY-MM-DD` of their Monday) into one period cluster."""
    weeks = sorted((c for c in causes if c.dimension == PERIOD_DIMENSION), key=lambda c: c.value)
    if len(weeks) < 2:
        return causes
    others = [c for c in causes if c.dimension != PERIOD_DIMENSION]
    clusters: list[list[Cause]] = []
    for week in weeks:
        start = date.fromisoformat(week.value[:10])
        if (
            clusters
            and date.fromisoformat(clusters[-1][-1].value[:10]) + timedelta(days=7) == start
        ):
            clusters[-1].append(week)
        else:
            clusters.append([week])
    for cluster in clusters:
        if len(cluster) == 1:
            others.append(cluster[0])
            continue
        last = date.fromisoformat(cluster[-1].value[:10]) + timedelta(days=6)
        merged = Group(
            PERIOD_DIMENSION,
            f"{cluster[0].value[:10]}..{last.isoformat()}",
            sum(c.defects for c in cluster),
            sum(c.orders for c in cluster),
            tuple(i for c in cluster for i in c.order_ids),
        )
        others.append(replace(_tested(merged, total_defects, total_orders)))
    return others
