"""Crash safety: an import or a schema upgrade killed with SIGKILL leaves a whole, usable store.

Each file of an import is one transaction, so a killed import leaves the store as it was before
the import, or after one of its files, in the order the import takes them; never anything between
(half a file, a table without its rows' import record). The next open needs no repair, and running
the import again gives what a clean import gives.
"""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from reinstate.demo import generate_demo_data
from reinstate.services.imports import import_files
from reinstate.storage.database import Store
from reinstate.storage.schema import MIGRATIONS, SCHEMA_VERSION
from support.crash import CliRunner, Dump, data_tables, dump

KILLS = 20
AS_OF = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo reports of four accounts (about 1,500 orders, several report kinds each)."""
    folder = tmp_path_factory.mktemp("crash") / "demo"
    generate_demo_data(folder, orders=1500, as_of=AS_OF, seed=17)
    return folder


def _prefix_states(base: Path, folder: Path, work: Path) -> tuple[list[Dump], Dump, Dump]:
    """Return the states a clean import of `folder` passes through (one per file), its end, and
    the end's data."""
    clean = work / "clean.duckdb"
    shutil.copyfile(base, clean)
    order = [r.file for r in import_files(clean, [folder], account="b") if not r.error]
    final = dump(clean)
    states = []
    step = work / "step.duckdb"
    shutil.copyfile(base, step)
    states.append(dump(step))
    for name in order:
        import_files(step, [folder / name], account="b")
        states.append(dump(step))
    assert states[-1] == final, "importing file by file must give what the folder import gives"
    return states, final, data_tables(clean)


def test_an_import_killed_at_twenty_points_leaves_a_state_of_the_import_and_reruns_clean(
    demo: Path, tmp_path: Path
) -> None:
    base = tmp_path / "base.duckdb"
    import_files(base, [demo / "harbor-home"], account="a")
    folder = demo / "maple-gadgets"
    states, final, final_data = _prefix_states(base, folder, tmp_path)
    db = tmp_path / "store.duckdb"
    argv = ["--db", str(db), "import", "--account", "b", str(folder)]
    seen: list[int] = []
    with CliRunner(tmp_path) as runner:
        shutil.copyfile(base, db)
        clean_run = runner.run(argv)[0]
        assert clean_run.code == 0, clean_run.output
        assert dump(db) == final
        pick = random.Random(17)
        for _ in range(KILLS):
            for leftover in tmp_path.glob("store.duckdb*"):
                leftover.unlink()
            shutil.copyfile(base, db)
            ended = runner.kill_after(pick.uniform(0, clean_run.seconds), argv)
            state = dump(db)  # the next open: DuckDB replays the log, nothing else
            assert state in states, f"killed after {ended.seconds:.3f} s: a state between files"
            Store.open(db).close()  # Reinstate opens it with no repair
            if states.index(state) not in seen:  # the same state re-runs the same way
                import_files(db, [folder], account="b")
                assert data_tables(db) == final_data
            seen.append(states.index(state))
    # The kills landed all over the import (not all before it started or after it ended).
    assert len(set(seen)) >= 2, seen


def _old_store(path: Path, orders: int) -> None:
    """Write a store at schema version 1 holding `orders` orders (with items and fulfilment)."""
    con = duckdb.connect(str(path))
    try:
        con.execute(MIGRATIONS[0][1])
        con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        con.execute("INSERT INTO schema_version VALUES (1)")
        con.execute("INSERT INTO marketplaces VALUES ('US', 'America/Los_Angeles')")
        con.execute(
            "INSERT INTO orders SELECT 'acct-' || (i % 7), 'o-' || i, 'US', 'mfn', "
            "TIMESTAMPTZ '2026-10-01 12:00:00+00' + to_seconds(i), DATE '2026-10-01', NULL, NULL, "
            "'Shipped', 1, 0, hash(i), 1 FROM range(?) t(i)",
            [orders],
        )
        con.execute(
            "INSERT INTO order_items SELECT account, order_id, 2, 'SKU', 'B000000001', 'Item', "
            "'Shipped', 1 FROM orders"
        )
        con.execute(
            "INSERT INTO fulfilment (account, order_id, handling_days, row_hash, import_id) "
            "SELECT account, order_id, 2, row_hash, 1 FROM orders"
        )
        con.execute("CHECKPOINT")
    finally:
        con.close()


def test_a_schema_upgrade_killed_at_twenty_points_leaves_the_old_or_the_new_schema(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old.duckdb"
    _old_store(old, 20_000)
    before = dump(old)
    upgraded = tmp_path / "upgraded.duckdb"
    shutil.copyfile(old, upgraded)
    with Store.open(upgraded) as store:
        assert store.schema_version() == SCHEMA_VERSION
    after = dump(upgraded)
    assert before != after
    db = tmp_path / "store.duckdb"
    # `health` opens the store, which upgrades it first (the account has no data: it stops there).
    argv = ["--db", str(db), "health", "--account", "nobody", "--as-of", "2026-11-22"]
    seen: list[Dump] = []
    with CliRunner(tmp_path) as runner:
        shutil.copyfile(old, db)
        clean_run = runner.run(argv)[0]
        assert "nobody" in clean_run.output, clean_run.output
        assert dump(db) == after
        pick = random.Random(18)
        for _ in range(KILLS):
            for leftover in tmp_path.glob("store.duckdb*"):
                leftover.unlink()
            shutil.copyfile(old, db)
            runner.kill_after(pick.uniform(0, clean_run.seconds * 0.8), argv)
            state = dump(db)
            assert state in (before, after), "a half-upgraded schema"
            seen.append(state)
            with Store.open(db) as store:  # upgrades what is left to upgrade, no repair
                assert store.schema_version() == SCHEMA_VERSION
            assert dump(db) == after
    assert before in seen, "no kill landed before the upgrade was committed"
