"""Amazon's side of the story: a V2 seller performance payload per account and snapshot day.

The counts are what the generated orders imply on that day, nudged a little (Amazon sees events
the seller's files do not), so Amazon's figure sits beside Reinstate's estimate, close but not equal.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np

from reinstate.demo.clock import EPOCH
from reinstate.demo.defects import CHARGEBACK, CLAIM, FEEDBACK, ODR_WINDOW, MarketplaceDefects
from reinstate.demo.orders import (
    AMAZON,
    NONE,
    SELLER,
    TRACKING_UNKNOWN,
    TRACKING_VALID,
    MarketplaceOrders,
)

ODR_TARGET, LATE_TARGET, CANCEL_TARGET = 0.01, 0.04, 0.025
TRACKING_TARGET, ON_TIME_TARGET = 0.95, 0.97
# Keys a live payload was seen to leave out (domain doc §2.4).
SPARSE_OMITTED = ("lateShipmentRate", "preFulfillmentCancellationRate", "invoiceDefectRate")
POLICY_KEYS = (
    "listingPolicyViolations", "productAuthenticityCustomerComplaints",
    "productConditionCustomerComplaints", "productSafetyCustomerComplaints",
    "receivedIntellectualPropertyComplaints", "suspectedIntellectualPropertyViolations",
    "restrictedProductPolicyViolations", "foodAndProductSafetyIssues", "otherPolicyViolations",
    "documentRequests", "customerProductReviewsPolicyViolations",
)  # fmt: skip


def _day(number: int) -> date:
    return EPOCH + timedelta(days=number)


def _range(first: int, last: int) -> dict[str, str]:
    return {
        "reportingDateFrom": f"{_day(first).isoformat()}T00:00:00Z",
        "reportingDateTo": f"{_day(last).isoformat()}T23:59:59Z",
    }


class _Nudge:
    """Amazon's counts: ours, moved by a small seeded amount."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng

    def count(self, value: int) -> int:
        change = round(value * self.rng.normal(0.0, 0.015))
        if value >= 50:  # an event or two Amazon sees and the seller's files do not
            change += int(self.rng.integers(-1, 2))
        return max(0, value + change)


def _rate(numerator: int, denominator: int) -> float:
    return round(numerator / denominator, 4) if denominator else 0.0


def _status(rate: float, denominator: int, target: float, below: bool) -> str:
    if denominator == 0:
        return "NONE"
    good = rate < target if below else rate >= target
    return "GOOD" if good else "BAD"


def _ratio_metric(
    window: tuple[int, int], counts: tuple[str, int, str, int], target: float, below: bool
) -> dict[str, Any]:
    total_key, total, part_key, part = counts
    rate = _rate(part, total)
    return {
        "reportingDateRange": _range(*window),
        total_key: total,
        part_key: part,
        "status": _status(rate, total, target, below),
        "rate": rate,
        "targetValue": target,
        "targetCondition": "LESS_THAN" if below else "GREATER_THAN",
    }


def _odr(
    orders: MarketplaceOrders, defects: MarketplaceDefects, day: int, afn: bool, nudge: _Nudge
) -> dict[str, Any]:
    first, last = day - ODR_WINDOW[0], day - ODR_WINDOW[1]
    chosen = (orders.afn == afn) & (orders.purchase_day >= first) & (orders.purchase_day <= last)
    component: dict[str, int] = {}
    any_defect = np.zeros(orders.size, dtype=bool)
    for name in (FEEDBACK, CLAIM, CHARGEBACK):
        kind = defects.kinds[name]
        counts = chosen & kind.counts() & (kind.day <= day)
        any_defect |= counts
        component[name] = nudge.count(int(counts.sum()))
    total = nudge.count(int(chosen.sum()))
    defective = nudge.count(int(any_defect.sum()))
    rate = _rate(defective, total)
    none = {"status": "NONE"}
    return {
        "reportingDateRange": _range(first, last),
        "orderCount": total,
        "orderWithDefects": {"count": defective, **none},
        "claims": {"count": component[CLAIM], **none},
        "chargebacks": {"count": component[CHARGEBACK], **none},
        "negativeFeedback": {"count": component[FEEDBACK], **none},
        "fulfillmentType": "afn" if afn else "mfn",
        "status": _status(rate, total, ODR_TARGET, below=True),
        "rate": rate,
        "targetValue": ODR_TARGET,
        "targetCondition": "LESS_THAN",
    }


def _late(orders: MarketplaceOrders, day: int, days: int, nudge: _Nudge) -> dict[str, Any]:
    first = day - days + 1
    mfn = ~orders.afn
    confirmed = orders.confirmed & (orders.confirm_day <= day)
    chosen = mfn & confirmed & (orders.expected_ship_day >= first)
    chosen &= orders.expected_ship_day <= day
    late = chosen & orders.late
    total = nudge.count(int(chosen.sum()))
    counts = ("orderCount", total, "lateShipmentCount", min(nudge.count(int(late.sum())), total))
    return _ratio_metric((first, day), counts, LATE_TARGET, below=True)


def _cancel(orders: MarketplaceOrders, day: int, nudge: _Nudge) -> dict[str, Any]:
    first = day - 6
    chosen = ~orders.afn & (orders.purchase_day >= first) & (orders.purchase_day <= day)
    by_seller = (orders.cancelled_by == SELLER) | (orders.cancelled_by == AMAZON)
    by_seller |= (orders.cancelled_by > 0) & ~orders.has_fulfilment_row
    cancelled = chosen & by_seller & (orders.cancel_utc != NONE)
    total = nudge.count(int(chosen.sum()))
    counts = (
        "orderCount",
        total,
        "cancellationCount",
        min(nudge.count(int(cancelled.sum())), total),
    )
    return _ratio_metric((first, day), counts, CANCEL_TARGET, below=True)


def _tracking(orders: MarketplaceOrders, day: int, nudge: _Nudge) -> tuple[dict[str, Any], ...]:
    first = day - 29
    confirmed = orders.confirmed & (orders.confirm_day <= day) & ~orders.afn
    window = (orders.promised_day >= first) & (orders.promised_day <= day)
    known = confirmed & window & (orders.tracking != TRACKING_UNKNOWN)
    valid = known & (orders.tracking == TRACKING_VALID)
    delivered = valid & (orders.delivered_day != NONE) & (orders.delivered_day <= day)
    on_time = delivered & (orders.delivered_day <= orders.promised_day)
    shipments, valid_count = nudge.count(int(known.sum())), nudge.count(int(valid.sum()))
    valid_count = min(valid_count, shipments)
    on_time_count = min(nudge.count(int(on_time.sum())), valid_count)
    return (
        _ratio_metric(
            (first, day),
            ("shipmentCount", shipments, "validTrackingCount", valid_count),
            TRACKING_TARGET,
            below=False,
        ),
        _ratio_metric(
            (first, day),
            ("shipmentCountWithValidTracking", valid_count, "onTimeDeliveryCount", on_time_count),
            ON_TIME_TARGET,
            below=False,
        ),
    )


def marketplace_metrics(
    orders: MarketplaceOrders,
    defects: MarketplaceDefects,
    day: int,
    rng: np.random.Generator,
    *,
    sparse: bool,
) -> dict[str, Any]:
    """Return one `performanceMetrics` entry for the snapshot `day`."""
    nudge = _Nudge(rng)
    ahr_range = _range(day - 179, day)
    late_10, late_30 = _late(orders, day, 10, nudge), _late(orders, day, 30, nudge)
    tracking, on_time = _tracking(orders, day, nudge)
    policy = {
        "reportingDateRange": ahr_range,
        "defectsCount": 0,
        "status": "GOOD",
        "targetValue": 0,
        "targetCondition": "EQUALS",
    }
    odr_mfn = _odr(orders, defects, day, afn=False, nudge=nudge)
    warned = odr_mfn["status"] == "BAD" or late_30["status"] == "BAD"
    entry: dict[str, Any] = {
        "marketplaceId": orders.plan.marketplace.marketplace_id,
        "accountHealthRating": {
            "ahrStatus": "WARNED" if warned else "GREAT",
            "ahrScore": int(rng.integers(260, 320) if warned else rng.integers(380, 520)),
            "reportingDateRange": ahr_range,
        },
        "orderDefectRate": {"mfn": odr_mfn, "afn": _odr(orders, defects, day, True, nudge)},
        "lateShipmentRate": late_30,
        "preFulfillmentCancellationRate": _cancel(orders, day, nudge),
        "validTrackingRate": tracking,
        "onTimeDeliveryRate": on_time,
        "invoiceDefectRate": {
            "reportingDateRange": _range(day - 20, day - 14),
            "orderCount": 0,
            "invoiceDefect": {"count": 0, "status": "NONE"},
            "missingInvoice": {"count": 0, "status": "NONE"},
            "lateInvoice": {"count": 0, "status": "NONE"},
            "status": "NONE",
            "rate": 0,
            "targetValue": 0.05,
            "targetCondition": "LESS_THAN",
        },
        "warningStates": [],
        **{key: dict(policy) for key in POLICY_KEYS},
        "lateShipmentRateList": [late_10, late_30],
        "policyViolationWarnings": {"warningsCount": 0, "reportingDateRange": ahr_range},
    }
    if sparse:
        for key in SPARSE_OMITTED:
            entry.pop(key)
        # Live list entries were seen without their counts.
        for item in entry["lateShipmentRateList"]:
            item.pop("orderCount")
            item.pop("lateShipmentCount")
    return entry


def performance_report(metrics: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the V2 payload for one account from its marketplaces' entries."""
    statuses = []
    for entry in metrics:
        at_risk = entry["accountHealthRating"]["ahrStatus"] == "WARNED"
        statuses.append(
            {"marketplaceId": entry["marketplaceId"], "status": "AT_RISK" if at_risk else "NORMAL"}
        )
    return {"accountStatuses": statuses, "performanceMetrics": metrics}
