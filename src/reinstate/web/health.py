"""Account health pages: the overview of every account x marketplace, and one metric's orders."""

from __future__ import annotations

import re
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from reinstate.domain.errors import InputError
from reinstate.services.health import explained_orders_csv
from reinstate.services.workbench import parse_day
from reinstate.web.rendering import default_day, render, workbench

router = APIRouter()

PAGE_SIZE = 100

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
        raise InputError(f"page '{text}' is not a page number; give 1, 2, 3 …")
    return int(text)


def _labels() -> dict[str, object]:
    return {
        "metric_labels": METRIC_LABELS,
        "status_text": STATUS_TEXT,
        "status_symbol": STATUS_SYMBOL,
        "component_labels": COMPONENT_LABELS,
    }


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request, as_of: str | None = None, account: str | None = None
) -> HTMLResponse:
    """Show every metric for every account x marketplace (or one account)."""
    day = _day(request, as_of)
    chosen = account or None
    bench = workbench(request)
    report = bench.health(day, chosen)
    context = {
        "page_name": "health",
        "report": report,
        "accounts": bench.accounts(),
        "account": chosen,
        "as_of": day,
        "as_of_asked": day.isoformat() if as_of else "",
        **_labels(),
    }
    return render(request, "overview.html", context)


@router.get("/accounts/{account}/{marketplace}/{metric}", response_class=HTMLResponse)
def metric_orders(
    request: Request,
    account: str,
    marketplace: str,
    metric: str,
    channel: str | None = None,
    as_of: str | None = None,
    page: str | None = None,
) -> HTMLResponse:
    """Show one metric for one account and marketplace, with the orders behind its numerator."""
    day = _day(request, as_of)
    number = _page_number(page)
    result, orders = workbench(request).metric(day, account, marketplace, metric, channel or "mfn")
    pages = max(1, -(-len(orders) // PAGE_SIZE))
    number = min(number, pages)
    first = (number - 1) * PAGE_SIZE
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
        "as_of": day,
        "as_of_asked": day.isoformat() if as_of else "",
        **_labels(),
    }
    return render(request, "metric.html", context)


@router.get("/accounts/{account}/{marketplace}/{metric}/orders.csv")
def metric_orders_csv(
    request: Request,
    account: str,
    marketplace: str,
    metric: str,
    channel: str | None = None,
    as_of: str | None = None,
) -> Response:
    """Download the orders behind a metric as CSV (UTF-8 with a byte-order mark, for Excel)."""
    day = _day(request, as_of)
    result, orders = workbench(request).metric(day, account, marketplace, metric, channel or "mfn")
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{account}-{marketplace}-{metric}-{result.channel}")
    return Response(
        "\ufeff" + explained_orders_csv([(account, marketplace.upper(), orders)], "\r\n"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}-{day.isoformat()}.csv"'},
    )
