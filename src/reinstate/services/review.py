"""Review a Plan of Action: read the letter (and the notice), run the reviewer, translate the findings."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import IO, Any

from reinstate.domain.errors import BinaryInputError, DecodingError, InputTooLargeError
from reinstate.domain.notice.model import NoticeReading
from reinstate.domain.review.model import Review
from reinstate.domain.review.notice_facts import NoticeFacts, facts_from_reading
from reinstate.domain.review.reviewer import review
from reinstate.i18n import normalize_language, translator
from reinstate.rules.review.loader import review_rules, template_fingerprints
from reinstate.services.notice import read_notice, read_notice_source

CATALOG = "review"
_BYTES_PER_CHAR = 4
_SIGNATURES = {
    b"PK\x03\x04": "a Word document or zip archive",
    b"%PDF": "a PDF file",
    b"\xd0\xcf\x11\xe0": "an old Word (.doc) file",
    b"{\\rtf": "a rich-text (.rtf) file",
}


def _max_bytes() -> int:
    return int(review_rules().threshold("max_chars")) * _BYTES_PER_CHAR


def decode(data: bytes, where: str) -> str:
    """Return the text of a letter file; refuse binary files and unknown encodings clearly."""
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            raise BinaryInputError(
                f"{where} is {kind}, not plain text. Open it, copy the letter's text into a "
                ".txt file, and review that file."
            )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodingError(
                f"{where} starts as UTF-16 text but is not UTF-16 further on (byte {exc.start} "
                "cannot be read). Save the letter as UTF-8 text and review it again."
            ) from exc
    nul = data.find(b"\x00")
    if nul != -1:
        raise BinaryInputError(
            f"{where} is a binary file (a NUL byte at byte {nul}), not text. "
            "Save the letter as plain text (UTF-8 .txt) and review that file."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DecodingError(
            f"{where} is neither UTF-8 nor Windows-1252 text (byte {exc.start} cannot be read). "
            "Save the letter as UTF-8 text and review it again."
        ) from exc


def read_source(path: Path | None, stream: IO[bytes] | None = None) -> tuple[str, str]:
    """Return `(where, text)` for a letter or notice file, or for a stream when `path` is None."""
    limit = _max_bytes()
    if path is None:
        where = "Standard input"
        data = stream.read(limit + 1) if stream is not None else b""
    else:
        where = str(path)
        size = path.stat().st_size
        if size > limit:
            raise InputTooLargeError(
                f"{where} has {size:,} bytes; Reinstate reviews letters of up to {limit:,} bytes. "
                "Give only the letter itself, not a whole mailbox or document."
            )
        data = path.read_bytes()
    if len(data) > limit:
        raise InputTooLargeError(
            f"{where} has more than {limit:,} bytes; Reinstate reviews letters of up to "
            f"{limit:,} bytes. Give only the letter itself, not a whole mailbox or document."
        )
    return where, decode(data, where)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return str(value.value) if isinstance(value, Enum) else str(value)


def notice_facts(notice: object) -> NoticeFacts | None:
    """Return what a notice asks the letter to address, from its text or a notice reading."""
    if notice is None:
        return None
    if isinstance(notice, NoticeFacts):
        return notice
    reading = read_notice(notice) if isinstance(notice, str) else notice
    return facts_from_reading(
        getattr(reading, "asins", ()),
        getattr(reading, "order_ids", ()),
        _text(getattr(reading, "category", None)),
        review_rules(),
        _text(getattr(reading, "text", None)),
    )


def read_notice_file(path: Path) -> NoticeReading:
    """Read Amazon's notice from a file with the notice reader (plain text, e-mail or HTML)."""
    return read_notice_source(path)


def review_letter(
    text: str, notice: object = None, *, lang: str | None = None, where: str = "The letter"
) -> Review:
    """Review a Plan of Action; `notice` is the notice's text, a notice reading, or None."""
    result = review(text, review_rules(), template_fingerprints(), notice_facts(notice), where)
    language = normalize_language(lang)
    return result if language == "en" else result.translated(translator(language, CATALOG))
