"""Time the workbench's pages in-process: p50/p95 of the health overview and a metric drill-down.

Target (DESIGN.md §6): p95 under 150 ms for an account with 1M orders. Pages keep their results until
the next import, so the figure a seller sees is the cached one; the first request after an import
(and every request with the cache off) pays for the metric engine, and is reported beside it.

    python bench/bench_web.py [DB]    # without DB: demo data of BENCH_WEB_ORDERS orders (1,000,000)
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import quote

import duckdb
from fastapi.testclient import TestClient

from reinstate.services.demo import import_demo_data, write_demo_data
from reinstate.settings import Settings
from reinstate.web import create_app

ROOT = Path(__file__).resolve().parent
TARGET_P95_MS = 150.0
REQUESTS = 50
UNCACHED_REQUESTS = 10
AS_OF = date(2026, 11, 22)


def _percentile(timings: list[float], fraction: float) -> float:
    ordered = sorted(timings)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))]


def _timed(get: Callable[[], int], requests: int) -> list[float]:
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        status = get()
        timings.append((time.perf_counter() - start) * 1000)
        if status != 200:
            raise RuntimeError(f"the page answered {status}")
    return timings


def _largest_account(db_path: Path) -> tuple[str, str, int, date]:
    """Return the account x marketplace with the most orders, its order count and last day."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = con.execute(
            "SELECT account, marketplace, count(*), max(purchase_day) FROM orders "
            "GROUP BY ALL ORDER BY 3 DESC, 1, 2 LIMIT 1"
        ).fetchall()
    account, market, orders, last = rows[0]
    return str(account), str(market), int(orders), last


def measure(
    db_path: Path, *, as_of: date | None = None, requests: int = REQUESTS
) -> dict[str, float]:
    """Return p50/p95 milliseconds of the overview and of one drill-down, cached and uncached."""
    account, market, orders, last = _largest_account(db_path)
    day = (as_of or last).isoformat()
    pages = {
        "overview": f"/?as_of={day}",
        "drilldown": f"/accounts/{quote(account, safe='')}/{market}/late_shipment_rate_30d?as_of={day}",
    }
    results: dict[str, float] = {"largest_account_orders": float(orders)}
    app = create_app(Settings(db=db_path), as_of=as_of)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for name, url in pages.items():
            first = _timed(lambda url=url: client.get(url).status_code, 1)[0]
            timings = _timed(lambda url=url: client.get(url).status_code, requests)
            results[f"web_{name}_first_ms"] = first
            results[f"web_{name}_p50_ms"] = _percentile(timings, 0.5)
            results[f"web_{name}_p95_ms"] = _percentile(timings, 0.95)
    # The same pages with no result cache: what every request would cost without it.
    uncached = create_app(Settings(db=db_path), as_of=as_of)
    uncached.state.workbench.capacity = 0
    with TestClient(uncached, base_url="http://127.0.0.1") as client:
        for name, url in pages.items():
            timings = _timed(lambda url=url: client.get(url).status_code, UNCACHED_REQUESTS)
            results[f"web_{name}_uncached_p50_ms"] = _percentile(timings, 0.5)
            results[f"web_{name}_uncached_p95_ms"] = _percentile(timings, 0.95)
    results["web_target_p95_ms"] = TARGET_P95_MS
    results["web_p95_vs_target"] = (
        max(results["web_overview_p95_ms"], results["web_drilldown_p95_ms"]) / TARGET_P95_MS
    )
    return results


def build_demo_store(orders: int) -> Path:
    """Generate demo data of `orders` orders and import it, once per size; return the store."""
    folder = ROOT / "data" / f"web-{orders}"
    db = folder / "web.duckdb"
    if db.exists() and (folder / "IMPORTED").exists():
        return db
    shutil.rmtree(folder, ignore_errors=True)
    write_demo_data(folder / "files", orders=orders, as_of=AS_OF, seed=11)
    import_demo_data(db, folder / "files")
    (folder / "IMPORTED").write_text("done\n", encoding="utf-8")
    return db


if __name__ == "__main__":
    given = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    size = int(os.environ.get("BENCH_WEB_ORDERS", "1000000"))
    store = given or build_demo_store(size)
    for key, value in measure(store, as_of=None if given else AS_OF).items():
        print(f"{key}: {value:.1f}")
