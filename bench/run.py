"""`make bench`: Reinstate beside its references, side by side in one run; ratios to bench/results/.

Import: Reinstate's import of the All Orders files vs DuckDB's own CSV reader on the same UTF-8 files.
Health: Reinstate's Ibis engine vs a hand-written DuckDB SQL query vs a straightforward pandas
implementation, all on the same imported tables. Sizes from BENCH_ORDERS (default 1M and 10M).
Also times the notice reader and the letter reviewer when those modules are present.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from reinstate.demo import generate_demo_data
from reinstate.engine.calendar import business_calendar
from reinstate.ingest import open_source
from reinstate.rules import marketplaces
from reinstate.services.health import engine_for
from reinstate.services.imports import import_files
from reinstate.storage.database import Store

ROOT = Path(__file__).resolve().parent
AS_OF = date(2026, 11, 22)


def timed(fn, repeat=3):  # type: ignore[no-untyped-def]
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


SQL = """
WITH f AS (SELECT * FROM fulfilment),
odr AS (
  SELECT o.account, o.marketplace, o.channel, count(*) AS den,
    count(*) FILTER (WHERE (fb.order_id IS NOT NULL AND NOT coalesce(d.cleared, false))
                     OR coalesce(d.active, false) OR coalesce(d.claim, false) OR coalesce(d.cb, false)) AS num
  FROM orders o
  LEFT JOIN (SELECT account, order_id,
       bool_or(defect_type = 'a-to-z-claim' AND outcome IN ('open','granted','refunded-by-seller') AND defect_day <= $d) AS claim,
       bool_or(defect_type = 'chargeback' AND outcome IN ('open','seller-liable') AND defect_day <= $d) AS cb,
       bool_or(defect_type = 'negative-feedback' AND outcome = 'active' AND defect_day <= $d) AS active,
       bool_or(defect_type = 'negative-feedback' AND outcome IN ('removed','struck-through')) AS cleared
     FROM defect_outcomes GROUP BY ALL) d USING (account, order_id)
  LEFT JOIN (SELECT account, order_id FROM feedback WHERE rating <= 2 AND feedback_day <= $d) fb USING (account, order_id)
  WHERE o.purchase_day BETWEEN $d - 73 AND $d - 14
  GROUP BY ALL
),
m AS (
  SELECT o.account, o.marketplace, o.purchase_day, o.cancelled_items, o.last_updated_day, f.*,
         coalesce(f.latest_ship_day, c2.cal_day) AS expected,
         f.ship_confirm_day <= $d AS confirmed
  FROM orders o LEFT JOIN f USING (account, order_id)
  LEFT JOIN cal c1 ON c1.cal_marketplace = o.marketplace AND c1.cal_day = o.purchase_day
  LEFT JOIN cal c2 ON c2.cal_marketplace = o.marketplace AND c2.cal_is_business
       AND c2.cal_index = c1.cal_index + f.handling_days + CASE WHEN f.handling_days = 0 AND NOT c1.cal_is_business THEN 1 ELSE 0 END
  WHERE o.channel = 'mfn' AND o.purchase_day >= $d - 110
)
SELECT 'odr' AS part, account, marketplace, channel, den, num, 0 AS a, 0 AS b, 0 AS c, 0 AS e, 0 AS g, 0 AS h, 0 AS i, 0 AS j FROM odr
UNION ALL
SELECT 'mfn', account, marketplace, 'mfn',
  count(*) FILTER (WHERE expected BETWEEN $d - 9 AND $d AND confirmed),
  count(*) FILTER (WHERE expected BETWEEN $d - 9 AND $d AND confirmed AND
       CASE WHEN latest_ship_ts IS NOT NULL AND ship_confirm_ts IS NOT NULL THEN ship_confirm_ts > latest_ship_ts ELSE ship_confirm_day > expected END),
  count(*) FILTER (WHERE expected BETWEEN $d - 29 AND $d AND confirmed),
  count(*) FILTER (WHERE expected BETWEEN $d - 29 AND $d AND confirmed AND
       CASE WHEN latest_ship_ts IS NOT NULL AND ship_confirm_ts IS NOT NULL THEN ship_confirm_ts > latest_ship_ts ELSE ship_confirm_day > expected END),
  count(*) FILTER (WHERE purchase_day BETWEEN $d - 6 AND $d),
  count(*) FILTER (WHERE purchase_day BETWEEN $d - 6 AND $d AND (
       (cancelled_by IN ('seller','amazon') AND (cancel_day IS NULL OR cancel_day <= $d))
       OR (cancelled_items > 0 AND cancelled_by IS NULL AND (last_updated_day IS NULL OR last_updated_day <= $d)))),
  count(*) FILTER (WHERE promised_delivery_day BETWEEN $d - 29 AND $d AND confirmed AND valid_tracking IS NOT NULL),
  count(*) FILTER (WHERE promised_delivery_day BETWEEN $d - 29 AND $d AND confirmed AND valid_tracking),
  count(*) FILTER (WHERE promised_delivery_day BETWEEN $d - 29 AND $d AND confirmed AND valid_tracking AND delivered_day <= promised_delivery_day AND delivered_day <= $d),
  count(*) FILTER (WHERE promised_delivery_day BETWEEN $d - 29 AND $d AND confirmed AND valid_tracking)
FROM m GROUP BY ALL
"""


def pandas_health(tables: dict[str, pd.DataFrame], cal: pd.DataFrame) -> pd.DataFrame:
    """Compute the same counts the way an analyst would, with pandas merges and masks."""
    d = pd.Timestamp(AS_OF)
    o = tables["orders"]
    defects = tables["defect_outcomes"]
    dd = defects["defect_day"] <= d
    flags = (
        pd.DataFrame(
            {
                "account": defects["account"],
                "order_id": defects["order_id"],
                "claim": (defects["defect_type"] == "a-to-z-claim")
                & defects["outcome"].isin(["open", "granted", "refunded-by-seller"])
                & dd,
                "cb": (defects["defect_type"] == "chargeback")
                & defects["outcome"].isin(["open", "seller-liable"])
                & dd,
                "active": (defects["defect_type"] == "negative-feedback")
                & (defects["outcome"] == "active")
                & dd,
                "cleared": (defects["defect_type"] == "negative-feedback")
                & defects["outcome"].isin(["removed", "struck-through"]),
            }
        )
        .groupby(["account", "order_id"], as_index=False)
        .any()
    )
    fb = tables["feedback"]
    neg = fb[(fb["rating"] <= 2) & (fb["feedback_day"] <= d)][["account", "order_id"]].assign(
        neg=True
    )
    w = o[
        (o["purchase_day"] >= d - pd.Timedelta(days=73))
        & (o["purchase_day"] <= d - pd.Timedelta(days=14))
    ]
    w = w.merge(flags, how="left", on=["account", "order_id"]).merge(
        neg, how="left", on=["account", "order_id"]
    )
    w = w.fillna({"claim": False, "cb": False, "active": False, "cleared": False, "neg": False})
    w["defect"] = (
        (w["neg"].astype(bool) & ~w["cleared"].astype(bool))
        | w["active"].astype(bool)
        | w["claim"].astype(bool)
        | w["cb"].astype(bool)
    )
    odr = w.groupby(["account", "marketplace", "channel"]).agg(
        den=("order_id", "size"), num=("defect", "sum")
    )
    m = o[(o["channel"] == "mfn") & (o["purchase_day"] >= d - pd.Timedelta(days=110))]
    m = m.merge(tables["fulfilment"], how="left", on=["account", "order_id"])
    m = m.merge(
        cal,
        how="left",
        left_on=["marketplace", "purchase_day"],
        right_on=["cal_marketplace", "cal_day"],
    )
    same_day_weekend = (m["handling_days"] == 0).fillna(False) & ~m["cal_is_business"].fillna(
        True
    ).astype(bool)
    m["target"] = m["cal_index"] + m["handling_days"] + same_day_weekend.astype(int)
    business = cal[cal["cal_is_business"]][["cal_marketplace", "cal_day", "cal_index"]].rename(
        columns={"cal_day": "hday", "cal_index": "target", "cal_marketplace": "marketplace"}
    )
    m = m.merge(business, how="left", on=["marketplace", "target"])
    m["expected"] = m["latest_ship_day"].fillna(m["hday"])
    m["confirmed"] = m["ship_confirm_day"] <= d
    late = m["ship_confirm_day"] > m["expected"]
    m["in10"] = (m["expected"] >= d - pd.Timedelta(days=9)) & (m["expected"] <= d) & m["confirmed"]
    m["late10"] = m["in10"] & late
    return pd.concat(
        [
            odr,
            m.groupby(["account", "marketplace"]).agg(
                den10=("in10", "sum"), num10=("late10", "sum")
            ),
        ]
    )


def bench_size(orders: int) -> dict[str, float]:
    data = ROOT / "data" / str(orders)
    if not (data / "AS_OF").exists():
        shutil.rmtree(data, ignore_errors=True)
        print(f"generating {orders:,} orders…", flush=True)
        generate_demo_data(data, orders=orders, as_of=AS_OF, seed=11)
    order_files = sorted(
        p
        for p in data.glob("*/*")
        if p.name.startswith("all-orders") or p.name.startswith("orders")
    )
    utf8 = [p for p in order_files if open_source(p).encoding == "utf-8"]
    db = data / "bench.duckdb"
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        import_files(db, [p for p in folder.iterdir() if p in utf8], account=folder.name)
    reinstate_import = time.perf_counter() - start
    con = duckdb.connect()
    start = time.perf_counter()
    for path in utf8:
        con.execute(
            f"CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv('{path}', delim='\\t', quote='', escape='', header=true, all_varchar=true)"
        )
    duckdb_import = time.perf_counter() - start
    con.close()
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        import_files(
            db,
            [
                p
                for p in folder.iterdir()
                if p.is_file() and p not in order_files and p.suffix != ".json"
            ],
            account=folder.name,
        )
    store = Store.open(db)
    engine = engine_for(store)
    t_engine, _ = timed(lambda: engine.counts(AS_OF))
    cal = business_calendar(
        marketplaces().marketplaces, AS_OF - timedelta(days=140), AS_OF + timedelta(days=60)
    )
    store.con.register("cal", cal)
    sql = SQL.replace("$d", f"DATE '{AS_OF}'")
    t_sql, _ = timed(lambda: store.con.execute(sql).fetchall())
    tables = {
        name: store.con.sql(f"SELECT * EXCLUDE (row_hash, import_id) FROM {name}").df()
        for name in ("orders", "fulfilment", "feedback", "defect_outcomes")
    }
    for frame in tables.values():
        for column in frame.columns:
            if column.endswith("_day"):
                frame[column] = pd.to_datetime(frame[column])
    cal_df = cal.to_pandas()
    cal_df["cal_day"] = pd.to_datetime(cal_df["cal_day"])
    t_pandas, _ = timed(lambda: pandas_health(tables, cal_df), repeat=1)
    rows = store.scalar("SELECT count(*) FROM orders")
    store.close()
    return {
        "orders": float(rows),
        "import_reinstate_s": reinstate_import,
        "import_duckdb_read_csv_s": duckdb_import,
        "import_speed_vs_duckdb": duckdb_import / reinstate_import,
        "health_reinstate_s": t_engine,
        "health_duckdb_sql_s": t_sql,
        "health_pandas_s": t_pandas,
        "health_vs_duckdb_sql": t_engine / t_sql,
        "pandas_vs_health": t_pandas / t_engine,
    }


def main() -> int:
    sizes = [int(s) for s in os.environ.get("BENCH_ORDERS", "1000000,10000000").split(",") if s]
    results: dict[str, object] = {"as_of": AS_OF.isoformat(), "sizes": {}}
    for size in sizes:
        figures = bench_size(size)
        results["sizes"][str(size)] = figures  # type: ignore[index]
        print(json.dumps({str(size): figures}, indent=2), flush=True)
    for name in ("bench_notice", "bench_review"):
        sys.path.insert(0, str(ROOT))
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        results[name] = module.measure()
        print(name, json.dumps(results[name]), flush=True)
    out = ROOT / "results" / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
