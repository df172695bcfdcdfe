"""Scoring the notice reader on a labelled corpus under tests/data/ (manifest.toml per folder).

Used by the corpus tests (tests/notice/) and by `tools/score_notices.py`, which prints the table.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reinstate.domain.notice.model import CATEGORIES, NoticeReading
from reinstate.services.notice import read_notice_source

DATA = Path(__file__).resolve().parents[1] / "data"


def manifest(corpus: str) -> list[dict[str, Any]]:
    """Return the labelled entries of one corpus folder under tests/data/."""
    text = (DATA / corpus / "manifest.toml").read_text(encoding="utf-8")
    entries: list[dict[str, Any]] = tomllib.loads(text)["notice"]
    return [entry | {"path": DATA / corpus / entry["file"]} for entry in entries]


FIELDS = ("category", "severity", "marketplace", "extraction")


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


def measure(entries: list[dict[str, Any]]) -> list[Outcome]:
    """Judge every notice of a corpus."""
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


def rate(outcomes: list[Outcome], key: str) -> float:
    scored = [o.right[key] for o in outcomes if key in o.right]
    return sum(scored) / len(scored)
