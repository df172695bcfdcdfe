"""A small store for the web tests: two accounts, three marketplaces, hostile text in every field."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path

from reinstate.services.imports import import_files
from support.sellerdata import Seller, v2_odr_report

AS_OF = date(2026, 11, 22)
HOSTILE_SKU = '<script>alert("sku")</script>'
FORMULA_SKU = '=HYPERLINK("http://example.invalid","x")'
HOSTILE_ASIN = "B0<b>BOLD</b>"
HOSTILE_ACCOUNT = "shop<img src=x onerror=alert(1)>"

NOTICE = (
    "Hello,\n\n"
    "We are writing about your Amazon.com account. Your selling privileges have been removed "
    "because your Order Defect Rate is above our target of 1%. One of the affected products is "
    "ASIN B0TEST1234 "
    '<script>alert("notice")</script>.\n\n'
    "To reactivate your account, submit a plan of action in Account Health.\n"
)

LETTER = (
    "Dear Seller Performance Team,\n\n"
    "Root cause: our carrier was slow & the buyers were unreasonable "
    '<i onclick="x()">really</i>. We did not check the 14 late orders between 2026-10-01 and '
    "2026-10-14.\n\n"
    "Corrective actions: we will refund the buyers and we will call them about their orders.\n\n"
    "Preventive measures: we will try to be better in the future.\n\n"
    "Thank you.\n"
)


def _v2(as_of: date) -> dict[str, object]:
    return v2_odr_report(
        as_of - timedelta(days=73),
        as_of - timedelta(days=14),
        orders=20,
        defects=2,
        negative=2,
        status="BAD",
    )


def build_store(folder: Path, *, as_of: date = AS_OF, late_orders: int = 3) -> Path:
    """Write and import the web tests' reports; return the store's path.

    acme · US: 20 seller-fulfilled orders 40 days back, two with 1-star feedback (order defect rate
    10 %, missed), one with a formula SKU and one with a script SKU; 10 Amazon-fulfilled orders
    (met); 10 orders due to ship 5 days back, `late_orders` of them confirmed late (missed); a V2
    snapshot beside the order defect rate; one cancelled order nobody says who cancelled (a caveat).
    acme · DE: 4 orders. A second account whose name is
    hostile HTML: 3 orders in the US.
    """
    db = folder / "web.duckdb"
    acme = Seller(folder / "acme")
    bought = as_of - timedelta(days=40)
    for n in range(20):
        sku = {0: FORMULA_SKU, 1: HOSTILE_SKU}.get(n, f"SKU-{n}")
        order = f"111-0000000-{n:07d}"
        acme.order(
            order, bought, items=((sku, HOSTILE_ASIN if n == 1 else "B000000001", "Shipped"),)
        )
    acme.rated("111-0000000-0000000", bought + timedelta(days=5), 1)
    acme.rated("111-0000000-0000001", bought + timedelta(days=5), 2)
    for n in range(10):
        acme.order(f"112-0000000-{n:07d}", bought, channel="Amazon")
    due = as_of - timedelta(days=5)
    for n in range(10):
        order = f"113-0000000-{n:07d}"
        acme.order(order, due - timedelta(days=2))
        confirmed = due + timedelta(days=1) if n < late_orders else due - timedelta(days=1)
        acme.shipped(
            order,
            latest_ship=f"{due.isoformat()}T23:59:59-08:00",
            confirmed=f"{confirmed.isoformat()}T10:00:00-08:00",
        )
    cancelled = "115-0000000-0000001"
    acme.order(
        cancelled,
        as_of - timedelta(days=2),
        status="Cancelled",
        items=(("SKU-C", "B000000002", "Cancelled"),),
    )
    for n in range(4):
        acme.order(f"302-0000000-{n:07d}", bought, sales_channel="Amazon.de")
    acme.write()
    (folder / "v2.json").write_text(json.dumps(_v2(as_of)), encoding="utf-8")
    import_files(db, [*acme.write(), folder / "v2.json"], account="acme")

    other = Seller(folder / "other")
    for n in range(3):
        other.order(f"114-0000000-{n:07d}", bought)
    other.load(db, account=HOSTILE_ACCOUNT)
    return db


def names_store(folder: Path, names: tuple[str, ...]) -> Path:
    """Build a store with one seller-fulfilled order per account name, 40 days back in the US,
    each with 1-star feedback (so every account's ODR drill-down lists one order)."""
    db = folder / "names.duckdb"
    bought = AS_OF - timedelta(days=40)
    for n, name in enumerate(names):
        order = f"111-0000000-{n:07d}"
        seller = Seller(folder / f"seller-{n}").order(order, bought)
        seller.rated(order, bought + timedelta(days=5), 1).load(db, account=name)
    return db


def sentence(html: str) -> str:
    """Return the error sentence a page or fragment shows."""
    found = re.search(r'<p class="sentence">(.*?)</p>', html, re.S)
    assert found, html
    return unescape(found.group(1))


def us_sections(html: str) -> list[str]:
    """Return the accounts whose US section the overview shows, in page order."""
    return re.findall(r'<section class="account" id="([^"]+)-US">', html)
