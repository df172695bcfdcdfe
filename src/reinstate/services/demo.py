"""Use case: write the demo dataset for the CLI (and `make demo`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from reinstate.demo import DemoFile, DemoManifest, generate_demo_data
from reinstate.services.imports import FileImport, import_files

__all__ = ["DemoFile", "DemoManifest", "import_demo_data", "write_demo_data"]


def write_demo_data(
    out_dir: Path,
    *,
    orders: int,
    as_of: date,
    seed: int,
    progress: Callable[[str, int, int], None] | None = None,
) -> DemoManifest:
    """Write the seeded demo dataset into `out_dir` (refusing a folder holding other files)."""
    return generate_demo_data(out_dir, orders=orders, as_of=as_of, seed=seed, progress=progress)


def import_demo_data(
    db: Path | None,
    out_dir: Path,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[FileImport]:
    """Import a demo folder: each account's subfolder into the account of that name."""
    results: list[FileImport] = []
    folders = sorted(p for p in out_dir.iterdir() if p.is_dir())
    for folder in folders:
        results += import_files(db, [folder], account=folder.name, progress=progress)
    return results
