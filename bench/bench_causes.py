"""Measure `causes` against one `health` run, and `whatif` against one health run of its account.

DESIGN.md §6 and issue #13: causes <= 2x one health run (every account); whatif <= 2x one health
run of the affected account. Runs inside `make bench` on the spread store of the largest size, or
alone: `python bench/bench_causes.py ORDERS ACCOUNTS` builds its own store under bench/data/.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from reinstate.services.causes import causes_report
from reinstate.services.demo import import_demo_data, write_demo_data
from reinstate.services.health import health_report
from reinstate.services.whatif import parse_scenarios, what_if
from reinstate.storage.database import Store

ROOT = Path(__file__).resolve().parent


def _best(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(db: Path, *, as_of: date, repeat: int = 3) -> dict[str, float]:
    """Return the seconds of health, causes and whatif on `db`, and their ratios."""
    with Store.reader(db) as store:
        biggest = store.con.execute(
            "SELECT account, count(*) AS n FROM orders GROUP BY account ORDER BY n DESC, account LIMIT 1"
        ).fetchone()
    account, account_orders = biggest[0], biggest[1]
    scenarios = parse_scenarios(["handling:+1"])
    health_report(db, as_of=as_of)  # warm: rules loaded, expressions compiled
    t_health = _best(lambda: health_report(db, as_of=as_of), repeat)
    t_causes = _best(lambda: causes_report(db, as_of=as_of), repeat)
    t_account = _best(lambda: health_report(db, as_of=as_of, account=account), repeat)
    t_whatif = _best(lambda: what_if(db, account=account, scenarios=scenarios, as_of=as_of), repeat)
    return {
        "causes_health_s": t_health,
        "causes_s": t_causes,
        "causes_vs_health": t_causes / t_health,
        "whatif_account_orders": float(account_orders),
        "whatif_account_health_s": t_account,
        "whatif_s": t_whatif,
        "whatif_vs_account_health": t_whatif / t_account,
    }


def main(orders: int, accounts: int) -> None:
    """Build a store of `orders` demo orders over `accounts` accounts; print the figures."""
    sys.path.insert(0, str(ROOT))
    # run.py is the bench's script, importable only once its folder is on the path.
    from run import AS_OF, spread_accounts  # noqa: PLC0415

    data = ROOT / "data" / f"causes-{orders}-{accounts}"
    db = data / "store.duckdb"
    if not db.exists():
        write_demo_data(data / "files", orders=orders, as_of=AS_OF, seed=11)
        import_demo_data(db, data / "files")
        if accounts:
            with Store.open(db) as store:
                spread_accounts(store, accounts)
    print(json.dumps({"orders": orders, "accounts": accounts} | measure(db, as_of=AS_OF), indent=2))


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
