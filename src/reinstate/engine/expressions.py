"""The metric expressions, written once in Ibis over the canonical order-level tables.

Every window bound comes in as data (one row per marketplace in a `bounds` table), so the same
expression serves every marketplace rule and every backend. Rules followed, per issue #2 and
domain/amazon-account-health.md §1: ODR by purchase day over distinct orders, per channel; late
shipment by expected ship day (MFN, ship-confirmed by the as-of day); cancellations by purchase
day (MFN, seller or Amazon, partial included); tracking and delivery by promised delivery day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import ibis
import ibis.expr.types as ir

from reinstate.domain.health.metrics import METRIC_ORDER, MetricCatalogue
from reinstate.domain.health.report import DefectRules

KEYS = ["account", "order_id"]


def bound_name(metric: str, channel: str, end: str) -> str:
    """Return the bounds-table column for one end of one metric's window."""
    return f"{metric}__{channel}__{end}"


def bounds_table(
    catalogue: MetricCatalogue, marketplaces: tuple[str, ...], as_of: date
) -> dict[str, list[Any]]:
    """Return each marketplace's window bounds for every metric, as columns."""
    columns: dict[str, list[Any]] = {"b_marketplace": list(marketplaces)}
    for metric, channel in METRIC_ORDER:
        starts, ends = [], []
        for code in marketplaces:
            window = catalogue.rule(metric, channel, code).window(as_of)
            starts.append(window.start)
            ends.append(window.end)
        columns[bound_name(metric, channel, "start")] = starts
        columns[bound_name(metric, channel, "end")] = ends
    return columns


@dataclass(frozen=True, slots=True)
class Bounds:
    """Every metric's window: literal days where all marketplaces share the window, else columns.

    The rules usually give every marketplace the same window; then the bounds are constants in
    the query and no table is joined. A marketplace override puts that metric's bounds in a table
    (one row per marketplace, `bounds_table`) joined to the orders by marketplace.
    """

    fixed: dict[str, tuple[date, date]]
    table: ir.Table | None = None

    def between(self, value: ir.Value, t: ir.Table, metric: str, channel: str) -> ir.BooleanValue:
        """Return whether `value` falls in the metric's window (both ends included)."""
        key = f"{metric}__{channel}"
        if key in self.fixed:
            start, end = self.fixed[key]
            return value.between(start, end)
        return value.between(
            t[bound_name(metric, channel, "start")], t[bound_name(metric, channel, "end")]
        )

    def join(self, t: ir.Table) -> ir.Table:
        """Return `t` with the per-marketplace bound columns, when any metric needs them."""
        if self.table is None:
            return t
        return t.inner_join(self.table, t.marketplace == self.table.b_marketplace)


def fixed_windows(
    catalogue: MetricCatalogue, marketplaces: tuple[str, ...], as_of: date
) -> dict[str, tuple[date, date]]:
    """Return the windows that are the same in every marketplace, by `metric__channel`."""
    fixed: dict[str, tuple[date, date]] = {}
    for metric, channel in METRIC_ORDER:
        spans = set()
        for code in marketplaces:
            window = catalogue.rule(metric, channel, code).window(as_of)
            spans.add((window.start, window.end))
        if len(spans) == 1:
            fixed[f"{metric}__{channel}"] = spans.pop()
    return fixed


@dataclass(frozen=True, slots=True)
class Inputs:
    """The tables one health computation reads."""

    orders: ir.Table
    fulfilment: ir.Table
    feedback: ir.Table
    defects: ir.Table
    bounds: Bounds
    # Expected ship day by (marketplace, purchase day, handling days): calendar.expected_ship_days
    ship_days: ir.Table


def odr_orders(
    inputs: Inputs, rules: DefectRules, as_of: date, span: tuple[date, date]
) -> ir.Table:
    """Return one row per order in either ODR window, with its defect flags.

    `span` covers every marketplace's ODR window; filtering on it first lets the store skip
    the row groups no window touches.
    """
    o = inputs.orders.filter(inputs.orders.purchase_day.between(*span))
    b = inputs.bounds
    joined = b.join(o)
    in_window = ibis.ifelse(
        joined.channel == "mfn",
        b.between(joined.purchase_day, joined, "order_defect_rate", "mfn"),
        b.between(joined.purchase_day, joined, "order_defect_rate", "afn"),
    )
    orders = joined.filter(in_window).select(
        "account", "marketplace", "order_id", "channel", "purchase_day"
    )
    d = inputs.defects
    counted = rules.counting_outcomes
    dated = d.defect_day.notnull() & (d.defect_day <= as_of)
    flags = d.group_by(KEYS).aggregate(
        claim=(
            (d.defect_type == "a-to-z-claim") & d.outcome.isin(counted["a-to-z-claim"]) & dated
        ).any(),
        chargeback=(
            (d.defect_type == "chargeback") & d.outcome.isin(counted["chargeback"]) & dated
        ).any(),
        feedback_active=(
            (d.defect_type == "negative-feedback")
            & d.outcome.isin(counted["negative-feedback"])
            & dated
        ).any(),
        feedback_cleared=(
            (d.defect_type == "negative-feedback") & d.outcome.isin(rules.feedback_cleared_outcomes)
        ).any(),
    )
    f = inputs.feedback
    negative = f.filter(f.rating.isin(rules.negative_ratings) & (f.feedback_day <= as_of)).select(
        "account", "order_id", "rating", "feedback_day"
    )
    table = orders.left_join(flags, KEYS).left_join(negative, KEYS)
    negative_feedback = (
        table.rating.notnull() & ~table.feedback_cleared.fill_null(False)
    ) | table.feedback_active.fill_null(False)
    claim = table.claim.fill_null(False)
    chargeback = table.chargeback.fill_null(False)
    return table.select(
        "account",
        "marketplace",
        "order_id",
        "channel",
        "purchase_day",
        "rating",
        "feedback_day",
        negative_feedback=negative_feedback,
        a_to_z_claim=claim,
        chargeback=chargeback,
        defective=negative_feedback | claim | chargeback,
    )


def odr_counts(
    inputs: Inputs, rules: DefectRules, as_of: date, span: tuple[date, date]
) -> ir.Table:
    """Return ODR numerator, denominator and components per account, marketplace and channel."""
    t = odr_orders(inputs, rules, as_of, span)
    return t.group_by(["account", "marketplace", "channel"]).aggregate(
        denominator=t.count(),
        numerator=t.count(where=t.defective),
        negative_feedback=t.count(where=t.negative_feedback),
        a_to_z_claim=t.count(where=t.a_to_z_claim),
        chargeback=t.count(where=t.chargeback),
    )


def mfn_base(inputs: Inputs, first_purchase_day: date) -> ir.Table:
    """Return seller-fulfilled orders bought from `first_purchase_day` on, with their fulfilment
    events, expected ship day and whether they shipped late: everything that does not depend on
    the as-of day (the health run and the history share it)."""
    o = inputs.orders
    recent = o.filter((o.channel == "mfn") & (o.purchase_day >= first_purchase_day))
    base = inputs.bounds.join(recent)
    f = inputs.fulfilment.mutate(has_fulfilment=ibis.literal(True))
    base = base.left_join(f, KEYS)
    h = inputs.ship_days
    base = base.left_join(
        h,
        (base.marketplace == h.h_marketplace)
        & (base.purchase_day == h.h_purchase_day)
        & (base.handling_days == h.h_handling_days),
    ).drop("h_marketplace", "h_purchase_day", "h_handling_days")
    expected = base.latest_ship_day.coalesce(base.h_ship_day)
    late = ibis.ifelse(
        base.latest_ship_ts.notnull() & base.ship_confirm_ts.notnull(),
        base.ship_confirm_ts > base.latest_ship_ts,
        base.ship_confirm_day > expected,
    )
    return base.mutate(
        has_fulfilment=base.has_fulfilment.fill_null(False),
        expected_ship_day=expected,
        late=late.fill_null(False),
    )


def mfn_orders(inputs: Inputs, as_of: date, lookback_days: int) -> ir.Table:
    """Return seller-fulfilled orders with their fulfilment events and expected ship day."""
    base = mfn_base(inputs, as_of - timedelta(days=lookback_days))
    return base.mutate(confirmed=base.ship_confirm_day.notnull() & (base.ship_confirm_day <= as_of))


def mfn_flags(t: ir.Table, as_of: date, bounds: Bounds) -> dict[str, ir.BooleanValue]:
    """Return the per-order conditions every seller-fulfilled metric and caveat is counted from."""
    _between = bounds.between
    flags: dict[str, ir.BooleanValue] = {}
    for metric in ("late_shipment_rate_10d", "late_shipment_rate_30d"):
        window = _between(t.expected_ship_day, t, metric, "mfn")
        flags[f"{metric}__den"] = window & t.confirmed
        flags[f"{metric}__num"] = window & t.confirmed & t.late
        flags[f"{metric}__unconfirmed"] = window & ~t.confirmed & t.cancelled_by.isnull()
        flags[f"{metric}__no_expected"] = (
            _between(t.purchase_day, t, metric, "mfn") & t.expected_ship_day.isnull()
        )
    cancel_window = _between(t.purchase_day, t, "pre_fulfillment_cancel_rate", "mfn")
    by_seller = t.cancelled_by.isin(["seller", "amazon"]) & (
        t.cancel_day.isnull() | (t.cancel_day <= as_of)
    )
    from_report = (
        (t.cancelled_items > 0)
        & t.cancelled_by.isnull()
        & (t.last_updated_day.isnull() | (t.last_updated_day <= as_of))
    )
    flags["pre_fulfillment_cancel_rate__den"] = cancel_window
    flags["pre_fulfillment_cancel_rate__num"] = cancel_window & (by_seller | from_report)
    flags["pre_fulfillment_cancel_rate__unattributed"] = cancel_window & from_report
    flags["pre_fulfillment_cancel_rate__no_fulfilment"] = cancel_window & ~t.has_fulfilment
    promised = _between(t.promised_delivery_day, t, "valid_tracking_rate", "mfn")
    flags["valid_tracking_rate__den"] = promised & t.confirmed & t.valid_tracking.notnull()
    flags["valid_tracking_rate__num"] = promised & t.confirmed & t.valid_tracking.fill_null(False)
    flags["valid_tracking_rate__unknown"] = promised & t.confirmed & t.valid_tracking.isnull()
    on_time_window = _between(t.promised_delivery_day, t, "on_time_delivery_rate", "mfn")
    tracked = on_time_window & t.confirmed & t.valid_tracking.fill_null(False)
    delivered = (
        t.delivered_day.notnull()
        & (t.delivered_day <= t.promised_delivery_day)
        & (t.delivered_day <= as_of)
    )
    flags["on_time_delivery_rate__den"] = tracked
    flags["on_time_delivery_rate__num"] = tracked & delivered
    flags["on_time_delivery_rate__undelivered"] = tracked & t.delivered_day.isnull()
    return flags


def mfn_counts(inputs: Inputs, as_of: date, lookback_days: int) -> ir.Table:
    """Return every seller-fulfilled metric's counts per account and marketplace, in one pass."""
    t = mfn_orders(inputs, as_of, lookback_days)
    flags = mfn_flags(t, as_of, inputs.bounds)
    return t.group_by(["account", "marketplace"]).aggregate(
        **{name: t.count(where=condition) for name, condition in flags.items()}
    )
