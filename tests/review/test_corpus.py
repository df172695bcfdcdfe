"""The reviewer on its corpus: each letter gets exactly its expected rules, and agreement per rule holds."""

from __future__ import annotations

import pytest

from reinstate.rules.review.loader import review_rules
from support.letters import Case, corpus, review_case

CASES = corpus()
# Rules that must agree with the manifest on every letter, and the lowest agreement allowed for any.
MIN_AGREEMENT = 0.95


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_letter_gets_exactly_its_expected_rules(case: Case) -> None:
    result = review_case(case)
    assert {f.rule for f in result.findings} == case.expect
    assert result.verdict.value == case.verdict


def agreement_per_rule() -> dict[str, float]:
    """Return, per rule id, the share of corpus letters where it fired exactly when expected."""
    fired = [{f.rule for f in review_case(case).findings} for case in CASES]
    return {
        rule: sum(
            (rule in got) == (rule in case.expect) for got, case in zip(fired, CASES, strict=True)
        )
        / len(CASES)
        for rule in review_rules().rules
    }


def test_agreement_per_rule_meets_the_threshold() -> None:
    agreement = agreement_per_rule()
    low = {rule: value for rule, value in agreement.items() if value < MIN_AGREEMENT}
    assert not low, f"rules below {MIN_AGREEMENT:.0%} agreement: {low}"


def test_every_rule_fires_somewhere_in_the_corpus_and_is_absent_somewhere() -> None:
    expected = [case.expect for case in CASES]
    for rule in review_rules().rules:
        assert any(rule in e for e in expected), f"{rule} has no positive letter in the corpus"
        assert any(rule not in e for e in expected), f"{rule} has no negative letter in the corpus"


def test_strong_letters_score_higher_than_flawed_ones() -> None:
    strong = [review_case(c).score for c in CASES if not c.expect]
    flawed = [
        review_case(c).score
        for c in CASES
        if c.expect and not all(rule.startswith("structure.") for rule in c.expect)
    ]
    assert min(strong) > max(flawed)
