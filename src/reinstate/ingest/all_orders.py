"""The All Orders flat file: one row per order item, tab-separated, columns found by name."""

from __future__ import annotations

import pyarrow as pa

from reinstate.ingest.delimited import RawTable
from reinstate.ingest.headers import header_rules
from reinstate.ingest.parsed import ParsedReport, collect_problems, count_of, scratch, timestamp_sql
from reinstate.ingest.source import SourceFile
from reinstate.rules import marketplaces

NON_AMAZON = "non-amazon"
OPTIONAL = ("last-updated-date", "product-name", "order-status")

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


def _value_aliases() -> pa.Table:
    rows: list[tuple[str, str, str]] = []
    values = header_rules()["all_orders"]["values"]
    for canonical, aliases in values["fulfillment-channel"].items():
        code = "afn" if canonical == "Amazon" else "mfn"
        rows += [("fulfillment-channel", a.strip().casefold(), code) for a in aliases]
    for canonical, aliases in values["status"].items():
        rows += [("status", a.strip().casefold(), canonical) for a in aliases]
    return pa.table(
        {
            "col": [r[0] for r in rows],
            "alias": [r[1] for r in rows],
            "canonical": [r[2] for r in rows],
        }
    )


def _marketplace_table() -> pa.Table:
    entries = marketplaces().marketplaces
    return pa.table(
        {
            "key": [m.sales_channel.casefold() for m in entries],
            "code": [m.code for m in entries],
            "tz": [m.timezone for m in entries],
        }
    )


def parse_all_orders(source: SourceFile, raw: RawTable, locale: str) -> ParsedReport:
    """Turn All Orders rows into canonical orders and items, with a problem for each bad row."""
    con = scratch()
    table = raw.table
    for column in OPTIONAL:
        if column not in table.column_names:
            table = table.append_column(column, pa.array([""] * table.num_rows, pa.string()))
    con.register("raw", table)
    con.register("mp", _marketplace_table())
    con.register("vals", _value_aliases())
    con.execute(
        f"""
        CREATE TABLE rows AS
        SELECT r.__line AS line,
               trim(r."amazon-order-id") AS order_id,
               trim(r."sales-channel") AS sales_channel,
               lower(trim(r."sales-channel")) = '{NON_AMAZON}' AS non_amazon,
               mp.code AS marketplace,
               mp.tz AS tz,
               trim(r."fulfillment-channel") AS fulfillment_channel,
               fc.canonical AS channel,
               trim(r."purchase-date") AS purchase_text,
               {timestamp_sql('r."purchase-date"', "mp.tz")} AS purchase_ts,
               trim(r."last-updated-date") AS updated_text,
               {timestamp_sql('r."last-updated-date"', "mp.tz")} AS last_updated_ts,
               coalesce(os.canonical, nullif(trim(r."order-status"), '')) AS order_status,
               coalesce(ist.canonical, nullif(trim(r."item-status"), '')) AS item_status,
               nullif(trim(r.sku), '') AS sku,
               nullif(trim(r.asin), '') AS asin,
               nullif(trim(r."product-name"), '') AS product_name,
               trim(r.quantity) AS quantity_text,
               try_cast(nullif(trim(r.quantity), '') AS INTEGER) AS quantity
        FROM raw r
        LEFT JOIN mp ON mp.key = lower(trim(r."sales-channel"))
        LEFT JOIN vals fc ON fc.col = 'fulfillment-channel'
            AND fc.alias = lower(trim(r."fulfillment-channel"))
        LEFT JOIN vals os ON os.col = 'status' AND os.alias = lower(trim(r."order-status"))
        LEFT JOIN vals ist ON ist.col = 'status' AND ist.alias = lower(trim(r."item-status"))
        """
    )
    checks = """
        SELECT line, 'amazon-order-id' AS col, 'order_id' AS code, '' AS value FROM rows
            WHERE NOT non_amazon AND order_id = ''
        UNION ALL SELECT line, 'sales-channel', 'sales_channel', sales_channel FROM rows
            WHERE NOT non_amazon AND marketplace IS NULL
        UNION ALL SELECT line, 'purchase-date', 'purchase_date', purchase_text FROM rows
            WHERE NOT non_amazon AND marketplace IS NOT NULL AND purchase_ts IS NULL
        UNION ALL SELECT line, 'last-updated-date', 'last_updated', updated_text FROM rows
            WHERE NOT non_amazon AND marketplace IS NOT NULL AND updated_text <> ''
              AND last_updated_ts IS NULL
        UNION ALL SELECT line, 'fulfillment-channel', 'fulfillment_channel', fulfillment_channel
            FROM rows WHERE NOT non_amazon AND channel IS NULL
        UNION ALL SELECT line, 'quantity', 'quantity', quantity_text FROM rows
            WHERE NOT non_amazon AND quantity_text <> '' AND quantity IS NULL
    """
    problems, _ = collect_problems(con, source.name, checks, MESSAGES)
    con.execute(f"CREATE TABLE bad AS SELECT DISTINCT line FROM ({checks})")
    rejected = count_of(con, "SELECT count(*) FROM bad")
    skipped = count_of(con, "SELECT count(*) FROM rows WHERE non_amazon")
    con.execute(
        "CREATE TABLE good AS SELECT * FROM rows WHERE NOT non_amazon "
        "AND line NOT IN (SELECT line FROM bad)"
    )
    orders = con.sql(
        """
        SELECT order_id,
               arg_min(marketplace, line) AS marketplace,
               arg_min(channel, line) AS channel,
               min(purchase_ts) AS purchase_ts,
               CAST(timezone(arg_min(tz, line), min(purchase_ts)) AS DATE) AS purchase_day,
               max(last_updated_ts) AS last_updated_ts,
               CAST(timezone(arg_min(tz, line), max(last_updated_ts)) AS DATE) AS last_updated_day,
               arg_max(order_status, line) AS order_status,
               CAST(count(*) AS INTEGER) AS item_count,
               CAST(count(*) FILTER (WHERE item_status = 'Cancelled'
                                      OR order_status = 'Cancelled') AS INTEGER) AS cancelled_items,
               hash(arg_min(marketplace, line), arg_min(channel, line), min(purchase_ts),
                    max(last_updated_ts), arg_max(order_status, line),
                    list(concat_ws('|', sku, asin, item_status, quantity, product_name)
                         ORDER BY line)) AS row_hash
        FROM good GROUP BY order_id
        """
    ).to_arrow_table()
    items = con.sql(
        "SELECT order_id, line, sku, asin, product_name, item_status, quantity FROM good"
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
        rows_read=table.num_rows + len(raw.problems),
        tables={"orders": orders, "order_items": items},
        problems=sorted(raw.problems + problems, key=lambda p: (p.line or 0, p.column or "")),
        rejected=rejected + len(raw.problems),
        skipped=skipped,
        notes=notes,
    )
