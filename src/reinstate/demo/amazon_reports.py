"""Amazon's own files for one account on one marketplace: All Orders and Seller Feedback.

Header names come from `rules/report_headers.toml`, so the importer reads exactly what is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from reinstate.demo import text
from reinstate.demo.catalog import (
    CATALOGUE_LANGUAGE,
    COMMENTS,
    COUNTRY,
    CURRENCY,
    PLACES,
    PRODUCTS,
    SHIP_SERVICE_LEVELS,
    TAX_RATE,
    WRONG_SIZE_COMMENTS,
    YES_NO,
)
from reinstate.demo.clock import DAY, IntArray
from reinstate.demo.defects import MarketplaceDefects, wrong_size_orders
from reinstate.demo.orders import NONE, MarketplaceOrders
from reinstate.demo.plan import ODR_NEAR_LINE
from reinstate.rules import load_toml

ORDER_COLUMNS: tuple[str, ...] = (
    "amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
    "fulfillment-channel", "sales-channel", "order-channel", "url", "ship-service-level",
    "product-name", "sku", "asin", "item-status", "quantity", "currency", "item-price",
    "item-tax", "shipping-price", "shipping-tax", "gift-wrap-price", "gift-wrap-tax",
    "item-promotion-discount", "ship-promotion-discount", "ship-city", "ship-state",
    "ship-postal-code", "ship-country", "promotion-ids", "is-business-order",
    "purchase-order-number", "price-designation",
)  # fmt: skip
LEGACY_COLUMN_COUNT = 29
EXTRA_COLUMN = "signature-confirmation-recommended"
FEEDBACK_6 = ("date", "rating", "comments", "response", "order-id", "rater-email")
FEEDBACK_9 = (
    "date", "rating", "comments", "response", "arrived-on-time", "item-as-described",
    "customer-service", "order-id", "rater-email",
)  # fmt: skip

# Order ID prefixes Amazon uses per region (the first three digits of `NNN-NNNNNNN-NNNNNNN`).
ID_PREFIXES = {"NA": ("111", "112", "113", "114"), "EU": ("026", "028", "302", "303", "304", "305")}
JP_ID_PREFIXES = ("249", "250", "503")
ORDER_STATUSES = ("Pending", "Unshipped", "Shipped", "Cancelled")
PENDING, UNSHIPPED, SHIPPED, CANCELLED = range(4)
SLICE_ROWS = 250_000


@cache
def _headers() -> dict[str, Any]:
    return load_toml("report_headers.toml")


def header_name(kind: str, column: str, language: str) -> str:
    """Return a column's header title in `language` (its first spelling), English if none."""
    names = _headers()[kind]["columns"].get(column, {})
    spelled = names.get(language) or names.get("en") or [column]
    return str(spelled[0])


def localized_value(table: str, value: str, language: str) -> str:
    """Return the Japanese spelling of an orders-report value when writing a Japanese file."""
    if language != "ja":
        return value
    spellings = _headers()["all_orders"]["values"][table].get(value, [value])
    japanese = [s for s in spellings if not s.isascii()]
    return str(japanese[0]) if japanese else value


def order_ids(orders: MarketplaceOrders, seed: int) -> pa.Array:
    """Return each order's `amazon-order-id`, unique across the dataset."""
    return amazon_order_ids(orders.order_number, orders.plan.code, seed)


def amazon_order_ids(numbers: IntArray, code: str, seed: int) -> pa.Array:
    """Return `NNN-NNNNNNN-NNNNNNN` ids; the middle part is a bijection of the order number."""
    block = 10_000_000
    middle = (numbers * 7_919_413 + seed * 7_777_777 + 1_234_567) % block
    last = ((numbers // block) * 2_718_281 + middle * 7 + seed * 31 + 4_207_113) % block
    prefixes = JP_ID_PREFIXES if code == "JP" else ID_PREFIXES["NA" if code in "USCA" else "EU"]
    prefix = text.pick(prefixes, numbers % len(prefixes))
    return text.join([prefix, text.integers(middle, 7), text.integers(last, 7)], "-")


def asin(language: str, product: int) -> str:
    """Return a stable, made-up ASIN for a catalogue product."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    value = (hash_text(language) * 31 + product * 977) % (len(alphabet) ** 8)
    chars = []
    for _ in range(8):
        value, rest = divmod(value, len(alphabet))
        chars.append(alphabet[rest])
    return "B0" + "".join(chars)


def hash_text(value: str) -> int:
    """Return a stable small hash of text (Python's own hash is salted per process)."""
    result = 17
    for char in value:
        result = (result * 131 + ord(char)) % 1_000_000_007
    return result


def order_status(orders: MarketplaceOrders) -> IntArray:
    """Return each order's status code."""
    status = np.where(orders.confirmed, SHIPPED, UNSHIPPED)
    status[orders.pending] = PENDING
    status[orders.cancelled_fully] = CANCELLED
    return status


def orders_header(orders: MarketplaceOrders) -> list[str]:
    """Return the orders report header for this marketplace's file."""
    plan = orders.plan
    columns = ORDER_COLUMNS[:LEGACY_COLUMN_COUNT] if plan.legacy_columns else ORDER_COLUMNS
    names = [header_name("all_orders", c, plan.header_language) for c in columns]
    return [*names, EXTRA_COLUMN] if plan.extra_column else names


def orders_tables(orders: MarketplaceOrders, seed: int, non_amazon: int) -> Iterator[pa.Table]:
    """Yield the orders report rows (one per item), a slice at a time, then Non-Amazon rows."""
    plan = orders.plan
    language = plan.header_language
    catalogue = CATALOGUE_LANGUAGE[plan.code]
    products = PRODUCTS[catalogue]
    currency, decimals = CURRENCY[plan.code]
    places = PLACES[plan.code]
    ids = order_ids(orders, seed)
    status = order_status(orders)
    status_labels = [localized_value("status", s, language) for s in ORDER_STATUSES]
    last_updated = np.maximum.reduce(
        [orders.purchase_utc + 900, orders.confirm_utc + 60, orders.cancel_utc + 120]
    )
    business = (orders.order_number * 2_654_435_761 % 1000) < 30
    sku_prefix = "".join(w[0] for w in orders.account.name.split("-")).upper()
    skus = [f"{sku_prefix}-{plan.code}-{i:04d}" for i in range(len(products))]
    asins = [asin(catalogue, i) for i in range(len(products))]
    prices = np.array([p[1] for p in products], dtype=np.int64)
    channel = [
        localized_value("fulfillment-channel", "Merchant", "en"),
        localized_value("fulfillment-channel", "Amazon", "en"),
    ]
    sales_channel = plan.marketplace.sales_channel
    width = len(orders_header(orders))
    total = len(orders.item_order)
    for start in range(0, total, SLICE_ROWS):
        o = orders.item_order[start : start + SLICE_ROWS]
        n = len(o)
        item_cancelled = orders.item_cancelled[start : start + SLICE_ROWS]
        item_status = np.where(item_cancelled, CANCELLED, status[o])
        item_status = np.where((status[o] == CANCELLED) | item_cancelled, CANCELLED, item_status)
        product = orders.product[start : start + SLICE_ROWS]
        quantity = orders.quantity[start : start + SLICE_ROWS]
        priced = ~item_cancelled & (status[o] != PENDING)
        price = prices[product] * quantity
        tax = np.rint(price * TAX_RATE[plan.code]).astype(np.int64)
        mfn = ~orders.afn[o]
        shipping = np.where(mfn & (orders.service_level[o] > 0), 499 if decimals else 500, 0)
        place = orders.place[o]
        columns = [
            ids.take(pa.array(o)),
            text.constant("", n),
            text.iso_instants(orders.purchase_utc[o], orders.clock if language == "ja" else None),
            text.iso_instants(last_updated[o], orders.clock if language == "ja" else None),
            text.pick(status_labels, status[o]),
            text.pick(channel, orders.afn[o].astype(np.int64)),
            text.constant(sales_channel, n),
            text.constant("", n),
            text.constant("", n),
            text.pick(SHIP_SERVICE_LEVELS, orders.service_level[o]),
            text.pick([p[0] for p in products], product),
            text.pick(skus, product),
            text.pick(asins, product),
            text.pick(status_labels, item_status),
            text.integers(quantity),
            text.constant(currency, n),
            text.blank_unless(priced, text.money(price, decimals)),
            text.blank_unless(priced, text.money(tax, decimals)),
            text.blank_unless(priced, text.money(shipping, decimals)),
            text.blank_unless(
                priced, text.money(np.rint(shipping * 0.1).astype(np.int64), decimals)
            ),
            text.constant("", n),
            text.constant("", n),
            text.blank_unless(priced, text.money(np.zeros(n, dtype=np.int64), decimals)),
            text.blank_unless(priced, text.money(-shipping, decimals)),
            text.pick([p.city for p in places], place),
            text.pick([p.state for p in places], place),
            text.pick([p.postal_code for p in places], place),
            text.constant(COUNTRY[plan.code], n),
            text.constant("", n),
            text.pick(["false", "true"], business[o].astype(np.int64)),
            text.constant("", n),
            text.pick(["", "BusinessPrice"], business[o].astype(np.int64)),
            text.constant("false", n),
        ]
        columns = columns[:LEGACY_COLUMN_COUNT] if plan.legacy_columns else columns
        yield text.table(columns[:width])
    if non_amazon:
        yield _non_amazon_rows(orders, non_amazon, width, skus, asins, products, decimals)


def _non_amazon_rows(
    orders: MarketplaceOrders,
    count: int,
    width: int,
    skus: list[str],
    asins: list[str],
    products: tuple[tuple[str, int], ...],
    decimals: int,
) -> pa.Table:
    """Multi-channel fulfilment orders (sold elsewhere, shipped by FBA): not marketplace orders."""
    plan = orders.plan
    numbers = orders.order_number[:count]
    purchase = orders.purchase_utc[:count]
    block = 10_000_000
    middle = (numbers * 3_333_331 + 99) % block
    ids = text.join(["S01", text.integers(middle, 7), text.integers(middle * 3 % block, 7)], "-")
    product = numbers % len(products)
    shipped = localized_value("status", "Shipped", plan.header_language)
    clock = orders.clock if plan.header_language == "ja" else None
    row = {
        0: ids,
        2: text.iso_instants(purchase, clock),
        3: text.iso_instants(purchase + DAY, clock),
        4: text.constant(shipped, count),
        5: text.constant("Amazon", count),
        6: text.constant("Non-Amazon", count),
        9: text.constant("Standard", count),
        10: text.pick([p[0] for p in products], product),
        11: text.pick(skus, product),
        12: text.pick(asins, product),
        13: text.constant(shipped, count),
        14: text.constant("1", count),
        15: text.constant(CURRENCY[plan.code][0], count),
        27: text.constant(COUNTRY[plan.code], count),
        29: text.constant("false", count),
    }
    empty = text.constant("", count)
    return text.table([row.get(i, empty) for i in range(width)])


def feedback_header(orders: MarketplaceOrders) -> list[str]:
    """Return the feedback report header in the marketplace's report language."""
    form = orders.plan.feedback
    columns = FEEDBACK_9 if form.nine_columns else FEEDBACK_6
    return [header_name("feedback", c, form.language) for c in columns]


def feedback_table(orders: MarketplaceOrders, defects: MarketplaceDefects, seed: int) -> pa.Table:
    """Return the 1-3 star feedback rows, newest first, as Amazon lists them."""
    form = orders.plan.feedback
    rows = np.flatnonzero(defects.rating > 0)
    rows = rows[np.lexsort((rows, -defects.feedback_day[rows]))]
    n = len(rows)
    rating = defects.rating[rows]
    negative, neutral = COMMENTS[form.language]
    number = orders.order_number[rows]
    comment = np.where(rating == 3, len(negative) + number % len(neutral), number % len(negative))
    comments = text.pick([*negative, *neutral], comment)
    if orders.plan.story == ODR_NEAR_LINE:
        planted = wrong_size_orders(orders)[rows] & (rating < 3)
        sized = text.pick(WRONG_SIZE_COMMENTS, number % len(WRONG_SIZE_COMMENTS))
        comments = pc.if_else(pa.array(planted, pa.bool_()), sized, comments)
    yes, no = YES_NO[form.language]
    late = orders.late[rows] | (orders.delivered_day[rows] == NONE)
    email_number = (orders.order_number[rows] * 48_271 + seed) % 1_000_000
    columns = {
        "date": text.local_dates(
            defects.feedback_day[rows], form.date_order, form.separator, form.two_digit_year
        ),
        "rating": text.integers(rating),
        "comments": comments,
        "response": text.constant("", n),
        "arrived-on-time": text.pick([yes, no], late.astype(np.int64)),
        "item-as-described": text.pick([yes, no], (rating == 1).astype(np.int64)),
        "customer-service": text.pick(["", no], (rating == 1).astype(np.int64)),
        "order-id": order_ids(orders, seed).take(pa.array(rows)),
        "rater-email": text.join(["buyer", text.integers(email_number), "@example.invalid"]),
    }
    names = FEEDBACK_9 if form.nine_columns else FEEDBACK_6
    return text.table([columns[c] for c in names])
