"""List the orders behind a metric: which orders hurt it, and the facts that say why."""

from __future__ import annotations

from datetime import date
from typing import Any

import ibis.expr.types as ir

from reinstate.engine.expressions import mfn_flags, mfn_orders, odr_orders
from reinstate.engine.runner import MFN_LOOKBACK_DAYS, Engine

# For rates where higher is better, the orders that hurt are the denominator's failures.
HIGHER_IS_BETTER = {"valid_tracking_rate", "on_time_delivery_rate"}


def orders_behind(
    engine: Engine, as_of: date, metric: str, channel: str, account: str, marketplace: str
) -> list[dict[str, Any]]:
    """Return one row per order counting against the metric, with its ASINs, SKUs and facts."""
    inputs = engine.inputs(as_of, (account,))
    table: ir.Table
    if metric == "order_defect_rate":
        t = odr_orders(inputs, engine.defect_rules, as_of, engine.odr_span(as_of))
        table = t.filter(t.defective & (t.channel == channel) & (t.marketplace == marketplace))
        table = table.select(
            "order_id",
            "purchase_day",
            "rating",
            "negative_feedback",
            "a_to_z_claim",
            "chargeback",
        )
    else:
        t = mfn_orders(inputs, as_of, MFN_LOOKBACK_DAYS)
        flags = mfn_flags(t, as_of, inputs.bounds)
        hurt = (
            flags[f"{metric}__den"] & ~flags[f"{metric}__num"]
            if metric in HIGHER_IS_BETTER
            else flags[f"{metric}__num"]
        )
        table = t.filter(hurt.fill_null(False) & (t.marketplace == marketplace)).select(
            "order_id",
            "purchase_day",
            "expected_ship_day",
            "ship_confirm_day",
            "cancelled_by",
            "cancelled_items",
            "valid_tracking",
            "promised_delivery_day",
            "delivered_day",
        )
    # Only the items of the orders listed (a few thousand of an account's millions) are grouped.
    items = inputs_items(engine, account).semi_join(table.select("order_id"), "order_id")
    grouped = items.group_by("order_id").aggregate(
        asins=items.asin.collect(distinct=True), skus=items.sku.collect(distinct=True)
    )
    joined = table.left_join(grouped, "order_id").order_by(["purchase_day", "order_id"])
    return list(joined.to_pyarrow().to_pylist())


def inputs_items(engine: Engine, account: str) -> ir.Table:
    """Return the order items of one account."""
    items = engine.backend.table("order_items")
    return items.filter(items.account == account)
