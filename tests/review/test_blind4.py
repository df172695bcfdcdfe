"""The reviewer on the fourth blind corpus (tests/data/letters_blind4/, #12): 40 letters by a writer who
never saw the rules, labelled from the writer's words, first scored whole (part "fresh", docs/review.md), then split into a
tune part (24) and a check part (16, never tuned on). Floors at the figures docs/review.md records.
Reproduce: `.venv/bin/python tools/score_letters.py blind4 --part check`.
"""

from __future__ import annotations

from reinstate.rules.review.loader import review_rules
from support.letters import BLIND4, assert_floors, corpus, flaw_rules

# part: (verdicts, strong judged ready, flawed judged not ready, flaws flagged), of 24/12/10/21, 16/8/6/17
FLOORS = {"tune": (24, 12, 10, 16), "check": (8, 3, 5, 7)}


def test_the_manifest_holds_40_letters_and_maps_every_flaw_to_a_rule() -> None:
    cases = corpus(BLIND4)
    assert len(cases) == 40
    assert sum(c.part == "tune" for c in cases) == 24
    assert sum(c.part == "check" for c in cases) == 16
    assert sum(c.quality == "strong" for c in cases) == 20
    assert sum(c.quality == "boilerplate" for c in cases) == 4
    kinds = flaw_rules(BLIND4)
    assert set(kinds.values()) <= set(review_rules().rules)
    assert {f for c in cases for f in c.flaws} <= set(kinds)
    for c in cases:
        assert {kinds[f] for f in c.flaws} <= c.expect, c.file
        assert "ready" not in c.verdicts or c.quality != "boilerplate", c.file


def test_each_part_holds_its_floors() -> None:
    assert_floors(BLIND4, FLOORS)
