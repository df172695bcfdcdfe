"""Print the reviewer's agreement per rule on one labelled letter corpus under tests/data/.

Usage: .venv/bin/python tools/score_letters.py [CORPUS] [--part tune|check|fresh] [--json]

CORPUS is a name or a folder holding a manifest.toml:

    heldout   tests/data/letters_heldout (written blind; now tuning data)
    tuning    tests/data/letters (written with the rules)
    blind2    tests/data/letters_blind2 (second blind corpus)
    blind3    tests/data/letters_blind3 (third blind corpus; parts `tune` and `check`)
    blind4    tests/data/letters_blind4 (fourth blind corpus; parts `tune` and `check`, first `fresh`)

`--texts DIR` reads the letters from DIR (real published letters are kept outside the repository:
`tools/score_letters.py tests/data/real_letters --texts /work/corpora/real_letters`). `--part` scores only the letters of that part of the manifest; `--json` prints every figure as JSON
(rules' TP/FP/FN, verdicts, per writer quality and per flaw kind, the disagreements).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support.letters import CORPORA, PARTS, corpus, measure, report


def main(argv: list[str]) -> int:
    """Print the agreement table (or JSON) of the corpus named on the command line."""
    parser = argparse.ArgumentParser(description="Score the reviewer on a labelled letter corpus.")
    parser.add_argument("corpus", nargs="?", default="heldout")
    parser.add_argument("--part", choices=PARTS)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--texts", type=Path, help="where the letters are (default: beside the manifest)"
    )
    args = parser.parse_args(argv)
    folder = CORPORA.get(args.corpus) or Path(args.corpus)
    if not (folder / "manifest.toml").is_file():
        sys.stderr.write(
            f"Unknown corpus {args.corpus!r}: choose {', '.join(CORPORA)} or a folder with a "
            "manifest.toml.\n"
        )
        return 2
    cases = corpus(folder, args.part, args.texts)
    if not cases:
        sys.stderr.write(f"The corpus {args.corpus!r} has no letter in part {args.part!r}.\n")
        return 2
    result = measure(cases)
    if args.json:
        sys.stdout.write(json.dumps(result.to_dict(), indent=2, sort_keys=True) + "\n")
    else:
        sys.stdout.write(report(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
