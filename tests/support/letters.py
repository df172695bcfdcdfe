"""Shared helpers for the reviewer's tests: the two corpora, their fingerprints, and agreement.

`tools/score_letters.py` prints the agreement per rule on a corpus.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

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
# A third, written by a writer who never saw the rules, labelled from the writer's words (#12).
BLIND3 = DATA / "letters_blind3"
# A fourth, 40 letters by another writer blind to the rules, first scored whole as part "fresh" (#12).
BLIND4 = DATA / "letters_blind4"
CORPORA = {
    "tuning": LETTERS,
    "heldout": HELDOUT,
    "blind2": BLIND2,
    "blind3": BLIND3,
    "blind4": BLIND4,
}
PARTS = ("tune", "check", "fresh")


@dataclass(frozen=True)
class Case:
    """One corpus letter with the rule ids and verdict it must get (or that it must be refused)."""

    file: str
    expect: frozenset[str]
    verdict: str
    notice: str | None = None
    refused: bool = False
    folder: Path = field(default=LETTERS, compare=False)
    # Every verdict the labels accept (a boilerplate letter may be `revise` or `rewrite`).
    verdicts: frozenset[str] = frozenset()
    # Rules the labels do not decide for this letter: they count neither way.
    unscored: frozenset[str] = frozenset()
    part: str = ""
    quality: str = ""
    flaws: tuple[str, ...] = ()
    # A public template letter: it must always be flagged as template.reuse.
    template: bool = False

    @property
    def name(self) -> str:
        """Return a readable test id."""
        return self.file if self.notice is None else f"{self.file}+{self.notice}"

    @property
    def text(self) -> str:
        """Return the letter's text."""
        return (self.folder / self.file).read_text(encoding="utf-8")


def _manifest(folder: Path) -> dict[str, Any]:
    return tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))


def _case(e: dict[str, Any], folder: Path, minimum: bool) -> Case:
    verdicts = e.get("verdict", "")
    accepted = [verdicts] if isinstance(verdicts, str) else list(verdicts)
    unscored = set(e.get("unscored", ()))
    if minimum:  # `expect` lists the rules that must fire; the others are not decided
        unscored |= set(review_rules().rules) - set(e.get("expect", ()))
    return Case(
        e["file"],
        frozenset(e.get("expect", ())),
        accepted[0],
        e.get("notice"),
        bool(e.get("refused", False)),
        folder,
        frozenset(accepted),
        frozenset(unscored),
        e.get("part", ""),
        e.get("quality", ""),
        tuple(e.get("flaws", ())),
        bool(e.get("template", False)),
    )


def corpus(
    folder: Path = LETTERS, part: str | None = None, texts: Path | None = None
) -> list[Case]:
    """Return every case of a corpus's `manifest.toml` (of one part of it, when given).

    `texts` is where the letters are when they are not beside the manifest (real letters are
    never committed); a manifest with `expect_is_minimum = true` lists only rules that must fire.
    """
    data = _manifest(folder)
    minimum = bool(data.get("expect_is_minimum", False))
    cases = [_case(e, texts or folder, minimum) for e in data["letter"]]
    return [c for c in cases if part is None or c.part == part]


def flaw_rules(folder: Path) -> dict[str, str]:
    """Return the rule each flaw kind of the writer's labels maps to (empty: the corpus has none)."""
    return dict(_manifest(folder).get("flaw_rules", {}))


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
    # Per writer quality (strong, flawed, boilerplate): letters, and those judged `ready`.
    quality: dict[str, list[int]] = field(default_factory=dict)
    # Per flaw kind of the writer's labels: letters with it, and those where its rule fired.
    flaws: dict[str, list[int]] = field(default_factory=dict)
    # Public template letters, and those flagged as template.reuse.
    templates: list[int] = field(default_factory=lambda: [0, 0])

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

    def to_dict(self) -> dict[str, Any]:
        """Return every figure as plain data (what `tools/score_letters.py --json` prints)."""
        return {
            "letters": self.letters,
            "exact": self.exact,
            "verdicts": self.verdicts,
            "refusals": self.refusals,
            "refused_right": self.refused_right,
            "quality": {q: {"letters": n, "ready": r} for q, (n, r) in self.quality.items()},
            "flaws": {k: {"letters": n, "flagged": f} for k, (n, f) in self.flaws.items()},
            "templates": {"letters": self.templates[0], "flagged": self.templates[1]},
            "rules": {
                rule: {
                    "tp": self.true_pos[rule],
                    "fp": self.false_pos[rule],
                    "fn": self.false_neg[rule],
                }
                for rule in self.true_pos
            },
            "misses": list(self.misses),
        }


def _count(result: Agreement, case: Case, got: Review | None, kinds: dict[str, str]) -> None:
    """Count one reviewed letter (`got` None: the reviewer refused a letter it should review)."""
    fired = {f.rule for f in got.findings} - case.unscored if got else set()
    verdict = got.verdict.value if got else "refused"
    expect = case.expect - case.unscored
    result.letters += 1
    result.exact += fired == expect
    result.verdicts += verdict in case.verdicts
    for rule in result.true_pos:
        if rule in fired and rule in expect:
            result.true_pos[rule] += 1
        elif rule in fired:
            result.false_pos[rule] += 1
        elif rule in expect:
            result.false_neg[rule] += 1
    if case.quality:
        seen = result.quality.setdefault(case.quality, [0, 0])
        seen[0] += 1
        seen[1] += verdict == "ready"
    if case.template:
        result.templates[0] += 1
        result.templates[1] += got is not None and any(
            f.rule == "template.reuse" for f in got.findings
        )
    for kind in case.flaws:
        seen = result.flaws.setdefault(kind, [0, 0])
        seen[0] += 1
        seen[1] += kinds.get(kind) in fired
    if fired != expect or verdict not in case.verdicts:
        result.misses.append(
            f"{case.name}: missing {sorted(expect - fired)}, extra "
            f"{sorted(fired - expect)}, verdict {verdict} "
            f"(expected {'|'.join(sorted(case.verdicts))})"
        )


def measure(cases: list[Case]) -> Agreement:
    """Review every case and count the agreement with its labels."""
    rules = list(review_rules().rules)
    result = Agreement(
        true_pos=dict.fromkeys(rules, 0),
        false_pos=dict.fromkeys(rules, 0),
        false_neg=dict.fromkeys(rules, 0),
    )
    kinds = (
        flaw_rules(cases[0].folder)
        if cases and (cases[0].folder / "manifest.toml").is_file()
        else {}
    )
    for case in cases:
        if not case.refused:
            try:
                got: Review | None = review_case(case)
            except InputError:
                got = None
            _count(result, case, got, kinds)
            continue
        result.refusals += 1
        try:
            review_case(case)
        except InputError:
            result.refused_right += 1
        else:
            result.misses.append(f"{case.name}: not refused")
    return result


def _cell(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


@cache
def corpus_agreement(folder: Path, part: str | None = None) -> Agreement:
    """Measure a corpus (or one part of it) once per test run (its tests share the result)."""
    return measure(corpus(folder, part))


def _share(hit: int, total: int) -> str:
    return f"{hit}/{total} ({100 * hit / total:.0f} %)" if total else "0/0"


def report(agreement: Agreement) -> str:
    """Return the agreement as a plain-text table."""
    a = agreement
    out = [
        f"letters {a.letters}: exact rule set {a.exact}/{a.letters}, verdict {a.verdicts}/"
        f"{a.letters}; refused {a.refused_right}/{a.refusals}",
    ]
    for quality, (total, ready) in sorted(a.quality.items()):
        judged = _share(ready, total) if quality == "strong" else _share(total - ready, total)
        out.append(
            f"{quality} letters judged {'ready' if quality == 'strong' else 'not ready'}: {judged}"
        )
    if a.templates[0]:
        out.append(
            f"public templates flagged as template.reuse: {_share(a.templates[1], a.templates[0])}"
        )
    if a.flaws:
        flagged = sum(f for _, f in a.flaws.values())
        out.append(f"flaws flagged: {_share(flagged, sum(n for n, _ in a.flaws.values()))}")
        out.append("  " + ", ".join(f"{k} {f}/{n}" for k, (n, f) in sorted(a.flaws.items())))
    out.append(f"{'rule':26} {'TP':>3} {'FP':>3} {'FN':>3} {'prec':>5} {'recall':>6} {'agree':>5}")
    for rule in a.true_pos:
        out.append(
            f"{rule:26} {a.true_pos[rule]:3} {a.false_pos[rule]:3} {a.false_neg[rule]:3} "
            f"{_cell(a.precision(rule))} {_cell(a.recall(rule)):>6} {a.agreement(rule):5.2f}"
        )
    out.extend(f"disagrees: {miss}" for miss in a.misses)
    return "\n".join(out)


def assert_floors(folder: Path, floors: dict[str, tuple[int, int, int, int]]) -> None:
    """Fail unless each part holds its floors: (verdicts, strong judged ready, flawed judged not
    ready, flaws flagged); no boilerplate letter may be judged ready."""
    for part, (verdicts, strong, flawed, flagged) in floors.items():
        result = corpus_agreement(folder, part)
        shown = report(result)
        assert result.verdicts >= verdicts, shown
        assert result.quality["strong"][1] >= strong, shown
        assert result.quality["flawed"][0] - result.quality["flawed"][1] >= flawed, shown
        assert result.quality["boilerplate"][1] == 0, shown
        assert sum(f for _, f in result.flaws.values()) >= flagged, shown
