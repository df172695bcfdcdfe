"""Fuzz the readers of text a seller gives: notices (text, .eml, HTML), letters, and
`reinstate.toml`. Only sentences come out, and the same bytes read the same way twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from reinstate.settings import Settings
from support.fuzzing import (
    SETTINGS_SEED,
    fuzz_examples,
    letter_seeds,
    notice_seeds,
    read_notice_bytes,
    review_bytes,
    settings_from,
)
from support.mutations import damaged_bytes

# Damaged files are large: Hypothesis warns when it shows one; the failure itself is what counts.
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")


@settings(max_examples=fuzz_examples())
@given(data=damaged_bytes(notice_seeds()))
def test_damaged_notices_read_or_end_in_a_sentence(data: bytes) -> None:
    assert read_notice_bytes(data) == read_notice_bytes(data)


@settings(max_examples=fuzz_examples())
@given(data=damaged_bytes(letter_seeds()))
def test_damaged_letters_review_or_end_in_a_sentence(data: bytes) -> None:
    assert review_bytes(data) == review_bytes(data)


@settings(max_examples=fuzz_examples())
@given(data=damaged_bytes([SETTINGS_SEED]))
def test_damaged_settings_files_load_or_end_in_a_sentence(data: bytes) -> None:
    assert settings_from(data) == settings_from(data)


def test_the_seeds_read_cleanly() -> None:
    assert all(isinstance(read_notice_bytes(seed), dict) for seed in notice_seeds())
    assert all(isinstance(review_bytes(seed), dict) for seed in letter_seeds())
    assert settings_from(SETTINGS_SEED) == Settings(
        db=Path("reinstate.duckdb"), lang="zh_Hans", account="acme"
    )
