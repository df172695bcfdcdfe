"""Build the template fingerprint file from public sample letters (run at build time, not at review).

Usage: python tools/build_fingerprints.py [SEED_DIR ...] [--out PATH] [--check]

With --check nothing is written: the fingerprint file at PATH is tested against the samples, copied
as they are and lightly paraphrased (a word added after every 6 words), and the tool says how many
of them the reviewer finds each way.

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

from reinstate.domain.review.fingerprints import (
    build_fingerprints,
    find_reuse,
    fingerprints_from_dict,
)
from reinstate.rules.review.loader import review_rules

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
    if is_letter(current):  # a sample that ends the article
        passages.append("\n".join(current))
    return passages


PARAPHRASE_EVERY = 6


def paraphrase(text: str, every: int = PARAPHRASE_EVERY) -> str:
    """Return the text with a word added after every `every` words: a light, mechanical paraphrase."""
    words = text.split()
    return " ".join(
        f"{word} really" if (i + 1) % every == 0 else word for i, word in enumerate(words)
    )


def check(letters: dict[str, tuple[str, str]], path: Path) -> int:
    """Say how many samples the fingerprints at `path` find copied and paraphrased; 1 if any is missed."""
    rules = review_rules()
    data = json.loads(path.read_text(encoding="utf-8"))
    fingerprints = fingerprints_from_dict(data, str(path))
    run = int(rules.threshold("template_min_run_words"))
    gap = int(rules.threshold("template_max_gap_words"))
    reuse = rules.threshold("template_reuse_fraction")
    copied = sum(
        find_reuse(text, fingerprints, run, gap).fraction >= reuse for _, text in letters.values()
    )
    light = [paraphrase(text) for _, text in letters.values()]
    found = sum(bool(find_reuse(text, fingerprints, run, gap).runs) for text in light)
    exact = sum(bool(find_reuse(text, fingerprints, run, 0).runs) for text in light)
    sys.stdout.write(
        f"{len(letters)} sample letters: {copied} found as reuse when copied; {found} found after "
        f"a light paraphrase (a word added after every {PARAPHRASE_EVERY}), {exact} without "
        "tolerating changed words.\n"
    )
    return 0 if copied == found == len(letters) else 1


def main(argv: list[str] | None = None) -> int:
    """Write the fingerprint file; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", nargs="*", type=Path, default=[DEFAULT_SEEDS])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--check", action="store_true", help="check the fingerprint file against the samples"
    )
    args = parser.parse_args(argv)
    letters: dict[str, tuple[str, str]] = {}
    for folder in args.seeds:
        for path in sorted(folder.glob("*.txt")):
            for number, passage in enumerate(english_passages(path.read_text(encoding="utf-8")), 1):
                letters[f"{path.stem[:3]}-{number:02d}"] = (f"seeds/{path.name}", passage)
    if not letters:
        sys.stderr.write(f"No English sample letters found in {', '.join(map(str, args.seeds))}.\n")
        return 1
    if args.check:
        return check(letters, args.out)
    size = int(review_rules().threshold("template_shingle_words"))
    data = build_fingerprints(letters, size)
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    shingles = sum(len(t["shingles"]) for t in data["templates"])
    sys.stdout.write(f"Wrote {len(letters)} templates, {shingles} shingles to {args.out}.\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
