"""Say, for one order behind a metric, why it counts against the seller."""

from __future__ import annotations

from datetime import date
from string import Formatter
from typing import Any

from reinstate.domain.health.report import ExplainedOrder, Note, Param

# Why one order counts, by code, in the words the user reads. Each template is also its message id
# in the `reinstate` catalogs (the web drill-down and `health --explain` word it in the reader's
# language); JSON and CSV keep the English. An order with several defects joins its reasons with
# REASON_SEPARATOR.
REASONS: dict[str, str] = {
    "negative_feedback_rated": "negative feedback ({rating}★)",
    "negative_feedback": "negative feedback",
    "a_to_z_claim": "A-to-z claim",
    "chargeback": "chargeback",
    "shipped_late": "due to ship by {expected_ship_day}, ship-confirmed {ship_confirm_day}",
    "cancelled_by_seller": "cancelled by the seller",
    "cancelled_by_amazon": "cancelled by Amazon",
    "cancelled_unattributed": (
        "cancelled item in the orders report; no fulfilment row says who cancelled"
    ),
    "tracking_not_valid": "tracking not valid (promised delivery {promised_delivery_day})",
    "not_delivered": "no delivery recorded; promised {promised_delivery_day}",
    "delivered_late": "delivered {delivered_day}, promised {promised_delivery_day}",
}


def _fields(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name)


def _value(value: object) -> str | int:
    # A day reads as YYYY-MM-DD (str of a date), a star rating as its number.
    return value if isinstance(value, int) and not isinstance(value, bool) else str(value)


def reason_note(code: str, **values: object) -> Note:
    """Return one reason an order counts (`code` is a key of REASONS), with its fields."""
    template = REASONS[code]
    if set(values) != _fields(template):
        raise ValueError(f"reason {code!r} takes {sorted(_fields(template))}")
    params: tuple[Param, ...] = tuple((name, _value(value)) for name, value in values.items())
    return Note(code, template, params)


def reasons(metric: str, row: dict[str, Any]) -> tuple[Note, ...]:
    """Return why this order counts against `metric`: one note, or one per defect."""
    if metric == "order_defect_rate":
        parts = []
        if row.get("negative_feedback"):
            rating = row.get("rating")
            parts.append(
                reason_note("negative_feedback_rated", rating=rating)
                if rating
                else reason_note("negative_feedback")
            )
        if row.get("a_to_z_claim"):
            parts.append(reason_note("a_to_z_claim"))
        if row.get("chargeback"):
            parts.append(reason_note("chargeback"))
        return tuple(parts)
    if metric.startswith("late_shipment_rate"):
        return (
            reason_note(
                "shipped_late",
                expected_ship_day=row["expected_ship_day"],
                ship_confirm_day=row["ship_confirm_day"],
            ),
        )
    promised = row.get("promised_delivery_day")
    if metric == "pre_fulfillment_cancel_rate":
        who = row.get("cancelled_by")
        if who in ("seller", "amazon"):
            return (reason_note(f"cancelled_by_{who}"),)
        return (reason_note("cancelled_unattributed"),)
    if metric == "valid_tracking_rate":
        return (reason_note("tracking_not_valid", promised_delivery_day=promised),)
    if row.get("delivered_day") is None:
        return (reason_note("not_delivered", promised_delivery_day=promised),)
    return (
        reason_note(
            "delivered_late", delivered_day=row["delivered_day"], promised_delivery_day=promised
        ),
    )


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
                reasons=reasons(metric, row),
            )
        )
    return out
