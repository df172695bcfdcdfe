"""Root causes and what-if in the workbench: the account page's panel, its page, the what-if form.

The account page includes `_causes_panel.html`, which loads the causes fragment with HTMX (and
links to the full page when scripts are off); every cause lists its orders one click away.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from reinstate.domain.causes import DIMENSION_LABELS, THEME_LABELS, CausesReport
from reinstate.domain.causes.scenarios import USAGE, WhatIfResult
from reinstate.domain.errors import InputError
from reinstate.i18n import translator
from reinstate.services.causes import causes_report
from reinstate.services.whatif import parse_scenarios, what_if
from reinstate.services.workbench import parse_day
from reinstate.web.health import METRIC_LABELS, STATUS_TEXT
from reinstate.web.rendering import default_day, environment, is_htmx, language, render, workbench

router = APIRouter()
CATALOG = "causes"
# How many causes the panel shows per metric entry; the JSON and CLI show all.
TOP_CAUSES = 3


def causes_text(lang: str, message: str) -> str:
    """Return one of this capability's sentences in `lang` (templates call it as causes_text)."""
    return translator(lang, CATALOG)(message)


def causes_query(account: str, as_of: str) -> str:
    """Return the query string that names an account and day for these routes."""
    return urlencode([("account", account), ("as_of", as_of)])


environment.globals.update(causes_text=causes_text, causes_query=causes_query)


def _context(request: Request, account: str, as_of: str | None) -> dict[str, Any]:
    day = (
        parse_day(as_of.strip(), "as_of")
        if as_of
        else default_day(request) or parse_day(None, "as_of")
    )
    if not account:
        raise InputError(template="Say which account: /causes?account=NAME.")
    return {
        "account": account,
        "as_of": day,
        "c_": translator(language(request), CATALOG),
        "metric_labels": METRIC_LABELS,
        "status_text": STATUS_TEXT,
        "dimension_labels": DIMENSION_LABELS,
        "theme_labels": THEME_LABELS,
        "top_causes": TOP_CAUSES,
        "usage": USAGE,
    }


@router.get("/causes/panel", response_class=HTMLResponse)
async def causes_panel(
    request: Request, account: str = "", as_of: str | None = None
) -> HTMLResponse:
    """Return the causes fragment of one account (the account page loads it)."""
    context = _context(request, account, as_of)
    bench = workbench(request)
    report: CausesReport = await run_in_threadpool(
        causes_report, bench.db, as_of=context["as_of"], account=account
    )
    return render(request, "_causes.html", {**context, "report": report})


@router.get("/causes", response_class=HTMLResponse)
async def causes_page(
    request: Request, account: str = "", as_of: str | None = None
) -> HTMLResponse:
    """Show one account's causes per metric and the what-if form."""
    context = _context(request, account, as_of)
    bench = workbench(request)
    report: CausesReport = await run_in_threadpool(
        causes_report, bench.db, as_of=context["as_of"], account=account
    )
    return render(request, "causes.html", {**context, "report": report, "page_name": "causes"})


@router.get("/whatif", response_class=HTMLResponse)
async def whatif_result(
    request: Request, account: str = "", scenario: str = "", as_of: str | None = None
) -> HTMLResponse:
    """Run the scenarios (one per line or separated by ';') and show every metric before and after."""
    context = _context(request, account, as_of)
    texts = [t.strip() for part in scenario.splitlines() for t in part.split(";") if t.strip()]
    scenarios = parse_scenarios(texts)
    result: WhatIfResult = await run_in_threadpool(
        what_if, workbench(request).db, account=account, scenarios=scenarios, as_of=context["as_of"]
    )
    context = {**context, "result": result, "scenario": scenario}
    if is_htmx(request):
        return render(request, "_whatif.html", context)
    return render(request, "whatif.html", {**context, "page_name": "causes"})
