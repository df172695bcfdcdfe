"""The engine equals a small pure-Python reading of the rules, on random sellers."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import holidays
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.randomsellers import D, Order, load_sellers, orders
from support.sellerdata import metrics

US_HOLIDAYS = holidays.country_holidays("US", years=range(2026, 2028))


def business_after(day: date, n: int) -> date:
    is_business = lambda d: d.weekday() < 5 and d not in US_HOLIDAYS  # noqa: E731
    if n == 0:
        while not is_business(day):
            day += timedelta(days=1)
        return day
    while n:
        day += timedelta(days=1)
        n -= is_business(day)
    return day


def within(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def reference(orders: list[Order]) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for channel in ("mfn", "afn"):
        chosen = [
            o
            for o in orders
            if o.mfn == (channel == "mfn") and within(o.day, D - timedelta(73), D - timedelta(14))
        ]
        defective = 0
        for o in chosen:
            cleared = any(
                t == "negative-feedback" and out_ in ("removed", "struck-through")
                for t, _, out_ in o.defects
            )
            dated = [(t, out_) for t, day, out_ in o.defects if day <= D]
            negative = (o.rating in (1, 2) and not cleared) or (
                "negative-feedback",
                "active",
            ) in dated
            claim = any(
                t == "a-to-z-claim" and out_ in ("open", "granted", "refunded-by-seller")
                for t, out_ in dated
            )
            chargeback = any(
                t == "chargeback" and out_ in ("open", "seller-liable") for t, out_ in dated
            )
            defective += negative or claim or chargeback
        out[f"order_defect_rate/{channel}"] = (defective, len(chosen))
    mfn = [o for o in orders if o.mfn]
    for days in (10, 30):
        num = den = 0
        for o in mfn:
            expected = o.latest_ship or (
                business_after(o.day, o.handling) if o.handling is not None else None
            )
            if within(expected, D - timedelta(days - 1), D) and o.confirmed and o.confirmed <= D:
                den += 1
                num += o.confirmed > expected  # type: ignore[operator]
        out[f"late_shipment_rate_{days}d/mfn"] = (num, den)
    week = [o for o in mfn if within(o.day, D - timedelta(6), D)]
    cancelled = sum(
        o.cancelled_by in ("seller", "amazon") or (o.cancelled_item and not o.cancelled_by)
        for o in week
    )
    out["pre_fulfillment_cancel_rate/mfn"] = (cancelled, len(week))
    shipped = [
        o
        for o in mfn
        if o.confirmed and o.confirmed <= D and within(o.promised, D - timedelta(29), D)
    ]
    known = [o for o in shipped if o.valid]
    out["valid_tracking_rate/mfn"] = (sum(o.valid == "Y" for o in known), len(known))
    tracked = [o for o in shipped if o.valid == "Y"]
    on_time = sum(
        o.delivered is not None and o.delivered <= o.promised and o.delivered <= D for o in tracked
    )  # type: ignore[operator]
    out["on_time_delivery_rate/mfn"] = (on_time, len(tracked))
    return out


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(orders(), min_size=1, max_size=25))
def test_engine_matches_reference(tmp_path_factory, sellers: list[Order]) -> None:  # type: ignore[no-untyped-def]
    folder: Path = tmp_path_factory.mktemp("seller")
    db = load_sellers(folder, sellers)
    found = metrics(db, D)
    expected = reference(sellers)
    assert {k: (v["numerator"], v["denominator"]) for k, v in found.items()} == expected
    for value in found.values():
        assert value["rate"] is None or 0.0 <= value["rate"] <= 1.0
