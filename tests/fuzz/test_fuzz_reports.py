"""Fuzz every report parser with damaged copies of valid files (support.mutations): only
sentences come out, rejected rows have a line, untouched rows load, a re-import changes nothing.

`make test` runs a few examples per parser (profile `ci`); `make fuzz` runs many (profile `fuzz`).
"""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from support.fuzzing import TABLE_SEEDS, check_import, fuzz_examples, v2_seed
from support.mutations import damaged_bytes, damaged_json, damaged_table

FAMILIES = {
    "all_orders": ["all_orders", "all_orders_32", "all_orders_ja"],
    "feedback": [name for name in TABLE_SEEDS if name.startswith("feedback_")],
    "fulfilment": ["fulfilment"],
    "defects": ["defects"],
}
_accounts = itertools.count()

# Damaged files are large: Hypothesis warns when it shows one; the failure itself is what counts.
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")


@pytest.fixture(scope="module")
def folder() -> Path:
    """One folder and store for the module: each example imports into its own account."""
    return Path(tempfile.mkdtemp(prefix="reinstate-fuzz-"))


@pytest.mark.parametrize("family", FAMILIES)
def test_damaged_reports_end_in_sentences_and_keep_good_rows(family: str, folder: Path) -> None:
    @settings(max_examples=fuzz_examples())
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        seed = TABLE_SEEDS[data.draw(st.sampled_from(FAMILIES[family]))]
        damaged = data.draw(damaged_table(seed))
        note(damaged.what)
        check_import(
            damaged.data,
            seed.name,
            folder,
            folder / "store.duckdb",
            f"fuzz-{next(_accounts)}",
            untouched_ids=damaged.untouched_ids,
        )

    run()


def test_every_seed_imports_whole(folder: Path) -> None:
    for name, seed in TABLE_SEEDS.items():
        result = check_import(seed.bytes(), seed.name, folder, folder / "seeds.duckdb", name)
        assert result is not None
        assert (result.error, result.problems, result.rejected) == (None, [], 0), name
        assert result.loaded == len(seed.rows), name


@settings(max_examples=fuzz_examples())
@given(data=st.one_of(damaged_bytes([v2_seed()]), damaged_json(v2_seed())))
def test_damaged_v2_json_ends_in_sentences(data: bytes) -> None:
    folder = Path(tempfile.mkdtemp(prefix="reinstate-fuzz-"))
    check_import(data, "v2.json", folder, folder / "store.duckdb", "fuzz")
