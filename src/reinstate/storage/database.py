"""Open the DuckDB store, keep its schema current, and run each import in one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from reinstate.domain.errors import StoreError
from reinstate.rules import marketplaces
from reinstate.storage.schema import MIGRATIONS, SCHEMA_VERSION


class Store:
    """One open DuckDB database holding the canonical order-level tables."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: Path | None) -> None:
        self.con = connection
        self.path = path

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
        try:
            con = duckdb.connect(str(target) if target else ":memory:", read_only=read_only)
        except duckdb.IOException as exc:
            text = str(exc)
            if "lock" in text.lower():
                raise StoreError(
                    f"The database {target} is in use by another Reinstate process; "
                    "wait for it to finish or use another --db file."
                ) from exc
            raise StoreError(f"The database {target} cannot be opened: {text}") from exc
        except duckdb.Error as exc:
            raise StoreError(
                f"{target} is not a Reinstate (DuckDB) database: {exc}. "
                "Point --db at a new file name to start a fresh store."
            ) from exc
        # UTC instants; no DuckDB progress bar on the terminal (Reinstate reports its own progress);
        # rows kept in the order read (an imported row's position gives its line in the file).
        con.execute(
            "SET TimeZone = 'UTC'; SET enable_progress_bar = false; "
            "SET preserve_insertion_order = true"
        )
        store = cls(con, target)
        if not read_only:
            store.migrate()
        elif check_version and store.schema_version() != SCHEMA_VERSION:
            raise StoreError(
                f"The database {target} was written by another version of Reinstate; "
                "open it once without read-only access to upgrade it."
            )
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
        """Close the connection."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        """Return the schema version the database is at (0 when empty)."""
        exists = self.con.execute(
            "SELECT count(*) FROM duckdb_tables() "
            "WHERE table_name = 'schema_version' AND NOT temporary"
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
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Run a block in one transaction: all of it is written, or none of it."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        """Return the first column of the first row of a query."""
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0][0] if rows else None
