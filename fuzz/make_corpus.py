"""Write the seed corpus, fuzz/corpus/<target>/, from the project's own small valid files.

Run it again (`python fuzz/make_corpus.py`) when the seeds in tests/support/fuzzing.py change;
the corpus is committed so that `make fuzz` starts from valid files of every variant.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support import fuzzing  # noqa: E402


def corpus() -> dict[str, list[bytes]]:
    """Return the seeds of every target."""
    tables = fuzzing.TABLE_SEEDS
    return {
        "all_orders": [s.bytes() for n, s in tables.items() if n.startswith("all_orders")],
        "feedback": [s.bytes() for n, s in tables.items() if n.startswith("feedback")],
        "fulfilment": [tables["fulfilment"].bytes()],
        "defects": [tables["defects"].bytes()],
        "v2_performance": [fuzzing.v2_seed()],
        "notice": fuzzing.notice_seeds(),
        "letter": fuzzing.letter_seeds(),
        "settings": [fuzzing.SETTINGS_SEED],
    }


def main() -> None:
    """Replace fuzz/corpus/ with the current seeds (file names are their SHA-1, as libFuzzer's)."""
    folder = ROOT / "fuzz" / "corpus"
    shutil.rmtree(folder, ignore_errors=True)
    for target, seeds in corpus().items():
        (folder / target).mkdir(parents=True)
        for seed in seeds:
            (folder / target / hashlib.sha1(seed).hexdigest()).write_bytes(seed)  # noqa: S324


if __name__ == "__main__":
    main()
