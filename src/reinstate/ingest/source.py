"""Open a report file: refuse what is not a text report, find its encoding, delimiter and header."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from reinstate.domain.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    TruncatedFileError,
)

HEAD_BYTES = 256 * 1024
# One thread hashes and counts each file's bytes while DuckDB parses it (hashlib releases the GIL).
_DIGESTS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reinstate-digest")
_CHUNK = 4 * 1024 * 1024
_TAIL = 4096
# Kana, not kanji alone: Cp1252 accents often pair up into valid (but meaningless) kanji.
_JAPANESE = re.compile(r"[\u3040-\u30ff]")
_MAGIC = {
    b"\x1f\x8b": "is gzip-compressed; unpack it first (for example: gunzip {name})",
    b"PK\x03\x04": "is a ZIP archive or an Excel workbook; unzip it, or export the sheet as "
    "tab-separated text, then import the .txt file",
    b"%PDF": "is a PDF document, not a report; download the report as a .txt file instead",
}


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A text report on disk, with what sniffing it found."""

    path: Path
    name: str
    size: int
    encoding: str
    delimiter: str
    header: tuple[str, ...]
    is_json: bool
    ends_with_newline: bool
    # (sha256, lines, trailing blank lines), worked out in the background while the file is read.
    digest: Future[tuple[str, int, int]]

    @property
    def sha256(self) -> str:
        """Return the SHA-256 of the file's bytes."""
        return self.digest.result()[0]

    @property
    def lines(self) -> int:
        """Return the physical lines of the file (a last unterminated one included)."""
        return self.digest.result()[1]

    @property
    def trailing_blank_lines(self) -> int:
        """Return how many blank lines end the file."""
        return self.digest.result()[2]

    @property
    def quoted(self) -> bool:
        """Return whether fields may be quoted: comma-separated files yes, Amazon's TSV no."""
        return self.delimiter == ","


def _digest_and_lines(path: Path) -> tuple[str, int, int]:
    """Return (sha256, lines, trailing blank lines) of a file, in one pass over its bytes.

    A last line without a newline counts as a line. The counts are in bytes, so they hold for every
    encoding whose newline is the single byte 0x0A (all but UTF-16).
    """
    digest = hashlib.sha256()
    lines = 0
    last = b""
    buffer = bytearray(_CHUNK)
    view = memoryview(buffer)
    with path.open("rb", buffering=0) as handle:
        while size := handle.readinto(buffer):
            digest.update(view[:size])
            lines += buffer.count(b"\n", 0, size)
            last = (last + bytes(view[max(0, size - _TAIL) : size]))[-_TAIL:]
    return digest.hexdigest(), *_line_tail(lines, last)


def _line_tail(lines: int, last: bytes) -> tuple[int, int]:
    """Finish a line count from the file's last bytes: (lines, trailing blank lines)."""
    if last and not last.endswith(b"\n"):
        lines += 1
    body = last.rstrip(b"\r\n \t")
    trailing = last[len(body) :].count(b"\n") - (1 if last.endswith(b"\n") else 0)
    return lines, max(trailing, 0)


def count_lines(path: Path) -> tuple[int, int]:
    """Return (lines, trailing blank lines) of a file whose newline is the byte 0x0A."""
    return _digest_and_lines(path)[1:]


def detect_encoding(head: bytes, name: str) -> str:
    """Return the encoding of a file's first bytes: BOM, UTF-8, cp932 (Japanese), cp1252, then a guess."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    try:
        text = codecs.getincrementaldecoder("cp932")().decode(head, final=False)
    except UnicodeDecodeError:
        pass
    else:
        if _JAPANESE.search(text):
            return "cp932"
    try:
        head.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        return "cp1252"
    best = from_bytes(head).best()
    if best is not None and best.encoding:
        return str(best.encoding)
    raise DecodingError(
        f"{name}: the text encoding could not be determined (not UTF-8, Shift_JIS/cp932 or "
        "Cp1252). Download the report again, or save it as UTF-8 and import that file."
    )


def _line_fields(line: str, delimiter: str) -> int:
    if delimiter == "\t":
        return line.count("\t") + 1
    return len(next(csv.reader(io.StringIO(line)), []))


def open_source(path: Path) -> SourceFile:
    """Sniff one file; raise a clear InputError for anything that is not a usable text report."""
    name = path.name
    if not path.exists():
        raise EmptyInputError(f"{path} does not exist; check the path and try again.")
    if path.is_dir():
        raise EmptyInputError(f"{path} is a folder; name the report files inside it.")
    size = path.stat().st_size
    if size == 0:
        raise EmptyInputError(
            f"{name} is empty (0 bytes): there is nothing to import. "
            "Download the report again from Seller Central."
        )
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
        handle.seek(max(0, size - 64 * 1024))
        tail = handle.read()
    for magic, why in _MAGIC.items():
        if head.startswith(magic):
            raise BinaryInputError(f"{name} {why.format(name=name)}.")
    encoding = detect_encoding(head, name)
    if b"\x00" in head and not encoding.startswith("utf-16"):
        raise BinaryInputError(
            f"{name} is a binary file, not a text report (it contains NUL bytes). Import the "
            "tab-separated .txt file Seller Central downloads, or the V2 .json report."
        )
    text_head = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=False)
    text_head = text_head.lstrip("\ufeff")
    stripped = text_head.lstrip()
    if not stripped:
        raise EmptyInputError(
            f"{name} holds only blank space: there is nothing to import. "
            "Download the report again from Seller Central."
        )
    is_json = stripped.startswith(("{", "["))
    header_line = text_head.splitlines()[0] if not is_json else ""
    delimiter = "\t" if "\t" in header_line else ","
    header: tuple[str, ...] = ()
    if not is_json:
        header = tuple(
            cell.strip().strip('"').strip()
            for cell in next(csv.reader(io.StringIO(header_line), delimiter=delimiter), [])
        )
    ends_with_newline = tail.endswith(b"\n")
    if not is_json and not ends_with_newline:
        tail_lines = tail.decode(encoding, errors="replace").splitlines()
        last = tail_lines[-1] if tail_lines else ""
        has_rows = "\n" in text_head or size > len(head)
        # A file whose rows all leave off the same empty last fields is not cut short: the last
        # line is as long as the one before it (when that one is a whole row, not the header).
        whole = len(tail_lines) >= 3
        same_as_before = whole and _line_fields(tail_lines[-2], delimiter) == _line_fields(
            last, delimiter
        )
        if has_rows and _line_fields(last, delimiter) < len(header) and not same_as_before:
            raise TruncatedFileError(
                f"{name} ends in the middle of a row (the last line has "
                f"{_line_fields(last, delimiter)} of {len(header)} fields): the download was cut "
                "short. Nothing was imported; download the report again."
            )
    return SourceFile(
        path=path,
        name=name,
        size=size,
        digest=_DIGESTS.submit(_digest_and_lines, path),
        encoding=encoding,
        delimiter=delimiter,
        header=header,
        is_json=is_json,
        ends_with_newline=ends_with_newline,
    )
