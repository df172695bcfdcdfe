"""Read a delimited report into a temporary DuckDB table, each row with its line in the file.

DuckDB's own CSV reader does the parsing (it is the fastest reader at hand and keeps the rows in
the engine that checks and stores them). A parser may pass a `shape`: a query over the text cells
that types them in the same scan, so the text is never materialised. DuckDB reads UTF-8 only, so
other encodings are transcoded to a UTF-8 copy first. Rows with the wrong number of fields come
back as problems with their line numbers; every other row keeps its line number in the file, so a
bad value can be pointed at.
"""

from __future__ import annotations

import codecs
import csv
import io
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from reinstate.domain.errors import DecodingError
from reinstate.domain.problems import Problem
from reinstate.ingest.parsed import drop_temporary
from reinstate.ingest.rows import MAX_EXTRA, field_count_sql, shape_note
from reinstate.ingest.source import SourceFile, count_lines

LINE = "__line"
_UTF8 = ("utf-8", "utf-8-sig")
# An impossible cell: DuckDB would otherwise read empty cells as NULL; parsers want ''.
_NEVER_NULL = "\x01"
_CHUNK = 8 * 1024 * 1024
_FIELD_COUNT = ("MISSING COLUMNS", "TOO MANY COLUMNS")
# DuckDB's reasons for rejecting a row, in words a seller can act on.
_REJECT_REASONS = {
    "UNQUOTED VALUE": 'a double quote (") opens a field that is not closed where the field ends',
    "LINE SIZE OVER MAXIMUM": "the line is longer than 16 MB",
}


@dataclass(slots=True)
class RawTable:
    """A report's rows in temporary table or view `raw` of `con`, each with its `__line`.

    The columns are the text cells under their canonical names, or what the parser's shape made
    of them.
    """

    con: duckdb.DuckDBPyConnection
    rows: int
    problems: list[Problem] = field(default_factory=list)
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)
    width: int = 0
    # Where each canonical column stands in the header, to say where a shifted row breaks.
    positions: dict[str, int] = field(default_factory=dict)


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@contextmanager
def _utf8_copy(source: SourceFile, encoding: str) -> Iterator[Path]:
    """Yield the path of the file as UTF-8: the file itself, or a transcoded temporary copy."""
    if encoding in _UTF8:
        yield source.path
        return
    folder = Path(tempfile.mkdtemp(prefix="reinstate-"))
    try:
        target = folder / "utf8.txt"
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        offset = 0
        with source.path.open("rb") as inp, target.open("wb") as out:
            while chunk := inp.read(_CHUNK):
                try:
                    out.write(decoder.decode(chunk).encode("utf-8"))
                except UnicodeDecodeError as exc:
                    raise DecodingError(
                        f"{source.name} is not valid {encoding} text at byte {offset + exc.start}. "
                        "Save the report as UTF-8 and import it again."
                    ) from exc
                offset += len(chunk)
            out.write(decoder.decode(b"", final=True).encode("utf-8"))
        yield target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _record_lines(path: Path, source: SourceFile, rejected: set[int]) -> np.ndarray:
    """Scan the file for the first line of every record DuckDB kept (blank lines, quoted breaks)."""
    kept: list[int] = []
    with path.open(encoding="utf-8", errors="replace", newline="") as stream:
        if source.quoted:
            reader = csv.reader(stream)
            start = 1
            for record in reader:
                line, start = start, reader.line_num + 1
                if line == 1 or not record or line in rejected:
                    continue
                kept.append(line)
        else:
            for number, physical in enumerate(stream, start=1):
                text = physical.rstrip("\r\n")
                if number == 1 or not text or number in rejected:
                    continue
                kept.append(number)
    return np.asarray(kept, dtype=np.int64)


def _read(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    source: SourceFile,
    columns: dict[str, int],
    used: Sequence[str],
    shape: Callable[[str], str] | None,
    extra: int = 0,
    pad: bool = True,
) -> list[tuple[int, str, str]]:
    """Create table `raw_cells` from the UTF-8 file at `path`; return the rejected (line, type, text).

    Short rows are padded with NULLs (when `pad`); `extra` more columns than the header hold
    extra fields.
    """
    width = len(source.header)
    types = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width + extra)) + "}"
    quote = "'\"'" if source.quoted else "''"
    selects = [
        f"coalesce(c{columns[name]}, '') AS \"{name}\"" if name in columns else f"'' AS \"{name}\""
        for name in used
    ] + field_count_sql(width, extra)
    drop_temporary(con, "rejects", "reject_scan", "raw", "raw_cells")
    cells = f"""
        SELECT {", ".join(selects)} FROM read_csv({_sql_text(str(path))},
            delim={_sql_text(source.delimiter)}, quote={quote}, escape={quote}, header=true,
            auto_detect=false, columns={types}, nullstr={_sql_text(_NEVER_NULL)},
            null_padding={"true" if pad else "false"}, store_rejects=true, rejects_table='rejects', rejects_scan='reject_scan',
            max_line_size=16777216)
        """
    # Insertion order is kept, so a row's rowid is its position among the rows read.
    query = shape(f"({cells}) r") if shape else cells
    con.execute(f"CREATE OR REPLACE TEMP TABLE raw_cells AS {query}")
    rows = con.execute(
        "SELECT line, error_type, coalesce(csv_line, '') FROM rejects ORDER BY line"
    ).fetchall()
    # One bad record can be rejected for two reasons (an open quote, then too few fields): keep
    # one problem per record, the more telling reason first.
    by_line: dict[int, tuple[str, str]] = {}
    for line, kind, text in rows:
        if int(line) not in by_line or by_line[int(line)][0] in _FIELD_COUNT:
            by_line[int(line)] = (str(kind), str(text))
    return [(line, kind, text) for line, (kind, text) in sorted(by_line.items())]


def _fields(source: SourceFile, text: str) -> int:
    """Return how many fields a rejected line has."""
    if source.quoted:
        return len(next(csv.reader(io.StringIO(text)), []))
    return text.rstrip("\r\n").count(source.delimiter) + 1


def _problem(source: SourceFile, line: int, kind: str, text: str, width: int) -> Problem:
    if kind not in _FIELD_COUNT:
        reason = _REJECT_REASONS.get(kind, kind.lower())
        spans = text.rstrip("\r\n").count("\n")
        swallowed = (
            f" It runs on to line {line + spans}: those lines were read as part of it and were "
            "not imported either."
            if spans
            else ""
        )
        return Problem(
            source.name,
            line,
            None,
            f"could not be read as a row: {reason}; the row was not imported.{swallowed} Fix the "
            "row, or download the report again.",
        )
    actual = _fields(source, text)
    return Problem(
        source.name,
        line,
        None,
        f"has {actual} fields where the header has {width}; the row was not imported. A stray "
        "tab or a cut line is the usual cause: fix the row, or download the report again.",
    )


def read_delimited(
    con: duckdb.DuckDBPyConnection,
    source: SourceFile,
    columns: dict[str, int],
    encoding: str,
    used: Sequence[str] | None = None,
    shape: Callable[[str], str] | None = None,
) -> RawTable:
    """Read the columns `used` (default: all in `columns`) of a delimited file, with line numbers.

    `columns` maps canonical names to their index in the header; a used column the file lacks is
    read as empty text. `shape`, when given, turns the text cells (the relation `r` it is handed)
    into the rows to keep, in the same scan. Everything is created as temporary objects of `con`.
    """
    wanted = list(used) if used is not None else list(columns)
    numbers: np.ndarray | None
    width = len(source.header)
    pad = True
    try:
        with _utf8_copy(source, encoding) as path:
            try:
                rejects = _read(con, path, source, columns, wanted, shape)
            except duckdb.Error as exc:
                # DuckDB cannot pad short rows of a file with quoted line breaks (and its
                # single-threaded reader loses rejected rows): such a file is read strictly.
                if "null_padding" not in str(exc):
                    raise
                pad = False
                rejects = _read(con, path, source, columns, wanted, shape, pad=pad)
            longest = max(
                (_fields(source, text) for _, kind, text in rejects if kind == "TOO MANY COLUMNS"),
                default=0,
            )
            if longest:
                # Rows with more fields than the header: read again with room for them, so that
                # empty extra fields can be ignored and filled ones reported (ingest/rows.py).
                extra = min(longest - width, MAX_EXTRA)
                rejects = _read(con, path, source, columns, wanted, shape, extra, pad)
            if any(kind == "INVALID ENCODING" for _, kind, _ in rejects):
                first = next(line for line, kind, _ in rejects if kind == "INVALID ENCODING")
                raise DecodingError(
                    f"{source.name} is not valid {encoding} text further down the file "
                    f"(line {first}). Save the report as UTF-8 and import it again."
                )
            rows = int(con.execute("SELECT count(*) FROM raw_cells").fetchall()[0][0])
            if encoding.startswith("utf-16"):
                lines, trailing = count_lines(path)  # counted on the UTF-8 copy
            else:
                lines, trailing = source.lines, source.trailing_blank_lines
            if rows + len(rejects) + 1 == lines - trailing:
                # Every line after the header is a row or a rejected row: number by position.
                if not rejects:
                    con.execute(
                        f"CREATE OR REPLACE TEMP VIEW raw AS "
                        f"SELECT rowid + 2 AS {LINE}, * FROM raw_cells"
                    )
                    numbers = None
                else:
                    gaps = np.asarray([line for line, _, _ in rejects], dtype=np.int64)
                    before = gaps - 2 - np.arange(len(gaps), dtype=np.int64)
                    position = np.arange(rows, dtype=np.int64)
                    numbers = position + 2 + np.searchsorted(before, position, side="right")
            else:
                numbers = _record_lines(path, source, {line for line, _, _ in rejects})
                if len(numbers) != rows:  # pragma: no cover - defensive
                    numbers = np.arange(2, rows + 2, dtype=np.int64)
    except duckdb.Error as exc:
        raise DecodingError(
            f"{source.name} could not be read as {'comma' if source.quoted else 'tab'}-separated "
            f"text ({str(exc).splitlines()[0]}). Download the report again, or save it as UTF-8 "
            "text with one row per line."
        ) from exc
    if numbers is not None:
        con.register("line_numbers", pa.table({LINE: numbers}))
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE raw AS "
            f"SELECT l.{LINE}, r.* FROM raw_cells r POSITIONAL JOIN line_numbers l"
        )
        con.unregister("line_numbers")
        con.execute("DROP TABLE raw_cells")
    problems = [_problem(source, line, kind, text, width) for line, kind, text in rejects]
    return RawTable(con, rows, problems, encoding, shape_note(con, "raw", width), width, columns)
