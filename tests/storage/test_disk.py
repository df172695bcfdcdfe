"""A full disk, a read-only folder, a locked store, two imports at once: a sentence, nothing lost."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from reinstate.demo import generate_demo_data
from reinstate.i18n import LANGUAGES
from reinstate.services.imports import import_files
from reinstate.storage import database
from support.crash import CliRunner, data_tables, dump, rlimit_child, without_override
from support.i18n import assert_translated

AS_OF = date(2026, 11, 22)
CLI = [sys.executable, "-m", "reinstate.cli.app"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo reports of four accounts (small)."""
    folder = tmp_path_factory.mktemp("disk") / "demo"
    generate_demo_data(folder, orders=800, as_of=AS_OF, seed=5)
    return folder


def _error(output: str) -> str:
    """Return the one error sentence the CLI printed (its line breaks undone)."""
    assert "Error:" in output, output
    return " ".join(output.split("Error:", 1)[1].split())


def _import(
    db: Path, folder: Path, account: str, **popen: object
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "--db", str(db), "import", "--account", account, str(folder)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        **popen,  # type: ignore[call-overload]
    )


def _clean(folder: Path, demo: Path, accounts: dict[str, str]) -> Path:
    """Return a store holding a clean import of each account's demo folder."""
    clean = folder / "clean.duckdb"
    for account, name in accounts.items():
        import_files(clean, [demo / name], account=account)
    return clean


def test_a_full_disk_stops_the_import_with_its_sentence_and_keeps_every_stored_row(
    demo: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.duckdb"
    import_files(db, [demo / "harbor-home"], account="a")
    before = dump(db)
    # Files may not grow past 4 KB: the write-ahead log of the first file's import cannot be
    # written (the store file itself is larger already and is not written to before a checkpoint).
    done = _import(db, demo / "maple-gadgets", "b", preexec_fn=rlimit_child(4096))
    assert done.returncode == 1
    first = sorted((demo / "maple-gadgets").glob("all-orders-*"))[0].name
    assert _error(done.stderr) == (
        f"The database {db} could not be written: the disk is full or a file size limit was "
        f"reached (File too large). Nothing of {first} was stored, and everything stored before "
        f"is kept; free some space, then import {first} again."
    )
    assert "Traceback" not in done.stderr
    assert dump(db) == before  # nothing lost, nothing half-written
    # With room again, the same import gives what a clean import gives.
    clean = _clean(tmp_path, demo, {"a": "harbor-home", "b": "maple-gadgets"})
    assert _import(db, demo / "maple-gadgets", "b").returncode == 0
    assert data_tables(db) == data_tables(clean)


def test_a_disk_that_fills_after_some_files_keeps_those_files(demo: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    import_files(db, [demo / "harbor-home"], account="a")
    done = _import(db, demo / "maple-gadgets", "b", preexec_fn=rlimit_child(40_000))
    assert done.returncode == 1
    assert "the disk is full or a file size limit was reached (File too large)" in _error(
        done.stderr
    )
    # Some files were imported whole before the disk filled: they are in the store, with their
    # import records; the re-run imports the rest.
    kept = dump(db)
    imports = next(rows for table, _, rows in kept if table == "imports")
    assert int(imports[0]) > len(list((demo / "harbor-home").iterdir()))
    assert _import(db, demo / "maple-gadgets", "b").returncode == 0
    clean = _clean(tmp_path, demo, {"a": "harbor-home", "b": "maple-gadgets"})
    assert data_tables(db) == data_tables(clean)


def test_a_read_only_folder_gets_its_sentence_and_the_store_is_unchanged(
    demo: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "shelf"
    folder.mkdir()
    db = folder / "store.duckdb"
    import_files(db, [demo / "harbor-home"], account="a")
    before = dump(db)
    folder.chmod(0o555)
    db.chmod(0o444)
    try:
        done = _import(db, demo / "maple-gadgets", "b", preexec_fn=without_override())
    except subprocess.SubprocessError as exc:  # pragma: no cover - a sandbox without the right
        pytest.skip(f"cannot make a folder read-only for a child process here: {exc}")
    finally:
        folder.chmod(0o755)
        db.chmod(0o644)
    assert done.returncode == 1
    assert _error(done.stderr) == (
        f"Reinstate cannot write the database {db}: the file or its folder {folder} is read-only "
        "(Permission denied). Make them writable, or point --db at a file in a folder you can "
        "write to."
    )
    assert dump(db) == before


def test_a_store_folder_that_does_not_exist_gets_its_sentence(tmp_path: Path) -> None:
    db = tmp_path / "missing" / "store.duckdb"
    with pytest.raises(database.StoreError) as caught:
        database.Store.open(db)
    assert str(caught.value) == (
        f"The folder {db.parent} of the database {db} does not exist; create it or point --db at "
        "a file in an existing folder."
    )


def test_a_store_locked_by_another_process_gets_its_sentence_and_keeps_its_data(
    demo: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.duckdb"
    import_files(db, [demo / "harbor-home"], account="a")
    before = dump(db)
    # A plain DuckDB holds the file's lock.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, sys; c = duckdb.connect({str(db)!r}); print('open', flush=True); "
            "sys.stdin.readline()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        done = _import(db, demo / "maple-gadgets", "b")
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        assert holder.stdout is not None
        holder.stdout.close()
    assert done.returncode == 1
    assert _error(done.stderr) == (
        f"The database {db} is in use by another Reinstate process; wait for it to finish or use "
        "another --db file."
    )
    assert dump(db) == before


def test_two_imports_started_at_once_each_finish_or_say_the_store_is_in_use(
    demo: Path, tmp_path: Path
) -> None:
    db = tmp_path / "store.duckdb"
    argv = {
        name: ["--db", str(db), "import", "--account", name, str(demo / name)]
        for name in ("harbor-home", "maple-gadgets")
    }
    with CliRunner(tmp_path) as runner:
        ended = runner.run(*argv.values())
        for (name, args), end in zip(argv.items(), ended, strict=True):
            if end.code != 0:
                assert _error(end.output) == (
                    f"The database {db} is in use by another Reinstate process; wait for it to "
                    "finish or use another --db file."
                )
                assert runner.run(args)[0].code == 0, f"{name}: the second try must work"
    clean = _clean(tmp_path, demo, {name: name for name in argv})
    assert data_tables(db) == data_tables(clean)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_the_store_sentences_are_translated(lang: str) -> None:
    assert_translated(
        [
            database.IN_USE,
            database.READ_ONLY,
            database.DISK_FULL,
            database.DISK_FULL_CHANGE,
            database.WRITE_FAILED,
            database.WRITE_FAILED_CHANGE,
        ],
        lang,
    )
