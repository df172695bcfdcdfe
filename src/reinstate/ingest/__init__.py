"""Adapters for files in: one module per report kind; text in, (rows, problems) out."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import duckdb

from reinstate.domain.errors import DecodingError
from reinstate.ingest.all_orders import USED as ALL_ORDERS_COLUMNS
from reinstate.ingest.all_orders import parse_all_orders, read_all_orders
from reinstate.ingest.dates import DateContext
from reinstate.ingest.delimited import RawTable, read_delimited
from reinstate.ingest.feedback import USED as FEEDBACK_COLUMNS
from reinstate.ingest.feedback import parse_feedback
from reinstate.ingest.headers import KIND_TITLES, detect_kind
from reinstate.ingest.parsed import ParsedReport, scratch_space
from reinstate.ingest.reinstate_files import (
    FULFILMENT,
    defect_columns,
    parse_defects,
    parse_fulfilment,
)
from reinstate.ingest.source import SourceFile, open_source
from reinstate.ingest.v2_performance import parse_v2_performance

__all__ = [
    "KIND_TITLES",
    "DateContext",
    "ParsedReport",
    "SourceFile",
    "open_source",
    "parse_report",
    "scratch_space",
    "sniff_kind",
]


# The canonical columns each parser reads, by report kind (All Orders reads its own, typed).
_USED: dict[str, Callable[[], Sequence[str]]] = {
    "all_orders": lambda: ALL_ORDERS_COLUMNS,
    "feedback": lambda: FEEDBACK_COLUMNS,
    "fulfilment": lambda: [c.name for c in FULFILMENT],
    "defects": lambda: [c.name for c in defect_columns()],
}


def sniff_kind(source: SourceFile) -> str:
    """Return the kind of a sniffed file (raises UnknownReportError when none fits)."""
    return "v2_performance" if source.is_json else detect_kind(source.name, source.header).kind


def parse_report(
    con: duckdb.DuckDBPyConnection, source: SourceFile, *, dates: DateContext | None = None
) -> ParsedReport:
    """Parse one sniffed file into temporary tables of `con`, and problems, whatever its kind.

    Run it inside `scratch_space(con)`, which drops the temporary tables when the file is done.
    `dates` says what decides a date style the values leave open (ingest/dates.py).
    """
    dates = dates or DateContext()
    if source.is_json:
        return parse_v2_performance(con, source)
    match = detect_kind(source.name, source.header)

    def read(encoding: str) -> RawTable:
        if match.kind == "all_orders":
            return read_all_orders(con, source, match.columns, encoding)
        return read_delimited(con, source, match.columns, encoding, _USED[match.kind]())

    try:
        raw = read(source.encoding)
    except DecodingError:
        if source.encoding not in ("utf-8", "utf-8-sig"):
            raise
        # EU reports are often Cp1252 with a plain-ASCII head; the first accented byte tells.
        raw = read("cp1252")
    if match.kind == "all_orders":
        return parse_all_orders(source, raw, match.locale, dates)
    if match.kind == "feedback":
        return parse_feedback(source, raw, match.locale, dates)
    if match.kind == "fulfilment":
        return parse_fulfilment(source, raw, dates)
    return parse_defects(source, raw, dates)
