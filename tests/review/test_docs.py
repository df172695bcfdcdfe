"""docs/review.md stays complete: every rule with its severity and penalty, and the JSON fields."""

from __future__ import annotations

import re
from pathlib import Path

from reinstate import review_letter
from reinstate.rules.review.loader import review_rules
from support.letters import LETTERS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "review.md").read_text(encoding="utf-8")


def test_every_rule_is_documented_with_its_severity_and_penalty() -> None:
    rules_table = DOC.split("## Rules")[1].split("### Template fingerprints")[0]
    rows = dict(re.findall(r"^\| `([a-z_.]+)` \| (.+?) \|$", rules_table, flags=re.MULTILINE))
    for rule, meta in review_rules().rules.items():
        assert rule in rows, f"{rule} is not in docs/review.md"
        severity, penalty = (cell.strip() for cell in rows[rule].split("|")[:2])
        assert severity == meta.severity.value, rule
        cap = f" (cap {meta.cap})" if meta.cap != meta.penalty else ""
        assert penalty == f"{meta.penalty}{cap}", rule
    assert set(rows) == set(review_rules().rules)


def test_every_json_field_is_documented() -> None:
    result = review_letter((LETTERS / "flaw_blame.txt").read_text(encoding="utf-8")).to_dict()
    for key in result:
        assert f"`{key}`" in DOC or f'"{key}"' in DOC, key
    for key in result["findings"][0]:
        assert f"`findings[].{key}`" in DOC or f"`{key}`" in DOC or f"{key}`" in DOC, key
    for key in result["sections"]["root_cause"]:
        assert f"`sections.<part>.{key}`" in DOC, key


def test_the_documented_thresholds_are_the_data() -> None:
    rules = review_rules()
    assert f"rewrite` when the score is below {rules.rewrite_below}" in DOC
    assert f"`ready` when the score is at least {rules.ready_at}" in DOC
    assert f"More than {int(rules.threshold('max_words'))} words" in DOC
    for rule in sorted(rules.rewrite_rules):
        assert f"`{rule}`" in DOC.split("**Verdict**")[1].split("revise` otherwise")[0]
