"""Read-side queries that are not metrics: Amazon's snapshots, accounts, import history."""

from __future__ import annotations

from datetime import date

from reinstate.domain.health.assessment import AmazonRow
from reinstate.storage.database import Store


def amazon_figures(
    store: Store, as_of: date, accounts: tuple[str, ...] | None = None
) -> dict[tuple[str, str, str, str], AmazonRow]:
    """Return Amazon's figures from the latest snapshot on or before `as_of`, per metric."""
    where = "AND account IN (SELECT unnest(?))" if accounts else ""
    params: list[object] = [as_of] + ([list(accounts)] if accounts else [])
    rows = store.con.execute(
        f"""
        WITH latest AS (
            SELECT account, marketplace, max(snapshot_date) AS snapshot_date
            FROM amazon_metrics WHERE snapshot_date <= ? {where}
            GROUP BY account, marketplace
        )
        SELECT m.account, m.marketplace, m.metric, m.channel, m.snapshot_date, m.window_start,
               m.window_end, m.numerator, m.denominator, m.rate, m.status, m.target,
               m.target_condition, m.negative_feedback, m.a_to_z_claim, m.chargeback
        FROM amazon_metrics m JOIN latest USING (account, marketplace, snapshot_date)
        """,
        params,
    ).fetchall()
    figures: dict[tuple[str, str, str, str], AmazonRow] = {}
    for row in rows:
        account, marketplace, metric, channel = row[:4]
        components = None
        if metric == "order_defect_rate":
            components = {
                "negative_feedback": row[13],
                "a_to_z_claim": row[14],
                "chargeback": row[15],
            }
        figures[(account, marketplace, metric, channel)] = AmazonRow(
            snapshot_date=row[4],
            window_start=row[5],
            window_end=row[6],
            numerator=row[7],
            denominator=row[8],
            rate=row[9],
            status=row[10],
            target=row[11],
            condition=row[12],
            components=components,
        )
    return figures


def accounts(store: Store) -> list[str]:
    """Return every account with imported data."""
    rows = store.con.execute(
        "SELECT DISTINCT account FROM orders UNION SELECT DISTINCT account FROM amazon_metrics "
        "ORDER BY 1"
    ).fetchall()
    return [r[0] for r in rows]


def marketplaces_of(store: Store, account: str, order_ids: str) -> set[str]:
    """Return the marketplaces the store holds these orders on (`order_ids` is a query of ids)."""
    rows = store.con.execute(
        f"SELECT DISTINCT marketplace FROM orders WHERE account = ? AND order_id IN "
        f"(SELECT * FROM ({order_ids}))",
        [account],
    ).fetchall()
    return {str(row[0]) for row in rows if row[0] is not None}


def staged_marketplaces(store: Store, account: str, relation: str) -> set[str]:
    """Return the marketplaces of a staged file's rows: their own column, or their orders'."""
    columns = {
        str(row[0])
        for row in store.con.execute(f"SELECT column_name FROM (DESCRIBE {relation})").fetchall()
    }
    if "marketplace" in columns:
        rows = store.con.execute(
            f"SELECT DISTINCT marketplace FROM {relation} WHERE marketplace IS NOT NULL"
        ).fetchall()
        return {str(row[0]) for row in rows}
    if "order_id" in columns:
        return marketplaces_of(store, account, f"SELECT order_id FROM {relation}")
    return set()


def amazon_points(
    store: Store, first: date, last: date, accounts: tuple[str, ...] | None = None
) -> list[tuple[str, str, str, str, date, int | None, int | None, float | None, str | None]]:
    """Return every V2 snapshot figure dated `first`..`last`, one row per metric entry and day."""
    where = "AND account IN (SELECT unnest(?))" if accounts else ""
    params: list[object] = [first, last] + ([list(accounts)] if accounts else [])
    rows = store.con.execute(
        f"""
        SELECT account, marketplace, metric, channel, snapshot_date, numerator, denominator,
               rate, status
        FROM amazon_metrics WHERE snapshot_date BETWEEN ? AND ? {where}
        """,
        params,
    ).fetchall()
    return [tuple(r) for r in rows]


def amazon_account_rows(
    store: Store, as_of: date, accounts: tuple[str, ...] | None = None
) -> dict[tuple[str, str], tuple[date, str | None, int | None, str | None]]:
    """Return each account x marketplace's latest V2 account status on or before `as_of`.

    The value is (snapshot date, account status, AHR score, AHR status).
    """
    where = "AND account IN (SELECT unnest(?))" if accounts else ""
    params: list[object] = [as_of] + ([list(accounts)] if accounts else [])
    rows = store.con.execute(
        f"""
        SELECT account, marketplace, snapshot_date, account_status, ahr_score, ahr_status
        FROM amazon_account_status WHERE snapshot_date <= ? {where}
        QUALIFY row_number() OVER (PARTITION BY account, marketplace ORDER BY snapshot_date DESC) = 1
        """,
        params,
    ).fetchall()
    return {(r[0], r[1]): (r[2], r[3], r[4], r[5]) for r in rows}


def amazon_rating_points(
    store: Store, first: date, last: date, accounts: tuple[str, ...] | None = None
) -> list[tuple[str, str, date, int | None, str | None]]:
    """Return every V2 snapshot's AHR score and account status dated `first`..`last`, by day."""
    where = "AND account IN (SELECT unnest(?))" if accounts else ""
    params: list[object] = [first, last] + ([list(accounts)] if accounts else [])
    rows = store.con.execute(
        f"""
        SELECT account, marketplace, snapshot_date, ahr_score, account_status
        FROM amazon_account_status WHERE snapshot_date BETWEEN ? AND ? {where}
        ORDER BY account, marketplace, snapshot_date
        """,
        params,
    ).fetchall()
    return [tuple(r) for r in rows]
