"""Reinstate's own two files: MFN fulfilment events and defect outcomes (docs/file-formats.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reinstate.domain.health.metrics import MAX_HANDLING_DAYS
from reinstate.ingest.dates import DateContext, DateStyle, decide, parts_sql, styled
from reinstate.ingest.delimited import RawTable
from reinstate.ingest.parsed import ParsedReport, collect_problems, count_of, staged
from reinstate.ingest.rows import fold_shifted, spill_check, spill_message
from reinstate.ingest.source import SourceFile
from reinstate.rules import defect_rules

_OFFSET = "'(Z|[+-][0-9]{2}:?[0-9]{2})$'"
# Only a four-digit first field is read as ISO 8601: DuckDB would take 10-03-26 for the year 10.
_YEAR_FIRST = "'^[0-9]{4}[^0-9]'"
_DATE_HINT = "use ISO 8601 such as 2026-10-01T14:00:00+09:00, or a plain date such as 2026-10-01"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a Reinstate file: its name, type and (for enumerations) allowed values."""

    name: str
    kind: str  # "id" | "when" | "days" | "flag" | "enum" | "text"
    target: str
    allowed: tuple[str, ...] = ()
    required: bool = False


FULFILMENT = (
    Column("amazon-order-id", "id", "order_id", required=True),
    Column("latest-ship-date", "when", "latest_ship"),
    Column("handling-days", "days", "handling_days"),
    Column("ship-confirm-date", "when", "ship_confirm"),
    Column("carrier", "text", "carrier"),
    Column("tracking-number", "text", "tracking_number"),
    Column("valid-tracking", "flag", "valid_tracking"),
    Column("promised-delivery-date", "when", "promised_delivery"),
    Column("delivered-date", "when", "delivered"),
    Column("cancelled-by", "enum", "cancelled_by", ("buyer", "seller", "amazon")),
    Column("cancel-date", "when", "cancel"),
)


def defect_columns() -> tuple[Column, ...]:
    """Return the defects file's columns; allowed types and outcomes come from the rule data."""
    rules = defect_rules()
    outcomes = tuple(sorted({o for known in rules.known_outcomes.values() for o in known}))
    return (
        Column("amazon-order-id", "id", "order_id", required=True),
        Column("defect-type", "enum", "defect_type", tuple(rules.known_outcomes), required=True),
        Column("defect-date", "when", "defect", required=True),
        Column("outcome", "enum", "outcome", outcomes, required=True),
    )


def _cell(column: Column) -> str:
    return f"nullif(trim(r.\"{column.name}\"), '')"


def _when(column: Column, style: DateStyle) -> tuple[str, str]:
    """SQL for a date column's instant (written with an offset) and day (written without)."""
    cell = _cell(column)
    offset = f"regexp_matches({cell}, {_OFFSET})"
    year_first = f"regexp_matches({cell}, {_YEAR_FIRST})"
    parts = parts_sql(cell)
    instant = f"CASE WHEN {year_first} AND {offset} THEN try_cast({cell} AS TIMESTAMPTZ) END"
    day = (
        f"CASE WHEN {offset} THEN NULL WHEN {year_first} THEN "
        f"coalesce(CAST(try_cast({cell} AS TIMESTAMP) AS DATE), {style.day_sql(parts)}) "
        f"ELSE {style.day_sql(parts)} END"
    )
    return instant, day


def _select(column: Column, styles: dict[str, DateStyle]) -> list[str]:
    cell = _cell(column)
    if column.kind == "when":
        instant, day = _when(column, styles[column.name])
        return [f"{instant} AS {column.target}_ts", f"{day} AS {column.target}_day"]
    if column.kind == "days":
        return [f"try_cast({cell} AS INTEGER) AS {column.target}"]
    if column.kind == "flag":
        return [
            (
                f"CASE upper({cell}) WHEN 'Y' THEN true WHEN 'YES' THEN true WHEN 'N' THEN false "
                f"WHEN 'NO' THEN false END AS {column.target}"
            )
        ]
    if column.kind == "enum":
        return [f"lower({cell}) AS {column.target}"]
    return [f"{cell} AS {column.target}"]


def _checks(column: Column, styles: dict[str, DateStyle]) -> list[str]:
    cell = _cell(column)
    label = f"'{column.name}'"
    out = []
    if column.required:
        out.append(
            f"SELECT __line, {label}, 'empty:{column.name}', '' FROM raw r WHERE {cell} IS NULL"
        )
    if column.kind == "when":
        style = styles[column.name]
        instant, day = _when(column, style)
        parts = parts_sql(cell)
        code = (
            f"CASE WHEN {styled(parts)} THEN 'when:{column.name}:' || "
            f"coalesce({style.problem_code_sql(parts)}, 'style') ELSE 'when:{column.name}' END"
        )
        out.append(
            f"SELECT __line, {label}, {code}, {cell} FROM raw r "
            f"WHERE {cell} IS NOT NULL AND ({instant}) IS NULL AND ({day}) IS NULL"
        )
    elif column.kind == "days":
        out.append(
            f"SELECT __line, {label}, 'days:{column.name}', {cell} FROM raw r "
            f"WHERE {cell} IS NOT NULL AND coalesce(try_cast({cell} AS INTEGER) NOT BETWEEN 0 AND {MAX_HANDLING_DAYS}, true)"
        )
    elif column.kind == "flag":
        out.append(
            f"SELECT __line, {label}, 'flag:{column.name}', {cell} FROM raw r "
            f"WHERE {cell} IS NOT NULL AND upper({cell}) NOT IN ('Y', 'N', 'YES', 'NO')"
        )
    elif column.kind == "enum":
        values = ", ".join(f"'{v}'" for v in column.allowed)
        out.append(
            f"SELECT __line, {label}, 'enum:{column.name}', {cell} FROM raw r "
            f"WHERE {cell} IS NOT NULL AND lower({cell}) NOT IN ({values})"
        )
    return out


def _messages(
    columns: tuple[Column, ...], styles: dict[str, DateStyle]
) -> dict[str, str | Callable[[str], str]]:
    messages: dict[str, str | Callable[[str], str]] = {}
    for c in columns:
        if c.name in styles:
            messages[f"when:{c.name}:style"] = styles[c.name].message("style")
            messages[f"when:{c.name}:ambiguous"] = styles[c.name].message("ambiguous")
        messages[f"empty:{c.name}"] = f"{c.name} is empty; every row needs one."
        messages[f"when:{c.name}"] = f"{c.name} '{{value}}' is not a date; {_DATE_HINT}."
        messages[f"days:{c.name}"] = (
            f"{c.name} '{{value}}' is not a whole number of days from 0 to {MAX_HANDLING_DAYS}."
        )
        messages[f"flag:{c.name}"] = f"{c.name} '{{value}}' must be Y, N or empty (unknown)."
        messages[f"enum:{c.name}"] = (
            f"{c.name} '{{value}}' is not one of: {', '.join(c.allowed)}."
            + (" Leave it empty when nobody cancelled." if c.name == "cancelled-by" else "")
        )
    return messages


def _parse(
    source: SourceFile,
    raw: RawTable,
    columns: tuple[Column, ...],
    key: tuple[str, ...],
    kind: str,
    table_name: str,
    extra_checks: list[str] | None = None,
    extra_messages: dict[str, str] | None = None,
    dates: DateContext | None = None,
) -> ParsedReport:
    con = raw.con
    dates = dates or DateContext()
    lookup = dates.marketplaces_of
    styles = {
        c.name: decide(
            con,
            source.name,
            c.name,
            f"SELECT __line AS line, {_cell(c)} AS cell FROM raw r",
            context=dates,
            marketplaces=lambda: (
                lookup('SELECT trim("amazon-order-id") AS order_id FROM raw') if lookup else set()
            ),
            locale=None,
        )
        for c in columns
        if c.kind == "when"
    }
    checks = [check for c in columns for check in _checks(c, styles)] + (extra_checks or [])
    query = " UNION ALL ".join([*checks, spill_check("raw", raw.width)])
    messages = _messages(columns, styles) | (extra_messages or {})
    messages["fields:spill"] = spill_message(raw.width)
    problems, _ = collect_problems(con, source.name, query, messages)
    problems = fold_shifted(con, "raw", problems, raw.width, raw.positions)
    con.execute(f"CREATE OR REPLACE TEMP TABLE bad AS SELECT DISTINCT __line FROM ({query})")
    rejected = count_of(con, "SELECT count(*) FROM bad")
    selects = ", ".join(s for c in columns for s in _select(c, styles))
    targets = ", ".join(key)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {staged(table_name)} AS
        WITH good AS (
            SELECT r.__line, {selects} FROM raw r
            WHERE r.__line NOT IN (SELECT __line FROM bad)
        ), latest AS (
            SELECT * EXCLUDE (__line) FROM good QUALIFY
            row_number() OVER (PARTITION BY {targets} ORDER BY __line DESC) = 1
        )
        SELECT l.*, hash(l) AS row_hash FROM latest l
        """
    )
    duplicates = raw.rows - rejected - count_of(con, f"SELECT count(*) FROM {staged(table_name)}")
    notes = raw.notes + [note for style in styles.values() for note in style.notes]
    refusals = [style.refusal for style in styles.values() if style.refusal]
    if duplicates > 0:
        notes.append(
            f"{duplicates} repeated rows for the same key: the last one in the file was kept."
        )
    return ParsedReport(
        kind=kind,
        encoding=raw.encoding,
        locale=None,
        rows_read=raw.rows + len(raw.problems),
        tables={table_name: staged(table_name)},
        problems=sorted(
            raw.problems + problems + refusals, key=lambda p: (p.line or 0, p.column or "")
        ),
        rejected=rejected + len(raw.problems),
        notes=notes,
    )


def parse_fulfilment(
    source: SourceFile, raw: RawTable, dates: DateContext | None = None
) -> ParsedReport:
    """Parse a fulfilment events file into canonical fulfilment rows, one per order."""
    return _parse(source, raw, FULFILMENT, ("order_id",), "fulfilment", "fulfilment", dates=dates)


def parse_defects(
    source: SourceFile, raw: RawTable, dates: DateContext | None = None
) -> ParsedReport:
    """Parse a defect outcomes file; each outcome must be one its defect type can have."""
    rules = defect_rules()
    columns = defect_columns()
    pairs = " OR ".join(
        f"(lower(trim(r.\"defect-type\")) = '{kind}' AND lower(trim(r.outcome)) IN "
        f"({', '.join(repr(o) for o in known)}))"
        for kind, known in rules.known_outcomes.items()
    )
    mismatch = (
        "SELECT __line, 'outcome', 'pair', concat(trim(r.outcome), ' for ', trim(r.\"defect-type\")) "
        'FROM raw r WHERE lower(trim(r."defect-type")) IN '
        f"({', '.join(repr(k) for k in rules.known_outcomes)}) "
        f"AND lower(trim(r.outcome)) IN ({', '.join(repr(o) for o in columns[3].allowed)}) "
        f"AND NOT ({pairs})"
    )
    allowed = "; ".join(f"{k}: {', '.join(v)}" for k, v in rules.known_outcomes.items())
    return _parse(
        source,
        raw,
        columns,
        ("order_id", "defect_type"),
        "defects",
        "defect_outcomes",
        [mismatch],
        {"pair": f"outcome '{{value}}' is not possible; outcomes by defect type are {allowed}."},
        dates,
    )
