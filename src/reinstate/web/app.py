"""The workbench application: one factory that the CLI, the tests and the benchmark all use."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import date

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from reinstate.domain.errors import ConfigurationError, ReinstateError
from reinstate.i18n import normalize_language
from reinstate.services.workbench import Workbench
from reinstate.settings import Settings, load_settings
from reinstate.web import causes, errors, health, notice, review
from reinstate.web.rendering import HERE, LANG_COOKIE

LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]")
"""Host names the workbench answers to when it serves on this computer only (against DNS rebinding)."""
FOREIGN_HOST = (
    "The workbench answers only to requests addressed to this computer ({allowed}); this one was "
    "addressed to {host}. Open the workbench at the address `reinstate serve` printed, or add "
    "the name to web_allowed_hosts in reinstate.toml."
)


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


def _warm(bench: Workbench, day: date | None) -> None:
    """Compute the overview once, so that the first page a user opens is already fast."""
    try:
        bench.accounts()
        bench.health(day or date.today())  # noqa: DTZ011 - the pages' own default day
    except ReinstateError:
        pass  # the first request shows the error with its sentence


def create_app(
    settings: Settings | None = None,
    *,
    as_of: date | None = None,
    allowed_hosts: Sequence[str] | None = LOOPBACK_HOSTS,
    warm: bool = False,
) -> FastAPI:
    """Return the workbench over the store in `settings`; `as_of` is the day pages open on.

    `warm` computes the overview in the background as the server starts (`reinstate serve` does).
    """
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            threading.Thread(
                target=_warm, args=(app.state.workbench, as_of), name="warm-up", daemon=True
            ).start()
        yield

    app = FastAPI(
        title="Reinstate", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan
    )
    app.state.settings = settings
    app.state.workbench = Workbench(settings.db)
    app.state.default_lang = normalize_language(settings.lang)
    app.state.default_as_of = as_of
    errors.install(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (health, notice, review, causes):
        app.include_router(module.router)

    if allowed_hosts:
        extra = [h.strip().lower() for h in settings.web_allowed_hosts.split(",") if h.strip()]
        allowed = frozenset([*(h.lower() for h in allowed_hosts), *extra])

        @app.middleware("http")
        async def only_named_hosts(
            request: Request, call_next: Callable[[Request], Awaitable[Response]]
        ) -> Response:
            host = host_name(request.headers.get("host", ""))
            if host in allowed:
                return await call_next(request)
            sentence = errors.gettext_of(request)(FOREIGN_HOST).format(
                allowed=", ".join(sorted(allowed)), host=host or "no host"
            )
            return errors.error_response(request, 400, sentence)

    @app.middleware("http")
    async def language_and_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        asked = request.query_params.get("lang")
        default: str = request.app.state.default_lang
        try:
            kept = normalize_language(request.cookies.get(LANG_COOKIE) or default)
        except ConfigurationError:
            kept = default  # a stale or edited cookie is ignored, not an error
        request.state.lang = kept
        try:
            request.state.lang = normalize_language(asked) if asked else kept
        except ConfigurationError as exc:
            response: Response = errors.error_response(request, 400, exc.message)
        else:
            response = await call_next(request)
            if asked:
                response.set_cookie(
                    LANG_COOKIE,
                    request.state.lang,
                    max_age=YEAR_SECONDS,
                    httponly=True,
                    samesite="strict",
                )
        response.headers.update(SECURITY_HEADERS)
        return response

    return app
