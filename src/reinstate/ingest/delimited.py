"""Read a delimited report into Arrow: every column as text, each row with its file line number."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from reinstate.domain.errors import DecodingError
from reinstate.domain.problems import Problem
from reinstate.ingest.source import SourceFile

LINE = "__line"
_ARROW_ENCODINGS = {"utf-8": "utf8", "utf-8-sig": "utf8"}


@dataclass(slots=True)
class RawTable:
    """The text cells of a report, by canonical column name, plus what could not be read."""

    table: pa.Table
    problems: list[Problem] = field(default_factory=list)
    encoding: str = "utf-8"


@dataclass(slots=True)
class _BadRow:
    number: int | None
    text: str
    expected: int
    actual: int


def _count_lines(source: SourceFile) -> int:
    newlines = 0
    with source.path.open("rb") as handle:
        while chunk := handle.read(8 * 1024 * 1024):
            newlines += chunk.count(b"\n")
    return newlines + (0 if source.ends_with_newline else 1)


def _line_numbers(source: SourceFile, encoding: str, width: int) -> tuple[np.ndarray, list[int]]:
    """Scan the file for the lines Arrow kept (the slow path, when rows were skipped)."""
    kept: list[int] = []
    bad: list[int] = []
    with source.path.open(encoding=encoding, errors="replace", newline="") as stream:
        for number, line in enumerate(stream, start=1):
            if number == 1:
                continue
            text = line.rstrip("\r\n")
            if not text:
                continue
            if source.quoted:
                fields = len(next(csv.reader(io.StringIO(text)), []))
            else:
                fields = text.count(source.delimiter) + 1
            (kept if fields == width else bad).append(number)
    return np.asarray(kept, dtype=np.int64), bad


def read_delimited(source: SourceFile, columns: dict[str, int], encoding: str) -> RawTable:
    """Read the columns `{canonical: index}` of a delimited file as text, with line numbers."""
    names = [f"c{i}" for i in range(len(source.header))]
    bad_rows: list[_BadRow] = []

    def on_invalid(row: pacsv.InvalidRow) -> str:
        bad_rows.append(_BadRow(row.number, row.text, row.expected_columns, row.actual_columns))
        return "skip"

    wanted = {canonical: names[index] for canonical, index in columns.items()}
    try:
        table = pacsv.read_csv(
            source.path,
            read_options=pacsv.ReadOptions(
                encoding=_ARROW_ENCODINGS.get(encoding, encoding),
                skip_rows=1,
                column_names=names,
                block_size=16 * 1024 * 1024,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=source.delimiter,
                quote_char='"' if source.quoted else False,
                invalid_row_handler=on_invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                include_columns=sorted(set(wanted.values())),
                column_types={n: pa.string() for n in set(wanted.values())},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        if "UTF8" in str(exc) or "utf8" in str(exc).lower():
            raise DecodingError(
                f"{source.name} is not valid {encoding} text further down the file ({exc}). "
                "Save the report as UTF-8 and import it again."
            ) from exc
        raise
    except UnicodeDecodeError as exc:
        raise DecodingError(
            f"{source.name} is not valid {encoding} text at byte {exc.start}. "
            "Save the report as UTF-8 and import it again."
        ) from exc
    lines_in_file = _count_lines(source)
    if table.num_rows == lines_in_file - 1 and not bad_rows:
        line_numbers = np.arange(2, table.num_rows + 2, dtype=np.int64)
        bad_lines: list[int] = []
    else:
        line_numbers, bad_lines = _line_numbers(source, encoding, len(source.header))
        if len(line_numbers) != table.num_rows:  # pragma: no cover - defensive
            line_numbers = np.arange(2, table.num_rows + 2, dtype=np.int64)
    problems = [
        Problem(
            source.name,
            bad_lines[i] if i < len(bad_lines) else bad.number,
            None,
            f"has {bad.actual} fields where the header has {bad.expected}; the row was not "
            "imported. A stray tab or a cut line is the usual cause: fix the row, or download "
            "the report again.",
        )
        for i, bad in enumerate(bad_rows)
    ]
    arrays = {canonical: table.column(col) for canonical, col in wanted.items()}
    arrays[LINE] = pa.array(line_numbers)
    return RawTable(pa.table(arrays), problems, encoding)
