"""The reviewer on the held-out corpus, written blind from docs/review.md: agreement floors per rule.

These letters were written (and committed) before their author read the reviewer's code or phrase
lists; their first measurement is recorded in docs/review.md. The floors below can fail: a change that
makes any rule disagree with the labels on more than 5 % of the letters, or a verdict on more than
5 %, breaks this test. Reproduce the table with `.venv/bin/python tools/score_letters.py heldout`.
"""

from __future__ import annotations

import pytest

from reinstate import review_letter
from reinstate.domain.errors import InputError
from reinstate.rules.review.loader import review_rules
from support.letters import HELDOUT, Agreement, Case, corpus, corpus_agreement, report

CASES = corpus(HELDOUT)
MIN_RULE_AGREEMENT = 0.95
MIN_VERDICT_AGREEMENT = 0.95
MIN_PRECISION = 0.8
MIN_RECALL = 0.8


def agreement() -> Agreement:
    return corpus_agreement(HELDOUT)


def test_the_corpus_has_at_least_30_letters_and_every_rule_both_ways() -> None:
    reviewed = [c for c in CASES if not c.refused]
    assert len({c.file for c in reviewed}) >= 30
    for rule in review_rules().rules:
        assert any(rule in c.expect for c in reviewed), f"{rule}: no letter expects it"
        assert any(rule not in c.expect for c in reviewed), f"{rule}: every letter expects it"


@pytest.mark.parametrize("rule", list(review_rules().rules))
def test_each_rule_agrees_with_the_blind_labels(rule: str) -> None:
    result = agreement()
    assert result.agreement(rule) >= MIN_RULE_AGREEMENT, report(result)
    precision, recall = result.precision(rule), result.recall(rule)
    assert precision is None or precision >= MIN_PRECISION, report(result)
    assert recall is None or recall >= MIN_RECALL, report(result)


def test_verdicts_agree_with_the_blind_labels() -> None:
    result = agreement()
    assert result.verdicts >= MIN_VERDICT_AGREEMENT * result.letters, report(result)


def test_inputs_labelled_as_not_letters_are_refused() -> None:
    result = agreement()
    assert result.refused_right == result.refusals, report(result)


@pytest.mark.parametrize("case", [c for c in CASES if c.refused], ids=lambda c: c.name)
def test_refusals_come_through_the_public_api_too(case: Case) -> None:
    with pytest.raises(InputError):
        review_letter(case.text)
