"""The workbench application: one factory that the CLI, the tests and the benchmark all use."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import date

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from reinstate.domain.errors import ReinstateError
from reinstate.i18n import normalize_language
from reinstate.services.workbench import Workbench
from reinstate.settings import Settings, load_settings
from reinstate.web import causes, errors, health, notice, review
from reinstate.web.guard import FOREIGN_HOST, Guard, host_name
from reinstate.web.rendering import HERE

LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]")
"""Host names the workbench answers to when it serves on this computer only (against DNS rebinding)."""
__all__ = ["FOREIGN_HOST", "LOOPBACK_HOSTS", "create_app", "host_name"]


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

    allowed = None
    if allowed_hosts:
        extra = [h.strip().lower() for h in settings.web_allowed_hosts.split(",") if h.strip()]
        allowed = frozenset([*(h.lower() for h in allowed_hosts), *extra])
    app.add_middleware(Guard, allowed=allowed, default_lang=app.state.default_lang)
    return app
