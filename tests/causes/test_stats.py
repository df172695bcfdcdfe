"""The significance test: hypergeometric and binomial tails, and Benjamini-Hochberg."""

from __future__ import annotations

from fractions import Fraction
from math import comb

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reinstate.domain.causes import benjamini_hochberg, binomial_tail, hypergeometric_tail


def brute_tail(k: int, population: int, successes: int, draws: int) -> Fraction:
    total = comb(population, draws)
    return sum(
        (
            Fraction(comb(successes, x) * comb(population - successes, draws - x), total)
            for x in range(max(k, 0), min(draws, successes) + 1)
        ),
        Fraction(0),
    )


@st.composite
def tables(draw: st.DrawFn) -> tuple[int, int, int, int]:
    population = draw(st.integers(1, 60))
    successes = draw(st.integers(0, population))
    draws = draw(st.integers(0, population))
    k = draw(st.integers(0, min(successes, draws) + 1))
    return k, population, successes, draws


@given(tables())
def test_tail_equals_the_brute_force_sum(case: tuple[int, int, int, int]) -> None:
    k, population, successes, draws = case
    assert hypergeometric_tail(k, population, successes, draws) == pytest.approx(
        float(brute_tail(k, population, successes, draws)), rel=1e-9, abs=1e-12
    )


@given(tables())
def test_tail_is_a_probability_and_falls_as_the_count_rises(
    case: tuple[int, int, int, int],
) -> None:
    k, population, successes, draws = case
    p = hypergeometric_tail(k, population, successes, draws)
    assert 0.0 <= p <= 1.0
    assert hypergeometric_tail(k + 1, population, successes, draws) <= p + 1e-12


def test_two_of_three_is_not_significant() -> None:
    # 2 of an account's 3 defects on 3 of its 100 orders: the tail is about 0.0018, but the
    # ranking's minimum count stops it (tests/causes/test_ranking.py); here only the figure.
    assert hypergeometric_tail(2, 100, 3, 3) == pytest.approx(float(brute_tail(2, 100, 3, 3)))


def test_large_tables_stay_finite() -> None:
    p = hypergeometric_tail(400, 1_000_000, 5_000, 40_000)
    assert 0.0 < p < 1e-30
    assert hypergeometric_tail(200, 1_000_000, 5_000, 40_000) == pytest.approx(0.5, abs=0.05)


@given(st.integers(0, 40), st.integers(0, 40), st.floats(0.01, 0.99))
def test_binomial_tail_equals_the_brute_force_sum(k: int, n: int, p: float) -> None:
    expected = sum(comb(n, x) * p**x * (1 - p) ** (n - x) for x in range(max(k, 0), n + 1))
    assert binomial_tail(k, n, p) == pytest.approx(min(expected, 1.0), rel=1e-9, abs=1e-12)


def test_benjamini_hochberg_by_hand() -> None:
    # m = 4, level 0.05: thresholds 0.0125, 0.025, 0.0375, 0.05 by rank.
    # 0.01, 0.02, 0.03 are each under their rank's threshold: three rejected.
    assert benjamini_hochberg([0.01, 0.2, 0.03, 0.02], 0.05) == [True, False, True, True]
    # 0.03 at rank 2 is over 0.025 and 0.04 at rank 3 over 0.0375: only the first.
    assert benjamini_hochberg([0.01, 0.04, 0.03, 0.2], 0.05) == [True, False, False, False]
    assert benjamini_hochberg([0.5, 0.6], 0.05) == [False, False]
    assert benjamini_hochberg([], 0.05) == []
