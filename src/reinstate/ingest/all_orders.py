"""The All Orders flat file: one row per order item, tab-separated, columns found by name."""

from __future__ import annotations

from reinstate.ingest.delimited import RawTable
from reinstate.ingest.headers import header_rules
from reinstate.ingest.parsed import (
    ParsedReport,
    clean_sql,
    collect_problems,
    count_of,
    timestamp_sql,
)
from reinstate.ingest.source import SourceFile
from reinstate.rules import marketplaces

NON_AMAZON = "non-amazon"
# The columns the parser reads; the optional ones are read as empty text when a file lacks them.
USED = (
    "amazon-order-id",
    "purchase-date",
    "last-updated-date",
    "order-status",
    "fulfillment-channel",
    "sales-channel",
    "product-name",
    "sku",
    "asin",
    "item-status",
    "quantity",
)

MESSAGES = {
    "order_id": "amazon-order-id is empty; every row needs the order id Amazon gave the order.",
    "purchase_date": (
        "purchase-date '{value}' is not a date and time; Amazon writes ISO 8601 such as "
        "2026-10-01T08:04:21+00:00."
    ),
    "last_updated": (
        "last-updated-date '{value}' is not a date and time; Amazon writes ISO 8601 such as "
        "2026-10-01T08:04:21+00:00."
    ),
    "sales_channel": (
        "sales-channel '{value}' is not a marketplace Reinstate knows; expected one of "
        + ", ".join(m.sales_channel for m in marketplaces().marketplaces)
        + " (or Non-Amazon for multi-channel orders, which are skipped)."
    ),
    "fulfillment_channel": (
        "fulfillment-channel '{value}' is neither Amazon (FBA) nor Merchant (seller-fulfilled)."
    ),
    "quantity": "quantity '{value}' is not a whole number.",
}


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _lookup(cell: str, pairs: list[tuple[str, str]], otherwise: str = "NULL") -> str:
    """SQL mapping a cell (compared case-insensitively) to a canonical value."""
    whens = " ".join(f"WHEN {_text(alias)} THEN {_text(value)}" for alias, value in pairs)
    return f"CASE lower({cell}) {whens} ELSE {otherwise} END"


def _value_pairs(column: str) -> list[tuple[str, str]]:
    values = header_rules()["all_orders"]["values"][column]
    if column == "fulfillment-channel":
        return [
            (alias.strip().casefold(), "afn" if canonical == "Amazon" else "mfn")
            for canonical, aliases in values.items()
            for alias in aliases
        ]
    return [
        (alias.strip().casefold(), canonical)
        for canonical, aliases in values.items()
        for alias in aliases
    ]


def parse_all_orders(source: SourceFile, raw: RawTable, locale: str) -> ParsedReport:
    """Turn All Orders rows into canonical orders and items, with a problem for each bad row."""
    con = raw.con
    entries = marketplaces().marketplaces
    marketplace = _lookup(
        clean_sql('r."sales-channel"'), [(m.sales_channel.casefold(), m.code) for m in entries]
    )
    zone = _lookup("marketplace", [(m.code.casefold(), m.timezone) for m in entries])
    status = {
        column: _lookup(
            clean_sql(f'r."{column}"'),
            _value_pairs("status"),
            f"nullif({clean_sql(f'r.{chr(34)}{column}{chr(34)}')}, '')",
        )
        for column in ("order-status", "item-status")
    }
    # Typed once: every later pass (problems, orders, items) reads this table.
    con.execute(
        f"""
        CREATE TABLE rows AS
        SELECT * EXCLUDE (purchase_text, updated_text, quantity_text),
               {timestamp_sql("purchase_text", zone)} AS purchase_ts,
               {timestamp_sql("updated_text", zone)} AS last_updated_ts,
               updated_text = '' AS no_update,
               try_cast(nullif(quantity_text, '') AS INTEGER) AS quantity,
               quantity_text = '' AS no_quantity
        FROM (
        SELECT r.__line AS line,
               {clean_sql('r."amazon-order-id"')} AS order_id,
               lower({clean_sql('r."sales-channel"')}) = '{NON_AMAZON}' AS non_amazon,
               {marketplace} AS marketplace,
               {_lookup(clean_sql('r."fulfillment-channel"'), _value_pairs("fulfillment-channel"))}
                   AS channel,
               {clean_sql('r."purchase-date"')} AS purchase_text,
               {clean_sql('r."last-updated-date"')} AS updated_text,
               {status["order-status"]} AS order_status,
               {status["item-status"]} AS item_status,
               nullif({clean_sql("r.sku")}, '') AS sku,
               nullif({clean_sql("r.asin")}, '') AS asin,
               nullif({clean_sql('r."product-name"')}, '') AS product_name,
               {clean_sql("r.quantity")} AS quantity_text
        FROM raw r
        )
        """
    )
    # One pass finds every bad row (few, usually none); the problems come from that small table,
    # with the cells as the file wrote them.
    con.execute(
        """
        CREATE TABLE bad AS
        SELECT b.*, r."sales-channel" AS sales_channel_text,
               r."fulfillment-channel" AS fulfillment_text, r."purchase-date" AS purchase_text,
               r."last-updated-date" AS updated_text, r.quantity AS quantity_text
        FROM (
            SELECT line, order_id, marketplace, purchase_ts, last_updated_ts, no_update, channel,
                   quantity, no_quantity
            FROM rows
            WHERE NOT non_amazon AND (
                order_id = '' OR marketplace IS NULL OR purchase_ts IS NULL OR channel IS NULL
                OR (NOT no_update AND last_updated_ts IS NULL)
                OR (NOT no_quantity AND quantity IS NULL))
        ) b JOIN raw r ON r.__line = b.line
        """
    )
    checks = """
        SELECT line, 'amazon-order-id' AS col, 'order_id' AS code, '' AS value FROM bad
            WHERE order_id = ''
        UNION ALL SELECT line, 'sales-channel', 'sales_channel', trim(sales_channel_text)
            FROM bad WHERE marketplace IS NULL
        UNION ALL SELECT line, 'purchase-date', 'purchase_date', trim(purchase_text) FROM bad
            WHERE marketplace IS NOT NULL AND purchase_ts IS NULL
        UNION ALL SELECT line, 'last-updated-date', 'last_updated', trim(updated_text) FROM bad
            WHERE marketplace IS NOT NULL AND NOT no_update AND last_updated_ts IS NULL
        UNION ALL SELECT line, 'fulfillment-channel', 'fulfillment_channel',
            trim(fulfillment_text) FROM bad WHERE channel IS NULL
        UNION ALL SELECT line, 'quantity', 'quantity', trim(quantity_text) FROM bad
            WHERE NOT no_quantity AND quantity IS NULL
    """
    problems, _ = collect_problems(con, source.name, checks, MESSAGES)
    rejected = count_of(con, "SELECT count(*) FROM bad")
    skipped = count_of(con, "SELECT count(*) FROM rows WHERE non_amazon")
    good = "NOT non_amazon" + (" AND line NOT IN (SELECT line FROM bad)" if rejected else "")
    # The content hash is order-insensitive over the items (a sum of item hashes), so the same
    # order read again from a re-sorted file is recognised as unchanged.
    # Days are in the marketplace's own time zone, worked out once per order.
    orders = con.sql(
        f"""
        WITH orders AS (
        SELECT order_id,
               arg_min(marketplace, line) AS marketplace,
               arg_min(channel, line) AS channel,
               min(purchase_ts) AS purchase_ts,
               max(last_updated_ts) AS last_updated_ts,
               arg_max(order_status, line) AS order_status,
               CAST(count(*) AS INTEGER) AS item_count,
               CAST(count(*) FILTER (WHERE item_status = 'Cancelled'
                                      OR order_status = 'Cancelled') AS INTEGER) AS cancelled_items,
               hash(min(purchase_ts), max(last_updated_ts), arg_max(order_status, line),
                    sum(hash(marketplace, channel, sku, asin, item_status, quantity,
                             product_name)::HUGEINT)) AS row_hash
        FROM rows WHERE {good} GROUP BY order_id
        )
        SELECT order_id, marketplace, channel, purchase_ts,
               CAST(timezone({zone}, purchase_ts) AS DATE) AS purchase_day,
               last_updated_ts,
               CAST(timezone({zone}, last_updated_ts) AS DATE) AS last_updated_day,
               order_status, item_count, cancelled_items, row_hash
        FROM orders
        """
    ).to_arrow_table()
    items = con.sql(
        f"SELECT order_id, line, sku, asin, product_name, item_status, quantity FROM rows "
        f"WHERE {good}"
    ).to_arrow_table()
    con.close()
    notes = []
    if skipped:
        notes.append(
            f"{skipped} Non-Amazon (multi-channel fulfilment) rows skipped: they are not "
            "marketplace orders."
        )
    return ParsedReport(
        kind="all_orders",
        encoding=raw.encoding,
        locale=locale,
        rows_read=raw.rows + len(raw.problems),
        tables={"orders": orders, "order_items": items},
        problems=sorted(raw.problems + problems, key=lambda p: (p.line or 0, p.column or "")),
        rejected=rejected + len(raw.problems),
        skipped=skipped,
        notes=notes,
    )
