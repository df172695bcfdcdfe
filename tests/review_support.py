"""Shared helpers for the reviewer's tests: the corpus, and fingerprints of our own sample letter."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reinstate.domain.review import Review
from reinstate.domain.review_fingerprints import (
    Fingerprints,
    build_fingerprints,
    fingerprints_from_dict,
)
from reinstate.domain.review_notice import NoticeFacts
from reinstate.domain.reviewer import review
from reinstate.rules.review_rules import review_rules, template_fingerprints
from reinstate.services.review import notice_facts

LETTERS = Path(__file__).parent / "data" / "letters"
OWN_TEMPLATE = LETTERS / "templates" / "own_template.txt"


@dataclass(frozen=True)
class Case:
    """One corpus letter with the rule ids and verdict it must get."""

    file: str
    expect: frozenset[str]
    verdict: str
    notice: str | None = None

    @property
    def name(self) -> str:
        """Return a readable test id."""
        return self.file if self.notice is None else f"{self.file}+{self.notice}"


def corpus() -> list[Case]:
    """Return every case of `tests/data/letters/manifest.toml`."""
    data = tomllib.loads((LETTERS / "manifest.toml").read_text(encoding="utf-8"))
    return [
        Case(e["file"], frozenset(e["expect"]), e["verdict"], e.get("notice"))
        for e in data["letter"]
    ]


def fingerprints_of(text: str, template_id: str = "own") -> Fingerprints:
    """Return fingerprints built from one sample letter written for the tests."""
    size = int(review_rules().threshold("template_shingle_words"))
    data = build_fingerprints({template_id: ("tests", text)}, size)
    return fingerprints_from_dict(data, "test fingerprints")


@cache
def corpus_fingerprints() -> Fingerprints:
    """Return the shipped fingerprints plus those of our own sample letter."""
    shipped = template_fingerprints()
    own = fingerprints_of(OWN_TEMPLATE.read_text(encoding="utf-8"))
    return Fingerprints(
        shipped.words_per_shingle,
        {**shipped.templates, **own.templates},
        {**shipped.sources, **own.sources},
    )


def review_case(case: Case) -> Review:
    """Review one corpus letter (with its notice) against the corpus fingerprints."""
    text = (LETTERS / case.file).read_text(encoding="utf-8")
    facts: NoticeFacts | None = None
    if case.notice is not None:
        facts = notice_facts((LETTERS / "notices" / case.notice).read_text(encoding="utf-8"))
    return review(text, review_rules(), corpus_fingerprints(), facts)
