"""Reinstate's own files for one account: fulfilment events (MFN) and defect outcomes.

The formats are documented in docs/file-formats.md; the column names come from
`rules/report_headers.toml`.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from reinstate.demo import text
from reinstate.demo.amazon_reports import order_ids
from reinstate.demo.catalog import CARRIERS
from reinstate.demo.clock import DAY
from reinstate.demo.defects import DEFECT_TYPES, FEEDBACK, MarketplaceDefects
from reinstate.demo.orders import CANCELLED_BY, NONE, TRACKING_VALID, MarketplaceOrders
from reinstate.rules import load_toml


def fulfilment_header() -> list[str]:
    """Return the fulfilment events header, in the rule file's column order."""
    return list(load_toml("report_headers.toml")["fulfilment"]["columns"])


def defects_header() -> list[str]:
    """Return the defect outcomes header, in the rule file's column order."""
    return list(load_toml("report_headers.toml")["defects"]["columns"])


def fulfilment_table(orders: MarketplaceOrders, seed: int) -> pa.Table:
    """Return one row per MFN order that has fulfilment events (timestamps in local time)."""
    rows = np.flatnonzero(orders.has_fulfilment_row)
    clock = orders.clock
    confirmed = orders.confirmed[rows]
    cancelled = orders.cancelled_by[rows] > 0
    shipping = ~orders.cancelled_fully[rows]
    latest = orders.has_latest_ship_date[rows] & shipping
    expected = orders.expected_ship_day[rows]
    tracking_number = (orders.order_number[rows] * 982_451_653 + seed * 7) % 10**12
    valid = np.where(orders.tracking[rows] == TRACKING_VALID, 0, 1)
    known = confirmed & (orders.tracking[rows] != 0)
    delivered = orders.delivered_day[rows]
    carriers = CARRIERS[orders.plan.code]
    columns = [
        order_ids(orders, seed).take(pa.array(rows)),
        text.blank_unless(
            latest,
            text.iso_instants(clock.to_utc(expected, np.full_like(expected, DAY - 1)), clock),
        ),
        text.blank_unless(~latest & shipping, text.integers(orders.handling_days[rows])),
        text.blank_unless(confirmed, text.iso_instants(orders.confirm_utc[rows], clock)),
        text.blank_unless(confirmed, text.pick(carriers, orders.carrier[rows])),
        text.blank_unless(confirmed, text.integers(tracking_number, 12)),
        text.blank_unless(known, text.pick(["Y", "N"], valid)),
        text.blank_unless(shipping, text.iso_dates(orders.promised_day[rows])),
        text.blank_unless(delivered != NONE, text.iso_dates(delivered)),
        text.pick(CANCELLED_BY, orders.cancelled_by[rows]),
        text.blank_unless(cancelled, text.iso_instants(orders.cancel_utc[rows], clock)),
    ]
    return text.table(columns)


def defects_table(orders: MarketplaceOrders, defects: MarketplaceDefects, seed: int) -> pa.Table:
    """Return the claims, chargebacks and feedback outcomes of these orders, by date."""
    ids = order_ids(orders, seed)
    parts: list[pa.Table] = []
    for name in DEFECT_TYPES:
        kind = defects.kinds[name]
        written = kind.has
        if name == FEEDBACK:
            # Active negative feedback is in the feedback report; the file adds only some.
            written = kind.has & ((kind.outcome != 0) | defects.active_row)
        rows = np.flatnonzero(written)
        rows = rows[np.lexsort((rows, kind.day[rows]))]
        parts.append(
            text.table(
                [
                    ids.take(pa.array(rows)),
                    text.constant(name, len(rows)),
                    text.iso_dates(kind.day[rows]),
                    text.pick(kind.outcomes, kind.outcome[rows]),
                ]
            )
        )
    return pa.concat_tables(parts)
