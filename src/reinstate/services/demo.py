"""Use case: write the demo dataset for the CLI (and `make demo`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from reinstate.demo import DemoFile, DemoManifest, generate_demo_data

__all__ = ["DemoFile", "DemoManifest", "write_demo_data"]


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
