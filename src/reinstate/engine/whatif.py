"""Re-run the engine on a changed copy of one account's rows, in memory; the store is only read.

The account's rows are copied into a private in-memory DuckDB, each scenario is applied there with
SQL, and the same health expressions run on the copy.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import duckdb

from reinstate.domain.causes.scenarios import Scenario
from reinstate.domain.health.metrics import MAX_HANDLING_DAYS
from reinstate.engine.calendar import business_calendar
from reinstate.engine.runner import MFN_LOOKBACK_DAYS, Engine

ACCOUNT_TABLES = (
    "orders",
    "order_items",
    "fulfilment",
    "feedback",
    "defect_outcomes",
    "amazon_metrics",
)
ORDER_TABLES = ("orders", "order_items", "fulfilment", "feedback", "defect_outcomes")
# Fractions of 10,000, from a hash of the order id: which orders a share picks, and their draws.
_SCALE = 10_000


def copy_account(store_con: Any, account: str) -> duckdb.DuckDBPyConnection:
    """Return an in-memory DuckDB holding one account's rows of the engine's tables."""
    copy = duckdb.connect(":memory:")
    copy.execute("SET TimeZone = 'UTC'; SET enable_progress_bar = false")
    _copy_table(copy, "marketplaces", store_con.sql("SELECT * FROM marketplaces").to_arrow_table())
    for name in ACCOUNT_TABLES:
        rows = store_con.sql(f"SELECT * FROM {name} WHERE account = $1", params=[account])
        _copy_table(copy, name, rows.to_arrow_table())
    return copy


def _copy_table(copy: duckdb.DuckDBPyConnection, name: str, rows: Any) -> None:
    copy.register("reinstate_rows", rows)
    copy.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM reinstate_rows")
    copy.unregister("reinstate_rows")


def _asin_orders(asins: tuple[str, ...]) -> tuple[str, list[str]]:
    marks = ", ".join("?" for _ in asins)
    return f"SELECT DISTINCT order_id FROM order_items WHERE asin IN ({marks})", list(asins)


def apply(copy: duckdb.DuckDBPyConnection, scenario: Scenario, engine: Engine, as_of: date) -> int:
    """Apply one scenario to the copy; return how many orders it changed."""
    if scenario.kind == "remove":
        sql, params = _asin_orders(scenario.asins)
        copy.execute(f"CREATE OR REPLACE TEMP TABLE picked AS {sql}", params)
        for name in ORDER_TABLES:
            copy.execute(f"DELETE FROM {name} WHERE order_id IN (SELECT order_id FROM picked)")
    elif scenario.kind == "fba":
        sql, params = _asin_orders(scenario.asins)
        copy.execute(
            f"CREATE OR REPLACE TEMP TABLE picked AS SELECT order_id FROM orders "
            f"WHERE channel = 'mfn' AND order_id IN ({sql})",
            params,
        )
        copy.execute(
            "UPDATE orders SET channel = 'afn' WHERE order_id IN (SELECT order_id FROM picked)"
        )
        copy.execute("DELETE FROM fulfilment WHERE order_id IN (SELECT order_id FROM picked)")
    elif scenario.kind == "handling":
        _longer_handling(copy, scenario.days, engine, as_of)
    elif scenario.kind == "carrier":
        _other_carrier(copy, scenario, as_of)
    else:
        return 0
    return int(copy.execute("SELECT count(*) FROM picked").fetchall()[0][0])


def _longer_handling(
    copy: duckdb.DuckDBPyConnection, days: int, engine: Engine, as_of: date
) -> None:
    """Promise `days` more business days of handling (national holidays skipped).

    The seller ships when it did; the expected ship day moves to the new promise, and the
    delivery promise moves by as many calendar days as the ship day did.
    """
    _copy_table(copy, "ship_days", engine.ship_days(as_of))
    first = as_of - timedelta(days=MFN_LOOKBACK_DAYS + 10)
    last = as_of + timedelta(days=2 * days + 30)
    _copy_table(copy, "calendar", business_calendar(engine.directory.marketplaces, first, last))
    copy.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE promises AS
        SELECT f.order_id, o.marketplace,
               coalesce(f.latest_ship_day, old.h_ship_day) AS old_day
        FROM fulfilment f
        JOIN orders o USING (account, order_id)
        LEFT JOIN ship_days old ON old.h_marketplace = o.marketplace
            AND old.h_purchase_day = o.purchase_day AND old.h_handling_days = f.handling_days
        WHERE o.channel = 'mfn' AND o.purchase_day >= DATE '{first.isoformat()}'
        """
    )
    copy.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE picked AS
        SELECT p.order_id, p.old_day, later.cal_day AS new_day
        FROM promises p
        JOIN calendar here ON here.cal_marketplace = p.marketplace AND here.cal_day = p.old_day
        JOIN calendar later ON later.cal_marketplace = p.marketplace AND later.cal_is_business
            AND later.cal_index = here.cal_index + {int(days)}
        """
    )
    copy.execute(
        """
        UPDATE fulfilment f SET
            handling_days = CASE WHEN f.handling_days IS NULL THEN NULL
                ELSE least(f.handling_days + ?, ?) END,
            latest_ship_day = p.new_day,
            latest_ship_ts = NULL,
            promised_delivery_day = f.promised_delivery_day + CAST(p.new_day - p.old_day AS INTEGER),
            promised_delivery_ts = f.promised_delivery_ts + to_days(CAST(p.new_day - p.old_day AS INTEGER))
        FROM picked p WHERE f.order_id = p.order_id
        """,
        [days, MAX_HANDLING_DAYS],
    )


def _other_carrier(copy: duckdb.DuckDBPyConnection, scenario: Scenario, as_of: date) -> None:
    """Move a share of one carrier's orders to another, with that carrier's own rates here.

    The rates are the other carrier's in this account over the look-back: invalid tracking among
    tracked orders, undelivered and late among orders whose delivery promise has passed. Which
    orders move, and what happens to each, follows a hash of the order id (deterministic).
    """
    since = as_of - timedelta(days=MFN_LOOKBACK_DAYS)
    rates = copy.execute(
        """
        SELECT
            coalesce(avg(CASE WHEN valid_tracking IS NOT NULL THEN (NOT valid_tracking)::INT END), 0),
            coalesce(avg(CASE WHEN promised_delivery_day <= ? AND valid_tracking
                THEN (delivered_day IS NULL)::INT END), 0),
            coalesce(avg(CASE WHEN promised_delivery_day <= ? AND valid_tracking
                THEN (delivered_day > promised_delivery_day)::INT END), 0),
            count(*)
        FROM fulfilment WHERE carrier = ? AND ship_confirm_day >= ?
        """,
        [as_of, as_of, scenario.carrier_to, since],
    ).fetchall()[0]
    invalid, undelivered, late, _seen = rates
    share = round(scenario.share * _SCALE)
    copy.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE picked AS
        SELECT order_id,
               hash(order_id || '#tracking') % {_SCALE} AS u_tracking,
               hash(order_id || '#delivery') % {_SCALE} AS u_delivery
        FROM fulfilment
        WHERE carrier = ? AND hash(order_id || '#share') % {_SCALE} < {share}
        """,
        [scenario.carrier_from],
    )
    cut_invalid = round(float(invalid) * _SCALE)
    cut_undelivered = round(float(undelivered) * _SCALE)
    cut_late = cut_undelivered + round(float(late) * _SCALE)
    copy.execute(
        f"""
        UPDATE fulfilment f SET
            carrier = ?,
            valid_tracking = CASE WHEN f.ship_confirm_day IS NULL THEN f.valid_tracking
                ELSE p.u_tracking >= {cut_invalid} END,
            delivered_day = CASE
                WHEN f.ship_confirm_day IS NULL OR f.promised_delivery_day IS NULL THEN f.delivered_day
                WHEN p.u_delivery < {cut_undelivered} THEN NULL
                WHEN p.u_delivery < {cut_late} THEN f.promised_delivery_day + 1
                WHEN f.delivered_day IS NOT NULL AND f.delivered_day <= f.promised_delivery_day
                    THEN f.delivered_day
                ELSE f.promised_delivery_day END,
            delivered_ts = NULL
        FROM picked p WHERE f.order_id = p.order_id
        """,
        [scenario.carrier_to],
    )


def units_and_first_order(
    store_con: Any, account: str, marketplace: str, as_of: date
) -> tuple[int, date | None]:
    """Return the MFN units shipped in the 30 days to `as_of`, and the first order's day."""
    row = store_con.execute(
        """
        SELECT coalesce(sum(CASE WHEN o.channel = 'mfn' AND f.ship_confirm_day > ?
                    AND f.ship_confirm_day <= ? THEN coalesce(i.quantity, 1) END), 0)
        FROM orders o
        JOIN fulfilment f USING (account, order_id)
        JOIN order_items i USING (account, order_id)
        WHERE o.account = ? AND o.marketplace = ?
          AND (i.item_status IS NULL OR lower(i.item_status) NOT LIKE 'cancel%')
        """,
        [as_of - timedelta(days=30), as_of, account, marketplace],
    ).fetchall()[0]
    first = store_con.execute(
        "SELECT min(purchase_day) FROM orders WHERE account = ? AND marketplace = ?",
        [account, marketplace],
    ).fetchall()[0]
    return int(row[0]), first[0]
