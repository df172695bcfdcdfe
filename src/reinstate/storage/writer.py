"""Write one parsed report into the store: merge by key, later data replacing earlier, counted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from reinstate.domain.problems import Problem
from reinstate.storage.database import Store

# table -> (key columns, column whose later value wins, whether rows carry a content hash)
TABLES: dict[str, tuple[tuple[str, ...], str | None, bool]] = {
    "orders": (("account", "order_id"), "last_updated_ts", True),
    "fulfilment": (("account", "order_id"), None, True),
    "feedback": (("account", "order_id"), None, True),
    "defect_outcomes": (("account", "order_id", "defect_type"), None, True),
    "amazon_metrics": (
        ("account", "marketplace", "snapshot_date", "metric", "channel"),
        None,
        False,
    ),
    "amazon_account_status": (("account", "marketplace", "snapshot_date"), None, False),
}

# Day columns derived from instants in the marketplace's own time zone, once the order is known.
LOCAL_DAYS: dict[str, tuple[str, ...]] = {
    "fulfilment": ("latest_ship", "ship_confirm", "promised_delivery", "delivered", "cancel"),
    "defect_outcomes": ("defect",),
}


@dataclass(frozen=True, slots=True)
class MergeCounts:
    """How the rows of one staged table landed."""

    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    stale: int = 0

    def __add__(self, other: MergeCounts) -> MergeCounts:
        return MergeCounts(
            self.new + other.new,
            self.replaced + other.replaced,
            self.unchanged + other.unchanged,
            self.stale + other.stale,
        )


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _overlaps(store: Store, table: str, staged: str, account: str) -> bool:
    """Whether any staged key is already stored under `account` (only the keys are read)."""
    con = store.con
    if not con.execute(f"SELECT 1 FROM {table} WHERE account = ? LIMIT 1", [account]).fetchall():
        return False
    rest = TABLES[table][0][1:]  # every key starts with the account
    on = " AND ".join(f"e.{k} = s.{k}" for k in rest)
    found = con.execute(
        f"SELECT 1 FROM (SELECT DISTINCT {', '.join(rest)} FROM {staged}) s "
        f"JOIN {table} e ON e.account = ? AND {on} LIMIT 1",
        [account],
    ).fetchall()
    return bool(found)


def _merge(store: Store, table: str, staged: str, account: str) -> MergeCounts:
    key, newer, hashed = TABLES[table]
    con = store.con
    if not _overlaps(store, table, staged, account):
        # None of the staged keys is stored yet (say, the account's first file, or another
        # marketplace's): every staged row is new, nothing to compare, and the staged rows are
        # read once, straight into the table.
        inserted = con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {staged}").fetchall()
        return MergeCounts(new=int(inserted[0][0]) if inserted else 0)
    # The staged rows are read several times below: compute them once.
    con.execute(f"CREATE OR REPLACE TEMP TABLE merge_staged AS SELECT * FROM {staged}")
    staged = "merge_staged"
    on = " AND ".join(f"e.{k} = s.{k}" for k in key)
    if hashed:
        same = "e.row_hash = s.row_hash"
    else:
        # Amazon's snapshots carry no content hash: a row is the same when every value is, so
        # importing the same report again changes nothing (not even the import that wrote it).
        values = [
            str(row[0])
            for row in con.execute(f"SELECT column_name FROM (DESCRIBE {staged})").fetchall()
            if str(row[0]) not in (*key, "import_id")
        ]
        same = " AND ".join(f"e.{c} IS NOT DISTINCT FROM s.{c}" for c in values) or "true"
    stale = f"coalesce(e.{newer} > s.{newer}, false)" if newer else "false"
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE merge_plan AS
        SELECT {", ".join(f"s.{k}" for k in key)},
               e.{key[-1]} IS NOT NULL AS existed,
               coalesce({same}, false) AS same,
               {stale} AS stale
        FROM {staged} s LEFT JOIN {table} e ON {on}
        """
    )
    row = con.execute(
        """
        SELECT count(*) FILTER (WHERE NOT existed),
               count(*) FILTER (WHERE existed AND NOT same AND NOT stale),
               count(*) FILTER (WHERE existed AND same),
               count(*) FILTER (WHERE existed AND NOT same AND stale)
        FROM merge_plan
        """
    ).fetchall()
    counts = MergeCounts(*(int(v) for v in row[0])) if row else MergeCounts()
    plan_on = " AND ".join(f"e.{k} = p.{k}" for k in key)
    if counts.replaced:
        con.execute(
            f"DELETE FROM {table} e USING merge_plan p WHERE {plan_on} "
            "AND p.existed AND NOT p.same AND NOT p.stale"
        )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE merge_written AS
        SELECT {", ".join(key)} FROM merge_plan
        WHERE NOT existed OR (NOT same AND NOT stale)
        """
    )
    if counts.unchanged or counts.stale:
        using = ", ".join(key)
        source = f"{staged} s JOIN merge_written USING ({using})"
    else:
        source = f"{staged} s"  # every staged row is written: no join needed
    con.execute(f"INSERT INTO {table} BY NAME SELECT s.* FROM {source}")
    return counts


def _refresh_local_days(store: Store, table: str, account: str) -> None:
    columns = LOCAL_DAYS[table]
    sets = ", ".join(
        f"{c}_day = coalesce(t.{c}_day, CAST(timezone(m.timezone, t.{c}_ts) AS DATE))"
        for c in columns
    )
    pending = " OR ".join(f"(t.{c}_day IS NULL AND t.{c}_ts IS NOT NULL)" for c in columns)
    store.con.execute(
        f"""
        UPDATE {table} t SET {sets}
        FROM orders o JOIN marketplaces m ON m.code = o.marketplace
        WHERE t.account = ? AND o.account = t.account AND o.order_id = t.order_id AND ({pending})
        """,
        [account],
    )


def record_import(
    store: Store,
    *,
    import_id: int,
    account: str,
    file_name: str,
    sha256: str,
    kind: str,
    encoding: str,
    locale: str | None,
    rows_read: int,
    counts: MergeCounts,
    rejected: int,
    skipped: int,
    problems: list[Problem],
) -> int:
    """Write the import's own record and its problems; return the import id."""
    store.con.execute(
        "INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            import_id,
            datetime.now(UTC),
            account,
            file_name,
            sha256,
            kind,
            encoding,
            locale,
            rows_read,
            counts.new,
            counts.replaced,
            counts.unchanged + counts.stale,
            rejected,
            skipped,
        ],
    )
    if problems:
        store.con.executemany(
            "INSERT INTO import_problems VALUES (?, ?, ?, ?)",
            [[import_id, p.line, p.column, p.message] for p in problems],
        )
    return import_id


def write_tables(store: Store, account: str, tables: dict[str, str], import_id: int) -> MergeCounts:
    """Merge each staged relation into its store table under `account`; call in a transaction.

    `tables` maps store tables to the temporary relations of the store's connection that hold
    the new rows (see reinstate.ingest.parsed).
    """
    total = MergeCounts()
    con = store.con
    for name, relation in tables.items():
        if name == "order_items":
            continue
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW staged AS SELECT {_sql_text(account)} AS account, *, "
            f"CAST({int(import_id)} AS BIGINT) AS import_id FROM {relation}"
        )
        counts = _merge(store, name, "staged", account)
        if name == "orders" and "order_items" in tables:
            if counts.replaced:
                con.execute(
                    "DELETE FROM order_items i USING merge_written w "
                    "WHERE i.account = w.account AND i.order_id = w.order_id"
                )
            joined = " JOIN merge_written w ON w.order_id = s.order_id"
            con.execute(
                "INSERT INTO order_items BY NAME SELECT ?::VARCHAR AS account, s.* "
                f"FROM {tables['order_items']} s"
                f"{joined if counts.unchanged or counts.stale else ''}",
                [account],
            )
        total = total + counts
        if name == "orders":
            for derived in LOCAL_DAYS:
                _refresh_local_days(store, derived, account)
        elif name in LOCAL_DAYS:
            _refresh_local_days(store, name, account)
        con.execute("DROP VIEW IF EXISTS staged")
    return total
