"""The reviewer on the third blind corpus (tests/data/letters_blind3/, #12): 60 letters written by a
writer who never saw the rules, labelled from the writer's words, split into a tune and a check part.

Floors at the figures docs/review.md records (tuned on the tune part; the check part never read), so
a change that loses ground on either part fails here. Reproduce:
`.venv/bin/python tools/score_letters.py blind3 --part check`.
"""

from __future__ import annotations

from reinstate.rules.review.loader import review_rules
from support.letters import BLIND3, assert_floors, corpus, flaw_rules

# part: (verdicts, strong judged ready, flawed judged not ready, flaws flagged), out of 30/11/15/17-18
FLOORS = {"tune": (30, 11, 15, 18), "check": (24, 9, 14, 12)}


def test_the_manifest_splits_60_letters_evenly_and_maps_every_flaw_to_a_rule() -> None:
    cases = corpus(BLIND3)
    assert len(cases) == 60
    for part in ("tune", "check"):
        mine = [c for c in cases if c.part == part]
        assert len(mine) == 30
        assert sum(c.quality == "strong" for c in mine) == 11
        assert sum(c.quality == "boilerplate" for c in mine) == 4
    kinds = flaw_rules(BLIND3)
    assert set(kinds.values()) <= set(review_rules().rules)
    assert {f for c in cases for f in c.flaws} == set(kinds)
    for c in cases:
        assert {kinds[f] for f in c.flaws} <= c.expect, c.file


def test_each_part_holds_its_floors() -> None:
    assert_floors(BLIND3, FLOORS)
