"""Hypothesis strategies that damage a valid file the ways real files get damaged.

Two families. Row damage changes one row's cells only (a bad value, a stray or lost field, a
short row, a huge field), so every other row must still load. File damage changes the whole file
(its encoding, a byte-order mark, line ends, the delimiter, quotes, NUL bytes, a cut download,
mixed encodings, random bytes), after which the import must still end in sentences.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass

from hypothesis import strategies as st

from support.fuzzing import Seed, encode

# Values that have broken parsers before: empty and blank, numbers out of range, dates in every
# style and none, full-width digits, formulas, bidi marks, byte-order marks, quotes.
AWKWARD = (
    "",
    " ",
    "  padded  ",
    "NaN",
    "-1",
    "0",
    "3.5",
    "99999999999999999999",
    "1e309",
    "2026-13-45",
    "2026-02-30T25:61:00+99:00",
    "10/03/26",
    "31/12/2026",
    "13.13.13",
    "2026/08/14",
    "26/08/14",
    "0/0/0",
    "２０２６/１０/１４",
    '=HYPERLINK("x")',
    "é",
    "日本語",
    "\u202e",
    "\ufeff",
    "'",
    "\\",
    "null",
    "None",
    "Amazon",
    "Merchant",
    "Non-Amazon",
    "Amazon.co.jp",
    "Cancelled",
    "{value}",
    "{0}",
    "%s",
    "Y",
    "maybe",
    "buyer",
    "granted",
)
_NOT_IN_A_ROW = "\n\r\x00\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def cell_values(delimiter: str) -> st.SearchStrategy[str]:
    """Return a strategy of cell values that keep the row on its own line."""
    banned = _NOT_IN_A_ROW + ('"' if delimiter == "," else "")
    text = st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters=banned), max_size=24
    )
    return st.one_of(
        st.sampled_from(AWKWARD),
        text,
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
        st.just("x" * 100_000),
    )


@dataclass(frozen=True, slots=True)
class Damaged:
    """A damaged file, and the order ids of the rows the damage left alone (None: all damaged)."""

    data: bytes
    untouched_ids: set[str] | None
    what: str


@st.composite
def row_damage(draw: st.DrawFn, seed: Seed) -> tuple[list[list[str]], set[int], list[str]]:
    """Damage a few rows of `seed`; return the rows as cells, the damaged indexes, and what."""
    rows = [row.split(seed.delimiter) for row in seed.rows]
    damaged: set[int] = set()
    what: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        index = draw(st.integers(0, len(rows) - 1))
        cells = rows[index]
        kind = draw(st.sampled_from(["cell", "stray", "lost", "short", "extra-empty"]))
        at = draw(st.integers(0, max(len(cells) - 1, 0)))
        if kind == "cell":
            cells[at] = draw(cell_values(seed.delimiter))
        elif kind == "stray":
            cells.insert(at, draw(cell_values(seed.delimiter)))
        elif kind == "lost" and len(cells) > 1:
            del cells[at]
        elif kind == "short":
            del cells[max(at, 1) :]
        elif kind == "extra-empty":
            cells += [""] * draw(st.integers(1, 3))
        damaged.add(index)
        what.append(f"{kind} row {index + 2} field {at + 1}")
    return rows, damaged, what


_ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "cp932", "utf-16", "gb18030", "latin-1")


@st.composite
def file_damage(draw: st.DrawFn, data: bytes, seed: Seed | None) -> tuple[bytes, list[str]]:
    """Damage a whole file's bytes (`seed` gives its text form when it is a table)."""
    what: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(
            st.sampled_from(
                [
                    "encoding",
                    "bom",
                    "line-ends",
                    "delimiter",
                    "quote",
                    "nul",
                    "cut",
                    "mixed",
                    "bytes",
                    "header",
                ]
            )
        )
        text = data.decode(seed.encoding if seed else "utf-8", errors="replace")
        if kind == "encoding":
            data = encode(text, draw(st.sampled_from(_ENCODINGS)))
        elif kind == "bom":
            data = b"\xef\xbb\xbf" + data
        elif kind == "line-ends":
            data = data.replace(b"\n", draw(st.sampled_from([b"\r\n", b"\r", b"\n\n"])))
        elif kind == "delimiter":
            swap = (b"\t", b",") if draw(st.booleans()) else (b",", b"\t")
            data = data.replace(*swap)
        elif kind in ("quote", "nul", "bytes"):
            where = draw(st.integers(0, len(data)))
            extra = {"quote": b'"', "nul": b"\x00"}.get(kind) or draw(st.binary(max_size=8))
            data = data[:where] + extra + data[where:]
        elif kind == "cut":
            data = data[: draw(st.integers(0, len(data)))]
        elif kind == "mixed" and seed is not None:
            lines = text.split("\n")
            index = draw(st.integers(1, max(len(lines) - 2, 1)))
            other = draw(st.sampled_from(["cp1252", "cp932", "utf-8"]))
            pieces = [
                encode(line, other if n == index else seed.encoding) for n, line in enumerate(lines)
            ]
            data = b"\n".join(pieces)
        elif kind == "header" and seed is not None:
            header, _, rest = text.partition("\n")
            cells = header.split(seed.delimiter)
            cells[draw(st.integers(0, len(cells) - 1))] = draw(cell_values(seed.delimiter))
            data = encode(seed.delimiter.join(cells) + "\n" + rest, seed.encoding)
        what.append(kind)
    return data, what


@st.composite
def damaged_table(draw: st.DrawFn, seed: Seed) -> Damaged:
    """Damage a delimited report: rows only (the others must load), or the whole file too."""
    rows, damaged, what = draw(row_damage(seed))
    text = seed.header + "\n" + "\n".join(seed.delimiter.join(r) for r in rows) + "\n"
    data = encode(text, seed.encoding)
    if draw(st.booleans()):
        data, more = draw(file_damage(data, seed))
        return Damaged(data, None, "; ".join(what + more))
    assert seed.id_column is not None
    ids = {
        row.split(seed.delimiter)[seed.id_column]
        for index, row in enumerate(seed.rows)
        if index not in damaged
    }
    return Damaged(data, ids, "; ".join(what) or "none")


@st.composite
def damaged_bytes(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """Damage one of several seed files (notices, letters, settings, JSON) at the byte level."""
    data = draw(st.sampled_from(seeds))
    if draw(st.booleans()):
        data, _ = draw(file_damage(data, None))
    if draw(st.booleans()):
        text = data.decode("utf-8", errors="replace")
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        text = text[:start] + draw(st.sampled_from(AWKWARD)) + text[end:]
        data = text.encode("utf-8")
    return data


_JSON_VALUES = st.sampled_from(
    [
        None,
        True,
        -1,
        0,
        2**63,
        10**30,
        1.5,
        float("inf"),
        float("nan"),
        "",
        "x",
        "2026-13-45",
        "2026-09-29T23:59:59Z",
        "ATVPDKIKX0DER",
        [],
        {},
        [1],
        {"count": "7"},
        {"reportingDateTo": 5},
        [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
    ]
)


def _paths(node: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


@st.composite
def damaged_json(draw: st.DrawFn, seed: bytes) -> bytes:
    """Replace a few parts of a JSON document (any depth) with values of the wrong kind."""
    document = json.loads(seed)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(document) if p]
        path = draw(st.sampled_from(paths))
        parent = document
        for step in path[:-1]:
            parent = parent[step]  # type: ignore[index]
        # A copy: the sampled lists and objects are shared between examples.
        parent[path[-1]] = copy.deepcopy(draw(_JSON_VALUES))  # type: ignore[index]
    text = json.dumps(document)  # writes Infinity and NaN, as json.loads reads them
    if draw(st.booleans()):
        text = "[" * 5_000 + text  # deeper than Python's recursion limit
    return text.encode()
