"""Shared helpers for the reviewer's tests: the two corpora, their fingerprints, and agreement.

`tools/score_letters.py` prints the agreement per rule on a corpus.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reinstate.domain.errors import InputError
from reinstate.domain.review.fingerprints import (
    Fingerprints,
    build_fingerprints,
    fingerprints_from_dict,
)
from reinstate.domain.review.model import Review
from reinstate.domain.review.notice_facts import NoticeFacts
from reinstate.domain.review.reviewer import review
from reinstate.rules.review.loader import review_rules, template_fingerprints
from reinstate.services.review import notice_facts, read_source

DATA = Path(__file__).resolve().parents[1] / "data"
LETTERS = DATA / "letters"
HELDOUT = DATA / "letters_heldout"
OWN_TEMPLATE = LETTERS / "templates" / "own_template.txt"
HELDOUT_TEMPLATE = HELDOUT / "templates" / "public_sample.txt"
# A second corpus written blind, after the first had become tuning data (see its manifest).
BLIND2 = DATA / "letters_blind2"
CORPORA = {"tuning": LETTERS, "heldout": HELDOUT, "blind2": BLIND2}


@dataclass(frozen=True)
class Case:
    """One corpus letter with the rule ids and verdict it must get (or that it must be refused)."""

    file: str
    expect: frozenset[str]
    verdict: str
    notice: str | None = None
    refused: bool = False
    folder: Path = field(default=LETTERS, compare=False)

    @property
    def name(self) -> str:
        """Return a readable test id."""
        return self.file if self.notice is None else f"{self.file}+{self.notice}"

    @property
    def text(self) -> str:
        """Return the letter's text."""
        return (self.folder / self.file).read_text(encoding="utf-8")


def corpus(folder: Path = LETTERS) -> list[Case]:
    """Return every case of a corpus's `manifest.toml`."""
    data = tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))
    return [
        Case(
            e["file"],
            frozenset(e.get("expect", ())),
            e.get("verdict", ""),
            e.get("notice"),
            bool(e.get("refused", False)),
            folder,
        )
        for e in data["letter"]
    ]


def fingerprints_of(text: str, template_id: str = "own") -> Fingerprints:
    """Return fingerprints built from one sample letter written for the tests."""
    size = int(review_rules().threshold("template_shingle_words"))
    data = build_fingerprints({template_id: ("tests", text)}, size)
    return fingerprints_from_dict(data, "test fingerprints")


@cache
def corpus_fingerprints(folder: Path = LETTERS) -> Fingerprints:
    """Return the shipped fingerprints plus those of the corpus's own sample letters."""
    shipped = template_fingerprints()
    templates = dict(shipped.templates)
    sources = dict(shipped.sources)
    for path in sorted((folder / "templates").glob("*.txt")):
        own = fingerprints_of(path.read_text(encoding="utf-8"), f"{folder.name}/{path.stem}")
        templates.update(own.templates)
        sources.update(own.sources)
    return Fingerprints(shipped.words_per_shingle, templates, sources)


def review_case(case: Case) -> Review:
    """Review one corpus letter (with its notice) against the corpus fingerprints."""
    facts: NoticeFacts | None = None
    if case.notice is not None:
        notice = (case.folder / "notices" / case.notice).read_text(encoding="utf-8")
        facts = notice_facts(notice)
    # The letter is read as `reinstate review FILE` reads it (a file that is not text is refused).
    _, text = read_source(case.folder / case.file)
    return review(text, review_rules(), corpus_fingerprints(case.folder), facts)


@dataclass
class Agreement:
    """How a corpus's labels and the reviewer agree: per rule, on verdicts, and on refusals."""

    letters: int = 0
    exact: int = 0
    verdicts: int = 0
    refusals: int = 0
    refused_right: int = 0
    true_pos: dict[str, int] = field(default_factory=dict)
    false_pos: dict[str, int] = field(default_factory=dict)
    false_neg: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def precision(self, rule: str) -> float | None:
        """Return the share of the rule's findings that the labels expect (None: it never fired)."""
        fired = self.true_pos[rule] + self.false_pos[rule]
        return self.true_pos[rule] / fired if fired else None

    def recall(self, rule: str) -> float | None:
        """Return the share of expected findings that the rule gave (None: never expected)."""
        expected = self.true_pos[rule] + self.false_neg[rule]
        return self.true_pos[rule] / expected if expected else None

    def agreement(self, rule: str) -> float:
        """Return the share of letters where the rule fired exactly when expected."""
        return (self.letters - self.false_pos[rule] - self.false_neg[rule]) / self.letters


def measure(cases: list[Case]) -> Agreement:
    """Review every case and count the agreement with its labels."""
    rules = list(review_rules().rules)
    result = Agreement(
        true_pos=dict.fromkeys(rules, 0),
        false_pos=dict.fromkeys(rules, 0),
        false_neg=dict.fromkeys(rules, 0),
    )
    for case in cases:
        if case.refused:
            result.refusals += 1
            try:
                review_case(case)
            except InputError:
                result.refused_right += 1
            else:
                result.misses.append(f"{case.name}: not refused")
            continue
        got = review_case(case)
        fired = {f.rule for f in got.findings}
        result.letters += 1
        result.exact += fired == case.expect
        result.verdicts += got.verdict.value == case.verdict
        for rule in rules:
            if rule in fired and rule in case.expect:
                result.true_pos[rule] += 1
            elif rule in fired:
                result.false_pos[rule] += 1
            elif rule in case.expect:
                result.false_neg[rule] += 1
        if fired != case.expect or got.verdict.value != case.verdict:
            result.misses.append(
                f"{case.name}: missing {sorted(case.expect - fired)}, extra "
                f"{sorted(fired - case.expect)}, verdict {got.verdict.value} "
                f"(expected {case.verdict})"
            )
    return result


def _cell(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


@cache
def corpus_agreement(folder: Path) -> Agreement:
    """Measure a corpus once per test run (its tests share the result)."""
    return measure(corpus(folder))


def report(agreement: Agreement) -> str:
    """Return the agreement as a plain-text table."""
    a = agreement
    out = [
        f"letters {a.letters}: exact rule set {a.exact}/{a.letters}, verdict {a.verdicts}/"
        f"{a.letters}; refused {a.refused_right}/{a.refusals}",
        f"{'rule':26} {'TP':>3} {'FP':>3} {'FN':>3} {'prec':>5} {'recall':>6} {'agree':>5}",
    ]
    for rule in a.true_pos:
        out.append(
            f"{rule:26} {a.true_pos[rule]:3} {a.false_pos[rule]:3} {a.false_neg[rule]:3} "
            f"{_cell(a.precision(rule))} {_cell(a.recall(rule)):>6} {a.agreement(rule):5.2f}"
        )
    out.extend(f"disagrees: {miss}" for miss in a.misses)
    return "\n".join(out)
