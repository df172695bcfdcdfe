"""The reviewer on the fourth blind corpus (tests/data/letters_blind4/, #12): 40 letters by a writer who
never saw the rules, labelled from the writer's words. Reproduce:
`.venv/bin/python tools/score_letters.py blind4 --part fresh`.
"""

from __future__ import annotations

from reinstate.rules.review.loader import review_rules
from support.letters import BLIND4, corpus, flaw_rules


def test_the_manifest_holds_40_letters_and_maps_every_flaw_to_a_rule() -> None:
    cases = corpus(BLIND4)
    assert len(cases) == 40
    assert sum(c.quality == "strong" for c in cases) == 20
    assert sum(c.quality == "boilerplate" for c in cases) == 4
    kinds = flaw_rules(BLIND4)
    assert set(kinds.values()) <= set(review_rules().rules)
    assert {f for c in cases for f in c.flaws} <= set(kinds)
    for c in cases:
        assert {kinds[f] for f in c.flaws} <= c.expect, c.file
        assert "ready" not in c.verdicts or c.quality != "boilerplate", c.file
