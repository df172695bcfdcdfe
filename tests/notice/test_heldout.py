"""The notice reader against a held-out corpus written blind (tests/data/notices_heldout/).

The corpus was written by an auditor before reading the phrase rules, the reader's code or its
tuning corpus (see the manifest's header and the commit that added it), so its accuracy is an honest
estimate, unlike the tuning corpus in tests/data/notices/. Rules may only change in general ways
(phrases with their source), never to match one held-out sentence.

Run `.venv/bin/python tools/score_notices.py` to print the per-category table.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from reinstate.domain.notice.model import CATEGORIES
from support.notices import FIELDS, Outcome, manifest, measure, rate, table

MANIFEST = manifest("notices_heldout")
# The lowest overall share of held-out notices each field must get right, and the lowest per
# category for category detection (every category has at least two held-out notices).
MIN_OVERALL = 0.9
MIN_CATEGORY_PER_CATEGORY = 0.5


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return measure(MANIFEST)


@pytest.mark.parametrize("key", [*FIELDS, "language", "subcategory", "notice_date", "due_dates"])
def test_overall_accuracy_floor(outcomes: list[Outcome], key: str) -> None:
    share = rate(outcomes, key)
    assert share >= MIN_OVERALL, f"{key}: {share:.2f}\n{table(outcomes)}"


def test_every_category_is_mostly_recognised(outcomes: list[Outcome]) -> None:
    by_category: dict[str, list[bool]] = defaultdict(list)
    for o in outcomes:
        by_category[o.entry["category"]].append(o.right["category"])
    low = {c: sum(v) / len(v) for c, v in by_category.items()}
    low = {c: r for c, r in low.items() if r < MIN_CATEGORY_PER_CATEGORY}
    assert not low, f"{low}\n{table(outcomes)}"


def test_unclear_notices_say_so(outcomes: list[Outcome]) -> None:
    unsure = [o for o in outcomes if "confidence_level" in o.right]
    assert unsure
    assert all(o.right["confidence_level"] for o in unsure), table(outcomes)


def test_corpus_covers_the_audit_brief() -> None:
    counts: dict[str, int] = defaultdict(int)
    for entry in MANIFEST:
        counts[entry["category"]] += 1
    assert set(counts) == set(CATEGORIES)
    assert all(n >= 2 for n in counts.values())
    assert {e["language"] for e in MANIFEST} >= {"en", "zh", "ja", "de", "fr", "it", "es"}
    suffixes = {Path(e["file"]).suffix for e in MANIFEST}
    assert suffixes >= {".txt", ".eml", ".html"}
