"""The Seller Feedback report: 6 or 9 columns, localized headers, locale date formats."""

from __future__ import annotations

from collections.abc import Callable

from reinstate.ingest.dates import DateContext, decide, parts_sql
from reinstate.ingest.delimited import RawTable
from reinstate.ingest.parsed import ParsedReport, collect_problems, count_of, staged
from reinstate.ingest.rows import fold_shifted, spill_check, spill_message
from reinstate.ingest.source import SourceFile

# The columns the parser reads (comments and responses are optional: empty when absent).
USED = ("date", "rating", "order-id", "comments", "response")


def parse_feedback(
    source: SourceFile, raw: RawTable, locale: str, dates: DateContext | None = None
) -> ParsedReport:
    """Parse feedback rows (ratings 1-5; rater e-mails are personal data and are dropped)."""
    dates = dates or DateContext()
    con = raw.con
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE parts AS
        SELECT __line, trim("date") AS date_text, trim(rating) AS rating_text,
               trim("order-id") AS order_id, nullif(trim(comments), '') AS comments,
               nullif(trim(response), '') AS response, {parts_sql('trim("date")')} AS p
        FROM raw
        """
    )
    lookup = dates.marketplaces_of
    style = decide(
        con,
        source.name,
        "Date",
        "SELECT __line AS line, date_text AS cell FROM parts WHERE date_text <> ''",
        context=dates,
        marketplaces=lambda: lookup("SELECT order_id FROM parts") if lookup else set(),
        locale=locale,
    )
    messages: dict[str, str | Callable[[str], str]] = {
        "date:style": style.message("style"),
        "date:ambiguous": style.message("ambiguous"),
        "rating": "rating '{value}' is not a whole number of stars from 1 to 5.",
        "order": "the order id is empty; every feedback row needs the order it is about.",
    }
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE typed AS
        SELECT __line, order_id, date_text, rating_text, comments, response,
               {style.day_sql("p")} AS feedback_day,
               'date:' || coalesce({style.problem_code_sql("p")}, 'style') AS date_code,
               try_cast(rating_text AS INTEGER) AS rating
        FROM parts
        """
    )
    checks = f"""
        SELECT __line, 'Order ID', 'order', '' FROM typed WHERE order_id = ''
        UNION ALL SELECT __line, 'Date', date_code, date_text FROM typed WHERE feedback_day IS NULL
        UNION ALL SELECT __line, 'Rating', 'rating', rating_text FROM typed
            WHERE coalesce(rating NOT BETWEEN 1 AND 5, true)
        UNION ALL {spill_check("raw", raw.width)}
    """
    messages["fields:spill"] = spill_message(raw.width)
    problems, _ = collect_problems(con, source.name, checks, messages)
    problems = fold_shifted(con, "raw", problems, raw.width, raw.positions)
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
        locale=f"{locale}:{style.style}" if style.style else locale,
        rows_read=raw.rows + len(raw.problems),
        tables={"feedback": staged("feedback")},
        problems=sorted(
            raw.problems + problems + ([style.refusal] if style.refusal else []),
            key=lambda p: (p.line or 0, p.column or ""),
        ),
        rejected=rejected + len(raw.problems),
        notes=raw.notes + style.notes,
    )
