"""Say, for one order behind a metric, why it counts against the seller."""

from __future__ import annotations

from datetime import date
from typing import Any

from reinstate.domain.health import ExplainedOrder


def reason(metric: str, row: dict[str, Any]) -> str:
    """Return the sentence that says why this order counts against `metric`."""
    if metric == "order_defect_rate":
        parts = []
        if row.get("negative_feedback"):
            stars = f" ({row['rating']}★)" if row.get("rating") else ""
            parts.append(f"negative feedback{stars}")
        if row.get("a_to_z_claim"):
            parts.append("A-to-z claim")
        if row.get("chargeback"):
            parts.append("chargeback")
        return ", ".join(parts)
    if metric.startswith("late_shipment_rate"):
        return (
            f"due to ship by {row['expected_ship_day']}, ship-confirmed {row['ship_confirm_day']}"
        )
    if metric == "pre_fulfillment_cancel_rate":
        who = row.get("cancelled_by")
        if who in ("seller", "amazon"):
            return f"cancelled by {'the seller' if who == 'seller' else 'Amazon'}"
        return "cancelled item in the orders report; no fulfilment row says who cancelled"
    if metric == "valid_tracking_rate":
        return f"tracking not valid (promised delivery {row['promised_delivery_day']})"
    if row.get("delivered_day") is None:
        return f"no delivery recorded; promised {row['promised_delivery_day']}"
    return f"delivered {row['delivered_day']}, promised {row['promised_delivery_day']}"


def explained(metric: str, rows: list[dict[str, Any]]) -> list[ExplainedOrder]:
    """Return the orders behind a metric as domain objects, in purchase-day order."""
    out = []
    for row in rows:
        day = row["purchase_day"]
        out.append(
            ExplainedOrder(
                order_id=str(row["order_id"]),
                day=day if isinstance(day, date) else date.fromisoformat(str(day)),
                asins=tuple(sorted(a for a in row.get("asins") or [] if a)),
                skus=tuple(sorted(s for s in row.get("skus") or [] if s)),
                reason=reason(metric, row),
            )
        )
    return out
