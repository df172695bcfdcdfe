"""Check a local copy of the real-notice corpus against its manifest, and score the reader on it.

The texts are notices and replies that sellers published (third-party text): they are not in the
repository. `tests/data/real_notices/manifest.toml` holds, per text, its source address, the labels,
and the SHA-256 and length of the text as it was saved; put the texts in a folder (by default
`tests/data/real_notices/texts/`, which git ignores) and run:

    .venv/bin/python tools/score_real_notices.py check            # are the texts the labelled ones?
    .venv/bin/python tools/score_real_notices.py score            # both parts
    .venv/bin/python tools/score_real_notices.py score --part check --misses
    .venv/bin/python tools/score_real_notices.py score --json     # figures for make bench

Fields scored: category, severity (all texts), marketplace (texts that name one), reply outcome
(replies), document kind, and `appeal_denied`: readings that say no appeal is possible for a text
that offers one (the goal is zero).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "tests" / "data" / "real_notices" / "manifest.toml"
TEXTS = ROOT / "tests" / "data" / "real_notices" / "texts"
FIELDS = ("category", "severity", "marketplace", "reply_outcome", "document")


def load_manifest(path: Path = MANIFEST) -> list[dict[str, Any]]:
    """Return the manifest's entries."""
    return list(tomllib.loads(path.read_text(encoding="utf-8"))["notice"])


def digest(text: str) -> str:
    """Return the SHA-256 of a text as the manifest records it (UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check(entries: Iterable[dict[str, Any]], texts: Path) -> list[str]:
    """Return one sentence per text that is missing or differs from what was labelled."""
    problems = []
    for entry in entries:
        path = texts / entry["file"]
        if not path.is_file():
            problems.append(f"{entry['file']}: missing from {texts}")
            continue
        text = path.read_text(encoding="utf-8")
        if digest(text) != entry["sha256"] or len(text) != entry["chars"]:
            problems.append(
                f"{entry['file']}: differs from the labelled text (SHA-256 or length); "
                "fetch it again from its source"
            )
    return problems


@dataclass
class Outcome:
    """What the reader said of one text, beside its labels."""

    entry: dict[str, Any]
    got: dict[str, str]
    right: dict[str, bool] = field(default_factory=dict)
    appeal_denied: bool = False
    seconds: float = 0.0


Reader = Callable[[str], Any]


def judge(entry: dict[str, Any], text: str, read: Reader) -> Outcome:
    """Read one text and compare the reading with its labels."""
    started = time.perf_counter()
    reading = read(text)
    seconds = time.perf_counter() - started
    reply = getattr(reading, "reply", None)
    got = {
        "category": reading.category,
        "severity": reading.severity or "",
        "marketplace": reading.marketplace or "",
        "document": getattr(reading, "document", "notice"),
        "reply_outcome": reply.outcome if reply else "",
    }
    outcome = Outcome(entry, got, seconds=seconds)
    outcome.right["category"] = got["category"] == entry["category"]
    outcome.right["severity"] = got["severity"] == entry["severity"]
    outcome.right["document"] = got["document"] == entry["document"]
    if entry["marketplace"]:
        outcome.right["marketplace"] = got["marketplace"] == entry["marketplace"]
    if entry["document"] == "reply":
        outcome.right["reply_outcome"] = got["reply_outcome"] == entry["reply_outcome"]
    outcome.appeal_denied = entry["appeal_possible"] == "yes" and reading.appeal.possible is False
    return outcome


def measure(entries: Iterable[dict[str, Any]], texts: Path, read: Reader) -> list[Outcome]:
    """Judge every text of `entries` that is present in `texts`."""
    outcomes = []
    for entry in entries:
        path = texts / entry["file"]
        if path.is_file():
            outcomes.append(judge(entry, path.read_text(encoding="utf-8"), read))
    return outcomes


def figures(outcomes: list[Outcome]) -> dict[str, Any]:
    """Return the share right per field, the appeal-denied count and the reading time."""
    result: dict[str, Any] = {"texts": len(outcomes)}
    for key in FIELDS:
        scored = [o.right[key] for o in outcomes if key in o.right]
        result[key] = {"right": sum(scored), "of": len(scored)}
    offered = [o for o in outcomes if o.entry["appeal_possible"] == "yes"]
    result["appeal_denied"] = {"count": sum(o.appeal_denied for o in offered), "of": len(offered)}
    times = sorted(o.seconds for o in outcomes)
    if times:
        result["ms_mean"] = round(1000 * sum(times) / len(times), 2)
        result["ms_max"] = round(1000 * times[-1], 2)
    return result


def table(outcomes: list[Outcome], *, misses: bool = False) -> str:
    """Return the figures, per category, as Markdown (and the misses when asked)."""

    def share(items: list[Outcome], key: str) -> str:
        scored = [o.right[key] for o in items if key in o.right]
        return f"{sum(scored)}/{len(scored)}" if scored else "-"

    lines = ["| category | n | " + " | ".join(FIELDS) + " |", "|---" * (len(FIELDS) + 2) + "|"]
    by_category: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_category[o.entry["category"]].append(o)
    for category in sorted(by_category):
        items = by_category[category]
        cells = " | ".join(share(items, key) for key in FIELDS)
        lines.append(f"| {category} | {len(items)} | {cells} |")
    cells = " | ".join(share(outcomes, key) for key in FIELDS)
    lines.append(f"| **all** | {len(outcomes)} | {cells} |")
    f = figures(outcomes)
    lines.append("")
    lines.append(
        f"Appeal said impossible for a text that offers one: {f['appeal_denied']['count']} of "
        f"{f['appeal_denied']['of']}. Reading time: {f.get('ms_mean', 0)} ms mean, "
        f"{f.get('ms_max', 0)} ms max."
    )
    if misses:
        lines.append("")
        for o in outcomes:
            wrong = {k: o.got[k] for k, ok in o.right.items() if not ok}
            if wrong or o.appeal_denied:
                said = ", ".join(f"{k}={v!r} (label {o.entry[k]!r})" for k, v in wrong.items())
                denied = " appeal said impossible" if o.appeal_denied else ""
                lines.append(f"- {o.entry['file']}: {said}{denied}")
    return "\n".join(lines)


def score_parts(
    entries: list[dict[str, Any]],
    texts: Path,
    read: Reader,
    parts: Iterable[str] = ("tune", "check"),
    problems: list[str] | None = None,
    *,
    lenient: bool = False,
) -> dict[str, list[Outcome]]:
    """Judge each part's texts: those that match the manifest, or (`lenient`) every one present."""
    problems = check(entries, texts) if problems is None else problems
    skipped = {p.split(":", 1)[0] for p in problems if not lenient or "missing from" in p}
    read("warm-up: the rules load on the first reading")
    return {
        part: measure(
            [e for e in entries if e["part"] == part and e["file"] not in skipped], texts, read
        )
        for part in parts
    }


def _reinstate_reader() -> Reader:
    # Imported here so that `check` works without the package (and a baseline can be scored
    # from another checkout with PYTHONPATH=that/src).
    from reinstate import read_notice  # noqa: PLC0415

    return read_notice


def main(argv: list[str] | None = None) -> int:
    """Run `check` or `score` on the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("check", "score"))
    parser.add_argument("--texts", type=Path, default=TEXTS, help="folder holding the texts")
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--part", choices=("tune", "check", "all"), default="all")
    parser.add_argument("--misses", action="store_true", help="list every text read wrong")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--lenient",
        action="store_true",
        help="also score texts that differ from the labelled one (a re-gathered close copy)",
    )
    args = parser.parse_args(argv)
    entries = load_manifest(args.manifest)
    if not args.texts.is_dir():
        sys.stderr.write(
            f"No folder of texts at {args.texts}: the real notices are not in the repository. "
            "Save each text from its `source` as the manifest's `file`, or give --texts DIR.\n"
        )
        return 2
    problems = check(entries, args.texts)
    if args.command == "check":
        for problem in problems:
            sys.stdout.write(problem + "\n")
        sys.stdout.write(f"{len(entries) - len(problems)} of {len(entries)} texts match.\n")
        return 1 if problems else 0
    parts = ("tune", "check") if args.part == "all" else (args.part,)
    read = _reinstate_reader()
    scored = score_parts(entries, args.texts, read, parts, problems, lenient=args.lenient)
    report = {part: figures(outcomes) for part, outcomes in scored.items()}
    if not args.json:
        for part, outcomes in scored.items():
            sys.stdout.write(f"\n## {part} part ({len(outcomes)} texts)\n\n")
            sys.stdout.write(table(outcomes, misses=args.misses) + "\n")
    missing = sum("missing from" in p for p in problems)
    bad = len(problems) if not args.lenient else missing
    differing = len(problems) - missing if args.lenient else 0
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    if bad:
        sys.stderr.write(f"{bad} texts skipped: missing or not the labelled text.\n")
    if differing:
        sys.stderr.write(f"{differing} texts scored although they differ from the labelled text.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
