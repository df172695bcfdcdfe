"""The one place the web maps failures to a status and a sentence: a page, or a fragment for HTMX."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from reinstate.domain.errors import (
    ConfigurationError,
    InputError,
    InputTooLargeError,
    NotFoundError,
    ReinstateError,
    StoreError,
)
from reinstate.i18n import translator
from reinstate.web.rendering import CATALOG, is_htmx, language, render

# First match wins, so subclasses come before their parents.
STATUS_OF: tuple[tuple[type[ReinstateError], int], ...] = (
    (InputTooLargeError, 413),
    (InputError, 400),
    (NotFoundError, 404),
    (ConfigurationError, 400),
    (StoreError, 503),
)

TITLES = {
    400: "That request cannot be used",
    404: "Not found",
    405: "Not found",
    413: "Too large",
    503: "The database is busy",
}

PAGES_SENTENCE = (
    "There is no page at {path}. The workbench has: / (account health), /notice (notice reader) "
    "and /review (letter review)."
)


UNREADABLE_REQUEST = "The request's parameters cannot be read; use the page's own forms and links."


def status_of(exc: ReinstateError) -> int:
    """Return the HTTP status for an expected failure."""
    return next((status for kind, status in STATUS_OF if isinstance(exc, kind)), 500)


def error_response(request: Request, status: int, message: str) -> HTMLResponse:
    """Return the error as a fragment (HTMX) or a whole page, with the sentence that explains it."""
    template = "_error.html" if is_htmx(request) else "error.html"
    title = TITLES.get(status, "Something went wrong")
    return render(request, template, {"status": status, "title": title, "message": message}, status)


def gettext_of(request: Request) -> Callable[[str], str]:
    """Return the translation function of the request's language."""
    return translator(language(request), CATALOG)


async def _reinstate_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ReinstateError)  # noqa: S101 - registered for this class only
    return error_response(request, status_of(exc), exc.worded(gettext_of(request)))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)  # noqa: S101 - registered for this class only
    if exc.status_code in (404, 405):
        sentence = gettext_of(request)(PAGES_SENTENCE).format(path=request.url.path)
        return error_response(request, 404, sentence)
    return error_response(request, exc.status_code, str(exc.detail))


async def _validation_error(request: Request, exc: Exception) -> Response:
    return error_response(request, 400, gettext_of(request)(UNREADABLE_REQUEST))


def install(app: FastAPI) -> None:
    """Register the handlers on the application."""
    app.add_exception_handler(ReinstateError, _reinstate_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
