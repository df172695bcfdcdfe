"""Build the template fingerprint file from public sample letters (run at build time, not at review).

Usage: python tools/build_fingerprints.py [SEED_DIR ...] [--out PATH]

Reads the seed articles (Chinese seller-community articles that quote English sample appeal letters),
keeps the English passages of at least `MIN_WORDS` words, and writes only hashed word shingles of
them to `src/reinstate/rules/review/template_fingerprints.json`. The texts themselves never enter
the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from reinstate.domain.review_fingerprints import build_fingerprints
from reinstate.rules.review_rules import review_rules

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
DEFAULT_OUT = ROOT / "src" / "reinstate" / "rules" / "review" / "template_fingerprints.json"
MIN_WORDS = 30
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|i|my)\b", re.IGNORECASE)


def english_part(line: str) -> str:
    """Return the English words of a line, or '' when the line is not mostly English."""
    latin = sum(c.isascii() and c.isalpha() for c in line)
    cjk = len(_CJK.findall(line))
    if latin < 12 or cjk * 2 > latin:
        return ""
    return _CJK.sub(" ", line).strip()


def is_letter(passage_lines: list[str]) -> bool:
    """Return whether English lines read as a letter: long, in the first person, not a directory."""
    joined = " ".join(passage_lines)
    addresses = sum(1 for line in passage_lines if "@" in line or "http" in line)
    return (
        len(_LATIN_WORD.findall(joined)) >= MIN_WORDS
        and len(_FIRST_PERSON.findall(joined)) >= 3
        and addresses * 3 < len(passage_lines)
    )


def english_passages(text: str) -> list[str]:
    """Return the runs of consecutive English lines long enough to be a sample letter."""
    passages: list[str] = []
    current: list[str] = []
    for line in [*text.splitlines(), ""]:
        part = english_part(line)
        if part:
            current.append(part)
            continue
        if line.strip() == "" and current:
            continue
        if is_letter(current):
            passages.append("\n".join(current))
        current = []
    return passages


def main(argv: list[str] | None = None) -> int:
    """Write the fingerprint file; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="*", type=Path, default=[DEFAULT_SEEDS])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    letters: dict[str, tuple[str, str]] = {}
    for folder in args.seeds:
        for path in sorted(folder.glob("*.txt")):
            for number, passage in enumerate(english_passages(path.read_text(encoding="utf-8")), 1):
                letters[f"{path.stem[:3]}-{number:02d}"] = (f"seeds/{path.name}", passage)
    if not letters:
        sys.stderr.write(f"No English sample letters found in {', '.join(map(str, args.seeds))}.\n")
        return 1
    size = int(review_rules().threshold("template_shingle_words"))
    data = build_fingerprints(letters, size)
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    shingles = sum(len(t["shingles"]) for t in data["templates"])
    sys.stdout.write(f"Wrote {len(letters)} templates, {shingles} shingles to {args.out}.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
