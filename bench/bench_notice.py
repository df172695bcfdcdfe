"""Measure the notice reader: milliseconds per notice over both corpora, and the longest paste.

Reads every notice of the tuning corpus (tests/data/notices) and the blind held-out corpus
(tests/data/notices_heldout) `REPEATS` times through `reinstate.read_notice`, after one warm-up
call that loads the rules as a running process would. `notice_longest_paste_ms` times one paste
of `MAX_READ_CHARACTERS` characters, the most the reader ever reads of one notice.

The real-notice corpus (tests/data/real_notices/): its texts are third-party and not in the
repository, so its accuracy is measured only when a local copy exists (see docs/notice.md, "Real
notices"): per part, the share right of category, severity, marketplace (texts that name one) and
reply outcome (replies), the appeals said impossible although offered, and the texts scored — only
texts whose SHA-256 matches the manifest. Without a copy, a sentence says so and the figures are
left out.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType

from reinstate import read_notice
from reinstate.ingest.notice_text import MAX_READ_CHARACTERS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
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
        **real_corpus(),
    }


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "score_real_notices", ROOT / "tools" / "score_real_notices.py"
    )
    if spec is None or spec.loader is None:
        raise ImportError("tools/score_real_notices.py cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def real_corpus() -> dict[str, float]:
    """Return the reader's accuracy on the local copy of the real corpus, per part (or nothing)."""
    scorer = _scorer()
    texts = scorer.TEXTS
    present = texts.is_dir() and any(texts.iterdir())
    if not present:
        sys.stderr.write(
            f"bench_notice: no real-notice texts at {texts}: the real-corpus accuracy is skipped "
            "(the texts are not in the repository; docs/notice.md says how to gather them).\n"
        )
        return {}
    entries = scorer.load_manifest()
    result: dict[str, float] = {}
    for part, outcomes in scorer.score_parts(entries, texts, read_notice).items():
        f = scorer.figures(outcomes)
        result[f"real_{part}_texts"] = float(f["texts"])
        for key in ("category", "severity", "marketplace", "reply_outcome"):
            if f[key]["of"]:
                result[f"real_{part}_{key}_share"] = f[key]["right"] / f[key]["of"]
        result[f"real_{part}_appeal_denied"] = float(f["appeal_denied"]["count"])
    return result


if __name__ == "__main__":
    for name, value in measure().items():
        print(f"{name}: {value:.2f}")
