"""Load: `reinstate serve` in a second process, driven by N concurrent clients over loopback.

The store (built once, cached under bench/data/) holds BENCH_ACCOUNTS accounts (default 1,000)
and the largest BENCH_ORDERS size of orders (default 10,000,000); BENCH_LOAD_ACCOUNTS and
BENCH_LOAD_ORDERS set this part alone. Generating and importing 10M orders
through the normal import takes longer than a benchmark should, so the store is built in bulk:
the demo generator's files for BASE_ORDERS orders are imported as usual, then DuckDB copies those
canonical rows (new order ids, spread over the accounts) until the store holds the orders asked
for. The schema, the marketplace table and the health engine are the ones Reinstate uses.

Each page kind is driven for BENCH_LOAD_SECONDS (default 60) by BENCH_LOAD_CLIENTS clients
(default 20; kept-alive HTTP/1.1 connections of a small asyncio client), each sending its next
request when the last one answered: the overview (its first
page), one account, a drill-down, the notice and review forms (GET) and a reading / a review
(POST), and a review of a new letter each time (`review_post_new`: the same letter again is
served from memory). Reported per kind: requests/s, p50, p95, p99 (ms) and errors; and the server's resident
memory (peak and current) after warming up and at the end.

    python bench/bench_load.py           # BENCH_LOAD_ORDERS=1000000 BENCH_LOAD_ACCOUNTS=100 ...
"""

from __future__ import annotations

import asyncio
import itertools
import json
import math
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import duckdb
import httpx

from reinstate.services.demo import import_demo_data, write_demo_data
from reinstate.storage.database import Store

ROOT = Path(__file__).resolve().parent
AS_OF = date(2026, 11, 22)
BASE_ORDERS = 200_000
GOAL_RPS = 200.0
GOAL_P95_MS = 150.0
ORDER_TABLES = ("orders", "order_items", "fulfilment", "feedback", "defect_outcomes")
SNAPSHOT_TABLES = ("amazon_metrics", "amazon_account_status")

NOTICE = (
    "Hello,\n\nWe are writing to let you know that your Amazon.com selling privileges have been "
    "removed because your Order Defect Rate is above our target of 1%. To reactivate your "
    "account, submit a plan of action in Account Health within 17 days.\n"
)
LETTER = (
    "Dear Seller Performance Team,\n\nRoot cause: between 2026-10-01 and 2026-10-14 our carrier "
    "missed 14 pickups, so 14 orders shipped late and 6 buyers left negative feedback.\n\n"
    "Corrective actions: on 2026-10-16 we refunded the 6 buyers, moved every order to a second "
    "carrier with daily pickup, and checked each open order's tracking.\n\n"
    "Preventive measures: since 2026-10-20 a team member checks every order's confirmation by "
    "14:00 each day, and we keep two carriers under contract.\n\nThank you.\n"
)


def _label(expr: str, accounts: int) -> str:
    return f"'acct-' || lpad(CAST(hash({expr}) % {accounts} AS VARCHAR), 4, '0')"


def build_store(orders: int, accounts: int) -> Path:
    """Return a store of about `orders` orders over `accounts` accounts (built once, cached)."""
    folder = ROOT / "data" / f"load-{orders}-{accounts}"
    db = folder / "load.duckdb"
    if (folder / "READY").exists():
        return db
    base_orders = min(orders, BASE_ORDERS)
    base = ROOT / "data" / f"load-base-{base_orders}"
    base_db = base / "base.duckdb"
    if not (base / "READY").exists():
        print(f"generating and importing {base_orders:,} demo orders…", flush=True)
        write_demo_data(base / "files", orders=base_orders, as_of=AS_OF, seed=11)
        import_demo_data(base_db, base / "files")
        (base / "READY").write_text("done\n", encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    db.unlink(missing_ok=True)
    Store.open(db).close()  # Reinstate's own schema and marketplace table
    con = duckdb.connect(str(db))
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute(f"ATTACH '{base_db}' AS base (READ_ONLY)")
        in_base = int(con.execute("SELECT count(*) FROM base.orders").fetchall()[0][0])
        copies = max(1, math.ceil(orders / in_base))
        print(f"copying {in_base:,} orders {copies} times over {accounts} accounts…", flush=True)
        for table in ORDER_TABLES:
            # Copy k of an order is a new order ("<id>-k") of one account, the same in every table.
            new_id = "order_id || '-' || k"
            con.execute(
                f"INSERT INTO {table} SELECT t.* REPLACE ({_label(new_id, accounts)} AS account, "
                f"{new_id} AS order_id) FROM base.{table} t, range({copies}) c(k)"
            )
        originals = [
            r[0]
            for r in con.execute("SELECT DISTINCT account FROM base.orders ORDER BY 1").fetchall()
        ]
        mapping = ", ".join(
            f"('acct-' || lpad('{n}', 4, '0'), '{originals[n % len(originals)]}')"
            for n in range(accounts)
        )
        con.execute("CREATE TEMP TABLE snapshot_of (account VARCHAR, original VARCHAR)")
        con.execute(f"INSERT INTO snapshot_of VALUES {mapping}")
        for table in SNAPSHOT_TABLES:
            con.execute(
                f"INSERT INTO {table} SELECT t.* REPLACE (s.account AS account) "
                f"FROM base.{table} t JOIN snapshot_of s ON s.original = t.account"
            )
        con.execute("INSERT INTO imports SELECT * FROM base.imports")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    (folder / "READY").write_text("done\n", encoding="utf-8")
    return db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _memory_mb(pid: int) -> dict[str, float]:
    """Return the process's peak and current resident memory in MB (Linux /proc)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text(encoding="utf-8").splitlines():
        name, _, value = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            fields[name] = int(value.split()[0]) / 1024
    return {"peak_rss_mb": fields.get("VmHWM", 0.0), "rss_mb": fields.get("VmRSS", 0.0)}


def _percentile(ordered: list[float], fraction: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[max(0, min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1))]


def _request_bytes(port: int, method: str, url: str, form: dict[str, str] | None) -> bytes:
    body = urlencode(form).encode() if form else b""
    head = f"{method} {url} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
    if form:
        head += (
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        )
    return head.encode() + b"\r\n" + body


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> bool:
    """Send one request on a kept-alive connection and read its whole answer; True for a 200."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    length = None
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    if length is None:  # every page of the workbench says its length; anything else is an error
        raise ConnectionError("an answer without Content-Length")
    await reader.readexactly(length)
    return head[9:12] == b"200"


async def _drive(
    port: int, method: str, url: str, form: dict[str, str] | None, clients: int, seconds: float
) -> dict[str, float]:
    """Drive one page kind with the same request every time (see `_drive_with`)."""
    request = _request_bytes(port, method, url, form)
    return await _drive_with(lambda n: request, port, clients, seconds)


def _fresh_letters(port: int, url: str, form: dict[str, str]) -> Callable[[int], bytes]:
    """Return request n: the letter with a line of its own, so no review is served from memory."""

    def request(n: int) -> bytes:
        letter = form["letter"] + f"\nOur reference: {n}.\n"
        return _request_bytes(port, "POST", url, form | {"letter": letter})

    return request


async def _drive_with(
    request_of: Callable[[int], bytes], port: int, clients: int, seconds: float
) -> dict[str, float]:
    """Drive one page kind: `clients` kept-alive HTTP/1.1 connections, one request at a time each.

    A plain asyncio client (a prepared request, the answer read by its Content-Length) rather
    than httpx: the load generator shares the server's cores, so its own cost is kept small.
    """
    timings: list[float] = []
    errors = 0
    sent = itertools.count()
    end = time.perf_counter() + seconds

    async def one_client() -> None:
        nonlocal errors
        connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        while time.perf_counter() < end:
            start = time.perf_counter()
            try:
                if connection is None:
                    connection = await asyncio.open_connection("127.0.0.1", port)
                request = request_of(next(sent))
                ok = await asyncio.wait_for(_exchange(*connection, request), 30.0)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError):
                ok = False
                if connection is not None:
                    connection[1].close()
                connection = None
            timings.append((time.perf_counter() - start) * 1000)
            errors += not ok
        if connection is not None:
            connection[1].close()

    began = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    elapsed = time.perf_counter() - began
    timings.sort()
    return {
        "requests": float(len(timings)),
        "requests_per_s": len(timings) / elapsed,
        "p50_ms": _percentile(timings, 0.50),
        "p95_ms": _percentile(timings, 0.95),
        "p99_ms": _percentile(timings, 0.99),
        "errors": float(errors),
    }


def _pages(db: Path) -> dict[str, tuple[str, str, dict[str, str] | None]]:
    with duckdb.connect(str(db), read_only=True) as con:
        account, market = con.execute(
            "SELECT account, marketplace FROM orders GROUP BY ALL ORDER BY count(*) DESC LIMIT 1"
        ).fetchall()[0]
    day = AS_OF.isoformat()
    name = quote(str(account), safe="")
    return {
        "overview": ("GET", f"/?as_of={day}", None),
        "account": ("GET", f"/?as_of={day}&account={name}", None),
        "drilldown": ("GET", f"/accounts/{name}/{market}/late_shipment_rate_30d?as_of={day}", None),
        "notice_form": ("GET", "/notice", None),
        "notice_post": ("POST", "/notice", {"text": NOTICE, "notice_date": "2026-11-20"}),
        "review_form": ("GET", "/review", None),
        "review_post": ("POST", "/review", {"letter": LETTER, "notice": NOTICE}),
    }


def _judged(kind: str, figures: dict[str, float]) -> dict[str, float]:
    figures["meets_goal"] = float(
        figures["requests_per_s"] >= GOAL_RPS
        and figures["p95_ms"] <= GOAL_P95_MS
        and figures["errors"] == 0
    )
    print(kind, json.dumps({k: round(v, 1) for k, v in figures.items()}), flush=True)
    return figures


def measure(db: Path, *, seconds: float, clients: int) -> dict[str, Any]:
    """Serve `db` from a second process and drive every page kind; return the figures."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    reinstate = Path(sys.executable).with_name("reinstate")
    server = subprocess.Popen(
        [
            str(reinstate),
            "--db",
            str(db),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--as-of",
            AS_OF.isoformat(),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    results: dict[str, Any] = {"clients": clients, "seconds_per_kind": seconds}
    try:
        pages = _pages(db)
        deadline = time.perf_counter() + 600
        while True:  # up, and every page computed once (the first request pays for the engine)
            try:
                for method, url, form in pages.values():
                    httpx.request(method, base + url, data=form, timeout=600).raise_for_status()
                break
            except httpx.HTTPError:
                if time.perf_counter() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.5)
        results["server_start"] = _memory_mb(server.pid)
        for kind, (method, url, form) in pages.items():
            figures = asyncio.run(_drive(port, method, url, form, clients, seconds))
            results[kind] = _judged(kind, figures)
            if kind == "review_post":  # the same letter again is served from memory; new ones not
                new = _fresh_letters(port, url, form or {})
                figures = asyncio.run(_drive_with(new, port, clients, seconds))
                results["review_post_new"] = _judged("review_post_new", figures)
        results["server_end"] = _memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def run() -> dict[str, Any]:
    """Build (or reuse) the store the environment asks for, and measure it under load."""
    # BENCH_ORDERS (make bench's sizes: the largest) and BENCH_ACCOUNTS scale it, as the rest of
    # the bench; BENCH_LOAD_ORDERS and BENCH_LOAD_ACCOUNTS set this part alone.
    sizes = [int(n) for n in os.environ.get("BENCH_ORDERS", "10000000").split(",") if n]
    orders = int(os.environ.get("BENCH_LOAD_ORDERS", max(sizes, default=10_000_000)))
    accounts = int(os.environ.get("BENCH_LOAD_ACCOUNTS", os.environ.get("BENCH_ACCOUNTS", "1000")))
    seconds = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
    clients = int(os.environ.get("BENCH_LOAD_CLIENTS", "20"))
    db = build_store(orders, accounts)
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT count(*), count(DISTINCT account) FROM orders").fetchall()[0]
    results: dict[str, Any] = {"orders_in_store": stored[0], "accounts": stored[1]}
    results |= {"cores": os.cpu_count(), "load_avg_before": os.getloadavg()[0]}
    results |= measure(db, seconds=seconds, clients=clients)
    results["load_avg_after"] = os.getloadavg()[0]
    return results


def main() -> int:
    results = run()
    out = ROOT / "results" / f"load-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
