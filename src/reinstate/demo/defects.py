"""Which orders drew negative feedback, A-to-z claims and chargebacks, and how each ended.

Outcome names come from `rules/defects.toml`, so the generated files use exactly the words the
engine counts. Orders with a counting defect are drawn first; harmless defects (denied claims,
removed feedback, won chargebacks ...) and 3-star feedback are noise on other orders.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reinstate.demo.clock import IntArray
from reinstate.demo.orders import NONE, BoolArray, MarketplaceOrders
from reinstate.demo.plan import (
    ODR_NEAR_LINE,
    ODR_NEAR_LINE_RATE,
    WRONG_SIZE_PRODUCTS,
    WRONG_SIZE_SHARE,
)
from reinstate.rules import defect_rules

FEEDBACK, CLAIM, CHARGEBACK = "negative-feedback", "a-to-z-claim", "chargeback"
DEFECT_TYPES = (FEEDBACK, CLAIM, CHARGEBACK)
# The ODR window: orders purchased in [D - 73, D - 14].
ODR_WINDOW = (73, 14)


@dataclass(frozen=True, slots=True)
class DefectKind:
    """One defect type's orders: which, when, and the outcome (index into `outcomes`)."""

    name: str
    outcomes: tuple[str, ...]
    counting: tuple[str, ...]
    has: BoolArray
    outcome: IntArray
    day: IntArray

    def counts(self) -> BoolArray:
        """Return which orders carry this defect with a counting outcome."""
        counting = np.array([o in self.counting for o in self.outcomes])
        result: BoolArray = self.has & counting[self.outcome]
        return result


@dataclass(frozen=True, slots=True)
class MarketplaceDefects:
    """All defects and 1-3 star feedback of one account on one marketplace."""

    kinds: dict[str, DefectKind]
    rating: IntArray  # feedback stars 1-3, 0 when no feedback in the report
    feedback_day: IntArray
    active_row: BoolArray  # an `active` negative-feedback row is written to the defects file


def draw_defects(orders: MarketplaceOrders, rng: np.random.Generator) -> MarketplaceDefects:
    """Draw the defects of these orders, steering the ODR story when the plan has one."""
    rules = defect_rules()
    n = orders.size
    eligible = orders.confirmed & (orders.purchase_day < orders.as_of_day)
    counting = eligible & (rng.random(n) < orders.account.defect_rate)
    if orders.plan.story == ODR_NEAR_LINE:
        counting = _steer_odr(orders, eligible, counting, rng)
    harmless = eligible & ~counting & (rng.random(n) < orders.account.harmless_defect_rate)

    primary = rng.choice(3, size=n, p=[0.55, 0.35, 0.10])
    if orders.plan.story == ODR_NEAR_LINE:
        # The planted products' defects are negative feedback (about the size, see catalog).
        primary[counting & wrong_size_orders(orders)] = DEFECT_TYPES.index(FEEDBACK)
    second = (primary + rng.integers(1, 3, size=n)) % 3
    extra = counting & (rng.random(n) < 0.2)
    all_three = extra & (rng.random(n) < 0.25)
    kinds: dict[str, DefectKind] = {}
    for index, name in enumerate(DEFECT_TYPES):
        known = rules.known_outcomes[name]
        counts = tuple(o for o in known if o in rules.counting_outcomes[name])
        harmless_outcomes = tuple(o for o in known if o not in counts)
        has_counting = counting & (primary == index)
        has_harmless = harmless & (primary == index)
        has_extra = (extra & (second == index)) | all_three
        has_extra &= ~has_counting
        outcome = np.zeros(n, dtype=np.int64)
        outcome[has_counting] = _cycle(counts, known, int(has_counting.sum()), rng)
        outcome[has_harmless] = _cycle(harmless_outcomes, known, int(has_harmless.sum()), rng)
        outcome[has_extra] = _cycle(known, known, int(has_extra.sum()), rng)
        if name == FEEDBACK:
            # Amazon strikes through complaints about its own (FBA) delivery.
            struck = known.index("struck-through")
            removed = known.index("removed")
            is_harmless = has_harmless | (has_extra & (outcome == struck))
            outcome[is_harmless & ~orders.afn & (outcome == struck)] = removed
            outcome[is_harmless & orders.afn] = struck
        has = has_counting | has_harmless | has_extra
        delay = {FEEDBACK: (3, 30), CLAIM: (10, 50), CHARGEBACK: (20, 70)}[name]
        kinds[name] = DefectKind(
            name=name,
            outcomes=known,
            counting=counts,
            has=has,
            outcome=outcome,
            day=_defect_day(orders, has, delay, rng),
        )

    feedback = kinds[FEEDBACK]
    neutral = eligible & ~feedback.has & (rng.random(n) < orders.account.neutral_rate)
    rating = np.where(feedback.has, rng.integers(1, 3, size=n), 0)
    rating[neutral] = 3
    feedback_day = np.where(neutral, _defect_day(orders, neutral, (3, 30), rng), feedback.day)
    active = feedback.has & (feedback.outcome == 0) & (rng.random(n) < 0.3)
    return MarketplaceDefects(kinds, rating, feedback_day, active)


def _steer_odr(
    orders: MarketplaceOrders, eligible: BoolArray, counting: BoolArray, rng: np.random.Generator
) -> BoolArray:
    """Give exactly floor(rate x orders) MFN orders of the ODR window a counting defect."""
    start, end = (orders.as_of_day - ODR_WINDOW[0], orders.as_of_day - ODR_WINDOW[1])
    in_window = ~orders.afn & (orders.purchase_day >= start) & (orders.purchase_day <= end)
    wanted = int(in_window.sum() * ODR_NEAR_LINE_RATE)
    # The planted products take WRONG_SIZE_SHARE of the defects, in equal parts; others the rest.
    planted = np.zeros(orders.size, dtype=np.bool_)
    per_product = int(wanted * WRONG_SIZE_SHARE / len(WRONG_SIZE_PRODUCTS))
    picks = []
    for product in WRONG_SIZE_PRODUCTS:
        holds = np.zeros(orders.size, dtype=np.bool_)
        holds[orders.item_order[orders.product == product]] = True
        pool = np.flatnonzero(holds & in_window & eligible & ~planted)
        taken = rng.choice(pool, size=min(per_product, len(pool)), replace=False)
        planted[taken] = True
        picks.append(taken)
    rest = np.flatnonzero(in_window & eligible & ~wrong_size_orders(orders))
    size = min(wanted - int(planted.sum()), len(rest))
    chosen = np.concatenate([*picks, rng.choice(rest, size=size, replace=False)])
    steered = counting & ~in_window
    steered[chosen] = True
    return steered


def wrong_size_orders(orders: MarketplaceOrders) -> BoolArray:
    """Return which orders hold one of the near-the-line story's planted products."""
    has: BoolArray = np.zeros(orders.size, dtype=np.bool_)
    has[orders.item_order[np.isin(orders.product, WRONG_SIZE_PRODUCTS)]] = True
    return has


def _cycle(
    choices: tuple[str, ...], known: tuple[str, ...], size: int, rng: np.random.Generator
) -> IntArray:
    """Return `size` outcome indexes that visit every choice in turn, in shuffled order."""
    codes = np.array([known.index(c) for c in choices], dtype=np.int64)
    start = int(rng.integers(0, len(codes)))
    picked = codes[(np.arange(size) + start) % len(codes)]
    rng.shuffle(picked)
    return picked


def _defect_day(
    orders: MarketplaceOrders, has: BoolArray, delay: tuple[int, int], rng: np.random.Generator
) -> IntArray:
    """Date each defect some days after purchase, never after the as-of day."""
    n = orders.size
    low, high = delay
    room = np.maximum(orders.as_of_day - orders.purchase_day, 1)
    span = rng.integers(low, high + 1, size=n)
    day = orders.purchase_day + 1 + (rng.random(n) * np.minimum(span, room)).astype(np.int64)
    return np.where(has, np.minimum(day, orders.as_of_day), NONE)
