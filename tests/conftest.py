"""Shared fixtures: a fresh store path per test, and the seller-report builder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from support.sellerdata import Seller


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Return a path for a new DuckDB store."""
    return tmp_path / "store.duckdb"


@pytest.fixture
def seller(tmp_path: Path) -> Seller:
    """Return an empty seller whose reports are written under tmp_path."""
    return Seller(tmp_path / "reports")
