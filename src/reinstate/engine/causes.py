"""The counted orders of every metric, broken down by dimension, for the root-cause ranking.

Which orders a metric counts, and which of them hurt it, come from the health expressions
themselves (`odr_orders`, `mfn_orders`, `mfn_flags`), never from a second definition. The orders
of every metric entry are put in one temporary table (the population); each dimension is then one
grouping of that table, so the joins run once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.compute as pc
from ibis import _

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


@dataclass(slots=True)
class CauseData:
    """Per metric entry: its totals, its groups, and the complaint texts of its defects."""

    totals: dict[EntryKey, tuple[int, int]] = field(default_factory=dict)  # defects, orders
    groups: dict[EntryKey, list[Group]] = field(default_factory=dict)
    # Groups whose defect rate is at most the entry's: counted as tested, not listed.
    others: dict[EntryKey, int] = field(default_factory=dict)
    texts: dict[EntryKey, list[tuple[str, str, int]]] = field(default_factory=dict)


DAY_COLUMNS = tuple(sorted(set(METRIC_DAY.values())))


def _derived(t: ir.Table, days: dict[str, ir.Value]) -> dict[str, ir.Value]:
    """Return the narrow dimension columns (small integers, dates) read from one order."""
    columns: dict[str, ir.Value] = {
        "handling_promised": t.handling_days.cast("int16"),
        "days_to_ship": t.ship_confirm_day.delta(t.purchase_day, unit="day").cast("int16"),
    }
    for name, day in days.items():
        columns[f"weekday{name}"] = day.day_of_week.index().cast("int8")
        columns[f"period{name}"] = day.truncate("W").cast("date")
    return columns


def _odr_population(engine: Engine, inputs: Any, as_of: date) -> ir.Table:
    """Return one row per order of either ODR window, its defect and its dimension columns."""
    t = odr_orders(inputs, engine.defect_rules, as_of, engine.odr_span(as_of))
    f = inputs.fulfilment.select(
        "account", "order_id", "carrier", "handling_days", "ship_confirm_day"
    )
    fb = inputs.feedback.select("account", "order_id", "comments")
    t = t.left_join(f, KEYS).left_join(fb, KEYS)
    return t.select(
        "account",
        "marketplace",
        "channel",
        "order_id",
        "carrier",
        defect=t.defective,
        comments=t.comments.notnull(),
        **_derived(t, {"": t.purchase_day}),
    )


def _mfn_population(inputs: Any, as_of: date, metrics: Iterable[str]) -> ir.Table | None:
    """Return one row per seller-fulfilled order any of `metrics` counts, with a flag pair each.

    One row per order, not one per metric: the joins behind the flags run once.
    """
    wanted = list(metrics)
    if not wanted:
        return None
    t = mfn_orders(inputs, as_of, MFN_LOOKBACK_DAYS)
    flags = mfn_flags(t, as_of, inputs.bounds)
    pairs: dict[str, ir.Value] = {}
    for metric in wanted:
        counted = flags[f"{metric}__den"].fill_null(False)
        hurt = (
            counted & ~flags[f"{metric}__num"]
            if metric in HIGHER_IS_BETTER
            else flags[f"{metric}__num"]
        )
        pairs[f"counted__{metric}"] = counted
        pairs[f"hurt__{metric}"] = hurt.fill_null(False)
    any_counted = ibis.or_(*(pairs[f"counted__{m}"] for m in wanted))
    t = t.mutate(**pairs).filter(any_counted)
    days = {f"_{c}": t[c] for c in DAY_COLUMNS}
    return t.select(
        "account",
        "marketplace",
        "order_id",
        "carrier",
        *pairs,
        **_derived(t, days),
    )


Wanted = tuple[EntryKey, str, tuple[str, ...]]  # entry, dimension, values whose ids are asked
Chooser = Callable[["CauseData"], Iterable[Wanted]]


def _items(engine: Engine, population: _Population) -> ir.Table:
    """Return the ASIN and SKU of each counted order's items, once for every dimension."""
    items = engine.backend.table("order_items")
    keys = [
        engine.backend.table(population.names[kind]).select("account", "order_id")
        for kind in ("odr", "mfn")
        if kind in population.names
    ]
    # Each population table holds an order once; the semi-join needs no distinct of its own, and
    # `values` keeps each (order, ASIN) once.
    orders = ibis.union(*keys, distinct=False) if len(keys) > 1 else keys[0]
    return items.semi_join(orders, KEYS).select("account", "order_id", "asin", "sku")


class _Population:
    """The materialised ODR and seller-fulfilled orders, read in long form per dimension."""

    def __init__(self, engine: Engine, names: dict[str, str], mfn_metrics: tuple[str, ...]):
        self.engine = engine
        self.names = names
        self.mfn_metrics = mfn_metrics

    def applies(self, dimension: str) -> bool:
        """Return whether any metric asked is broken down by `dimension`."""
        return "odr" in self.names or any(
            (m, dimension) not in TAUTOLOGIES for m in self.mfn_metrics
        )

    def long(self, dimension: str | None) -> ir.Table:
        """Return (entry, order_id, defect[, value]) rows: one per order and metric counting it."""
        column = dimension
        parts = []
        if "odr" in self.names:
            o = self.engine.backend.table(self.names["odr"])
            extra = {"value": o[column]} if column else {}
            parts.append(
                o.select(
                    "account",
                    "marketplace",
                    "channel",
                    "order_id",
                    "defect",
                    metric=ibis.literal("order_defect_rate"),
                    **extra,
                )
            )
        for metric in self.mfn_metrics:
            if "mfn" not in self.names or (metric, dimension) in TAUTOLOGIES:
                continue
            m = self.engine.backend.table(self.names["mfn"])
            name = column
            if column in ("weekday", "period"):
                name = f"{column}_{METRIC_DAY[metric]}"
            extra = {"value": m[name]} if name else {}
            parts.append(
                m.filter(m[f"counted__{metric}"]).select(
                    "account",
                    "marketplace",
                    "order_id",
                    channel=ibis.literal("mfn"),
                    defect=m[f"hurt__{metric}"],
                    metric=ibis.literal(metric),
                    **extra,
                )
            )
        table = ibis.union(*parts) if len(parts) > 1 else parts[0]
        return table.select(*ENTRY, "order_id", "defect", *(["value"] if column else []))

    def values(self, dimension: str) -> ir.Table:
        """Return (entry, order_id, defect, value) of one dimension; ASIN, SKU from the items."""
        if dimension in ITEM_DIMENSIONS:
            items = self.engine.backend.table(self.names["items"])
            pairs = items.select("account", "order_id", value=items[dimension]).distinct()
            source = self.long(None).inner_join(pairs, KEYS)
        else:
            source = self.long(dimension)
        return source.filter(source.value.notnull())

    def every_value(self, dimensions: Iterable[str]) -> ir.Table:
        """Return (entry, order_id, defect, dimension, value as text) of several dimensions.

        One UNION ALL, so one statement counts (or lists) every dimension: DuckDB runs the
        branches in parallel and the results come back in one Arrow table.
        """
        parts = [
            self.values(d).select(
                *ENTRY,
                "order_id",
                "defect",
                dimension=ibis.literal(d),
                value=_.value.cast("string"),
            )
            for d in dimensions
        ]
        return ibis.union(*parts, distinct=False) if len(parts) > 1 else parts[0]


# Compiled SQL of recent cause computations (DuckDB), as engine/runner.py keeps health's: building
# and compiling the Ibis expressions costs more than running them on a store of any size.
_COMPILED: dict[tuple[object, ...], dict[str, str]] = {}
_COMPILED_MAX = 16
Run = Callable[[str, Callable[[], ir.Table]], pa.Table]


def cause_data(
    engine: Engine,
    as_of: date,
    accounts: tuple[str, ...] | None,
    metrics: tuple[str, ...],
    choose: Chooser,
) -> tuple[CauseData, dict[tuple[EntryKey, str, str], tuple[str, ...]]]:
    """Count every entry's orders and defects by each dimension, from two materialised tables.

    `choose` ranks the counts and names the groups it keeps; only their defective orders' ids
    are then kept, so the ids of the many groups that are no cause are never built.
    """
    inputs = engine.inputs(as_of, accounts)  # also makes the day tables the SQL reads
    mfn_metrics = tuple(m for m in MFN_METRICS if m in metrics)
    # Temporary tables belong to the connection; the thread in the name keeps two pages apart.
    tag = threading.get_ident()
    names = {}
    if "order_defect_rate" in metrics:
        names["odr"] = f"reinstate_cause_odr_{tag}"
    if mfn_metrics:
        names["mfn"] = f"reinstate_cause_mfn_{tag}"
    data = CauseData()
    if not names:
        return data, {}
    rules = repr((engine.catalogue, engine.defect_rules, engine.directory))
    key: tuple[object, ...] = (rules, as_of, accounts, metrics, tag, engine.backend.name)
    if key not in _COMPILED and len(_COMPILED) >= _COMPILED_MAX:
        _COMPILED.pop(next(iter(_COMPILED)))
    compiled = _COMPILED.setdefault(key, {})
    con = engine.backend.con

    def sql(name: str, build: Callable[[], ir.Table]) -> str:
        if name not in compiled:
            compiled[name] = str(engine.backend.compile(build()))
        return compiled[name]

    def run(name: str, build: Callable[[], ir.Table]) -> pa.Table:
        result: pa.Table = con.sql(sql(name, build)).to_arrow_table()
        return result

    population = _Population(engine, names, mfn_metrics)
    builders = {
        "odr": lambda: _odr_population(engine, inputs, as_of),
        "mfn": lambda: _mfn_population(inputs, as_of, mfn_metrics),
        "items": lambda: _items(engine, population),
    }
    names["items"] = f"reinstate_cause_items_{tag}"
    try:
        for kind, table in names.items():
            con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {sql(kind, builders[kind])}")
        _collect(run, engine, population, data)
        ids = _order_ids(run, population, list(choose(data)))
    finally:
        for table in names.values():
            con.execute(f"DROP TABLE IF EXISTS {table}")
    return data, ids


ENTRY = ["account", "marketplace", "metric", "channel"]


def _key(row: dict[str, Any]) -> EntryKey:
    return (row["account"], row["marketplace"], row["metric"], row["channel"])


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _shown(dimension: str, value: Any) -> str:
    """Return a stored dimension value as the cause names it (weekday names, ISO dates)."""
    if dimension == "weekday":
        return WEEKDAYS[int(value)]  # the index, as a number or as its text
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _rows(arrow: pa.Table) -> list[dict[str, Any]]:
    columns = {name: arrow.column(name).to_pylist() for name in arrow.column_names}
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def _collect(run: Run, engine: Engine, population: _Population, data: CauseData) -> None:
    def totals() -> ir.Table:
        t = population.long(None)
        return t.group_by(ENTRY).aggregate(
            total_orders=t.count(), total_defects=t.count(where=t.defect)
        )

    totals_arrow = run("totals", totals)
    for row in _rows(totals_arrow):
        data.totals[_key(row)] = (row["total_defects"], row["total_orders"])
    dimensions = tuple(filter(population.applies, DIMENSIONS))

    def counted() -> ir.Table:
        source = population.every_value(dimensions)
        return source.group_by([*ENTRY, "dimension", "value"]).aggregate(
            orders=source.count(), defects=source.count(where=source.defect)
        )

    # Only a group whose defect rate beats the entry's can be a cause; its p-value is near 0.5 or
    # more otherwise. Such groups still count as tested (`others`).
    arrow = run("counted", counted).join(totals_arrow, keys=ENTRY)
    above = pc.greater(
        pc.multiply(arrow.column("defects"), arrow.column("total_orders")),
        pc.multiply(arrow.column("orders"), arrow.column("total_defects")),
    )
    below = arrow.filter(pc.invert(above)).group_by(ENTRY).aggregate([([], "count_all")])
    for row in _rows(below):
        data.others[_key(row)] = row["count_all"]
    kept = arrow.filter(above).sort_by([("dimension", "ascending"), ("value", "ascending")])
    for row in _rows(kept):
        dimension = row["dimension"]
        data.groups.setdefault(_key(row), []).append(
            Group(dimension, _shown(dimension, row["value"]), row["defects"], row["orders"])
        )
    if "odr" not in population.names:
        return

    def texts() -> ir.Table:
        o = engine.backend.table(population.names["odr"])
        found = o.filter(o.defect & o.comments).select(
            "account",
            "marketplace",
            "channel",
            "order_id",
            metric=ibis.literal("order_defect_rate"),
        )
        feedback = engine.backend.table("feedback").select(
            "account", "order_id", "comments", "rating"
        )
        return found.inner_join(feedback, KEYS).select(*ENTRY, "order_id", "comments", "rating")

    for row in _rows(run("texts", texts)):
        data.texts.setdefault(_key(row), []).append(
            (row["order_id"], row["comments"], row["rating"] or 0)
        )


def _order_ids(
    run: Run, population: _Population, wanted: list[Wanted]
) -> dict[tuple[EntryKey, str, str], tuple[str, ...]]:
    """Return the defective orders of each wanted group, by (entry, dimension, value).

    Every defective order of a dimension is read (defects are a few in a hundred orders) and the
    wanted groups are picked here, so the query is the same each time and compiled once.
    """
    found: dict[tuple[EntryKey, str, str], list[str]] = {}
    asked = {(entry, dimension, value) for entry, dimension, values in wanted for value in values}
    dimensions = tuple(sorted({dimension for _entry, dimension, _values in wanted}))
    if not dimensions:
        return {}

    def defective() -> ir.Table:
        source = population.every_value(dimensions)
        return source.filter(source.defect).select(*ENTRY, "order_id", "dimension", "value")

    arrow = run(f"defective:{','.join(dimensions)}", defective)
    for row in _rows(arrow.sort_by("order_id")):
        dimension = row["dimension"]
        key = (_key(row), dimension, _shown(dimension, row["value"]))
        if key in asked:
            found.setdefault(key, []).append(row["order_id"])
    return {k: tuple(v) for k, v in found.items()}
