"""Print the reviewer's agreement per rule on one labelled letter corpus under tests/data/.

Usage: .venv/bin/python tools/score_letters.py [heldout|tuning|blind2]

    heldout   tests/data/letters_heldout (written blind; now tuning data)
    tuning    tests/data/letters (written with the rules)
    blind2    tests/data/letters_blind2 (second blind corpus)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support.letters import CORPORA, corpus, measure, report


def main(argv: list[str]) -> int:
    """Print the agreement table of the corpus named on the command line."""
    name = argv[0] if argv else "heldout"
    if name not in CORPORA:
        sys.stderr.write(f"Unknown corpus {name!r}; choose {' or '.join(CORPORA)}.\n")
        return 2
    sys.stdout.write(report(measure(corpus(CORPORA[name]))) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
