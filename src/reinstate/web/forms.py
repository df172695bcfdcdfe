"""Read a posted form with a size cap, without trusting what the client says about its size."""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import Request

from reinstate.domain.errors import InputError, InputTooLargeError

MAX_FORM_BYTES = 1_000_000
FORM_TYPE = "application/x-www-form-urlencoded"
TOO_LARGE = (
    "The form is larger than {limit} bytes (1 MB), the most the workbench accepts. "
    "Paste only the notice or the letter itself, not a whole mailbox or document."
)


def _too_large() -> InputTooLargeError:
    return InputTooLargeError(template=TOO_LARGE, params={"limit": MAX_FORM_BYTES})


async def read_form(request: Request, limit: int = MAX_FORM_BYTES) -> dict[str, str]:
    """Return the fields of a URL-encoded form; refuse a body over `limit` bytes before reading it all."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large()
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _too_large()
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
