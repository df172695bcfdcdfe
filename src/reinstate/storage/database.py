"""Open the DuckDB store, keep its schema current, and run each import in one transaction."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from reinstate.domain.errors import StoreError
from reinstate.rules import marketplaces
from reinstate.storage.schema import MIGRATIONS, SCHEMA_VERSION

# Rows per row group in the store file. DuckDB writes an append straight into the file, compressed,
# when the table was empty or the append fills a row group; a smaller append goes to the
# write-ahead log first and is compressed again at the checkpoint. A row group of 16,384 rows
# (DuckDB's default is 122,880) lets most report files take the direct path; scans are not slower
# (docs/performance.md has the measurements).
ROW_GROUP_SIZE = 16_384
# The name the store file is attached under in its DuckDB instance.
CATALOG = "store"

# The sentences of a store that cannot be written (docs/reliability.md; tests/storage/).
IN_USE = (
    "The database {path} is in use by another Reinstate process; "
    "wait for it to finish or use another --db file."
)
READ_ONLY = (
    "Reinstate cannot write the database {path}: the file or its folder {folder} is read-only "
    "({reason}). Make them writable, or point --db at a file in a folder you can write to."
)
DISK_FULL = (
    "The database {path} could not be written: the disk is full or a file size limit was reached "
    "({reason}). Nothing of {file} was stored, and everything stored before is kept; free some "
    "space, then import {file} again."
)
DISK_FULL_CHANGE = (
    "The database {path} could not be written: the disk is full or a file size limit was reached "
    "({reason}). Nothing was changed, and everything stored before is kept; free some space, "
    "then try again."
)
WRITE_FAILED = (
    "The database {path} could not be written ({reason}). Nothing of {file} was stored, and "
    "everything stored before is kept; check the disk, then import {file} again."
)
WRITE_FAILED_CHANGE = (
    "The database {path} could not be written ({reason}). Nothing was changed, and everything "
    "stored before is kept; check the disk, then try again."
)
FULL_REASONS = ("file too large", "no space left", "disk quota")
READ_ONLY_REASONS = ("permission denied", "read-only file system")


def _reason(text: str) -> str:
    """Return the operating system's words inside a DuckDB message ("File too large")."""
    lowered = text.lower()
    for words in (*FULL_REASONS, *READ_ONLY_REASONS):
        if words in lowered:
            start = lowered.index(words)
            return text[start : start + len(words)]
    return text.splitlines()[0] if text else "unknown error"


def write_error(target: Path, exc: duckdb.Error, file: str | None = None) -> StoreError | None:
    """Return the sentence for a write the disk refused (None for any other failure).

    `file` names the report being imported, when the write was an import's.
    """
    text = str(exc)
    lowered = text.lower()
    reason = _reason(text)
    if any(r in lowered for r in READ_ONLY_REASONS):
        folder = str(target.resolve().parent)
        params = {"path": str(target), "folder": folder, "reason": reason}
        return StoreError(template=READ_ONLY, params=params)
    params = {"path": str(target), "reason": reason} | ({"file": file} if file else {})
    if any(r in lowered for r in FULL_REASONS):
        return StoreError(template=DISK_FULL if file else DISK_FULL_CHANGE, params=params)
    if isinstance(exc, duckdb.IOException) or "could not write" in lowered:
        return StoreError(template=WRITE_FAILED if file else WRITE_FAILED_CHANGE, params=params)
    return None


def _check_writable(target: Path) -> None:
    """Refuse, with its sentence, a store whose file or folder this process may not write."""
    folder = target.resolve().parent
    if not folder.is_dir():
        raise StoreError(
            template="The folder {folder} of the database {path} does not exist; create it or "
            "point --db at a file in an existing folder.",
            params={"folder": str(folder), "path": str(target)},
        )
    for path in (folder, target) if target.exists() else (folder,):
        if not os.access(path, os.W_OK):
            raise StoreError(
                template=READ_ONLY,
                params={"path": str(target), "folder": str(folder), "reason": "Permission denied"},
            )


@dataclass(slots=True)
class _Instance:
    """One DuckDB instance holding a store file, shared by every Store of this process on it."""

    base: duckdb.DuckDBPyConnection
    read_only: bool
    users: int = 0


# DuckDB lets one process attach a file once: the Stores of one file share its instance, each with
# its own connection (cursor), and the last to close shuts the instance (checkpoint and unlock).
_instances: dict[Path, _Instance] = {}
_instances_lock = threading.Lock()


def _setup(con: duckdb.DuckDBPyConnection, catalog: str | None) -> None:
    # UTC instants; no DuckDB progress bar on the terminal (Reinstate reports its own progress);
    # rows kept in the order read (an imported row's position gives its line in the file).
    con.execute(
        "SET TimeZone = 'UTC'; SET enable_progress_bar = false; SET preserve_insertion_order = true"
    )
    if catalog:
        con.execute(f"USE {catalog}")


def _attach(target: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    base = duckdb.connect(":memory:")
    mode = ", READ_ONLY" if read_only else ""
    quoted = str(target).replace("'", "''")
    try:
        base.execute(f"ATTACH '{quoted}' AS {CATALOG} (ROW_GROUP_SIZE {ROW_GROUP_SIZE}{mode})")
    except duckdb.Error as exc:
        base.close()
        text = str(exc)
        if isinstance(exc, duckdb.IOException) and "lock" in text.lower():
            raise StoreError(template=IN_USE, params={"path": str(target)}) from exc
        if "not a valid DuckDB database" in text or isinstance(exc, duckdb.SerializationException):
            raise StoreError(
                f"{target} is not a Reinstate (DuckDB) database. "
                "Point --db at a new file name to start a fresh store."
            ) from exc
        failed = None if read_only else write_error(target, exc)
        if failed is not None:
            raise failed from exc
        raise StoreError(f"The database {target} cannot be opened: {text}") from exc
    return base


def _connect(target: Path | None, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Return a new connection to the store file (a private in-memory store for `None`).

    Give it back with `_release(target.resolve())` (the key is the absolute path: a later change
    of working directory must not lose it).
    """
    if target is None:
        con = duckdb.connect(":memory:")
        _setup(con, None)
        return con
    key = target.resolve()
    with _instances_lock:
        instance = _instances.get(key)
        if instance is not None and instance.read_only and not read_only:
            raise StoreError(
                f"The database {target} is open read-only in this process; "
                "close it before writing to it."
            )
        if instance is None:
            instance = _instances[key] = _Instance(_attach(target, read_only), read_only)
        con = instance.base.cursor()
        instance.users += 1
    try:
        _setup(con, CATALOG)
    except BaseException:
        con.close()
        _release(key)
        raise
    return con


def _release(key: Path) -> None:
    with _instances_lock:
        instance = _instances.get(key)
        if instance is None:
            return
        instance.users -= 1
        if instance.users <= 0:
            del _instances[key]
            # A checkpoint at close the disk refuses loses nothing: every committed transaction
            # is in the write-ahead log, which the next open replays.
            with suppress(duckdb.Error):
                instance.base.close()


class Store:
    """One open DuckDB database holding the canonical order-level tables."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path | None) -> None:
        self.con = connection
        self.path = path
        self._key = path.resolve() if path is not None else None
        self._closed = False

    @classmethod
    def open(
        cls, path: Path | str | None, *, read_only: bool = False, check_version: bool = True
    ) -> Store:
        """Open (creating if needed) the store at `path`; `None` opens a private in-memory store."""
        target = Path(path) if path is not None else None
        if target is not None and read_only and not target.exists():
            raise StoreError(
                f"No Reinstate database at {target}. Import reports first "
                f"(reinstate --db {target} import FILE...) or point --db at an existing store."
            )
        if target is not None and target.exists() and target.is_dir():
            raise StoreError(f"{target} is a folder; --db needs a database file path.")
        if target is not None and not read_only:
            _check_writable(target)
        store = cls(_connect(target, read_only), target)
        try:
            if not read_only:
                store.migrate()
            elif check_version and store.schema_version() != SCHEMA_VERSION:
                raise StoreError(
                    f"The database {target} was written by another version of Reinstate; "
                    "open it once without read-only access to upgrade it."
                )
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def reader(cls, path: Path | str | None) -> Store:
        """Open a store only to read it: no write, no lock against other readers.

        A store written by an older Reinstate is upgraded first (one short read-write open).
        """
        if path is None:
            return cls.open(None)
        target = Path(path)
        store = cls.open(target, read_only=True, check_version=False)
        if store.schema_version() < SCHEMA_VERSION:
            store.close()
            cls.open(target).close()
            store = cls.open(target, read_only=True)
        return store

    def close(self) -> None:
        """Close the connection; the last one to a file writes it out (checkpoint) and unlocks it."""
        if self._closed:
            return
        self._closed = True
        try:
            self.con.close()
        finally:
            if self._key is not None:
                _release(self._key)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        """Return the schema version the database is at (0 when empty)."""
        exists = self.con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version' "
            "AND database_name = current_database() AND NOT temporary"
        ).fetchall()
        if not exists or not exists[0][0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchall()
        return int(row[0][0]) if row and row[0][0] is not None else 0

    def migrate(self) -> None:
        """Apply every migration the database has not seen, then refresh the marketplace table.

        A store already current is only read: opening it writes nothing.
        """
        wanted = sorted((m.code, m.timezone) for m in marketplaces().marketplaces)
        if self.schema_version() == SCHEMA_VERSION and self._marketplaces() == wanted:
            return
        with self.transaction():
            self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            current = self.schema_version()
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"The database {self.path} comes from a newer Reinstate "
                    f"(schema {current}, this one knows {SCHEMA_VERSION}); upgrade Reinstate."
                )
            for version, ddl in MIGRATIONS:
                if version > current:
                    self.con.execute(ddl)
                    self.con.execute("INSERT INTO schema_version VALUES (?)", [version])
            self.con.execute("DELETE FROM marketplaces")
            self.con.executemany(
                "INSERT INTO marketplaces VALUES (?, ?)", [list(m) for m in wanted]
            )

    def _marketplaces(self) -> list[tuple[str, str]]:
        rows = self.con.execute("SELECT code, timezone FROM marketplaces ORDER BY ALL").fetchall()
        return [(str(code), str(zone)) for code, zone in rows]

    @contextmanager
    def transaction(self, file: str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run a block in one transaction: all of it is written, or none of it.

        A write the disk refuses (full, read-only) becomes a StoreError, naming the `file` whose
        import the transaction is.
        """
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
            self.con.execute("COMMIT")
        except BaseException as exc:
            # A failed COMMIT has rolled back already (or the database was invalidated).
            with suppress(duckdb.Error):
                self.con.execute("ROLLBACK")
            failed = (
                write_error(self.path or Path(":memory:"), exc, file)
                if isinstance(exc, duckdb.Error)
                else None
            )
            if failed is not None:
                raise failed from exc
            raise

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        """Return the first column of the first row of a query."""
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0][0] if rows else None
