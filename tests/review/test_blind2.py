"""The reviewer on a second blind corpus (tests/data/letters_blind2/), written after the first had
become tuning data, by an author who read only docs/review.md, the domain notes and the seeds.

Its first measurement (before any change made after reading it): exact rule sets 33/40, verdicts
37/40, refusals 4/4; every rule agreed with the labels on at least 38 of 40 letters. The floors
below hold that level; each rule fires on only two to seven letters here, so there are no
precision or recall floors per rule. Reproduce: `.venv/bin/python tests/support/letters.py blind2`.
"""

from __future__ import annotations

import pytest

from reinstate.rules.review.loader import review_rules
from support.letters import BLIND2, Agreement, corpus, corpus_agreement, report

CASES = corpus(BLIND2)
MIN_RULE_AGREEMENT = 0.95
MIN_VERDICT_AGREEMENT = 0.9
MIN_EXACT = 0.8


def agreement() -> Agreement:
    return corpus_agreement(BLIND2)


def test_the_corpus_has_40_letters_and_expects_every_rule() -> None:
    reviewed = [c for c in CASES if not c.refused]
    assert len(reviewed) >= 40
    for rule in review_rules().rules:
        assert any(rule in c.expect for c in reviewed), f"{rule}: no letter expects it"


@pytest.mark.parametrize("rule", list(review_rules().rules))
def test_each_rule_agrees_with_the_second_blind_labels(rule: str) -> None:
    result = agreement()
    assert result.agreement(rule) >= MIN_RULE_AGREEMENT, report(result)


def test_verdicts_and_whole_rule_sets_agree_with_the_second_blind_labels() -> None:
    result = agreement()
    assert result.verdicts >= MIN_VERDICT_AGREEMENT * result.letters, report(result)
    assert result.exact >= MIN_EXACT * result.letters, report(result)
    assert result.refused_right == result.refusals, report(result)
