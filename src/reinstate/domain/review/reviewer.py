"""Review a Plan of Action: run every rule, order the findings, and derive the score and verdict.

Score: 100 minus the penalties of the findings (each rule's total bounded by its cap), never below 0;
every finding carries the penalty it took, so the findings explain the score exactly.
Verdict: `rewrite` when the score is below `rewrite_below` or a rewrite rule fired (template reuse,
legal threat, never-do); `ready` when the score is at least `ready_at` and every finding is only
`info`; `revise` otherwise.
"""

from __future__ import annotations

from dataclasses import replace

from reinstate.domain.review.checks import (
    Letter,
    boilerplate_findings,
    language_findings,
    length_findings,
    phrase_findings,
    structure_findings,
    tense_findings,
)
from reinstate.domain.review.fingerprints import Fingerprints
from reinstate.domain.review.input import check_letter
from reinstate.domain.review.logic import (
    data_findings,
    judge_sections,
    link_findings,
    lumped_findings,
    notice_findings,
    section_findings,
    template_findings,
)
from reinstate.domain.review.model import Finding, Review, Severity, Verdict
from reinstate.domain.review.notice_facts import NoticeFacts
from reinstate.domain.review.rules import ReviewRules
from reinstate.domain.review.sections import find_sections
from reinstate.domain.review.text import count_words, mask_list_numbers, sentences

_WORDING = frozenset({"tone", "policy", "content", "template"})
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def prepare(text: str, rules: ReviewRules) -> Letter:
    """Return the letter split into sentences and parts, ready for the checks."""
    return Letter(
        text=text,
        masked=mask_list_numbers(text),
        words=count_words(text),
        sentences=tuple(sentences(text)),
        sections=find_sections(text, rules),
    )


def _order(finding: Finding) -> tuple[int, int, int, str]:
    start = finding.span[0] if finding.span is not None else -1
    return (
        _SEVERITY_ORDER[finding.severity],
        start,
        finding.span[1] if finding.span else -1,
        finding.rule,
    )


def drop_shadowed(findings: list[Finding]) -> list[Finding]:
    """Drop an unlinked-action finding on a sentence that a wording rule already flags."""
    worded = [f.span for f in findings if f.rule.split(".")[0] in _WORDING and f.span is not None]
    return [
        f
        for f in findings
        if f.rule != "logic.unlinked_action"
        or f.span is None
        or not any(f.span[0] <= s[0] and s[1] <= f.span[1] for s in worded)
    ]


def score_findings(findings: list[Finding], rules: ReviewRules) -> tuple[int, tuple[Finding, ...]]:
    """Return the score and the findings with the penalty each took (rule caps applied in order)."""
    taken: dict[str, int] = {}
    scored = []
    for item in sorted(findings, key=_order):
        meta = rules.meta(item.rule)
        if item.unsure:
            scored.append(replace(item, penalty=0))
            continue
        penalty = max(0, min(meta.penalty, meta.cap - taken.get(item.rule, 0)))
        taken[item.rule] = taken.get(item.rule, 0) + penalty
        scored.append(replace(item, penalty=penalty))
    return max(0, 100 - sum(taken.values())), tuple(scored)


def verdict_for(score: int, findings: tuple[Finding, ...], rules: ReviewRules) -> Verdict:
    """Return the verdict the score and findings call for."""
    if score < rules.rewrite_below or any(
        f.rule in rules.rewrite_rules and not f.unsure for f in findings
    ):
        return Verdict.REWRITE
    if score >= rules.ready_at and all(f.severity is Severity.INFO for f in findings):
        return Verdict.READY
    return Verdict.REVISE


def review(
    text: str,
    rules: ReviewRules,
    fingerprints: Fingerprints,
    notice: NoticeFacts | None = None,
    where: str = "The letter",
) -> Review:
    """Review a letter against every rule; raise `InputError` when it is not a letter at all."""
    check_letter(text, rules, where)
    letter = prepare(text, rules)
    judged = judge_sections(letter, rules)
    findings = [
        *section_findings(letter, judged, rules),
        *data_findings(letter, rules),
        *phrase_findings(letter, rules),
        *boilerplate_findings(letter, rules),
        *tense_findings(letter, rules),
        *link_findings(letter, rules),
        *lumped_findings(letter, rules),
        *length_findings(letter, rules),
        *template_findings(letter, fingerprints, rules),
        *language_findings(letter, rules),
        *structure_findings(letter, rules),
    ]
    if notice is not None:
        findings.extend(notice_findings(letter, notice, rules))
    score, scored = score_findings(drop_shadowed(findings), rules)
    return Review(
        score=score,
        verdict=verdict_for(score, scored, rules),
        sections=judged,
        findings=scored,
        words=letter.words,
    )
