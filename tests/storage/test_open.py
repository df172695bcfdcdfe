"""Opening the store: shared by the Stores of one process, clear errors, small row groups."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from reinstate.domain.errors import StoreError
from reinstate.storage.database import ROW_GROUP_SIZE, Store


def plain_count(db: Path, table: str) -> int:
    """Count a table's rows with DuckDB alone (the file must be closed by Reinstate)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
    finally:
        con.close()


def test_two_stores_on_one_file_share_it_and_the_last_close_releases_it(db: Path) -> None:
    first = Store.open(db)
    second = Store.open(db)
    with first.transaction():
        first.con.execute(
            "INSERT INTO imports VALUES "
            "(1, now(), 'a', 'f', 's', 'all_orders', 'utf-8', NULL, 0, 0, 0, 0, 0, 0)"
        )
    assert second.scalar("SELECT count(*) FROM imports") == 1
    first.close()
    assert second.scalar("SELECT count(*) FROM imports") == 1
    second.close()
    second.close()  # closing twice is harmless
    # Released: another DuckDB instance may open the file, and the row is in it.
    assert plain_count(db, "imports") == 1


def test_a_reader_may_open_a_store_this_process_writes(db: Path) -> None:
    writer = Store.open(db)
    try:
        with Store.reader(db) as reader:
            assert reader.schema_version() == writer.schema_version()
    finally:
        writer.close()


def test_writing_a_store_this_process_opened_read_only_is_refused(db: Path) -> None:
    Store.open(db).close()
    reader = Store.open(db, read_only=True)
    try:
        with pytest.raises(StoreError) as caught:
            Store.open(db)
        assert str(caught.value) == (
            f"The database {db} is open read-only in this process; close it before writing to it."
        )
    finally:
        reader.close()
    Store.open(db).close()  # once the reader is gone, writing works


def test_a_store_in_use_by_another_process_gets_a_clear_error(db: Path) -> None:
    Store.open(db).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from reinstate.storage.database import Store; "
            f"s = Store.open({str(db)!r}); print('open', flush=True); sys.stdin.readline(); "
            "s.close()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError) as caught:
            Store.open(db)
        assert str(caught.value) == (
            f"The database {db} is in use by another Reinstate process; "
            "wait for it to finish or use another --db file."
        )
    finally:
        holder.communicate("\n", timeout=60)
    Store.open(db).close()  # the failed open left nothing behind in this process


def test_a_file_that_is_not_a_database_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("shopping list\n")
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert str(caught.value) == (
        f"{path} is not a Reinstate (DuckDB) database. "
        "Point --db at a new file name to start a fresh store."
    )
    assert path.read_text() == "shopping list\n"  # untouched


def test_a_folder_or_a_missing_file_read_only_gets_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path)
    assert str(caught.value) == f"{tmp_path} is a folder; --db needs a database file path."
    missing = tmp_path / "none.duckdb"
    with pytest.raises(StoreError) as caught:
        Store.open(missing, read_only=True)
    assert str(caught.value) == (
        f"No Reinstate database at {missing}. Import reports first "
        f"(reinstate --db {missing} import FILE...) or point --db at an existing store."
    )
    assert not missing.exists()


def test_a_failed_upgrade_check_leaves_the_file_closed(db: Path) -> None:
    with Store.open(db) as store:
        store.con.execute("INSERT INTO schema_version VALUES (999)")
    with pytest.raises(StoreError, match="comes from a newer Reinstate"):
        Store.open(db)
    assert plain_count(db, "schema_version") >= 1  # the refused open let go of the file


def test_tables_are_written_in_small_row_groups(db: Path) -> None:
    rows = ROW_GROUP_SIZE * 2 + 5
    with Store.open(db) as store, store.transaction():
        store.con.execute(
            "INSERT INTO order_items SELECT 'a', 'order-' || i, i, NULL, NULL, NULL, NULL, 1 "
            f"FROM range({rows}) t(i)"
        )
    con = duckdb.connect(str(db), read_only=True)
    try:
        groups = con.execute(
            "SELECT row_group_id, max(count) FROM pragma_storage_info('order_items') "
            "GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    assert [count for _, count in groups] == [ROW_GROUP_SIZE, ROW_GROUP_SIZE, 5]


def test_a_store_path_with_quotes_spaces_and_chinese_opens(tmp_path: Path) -> None:
    path = tmp_path / "卖家 o'brien's store.duckdb"
    with Store.open(path) as store:
        assert store.schema_version() >= 1
    assert path.is_file()
    assert plain_count(path, "schema_version") >= 1


def test_a_relative_store_path_is_released_after_a_change_of_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path)
    store = Store.open(Path("relative.duckdb"))
    monkeypatch.chdir(tmp_path / "elsewhere")
    store.close()
    assert plain_count(tmp_path / "relative.duckdb", "schema_version") >= 1
