"""Measure the letter reviewer on a 1,000-word Plan of Action: mean and p95 milliseconds per review."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from reinstate import review_letter

LETTERS = Path(__file__).resolve().parents[1] / "tests" / "data" / "letters"
REAL_LONG = LETTERS.parent / "letters_heldout" / "flaw_too_long.txt"
"""A real 1,000-word letter from the held-out corpus (order list, four causes, many findings)."""
REPEATS = 50
TARGET_WORDS = 1000


def letter_of(words: int = TARGET_WORDS) -> str:
    """Return a realistic letter of about `words` words: the strong corpus letter, more evidence."""
    base = (LETTERS / "strong_late_shipment.txt").read_text(encoding="utf-8")
    split = base.index("Corrective actions taken")
    bullets: list[str] = []
    i = 0
    while len((base + "\n".join(bullets)).split()) < words:
        i += 1
        bullets.append(
            f"- Order 112-{4455000 + i:07d}-{1234500 + i * 7:07d} for ASIN B0A{i:07d} was packed "
            f"on {i % 28 + 1} March 2026 but confirmed {i % 3 + 1} days after its expected ship date."
        )
    return base[:split].rstrip() + "\n" + "\n".join(bullets) + "\n\n" + base[split:]


def _timings(text: str, repeats: int) -> list[float]:
    timings: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        review_letter(text)
        timings.append((time.perf_counter() - start) * 1000)
    return sorted(timings)


def measure(repeats: int = REPEATS) -> dict[str, float]:
    """Return mean and p95 milliseconds to review a 1,000-word letter, over `repeats` reviews.

    Two letters: the strong corpus letter grown to 1,000 words, and a real 1,000-word held-out
    letter with an order list and many findings (`review_real_*`).
    """
    text = letter_of()
    words = review_letter(text).words  # load and compile the rules once, as a running process would
    timings = _timings(text, repeats)
    real = REAL_LONG.read_text(encoding="utf-8")
    real_timings = _timings(real, repeats)
    return {
        "review_mean_ms": statistics.fmean(timings),
        "review_p95_ms": timings[max(0, int(len(timings) * 0.95) - 1)],
        "review_max_ms": timings[-1],
        "review_words": float(words),
        "review_real_mean_ms": statistics.fmean(real_timings),
        "review_real_p95_ms": real_timings[max(0, int(len(real_timings) * 0.95) - 1)],
        "review_real_words": float(review_letter(real).words),
    }


if __name__ == "__main__":
    for name, value in measure().items():
        print(f"{name}: {value:.2f}")
