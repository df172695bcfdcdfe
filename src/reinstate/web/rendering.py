"""Templates, the reader's language, and the small formats every page shares."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from reinstate.i18n import LANGUAGES, translator
from reinstate.services.workbench import Workbench

HERE = Path(__file__).parent
CATALOG = "reinstate"
LANG_COOKIE = "reinstate_lang"
LANGUAGE_NAMES = {"en": "English", "zh_Hans": "简体中文", "zh_Hant": "繁體中文"}
HTML_LANG = {"en": "en", "zh_Hans": "zh-Hans", "zh_Hant": "zh-Hant"}

# Autoescape is on for every template: each value a page shows is escaped unless it is Markup
# built by this package (highlighted spans), which escapes its own parts.
environment = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def percent(rate: float | None) -> str:
    """Format a fraction as a percentage with two decimals, or a dash when there is none."""
    return "—" if rate is None else f"{rate * 100:.2f} %"


def count(value: int | None) -> str:
    """Format a count with thousands separators, or a dash."""
    return "—" if value is None else f"{value:,}"


def path_part(value: str) -> str:
    """Quote one segment of a URL path (an account name may hold spaces or symbols)."""
    return quote(value, safe="")


environment.filters.update(percent=percent, count=count, path_part=path_part)


def language(request: Request) -> str:
    """Return the language the middleware chose for this request."""
    lang = getattr(request.state, "lang", "en")
    return lang if lang in LANGUAGES else "en"


def workbench(request: Request) -> Workbench:
    """Return the application's view of the store."""
    found: Workbench = request.app.state.workbench
    return found


def default_day(request: Request) -> date | None:
    """Return the as-of date pages use when none is asked for (the demo's day, or today)."""
    day: date | None = request.app.state.default_as_of
    return day


def is_htmx(request: Request) -> bool:
    """Return whether HTMX sent the request, so a fragment is the answer, not a whole page."""
    return request.headers.get("HX-Request") == "true"


def _language_links(request: Request) -> list[tuple[str, str, str]]:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    links = []
    for code in LANGUAGES:
        query = urlencode([*params, ("lang", code)])
        links.append((code, LANGUAGE_NAMES[code], f"{request.url.path}?{query}"))
    return links


def render_text(request: Request, template: str, context: dict[str, Any]) -> str:
    """Render a template in the reader's language."""
    lang = language(request)
    return environment.get_template(template).render(
        _=translator(lang, CATALOG),
        lang=lang,
        html_lang=HTML_LANG[lang],
        language_links=_language_links(request),
        **context,
    )


def render(
    request: Request, template: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    """Render a template in the reader's language and return it as an HTML response."""
    return HTMLResponse(render_text(request, template, context), status_code=status)


FORM_PAGES = 64
"""Pages that depend only on their template, language and URL, kept rendered (the empty forms)."""
_form_pages: OrderedDict[tuple[str, str, str, str], bytes] = OrderedDict()


def render_once(
    request: Request, template: str, context: Callable[[], dict[str, Any]]
) -> HTMLResponse:
    """Return a page that depends only on its template, language and URL, rendered once."""
    key = (template, language(request), request.url.path, request.url.query)
    html = _form_pages.get(key)
    if html is None:
        html = render_text(request, template, context()).encode()
        _form_pages[key] = html
        while len(_form_pages) > FORM_PAGES:
            _form_pages.popitem(last=False)
    return HTMLResponse(html)
