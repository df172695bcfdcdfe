"""What a report parser hands to storage: typed temporary tables, problems, and counts.

Parsers work inside the store's own DuckDB connection, in temporary tables: the rows are read,
typed and checked where they are stored, and copied once, into the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from reinstate.domain.problems import Problem

# Keep the problems of one file to a readable, storable number; the counts stay exact.
MAX_PROBLEMS = 1_000


@dataclass(slots=True)
class ParsedReport:
    """One parsed file, ready to be written in one transaction.

    `tables` maps each store table to the temporary relation that holds its new rows.
    """

    kind: str
    encoding: str
    locale: str | None
    rows_read: int
    tables: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rejected: int = 0
    skipped: int = 0
    notes: list[str] = field(default_factory=list)
    # The marketplaces of the file's rows, when the parser knows them (else the store is asked).
    marketplaces: set[str] | None = None


def staged(table: str) -> str:
    """Return the name of the temporary relation holding a parsed file's rows for `table`."""
    return f"staged_{table}"


def stage_arrow(con: duckdb.DuckDBPyConnection, table: str, rows: pa.Table) -> str:
    """Copy Arrow rows into the temporary relation for `table`; return its name."""
    name = staged(table)
    con.register("arrow_rows", rows)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM arrow_rows")
    finally:
        con.unregister("arrow_rows")
    return name


def _temporary(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    rows = con.execute(
        "SELECT 'TABLE', table_name FROM duckdb_tables() WHERE temporary "
        "UNION ALL SELECT 'VIEW', view_name FROM duckdb_views() WHERE temporary AND NOT internal"
    ).fetchall()
    return {(str(kind), str(name)) for kind, name in rows}


def drop_temporary(con: duckdb.DuckDBPyConnection, *names: str) -> None:
    """Drop the temporary tables or views of these names, whichever they are, if they exist."""
    for kind, name in _temporary(con):
        if name in names:
            con.execute(f'DROP {kind} IF EXISTS temp.main."{name}"')


@contextmanager
def scratch_space(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Drop, on the way out, every temporary table and view created inside the block."""
    before = _temporary(con)
    try:
        yield con
    finally:
        # Views first: they may read the tables.
        for kind, name in sorted(_temporary(con) - before, key=lambda item: item[0] != "VIEW"):
            con.execute(f'DROP {kind} IF EXISTS temp.main."{name}"')


def clean_sql(column: str) -> str:
    """SQL for a text cell without surrounding spaces (trimming only the cells that need it)."""
    return f"CASE WHEN prefix({column}, ' ') OR suffix({column}, ' ') THEN trim({column}) ELSE {column} END"


def timestamp_sql(text: str, tz: str) -> str:
    """SQL for an ISO 8601 text cell as an instant: with an offset as written, else local to `tz`.

    `text` is already trimmed (see `clean_sql`). An offset is `Z`, `+hh:mm`, `+hhmm` (or `-`)
    after a time; a cheap suffix test, as this runs on every row of the largest file a seller has.
    """
    offset = (
        f"strpos({text}, ':') > 0 AND (suffix({text}, 'Z') OR substr({text}, -6, 1) IN ('+', '-') "
        f"OR substr({text}, -5, 1) IN ('+', '-'))"
    )
    # Only a four-digit year first is ISO 8601 (DuckDB reads 10-03-26 as the year 10); other
    # dates are left to `ingest.dates`, which decides their day/month order for the whole file.
    year_first = f"substr({text}, 5, 1) IN ('-', '/')"
    return (
        f"CASE WHEN {text} = '' OR NOT {year_first} THEN NULL "
        f"WHEN {offset} THEN try_cast({text} AS TIMESTAMPTZ) "
        f"ELSE timezone({tz}, try_cast({text} AS TIMESTAMP)) END"
    )


def count_of(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """Return the single number a `SELECT count(*) ...` query gives."""
    rows = con.execute(sql).fetchall()
    return int(rows[0][0]) if rows else 0


def _worded(message: str | Callable[[str], str], value: str) -> str:
    return message.format(value=value) if isinstance(message, str) else message(value)


def collect_problems(
    con: duckdb.DuckDBPyConnection,
    file: str,
    query: str,
    messages: Mapping[str, str | Callable[[str], str]],
) -> tuple[list[Problem], int]:
    """Run a query of (line, column, code, value) rows; return the first problems and the count.

    A message is a template with `{value}`, or a function of the value that words the sentence.
    """
    total = count_of(con, f"SELECT count(*) FROM ({query})")
    rows = con.execute(f"SELECT * FROM ({query}) ORDER BY 1, 2 LIMIT {MAX_PROBLEMS}").fetchall()
    problems = [
        Problem(
            file, int(line), column, _worded(messages[code], "" if value is None else str(value))
        )
        for line, column, code, value in rows
    ]
    return problems, total
