"""Read a posted form with a size cap, without trusting what the client says about its size."""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import Request

from reinstate.domain.errors import InputError, InputTooLargeError
from reinstate.settings import Settings

MAX_FORM_BYTES = Settings().web_max_form_bytes
FORM_TYPE = "application/x-www-form-urlencoded"
TOO_LARGE = (
    "The form is larger than {limit} bytes, the most the workbench accepts. "
    "Paste only the notice or the letter itself, not a whole mailbox or document."
)
# The sentences of a text over the limits, per form field: (too many characters, too many lines).
TEXT_LIMITS: dict[str, tuple[str, str]] = {
    "letter": (
        (
            "The letter has {size} characters; the workbench reads at most {limit}. Paste only the "
            "Plan of Action itself."
        ),
        (
            "The letter has {size} lines; the workbench reads at most {limit}. Paste only the "
            "Plan of Action itself."
        ),
    ),
    "notice": (
        (
            "The notice has {size} characters; the workbench reads at most {limit}. Paste only "
            "Amazon's message itself, not a whole mailbox."
        ),
        (
            "The notice has {size} lines; the workbench reads at most {limit}. Paste only "
            "Amazon's message itself, not a whole mailbox."
        ),
    ),
}


def limits(request: Request) -> Settings:
    """Return the settings whose limits the workbench applies (docs/web.md lists them)."""
    found: Settings = request.app.state.settings
    return found


def _too_large(limit: int) -> InputTooLargeError:
    return InputTooLargeError(template=TOO_LARGE, params={"limit": limit})


def check_text(request: Request, text: str, field: str) -> None:
    """Refuse a notice or letter longer than the workbench reads (characters, then lines).

    `field` is a key of TEXT_LIMITS ("letter", "notice").
    """
    settings = limits(request)
    characters, lines = TEXT_LIMITS[field]
    if len(text) > settings.web_max_text_chars:
        size, limit, template = len(text), settings.web_max_text_chars, characters
    elif text.count("\n") >= settings.web_max_text_lines and (
        len(text.splitlines()) > settings.web_max_text_lines
    ):
        size, limit, template = len(text.splitlines()), settings.web_max_text_lines, lines
    else:
        return
    raise InputTooLargeError(template=template, params={"size": size, "limit": limit})


async def read_form(request: Request, limit: int | None = None) -> dict[str, str]:
    """Return the fields of a URL-encoded form; refuse a body over `limit` bytes before reading it all.

    The limit is the setting `web_max_form_bytes` unless given.
    """
    limit = limits(request).web_max_form_bytes if limit is None else limit
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large(limit)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != FORM_TYPE:
        raise InputError(
            template="The form was sent as {kind}; the workbench reads {expected}, as its own "
            "pages send it.",
            params={"kind": kind or "an unnamed type", "expected": FORM_TYPE},
        )
    try:
        pairs = parse_qsl(bytes(body).decode("utf-8"), keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError) as exc:
        raise InputError(
            template="The form's text is not UTF-8; send it from the workbench's own page."
        ) from exc
    # Browsers send a textarea's line breaks as CRLF; spans are counted on the text as shown.
    return {key: value.replace("\r\n", "\n") for key, value in pairs}
