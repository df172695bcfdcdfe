"""The V2 seller performance report (JSON): Amazon's own figures, kept as dated snapshots."""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Any

import duckdb
import pyarrow as pa

from reinstate.domain.errors import InputError, TruncatedFileError
from reinstate.domain.problems import Problem
from reinstate.ingest.parsed import ParsedReport, stage_arrow
from reinstate.ingest.source import SourceFile
from reinstate.rules import marketplaces

# V2 key -> (metric, numerator key, denominator key). ODR is handled per channel below.
SIMPLE_METRICS = {
    "preFulfillmentCancellationRate": (
        "pre_fulfillment_cancel_rate",
        "cancellationCount",
        "orderCount",
    ),
    "validTrackingRate": ("valid_tracking_rate", "validTrackingCount", "shipmentCount"),
    "onTimeDeliveryRate": (
        "on_time_delivery_rate",
        "onTimeDeliveryCount",
        "shipmentCountWithValidTracking",
    ),
}
CONDITIONS = {"LESS_THAN": "less_than", "GREATER_THAN": "greater_than", "EQUALS": "equals"}

METRIC_COLUMNS = (
    "marketplace",
    "snapshot_date",
    "metric",
    "channel",
    "window_start",
    "window_end",
    "numerator",
    "denominator",
    "rate",
    "status",
    "target",
    "target_condition",
    "negative_feedback",
    "a_to_z_claim",
    "chargeback",
)


def _day(text: Any) -> date | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _number(value: Any) -> float | None:
    """Return a JSON number as a float; NaN, infinities and non-numbers are not figures."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float
        return None
    return number if math.isfinite(number) else None


def _count(node: Any) -> int | None:
    if isinstance(node, dict):
        node = node.get("count")
    number = _number(node)
    # A count beyond a 64-bit integer is not a count of orders (and cannot be stored).
    return int(number) if number is not None and abs(number) < 2**63 else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _node(parent: dict[str, Any], key: str) -> dict[str, Any]:
    """Return a JSON object member that should be an object, or {} when it is anything else."""
    value = parent.get(key)
    return value if isinstance(value, dict) else {}


def _row(
    marketplace: str, metric: str, channel: str, node: dict[str, Any], num: Any, den: Any
) -> dict[str, Any]:
    window = _node(node, "reportingDateRange")
    return {
        "marketplace": marketplace,
        "snapshot_date": None,
        "metric": metric,
        "channel": channel,
        "window_start": _day(window.get("reportingDateFrom")),
        "window_end": _day(window.get("reportingDateTo")),
        "numerator": _count(num),
        "denominator": _count(den),
        "rate": _number(node.get("rate")),
        "status": _text(node.get("status")),
        "target": _number(node.get("targetValue")),
        "target_condition": CONDITIONS.get(str(node.get("targetCondition"))),
        "negative_feedback": None,
        "a_to_z_claim": None,
        "chargeback": None,
    }


def _metrics_of(code: str, entry: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    odr = entry.get("orderDefectRate")
    if isinstance(odr, dict):
        for channel in ("mfn", "afn"):
            node = odr.get(channel)
            if isinstance(node, dict):
                row = _row(
                    code,
                    "order_defect_rate",
                    channel,
                    node,
                    node.get("orderWithDefects"),
                    node.get("orderCount"),
                )
                row["negative_feedback"] = _count(node.get("negativeFeedback"))
                row["a_to_z_claim"] = _count(node.get("claims"))
                row["chargeback"] = _count(node.get("chargebacks"))
                rows.append(row)
    late: list[dict[str, Any]] = []
    if isinstance(entry.get("lateShipmentRate"), dict):
        late.append(entry["lateShipmentRate"])
    if isinstance(entry.get("lateShipmentRateList"), list):
        late += [n for n in entry["lateShipmentRateList"] if isinstance(n, dict)]
    seen: set[str] = set()
    for node in late:
        row = _row(code, "", "mfn", node, node.get("lateShipmentCount"), node.get("orderCount"))
        span = (
            (row["window_end"] - row["window_start"]).days + 1
            if row["window_start"] and row["window_end"]
            else 30
        )
        row["metric"] = "late_shipment_rate_10d" if span <= 15 else "late_shipment_rate_30d"
        if row["metric"] not in seen:
            seen.add(row["metric"])
            rows.append(row)
    for key, (metric, num, den) in SIMPLE_METRICS.items():
        node = entry.get(key)
        if isinstance(node, dict):
            rows.append(_row(code, metric, "mfn", node, node.get(num), node.get(den)))
    return rows


def parse_v2_performance(con: duckdb.DuckDBPyConnection, source: SourceFile) -> ParsedReport:
    """Parse a V2 seller performance JSON leniently; unknown marketplaces become problems."""
    text = source.path.read_bytes().decode(source.encoding, errors="replace").lstrip("\ufeff")
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise InputError(
            f"{source.name} is JSON nested deeper than any V2 seller performance report. "
            "Import the V2 seller performance report exactly as downloaded."
        ) from exc
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) - 1:
            raise TruncatedFileError(
                f"{source.name} ends before the JSON document does (line {exc.lineno}): the "
                "download was cut short. Nothing was imported; download the report again."
            ) from exc
        raise InputError(
            f"{source.name} is not valid JSON at line {exc.lineno}, column {exc.colno} "
            f"({exc.msg}). Import the V2 seller performance report exactly as downloaded."
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("performanceMetrics"), list):
        raise InputError(
            f"{source.name} is JSON but not a V2 seller performance report: it has no "
            "'performanceMetrics' list. Request GET_V2_SELLER_PERFORMANCE_REPORT and import that."
        )
    directory = marketplaces()
    problems: list[Problem] = []
    metric_rows: list[dict[str, Any]] = []
    status_rows: list[dict[str, Any]] = []
    listed = data.get("accountStatuses")
    statuses = {
        s["marketplaceId"]: _text(s.get("status"))
        for s in (listed if isinstance(listed, list) else [])
        if isinstance(s, dict) and isinstance(s.get("marketplaceId"), str)
    }
    for index, entry in enumerate(data["performanceMetrics"]):
        if not isinstance(entry, dict):
            continue
        marketplace = directory.by_marketplace_id(str(entry.get("marketplaceId", "")))
        if marketplace is None:
            problems.append(
                Problem(
                    source.name,
                    None,
                    f"performanceMetrics[{index}].marketplaceId",
                    f"marketplace id '{entry.get('marketplaceId')}' is not one Reinstate knows; "
                    "that marketplace's figures were skipped.",
                )
            )
            continue
        rows = _metrics_of(marketplace.code, entry)
        ahr = _node(entry, "accountHealthRating")
        ends = [r["window_end"] for r in rows if r["window_end"]]
        ahr_end = _day(_node(ahr, "reportingDateRange").get("reportingDateTo"))
        snapshot = max(ends + ([ahr_end] if ahr_end else []), default=None)
        if snapshot is None:
            problems.append(
                Problem(
                    source.name,
                    None,
                    f"performanceMetrics[{index}]",
                    f"the {marketplace.code} entry has no reporting dates, so it cannot be dated "
                    "as a snapshot; it was skipped.",
                )
            )
            continue
        for row in rows:
            row["snapshot_date"] = snapshot
        metric_rows += rows
        score = _count(ahr.get("ahrScore"))
        status_rows.append(
            {
                "marketplace": marketplace.code,
                "snapshot_date": snapshot,
                "account_status": statuses.get(marketplace.marketplace_id),
                "ahr_status": _text(ahr.get("ahrStatus"))
                or _text(ahr.get("accountHealthRatingStatus")),
                # A score is 0-1000; anything else would not fit the stored 32-bit number.
                "ahr_score": score if score is not None and abs(score) < 2**31 else None,
            }
        )
    metric_schema = pa.schema(
        [
            ("marketplace", pa.string()),
            ("snapshot_date", pa.date32()),
            ("metric", pa.string()),
            ("channel", pa.string()),
            ("window_start", pa.date32()),
            ("window_end", pa.date32()),
            ("numerator", pa.int64()),
            ("denominator", pa.int64()),
            ("rate", pa.float64()),
            ("status", pa.string()),
            ("target", pa.float64()),
            ("target_condition", pa.string()),
            ("negative_feedback", pa.int64()),
            ("a_to_z_claim", pa.int64()),
            ("chargeback", pa.int64()),
        ]
    )
    status_schema = pa.schema(
        [
            ("marketplace", pa.string()),
            ("snapshot_date", pa.date32()),
            ("account_status", pa.string()),
            ("ahr_status", pa.string()),
            ("ahr_score", pa.int32()),
        ]
    )
    return ParsedReport(
        kind="v2_performance",
        encoding=source.encoding,
        locale=None,
        rows_read=len(data["performanceMetrics"]),
        tables={
            "amazon_metrics": stage_arrow(
                con, "amazon_metrics", pa.Table.from_pylist(metric_rows, metric_schema)
            ),
            "amazon_account_status": stage_arrow(
                con, "amazon_account_status", pa.Table.from_pylist(status_rows, status_schema)
            ),
        },
        problems=problems,
        rejected=len(problems),
    )
