"""Rows with more or fewer fields than the header: read when they line up, rejected when shifted.

A report row whose last columns are empty may come with those trailing fields left off (31 fields
under a 32-column header), or with extra empty fields after the last column. Both are read: the
missing fields as empty, the extra empty ones as nothing, and one note per file says so. A row
whose fields do not line up with the header (a stray tab in the middle, a field lost) is rejected,
and its problem says at which column it breaks. Whether a row lines up is decided by its values:
the checks each report kind runs on its dates, numbers and codes.

DuckDB pads a short row with NULLs (`null_padding`); the reader turns every other empty cell into
'' (its NULL string is a character no report holds), so a NULL can only be a missing field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import duckdb

from reinstate.domain.problems import Problem
from reinstate.domain.wording import Sentence

# Both NULL when a row has exactly the header's fields:
FIELDS = "__fields"  # the fields a row has, up to its last non-empty extra field
WRITTEN = "__written"  # the fields as written, empty extra fields included
# More extra fields than this and a row is not read at all (it is a problem, as before).
MAX_EXTRA = 64


def field_count_sql(width: int, extra: int) -> list[str]:
    """SQL selecting `__written` and `__fields` over cells c0..c{width + extra - 1}.

    Both are NULL for a row of exactly the header's fields (nearly every row): a column of NULLs
    costs next to nothing to keep, so an ordinary file reads as fast as before.
    """
    missing = " + ".join(f"CAST(c{i} IS NULL AS INTEGER)" for i in range(width))
    present = " + ".join(f"CAST(c{i} IS NOT NULL AS INTEGER)" for i in range(width, width + extra))
    last_full = " ".join(
        f"WHEN coalesce(c{i}, '') <> '' THEN {i + 1}" for i in reversed(range(width, width + extra))
    )
    short = f"WHEN c{width - 1} IS NULL THEN {width} - ({missing})"
    if not extra:
        return [f"CASE {short} END AS {WRITTEN}", f"CASE {short} END AS {FIELDS}"]
    longer = f"WHEN c{width} IS NOT NULL THEN"
    return [
        f"CASE {short} {longer} {width} + {present} END AS {WRITTEN}",
        f"CASE {short} {longer} nullif(CASE {last_full} ELSE {width} END, {width}) END AS {FIELDS}",
    ]


def spill_check(relation: str, width: int, line: str = "__line") -> str:
    """SQL of (line, column, code, value) for rows with text past the header's last column."""
    return (
        f"SELECT {line}, NULL, 'fields:spill', CAST({FIELDS} AS VARCHAR) FROM {relation} "
        f"WHERE {FIELDS} > {width}"
    )


def spill_message(width: int) -> Callable[[str], str]:
    """Return the sentence maker for a row with text past the header's last column."""
    return lambda value: Sentence(
        "has {fields} fields where the header has {width}, and the fields past the last column "
        "are not empty: a stray tab shifted the row, so it was not imported. Fix the row, or "
        "download the report again.",
        fields=int(value),
        width=width,
    )


def shape_note(con: duckdb.DuckDBPyConnection, table: str, width: int) -> list[str]:
    """Return the file's one note on short rows and on extra empty fields, if it has either."""
    short, first_line, first_fields, extra = con.execute(
        f"SELECT count(*) FILTER (WHERE {FIELDS} < {width}), "
        f"min(__line) FILTER (WHERE {FIELDS} < {width}), "
        f"arg_min({FIELDS}, __line) FILTER (WHERE {FIELDS} < {width}), "
        f"count(*) FILTER (WHERE {WRITTEN} > {width} AND {FIELDS} IS NULL) FROM {table}"
    ).fetchall()[0]
    notes: list[str] = []
    if short:
        notes.append(
            Sentence(
                (
                    "{count} rows have fewer fields than the header (line {line}: {fields} of "
                    "{width}); their missing last fields were read as empty."
                    if short > 1
                    else "1 row has fewer fields than the header (line {line}: {fields} of "
                    "{width}); its missing last fields were read as empty."
                ),
                count=int(short),
                line=int(first_line),
                fields=int(first_fields),
                width=width,
            )
        )
    if extra:
        notes.append(
            Sentence(
                (
                    "{count} rows end with empty fields past the header's last column; those "
                    "were ignored."
                    if extra > 1
                    else "1 row ends with empty fields past the header's last column; those "
                    "were ignored."
                ),
                count=int(extra),
            )
        )
    return [" ".join(notes)] if len(notes) == 2 else notes


def _position(column: str | None, header_positions: dict[str, int]) -> int:
    if column is None:
        return 1_000_000
    key = " ".join(column.strip().casefold().split()).replace(" ", "-")
    return header_positions.get(key, 999_999)


def fold_shifted(
    con: duckdb.DuckDBPyConnection,
    relation: str,
    problems: Sequence[Problem],
    width: int,
    header_positions: dict[str, int],
) -> list[Problem]:
    """Word the problems of rows with a field count unlike the header's as one shifted row each.

    A short or long row that fails a check has its fields out of line (even one whose extra
    fields are empty: a stray tab moved an empty last field past the end): its problem names the
    first column, in header order, whose value does not fit.
    """
    lines = sorted({p.line for p in problems if p.line is not None})
    if not lines:
        return list(problems)
    off = dict(
        con.execute(
            f"SELECT __line, {WRITTEN} FROM {relation} WHERE {WRITTEN} <> {width} "
            f"AND __line IN ({', '.join(str(n) for n in lines)})"
        ).fetchall()
    )
    if not off:
        return list(problems)
    kept: list[Problem] = [p for p in problems if p.line not in off]
    for line, fields in sorted(off.items()):
        own = sorted(
            (p for p in problems if p.line == line),
            key=lambda p: _position(p.column, header_positions),
        )
        first = own[0]
        if first.column is None:  # text past the last column: its sentence says so already
            kept.append(first)
            continue
        kept.append(
            Problem(
                first.file,
                line,
                first.column,
                Sentence(
                    "has {fields} fields where the header has {width}, and its values stop "
                    "lining up with the header at column {column}: {problem} A stray tab or a "
                    "lost field shifted the row, so it was not imported. Fix the row, or "
                    "download the report again.",
                    fields=int(fields),
                    width=width,
                    column=first.column,
                    problem=first.message,
                ),
            )
        )
    return sorted(kept, key=lambda p: (p.line or 0, p.column or ""))
