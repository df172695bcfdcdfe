"""Measure the notice reader: milliseconds per notice over both corpora, and the longest paste.

Reads every notice of the tuning corpus (tests/data/notices) and the blind held-out corpus
(tests/data/notices_heldout) `REPEATS` times through `reinstate.read_notice`, after one warm-up
call that loads the rules as a running process would. `notice_longest_paste_ms` times one paste
of `MAX_READ_CHARACTERS` characters, the most the reader ever reads of one notice.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from reinstate import read_notice
from reinstate.ingest.notice_text import MAX_READ_CHARACTERS

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
CORPORA = (DATA / "notices", DATA / "notices_heldout")
REPEATS = 20


def measure(repeats: int = REPEATS) -> dict[str, float]:
    """Return mean, p95 and max milliseconds per notice, and the time of the longest paste."""
    texts = [
        p.read_text(encoding="utf-8")
        for corpus in CORPORA
        for p in sorted(corpus.iterdir())
        if p.suffix in {".txt", ".eml", ".html"}
    ]
    read_notice(texts[0])  # load and compile the rules once, as a running process would
    timings: list[float] = []
    for _ in range(repeats):
        for text in texts:
            start = time.perf_counter()
            read_notice(text)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    paste = "\n".join(texts)
    paste = (paste * (MAX_READ_CHARACTERS // len(paste) + 1))[:MAX_READ_CHARACTERS]
    start = time.perf_counter()
    read_notice(paste)
    longest = (time.perf_counter() - start) * 1000
    return {
        "notice_mean_ms": statistics.fmean(timings),
        "notice_p95_ms": timings[int(len(timings) * 0.95) - 1],
        "notice_max_ms": timings[-1],
        "notice_longest_paste_ms": longest,
        "notices": float(len(texts)),
    }


if __name__ == "__main__":
    for name, value in measure().items():
        print(f"{name}: {value:.2f}")
