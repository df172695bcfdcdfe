"""Print the notice reader's accuracy per category on one labelled corpus under tests/data/.

Usage: .venv/bin/python tools/score_notices.py [notices_heldout|notices_blind2|notices]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support.notices import DATA, manifest, measure, table


def main(argv: list[str]) -> int:
    """Print the table of the corpus named on the command line (the held-out one by default)."""
    corpus = argv[0] if argv else "notices_heldout"
    if not (DATA / corpus / "manifest.toml").is_file():
        known = sorted(p.parent.name for p in DATA.glob("notices*/manifest.toml"))
        sys.stderr.write(
            f"No notice corpus {corpus!r} under tests/data; choose one of: {', '.join(known)}.\n"
        )
        return 2
    sys.stdout.write(table(measure(manifest(corpus))) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
