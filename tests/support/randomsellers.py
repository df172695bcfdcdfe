"""Random sellers for hypothesis: orders with defects, feedback and fulfilment, written and imported."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from hypothesis import strategies as st

from support.sellerdata import Seller

D = date(2026, 11, 22)
CLAIM = [
    "open",
    "granted",
    "refunded-by-seller",
    "denied",
    "withdrawn",
    "amazon-funded",
    "reversed-on-appeal",
]
CHARGEBACK = ["open", "seller-liable", "won", "fraud"]
FEEDBACK = ["active", "removed", "struck-through"]


@dataclass
class Order:
    day: date
    mfn: bool
    cancelled_item: bool
    rating: int | None
    defects: list[tuple[str, date, str]] = field(default_factory=list)
    latest_ship: date | None = None
    handling: int | None = None
    confirmed: date | None = None
    valid: str = ""
    promised: date | None = None
    delivered: date | None = None
    cancelled_by: str = ""


days = st.integers(min_value=-80, max_value=3).map(lambda n: D + timedelta(days=n))
maybe_day = st.none() | days


@st.composite
def orders(draw: st.DrawFn) -> Order:
    order = Order(
        draw(days), draw(st.booleans()), draw(st.booleans()), draw(st.none() | st.integers(1, 3))
    )
    for kind, outcomes in (
        ("a-to-z-claim", CLAIM),
        ("chargeback", CHARGEBACK),
        ("negative-feedback", FEEDBACK),
    ):
        if draw(st.booleans()):
            order.defects.append((kind, draw(days), draw(st.sampled_from(outcomes))))
    if order.rating is not None and order.rating and order.day > D:
        order.rating = None
    if draw(st.booleans()):
        order.latest_ship = order.day + timedelta(days=draw(st.integers(0, 3)))
    else:
        order.handling = draw(st.none() | st.integers(0, 3))
    order.confirmed = draw(
        st.none() | st.integers(0, 6).map(lambda n: order.day + timedelta(days=n))
    )
    order.valid = draw(st.sampled_from(["", "Y", "N"]))
    order.promised = draw(maybe_day)
    order.delivered = draw(maybe_day)
    order.cancelled_by = draw(st.sampled_from(["", "", "buyer", "seller", "amazon"]))
    return order


def plain(day: date | None) -> str:
    """Return a day as YYYY-MM-DD, or an empty cell."""
    return day.isoformat() if day else ""


def load_sellers(folder: Path, sellers: list[Order]) -> Path:
    """Write the orders as reports, import them into a new store in `folder`, return its path."""
    seller = Seller(folder / "reports")
    for n, o in enumerate(sellers):
        oid = f"111-0000000-{n:07d}"
        status = "Cancelled" if o.cancelled_item else "Shipped"
        seller.order(
            oid,
            o.day,
            channel="Merchant" if o.mfn else "Amazon",
            items=(("S", "B000000001", status),),
        )
        if o.rating is not None:
            seller.rated(oid, o.day, o.rating)
        for kind, day, outcome in o.defects:
            seller.defect(oid, kind, day, outcome)
        seller.shipped(
            oid,
            latest_ship=plain(o.latest_ship),
            handling_days="" if o.handling is None else str(o.handling),
            confirmed=plain(o.confirmed),
            valid_tracking=o.valid,
            promised=plain(o.promised),
            delivered=plain(o.delivered),
            cancelled_by=o.cancelled_by,
        )
    db = folder / "store.duckdb"
    seller.load(db)
    return db
