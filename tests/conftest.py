"""Shared fixtures: a fresh store path per test, and the seller-report builder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))

from support.sellerdata import Seller

# Hypothesis profiles, chosen by HYPOTHESIS_PROFILE: `ci` (the default, `make test`) keeps
# Hypothesis' own defaults for the property tests and runs the fuzz tests (tests/fuzz/) briefly;
# `fuzz` (`make fuzz`) runs the fuzz tests long. The fuzz tests read their example count from
# `support.fuzzing.fuzz_examples()`.
settings.register_profile("ci", deadline=None)
settings.register_profile(
    "fuzz",
    deadline=None,
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "500")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Return a path for a new DuckDB store."""
    return tmp_path / "store.duckdb"


@pytest.fixture
def seller(tmp_path: Path) -> Seller:
    """Return an empty seller whose reports are written under tmp_path."""
    return Seller(tmp_path / "reports")
