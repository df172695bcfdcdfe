"""The All Orders flat file: one row per order item, tab-separated, columns found by name."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from reinstate.domain.problems import Problem
from reinstate.ingest.dates import DateContext, DateStyle, decide, parts_sql, styled
from reinstate.ingest.delimited import RawTable, read_delimited
from reinstate.ingest.headers import header_rules
from reinstate.ingest.parsed import (
    ParsedReport,
    clean_sql,
    collect_problems,
    count_of,
    drop_temporary,
    staged,
    timestamp_sql,
)
from reinstate.ingest.rows import FIELDS, WRITTEN, fold_shifted, spill_check, spill_message
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
    """SQL mapping a cell to a canonical value, by its alias compared case-insensitively.

    The aliases as the rules spell them are tried first: that is how reports write them, and it
    spares lower-casing every cell of a large file.
    """
    exact = " ".join(f"WHEN {_text(alias)} THEN {_text(value)}" for alias, value in pairs)
    folded = " ".join(
        f"WHEN {_text(alias.casefold())} THEN {_text(value)}" for alias, value in pairs
    )
    return f"CASE {cell} {exact} ELSE CASE lower({cell}) {folded} ELSE {otherwise} END END"


def _value_pairs(column: str) -> list[tuple[str, str]]:
    values = header_rules()["all_orders"]["values"][column]
    if column == "fulfillment-channel":
        return [
            (alias.strip(), "afn" if canonical == "Amazon" else "mfn")
            for canonical, aliases in values.items()
            for alias in aliases
        ]
    return [
        (alias.strip(), canonical) for canonical, aliases in values.items() for alias in aliases
    ]


def _zone() -> str:
    """SQL for the time zone of the row's `marketplace` code."""
    return _lookup("marketplace", [(m.code, m.timezone) for m in marketplaces().marketplaces])


def _shape(cells: str, width: int) -> str:
    """The query that types All Orders text cells in the CSV scan itself.

    Each cell is trimmed once; look-ups and casts read the trimmed text. A row that fails a check
    keeps, in `bad_cells`, its cells as written (trimmed) for its problem; good rows carry no text
    beyond what is stored.
    """
    entries = marketplaces().marketplaces
    trimmed = {
        "order_id": "amazon-order-id",
        "sales_channel_text": "sales-channel",
        "fulfillment_text": "fulfillment-channel",
        "order_status_text": "order-status",
        "item_status_text": "item-status",
        "sku_text": "sku",
        "asin_text": "asin",
        "product_name_text": "product-name",
        "purchase_text": "purchase-date",
        "updated_text": "last-updated-date",
        "quantity_text": "quantity",
    }
    status = {
        name: _lookup(f"{name}_text", _value_pairs("status"), f"nullif({name}_text, '')")
        for name in ("order_status", "item_status")
    }
    texts = (
        "sales_channel_text",
        "fulfillment_text",
        "purchase_text",
        "updated_text",
        "quantity_text",
    )
    zone = _zone()
    return f"""
        SELECT * EXCLUDE ({", ".join(texts)}),
               CASE WHEN NOT non_amazon AND ({FIELDS} > {width} OR
                   order_id = '' OR marketplace IS NULL OR purchase_ts IS NULL OR channel IS NULL
                   OR (updated_text <> '' AND last_updated_ts IS NULL)
                   OR (quantity_text <> '' AND quantity IS NULL))
               THEN {{{", ".join(f"'{t}': {t}" for t in texts)}}} END AS bad_cells
        FROM (
        SELECT *,
               marketplace IS NULL AND lower(sales_channel_text) = '{NON_AMAZON}' AS non_amazon,
               {timestamp_sql("purchase_text", zone)} AS purchase_ts,
               {timestamp_sql("updated_text", zone)} AS last_updated_ts,
               try_cast(nullif(quantity_text, '') AS INTEGER) AS quantity
        FROM (
        SELECT order_id,
               {_lookup("sales_channel_text", [(m.sales_channel, m.code) for m in entries])}
                   AS marketplace,
               {_lookup("fulfillment_text", _value_pairs("fulfillment-channel"))} AS channel,
               {status["order_status"]} AS order_status,
               {status["item_status"]} AS item_status,
               nullif(sku_text, '') AS sku,
               nullif(asin_text, '') AS asin,
               nullif(product_name_text, '') AS product_name,
               {", ".join(texts)}, {FIELDS}, {WRITTEN}
        FROM (
        SELECT {", ".join(f"{clean_sql(f'r.{chr(34)}{column}{chr(34)}')} AS {name}" for name, column in trimmed.items())},
               {FIELDS}, {WRITTEN}
        FROM {cells}
        )))
        """


def read_all_orders(
    con: duckdb.DuckDBPyConnection, source: SourceFile, columns: dict[str, int], encoding: str
) -> RawTable:
    """Read and type an All Orders file in one scan (see `_shape`)."""
    width = len(source.header)
    return read_delimited(con, source, columns, encoding, USED, lambda cells: _shape(cells, width))


# The date columns, by the name of their text in `bad_cells` and of their typed value.
_DATES = {
    "purchase-date": ("purchase_text", "purchase_ts"),
    "last-updated-date": ("updated_text", "last_updated_ts"),
}


def _counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    skipped, rejected = con.execute(
        "SELECT count(*) FILTER (WHERE non_amazon), count(*) FILTER (WHERE bad_cells IS NOT NULL) "
        "FROM raw"
    ).fetchall()[0]
    return int(skipped or 0), int(rejected or 0)


def _read_styled_dates(
    con: duckdb.DuckDBPyConnection, source: SourceFile, locale: str, dates: DateContext
) -> dict[str, DateStyle]:
    """Read the dates of rows that are not ISO 8601 (`10/03/26 10:00`), in the file's style.

    Only rows that failed a check are looked at, so an ISO file costs nothing. Their instants
    are filled in, and `bad_cells` cleared for the rows nothing else is wrong with.
    """
    shaped = " OR ".join(f"{styled(parts_sql(f'bad_cells.{text}'))}" for text, _ in _DATES.values())
    if not count_of(con, f"SELECT count(*) FROM raw WHERE bad_cells IS NOT NULL AND ({shaped})"):
        return {}
    styles = {
        column: decide(
            con,
            source.name,
            column,
            f"SELECT __line AS line, bad_cells.{text} AS cell FROM raw WHERE bad_cells IS NOT NULL",
            context=dates,
            marketplaces=lambda: {
                str(m)
                for (m,) in con.execute(
                    "SELECT DISTINCT marketplace FROM raw WHERE marketplace IS NOT NULL"
                ).fetchall()
            },
            locale=locale,
        )
        for column, (text, _) in _DATES.items()
    }
    zone = _zone()
    filled = ", ".join(
        f"coalesce({typed}, CASE WHEN bad_cells IS NOT NULL THEN "
        f"{styles[column].timestamp_sql(parts_sql(f'bad_cells.{text}'), zone)} END) AS {typed}"
        for column, (text, typed) in _DATES.items()
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE raw_dated AS
        SELECT * REPLACE (CASE WHEN bad_cells IS NOT NULL AND ({FIELDS} > {len(source.header)} OR
                   order_id = '' OR marketplace IS NULL OR purchase_ts IS NULL OR channel IS NULL
                   OR (bad_cells.updated_text <> '' AND last_updated_ts IS NULL)
                   OR (bad_cells.quantity_text <> '' AND quantity IS NULL))
               THEN bad_cells END AS bad_cells)
        FROM (SELECT * REPLACE ({filled}) FROM raw)
        """
    )
    drop_temporary(con, "raw")
    con.execute("ALTER TABLE raw_dated RENAME TO raw")
    return styles


def _date_code(styles: dict[str, DateStyle], column: str, code: str, text: str) -> str:
    """SQL for a bad date's message code: its style's problem when it was written a/b/c."""
    if column not in styles:
        return f"'{code}'"
    parts = parts_sql(text)
    return (
        f"CASE WHEN {styled(parts)} THEN '{code}:' || "
        f"coalesce({styles[column].problem_code_sql(parts)}, 'style') ELSE '{code}' END"
    )


def parse_all_orders(
    source: SourceFile, raw: RawTable, locale: str, dates: DateContext | None = None
) -> ParsedReport:
    """Turn typed All Orders rows into canonical orders and items, with a problem per bad row."""
    con = raw.con
    zone = _zone()
    skipped, rejected = _counts(con)
    problems: list[Problem] = []
    styles: dict[str, DateStyle] = {}
    if rejected:
        styles = _read_styled_dates(con, source, locale, dates or DateContext())
        if styles:
            skipped, rejected = _counts(con)
    messages: dict[str, str | Callable[[str], str]] = dict(MESSAGES)
    for column, style in styles.items():
        code = "purchase_date" if column == "purchase-date" else "last_updated"
        messages[f"{code}:style"] = style.message("style")
        messages[f"{code}:ambiguous"] = style.message("ambiguous")
    if rejected:
        # The bad rows are few, usually none; their problems come from this small table.
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE bad AS
            SELECT __line AS line, order_id, marketplace, purchase_ts, last_updated_ts, channel,
                   quantity, {FIELDS}, bad_cells.*
            FROM raw WHERE bad_cells IS NOT NULL
            """
        )
        purchase_code = _date_code(styles, "purchase-date", "purchase_date", "purchase_text")
        updated_code = _date_code(styles, "last-updated-date", "last_updated", "updated_text")
        checks = f"""
            SELECT line, 'amazon-order-id' AS col, 'order_id' AS code, '' AS value FROM bad
                WHERE order_id = ''
            UNION ALL SELECT line, 'sales-channel', 'sales_channel', sales_channel_text
                FROM bad WHERE marketplace IS NULL
            UNION ALL SELECT line, 'purchase-date', {purchase_code}, purchase_text FROM bad
                WHERE marketplace IS NOT NULL AND purchase_ts IS NULL
            UNION ALL SELECT line, 'last-updated-date', {updated_code}, updated_text FROM bad
                WHERE marketplace IS NOT NULL AND updated_text <> '' AND last_updated_ts IS NULL
            UNION ALL SELECT line, 'fulfillment-channel', 'fulfillment_channel', fulfillment_text
                FROM bad WHERE channel IS NULL
            UNION ALL SELECT line, 'quantity', 'quantity', quantity_text FROM bad
                WHERE quantity_text <> '' AND quantity IS NULL
            UNION ALL {spill_check("bad", raw.width, "line")}
        """
        messages["fields:spill"] = spill_message(raw.width)
        problems, _ = collect_problems(con, source.name, checks, messages)
        problems = fold_shifted(con, "raw", problems, raw.width, raw.positions)
    good = "NOT non_amazon AND bad_cells IS NULL"
    # The content hash is order-insensitive over the items (a sum of item hashes), so the same
    # order read again from a re-sorted file is recognised as unchanged.
    # Days are in the marketplace's own time zone, worked out once per order.
    con.execute(
        f"""
        CREATE OR REPLACE TEMP VIEW {staged("orders")} AS
        WITH orders AS (
        SELECT order_id,
               arg_min(marketplace, __line) AS marketplace,
               arg_min(channel, __line) AS channel,
               min(purchase_ts) AS purchase_ts,
               max(last_updated_ts) AS last_updated_ts,
               arg_max(order_status, __line) AS order_status,
               CAST(count(*) AS INTEGER) AS item_count,
               CAST(count(*) FILTER (WHERE item_status = 'Cancelled'
                                      OR order_status = 'Cancelled') AS INTEGER) AS cancelled_items,
               hash(min(purchase_ts), max(last_updated_ts), arg_max(order_status, __line),
                    sum(hash(marketplace, channel, sku, asin, item_status, quantity,
                             product_name)::HUGEINT)) AS row_hash
        FROM raw WHERE {good} GROUP BY order_id
        )
        SELECT order_id, marketplace, channel, purchase_ts,
               CAST(timezone({zone}, purchase_ts) AS DATE) AS purchase_day,
               last_updated_ts,
               CAST(timezone({zone}, last_updated_ts) AS DATE) AS last_updated_day,
               order_status, item_count, cancelled_items, row_hash
        FROM orders
        """
    )
    # Views: the orders are grouped, and the items copied, once, straight into the store.
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {staged('order_items')} AS "
        "SELECT order_id, __line AS line, sku, asin, product_name, item_status, quantity FROM raw "
        f"WHERE {good}"
    )
    notes = raw.notes + [note for style in styles.values() for note in style.notes]
    problems += [style.refusal for style in styles.values() if style.refusal]
    if skipped:
        notes.append(
            f"{skipped} Non-Amazon (multi-channel fulfilment) rows skipped: they are not "
            "marketplace orders."
        )
    marketplaces = {
        str(code)
        for (code,) in con.execute(
            f"SELECT DISTINCT marketplace FROM raw WHERE {good} AND marketplace IS NOT NULL"
        ).fetchall()
    }
    return ParsedReport(
        kind="all_orders",
        encoding=raw.encoding,
        locale=locale,
        rows_read=raw.rows + len(raw.problems),
        tables={"orders": staged("orders"), "order_items": staged("order_items")},
        problems=sorted(raw.problems + problems, key=lambda p: (p.line or 0, p.column or "")),
        rejected=rejected + len(raw.problems),
        skipped=skipped,
        notes=notes,
        marketplaces=marketplaces,
    )
