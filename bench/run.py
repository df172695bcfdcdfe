"""`make bench`: Reinstate beside its references, side by side in one run; ratios to bench/results/.

Import (DESIGN.md §6): Reinstate's import of the UTF-8 All Orders files into a new store, against
DuckDB's own CSV reader on the same files — reading them into memory (the raw reader speed) and
reading them into a table of a database file (DuckDB doing the same job as an import: the file's
data persisted). Both ratios are reported; the goal is >= 0.5.

Health: Reinstate's Ibis engine, a hand-written DuckDB SQL query and a straightforward pandas
implementation compute the same numbers (every metric's numerator, denominator, ODR components
and the caveat counts) on the same store; the run stops if any of the three disagree. The
imported orders are spread over BENCH_ACCOUNTS accounts (default 1,000) so the figures are for
the portfolio shape of DESIGN.md §6. Goals: engine <= 1.5x the SQL, pandas >= 5x the engine.

Sizes from BENCH_ORDERS (default 1M and 10M generated orders). Also runs the notice, review and
web benches when present, and the load part (bench/bench_load.py: `reinstate serve` driven by
concurrent clients; BENCH_LOAD=0 skips it). Nothing here is a test: run it on a quiet machine.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from reinstate.demo import generate_demo_data
from reinstate.domain.health.metrics import MAX_HANDLING_DAYS
from reinstate.engine.calendar import expected_ship_days
from reinstate.engine.runner import MFN_LOOKBACK_DAYS, Counts
from reinstate.ingest import open_source
from reinstate.rules import defect_rules, marketplaces, metric_catalogue
from reinstate.services.health import engine_for
from reinstate.services.imports import import_files
from reinstate.storage.database import Store

ROOT = Path(__file__).resolve().parent
AS_OF = date(2026, 11, 22)
Key = tuple[str, str, str, str]  # account, marketplace, metric, channel
Numbers = dict[Key, dict[str, int]]


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Return the best wall time of `repeat` runs and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def interleaved(fns: dict[str, Callable[[], Any]], repeat: int) -> dict[str, tuple[float, Any]]:
    """Run the functions in turn, `repeat` rounds; return each one's best time and last result.

    Taking turns keeps a ratio fair on a machine whose speed drifts during the run.
    """
    best = {name: float("inf") for name in fns}
    results: dict[str, Any] = {}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            results[name] = fn()
            best[name] = min(best[name], time.perf_counter() - start)
    return {name: (best[name], results[name]) for name in fns}


def windows() -> dict[str, tuple[date, date]]:
    """Return each metric's window; the references assume one rule for every marketplace."""
    catalogue = metric_catalogue()
    codes = [m.code for m in marketplaces().marketplaces]
    found: dict[str, tuple[date, date]] = {}
    for rule in catalogue.defaults:
        spans = {
            (w.start, w.end)
            for w in (catalogue.rule(rule.metric, rule.channel, c).window(AS_OF) for c in codes)
        }
        if len(spans) != 1:
            raise SystemExit(f"{rule.metric}: the references need one window for all marketplaces")
        found[f"{rule.metric}/{rule.channel}"] = spans.pop()
    return found


def _list(values: tuple[str, ...] | tuple[int, ...]) -> str:
    return ", ".join(repr(v) for v in values)


def reference_sql() -> str:
    """The hand-written DuckDB query: the engine's rules, written directly as one statement."""
    rules = defect_rules()
    w = windows()
    counted = rules.counting_outcomes

    def between(column: str, key: str) -> str:
        start, end = w[key]
        return f"{column} BETWEEN DATE '{start}' AND DATE '{end}'"

    d = f"DATE '{AS_OF}'"
    odr_mfn, odr_afn = w["order_defect_rate/mfn"], w["order_defect_rate/afn"]
    return f"""
    WITH d AS (
      SELECT account, order_id,
        bool_or(defect_type = 'a-to-z-claim' AND outcome IN ({_list(counted["a-to-z-claim"])})
                AND defect_day <= {d}) AS claim,
        bool_or(defect_type = 'chargeback' AND outcome IN ({_list(counted["chargeback"])})
                AND defect_day <= {d}) AS cb,
        bool_or(defect_type = 'negative-feedback'
                AND outcome IN ({_list(counted["negative-feedback"])}) AND defect_day <= {d}) AS active,
        bool_or(defect_type = 'negative-feedback'
                AND outcome IN ({_list(rules.feedback_cleared_outcomes)})) AS cleared
      FROM defect_outcomes GROUP BY ALL
    ), odr AS (
      SELECT o.account, o.marketplace, o.channel,
        (fb.order_id IS NOT NULL AND NOT coalesce(d.cleared, false)) OR coalesce(d.active, false) AS nf,
        coalesce(d.claim, false) AS claim, coalesce(d.cb, false) AS cb
      FROM orders o
      LEFT JOIN d USING (account, order_id)
      LEFT JOIN (SELECT account, order_id FROM feedback
                 WHERE rating IN ({_list(rules.negative_ratings)}) AND feedback_day <= {d}) fb
        USING (account, order_id)
      WHERE CASE o.channel WHEN 'mfn' THEN o.purchase_day BETWEEN DATE '{odr_mfn[0]}' AND DATE '{odr_mfn[1]}'
                           ELSE o.purchase_day BETWEEN DATE '{odr_afn[0]}' AND DATE '{odr_afn[1]}' END
    ), m AS (
      SELECT o.account, o.marketplace, o.purchase_day, o.cancelled_items, o.last_updated_day,
             f.order_id IS NOT NULL AS has_f, f.cancelled_by, f.cancel_day, f.valid_tracking,
             f.promised_delivery_day, f.delivered_day,
             coalesce(f.latest_ship_day, h.h_ship_day) AS expected,
             coalesce(f.ship_confirm_day <= {d}, false) AS confirmed,
             coalesce(CASE WHEN f.latest_ship_ts IS NOT NULL AND f.ship_confirm_ts IS NOT NULL
                           THEN f.ship_confirm_ts > f.latest_ship_ts
                           ELSE f.ship_confirm_day > coalesce(f.latest_ship_day, h.h_ship_day) END,
                      false) AS late
      FROM orders o
      LEFT JOIN fulfilment f USING (account, order_id)
      LEFT JOIN ship_days h ON h.h_marketplace = o.marketplace
        AND h.h_purchase_day = o.purchase_day AND h.h_handling_days = f.handling_days
      WHERE o.channel = 'mfn' AND o.purchase_day >= {d} - {MFN_LOOKBACK_DAYS}
    ), c AS (
      SELECT *, (cancelled_by IN ('seller', 'amazon') AND (cancel_day IS NULL OR cancel_day <= {d})) AS by_seller,
             (cancelled_items > 0 AND cancelled_by IS NULL
              AND (last_updated_day IS NULL OR last_updated_day <= {d})) AS from_report
      FROM m
    )
    SELECT 'odr' AS part, account, marketplace, channel,
      count(*) AS a, count(*) FILTER (WHERE nf OR claim OR cb) AS b,
      count(*) FILTER (WHERE nf) AS c, count(*) FILTER (WHERE claim) AS e,
      count(*) FILTER (WHERE cb) AS g,
      0 AS h, 0 AS i, 0 AS j, 0 AS k, 0 AS l, 0 AS n, 0 AS p, 0 AS q, 0 AS r, 0 AS s, 0 AS t, 0 AS u,
      0 AS v
    FROM odr GROUP BY ALL
    UNION ALL
    SELECT 'mfn', account, marketplace, 'mfn',
      count(*) FILTER (WHERE {between("expected", "late_shipment_rate_10d/mfn")} AND confirmed),
      count(*) FILTER (WHERE {between("expected", "late_shipment_rate_10d/mfn")} AND confirmed AND late),
      count(*) FILTER (WHERE {between("expected", "late_shipment_rate_10d/mfn")} AND NOT confirmed AND cancelled_by IS NULL),
      count(*) FILTER (WHERE {between("purchase_day", "late_shipment_rate_10d/mfn")} AND expected IS NULL),
      count(*) FILTER (WHERE {between("expected", "late_shipment_rate_30d/mfn")} AND confirmed),
      count(*) FILTER (WHERE {between("expected", "late_shipment_rate_30d/mfn")} AND confirmed AND late),
      count(*) FILTER (WHERE {between("expected", "late_shipment_rate_30d/mfn")} AND NOT confirmed AND cancelled_by IS NULL),
      count(*) FILTER (WHERE {between("purchase_day", "late_shipment_rate_30d/mfn")} AND expected IS NULL),
      count(*) FILTER (WHERE {between("purchase_day", "pre_fulfillment_cancel_rate/mfn")}),
      count(*) FILTER (WHERE {between("purchase_day", "pre_fulfillment_cancel_rate/mfn")} AND (by_seller OR from_report)),
      count(*) FILTER (WHERE {between("purchase_day", "pre_fulfillment_cancel_rate/mfn")} AND from_report),
      count(*) FILTER (WHERE {between("purchase_day", "pre_fulfillment_cancel_rate/mfn")} AND NOT has_f),
      count(*) FILTER (WHERE {between("promised_delivery_day", "valid_tracking_rate/mfn")} AND confirmed AND valid_tracking IS NOT NULL),
      count(*) FILTER (WHERE {between("promised_delivery_day", "valid_tracking_rate/mfn")} AND confirmed AND valid_tracking),
      count(*) FILTER (WHERE {between("promised_delivery_day", "valid_tracking_rate/mfn")} AND confirmed AND valid_tracking IS NULL),
      count(*) FILTER (WHERE {between("promised_delivery_day", "on_time_delivery_rate/mfn")} AND confirmed AND valid_tracking),
      count(*) FILTER (WHERE {between("promised_delivery_day", "on_time_delivery_rate/mfn")} AND confirmed AND valid_tracking
                       AND delivered_day <= promised_delivery_day AND delivered_day <= {d}),
      count(*) FILTER (WHERE {between("promised_delivery_day", "on_time_delivery_rate/mfn")} AND confirmed AND valid_tracking
                       AND delivered_day IS NULL)
    FROM c GROUP BY ALL
    """


# The order of the reference's MFN columns: (metric, field) with field num/den or a caveat gap.
MFN_FIELDS: tuple[tuple[str, str], ...] = (
    ("late_shipment_rate_10d", "den"),
    ("late_shipment_rate_10d", "num"),
    ("late_shipment_rate_10d", "unconfirmed"),
    ("late_shipment_rate_10d", "no_expected"),
    ("late_shipment_rate_30d", "den"),
    ("late_shipment_rate_30d", "num"),
    ("late_shipment_rate_30d", "unconfirmed"),
    ("late_shipment_rate_30d", "no_expected"),
    ("pre_fulfillment_cancel_rate", "den"),
    ("pre_fulfillment_cancel_rate", "num"),
    ("pre_fulfillment_cancel_rate", "unattributed"),
    ("pre_fulfillment_cancel_rate", "no_fulfilment"),
    ("valid_tracking_rate", "den"),
    ("valid_tracking_rate", "num"),
    ("valid_tracking_rate", "unknown"),
    ("on_time_delivery_rate", "den"),
    ("on_time_delivery_rate", "num"),
    ("on_time_delivery_rate", "undelivered"),
)
ODR_FIELDS = ("den", "num", "negative_feedback", "a_to_z_claim", "chargeback")


def from_reference_rows(rows: list[tuple[Any, ...]]) -> Numbers:
    """Return the SQL reference's rows as {key: {field: value}} without zero entries."""
    out: Numbers = {}
    for part, account, marketplace, channel, *values in rows:
        if part == "odr":
            fields = dict(zip(ODR_FIELDS, values, strict=False))
            out[(account, marketplace, "order_defect_rate", channel)] = fields
            continue
        for (metric, field), value in zip(MFN_FIELDS, values, strict=True):
            out.setdefault((account, marketplace, metric, "mfn"), {})[field] = int(value)
    return {k: {f: int(v) for f, v in fields.items() if v} for k, fields in out.items()}


def from_engine(counts: dict[Key, Counts]) -> Numbers:
    """Return the engine's counts in the references' shape."""
    out: Numbers = {}
    for key, c in counts.items():
        fields = {"num": c.numerator, "den": c.denominator} | (c.components or {}) | c.gaps
        out[key] = {f: int(v) for f, v in fields.items() if v}
    return out


def pandas_health(t: dict[str, pd.DataFrame], ship_days: pd.DataFrame) -> Numbers:
    """The same numbers the way an analyst would write them: merges, masks and group-bys."""
    rules = defect_rules()
    w = {k: (pd.Timestamp(a), pd.Timestamp(b)) for k, (a, b) in windows().items()}
    d = pd.Timestamp(AS_OF)
    o, f, fb, dx = t["orders"], t["fulfilment"], t["feedback"], t["defect_outcomes"]
    counted = rules.counting_outcomes
    dated = dx["defect_day"] <= d
    flags = pd.DataFrame(
        {
            "account": dx["account"],
            "order_id": dx["order_id"],
            "claim": (dx["defect_type"] == "a-to-z-claim")
            & dx["outcome"].isin(counted["a-to-z-claim"])
            & dated,
            "cb": (dx["defect_type"] == "chargeback")
            & dx["outcome"].isin(counted["chargeback"])
            & dated,
            "active": (dx["defect_type"] == "negative-feedback")
            & dx["outcome"].isin(counted["negative-feedback"])
            & dated,
            "cleared": (dx["defect_type"] == "negative-feedback")
            & dx["outcome"].isin(rules.feedback_cleared_outcomes),
        }
    )
    flags = flags.groupby(["account", "order_id"], as_index=False).any()
    negative = fb[fb["rating"].isin(rules.negative_ratings) & (fb["feedback_day"] <= d)]
    negative = negative[["account", "order_id"]].assign(neg=True)
    mfn_w, afn_w = w["order_defect_rate/mfn"], w["order_defect_rate/afn"]
    in_window = ((o["channel"] == "mfn") & o["purchase_day"].between(*mfn_w)) | (
        (o["channel"] == "afn") & o["purchase_day"].between(*afn_w)
    )
    odr = o[in_window].merge(flags, how="left", on=["account", "order_id"])
    odr = odr.merge(negative, how="left", on=["account", "order_id"])
    for column in ("claim", "cb", "active", "cleared", "neg"):
        odr[column] = odr[column].fillna(False).astype(bool)
    odr["nf"] = (odr["neg"] & ~odr["cleared"]) | odr["active"]
    odr["defective"] = odr["nf"] | odr["claim"] | odr["cb"]
    odr_sums = odr.groupby(["account", "marketplace", "channel"]).agg(
        den=("order_id", "size"),
        num=("defective", "sum"),
        negative_feedback=("nf", "sum"),
        a_to_z_claim=("claim", "sum"),
        chargeback=("cb", "sum"),
    )
    out: Numbers = {}
    for (account, marketplace, channel), row in odr_sums.iterrows():
        out[(account, marketplace, "order_defect_rate", channel)] = {
            k: int(v) for k, v in row.items() if v
        }

    m = o[(o["channel"] == "mfn") & (o["purchase_day"] >= d - pd.Timedelta(days=MFN_LOOKBACK_DAYS))]
    m = m.merge(f.assign(has_f=True), how="left", on=["account", "order_id"])
    m = m.merge(
        ship_days,
        how="left",
        left_on=["marketplace", "purchase_day", "handling_days"],
        right_on=["h_marketplace", "h_purchase_day", "h_handling_days"],
    )
    m["has_f"] = m["has_f"].fillna(False).astype(bool)
    m["expected"] = m["latest_ship_day"].fillna(m["h_ship_day"])
    m["confirmed"] = (m["ship_confirm_day"] <= d).fillna(False)
    by_ts = m["latest_ship_ts"].notna() & m["ship_confirm_ts"].notna()
    late_ts = (m["ship_confirm_ts"] > m["latest_ship_ts"]) & by_ts
    late_day = (m["ship_confirm_day"] > m["expected"]) & ~by_ts
    m["late"] = late_ts | late_day
    uncancelled = m["cancelled_by"].isna()
    by_seller = m["cancelled_by"].isin(["seller", "amazon"]) & (
        m["cancel_day"].isna() | (m["cancel_day"] <= d)
    )
    from_report = (
        (m["cancelled_items"] > 0)
        & uncancelled
        & (m["last_updated_day"].isna() | (m["last_updated_day"] <= d))
    )
    tracked = m["valid_tracking"].fillna(False).astype(bool)
    known = m["valid_tracking"].notna()
    delivered = (m["delivered_day"] <= m["promised_delivery_day"]) & (m["delivered_day"] <= d)
    masks: dict[tuple[str, str], pd.Series] = {}
    for metric in ("late_shipment_rate_10d", "late_shipment_rate_30d"):
        window = m["expected"].between(*w[f"{metric}/mfn"])
        masks[(metric, "den")] = window & m["confirmed"]
        masks[(metric, "num")] = window & m["confirmed"] & m["late"]
        masks[(metric, "unconfirmed")] = window & ~m["confirmed"] & uncancelled
        masks[(metric, "no_expected")] = (
            m["purchase_day"].between(*w[f"{metric}/mfn"]) & m["expected"].isna()
        )
    cancel = m["purchase_day"].between(*w["pre_fulfillment_cancel_rate/mfn"])
    masks[("pre_fulfillment_cancel_rate", "den")] = cancel
    masks[("pre_fulfillment_cancel_rate", "num")] = cancel & (by_seller | from_report)
    masks[("pre_fulfillment_cancel_rate", "unattributed")] = cancel & from_report
    masks[("pre_fulfillment_cancel_rate", "no_fulfilment")] = cancel & ~m["has_f"]
    promised = m["promised_delivery_day"].between(*w["valid_tracking_rate/mfn"]) & m["confirmed"]
    masks[("valid_tracking_rate", "den")] = promised & known
    masks[("valid_tracking_rate", "num")] = promised & tracked
    masks[("valid_tracking_rate", "unknown")] = promised & ~known
    on_time = (
        m["promised_delivery_day"].between(*w["on_time_delivery_rate/mfn"])
        & m["confirmed"]
        & tracked
    )
    masks[("on_time_delivery_rate", "den")] = on_time
    masks[("on_time_delivery_rate", "num")] = on_time & delivered
    masks[("on_time_delivery_rate", "undelivered")] = on_time & m["delivered_day"].isna()
    frame = pd.DataFrame({f"{a}|{b}": mask.fillna(False) for (a, b), mask in masks.items()})
    frame["account"], frame["marketplace"] = m["account"], m["marketplace"]
    sums = frame.groupby(["account", "marketplace"]).sum()
    for (account, marketplace), row in sums.iterrows():
        for column, value in row.items():
            metric, field = str(column).split("|")
            entry = out.setdefault((account, marketplace, metric, "mfn"), {})
            if value:
                entry[field] = int(value)
    return out


def spread_accounts(store: Store, accounts: int) -> None:
    """Spread every order over `accounts` accounts (by order id), the same way in every table."""
    label = f"'acct-' || lpad(CAST(hash(order_id) % {accounts} AS VARCHAR), 4, '0')"
    with store.transaction():
        for table in ("orders", "order_items", "fulfilment", "feedback", "defect_outcomes"):
            store.con.execute(f"UPDATE {table} SET account = {label}")
    store.con.execute("CHECKPOINT")


def bench_import(data: Path) -> dict[str, float]:
    """Time the UTF-8 All Orders files: Reinstate's import vs DuckDB's CSV reader."""
    order_files = sorted(p for p in data.glob("*/*") if p.name.startswith("all-orders"))
    utf8 = [p for p in order_files if open_source(p).encoding == "utf-8"]
    size = sum(p.stat().st_size for p in utf8)

    def reinstate() -> None:
        db = data / "import.duckdb"
        db.unlink(missing_ok=True)
        for folder in sorted(p for p in data.iterdir() if p.is_dir()):
            files = [p for p in utf8 if p.parent == folder]
            if files:
                import_files(db, files, account=folder.name)

    def duckdb_reader(target: str) -> None:
        db = data / "reader.duckdb"
        db.unlink(missing_ok=True)
        con = duckdb.connect(str(db) if target == "file" else ":memory:")
        con.execute("SET enable_progress_bar = false")
        for index, path in enumerate(utf8):
            con.execute(
                f"CREATE TABLE t{index} AS SELECT * FROM read_csv('{path}', delim='\\t', "
                "quote='', escape='', header=true, all_varchar=true)"
            )
        con.close()

    runs = interleaved(
        {
            "reinstate": reinstate,
            "memory": lambda: duckdb_reader("memory"),
            "file": lambda: duckdb_reader("file"),
        },
        repeat=3,
    )
    t_reinstate, t_memory, t_file = (runs[name][0] for name in ("reinstate", "memory", "file"))
    (data / "import.duckdb").unlink(missing_ok=True)
    (data / "reader.duckdb").unlink(missing_ok=True)
    return {
        "import_bytes": float(size),
        "import_reinstate_s": t_reinstate,
        "import_duckdb_read_csv_memory_s": t_memory,
        "import_duckdb_read_csv_to_file_s": t_file,
        "import_speed_vs_duckdb_reader": t_memory / t_reinstate,
        "import_speed_vs_duckdb_import_to_file": t_file / t_reinstate,
    }


def bench_size(orders: int, accounts: int) -> dict[str, float]:
    data = ROOT / "data" / str(orders)
    if not (data / "AS_OF").exists():
        print(f"generating {orders:,} orders…", flush=True)
        generate_demo_data(data, orders=orders, as_of=AS_OF, seed=11)
    figures = bench_import(data)
    print(json.dumps(figures, indent=2), flush=True)

    db = data / "bench.duckdb"
    db.unlink(missing_ok=True)
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        import_files(db, [folder], account=folder.name)
    # The workbench is measured on this store as imported (accounts as generated), written by
    # this run's code: a copy before the orders are spread over many accounts.
    shutil.copyfile(db, data / "web.duckdb")
    store = Store.open(db)
    if accounts:
        spread_accounts(store, accounts)
    ship = expected_ship_days(
        marketplaces().marketplaces,
        AS_OF - timedelta(days=MFN_LOOKBACK_DAYS),
        AS_OF,
        MAX_HANDLING_DAYS,
    )
    store.con.register("ship_days", ship)
    sql = reference_sql()
    engine = engine_for(store)
    start = time.perf_counter()
    first = from_engine(engine.counts(AS_OF))
    t_first = time.perf_counter() - start
    runs = interleaved(
        {"engine": lambda: engine.counts(AS_OF), "sql": lambda: store.con.execute(sql).fetchall()},
        repeat=7,
    )
    (t_engine, counts), (t_sql, rows) = runs["engine"], runs["sql"]
    tables = {
        name: store.con.sql(f"SELECT * EXCLUDE (row_hash, import_id) FROM {name}").df()
        for name in ("orders", "fulfilment", "feedback", "defect_outcomes")
    }
    for frame in tables.values():
        for column in frame.columns:
            if column.endswith("_day"):
                frame[column] = pd.to_datetime(frame[column])
    ship_df = ship.to_pandas()
    ship_df["h_purchase_day"] = pd.to_datetime(ship_df["h_purchase_day"])
    ship_df["h_ship_day"] = pd.to_datetime(ship_df["h_ship_day"])
    t_pandas, by_pandas = timed(lambda: pandas_health(tables, ship_df), repeat=1)
    n_orders = store.scalar("SELECT count(*) FROM orders")
    n_accounts = store.scalar("SELECT count(DISTINCT account) FROM orders")
    store.close()

    by_engine, by_sql = from_engine(counts), from_reference_rows(rows)
    for name, other in (("DuckDB SQL", by_sql), ("pandas", by_pandas), ("first run", first)):
        if other != by_engine:
            wrong = sorted(
                k for k in set(by_engine) | set(other) if by_engine.get(k) != other.get(k)
            )
            raise SystemExit(
                f"{name} and the engine disagree on {len(wrong)} entries, e.g. {wrong[:3]}: "
                f"engine {[by_engine.get(k) for k in wrong[:3]]}, {name} "
                f"{[other.get(k) for k in wrong[:3]]}"
            )
    return figures | {
        "orders_generated": float(orders),
        "orders_in_store": float(n_orders),
        "accounts": float(n_accounts),
        "health_reinstate_first_s": t_first,
        "health_reinstate_s": t_engine,
        "health_duckdb_sql_s": t_sql,
        "health_pandas_s": t_pandas,
        "health_vs_duckdb_sql": t_engine / t_sql,
        "pandas_vs_health": t_pandas / t_engine,
    }


def main() -> int:
    sizes = [int(s) for s in os.environ.get("BENCH_ORDERS", "1000000,10000000").split(",") if s]
    accounts = int(os.environ.get("BENCH_ACCOUNTS", "1000"))
    results: dict[str, Any] = {"as_of": AS_OF.isoformat(), "sizes": {}}
    for size in sizes:
        figures = bench_size(size, accounts)
        results["sizes"][str(size)] = figures
        print(json.dumps({str(size): figures}, indent=2), flush=True)
    sys.path.insert(0, str(ROOT))
    for name in ("bench_notice", "bench_review"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        results[name] = module.measure()
        print(name, json.dumps(results[name]), flush=True)
    if sizes:
        # Causes and what-if on the spread store of the largest size (1,000 accounts), which
        # bench_size left beside the size's data.
        bench_causes = importlib.import_module("bench_causes")
        spread = ROOT / "data" / str(sizes[-1]) / "bench.duckdb"
        results["bench_causes"] = bench_causes.measure(spread, as_of=AS_OF)
        print("bench_causes", json.dumps(results["bench_causes"]), flush=True)
    try:
        bench_web = importlib.import_module("bench_web")
    except ImportError:  # the web extra is not installed
        bench_web = None
    if bench_web is not None and sizes:
        # The workbench on the largest size, accounts as generated (the biggest has 1M+ orders
        # at the 10M size): DESIGN.md §6's "an account with 1M orders".
        # bench_size left it beside the size's data (see there).
        db = ROOT / "data" / str(sizes[-1]) / "web.duckdb"
        results["bench_web"] = bench_web.measure(db, as_of=AS_OF)
        print("bench_web", json.dumps(results["bench_web"]), flush=True)
    if bench_web is not None and os.environ.get("BENCH_LOAD", "1") != "0":
        # `reinstate serve` in a second process under load (bench/bench_load.py).
        results["bench_load"] = importlib.import_module("bench_load").run()
    out = ROOT / "results" / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
