"""The notice reader against a held-out corpus written blind (tests/data/notices_heldout/).

The corpus was written by an auditor before reading the phrase rules, the reader's code or its
tuning corpus (see the manifest's header and the commit that added it), so its accuracy is an honest
estimate, unlike the tuning corpus in tests/data/notices/. Rules may only change in general ways
(phrases with their source), never to match one held-out sentence.

Run `.venv/bin/python tests/test_notice_heldout.py` to print the per-category table.
"""

from __future__ import annotations

import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from reinstate.domain.notice import CATEGORIES, NoticeReading
from reinstate.services.notice import read_notice_source

DATA = Path(__file__).parent / "data"


def manifest(corpus: str) -> list[dict[str, Any]]:
    """Return the labelled entries of one corpus folder under tests/data/."""
    text = (DATA / corpus / "manifest.toml").read_text(encoding="utf-8")
    entries: list[dict[str, Any]] = tomllib.loads(text)["notice"]
    return [entry | {"path": DATA / corpus / entry["file"]} for entry in entries]


MANIFEST = manifest("notices_heldout")
FIELDS = ("category", "severity", "marketplace", "extraction")
# The lowest overall share of held-out notices each field must get right, and the lowest per
# category for category detection (every category has at least two held-out notices).
MIN_OVERALL = 0.9
MIN_CATEGORY_PER_CATEGORY = 0.5


@dataclass
class Outcome:
    """What the reader got right on one held-out notice, and what it said when it was wrong."""

    entry: dict[str, Any]
    right: dict[str, bool]
    wrong: dict[str, str] = field(default_factory=dict)


def _ids(reading: NoticeReading) -> dict[str, set[str]]:
    return {
        "asins": set(reading.asins),
        "masked_asins": set(reading.masked_asins),
        "order_ids": set(reading.order_ids),
        "masked_order_ids": set(reading.masked_order_ids),
    }


def judge(entry: dict[str, Any]) -> Outcome:
    """Read one held-out notice and compare it with its labels."""
    reading = read_notice_source(entry["path"])
    got = {
        "category": reading.category,
        "severity": reading.severity or "",
        "marketplace": reading.marketplace or "",
        "language": reading.language,
    }
    right = {key: got[key] == entry[key] for key in ("category", "severity", "marketplace")}
    right["language"] = got["language"] == entry["language"]
    wrong = {k: got[k] for k, ok in right.items() if not ok}
    ids = _ids(reading)
    expected = {k: set(entry.get(k, [])) for k in ids}
    right["extraction"] = ids == expected
    if not right["extraction"]:
        wrong["extraction"] = "; ".join(
            f"{k}: +{sorted(ids[k] - expected[k])} -{sorted(expected[k] - ids[k])}"
            for k in ids
            if ids[k] != expected[k]
        )
    if "subcategory" in entry:
        right["subcategory"] = reading.subcategory == entry["subcategory"]
        if not right["subcategory"]:
            wrong["subcategory"] = str(reading.subcategory)
    if "notice_date" in entry:
        found = reading.notice_date.isoformat() if reading.notice_date else ""
        right["notice_date"] = found == entry["notice_date"]
        if not right["notice_date"]:
            wrong["notice_date"] = found
    if "due_dates" in entry:
        dues = {d.due.isoformat() for d in reading.deadlines if d.due}
        right["due_dates"] = set(entry["due_dates"]) <= dues
        if not right["due_dates"]:
            wrong["due_dates"] = str(sorted(dues))
    if "confidence_level" in entry:
        right["confidence_level"] = reading.confidence_level == entry["confidence_level"]
        if not right["confidence_level"]:
            wrong["confidence_level"] = reading.confidence_level
    return Outcome(entry, right, wrong)


def measure(entries: list[dict[str, Any]] = MANIFEST) -> list[Outcome]:
    """Judge every notice of a corpus (the held-out one by default)."""
    return [judge(entry) for entry in entries]


def table(outcomes: list[Outcome]) -> str:
    """Return the per-category accuracy table (markdown) and the list of misses."""
    by_category: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_category[outcome.entry["category"]].append(outcome)
    lines = ["| category | n | " + " | ".join(FIELDS) + " |", "|---" * (len(FIELDS) + 2) + "|"]

    def share(items: list[Outcome], key: str) -> str:
        scored = [o.right[key] for o in items if key in o.right]
        return f"{sum(scored)}/{len(scored)}" if scored else "-"

    for category in CATEGORIES:
        items = by_category.get(category, [])
        cells = " | ".join(share(items, key) for key in FIELDS)
        lines.append(f"| {category} | {len(items)} | {cells} |")
    overall = " | ".join(share(outcomes, key) for key in FIELDS)
    lines.append(f"| **all** | {len(outcomes)} | {overall} |")
    extra = ("language", "subcategory", "notice_date", "due_dates", "confidence_level")
    lines.append("")
    lines.append("Other fields: " + ", ".join(f"{k} {share(outcomes, k)}" for k in extra))
    misses = [o for o in outcomes if o.wrong]
    if misses:
        lines.append("")
        lines.append("Misses:")
        for o in misses:
            said = ", ".join(f"{k}={v!r}" for k, v in o.wrong.items())
            lines.append(f"- {o.entry['file']}: {said}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return measure()


def _rate(outcomes: list[Outcome], key: str) -> float:
    scored = [o.right[key] for o in outcomes if key in o.right]
    return sum(scored) / len(scored)


@pytest.mark.parametrize("key", [*FIELDS, "language", "subcategory", "notice_date", "due_dates"])
def test_overall_accuracy_floor(outcomes: list[Outcome], key: str) -> None:
    rate = _rate(outcomes, key)
    assert rate >= MIN_OVERALL, f"{key}: {rate:.2f}\n{table(outcomes)}"


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


if __name__ == "__main__":  # pragma: no cover - a report, not a test
    corpus = sys.argv[1] if len(sys.argv) > 1 else "notices_heldout"
    if not (DATA / corpus / "manifest.toml").is_file():
        known = sorted(p.parent.name for p in DATA.glob("notices*/manifest.toml"))
        sys.exit(
            f"No notice corpus {corpus!r} under tests/data; choose one of: {', '.join(known)}."
        )
    sys.stdout.write(table(measure(manifest(corpus))) + "\n")
