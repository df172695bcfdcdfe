"""What every atheris target shares: the paths, one oracle per kind of input, and the loop.

Each target feeds libFuzzer's inputs (grown from the seed corpus in fuzz/corpus/<target>/) to the
same checks the hypothesis fuzz tests make (tests/support/fuzzing.py). A failed check or any
exception but a ReinstateError is a crash: libFuzzer saves the input under fuzz/crashes/, and the
input becomes a regression test (docs/reliability.md, "Reading files").
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]

import atheris  # noqa: E402  (after the paths, so the tests' helpers import)

with atheris.instrument_imports(include=["reinstate"]):
    from support import fuzzing  # noqa: E402

# The file name each report target imports its input as (the kind is found from the header).
REPORT_NAMES = {
    "all_orders": "orders.txt",
    "feedback": "feedback.txt",
    "fulfilment": "fulfilment.tsv",
    "defects": "defects.csv",
    "v2_performance": "v2.json",
}


def report_check(target: str) -> Callable[[bytes], object]:
    """Return the check for one report kind: import twice into a fresh account of one store."""
    folder = Path(tempfile.mkdtemp(prefix=f"reinstate-atheris-{target}-"))
    accounts = itertools.count()

    def check(data: bytes) -> object:
        return fuzzing.check_import(
            data, REPORT_NAMES[target], folder, folder / "store.duckdb", f"a{next(accounts)}"
        )

    return check


TEXT_CHECKS: dict[str, Callable[[bytes], object]] = {
    "notice": fuzzing.read_notice_bytes,
    "letter": fuzzing.review_bytes,
    "settings": fuzzing.settings_from,
}


def run(target: str) -> None:
    """Fuzz one target with libFuzzer's command-line arguments (see the Makefile's `fuzz`)."""
    check = TEXT_CHECKS.get(target) or report_check(target)

    def one_input(data: bytes) -> None:
        first = check(data)
        if target in TEXT_CHECKS:
            assert check(data) == first  # the same bytes read the same way twice

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
