"""A small demo store with its planted causes, for the causes tests of the workbench."""

from __future__ import annotations

from pathlib import Path

from reinstate.services.demo import import_demo_data, write_demo_data
from support.web import AS_OF


def demo_store(folder: Path, orders: int = 20_000) -> Path:
    """Return a demo store (planted causes included) dated the web tests' day."""
    write_demo_data(folder / "files", orders=orders, as_of=AS_OF, seed=7)
    import_demo_data(folder / "store.duckdb", folder / "files")
    return folder / "store.duckdb"
