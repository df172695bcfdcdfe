"""Measure the notice reader over the test corpus: mean and p95 milliseconds per notice."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from reinstate import read_notice

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "notices"
REPEATS = 20


def measure(repeats: int = REPEATS) -> dict[str, float]:
    """Return mean and p95 milliseconds per notice, reading every corpus notice `repeats` times."""
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted(CORPUS.iterdir())
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
    return {
        "notice_mean_ms": statistics.fmean(timings),
        "notice_p95_ms": timings[int(len(timings) * 0.95) - 1],
        "notice_max_ms": timings[-1],
        "notices": float(len(texts)),
    }


if __name__ == "__main__":
    for name, value in measure().items():
        print(f"{name}: {value:.2f}")
