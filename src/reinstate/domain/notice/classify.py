"""Classify a notice: category, subcategory, severity and confidence from phrase rules.

Each phrase rule that matches adds its weight once to its category (and subcategory); the severity
is the most severe level any matching sentence states. A sentence that only threatens a removal
("may lead to the deactivation of your account", "kann Ihr Konto deaktiviert werden") does not
state one: when the rule set's conditional words stand earlier in the same sentence (or right after
the phrase, for verb-final languages), that match gives no severity and is recorded as the signal
`conditional`. A notice whose best category scores below the rule set's threshold, or that reads as
an announcement with no enforcement sentence, is `other` with low confidence — Reinstate says it does
not know rather than guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reinstate.domain.notice.model import REPLY_OUTCOMES, Candidate, Evidence, severity_rank
from reinstate.domain.notice.rules import NoticeRules, PhraseRule

OTHER = "other"
REPLY_CONTEXT = "context"
ANNOUNCEMENT = "announcement"
CONDITIONAL = "conditional"
AT_RISK = "at_risk"
WARNING = "warning"
FINAL = "final_decision"
MORE_INFORMATION = "more_information"
DOCUMENTS_REQUESTED = "documents_requested"
# Removals can be threatened rather than done; warnings and "at risk" are threats by nature.
_GUARDED_FROM = severity_rank("listing_removed")
# Where a sentence starts: end punctuation before a space, CJK end punctuation, a blank line, or a
# list item. A dot inside "Amazon.com" is not an end.
_SENTENCE_END = re.compile(r"[.!?](?=\s)|[。！？；]|\n[ \t]*\n|\n[ \t]*(?:[-•*·・]|\d+[.)、])")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_LOOK_BACK = 200
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[a-zà-ÿäöüß']+", re.IGNORECASE)
_MIN_STOPWORDS = 2
_SHORT = 400
"""A text shorter than this (a pasted sentence) is read with every language's phrases."""
_LOOK_AHEAD = 30


@dataclass(frozen=True, slots=True)
class Classification:
    """The category decision with its scores and the evidence behind it."""

    category: str
    subcategory: str | None
    severity: str | None
    confidence: float
    confidence_level: str
    alternatives: tuple[tuple[str, float], ...]
    signals: frozenset[str]
    evidence: tuple[Evidence, ...]
    appeal_statements: frozenset[str] = frozenset()
    """`offered` and/or `closed`: what the notice's own words say about appealing."""
    reply_outcome: str | None = None
    """The outcome Amazon's reply to an appeal states, when the text is such a reply."""
    missing: tuple[str, ...] = ()
    """What the reply says the appeal lacks, in the order the text names it."""
    candidates: tuple[Candidate, ...] = ()
    """With low confidence: the two most likely categories and the sentences behind each."""
    assumed_severity: str | None = None
    """The category's usual level when no sentence states one: guidance only, never `severity`."""

    @property
    def guidance_severity(self) -> str | None:
        """The level the guidance plans for: the stated one, else the category's usual one."""
        return self.severity or self.assumed_severity


def confidence_level(confidence: float) -> str:
    """Return `high`, `medium` or `low` for a confidence in [0, 1]."""
    if confidence >= 0.7:
        return "high"
    if confidence >= 0.4:
        return "medium"
    return "low"


def _confidence(best: float, runner_up: float, full: float) -> float:
    # Strength (how much evidence) times clarity (how far ahead of the next category).
    strength = min(1.0, best / full)
    clarity = best / (best + runner_up) if best + runner_up else 0.0
    return round(strength * clarity, 2)


def languages_present(text: str, rules: NoticeRules) -> frozenset[str]:
    """Return the languages whose phrases can match: Chinese and Japanese when the text has CJK
    characters, a Latin-script language when at least `_MIN_STOPWORDS` of its common words occur;
    every language for a short text, or one where no language's common words occur.

    Only a speed-up: a phrase of a language the text does not contain would not match anyway, and
    skipping it keeps a long notice well under the reader's time budget.
    """
    if len(text) < _SHORT:
        return frozenset(rule.language for rule in rules.phrases)
    found: set[str] = set()
    if _CJK.search(text):
        found.update(("zh", "ja"))
    counts = dict.fromkeys(rules.stopwords, 0)
    for word in _WORD.findall(text.lower()):
        for lang, words in rules.stopwords.items():
            if word in words:
                counts[lang] += 1
    found.update(lang for lang, n in counts.items() if n >= _MIN_STOPWORDS)
    if not found - {"zh", "ja"} and not _CJK.search(text):
        found.update(rule.language for rule in rules.phrases)
    return frozenset(found)


def reason_spans(text: str, rules: NoticeRules) -> tuple[tuple[int, int], ...]:
    """Return where the notice gives its reason: each marker and the paragraph that follows it."""
    spans = []
    for m in rules.reason_markers.finditer(text):
        reach = text[m.end() : m.end() + rules.reason_reach]
        body = len(reach) - len(reach.lstrip())
        cut = _PARAGRAPH.search(reach, body)
        spans.append((m.start(), m.end() + (cut.start() if cut else len(reach))))
    return tuple(spans)


def classify(text: str, rules: NoticeRules) -> Classification:
    """Return the classification of `text` under `rules`."""
    category_scores: dict[str, float] = {}
    subcategory_scores: dict[str, float] = {}
    reply_scores: dict[str, float] = {}
    signals: set[str] = set()
    statements: set[str] = set()
    missing: list[tuple[int, str]] = []
    severity: str | None = None
    evidence: list[Evidence] = []
    hits: list[tuple[str, Evidence]] = []
    reasons = reason_spans(text, rules)
    shared: list[tuple[PhraseRule, float, Evidence]] = []
    present = languages_present(text, rules)
    for rule in rules.phrases:
        if rule.language not in present:
            continue
        m = rule.pattern.search(text)
        if m is None:
            continue
        span = m.span()
        stated = _stated(rule, m, text, rules)
        if rule.category:
            weight = rule.weight * _reason_factor(rule, text, reasons, rules)
            found = Evidence(rule.id, "category", rule.category, *span, m.group())
            if rule.shares_with:
                shared.append((rule, weight, found))
            else:
                category_scores[rule.category] = category_scores.get(rule.category, 0.0) + weight
                hits.append((rule.category, found))
        if rule.subcategory:
            subcategory_scores[rule.subcategory] = (
                subcategory_scores.get(rule.subcategory, 0.0) + rule.weight
            )
            evidence.append(Evidence(rule.id, "subcategory", rule.subcategory, *span, m.group()))
        if rule.severity and stated is not None:
            level = rule.severity
            if level == AT_RISK and _unconditional(rule, m, text, rules) is None:
                # "Your account could be at risk of deactivation": a threatened risk is a warning.
                level = WARNING
            evidence.append(Evidence(rule.id, "severity", level, *stated.span(), stated[0]))
            if severity_rank(level) > severity_rank(severity):
                severity = level
        elif rule.severity:
            signals.add(CONDITIONAL)
            evidence.append(Evidence(rule.id, "signal", CONDITIONAL, *span, m.group()))
        if rule.signal:
            signals.add(rule.signal)
            evidence.append(Evidence(rule.id, "signal", rule.signal, *span, m.group()))
        if rule.appeal:
            # "Your account will not be reinstated unless ..." closes nothing: a closing sentence
            # only counts when it is not conditional.
            said = _unconditional_closure(rule, m, text, rules) if rule.appeal == "closed" else m
            if said is not None:
                statements.add(rule.appeal)
                evidence.append(Evidence(rule.id, "appeal", rule.appeal, *said.span(), said[0]))
        if rule.reply:
            said = _unconditional_closure(rule, m, text, rules) if rule.reply == FINAL else m
            if said is not None:
                reply_scores[rule.reply] = reply_scores.get(rule.reply, 0.0) + rule.weight
                evidence.append(Evidence(rule.id, "reply", rule.reply, *said.span(), said[0]))
        if rule.missing:
            missing.append((span[0], rule.missing))
            evidence.append(Evidence(rule.id, "missing", rule.missing, *span, m.group()))

    for rule, weight, found in shared:
        # A generic phrase backs the most specific of its categories that the notice names.
        options = (rule.category or OTHER, *rule.shares_with)
        target = max(options, key=lambda c: (category_scores.get(c, 0.0), c == rule.category))
        category_scores[target] = category_scores.get(target, 0.0) + weight
        hits.append(
            (target, Evidence(found.rule, "category", target, found.start, found.end, found.text))
        )

    ranked = sorted(category_scores.items(), key=lambda kv: -kv[1])
    best_category, best = ranked[0] if ranked else (OTHER, 0.0)
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    announcement_only = ANNOUNCEMENT in signals and severity is None
    if best < rules.min_category_score or announcement_only:
        category = OTHER
        confidence = round(min(0.3, best / (4 * rules.full_confidence_score)), 2)
        alternatives = tuple((c, round(s, 2)) for c, s in ranked if s > 0)
    else:
        category = best_category
        confidence = _confidence(best, runner_up, rules.full_confidence_score)
        alternatives = tuple(
            (c, round(s, 2)) for c, s in ranked[1:] if s >= rules.min_category_score
        )
        evidence.extend(e for c, e in hits if c == category)
    level = confidence_level(confidence)
    candidates: tuple[Candidate, ...] = ()
    if level == "low" and ranked and not announcement_only:
        candidates = tuple(
            Candidate(c, round(score, 2), tuple(e for cat, e in hits if cat == c))
            for c, score in ranked[:2]
        )
        evidence.extend(e for cat, e in hits if cat in {c.category for c in candidates})

    outcome = _reply_outcome(reply_scores, rules)
    named = {code for _, code in missing}
    if (
        outcome == MORE_INFORMATION
        and DOCUMENTS_REQUESTED in reply_scores
        and any(
            rules.missing_items[c].kind == "document" for c in named if c in rules.missing_items
        )
    ):
        # "Not enough information ... provide the following documents": what to send is documents.
        outcome = DOCUMENTS_REQUESTED
    subcategory = _subcategory(category, subcategory_scores, rules)
    if announcement_only and subcategory is None:
        subcategory = ANNOUNCEMENT
    reply = rules.outcomes.get(outcome or "")
    assumed: str | None = None
    if outcome == "reinstated":
        severity = None
    elif severity is None and reply and reply.default_severity:
        severity = reply.default_severity
        evidence.append(Evidence(f"default.reply.{outcome}", "severity", severity, 0, 0, ""))
    elif severity is None and category in rules.playbooks:
        usual = rules.playbooks[category].default_severity
        if usual == WARNING:
            # A notice about a metric is at least a warning: nothing removed is not a guess.
            severity = usual
            evidence.append(Evidence(f"default.{category}", "severity", usual, 0, 0, ""))
        elif usual:
            # A removal is never assumed: no sentence states one, so the reading says so (null)
            # and only the guidance plans for the category's usual level.
            assumed = usual
            evidence.append(Evidence(f"default.{category}", "severity_assumed", usual, 0, 0, ""))
    kept = tuple(
        e
        for e in evidence
        if (e.conclusion != "subcategory" or e.value == subcategory)
        and (e.conclusion != "reply" or e.value == outcome)
        and (e.conclusion != "missing" or outcome is not None)
    )
    return Classification(
        category=category,
        subcategory=subcategory,
        severity=severity,
        confidence=confidence,
        confidence_level=level,
        alternatives=alternatives,
        signals=frozenset(signals),
        evidence=tuple(sorted(kept, key=lambda e: (e.start, e.rule))),
        appeal_statements=frozenset(statements),
        reply_outcome=outcome,
        missing=tuple(dict.fromkeys(code for _, code in sorted(missing))) if outcome else (),
        candidates=candidates,
        assumed_severity=assumed,
    )


def _reason_factor(
    rule: PhraseRule, text: str, reasons: tuple[tuple[int, int], ...], rules: NoticeRules
) -> float:
    # A category phrase counts more inside the paragraph that gives the notice's reason.
    if not reasons:
        return 1.0
    for m in rule.pattern.finditer(text):
        if any(start <= m.start() < end for start, end in reasons):
            return rules.reason_weight
    return 1.0


def _reply_outcome(scores: dict[str, float], rules: NoticeRules) -> str | None:
    # The strongest outcome the text states; on a tie the one that changes the route the most (a
    # final decision before a reinstatement before a request for more). A text is a reply when
    # its outcome is stated strongly enough on its own, or when it also refers to the seller's
    # appeal (`context`): a first notice may ask for documents too.
    stated = {code: score for code, score in scores.items() if code in REPLY_OUTCOMES}
    if not stated:
        return None
    best = min(stated, key=lambda code: (-stated[code], REPLY_OUTCOMES.index(code)))
    if stated[best] >= rules.min_reply_score or scores.get(REPLY_CONTEXT, 0.0) > 0:
        return best
    return None


def _sentence_around(text: str, start: int, end: int, reach: int) -> tuple[str, str]:
    # The part of the sentence before `text[start:end]`, and up to `reach` characters after it.
    window = text[max(0, start - _LOOK_BACK) : start]
    ends = list(_SENTENCE_END.finditer(window))
    before = window[ends[-1].end() :] if ends else window
    after = text[end : end + reach]
    cut = _SENTENCE_END.search(after)
    return before, after[: cut.start()] if cut else after


def is_conditional(text: str, start: int, end: int, rules: NoticeRules) -> bool:
    """Return True when the phrase at `text[start:end]` sits in a sentence that only threatens."""
    before, after = _sentence_around(text, start, end, _LOOK_AHEAD)
    clauses = list(rules.consequence.finditer(before))
    before = before[clauses[-1].end() :] if clauses else before
    return bool(rules.conditional_before.search(before) or rules.conditional_after.match(after))


def _stated(
    rule: PhraseRule, first: re.Match[str], text: str, rules: NoticeRules
) -> re.Match[str] | None:
    # The first match of a removal phrase that is not a threat; other rules keep their first match.
    if severity_rank(rule.severity) < _GUARDED_FROM:
        return first
    return _unconditional(rule, first, text, rules)


def _unconditional(
    rule: PhraseRule,
    first: re.Match[str],
    text: str,
    rules: NoticeRules,
    test: Callable[[str, int, int, NoticeRules], bool] = is_conditional,
) -> re.Match[str] | None:
    # The first match of the rule, from `first` on, that `test` does not find conditional.
    for m in rule.pattern.finditer(text, first.start()):
        if not test(text, m.start(), m.end(), rules):
            return m
    return None


def is_conditional_closure(text: str, start: int, end: int, rules: NoticeRules) -> bool:
    """Return True when a closing phrase at `text[start:end]` sits in a conditional sentence:
    "if ..." before it, or "unless ..."/"without ..." after it in the same sentence."""
    before, rest = _sentence_around(text, start, end, _LOOK_BACK)
    return bool(rules.closure_before.search(before) or rules.closure_rest.search(rest))


def _unconditional_closure(
    rule: PhraseRule, first: re.Match[str], text: str, rules: NoticeRules
) -> re.Match[str] | None:
    return _unconditional(rule, first, text, rules, test=is_conditional_closure)


def _subcategory(category: str, scores: dict[str, float], rules: NoticeRules) -> str | None:
    # Subcategories that apply to any category (final decision, insufficient appeal) change the
    # route the most, so they win over category-specific ones; within a group, the higher score.
    candidates = [
        (("*" not in rules.subcategories[code].parents), -score, code)
        for code, score in scores.items()
        if code in rules.subcategories and rules.subcategories[code].applies_to(category)
    ]
    return min(candidates)[2] if candidates else None
