"""The orders of one account on one marketplace: what really happened to each, as whole columns.

Everything is drawn at once with numpy from a seeded generator; the writers turn these columns
into Amazon's and Reinstate's files, and the performance module counts from the same truth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from reinstate.demo.catalog import CARRIERS, CATALOGUE_LANGUAGE, PLACES, PRODUCTS
from reinstate.demo.clock import DAY, IntArray, MarketplaceClock
from reinstate.demo.plan import (
    LATE_CARRIER,
    LATE_CARRIER_SHARE,
    LATE_SHIPMENT_OVER_LINE,
    LATE_WEEKDAY,
    LATE_WEEKDAY_FACTOR,
    AccountPlan,
    MarketplacePlan,
)

BoolArray = npt.NDArray[np.bool_]

HISTORY_DAYS = 120
# Relative order volume Monday..Sunday: weekends and Monday evenings sell more.
WEEKDAY_WEIGHTS = np.array([1.05, 0.95, 0.93, 0.96, 1.0, 1.18, 1.25])
# Relative order volume per local hour of the day.
HOUR_WEIGHTS = np.array(
    [3, 2, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 7, 6, 6, 6, 6, 7, 8, 9, 10, 10, 8, 5], dtype=float
)

NO_CANCEL, BUYER, SELLER, AMAZON = 0, 1, 2, 3
CANCELLED_BY = ("", "buyer", "seller", "amazon")
TRACKING_UNKNOWN, TRACKING_VALID, TRACKING_INVALID = 0, 1, 2
NONE = -1  # a day or instant that did not happen (yet)


@dataclass(frozen=True, slots=True)
class MarketplaceOrders:
    """Order-level and item-level columns for one account on one marketplace."""

    account: AccountPlan
    plan: MarketplacePlan
    clock: MarketplaceClock
    as_of_day: int
    # order level
    order_number: IntArray  # unique across the whole dataset
    purchase_day: IntArray  # local day
    purchase_second: IntArray  # local second of the day
    purchase_utc: IntArray
    afn: BoolArray
    items: IntArray
    pending: BoolArray
    handling_days: IntArray
    expected_ship_day: IntArray
    has_latest_ship_date: BoolArray
    late: BoolArray
    cancelled_by: IntArray  # NO_CANCEL, BUYER, SELLER, AMAZON
    cancelled_fully: BoolArray
    cancel_utc: IntArray
    has_fulfilment_row: BoolArray
    confirm_utc: IntArray  # NONE when not ship-confirmed by the as-of day
    confirm_day: IntArray
    tracking: IntArray
    promised_day: IntArray
    delivered_day: IntArray
    carrier: IntArray
    service_level: IntArray
    place: IntArray
    # item level
    item_order: IntArray  # index of the item's order
    product: IntArray
    quantity: IntArray
    item_cancelled: BoolArray

    @property
    def size(self) -> int:
        """Return the number of orders."""
        return len(self.order_number)

    @property
    def confirmed(self) -> BoolArray:
        """Return which orders were ship-confirmed on or before the as-of day."""
        confirmed: BoolArray = self.confirm_utc != NONE
        return confirmed

    def local_day(self, utc: IntArray) -> IntArray:
        """Return the marketplace's local day of UTC instants (NONE stays NONE)."""
        rough = utc // DAY
        local = (utc + self.clock.offsets[self.clock.offset_index(rough)]) // DAY
        return np.where(utc == NONE, NONE, local)


def generate_orders(
    account: AccountPlan,
    plan: MarketplacePlan,
    clock: MarketplaceClock,
    as_of_day: int,
    count: int,
    first_number: int,
    rng: np.random.Generator,
) -> MarketplaceOrders:
    """Draw `count` orders purchased over the HISTORY_DAYS days up to the as-of day."""
    n = count
    days = np.arange(as_of_day - HISTORY_DAYS + 1, as_of_day + 1, dtype=np.int64)
    weekday = (days + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
    trend = np.linspace(0.85, 1.15, len(days))
    weights = WEEKDAY_WEIGHTS[weekday] * trend
    purchase_day = np.sort(rng.choice(days, size=n, p=weights / weights.sum()))
    hour = rng.choice(24, size=n, p=HOUR_WEIGHTS / HOUR_WEIGHTS.sum())
    purchase_second = hour * 3600 + rng.integers(0, 3600, size=n)
    purchase_utc = clock.to_utc(purchase_day, purchase_second)
    afn = rng.random(n) < plan.afn_share
    u = rng.random(n)
    items = 1 + (u < 0.175).astype(np.int64) + (u < 0.025).astype(np.int64)

    # Shipping promise: handling time in business days, expected ship day at its end.
    handling_days = rng.choice(np.array([1, 2, 3]), size=n, p=[0.55, 0.35, 0.10])
    expected_ship_day = clock.add_business_days(purchase_day, handling_days)
    has_latest = rng.random(n) >= 0.1
    today = purchase_day == as_of_day
    pending = today & (rng.random(n) < 0.35)

    # Cancellations: buyers cancel early; sellers cancel what they cannot ship; Amazon cancels
    # what the seller never confirmed. FBA orders are only ever cancelled by the buyer here.
    draw = rng.random(n)
    cancelled_by = np.full(n, NO_CANCEL, dtype=np.int64)
    buyer_line = account.buyer_cancel_rate
    seller_line = buyer_line + account.seller_cancel_rate
    cancelled_by[draw < seller_line] = SELLER
    cancelled_by[draw < buyer_line] = BUYER
    cancelled_by[(draw >= seller_line) & (draw < seller_line + 0.0008)] = AMAZON
    cancelled_by[afn & (cancelled_by != NO_CANCEL)] = BUYER
    cancelled_by[(cancelled_by == AMAZON) & (expected_ship_day + 3 > as_of_day)] = SELLER
    cancelled_by[pending] = NO_CANCEL
    cancelled = cancelled_by != NO_CANCEL
    partial = cancelled & (items >= 2) & (rng.random(n) < 0.4)
    cancelled_fully = cancelled & ~partial
    cancel_day = np.where(
        cancelled_by == AMAZON,
        expected_ship_day + 3,
        purchase_day + rng.integers(0, 3, size=n),
    )
    cancel_day = np.minimum(cancel_day, as_of_day)
    cancel_second = np.where(
        cancel_day == purchase_day,
        np.minimum(purchase_second + rng.integers(300, 7200, size=n), DAY - 1),
        rng.integers(7 * 3600, 22 * 3600, size=n),
    )
    cancel_utc = np.where(cancelled, clock.to_utc(cancel_day, cancel_second), NONE)
    has_fulfilment_row = ~afn & ~(cancelled_fully & (rng.random(n) < 0.12))

    # Ship confirmation: on time within the handling days, or late by one to three days.
    late = _late_orders(plan, rng, afn, pending, cancelled_fully, expected_ship_day, as_of_day)
    on_time_day = purchase_day + np.minimum(
        rng.integers(0, 4, size=n), expected_ship_day - purchase_day
    )
    on_time_day = np.minimum(on_time_day, purchase_day + handling_days)
    mfn_day = np.where(late, expected_ship_day + rng.integers(1, 4, size=n), on_time_day)
    afn_day = purchase_day + (rng.random(n) < 0.4)
    confirm_day = np.where(afn, afn_day, mfn_day)
    confirm_second = rng.integers(8 * 3600, 20 * 3600, size=n)
    too_early = (confirm_day == purchase_day) & (confirm_second <= purchase_second)
    confirm_second = np.where(
        too_early,
        np.minimum(purchase_second + rng.integers(600, 7200, size=n), DAY - 1),
        confirm_second,
    )
    ships = ~pending & ~cancelled_fully & (confirm_day <= as_of_day)
    confirm_utc = np.where(ships, clock.to_utc(confirm_day, confirm_second), NONE)
    confirm_day = np.where(ships, confirm_day, NONE)

    # Tracking and delivery (MFN): mostly valid, mostly on time.
    u = rng.random(n)
    tracking = np.where(u < 0.975, TRACKING_VALID, TRACKING_INVALID)
    tracking[u >= 0.99] = TRACKING_UNKNOWN
    tracking[~ships | afn] = TRACKING_UNKNOWN
    promised_day = expected_ship_day + rng.integers(2, 6, size=n)
    slack = np.maximum(promised_day - confirm_day, 1)
    delivered = confirm_day + 1 + (rng.random(n) * slack).astype(np.int64) % slack
    delivered = np.where(rng.random(n) < 0.02, promised_day + rng.integers(1, 4, size=n), delivered)
    delivered = np.maximum(delivered, confirm_day + 1)
    delivered_day = np.where(
        ships & (tracking == TRACKING_VALID) & (delivered <= as_of_day), delivered, NONE
    )

    # Items: one row each, the last item of a partial cancellation is the cancelled one.
    item_order = np.repeat(np.arange(n, dtype=np.int64), items)
    first_of_order = np.concatenate(([0], np.cumsum(items)[:-1]))
    position = np.arange(len(item_order)) - first_of_order[item_order]
    product_count = len(PRODUCTS[CATALOGUE_LANGUAGE[plan.code]])
    popularity = 1.0 / np.arange(1, product_count + 1)
    product = rng.choice(product_count, size=len(item_order), p=popularity / popularity.sum())
    quantity = 1 + (rng.random(len(item_order)) < 0.08).astype(np.int64)
    last_item = position == items[item_order] - 1
    item_cancelled = cancelled_fully[item_order] | (partial[item_order] & last_item)

    return MarketplaceOrders(
        account=account,
        plan=plan,
        clock=clock,
        as_of_day=as_of_day,
        order_number=np.arange(first_number, first_number + n, dtype=np.int64),
        purchase_day=purchase_day,
        purchase_second=purchase_second,
        purchase_utc=purchase_utc,
        afn=afn,
        items=items,
        pending=pending,
        handling_days=handling_days,
        expected_ship_day=expected_ship_day,
        has_latest_ship_date=has_latest,
        late=late & ships,
        cancelled_by=cancelled_by,
        cancelled_fully=cancelled_fully,
        cancel_utc=cancel_utc,
        has_fulfilment_row=has_fulfilment_row,
        confirm_utc=confirm_utc,
        confirm_day=confirm_day,
        tracking=tracking,
        promised_day=promised_day,
        delivered_day=delivered_day,
        carrier=_carriers(plan, late & ships, rng),
        service_level=rng.choice(4, size=n, p=[0.8, 0.12, 0.06, 0.02]),
        place=rng.integers(0, len(PLACES[plan.code]), size=n),
        item_order=item_order,
        product=product,
        quantity=quantity,
        item_cancelled=item_cancelled,
    )


def _carriers(plan: MarketplacePlan, late: BoolArray, rng: np.random.Generator) -> IntArray:
    """Draw each order's carrier; in the late story most late orders went with one carrier."""
    n = len(late)
    carrier: IntArray = rng.choice(len(CARRIERS[plan.code]), size=n, p=[0.6, 0.3, 0.1])
    if plan.story == LATE_SHIPMENT_OVER_LINE:
        planted = late & (rng.random(n) < LATE_CARRIER_SHARE)
        carrier[planted] = LATE_CARRIER
    return carrier


def _late_orders(
    plan: MarketplacePlan,
    rng: np.random.Generator,
    afn: BoolArray,
    pending: BoolArray,
    cancelled_fully: BoolArray,
    expected_ship_day: IntArray,
    as_of_day: int,
) -> BoolArray:
    """Choose the MFN orders confirmed after their expected ship date.

    The over-the-line story spreads its late orders evenly along the expected ship dates, so
    every 10- and 30-day window holds its share even in a small dataset; others draw at random.
    Orders due to ship on the planted weekday get LATE_WEEKDAY_FACTOR times the share of the rest.
    """
    n = len(afn)
    mfn = ~afn & ~pending & ~cancelled_fully
    late = mfn & (rng.random(n) < plan.late_rate)
    if plan.story == LATE_SHIPMENT_OVER_LINE:
        settled = np.flatnonzero(mfn & (expected_ship_day + 3 <= as_of_day))
        order = np.lexsort((rng.random(len(settled)), expected_ship_day[settled]))
        ordered = settled[order]
        weekday = (expected_ship_day[ordered] + 3) % 7  # 1970-01-01 was a Thursday
        factor = np.where(weekday == LATE_WEEKDAY, LATE_WEEKDAY_FACTOR, 1.0)
        rate = plan.late_rate * factor / factor.mean() if len(factor) else factor
        cumulative = np.cumsum(rate)
        phase = rng.random()
        spaced = np.floor(cumulative + phase) > np.floor(cumulative - rate + phase)
        late[settled] = False
        late[settled[order[spaced]]] = True
    return late
