"""The Seller Feedback report: 6 or 9 columns, localized headers, locale date formats."""

from __future__ import annotations

from reinstate.ingest.delimited import RawTable
from reinstate.ingest.headers import header_rules
from reinstate.ingest.parsed import ParsedReport, collect_problems, count_of, staged
from reinstate.ingest.source import SourceFile

# The columns the parser reads (comments and responses are optional: empty when absent).
USED = ("date", "rating", "order-id", "comments", "response")

# Which part of a `a/b/c` date is the year, month and day, per date order.
_ORDERS = {"mdy": ("c", "a", "b"), "dmy": ("c", "b", "a"), "ymd": ("a", "b", "c")}
ORDER_NAMES = {"mdy": "month/day/year", "dmy": "day/month/year", "ymd": "year/month/day"}
# English feedback dates: month first in the Americas and Japan's English files, day first elsewhere.
MONTH_FIRST_MARKETPLACES = ("US", "CA", "MX")


def _date_sql(order: str) -> str:
    year, month, day = _ORDERS[order]
    y = f"try_cast({year} AS INTEGER)"
    return (
        f"try(make_date(CASE WHEN length({year}) <= 2 THEN 2000 + {y} ELSE {y} END, "
        f"try_cast({month} AS INTEGER), try_cast({day} AS INTEGER)))"
    )


def parse_feedback(
    source: SourceFile, raw: RawTable, locale: str, marketplace_hint: str | None = None
) -> ParsedReport:
    """Parse feedback rows (ratings 1-5; rater e-mails are personal data and are dropped)."""
    candidates: list[str] = list(
        header_rules()["feedback"]["date_formats"].get(locale, ["mdy", "dmy"])
    )
    con = raw.con
    con.execute(
        r"""
        CREATE OR REPLACE TEMP TABLE parts AS
        SELECT __line, trim("date") AS date_text, trim(rating) AS rating_text,
               trim("order-id") AS order_id, nullif(trim(comments), '') AS comments,
               nullif(trim(response), '') AS response,
               regexp_extract(trim("date"), '^([0-9]{1,4})[./-]([0-9]{1,2})[./-]([0-9]{1,4})',
                              ['a', 'b', 'c']) AS p
        FROM raw
        """
    )
    counts = {
        order: int(
            con.execute(
                f"SELECT count(*) FROM (SELECT p.a AS a, p.b AS b, p.c AS c FROM parts "
                f"WHERE date_text <> '') WHERE {_date_sql(order)} IS NOT NULL"
            ).fetchall()[0][0]
        )
        for order in candidates
    }
    best = max(counts.values()) if counts else 0
    fitting = [order for order in candidates if counts[order] == best]
    notes: list[str] = []
    chosen = fitting[0]
    if len(fitting) > 1:
        if marketplace_hint:
            chosen = "mdy" if marketplace_hint in MONTH_FIRST_MARKETPLACES else "dmy"
            chosen = chosen if chosen in fitting else fitting[0]
            notes.append(
                f"Dates fit both {' and '.join(ORDER_NAMES[o] for o in fitting)}; read as "
                f"{ORDER_NAMES[chosen]} because the orders are on the {marketplace_hint} marketplace."
            )
        else:
            notes.append(
                f"Dates fit both {' and '.join(ORDER_NAMES[o] for o in fitting)}; read as "
                f"{ORDER_NAMES[chosen]}. Import the orders report first so the marketplace decides."
            )
    expected = {"mdy": "10/31/2026", "dmy": "31/10/2026 or 31.10.2026", "ymd": "2026/10/31"}[chosen]
    messages = {
        "date": f"date '{{value}}' is not a {ORDER_NAMES[chosen]} date like {expected}, "
        "which the other rows of this file use.",
        "rating": "rating '{value}' is not a whole number of stars from 1 to 5.",
        "order": "the order id is empty; every feedback row needs the order it is about.",
    }
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE typed AS
        SELECT __line, order_id, date_text, rating_text, comments, response,
               (SELECT {_date_sql(chosen)} FROM (SELECT p.a AS a, p.b AS b, p.c AS c)) AS feedback_day,
               try_cast(rating_text AS INTEGER) AS rating
        FROM parts
        """
    )
    checks = """
        SELECT __line, 'Order ID', 'order', '' FROM typed WHERE order_id = ''
        UNION ALL SELECT __line, 'Date', 'date', date_text FROM typed WHERE feedback_day IS NULL
        UNION ALL SELECT __line, 'Rating', 'rating', rating_text FROM typed
            WHERE coalesce(rating NOT BETWEEN 1 AND 5, true)
    """
    problems, _ = collect_problems(con, source.name, checks, messages)
    con.execute(f"CREATE OR REPLACE TEMP TABLE bad AS SELECT DISTINCT __line FROM ({checks})")
    rejected = count_of(con, "SELECT count(*) FROM bad")
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {staged("feedback")} AS
        WITH good AS (
            SELECT * FROM typed WHERE __line NOT IN (SELECT __line FROM bad)
            QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY __line DESC) = 1
        )
        SELECT order_id, feedback_day, CAST(rating AS INTEGER) AS rating, comments, response,
               hash(order_id, feedback_day, rating, comments, response) AS row_hash
        FROM good
        """
    )
    return ParsedReport(
        kind="feedback",
        encoding=raw.encoding,
        locale=f"{locale}:{chosen}",
        rows_read=raw.rows + len(raw.problems),
        tables={"feedback": staged("feedback")},
        problems=sorted(raw.problems + problems, key=lambda p: (p.line or 0, p.column or "")),
        rejected=rejected + len(raw.problems),
        notes=notes,
        needs_marketplace_hint=len(fitting) > 1 and not marketplace_hint,
    )
