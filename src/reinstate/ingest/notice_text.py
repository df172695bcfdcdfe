"""Turn what a seller gives us — plain text, an .eml e-mail, HTML from Seller Central — into text.

Each failure raises an `InputError` subclass whose message says what is wrong, where, and how to fix it.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from reinstate.domain.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputTooLargeError,
    NotFoundError,
)

MAX_NOTICE_BYTES = 10 * 1024 * 1024
"""The largest notice accepted: far above any real notice, far below a mistaken paste of a dump."""

MAX_READ_CHARACTERS = 100_000
"""How much of an accepted notice is read. A real notice is a few thousand characters; reading
megabytes of a mistaken paste would take most of a minute, so the rest is dropped with a warning."""

_HEADER_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:[ \t]")
_MAIL_HEADERS = {
    "from",
    "subject",
    "mime-version",
    "received",
    "content-type",
    "message-id",
    "return-path",
}
_HTML_TAG = re.compile(
    r"<\s*/?\s*(?:html|body|head|div|p|br|table|tr|td|span|ul|li|h[1-6]|a|b|strong)\b", re.I
)
_FALLBACK_ENCODINGS = ("cp1252", "gb18030", "cp932", "big5")
_SKIPPED = {"script", "style", "noscript", "template", "head", "svg"}
_BLOCK = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "ul",
    "ol",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "hr",
}


_CELLS = {"td", "th"}


def _lines(text: str) -> str:
    # One line end everywhere ("\r\n" from e-mail, "\r" from old Mac exports), so spans and
    # highlighted evidence never carry a stray carriage return.
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True, slots=True)
class NoticeText:
    """The notice as plain text, the format it came in, its e-mail date, and what was dropped."""

    text: str
    format: str
    sent_date: date | None = None
    warnings: tuple[str, ...] = ()


class _TextExtractor(HTMLParser):
    """Collect the visible text of an HTML page; skip scripts, styles and the head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.skipped: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
            self.skipped[tag] = self.skipped.get(tag, 0) + 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append(" ")  # a table's cells stay apart: "id date", not "iddate"

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, tuple[str, ...]]:
    """Return the visible text of `html` and a warning for each kind of block removed."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = (
        re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parser.parts).splitlines()
    )
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    warnings = tuple(
        f"Removed {count} <{tag}> block{'s' if count > 1 else ''} from the HTML; only its visible text was read."
        for tag, count in sorted(parser.skipped.items())
        if tag in {"script", "style"}
    )
    return text, warnings


def _check_size(size: int, where: str) -> None:
    if size > MAX_NOTICE_BYTES:
        raise InputTooLargeError(
            f"{where} is {size / 1024 / 1024:.1f} MB; a notice can be at most "
            f"{MAX_NOTICE_BYTES // 1024 // 1024} MB. Save only the notice itself (the e-mail without "
            "attachments, or the text of the Seller Central page) and try again."
        )


def _empty(where: str) -> EmptyInputError:
    return EmptyInputError(
        f"{where} is empty. Paste the notice text, or give the .eml file or the HTML page "
        "saved from Seller Central."
    )


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


def _decode(data: bytes, where: str) -> str:
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Known notice encodings only (EU Windows-1252, Chinese, Japanese); never a wild guess.
        best = from_bytes(data, cp_isolation=list(_FALLBACK_ENCODINGS)).best()
        if best is None:
            raise DecodingError(
                f"{where} is not in a text encoding Reinstate can read. "
                "Save it as UTF-8 text and try again."
            ) from None
        return str(best)


def _is_email(text: str) -> bool:
    head = text.lstrip()[:4096].splitlines()[:40]
    names = set()
    for line in head:
        if not line.strip():
            break
        if _HEADER_LINE.match(line):
            names.add(line.split(":", 1)[0].lower())
        elif not line[:1].isspace():
            return False
    return len(names & _MAIL_HEADERS) >= 2


def _header(message: email.message.Message, name: str) -> str:
    """Return a header's text, or '' when it is absent or too malformed for the e-mail parser."""
    try:
        return str(message[name] or "").strip()
    except (IndexError, ValueError, TypeError, AttributeError, LookupError):
        return ""


def _email_text(data: bytes, where: str) -> NoticeText:
    message = email.message_from_bytes(data, policy=email.policy.default)
    body = (
        message.get_body(preferencelist=("plain", "html"))
        if isinstance(message, EmailMessage)
        else None
    )
    if body is None:
        raise EmptyInputError(
            f"{where} is an e-mail with no text or HTML body. Forward the notice again as a normal "
            "e-mail, or paste its text."
        )
    try:
        content = body.get_content()
    except (LookupError, ValueError):
        # An unknown or malformed charset: read the body's bytes as any other notice's.
        content = body.get_payload(decode=True) or b""
    text = content if isinstance(content, str) else _decode(bytes(content), where)
    warnings: tuple[str, ...] = ()
    if body.get_content_subtype() == "html":
        text, warnings = html_to_text(text)
    sent: date | None = None
    if stamp := _header(message, "Date"):
        try:
            sent = parsedate_to_datetime(stamp).date()
        except (TypeError, ValueError):
            sent = None
    subject = _header(message, "Subject")
    if subject:
        text = f"Subject: {subject}\n\n{text}"
    return _capped(NoticeText(_lines(text).strip(), "eml", sent, warnings), where)


def notice_from_text(text: str, *, where: str = "The notice text") -> NoticeText:
    """Return the notice in `text`, which may be plain text, a pasted e-mail source or HTML."""
    _check_size(len(text.encode("utf-8", errors="replace")), where)
    if not text.strip():
        raise _empty(where)
    if "\x00" in text[:8192]:
        raise BinaryInputError(_binary_message(where))
    if _is_email(text):
        return _email_text(text.encode("utf-8", errors="replace"), where)
    if len(_HTML_TAG.findall(text[:200_000])) >= 2:
        plain, warnings = html_to_text(text)
        if not plain:
            raise EmptyInputError(
                f"{where} is an HTML page with no readable text once its scripts and styles are "
                "removed. Open the notice in Seller Central, select its text, and paste that instead."
            )
        return _capped(NoticeText(_lines(plain), "html", None, warnings), where)
    return _capped(NoticeText(_lines(text).strip(), "text"), where)


def _capped(notice: NoticeText, where: str) -> NoticeText:
    """Return `notice` cut to `MAX_READ_CHARACTERS`, with a warning that says so and what to do."""
    if len(notice.text) <= MAX_READ_CHARACTERS:
        return notice
    warning = (
        f"{where} has {len(notice.text):,} characters; only the first "
        f"{MAX_READ_CHARACTERS:,} were read. Give only the notice itself (not a whole mailbox or "
        "page dump) to have all of it read."
    )
    return NoticeText(
        notice.text[:MAX_READ_CHARACTERS],
        notice.format,
        notice.sent_date,
        (*notice.warnings, warning),
    )


def _binary_message(where: str) -> str:
    return (
        f"{where} is a binary file, not a notice. Give the notice as plain text, an .eml e-mail, "
        "or HTML saved from Seller Central; copy the text out of a PDF or image first."
    )


def notice_from_bytes(data: bytes, *, where: str) -> NoticeText:
    """Return the notice in raw bytes (a file or standard input), after checking they are text."""
    _check_size(len(data), where)
    if not data.strip():
        raise _empty(where)
    if _looks_binary(data):
        raise BinaryInputError(_binary_message(where))
    text = _decode(data, where)
    if _is_email(text):
        return _email_text(data, where)
    return notice_from_text(text, where=where)


def read_notice_file(path: Path) -> NoticeText:
    """Return the notice in the file at `path`."""
    where = f"The file {path}"
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _missing(path) from None
    _check_size(size, where)
    return notice_from_bytes(path.read_bytes(), where=where)


def _missing(path: Path) -> NotFoundError:
    return NotFoundError(
        f"The file {path} does not exist. Check the path, or use - to read the notice from standard input."
    )


def read_notice_stream(stream: BinaryIO, *, where: str = "Standard input") -> NoticeText:
    """Return the notice read from a binary stream, reading no more than the size limit allows."""
    data = stream.read(MAX_NOTICE_BYTES + 1)
    if len(data) > MAX_NOTICE_BYTES:
        raise InputTooLargeError(
            f"{where} is larger than {MAX_NOTICE_BYTES // 1024 // 1024} MB; a notice can be at most "
            f"{MAX_NOTICE_BYTES // 1024 // 1024} MB. Save only the notice itself (the e-mail without "
            "attachments, or the text of the Seller Central page) and try again."
        )
    return notice_from_bytes(data, where=where)
