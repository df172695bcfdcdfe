"""The counted orders of every metric, broken down by dimension, for the root-cause ranking.

Which orders a metric counts, and which of them hurt it, come from the health expressions
themselves (`odr_orders`, `mfn_orders`, `mfn_flags`), never from a second definition. The orders
of every metric entry are put in one temporary table (the population); each dimension is then one
grouping of that table, so the joins run once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
    # Groups whose defect rate is at most the entry's: counted as tested, not listed.
    others: dict[EntryKey, int] = field(default_factory=dict)
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


Wanted = tuple[EntryKey, str, tuple[str, ...]]  # entry, dimension, values whose ids are asked
Chooser = Callable[["CauseData"], Iterable[Wanted]]


def cause_data(
    engine: Engine,
    as_of: date,
    accounts: tuple[str, ...] | None,
    metrics: tuple[str, ...],
    choose: Chooser,
) -> tuple[CauseData, dict[tuple[EntryKey, str, str], tuple[str, ...]]]:
    """Count every entry's orders and defects by each dimension, in one materialised table.

    `choose` ranks the counts and names the groups it keeps; only their defective orders' ids
    are then read, so the ids of the many groups that are no cause never leave the database.
    """
    inputs = engine.inputs(as_of, accounts)
    parts = []
    if "order_defect_rate" in metrics:
        parts.append(_odr_population(engine, inputs, as_of))
    mfn = _mfn_population(inputs, as_of, [m for m in MFN_METRICS if m in metrics])
    if mfn is not None:
        parts.append(mfn)
    data = CauseData()
    if not parts:
        return data, {}
    population = ibis.union(*parts) if len(parts) > 1 else parts[0]
    # Narrow columns only (small integers, a date): the table is written once, read many times.
    population = population.select(
        *ENTRY,
        "order_id",
        "defect",
        "carrier",
        comments=population.comments.notnull(),
        handling_promised=population.handling_days.cast("int16"),
        days_to_ship=population.ship_confirm_day.delta(population.purchase_day, unit="day").cast(
            "int16"
        ),
        weekday=population.day.day_of_week.index().cast("int8"),
        period=population.day.truncate("W").cast("date"),
    )
    name = f"reinstate_cause_population_{next(_TEMP_NAMES)}"
    table = engine.backend.create_table(name, population, temp=True, overwrite=True)
    try:
        _collect(engine, table, data)
        ids = _order_ids(engine, table, list(choose(data)))
    finally:
        engine.backend.drop_table(name, force=True)
    return data, ids


ENTRY = ["account", "marketplace", "metric", "channel"]


def _key(row: dict[str, Any]) -> EntryKey:
    return (row["account"], row["marketplace"], row["metric"], row["channel"])


def _values(engine: Engine, t: ir.Table, dimension: str) -> ir.Table:
    """Return (entry, order_id, defect, value) of one dimension; ASIN and SKU from the items."""
    if dimension in ITEM_DIMENSIONS:
        items = engine.backend.table("order_items")
        pairs = items.select("account", "order_id", value=items[dimension]).distinct()
        source = t.select(*ENTRY, "order_id", "defect").inner_join(pairs, KEYS)
    else:
        source = t.select(*ENTRY, "order_id", "defect", value=t[dimension])
    return source.filter(source.value.notnull())


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _shown(dimension: str, value: Any) -> str:
    """Return a stored dimension value as the cause names it (weekday names, ISO dates)."""
    if dimension == "weekday":
        return WEEKDAYS[int(value)]
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _stored(dimension: str, value: str) -> Any:
    """Return the stored form of a value `_shown` names."""
    if dimension == "weekday":
        return WEEKDAYS.index(value)
    if dimension == "period":
        return date.fromisoformat(value)
    if dimension in ("handling_promised", "days_to_ship"):
        return int(value)
    return value


def _columns(table: ir.Table) -> list[dict[str, Any]]:
    arrow = table.to_pyarrow()
    columns = {name: arrow.column(name).to_pylist() for name in arrow.column_names}
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def _collect(engine: Engine, t: ir.Table, data: CauseData) -> None:
    totals = t.group_by(ENTRY).aggregate(
        total_orders=t.count(), total_defects=t.count(where=t.defect)
    )
    for row in _columns(totals):
        data.totals[_key(row)] = (row["total_defects"], row["total_orders"])
    for dimension in DIMENSIONS:
        source = _values(engine, t, dimension)
        skipped = sorted(m for m, d in TAUTOLOGIES if d == dimension)
        if skipped:
            source = source.filter(~source.metric.isin(skipped))
        counted = source.group_by([*ENTRY, "value"]).aggregate(
            orders=source.count(), defects=source.count(where=source.defect)
        )
        for row in _columns(counted):
            key = _key(row)
            row["value"] = _shown(dimension, row["value"])
            defects, orders = data.totals[key]
            # Only a group whose defect rate beats the entry's can be a cause; its p-value is
            # near 0.5 or more otherwise. Such groups still count as tested (`others`).
            if row["defects"] * orders > row["orders"] * defects:
                data.groups.setdefault(key, []).append(
                    Group(dimension, row["value"], row["defects"], row["orders"])
                )
            else:
                data.others[key] = data.others.get(key, 0) + 1
    texts = t.filter(t.defect & t.comments & (t.metric == "order_defect_rate"))
    feedback = engine.backend.table("feedback").select("account", "order_id", "comments", "rating")
    texts = texts.select(*ENTRY, "order_id").inner_join(feedback, KEYS)
    for row in _columns(texts.select(*ENTRY, "order_id", "comments", "rating")):
        data.texts.setdefault(_key(row), []).append(
            (row["order_id"], row["comments"], row["rating"] or 0)
        )


def _order_ids(
    engine: Engine, t: ir.Table, wanted: list[Wanted]
) -> dict[tuple[EntryKey, str, str], tuple[str, ...]]:
    """Return the defective orders of each wanted group, by (entry, dimension, value)."""
    found: dict[tuple[EntryKey, str, str], list[str]] = {}
    by_dimension: dict[str, set[str]] = {}
    for _entry, dimension, values in wanted:
        by_dimension.setdefault(dimension, set()).update(values)
    asked = {(entry, dimension, value) for entry, dimension, values in wanted for value in values}
    for dimension, names in sorted(by_dimension.items()):
        source = _values(engine, t, dimension)
        stored = sorted(_stored(dimension, name) for name in names)
        rows = source.filter(source.defect & source.value.isin(stored))
        for row in _columns(rows.select(*ENTRY, "order_id", "value").order_by("order_id")):
            key = (_key(row), dimension, _shown(dimension, row["value"]))
            if key in asked:
                found.setdefault(key, []).append(row["order_id"])
    return {k: tuple(v) for k, v in found.items()}
