"""Write small, hand-made seller reports in Amazon's formats, import them, read the health back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reinstate.services.health import health_report
from reinstate.services.imports import FileImport, import_files

ORDER_HEADER = (
    "amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\t"
    "fulfillment-channel\tsales-channel\torder-channel\turl\tship-service-level\tproduct-name\t"
    "sku\tasin\titem-status\tquantity\tcurrency\titem-price"
)
FULFILMENT_HEADER = (
    "amazon-order-id\tlatest-ship-date\thandling-days\tship-confirm-date\tcarrier\t"
    "tracking-number\tvalid-tracking\tpromised-delivery-date\tdelivered-date\tcancelled-by\tcancel-date"
)
OFFSETS = {
    "Amazon.com": "-08:00",
    "Amazon.de": "+01:00",
    "Amazon.co.uk": "+00:00",
    "Amazon.co.jp": "+09:00",
}


@dataclass
class Seller:
    """A seller's reports, built row by row in a test."""

    folder: Path
    orders: list[str] = field(default_factory=list)
    fulfilment: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)

    def order(
        self,
        order_id: str,
        day: date,
        *,
        channel: str = "Merchant",
        sales_channel: str = "Amazon.com",
        items: tuple[tuple[str, str, str], ...] = (("SKU-1", "B000000001", "Shipped"),),
        status: str = "Shipped",
        updated: date | None = None,
    ) -> Seller:
        """Add an order (one row per item); its purchase time is noon, local to the marketplace."""
        offset = OFFSETS[sales_channel]
        bought = f"{day.isoformat()}T12:00:00{offset}"
        changed = f"{(updated or day).isoformat()}T13:00:00{offset}"
        for sku, asin, item_status in items:
            self.orders.append(
                f"{order_id}\t\t{bought}\t{changed}\t{status}\t{channel}\t{sales_channel}\t\t\t"
                f"Standard\tTea cup\t{sku}\t{asin}\t{item_status}\t1\tUSD\t9.99"
            )
        return self

    def shipped(
        self,
        order_id: str,
        *,
        latest_ship: str = "",
        handling_days: str = "",
        confirmed: str = "",
        valid_tracking: str = "",
        promised: str = "",
        delivered: str = "",
        cancelled_by: str = "",
        cancel_date: str = "",
    ) -> Seller:
        """Add a fulfilment events row."""
        self.fulfilment.append(
            f"{order_id}\t{latest_ship}\t{handling_days}\t{confirmed}\tUPS\t1Z999\t{valid_tracking}\t"
            f"{promised}\t{delivered}\t{cancelled_by}\t{cancel_date}"
        )
        return self

    def rated(self, order_id: str, day: date, rating: int) -> Seller:
        """Add a seller feedback row (US date format)."""
        self.feedback.append(
            f"{day.month}/{day.day}/{day.year}\t{rating}\tslow\t\t{order_id}\trater@example.invalid"
        )
        return self

    def defect(self, order_id: str, defect_type: str, day: date, outcome: str) -> Seller:
        """Add a defect outcome row."""
        self.defects.append(f"{order_id},{defect_type},{day.isoformat()},{outcome}")
        return self

    def write(self) -> list[Path]:
        """Write every non-empty report to the folder and return the paths."""
        self.folder.mkdir(parents=True, exist_ok=True)
        files = {
            "orders.txt": (ORDER_HEADER, self.orders, "\n"),
            "fulfilment.tsv": (FULFILMENT_HEADER, self.fulfilment, "\n"),
            "feedback.txt": (
                "Date\tRating\tComments\tYour Response\tOrder ID\tRater Email",
                self.feedback,
                "\n",
            ),
            "defects.csv": ("amazon-order-id,defect-type,defect-date,outcome", self.defects, "\n"),
        }
        written = []
        for name, (header, rows, newline) in files.items():
            if rows:
                path = self.folder / name
                path.write_text(header + newline + newline.join(rows) + newline, encoding="utf-8")
                written.append(path)
        return written

    def load(self, db: Path, account: str = "acme") -> list[FileImport]:
        """Write and import everything into `db`."""
        return import_files(db, self.write(), account=account)


def metrics(
    db: Path, as_of: date, *, marketplace: str = "US", account: str = "acme"
) -> dict[str, Any]:
    """Return `{metric/channel: metric JSON}` for one account and marketplace."""
    report = health_report(db, as_of=as_of, account=account).to_dict()
    for entry in report["accounts"]:
        if entry["marketplace"] == marketplace:
            return {f"{m['metric']}/{m['channel']}": m for m in entry["metrics"]}
    raise AssertionError(f"no {marketplace} entry in {report}")


def v2_odr_report(
    start: date,
    end: date,
    *,
    orders: int,
    defects: int,
    claims: int = 0,
    chargebacks: int = 0,
    negative: int = 0,
    status: str = "GOOD",
) -> dict[str, Any]:
    """Return a V2 seller performance report (US) holding Amazon's MFN order defect rate."""
    return {
        "accountStatuses": [{"marketplaceId": "ATVPDKIKX0DER", "status": "NORMAL"}],
        "performanceMetrics": [
            {
                "marketplaceId": "ATVPDKIKX0DER",
                "orderDefectRate": {
                    "mfn": {
                        "reportingDateRange": {
                            "reportingDateFrom": f"{start.isoformat()}T00:00:00Z",
                            "reportingDateTo": f"{end.isoformat()}T23:59:59Z",
                        },
                        "orderCount": orders,
                        "orderWithDefects": {"count": defects, "status": "NONE"},
                        "claims": {"count": claims},
                        "chargebacks": {"count": chargebacks},
                        "negativeFeedback": {"count": negative},
                        "status": status,
                        "rate": defects / orders,
                        "targetValue": 0.01,
                        "targetCondition": "LESS_THAN",
                    }
                },
            }
        ],
    }
