"""Columns of text and the delimited files they go into, written a slice at a time.

Amazon's flat files are not quoted, so no value may contain the delimiter, a quote or a line
break; pyarrow's writer with `quoting_style="none"` refuses such a value instead of quoting it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from reinstate.demo.clock import DAY, IntArray, MarketplaceClock

EMPTY = pa.scalar("", pa.string())


def constant(value: str, size: int) -> pa.Array:
    """Return a column of `size` copies of one text."""
    return pa.repeat(pa.scalar(value, pa.string()), size)


def integers(values: IntArray, width: int = 0) -> pa.Array:
    """Return integers as text, zero-padded to `width`."""
    text = pc.cast(pa.array(values, pa.int64()), pa.string())
    return pc.utf8_lpad(text, width, "0") if width else text


def join(parts: Sequence[pa.Array | pa.Scalar | str], separator: str = "") -> pa.Array:
    """Concatenate text columns (or constants) row by row."""
    items = [pa.scalar(p, pa.string()) if isinstance(p, str) else p for p in parts]
    return pc.binary_join_element_wise(*items, separator)


def money(minor_units: IntArray, decimals: int) -> pa.Array:
    """Return amounts in minor units as `12.34` (or `1234` for a currency without decimals)."""
    if decimals == 0:
        return integers(minor_units)
    scale = 10**decimals
    sign = np.where(minor_units < 0, "-", "")
    magnitude = np.abs(minor_units)
    return join(
        [pa.array(sign), integers(magnitude // scale), ".", integers(magnitude % scale, decimals)]
    )


def pick(labels: Sequence[str], codes: IntArray) -> pa.Array:
    """Return the label of each code."""
    return pc.take(pa.array(list(labels), pa.string()), pa.array(codes, pa.int64()))


def blank_unless(mask: np.ndarray, values: pa.Array) -> pa.Array:
    """Keep values where `mask` holds, empty text elsewhere."""
    return pc.if_else(pa.array(mask, pa.bool_()), values, EMPTY)


def iso_dates(days: IntArray) -> pa.Array:
    """Return days as plain `YYYY-MM-DD` dates."""
    return pc.cast(pa.array(days.astype(np.int32), pa.date32()), pa.string())


def iso_instants(utc: IntArray, clock: MarketplaceClock | None) -> pa.Array:
    """Return instants as ISO 8601 with offset: local time when a clock is given, else UTC."""
    if clock is None:
        local, offsets = utc, pa.scalar("+00:00", pa.string())
    else:
        index = clock.offset_index(utc // DAY)
        local = utc + clock.offsets[index]
        offsets = pick(clock.offset_texts, index)
    stamps = pa.array(local, pa.timestamp("s"))
    return join([pc.strftime(stamps, format="%Y-%m-%dT%H:%M:%S"), offsets])


def local_dates(days: IntArray, order: str, separator: str, two_digit_year: bool) -> pa.Array:
    """Return days as `m/d/y`, `d.m.y`, `y/m/d` ... with 2- or 4-digit years."""
    stamps = days.astype("datetime64[D]")
    years = stamps.astype("datetime64[Y]").astype(np.int64) + 1970
    months = stamps.astype("datetime64[M]").astype(np.int64) % 12 + 1
    month_start = stamps.astype("datetime64[M]").astype("datetime64[D]")
    day_of_month = (stamps - month_start).astype(np.int64) + 1
    year_text = integers(years % 100, 2) if two_digit_year else integers(years, 4)
    parts = {"y": year_text, "m": integers(months, 2), "d": integers(day_of_month, 2)}
    return join([parts[c] for c in order], separator)


def write_delimited(
    path: Path,
    header: Sequence[str],
    tables: Iterable[pa.Table],
    *,
    delimiter: str,
    encoding: str,
) -> int:
    """Write a header line and the tables' rows to `path`; return the number of rows written.

    `encoding` is a Python codec name; `utf-8-sig` starts the file with a byte-order mark.
    Every value is checked to be encodable (a demo file Amazon could not have written is a bug).
    """
    options = pacsv.WriteOptions(include_header=False, delimiter=delimiter, quoting_style="none")
    rows = 0
    with path.open("wb") as handle:
        handle.write((delimiter.join(header) + "\n").encode(encoding))
        body_encoding = "utf-8" if encoding == "utf-8-sig" else encoding
        for table in tables:
            # pyarrow 26 writes garbage for a table holding an empty chunk: write batch by batch.
            for batch in table.to_batches():
                if batch.num_rows == 0:
                    continue
                buffer = io.BytesIO()
                pacsv.write_csv(batch, buffer, options)
                data = buffer.getvalue()
                if body_encoding != "utf-8":
                    data = data.decode("utf-8").encode(body_encoding)
                handle.write(data)
                rows += batch.num_rows
    return rows


def table(columns: Sequence[pa.Array]) -> pa.Table:
    """Return a table of text columns with positional names (the header is written apart)."""
    return pa.Table.from_arrays(list(columns), names=[f"c{i}" for i in range(len(columns))])
