"""Every metric rule of issue #2, each with a small hand-written case."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from reinstate.services.imports import import_files
from support.sellerdata import Seller, metrics

D = date(2026, 11, 22)  # a Sunday
ODR_START, ODR_END = D - timedelta(days=73), D - timedelta(days=14)


def odr(db: Path, channel: str = "mfn") -> dict:  # type: ignore[type-arg]
    return metrics(db, D)[f"order_defect_rate/{channel}"]


def test_odr_window_is_sixty_days_ending_fourteen_days_before(seller: Seller, db: Path) -> None:
    for n, day in enumerate(
        [ODR_START - timedelta(days=1), ODR_START, ODR_END, ODR_END + timedelta(days=1)]
    ):
        seller.order(f"111-0000000-000000{n}", day).rated(f"111-0000000-000000{n}", day, 1)
    seller.load(db)
    result = odr(db)
    assert result["window"] == {"start": "2026-09-10", "end": "2026-11-08"}
    assert (result["numerator"], result["denominator"]) == (2, 2)
    assert result["rate"] == 1.0 and result["status"] == "missed"


def test_order_with_three_defects_counts_once(seller: Seller, db: Path) -> None:
    day = date(2026, 10, 1)
    seller.order("111-0000000-0000001", day).rated("111-0000000-0000001", day, 2)
    seller.defect("111-0000000-0000001", "a-to-z-claim", day, "granted")
    seller.defect("111-0000000-0000001", "chargeback", day, "seller-liable")
    for n in range(2, 10):
        seller.order(f"111-0000000-000000{n}", day)
    seller.load(db)
    result = odr(db)
    assert (result["numerator"], result["denominator"]) == (1, 9)
    assert result["components"] == {"negative_feedback": 1, "a_to_z_claim": 1, "chargeback": 1}
    assert result["rate"] == pytest.approx(1 / 9)


@pytest.mark.parametrize(("rating", "counted"), [(1, 1), (2, 1), (3, 0)])
def test_only_one_and_two_stars_are_negative(
    seller: Seller, db: Path, rating: int, counted: int
) -> None:
    day = date(2026, 10, 1)
    seller.order("111-0000000-0000001", day).rated("111-0000000-0000001", day, rating)
    seller.load(db)
    assert odr(db)["numerator"] == counted


@pytest.mark.parametrize(
    ("outcome", "counted"), [("removed", 0), ("struck-through", 0), ("active", 1)]
)
def test_removed_or_struck_feedback_no_longer_counts(
    seller: Seller, db: Path, outcome: str, counted: int
) -> None:
    day = date(2026, 10, 1)
    seller.order("111-0000000-0000001", day).rated("111-0000000-0000001", day, 1)
    seller.defect("111-0000000-0000001", "negative-feedback", day, outcome)
    seller.load(db)
    assert odr(db)["numerator"] == counted


def test_active_negative_feedback_row_counts_without_feedback_report(
    seller: Seller, db: Path
) -> None:
    day = date(2026, 10, 1)
    seller.order("111-0000000-0000001", day).defect(
        "111-0000000-0000001", "negative-feedback", day, "active"
    )
    seller.load(db)
    assert odr(db)["components"]["negative_feedback"] == 1


@pytest.mark.parametrize(
    ("outcome", "counted"),
    [
        ("open", 1),
        ("granted", 1),
        ("refunded-by-seller", 1),
        ("denied", 0),
        ("withdrawn", 0),
        ("amazon-funded", 0),
        ("reversed-on-appeal", 0),
    ],
)
def test_a_to_z_claim_outcomes(seller: Seller, db: Path, outcome: str, counted: int) -> None:
    day = date(2026, 10, 1)
    seller.order("111-0000000-0000001", day).defect(
        "111-0000000-0000001", "a-to-z-claim", day, outcome
    )
    seller.load(db)
    assert odr(db)["components"]["a_to_z_claim"] == counted


@pytest.mark.parametrize(
    ("outcome", "counted"), [("open", 1), ("seller-liable", 1), ("won", 0), ("fraud", 0)]
)
def test_chargeback_outcomes(seller: Seller, db: Path, outcome: str, counted: int) -> None:
    day = date(2026, 10, 1)
    seller.order("111-0000000-0000001", day).defect(
        "111-0000000-0000001", "chargeback", day, outcome
    )
    seller.load(db)
    assert odr(db)["numerator"] == counted


def test_defect_dated_after_as_of_is_ignored(seller: Seller, db: Path) -> None:
    day = date(2026, 10, 1)
    seller.order("111-0000000-0000001", day)
    seller.defect("111-0000000-0000001", "a-to-z-claim", D + timedelta(days=1), "open")
    seller.load(db)
    assert odr(db)["numerator"] == 0


def test_odr_is_kept_per_channel(seller: Seller, db: Path) -> None:
    day = date(2026, 10, 1)
    seller.order("111-0000000-0000001", day, channel="Amazon").rated("111-0000000-0000001", day, 1)
    seller.order("111-0000000-0000002", day, channel="Merchant")
    seller.load(db)
    assert (odr(db, "afn")["numerator"], odr(db, "afn")["denominator"]) == (1, 1)
    assert (odr(db, "mfn")["numerator"], odr(db, "mfn")["denominator"]) == (0, 1)


def cancel(db: Path) -> dict:  # type: ignore[type-arg]
    return metrics(db, D)["pre_fulfillment_cancel_rate/mfn"]


@pytest.mark.parametrize(("who", "counted"), [("seller", 1), ("amazon", 1), ("buyer", 0)])
def test_cancellations_by_who(seller: Seller, db: Path, who: str, counted: int) -> None:
    day = date(2026, 11, 20)
    seller.order(
        "111-0000000-0000001", day, status="Cancelled", items=(("S", "B000000001", "Cancelled"),)
    )
    seller.shipped("111-0000000-0000001", cancelled_by=who, cancel_date="2026-11-20")
    seller.order("111-0000000-0000002", day)
    seller.load(db)
    result = cancel(db)
    assert (result["numerator"], result["denominator"]) == (counted, 2)
    assert result["window"] == {"start": "2026-11-16", "end": "2026-11-22"}


def test_partial_cancellation_counts_the_order(seller: Seller, db: Path) -> None:
    day = date(2026, 11, 18)
    seller.order(
        "111-0000000-0000001",
        day,
        items=(("A", "B000000001", "Shipped"), ("B", "B000000002", "Cancelled")),
    )
    seller.shipped("111-0000000-0000001", cancelled_by="seller", cancel_date="2026-11-18")
    seller.load(db)
    assert cancel(db)["numerator"] == 1


def test_cancelled_item_without_fulfilment_row_counts_with_a_caveat(
    seller: Seller, db: Path
) -> None:
    day = date(2026, 11, 18)
    seller.order(
        "111-0000000-0000001", day, status="Cancelled", items=(("A", "B000000001", "Cancelled"),)
    )
    seller.order("111-0000000-0000002", day)
    seller.load(db)
    result = cancel(db)
    assert result["numerator"] == 1
    assert result["caveats"] == [
        {
            "code": "unattributed",
            "count": 1,
            "message": "1 order with a cancelled item in the orders report has no fulfilment row "
            "saying who cancelled; it is counted as a seller cancellation.",
        }
    ]


def late(db: Path, days: int = 30) -> dict:  # type: ignore[type-arg]
    return metrics(db, D)[f"late_shipment_rate_{days}d/mfn"]


def test_late_is_confirmation_after_latest_ship_date(seller: Seller, db: Path) -> None:
    seller.order("111-0000000-0000001", date(2026, 11, 12)).shipped(
        "111-0000000-0000001",
        latest_ship="2026-11-14T23:59:59-08:00",
        confirmed="2026-11-15T08:00:00-08:00",
    )
    seller.order("111-0000000-0000002", date(2026, 11, 12)).shipped(
        "111-0000000-0000002",
        latest_ship="2026-11-14T23:59:59-08:00",
        confirmed="2026-11-14T08:00:00-08:00",
    )
    # Confirmed after the as-of day: not yet counted at all.
    seller.order("111-0000000-0000003", date(2026, 11, 20)).shipped(
        "111-0000000-0000003",
        latest_ship="2026-11-21T23:59:59-08:00",
        confirmed="2026-11-23T08:00:00-08:00",
    )
    seller.load(db)
    assert (late(db, 10)["numerator"], late(db, 10)["denominator"]) == (1, 2)
    assert late(db, 10)["window"] == {"start": "2026-11-13", "end": "2026-11-22"}
    assert late(db, 10)["caveats"][0]["code"] == "unconfirmed"


def test_handling_days_skip_weekends_and_national_holidays(seller: Seller, db: Path) -> None:
    # Bought Wednesday 2026-11-25; Thanksgiving (Thu 26th) is a US holiday, then a weekend:
    # two business days later is Monday 2026-11-30, so confirming that day is on time.
    as_of = date(2026, 12, 5)
    seller.order("111-0000000-0000001", date(2026, 11, 25)).shipped(
        "111-0000000-0000001", handling_days="2", confirmed="2026-11-30T17:00:00-08:00"
    )
    seller.order("111-0000000-0000002", date(2026, 11, 25)).shipped(
        "111-0000000-0000002", handling_days="2", confirmed="2026-12-01T09:00:00-08:00"
    )
    seller.load(db)
    result = metrics(db, as_of)["late_shipment_rate_10d/mfn"]
    assert (result["numerator"], result["denominator"]) == (1, 2)


def test_afn_orders_stay_out_of_shipping_metrics(seller: Seller, db: Path) -> None:
    day = date(2026, 11, 20)
    seller.order(
        "111-0000000-0000001",
        day,
        channel="Amazon",
        status="Cancelled",
        items=(("A", "B000000001", "Cancelled"),),
    )
    seller.shipped(
        "111-0000000-0000001",
        latest_ship="2026-11-20T23:59:59-08:00",
        confirmed="2026-11-21T10:00:00-08:00",
        valid_tracking="N",
        promised="2026-11-21",
        cancelled_by="seller",
    )
    seller.load(db)
    found = metrics(db, D)
    for key in (
        "late_shipment_rate_10d/mfn",
        "late_shipment_rate_30d/mfn",
        "pre_fulfillment_cancel_rate/mfn",
        "valid_tracking_rate/mfn",
        "on_time_delivery_rate/mfn",
    ):
        assert found[key]["denominator"] == 0, key
        assert found[key]["status"] == "no_data" and found[key]["rate"] is None


def test_valid_tracking_and_on_time_delivery(seller: Seller, db: Path) -> None:
    confirmed = "2026-11-10T10:00:00-08:00"
    for n, (valid, delivered) in enumerate(
        [("Y", "2026-11-14"), ("Y", "2026-11-16"), ("N", ""), ("", "")]
    ):
        oid = f"111-0000000-000000{n}"
        seller.order(oid, date(2026, 11, 9)).shipped(
            oid,
            confirmed=confirmed,
            valid_tracking=valid,
            promised="2026-11-15",
            delivered=delivered,
        )
    seller.load(db)
    found = metrics(db, D)
    tracking = found["valid_tracking_rate/mfn"]
    assert (tracking["numerator"], tracking["denominator"], tracking["status"]) == (2, 3, "missed")
    assert tracking["caveats"][0]["code"] == "unknown"
    on_time = found["on_time_delivery_rate/mfn"]
    assert (on_time["numerator"], on_time["denominator"]) == (1, 2)


def test_zero_order_windows_are_no_data(seller: Seller, db: Path) -> None:
    seller.order("111-0000000-0000001", date(2026, 6, 1))
    seller.load(db)
    found = metrics(db, D)
    assert len(found) == 7
    assert all(m["status"] == "no_data" and m["rate"] is None for m in found.values())


def test_two_marketplaces_are_kept_apart(seller: Seller, db: Path) -> None:
    day = date(2026, 10, 1)
    seller.order("111-0000000-0000001", day).rated("111-0000000-0000001", day, 1)
    seller.order("302-0000000-0000002", day, sales_channel="Amazon.de")
    seller.load(db)
    assert metrics(db, D, marketplace="US")["order_defect_rate/mfn"]["numerator"] == 1
    de = metrics(db, D, marketplace="DE")["order_defect_rate/mfn"]
    assert (de["numerator"], de["denominator"]) == (0, 1)


def test_marketplace_day_is_local(seller: Seller, db: Path) -> None:
    # 2026-11-16 05:00 UTC is still the 15th in Los Angeles: outside the 7-day cancel window.
    seller.orders.append(
        "111-0000000-0000001\t\t2026-11-16T05:00:00+00:00\t\tShipped\tMerchant\tAmazon.com\t\t\t"
        "Standard\tTea cup\tA\tB000000001\tShipped\t1\tUSD\t9.99"
    )
    seller.load(db)
    assert cancel(db)["denominator"] == 0


def test_a_marketplace_override_changes_only_that_marketplace_window(
    seller: Seller, db: Path
) -> None:
    from dataclasses import replace

    from reinstate.engine.runner import Engine
    from reinstate.rules import defect_rules, marketplaces, metric_catalogue
    from reinstate.storage.database import Store

    # Two orders with a defect, 20 days before D: inside the shared ODR window (60 days lagged
    # 14); a UK override of 10 days without lag leaves the UK order out, and only it.
    day = D - timedelta(days=20)
    seller.order("111-0000000-0000001", day).rated("111-0000000-0000001", day, 1)
    seller.order("202-0000000-0000002", day, sales_channel="Amazon.co.uk").rated(
        "202-0000000-0000002", day, 1
    )
    # One feedback file for a US and a UK order: 11/2/2026 fits both styles and the two
    # marketplaces write it differently, so the file says which (as a seller would be asked to).
    import_files(db, seller.write(), account="acme", date_format="mdy")
    catalogue = metric_catalogue()
    base = catalogue.rule("order_defect_rate", "mfn", "UK")
    override = replace(base, window_days=10, lag_days=0)
    catalogue = replace(catalogue, overrides=(("UK", override),))
    with Store.open(db) as store:
        engine = Engine.on_duckdb(store.con, catalogue, defect_rules(), marketplaces())
        counts = engine.counts(D)
    us = counts[("acme", "US", "order_defect_rate", "mfn")]
    assert (us.numerator, us.denominator) == (1, 1)
    assert ("acme", "UK", "order_defect_rate", "mfn") not in counts
    # Every other UK metric keeps the shared window.
    uk_cancel = counts[("acme", "UK", "pre_fulfillment_cancel_rate", "mfn")]
    assert uk_cancel.denominator == 0


def test_one_engine_asked_for_two_days_answers_each_as_a_new_one_would(
    seller: Seller, db: Path
) -> None:
    from reinstate.services.health import engine_for
    from reinstate.storage.database import Store

    for n in range(1, 6):
        day = D - timedelta(days=20 + n * 9)
        seller.order(f"111-0000000-000000{n}", day).rated(f"111-0000000-000000{n}", day, 1)
    seller.load(db)
    days = (D, D - timedelta(days=30), D)
    with Store.reader(db) as store:
        engine = engine_for(store)
        again = [engine.counts(day) for day in days]  # the compiled SQL is reused
    for day, counts in zip(days, again, strict=True):
        with Store.reader(db) as store:
            assert engine_for(store).counts(day) == counts
    first = again[0][("acme", "US", "order_defect_rate", "mfn")]
    earlier = again[1][("acme", "US", "order_defect_rate", "mfn")]
    # Orders 29, 38, 47, 56 and 65 days before D: all in D's window, three in D-30's.
    assert (first.numerator, earlier.numerator) == (5, 3)


@pytest.mark.parametrize("enabled", [True, False])
def test_computing_health_leaves_the_cycle_collector_as_it_found_it(
    seller: Seller, db: Path, enabled: bool
) -> None:
    import gc

    seller.order("111-0000000-0000001", D - timedelta(days=20))
    seller.load(db)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert odr(db)["denominator"] == 1
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
