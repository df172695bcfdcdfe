"""The review rules that read the letter's wording: phrases, tense, boilerplate, length, language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reinstate.domain.review.model import Finding, Severity, Span
from reinstate.domain.review.rules import ReviewRules
from reinstate.domain.review.sections import FoundSection
from reinstate.domain.review.text import (
    BULLET,
    foreign_share,
    lines,
    sentences,
    specifics,
    stems,
    topics,
)

QUOTE_LIMIT = 160
_NEGATION = re.compile(r"\b(?:not|never|no|without|nor)\b|n['’]t\b", re.IGNORECASE)
_CLAUSE = re.compile(r";|\b(?:so|but|because|then|which|while|although|however)\b", re.IGNORECASE)
_NEGATION_REACH = 40
"""A denial negates a phrase when the negation is in the same clause, at most 40 characters before."""
PHRASE_RULES = ("blame", "emotional", "legal_threat", "never_do", "unrelated")
_NEGATABLE = frozenset({"never_do"})
_OWNED = {"blame": "ownership"}
"""A phrase of these rules in a sentence that also takes ownership (phrase list named) is unsure."""


@dataclass(frozen=True, slots=True)
class Letter:
    """A letter prepared for the checks: its text, the list-number-masked text, and its parts."""

    text: str
    masked: str
    words: int
    sentences: tuple[Span, ...]
    sections: dict[str, FoundSection]
    # Topics and stems of the passages already read, by span: rules ask about the same ones.
    memo: dict[tuple[str, Span], frozenset[str]] = field(default_factory=dict, compare=False)

    def topics(self, span: Span, rules: ReviewRules) -> frozenset[str]:
        """Return the topics a passage of the letter talks about (computed once per span)."""
        key = ("topics", span)
        if key not in self.memo:
            self.memo[key] = topics(self.text, span, rules)
        return self.memo[key]

    def stems(self, span: Span) -> frozenset[str]:
        """Return the content-word stems of a passage of the letter (computed once per span)."""
        key = ("stems", span)
        if key not in self.memo:
            self.memo[key] = stems(self.text, span)
        return self.memo[key]


def quote(text: str, span: Span) -> str:
    """Return the span's text on one line, shortened to a readable quote."""
    piece = " ".join(text[span[0] : span[1]].split())
    return piece if len(piece) <= QUOTE_LIMIT else piece[: QUOTE_LIMIT - 1].rstrip() + "…"


def finding(
    rules: ReviewRules,
    rule: str,
    text: str,
    span: Span | None,
    section: str | None = None,
    unsure: bool = False,
    **params: str,
) -> Finding:
    """Return a finding of one rule, with the quote of its span among its message fields
    (`unsure`: an `info` finding to check, whatever the rule's severity)."""
    meta = rules.meta(rule)
    quoted = quote(text, span) if span is not None else None
    if quoted is not None:
        params.setdefault("quote", quoted)
    return Finding(
        rule=rule,
        severity=Severity.INFO if unsure else meta.severity,
        span=span,
        text=meta.text,
        params=tuple(sorted(params.items())),
        section=section,
        quote=quoted,
        unsure=unsure,
    )


def sentence_at(letter: Letter, index: int) -> Span:
    """Return the sentence containing a character position."""
    for span in letter.sentences:
        if span[0] <= index < span[1]:
            return span
    return (index, index)


def is_denied(letter: Letter, index: int) -> bool:
    """Return whether a phrase at `index` is denied ("we have never opened another account")."""
    sentence = sentence_at(letter, index)
    window = letter.text[max(sentence[0], index - _NEGATION_REACH) : index]
    clauses = list(_CLAUSE.finditer(window))
    if clauses:
        window = window[clauses[-1].end() :]
    return _NEGATION.search(window) is not None


_WRAPPED = re.compile(r"(?<=\S)[ \t]*\n(?=[ \t]*[a-z])")
"""A line break before a lower-case word continues a hard-wrapped sentence (e-mail text)."""


def phrase_findings(letter: Letter, rules: ReviewRules) -> list[Finding]:
    """Flag blame, emotion, legal threats, never-do things and unrelated topics, one per phrase.

    Phrases are matched with hard-wrapped lines joined (the same length, so spans are the letter's).
    """
    joined = _WRAPPED.sub(lambda m: " " * len(m.group()), letter.text)
    found: list[Finding] = []
    for name in PHRASE_RULES:
        patterns = rules.phrases[name]
        if not patterns.found(joined):  # one scan: most letters have none of a list's phrases
            continue
        rule = _PHRASE_RULE_IDS[name]
        taken: list[Span] = []
        for pattern in patterns:
            for match in pattern.finditer(joined):
                span = match.span()
                if span[0] == span[1] or any(s[0] < span[1] and span[0] < s[1] for s in taken):
                    continue
                if name in _NEGATABLE and is_denied(letter, span[0]):
                    continue
                taken.append(span)
                found.append(
                    finding(
                        rules, rule, letter.text, span, unsure=_owned(letter, name, span, rules)
                    )
                )
    return found


def _owned(letter: Letter, name: str, span: Span, rules: ReviewRules) -> bool:
    """Return whether the sentence of a phrase also takes ownership of what it describes."""
    owning = rules.phrase(_OWNED.get(name, ""))
    sentence = sentence_at(letter, span[0])
    return owning.found(letter.text, *sentence)


_PHRASE_RULE_IDS = {
    "blame": "tone.blame",
    "emotional": "tone.emotional",
    "legal_threat": "tone.legal_threat",
    "never_do": "policy.never_do",
    "unrelated": "content.unrelated",
}


def boilerplate_findings(letter: Letter, rules: ReviewRules) -> list[Finding]:
    """Flag sentences built on generic boilerplate that carry no specific fact."""
    generic = [
        sentence
        for sentence in letter.sentences
        if rules.phrase("boilerplate").found(letter.text, *sentence)
        and specifics(letter.masked, [sentence], rules).markers == 0
    ]
    # One courtesy outside the three parts ("we apologise for the inconvenience" before the
    # request) says nothing about the plan: check it, it does not decide the verdict.
    courtesy = len(generic) == 1 and not _in_parts(letter, generic[0])
    return [
        finding(rules, "template.boilerplate", letter.text, sentence, unsure=courtesy)
        for sentence in generic
    ]


def _in_parts(letter: Letter, span: Span) -> bool:
    """Return whether a span overlaps a region of one of the three parts."""
    return any(
        a < span[1] and span[0] < b for part in letter.sections.values() for a, b in part.regions
    )


def _is_future(text: str, span: Span, rules: ReviewRules) -> bool:
    piece = text[span[0] : span[1]]
    future = rules.phrase("future_tense").found(piece)
    past = rules.phrase("past_tense").found(piece)
    evidence = rules.phrase("evidence_promise").found(piece)
    return future and not past and not evidence


def tense_findings(letter: Letter, rules: ReviewRules) -> list[Finding]:
    """Flag corrective actions written as promises instead of as things done."""
    section = letter.sections["corrective_actions"]
    found = []
    for region in section.regions:
        for sentence in sentences(letter.text, region):
            if _is_future(letter.text, sentence, rules):
                found.append(
                    finding(
                        rules,
                        "tense.corrective_future",
                        letter.text,
                        sentence,
                        section="corrective_actions",
                    )
                )
    return found


def length_findings(letter: Letter, rules: ReviewRules) -> list[Finding]:
    """Flag a letter longer than the word limit."""
    limit = int(rules.threshold("max_words"))
    if letter.words <= limit:
        return []
    return [
        finding(
            rules, "length.too_long", letter.text, None, words=str(letter.words), limit=str(limit)
        )
    ]


def language_findings(letter: Letter, rules: ReviewRules) -> list[Finding]:
    """Flag runs of lines written in another language than English."""
    share = rules.threshold("mixed_line_share")
    found: list[Finding] = []
    run: Span | None = None
    for line in [*lines(letter.text), None]:
        foreign = line is not None and foreign_share(letter.text[line[0] : line[1]]) > share
        if line is not None and foreign:
            run = line if run is None else (run[0], line[1])
            continue
        if run is not None:
            found.append(finding(rules, "language.mixed", letter.text, run))
            run = None
    return found


def structure_findings(letter: Letter, rules: ReviewRules) -> list[Finding]:
    """Flag a letter with no admission, no bullet points, or no closing request to reinstate."""
    text = letter.text
    found = []
    if not rules.phrase("admission").found(text):
        found.append(finding(rules, "structure.no_admission", text, None))
    if not any(BULLET.match(text[a:b]) for a, b in lines(text)):
        found.append(finding(rules, "structure.no_bullets", text, None))
    closing_from = int(len(text) * (1 - rules.threshold("closing_share")))
    if not rules.phrase("request").found(text, closing_from):
        found.append(finding(rules, "structure.no_request", text, None))
    return found
