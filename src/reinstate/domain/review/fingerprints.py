"""Detect reuse of public sample letters by comparing hashed word shingles, never the texts.

A shingle is `n` consecutive normalised words (casefolded, NFKC, letters and digits only); its
fingerprint is the first 8 bytes of its BLAKE2b hash (personalised, hex). The fingerprint file keeps
only these hashes, so the sample letters cannot be read back from it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reinstate.domain.errors import ConfigurationError
from reinstate.domain.review.model import Span

FINGERPRINT_SCHEMA = "reinstate.fingerprints/1"
_PERSON = b"reinstate.poa.v1"
_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Return the normalised words of a text with their character spans."""
    return [
        (unicodedata.normalize("NFKC", m.group(0)).casefold(), m.start(), m.end())
        for m in _TOKEN.finditer(text)
    ]


def shingle_hash(words: Iterable[str]) -> str:
    """Return the fingerprint of one shingle (words joined by single spaces)."""
    data = " ".join(words).encode("utf-8")
    return hashlib.blake2b(data, digest_size=8, person=_PERSON).hexdigest()


def shingles(words: list[str], n: int) -> list[str]:
    """Return the fingerprint of every `n`-word shingle, in order."""
    return [shingle_hash(words[i : i + n]) for i in range(len(words) - n + 1)]


@dataclass(frozen=True, slots=True)
class Fingerprints:
    """The fingerprints of a set of public sample letters."""

    words_per_shingle: int
    templates: Mapping[str, frozenset[str]]
    sources: Mapping[str, str]

    @property
    def union(self) -> frozenset[str]:
        """Return every fingerprint of every template."""
        return frozenset().union(*self.templates.values()) if self.templates else frozenset()


def build_fingerprints(
    letters: Mapping[str, tuple[str, str]], words_per_shingle: int
) -> dict[str, Any]:
    """Return the JSON-ready fingerprint file for `{id: (source, text)}` sample letters."""
    return {
        "schema": FINGERPRINT_SCHEMA,
        "words_per_shingle": words_per_shingle,
        "hash": "blake2b-64, person 'reinstate.poa.v1', over NFKC-casefolded words joined by spaces",
        "templates": [
            {
                "id": template_id,
                "source": source,
                "shingles": sorted(
                    set(shingles([w for w, _, _ in tokens(text)], words_per_shingle))
                ),
            }
            for template_id, (source, text) in sorted(letters.items())
        ],
    }


def fingerprints_from_dict(data: Mapping[str, Any], where: str) -> Fingerprints:
    """Validate a fingerprint file's contents."""
    if data.get("schema") != FINGERPRINT_SCHEMA:
        raise ConfigurationError(f"{where}: expected schema {FINGERPRINT_SCHEMA}.")
    size = data.get("words_per_shingle")
    if not isinstance(size, int) or size < 2:
        raise ConfigurationError(f"{where}: 'words_per_shingle' must be an integer >= 2.")
    templates: dict[str, frozenset[str]] = {}
    sources: dict[str, str] = {}
    for entry in data.get("templates", []):
        hashes = entry.get("shingles")
        if not isinstance(entry.get("id"), str) or not isinstance(hashes, list):
            raise ConfigurationError(f"{where}: each template needs an 'id' and 'shingles'.")
        templates[entry["id"]] = frozenset(str(h) for h in hashes)
        sources[entry["id"]] = str(entry.get("source", ""))
    return Fingerprints(size, templates, sources)


@dataclass(frozen=True, slots=True)
class Reuse:
    """How much of a letter is copied: the share of its words, and the copied runs."""

    fraction: float
    runs: tuple[Span, ...]
    run_words: tuple[int, ...]


def find_reuse(
    text: str, fingerprints: Fingerprints, min_run_words: int, max_gap_words: int = 0
) -> Reuse:
    """Return the passages of the letter covered by sample-letter shingles; short ones are chance.

    Covered runs at most `max_gap_words` uncovered words apart form one passage: a light paraphrase
    (a word changed here and there) breaks a copied run into pieces only that far apart. A passage
    counts when at least `min_run_words` of its words are covered; `fraction` is the share of the
    letter's words covered inside counted passages.
    """
    words = tokens(text)
    size = fingerprints.words_per_shingle
    known = fingerprints.union
    if len(words) < size or not known:
        return Reuse(0.0, (), ())
    covered = [False] * len(words)
    for i, fingerprint in enumerate(shingles([w for w, _, _ in words], size)):
        if fingerprint in known:
            for j in range(i, i + size):
                covered[j] = True
    pieces: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not covered[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(words) and covered[j + 1]:
            j += 1
        if pieces and i - pieces[-1][1] - 1 <= max_gap_words:
            pieces[-1] = (pieces[-1][0], j)
        else:
            pieces.append((i, j))
        i = j + 1
    runs: list[Span] = []
    counts: list[int] = []
    for first, last in pieces:
        copied = sum(covered[first : last + 1])
        if copied >= min_run_words:
            runs.append((words[first][1], words[last][2]))
            counts.append(copied)
    return Reuse(sum(counts) / len(words), tuple(runs), tuple(counts))
