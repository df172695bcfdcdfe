"""What every request passes first: the reader's language, the Host check, the security headers.

One plain ASGI middleware rather than Starlette's `BaseHTTPMiddleware`: that one runs the
application in a task group with memory streams for every request, which cost more than serving a
cached page (docs/performance.md, "Load").
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from reinstate.domain.errors import ConfigurationError
from reinstate.i18n import normalize_language
from reinstate.web import errors
from reinstate.web.rendering import LANG_COOKIE

FOREIGN_HOST = (
    "The workbench answers only to requests addressed to this computer ({allowed}); this one was "
    "addressed to {host}. Open the workbench at the address `reinstate serve` printed, or add "
    "the name to web_allowed_hosts in reinstate.toml."
)
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
YEAR_SECONDS = 365 * 24 * 3600
_RAW_SECURITY = [
    (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()
]
_SECURITY_NAMES = frozenset(name for name, _ in _RAW_SECURITY)


def host_name(header: str) -> str:
    """Return the host of a Host header without its port ("[::1]:8000" -> "[::1]")."""
    header = header.strip().lower()
    if header.startswith("["):  # an IPv6 address: only a port may follow it
        end = header.find("]")
        rest = header[end + 1 :] if end > 0 else ""
        if end > 0 and (not rest or (rest[0] == ":" and rest[1:].isdigit())):
            return header[: end + 1]
        return header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _language_cookie(lang: str) -> list[tuple[bytes, bytes]]:
    holder = Response()
    holder.set_cookie(LANG_COOKIE, lang, max_age=YEAR_SECONDS, httponly=True, samesite="strict")
    return [(k, v) for k, v in holder.raw_headers if k == b"set-cookie"]


class Guard:
    """Choose the language, refuse foreign Host headers (when `allowed`), add security headers."""

    def __init__(self, app: ASGIApp, *, allowed: frozenset[str] | None, default_lang: str) -> None:
        self.app = app
        self.allowed = allowed
        self.default_lang = default_lang

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request (anything but HTTP passes through)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        asked = request.query_params.get("lang") if scope.get("query_string") else None
        cookie = request.cookies.get(LANG_COOKIE) if b"cookie" in dict(scope["headers"]) else None
        try:
            kept = normalize_language(cookie or self.default_lang)
        except ConfigurationError:
            kept = self.default_lang  # a stale or edited cookie is ignored, not an error
        state: MutableMapping[str, Any] = scope.setdefault("state", {})
        state["lang"] = kept
        extra = list(_RAW_SECURITY)

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                kept_headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in _SECURITY_NAMES
                ]
                message["headers"] = kept_headers + extra
            await send(message)

        try:
            state["lang"] = normalize_language(asked) if asked else kept
        except ConfigurationError as exc:
            await errors.error_response(request, 400, exc.message)(
                scope, receive, send_with_headers
            )
            return
        if asked:
            extra += _language_cookie(state["lang"])
        if self.allowed is not None:
            host = host_name(request.headers.get("host", ""))
            if host not in self.allowed:
                sentence = errors.gettext_of(request)(FOREIGN_HOST).format(
                    allowed=", ".join(sorted(self.allowed)), host=host or "no host"
                )
                response = errors.error_response(request, 400, sentence)
                await response(scope, receive, send_with_headers)
                return
        await self.app(scope, receive, send_with_headers)
