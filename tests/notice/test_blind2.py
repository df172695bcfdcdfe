"""The notice reader on a second blind corpus (tests/data/notices_blind2/), written after the first
had become tuning data, by an auditor who read only docs/notice.md, the domain notes and the seeds.

First measurement (before any change made after reading it), of 40 notices: category 36,
severity 32, marketplace 40, extraction 39, language 39. Two general faults it showed were fixed
(HTML table cells ran together, hiding the order ids in them; "la" counted as French in Spanish
text); the rest is recorded in docs/notice.md. The floors hold the first measurement.
Reproduce the table: `.venv/bin/python tools/score_notices.py notices_blind2`.
"""

from __future__ import annotations

import pytest

from support.notices import Outcome, manifest, measure, rate, table

FLOORS = {
    "category": 0.9,
    "severity": 0.8,
    "marketplace": 0.95,
    "extraction": 0.95,
    "language": 0.95,
}


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return measure(manifest("notices_blind2"))


@pytest.mark.parametrize("key", list(FLOORS))
def test_second_blind_corpus_floor(outcomes: list[Outcome], key: str) -> None:
    assert sum(key in o.right for o in outcomes) == 40
    assert rate(outcomes, key) >= FLOORS[key], table(outcomes)
