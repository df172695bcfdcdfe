"""The significance test behind a cause: one-sided Fisher exact test, and multiple testing.

A group (an ASIN, a carrier, a weekday ...) holds `n` of an entry's `N` orders and `k` of its `K`
defects. Under "the group is like the rest of the account", the number of defects falling in the
group is hypergeometric; the p-value is P(X >= k). That is the one-sided Fisher exact test of the
2x2 table (group / rest x defect / not). Benjamini-Hochberg then keeps the false discovery rate
over all the candidates of one metric entry at the level asked.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# Terms this far below the running sum no longer change a double: the tail sum stops there.
_NEGLIGIBLE = 1e-17


def _log_comb(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def hypergeometric_pmf_log(k: int, population: int, successes: int, draws: int) -> float:
    """Return log P(X = k) for X ~ Hypergeometric(population, successes, draws)."""
    return (
        _log_comb(successes, k)
        + _log_comb(population - successes, draws - k)
        - _log_comb(population, draws)
    )


def hypergeometric_tail(k: int, population: int, successes: int, draws: int) -> float:
    """Return P(X >= k): the one-sided Fisher exact p-value of `k` defects among `draws` orders.

    `population` orders hold `successes` defects; the group is `draws` of those orders.
    """
    if not 0 <= successes <= population or not 0 <= draws <= population:
        raise ValueError("need 0 <= successes, draws <= population")
    low = max(0, draws + successes - population)
    high = min(draws, successes)
    if k <= low:
        return 1.0
    if k > high:
        return 0.0
    # The pmf falls away from the mode; summing from whichever side is shorter keeps it exact.
    mode = (draws + 1) * (successes + 1) // (population + 2)
    if k <= mode:
        return max(0.0, 1.0 - _sum(low, k - 1, population, successes, draws, downward=True))
    return min(1.0, _sum(k, high, population, successes, draws, downward=False))


def _sum(
    first: int, last: int, population: int, successes: int, draws: int, *, downward: bool
) -> float:
    """Sum the pmf over [first, last], starting at the end nearest the mode, stopping when small."""
    order = range(last, first - 1, -1) if downward else range(first, last + 1)
    total = 0.0
    for x in order:
        term = math.exp(hypergeometric_pmf_log(x, population, successes, draws))
        total += term
        if term < total * _NEGLIGIBLE:
            break
    return total


def benjamini_hochberg(p_values: Sequence[float], level: float, others: int = 0) -> list[bool]:
    """Return which hypotheses Benjamini-Hochberg rejects at false discovery rate `level`.

    `others` counts further hypotheses, not listed, whose p-values are known to exceed `level`:
    they rank after every listed one that could be rejected, so only their number matters.
    """
    m = len(p_values) + others
    ranked = sorted(range(len(p_values)), key=lambda i: (p_values[i], i))
    cutoff = 0
    for rank, index in enumerate(ranked, start=1):
        if p_values[index] <= level * rank / m:
            cutoff = rank
    chosen = set(ranked[:cutoff])
    return [i in chosen for i in range(len(p_values))]


def binomial_tail(k: int, n: int, p: float) -> float:
    """Return P(X >= k) for X ~ Binomial(n, p): the test of a theme's share against a baseline."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    if p <= 0.0:
        return 0.0
    if p >= 1.0:
        return 1.0
    log_p, log_q = math.log(p), math.log1p(-p)
    total = 0.0
    for x in range(k, n + 1):
        term = math.exp(_log_comb(n, x) + x * log_p + (n - x) * log_q)
        total += term
        if x > n * p and term < total * _NEGLIGIBLE:
            break
    return min(1.0, total)
