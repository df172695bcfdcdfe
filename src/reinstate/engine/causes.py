"""The counted orders of every metric, broken down by dimension, for the root-cause ranking.

Which orders a metric counts, and which of them hurt it, come from the health expressions
themselves (`odr_orders`, `mfn_orders`, `mfn_flags`), never from a second definition. The orders
of every metric entry are put in one temporary table (the population); each dimension is then one
grouping of that table, so the joins run once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import count
from typing import Any

import ibis
import ibis.expr.types as ir

from reinstate.domain.causes import Group
from reinstate.engine.explain import HIGHER_IS_BETTER
from reinstate.engine.expressions import KEYS, mfn_flags, mfn_orders, odr_orders
from reinstate.engine.runner import MFN_LOOKBACK_DAYS, Engine

EntryKey = tuple[str, str, str, str]  # account, marketplace, metric, channel

# The day each metric's orders are placed by (the day its window is counted on).
METRIC_DAY = {
    "late_shipment_rate_10d": "expected_ship_day",
    "late_shipment_rate_30d": "expected_ship_day",
    "pre_fulfillment_cancel_rate": "purchase_day",
    "valid_tracking_rate": "promised_delivery_day",
    "on_time_delivery_rate": "promised_delivery_day",
}
MFN_METRICS = tuple(METRIC_DAY)
# Dimensions read from the population's own columns; ASIN and SKU come from the order items.
COLUMN_DIMENSIONS = ("carrier", "handling_promised", "days_to_ship", "weekday", "period")
ITEM_DIMENSIONS = ("asin", "sku")
DIMENSIONS = (*ITEM_DIMENSIONS, *COLUMN_DIMENSIONS)
# Dimensions that would only restate a metric's own definition: a late shipment is one shipped
# after its promise, so the days it took to ship cannot be its cause.
TAUTOLOGIES = {
    ("late_shipment_rate_10d", "days_to_ship"),
    ("late_shipment_rate_30d", "days_to_ship"),
    ("pre_fulfillment_cancel_rate", "days_to_ship"),
}
_TEMP_NAMES = count()


@dataclass(slots=True)
class CauseData:
    """Per metric entry: its totals, its groups, and the complaint texts of its defects."""

    totals: dict[EntryKey, tuple[int, int]] = field(default_factory=dict)  # defects, orders
    groups: dict[EntryKey, list[Group]] = field(default_factory=dict)
    texts: dict[EntryKey, list[tuple[str, str, int]]] = field(default_factory=dict)


def _odr_population(engine: Engine, inputs: Any, as_of: date) -> ir.Table:
    t = odr_orders(inputs, engine.defect_rules, as_of, engine.odr_span(as_of))
    f = inputs.fulfilment.select(
        "account", "order_id", "carrier", "handling_days", "ship_confirm_day"
    )
    fb = inputs.feedback.select("account", "order_id", comments=inputs.feedback.comments)
    t = t.left_join(f, KEYS).left_join(fb, KEYS)
    return t.select(
        "account",
        "marketplace",
        "order_id",
        metric=ibis.literal("order_defect_rate"),
        channel=t.channel,
        defect=t.defective,
        day=t.purchase_day,
        purchase_day=t.purchase_day,
        carrier=t.carrier,
        handling_days=t.handling_days,
        ship_confirm_day=t.ship_confirm_day,
        comments=t.comments,
        rating=t.rating.cast("int64"),
    )


def _mfn_population(inputs: Any, as_of: date, metrics: Iterable[str]) -> ir.Table | None:
    t = mfn_orders(inputs, as_of, MFN_LOOKBACK_DAYS)
    flags = mfn_flags(t, as_of, inputs.bounds)
    parts = []
    for metric in metrics:
        counted = flags[f"{metric}__den"]
        hurt = (
            counted & ~flags[f"{metric}__num"]
            if metric in HIGHER_IS_BETTER
            else flags[f"{metric}__num"]
        )
        part = t.filter(counted.fill_null(False))
        parts.append(
            part.select(
                "account",
                "marketplace",
                "order_id",
                metric=ibis.literal(metric),
                channel=ibis.literal("mfn"),
                defect=hurt.fill_null(False),
                day=part[METRIC_DAY[metric]],
                purchase_day=part.purchase_day,
                carrier=part.carrier,
                handling_days=part.handling_days,
                ship_confirm_day=part.ship_confirm_day,
                comments=ibis.null().cast("string"),
                rating=ibis.null().cast("int64"),
            )
        )
    if not parts:
        return None
    return ibis.union(*parts) if len(parts) > 1 else parts[0]


def cause_data(
    engine: Engine, as_of: date, accounts: tuple[str, ...] | None, metrics: tuple[str, ...]
) -> CauseData:
    """Count every entry's orders and defects by each dimension, in one materialised table."""
    inputs = engine.inputs(as_of, accounts)
    parts = []
    if "order_defect_rate" in metrics:
        parts.append(_odr_population(engine, inputs, as_of))
    mfn = _mfn_population(inputs, as_of, [m for m in MFN_METRICS if m in metrics])
    if mfn is not None:
        parts.append(mfn)
    data = CauseData()
    if not parts:
        return data
    population = ibis.union(*parts) if len(parts) > 1 else parts[0]
    population = population.mutate(
        handling_promised=population.handling_days.cast("string"),
        days_to_ship=population.ship_confirm_day.delta(population.purchase_day, unit="day").cast(
            "string"
        ),
        weekday=population.day.day_of_week.full_name(),
        period=population.day.truncate("W").cast("date").cast("string"),
    )
    name = f"reinstate_cause_population_{next(_TEMP_NAMES)}"
    table = engine.backend.create_table(name, population, temp=True, overwrite=True)
    try:
        _collect(engine, table, data)
    finally:
        engine.backend.drop_table(name, force=True)
    return data


ENTRY = ["account", "marketplace", "metric", "channel"]


def _key(row: dict[str, Any]) -> EntryKey:
    return (row["account"], row["marketplace"], row["metric"], row["channel"])


def _collect(engine: Engine, t: ir.Table, data: CauseData) -> None:
    totals = t.group_by(ENTRY).aggregate(orders=t.count(), defects=t.count(where=t.defect))
    for row in totals.to_pyarrow().to_pylist():
        data.totals[_key(row)] = (row["defects"], row["orders"])
    items = engine.backend.table("order_items")
    items = items.filter(items.asin.notnull() | items.sku.notnull())
    per_item = t.select(*ENTRY, "order_id", "defect")
    for dimension in DIMENSIONS:
        if dimension in ITEM_DIMENSIONS:
            pairs = items.select("account", "order_id", value=items[dimension]).distinct()
            source = per_item.inner_join(pairs, KEYS)
        else:
            source = t.select(*ENTRY, "order_id", "defect", value=t[dimension])
        source = source.filter(source.value.notnull())
        grouped = source.group_by([*ENTRY, "value"]).aggregate(
            orders=source.count(),
            defects=source.count(where=source.defect),
            ids=source.order_id.collect(where=source.defect),
        )
        for row in grouped.to_pyarrow().to_pylist():
            if (row["metric"], dimension) in TAUTOLOGIES:
                continue
            data.groups.setdefault(_key(row), []).append(
                Group(
                    dimension,
                    str(row["value"]),
                    row["defects"],
                    row["orders"],
                    tuple(row["ids"] or ()),
                )
            )
    texts = t.filter(t.defect & t.comments.notnull() & (t.metric == "order_defect_rate"))
    for row in texts.select(*ENTRY, "order_id", "comments", "rating").to_pyarrow().to_pylist():
        data.texts.setdefault(_key(row), []).append(
            (row["order_id"], row["comments"], row["rating"] or 0)
        )
