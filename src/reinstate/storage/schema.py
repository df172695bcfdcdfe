"""The canonical order-level schema, and a small registry of migrations that builds it."""

from __future__ import annotations

import re

# Instants are stored in UTC (TIMESTAMPTZ with the session time zone pinned to UTC); every
# `*_day` column is a calendar day in the marketplace's own time zone, derived once at import.
MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE SEQUENCE import_id_seq START 1;
        CREATE TABLE imports (
            import_id BIGINT PRIMARY KEY,
            imported_at TIMESTAMPTZ NOT NULL,
            account VARCHAR NOT NULL,
            file_name VARCHAR NOT NULL,
            sha256 VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            encoding VARCHAR NOT NULL,
            locale VARCHAR,
            rows_read BIGINT NOT NULL,
            loaded BIGINT NOT NULL,
            replaced BIGINT NOT NULL,
            unchanged BIGINT NOT NULL,
            rejected BIGINT NOT NULL,
            skipped BIGINT NOT NULL
        );
        CREATE TABLE import_problems (
            import_id BIGINT NOT NULL,
            line BIGINT,
            column_name VARCHAR,
            message VARCHAR NOT NULL
        );
        CREATE TABLE marketplaces (
            code VARCHAR PRIMARY KEY,
            timezone VARCHAR NOT NULL
        );
        CREATE TABLE orders (
            account VARCHAR NOT NULL,
            order_id VARCHAR NOT NULL,
            marketplace VARCHAR NOT NULL,
            channel VARCHAR NOT NULL,
            purchase_ts TIMESTAMPTZ NOT NULL,
            purchase_day DATE NOT NULL,
            last_updated_ts TIMESTAMPTZ,
            last_updated_day DATE,
            order_status VARCHAR,
            item_count INTEGER NOT NULL,
            cancelled_items INTEGER NOT NULL,
            row_hash UBIGINT NOT NULL,
            import_id BIGINT NOT NULL,
            PRIMARY KEY (account, order_id)
        );
        CREATE TABLE order_items (
            account VARCHAR NOT NULL,
            order_id VARCHAR NOT NULL,
            line BIGINT NOT NULL,
            sku VARCHAR,
            asin VARCHAR,
            product_name VARCHAR,
            item_status VARCHAR,
            quantity INTEGER
        );
        CREATE TABLE fulfilment (
            account VARCHAR NOT NULL,
            order_id VARCHAR NOT NULL,
            latest_ship_ts TIMESTAMPTZ,
            latest_ship_day DATE,
            handling_days INTEGER,
            ship_confirm_ts TIMESTAMPTZ,
            ship_confirm_day DATE,
            carrier VARCHAR,
            tracking_number VARCHAR,
            valid_tracking BOOLEAN,
            promised_delivery_ts TIMESTAMPTZ,
            promised_delivery_day DATE,
            delivered_ts TIMESTAMPTZ,
            delivered_day DATE,
            cancelled_by VARCHAR,
            cancel_ts TIMESTAMPTZ,
            cancel_day DATE,
            row_hash UBIGINT NOT NULL,
            import_id BIGINT NOT NULL,
            PRIMARY KEY (account, order_id)
        );
        CREATE TABLE feedback (
            account VARCHAR NOT NULL,
            order_id VARCHAR NOT NULL,
            feedback_day DATE NOT NULL,
            rating INTEGER NOT NULL,
            comments VARCHAR,
            response VARCHAR,
            row_hash UBIGINT NOT NULL,
            import_id BIGINT NOT NULL,
            PRIMARY KEY (account, order_id)
        );
        CREATE TABLE defect_outcomes (
            account VARCHAR NOT NULL,
            order_id VARCHAR NOT NULL,
            defect_type VARCHAR NOT NULL,
            defect_ts TIMESTAMPTZ,
            defect_day DATE,
            outcome VARCHAR NOT NULL,
            row_hash UBIGINT NOT NULL,
            import_id BIGINT NOT NULL,
            PRIMARY KEY (account, order_id, defect_type)
        );
        CREATE TABLE amazon_metrics (
            account VARCHAR NOT NULL,
            marketplace VARCHAR NOT NULL,
            snapshot_date DATE NOT NULL,
            metric VARCHAR NOT NULL,
            channel VARCHAR NOT NULL,
            window_start DATE,
            window_end DATE,
            numerator BIGINT,
            denominator BIGINT,
            rate DOUBLE,
            status VARCHAR,
            target DOUBLE,
            target_condition VARCHAR,
            negative_feedback BIGINT,
            a_to_z_claim BIGINT,
            chargeback BIGINT,
            import_id BIGINT NOT NULL,
            PRIMARY KEY (account, marketplace, snapshot_date, metric, channel)
        );
        CREATE TABLE amazon_account_status (
            account VARCHAR NOT NULL,
            marketplace VARCHAR NOT NULL,
            snapshot_date DATE NOT NULL,
            account_status VARCHAR,
            ahr_status VARCHAR,
            ahr_score INTEGER,
            import_id BIGINT NOT NULL,
            PRIMARY KEY (account, marketplace, snapshot_date)
        );
        """,
    ),
)


def _create(table: str) -> str:
    """Return migration 1's CREATE TABLE statement for `table`."""
    start = MIGRATIONS[0][1].index(f"CREATE TABLE {table} (")
    return MIGRATIONS[0][1][start : MIGRATIONS[0][1].index(");", start) + 2]


def _without_key(create: str) -> str:
    return re.sub(r",\s*PRIMARY KEY \([^)]*\)", "", create)


def _rebuilt(table: str, create: str, old: str) -> str:
    """Rebuild `table` with the statement `create`, keeping its rows (same columns, same order)."""
    return (
        f"ALTER TABLE {table} RENAME TO {table}_{old};\n{create}\n"
        f"INSERT INTO {table} SELECT * FROM {table}_{old};\nDROP TABLE {table}_{old};\n"
    )


# 2: no primary keys on the order-level tables. DuckDB rebuilds a key's index at every checkpoint,
# which cost more than half of an import's time; the merge in storage/writer.py keeps the keys
# unique (tests/ingest/test_files.py holds it).
MIGRATIONS += (
    (
        2,
        "".join(
            _rebuilt(t, _without_key(_create(t)), "v1")
            for t in ("orders", "fulfilment", "feedback", "defect_outcomes")
        ),
    ),
)


def _plain_order_id(table: str) -> str:
    create = _without_key(_create(table))
    return create.replace(
        "order_id VARCHAR NOT NULL,", "order_id VARCHAR NOT NULL USING COMPRESSION uncompressed,"
    )


# 3: order ids stored as plain text where there is one row per order (or item). They are all
# different, so dictionary and FSST compression save little and cost more than any other column at
# every import; plain text is also read faster by the joins of the health engine.
MIGRATIONS += (
    (
        3,
        "".join(
            _rebuilt(t, _plain_order_id(t), "v2") for t in ("orders", "order_items", "fulfilment")
        ),
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1][0]
