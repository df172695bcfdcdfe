"""The real published letters' manifest (tests/data/real_letters/): sources and hashes only.

The texts are third-party and never committed; the manifest must identify each one (URL, SHA-256,
length) and label it, and every public template must be expected to be flagged as template reuse.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from reinstate.rules.review.loader import review_rules

MANIFEST = Path(__file__).resolve().parents[1] / "data" / "real_letters" / "manifest.toml"


def test_every_real_letter_is_identified_and_labelled_without_its_text() -> None:
    data = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
    assert data["expect_is_minimum"] is True
    letters = data["letter"]
    assert letters
    for entry in letters:
        assert re.fullmatch(r"https?://\S+", entry["url"]), entry
        assert re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]), entry
        assert entry["chars"] > 200 and entry["quality"] in {"strong", "weak", "template"}
        assert set(entry["expect"]) <= set(review_rules().rules)
        assert entry["template"] is (entry["quality"] == "template")
        if entry["template"]:
            assert "template.reuse" in entry["expect"]
    assert not list(MANIFEST.parent.glob("*.txt")), "real letters' texts are never committed"
