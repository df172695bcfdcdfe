"""Account health pages: the overview of every account x marketplace, and one metric's orders.

An account name may be any text ("EU/DE-main", "店铺 #1", "100%?"): its links quote it as one
path segment, "/" included, and the routes take it back whole. A browser folds the names "." and
".." away as path segments (even quoted as %2E), so their links name the account in the query:
`/accounts?account=..&marketplace=US&metric=...` and `/accounts/orders.csv?...`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.convertors import Convertor, register_url_convertor

from reinstate.domain.errors import InputError
from reinstate.services.health import explained_orders_csv
from reinstate.services.workbench import parse_day
from reinstate.web.rendering import (
    default_day,
    language,
    path_part,
    render_text,
    workbench,
)

router = APIRouter()


class AccountNameConvertor(Convertor[str]):
    """An account name as a URL path segment: any text, "/" and line breaks included."""

    # The server decodes %2F to "/" before routing, so the name may span several segments; the
    # routes after it are fixed-width, which keeps the split unambiguous.
    regex = "(?s:.+)"

    def convert(self, value: str) -> str:
        """Return the name as routed."""
        return value

    def to_string(self, value: str) -> str:
        """Return the name quoted as one path segment."""
        return path_part(value)


register_url_convertor("account_name", AccountNameConvertor())

DOT_SEGMENTS = frozenset({".", ".."})
"""Account names a browser cannot keep in a path; their links carry the name in the query."""

PAGE_SIZE = 100
OVERVIEW_PAGE_SIZE = 50
"""Account x marketplace entries on one page of the overview."""

# The readable name of each metric entry; the catalog translates these (a test checks).
METRIC_LABELS: dict[tuple[str, str], str] = {
    ("order_defect_rate", "mfn"): "Order defect rate, seller-fulfilled",
    ("order_defect_rate", "afn"): "Order defect rate, fulfilled by Amazon",
    ("late_shipment_rate_10d", "mfn"): "Late shipment rate, 10 days",
    ("late_shipment_rate_30d", "mfn"): "Late shipment rate, 30 days",
    ("pre_fulfillment_cancel_rate", "mfn"): "Pre-fulfilment cancel rate",
    ("valid_tracking_rate", "mfn"): "Valid tracking rate",
    ("on_time_delivery_rate", "mfn"): "On-time delivery rate",
}
STATUS_TEXT = {"met": "met", "missed": "missed", "no_data": "no data"}
STATUS_SYMBOL = {"met": "✓", "missed": "✗", "no_data": "–"}
COMPONENT_LABELS = {
    "negative_feedback": "negative feedback",
    "a_to_z_claim": "A-to-z claims",
    "chargeback": "chargebacks",
}


def _day(request: Request, text: str | None) -> date:
    if not text:
        return default_day(request) or parse_day(None, "as_of")
    return parse_day(text.strip(), "as_of")


def _page_number(text: str | None) -> int:
    if not text:
        return 1
    if not text.isdigit() or int(text) < 1:
        raise InputError(
            template="page '{text}' is not a page number; give 1, 2, 3 …", params={"text": text}
        )
    return int(text)


def _labels() -> dict[str, object]:
    return {
        "metric_labels": METRIC_LABELS,
        "status_text": STATUS_TEXT,
        "status_symbol": STATUS_SYMBOL,
        "component_labels": COMPONENT_LABELS,
        "metric_href": metric_href,
    }


async def _remembered(request: Request, key: tuple[object, ...], page: Callable[[], str]) -> bytes:
    """Return a page rendered once per store stamp and `key`: kept pages without a worker thread."""
    bench = workbench(request)
    kept = bench.remembered(key)
    if isinstance(kept, bytes):
        return kept
    return await run_in_threadpool(bench.remember, key, lambda: page().encode())


@router.get("/", response_class=HTMLResponse)
async def overview(
    request: Request, as_of: str | None = None, account: str | None = None, page: str | None = None
) -> HTMLResponse:
    """Show every metric for every account x marketplace (or one account), a page at a time.

    The page is rendered once per store stamp, language and query, then served from the cache.
    """
    day = _day(request, as_of)
    chosen = account or None
    number = _page_number(page)
    key = ("overview", language(request), day, chosen, number, str(request.url.query))
    html = await _remembered(
        request, key, lambda: _overview_html(request, day, chosen, number, as_of)
    )
    return HTMLResponse(html)


def _overview_html(
    request: Request, day: date, chosen: str | None, number: int, as_of: str | None
) -> str:
    bench = workbench(request)
    report = bench.health(day, chosen)
    pages = max(1, -(-len(report.accounts) // OVERVIEW_PAGE_SIZE))
    number = min(number, pages)
    first = (number - 1) * OVERVIEW_PAGE_SIZE
    asked = day.isoformat() if as_of else ""

    def page_href(n: int) -> str:
        query = [(k, v) for k, v in (("as_of", asked), ("account", chosen or "")) if v]
        return "/?" + urlencode([*query, ("page", str(n))])

    context = {
        "page_name": "health",
        "report": report,
        "entries": report.accounts[first : first + OVERVIEW_PAGE_SIZE],
        "page": number,
        "pages": pages,
        "page_href": page_href,
        "accounts": bench.accounts(),
        "account": chosen,
        "as_of": day,
        "as_of_asked": asked,
        **_labels(),
    }
    return render_text(request, "overview.html", context)


def metric_href(
    account: str, marketplace: str, metric: str, *, csv: bool = False, **query: str | int
) -> str:
    """Return the link to one metric's page (or its CSV) for any account name; empty values drop."""
    params: list[tuple[str, str | int]] = [(k, v) for k, v in query.items() if v]
    if account in DOT_SEGMENTS:
        path = "/accounts/orders.csv" if csv else "/accounts"
        params = [("account", account), ("marketplace", marketplace), ("metric", metric), *params]
    else:
        parts = (path_part(account), path_part(marketplace), path_part(metric))
        path = "/accounts/" + "/".join(parts) + ("/orders.csv" if csv else "")
    return f"{path}?{urlencode(params)}" if params else path


def _named(
    account: str | None, marketplace: str | None, metric: str | None
) -> tuple[str, str, str]:
    if not (account and marketplace and metric):
        raise InputError(
            template="Say which metric to show: /accounts?account=NAME&marketplace=US&metric="
            "order_defect_rate (the account health page links to every one)."
        )
    return account, marketplace, metric


async def _metric_page(
    request: Request,
    account: str,
    marketplace: str,
    metric: str,
    channel: str | None,
    as_of: str | None,
    page: str | None,
) -> HTMLResponse:
    """Show one metric's page, rendered once per store stamp, language and URL."""
    day = _day(request, as_of)
    number = _page_number(page)
    named = (account, marketplace, metric, channel, as_of, day, number)
    key = ("metric", language(request), request.url.path, str(request.url.query), *named)
    html = await _remembered(request, key, lambda: _metric_html(request, *named))
    return HTMLResponse(html)


def _metric_html(
    request: Request,
    account: str,
    marketplace: str,
    metric: str,
    channel: str | None,
    as_of: str | None,
    day: date,
    number: int,
) -> str:
    result, orders = workbench(request).metric(day, account, marketplace, metric, channel or "mfn")
    pages = max(1, -(-len(orders) // PAGE_SIZE))
    number = min(number, pages)
    first = (number - 1) * PAGE_SIZE
    asked = day.isoformat() if as_of else ""

    def page_href(n: int) -> str:
        return metric_href(
            account, marketplace.upper(), result.metric, channel=result.channel, as_of=asked, page=n
        )

    context = {
        "page_name": "health",
        "account": account,
        "marketplace": marketplace.upper(),
        "result": result,
        "orders": orders[first : first + PAGE_SIZE],
        "total": len(orders),
        "first": first + 1,
        "page": number,
        "pages": pages,
        "page_href": page_href,
        "csv_href": metric_href(
            account,
            marketplace.upper(),
            result.metric,
            csv=True,
            channel=result.channel,
            as_of=asked,
        ),
        "as_of": day,
        "as_of_asked": asked,
        **_labels(),
    }
    return render_text(request, "metric.html", context)


def _metric_csv(
    request: Request,
    account: str,
    marketplace: str,
    metric: str,
    channel: str | None,
    as_of: str | None,
) -> Response:
    day = _day(request, as_of)
    result, orders = workbench(request).metric(day, account, marketplace, metric, channel or "mfn")
    stem = f"{account}-{marketplace}-{metric}-{result.channel}"
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", stem) + f"-{day.isoformat()}.csv"
    disposition = f'attachment; filename="{name}"'
    # Browsers that read RFC 6266's filename* keep the letters of a Chinese or accented name.
    letters = re.sub(r"[^\w.-]+", "_", stem) + f"-{day.isoformat()}.csv"
    if letters != name:
        disposition += f"; filename*=UTF-8''{quote(letters, safe='')}"
    return Response(
        "\ufeff" + explained_orders_csv([(account, marketplace.upper(), orders)], "\r\n"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": disposition},
    )


# The CSV route comes first: no metric is called "orders.csv", so its path is never a metric page.
@router.get("/accounts/{account:account_name}/{marketplace}/{metric}/orders.csv")
def metric_orders_csv(
    request: Request,
    account: str,
    marketplace: str,
    metric: str,
    channel: str | None = None,
    as_of: str | None = None,
) -> Response:
    """Download the orders behind a metric as CSV (UTF-8 with a byte-order mark, for Excel)."""
    return _metric_csv(request, account, marketplace, metric, channel, as_of)


@router.get("/accounts/{account:account_name}/{marketplace}/{metric}", response_class=HTMLResponse)
async def metric_orders(
    request: Request,
    account: str,
    marketplace: str,
    metric: str,
    channel: str | None = None,
    as_of: str | None = None,
    page: str | None = None,
) -> HTMLResponse:
    """Show one metric for one account and marketplace, with the orders behind its numerator."""
    return await _metric_page(request, account, marketplace, metric, channel, as_of, page)


@router.get("/accounts/orders.csv")
def metric_orders_csv_by_query(
    request: Request,
    account: str | None = None,
    marketplace: str | None = None,
    metric: str | None = None,
    channel: str | None = None,
    as_of: str | None = None,
) -> Response:
    """Download the orders behind a metric, the account named in the query (any name)."""
    return _metric_csv(request, *_named(account, marketplace, metric), channel, as_of)


@router.get("/accounts", response_class=HTMLResponse)
async def metric_orders_by_query(
    request: Request,
    account: str | None = None,
    marketplace: str | None = None,
    metric: str | None = None,
    channel: str | None = None,
    as_of: str | None = None,
    page: str | None = None,
) -> HTMLResponse:
    """Show one metric, the account named in the query (any name, "." and ".." included)."""
    return await _metric_page(request, *_named(account, marketplace, metric), channel, as_of, page)
