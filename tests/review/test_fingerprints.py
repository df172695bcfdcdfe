"""Template fingerprints: hashed shingles only, built by the tool, and reuse found by containment."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from reinstate.domain.review.fingerprints import (
    find_reuse,
    shingle_hash,
    shingles,
    tokens,
)
from reinstate.rules.review.loader import FINGERPRINT_FILE, template_fingerprints
from support.letters import LETTERS, OWN_TEMPLATE, fingerprints_of

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "src" / "reinstate" / "rules" / FINGERPRINT_FILE


def test_words_are_normalised_before_hashing() -> None:
    assert [w for w, _, _ in tokens("We ＲＥＦＵＮＤＥＤ the Buyer's order")] == [
        "we",
        "refunded",
        "the",
        "buyer",
        "s",
        "order",
    ]
    assert shingle_hash(["a", "b"]) == shingle_hash(["a", "b"])
    assert shingle_hash(["a", "b"]) != shingle_hash(["b", "a"])
    assert re.fullmatch(r"[0-9a-f]{16}", shingle_hash(["we", "are", "sorry"]))
    assert len(shingles(["one", "two", "three", "four", "five", "six"], 5)) == 2


def test_the_shipped_file_is_not_empty_and_holds_no_readable_text() -> None:
    shipped = template_fingerprints()
    assert len(shipped.templates) >= 5
    assert len(shipped.union) >= 1000
    raw = SHIPPED.read_text(encoding="utf-8")
    data = json.loads(raw)
    for template in data["templates"]:
        assert template["source"].startswith("seeds/")
        assert all(re.fullmatch(r"[0-9a-f]{16}", h) for h in template["shingles"])
    words_outside_keys = re.findall(r"\b[a-z]{4,}\b", raw.lower())
    allowed = {
        "schema",
        "reinstate",
        "fingerprints",
        "words",
        "shingle",
        "shingles",
        "hash",
        "blake",
        "person",
        "over",
        "nfkc",
        "casefolded",
        "joined",
        "spaces",
        "templates",
        "source",
        "seeds",
    }
    assert set(words_outside_keys) <= allowed


def test_reuse_is_measured_against_our_own_sample_letter() -> None:
    own = OWN_TEMPLATE.read_text(encoding="utf-8")
    fingerprints = fingerprints_of(own)
    whole = find_reuse(own, fingerprints, 12)
    assert whole.fraction == 1.0
    copied = (LETTERS / "template_copy.txt").read_text(encoding="utf-8")
    reuse = find_reuse(copied, fingerprints, 12)
    assert 0.6 < reuse.fraction < 1.0
    own_words = " ".join(w for w, _, _ in tokens(own))
    for start, end in reuse.runs:
        assert " ".join(w for w, _, _ in tokens(copied[start:end])) in own_words
    original = (LETTERS / "strong_late_shipment.txt").read_text(encoding="utf-8")
    assert find_reuse(original, fingerprints, 12).runs == ()


def test_short_chance_matches_are_not_reuse() -> None:
    fingerprints = fingerprints_of("we will continue to monitor our account metrics every week")
    text = "From 1 May we will continue to monitor our account metrics every week with a new owner."
    assert find_reuse(text, fingerprints, 12).fraction == 0.0
    assert find_reuse(text, fingerprints, 5).fraction > 0.0


def test_the_tool_builds_fingerprints_from_a_folder_of_articles(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    own = OWN_TEMPLATE.read_text(encoding="utf-8")
    (seeds / "900_article.txt").write_text(
        "下面是一封申诉信：\n" + own + "\n以上仅供参考。\n", encoding="utf-8"
    )
    out = tmp_path / "fingerprints.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "build_fingerprints.py"),
            str(seeds),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("Wrote 1 templates")
    data = json.loads(out.read_text(encoding="utf-8"))
    (template,) = data["templates"]
    assert template["source"] == "seeds/900_article.txt"
    assert set(template["shingles"]) == set(fingerprints_of(own).union)
    assert "procedure" not in out.read_text(encoding="utf-8")


def test_the_tool_checks_that_copied_and_paraphrased_samples_are_found(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    own = OWN_TEMPLATE.read_text(encoding="utf-8")
    (seeds / "900_article.txt").write_text("范文：\n" + own + "\n", encoding="utf-8")
    out = tmp_path / "fingerprints.json"
    tool = [sys.executable, str(ROOT / "tools" / "build_fingerprints.py"), str(seeds)]
    subprocess.run([*tool, "--out", str(out)], capture_output=True, check=True)
    done = subprocess.run(
        [*tool, "--out", str(out), "--check"], capture_output=True, text=True, check=True
    )
    assert done.stdout == (
        "1 sample letters: 1 found as reuse when copied; 1 found after a light paraphrase (a word "
        "added after every 6), 0 without tolerating changed words.\n"
    )
