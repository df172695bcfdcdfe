"""The reviewer's rule set as typed, compiled data, built from the rule files' plain dictionaries."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reinstate.domain.errors import ConfigurationError
from reinstate.domain.review.model import SECTION_NAMES, RuleText, Severity
from reinstate.domain.review.patterns import FLAGS, NO_PATTERNS, Patterns

MARKER_KINDS = ("data", "process", "owner", "frequency", "name")
"""The kinds of specific fact a part can give (`[markers]` in `review/sections.toml`)."""


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """One rule's severity, penalty, cap on its total penalty, text and source."""

    rule: str
    severity: Severity
    penalty: int
    cap: int
    text: RuleText
    source: str


@dataclass(frozen=True, slots=True)
class SectionSpec:
    """How to recognise one part of a Plan of Action."""

    name: str
    label: str
    heading: str
    question: str
    headings: Patterns
    cues: tuple[tuple[re.Pattern[str], int], ...]
    # Words that make a short heading line this part's, however it is worded ("Done", "Cause (ours)").
    heading_words: Patterns = NO_PATTERNS
    # The cues' patterns in one list: a passage none of them matches scores 0 for the part.
    any_cue: Patterns = NO_PATTERNS


@dataclass(frozen=True, slots=True)
class SentenceFunction:
    """What a sentence can do (explain a cause, report a fix, state a practice, ...), read from
    weighted features; `part` is the part its sentences belong to, if any."""

    name: str
    part: str | None
    features: tuple[tuple[re.Pattern[str], int], ...]
    any_feature: Patterns = NO_PATTERNS
    # The parts a function without a part of its own votes against.
    against: tuple[str, ...] = SECTION_NAMES


@dataclass(frozen=True, slots=True)
class NoticeIssue:
    """An issue a notice can raise, and how a letter shows it addressed it."""

    name: str
    label: str
    categories: tuple[str, ...]
    notice: Patterns
    letter: Patterns


@dataclass(frozen=True, slots=True)
class ReviewRules:
    """Everything the reviewer knows, from `rules/review/*.toml`."""

    rules: Mapping[str, RuleMeta]
    thresholds: Mapping[str, float]
    ready_at: int
    rewrite_below: int
    rewrite_rules: frozenset[str]
    phrases: Mapping[str, Patterns]
    sections: Mapping[str, SectionSpec]
    frame: Patterns
    markers: Mapping[str, Patterns]
    topics: Mapping[str, Patterns]
    problem_topics: frozenset[str]
    notice_issues: Mapping[str, NoticeIssue]
    remedies: Patterns
    containment: Patterns = NO_PATTERNS
    topic_families: Mapping[str, str] | None = None
    # Every topic's patterns in one list: a passage none of them matches talks about no topic.
    any_topic: Patterns = NO_PATTERNS
    # What sentences do (`review/functions.toml`), by function name.
    functions: Mapping[str, SentenceFunction] | None = None

    def phrase(self, name: str) -> Patterns:
        """Return one phrase list (empty when the rule files have none of that name)."""
        return self.phrases.get(name, NO_PATTERNS)

    def family(self, topic: str) -> str:
        """Return the issue a topic is part of (itself, unless the rule file names a family)."""
        return (self.topic_families or {}).get(topic, topic)

    def meta(self, rule: str) -> RuleMeta:
        """Return one rule's metadata; an unknown id is a programming error."""
        return self.rules[rule]

    def threshold(self, name: str) -> float:
        """Return one threshold."""
        return self.thresholds[name]


def _compile(patterns: Any, where: str) -> Patterns:
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ConfigurationError(f"Rule file {where}: 'patterns' must be a list of strings.")
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, FLAGS))
        except re.error as exc:
            raise ConfigurationError(f"Rule file {where}: bad pattern {pattern!r}: {exc}.") from exc
    return Patterns(compiled)


def _need(entry: Mapping[str, Any], key: str, where: str, kind: type) -> Any:
    value = entry.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ConfigurationError(f"Rule file {where} needs '{key}' as {kind.__name__}.")
    return value


def _rule_meta(rule: str, entry: Mapping[str, Any]) -> RuleMeta:
    where = f'review/rules.toml [rule."{rule}"]'
    try:
        severity = Severity(_need(entry, "severity", where, str))
    except ValueError as exc:
        raise ConfigurationError(
            f"Rule file {where}: severity must be error, warning or info."
        ) from exc
    return RuleMeta(
        rule=rule,
        severity=severity,
        penalty=_need(entry, "penalty", where, int),
        cap=_need(entry, "cap", where, int),
        text=RuleText(_need(entry, "message", where, str), _need(entry, "fix", where, str)),
        source=_need(entry, "source", where, str),
    )


def _section(name: str, entry: Mapping[str, Any]) -> SectionSpec:
    where = f"review/sections.toml [section.{name}]"
    _need(entry, "source", where, str)
    cues = tuple(
        (_compile([_need(c, "pattern", where, str)], where)[0], _need(c, "weight", where, int))
        for c in _need(entry, "cues", where, list)
    )
    return SectionSpec(
        name=name,
        label=_need(entry, "label", where, str),
        heading=_need(entry, "heading", where, str),
        question=_need(entry, "question", where, str),
        headings=_compile(entry.get("headings"), where),
        cues=cues,
        heading_words=_compile(entry.get("heading_words", []), where),
        any_cue=Patterns(pattern for pattern, _ in cues),
    )


def _function(name: str, entry: Mapping[str, Any]) -> SentenceFunction:
    where = f"review/functions.toml [function.{name}]"
    _need(entry, "source", where, str)
    part = entry.get("part")
    if part is not None and part not in SECTION_NAMES:
        raise ConfigurationError(f"Rule file {where}: part must be one of {list(SECTION_NAMES)}.")
    features = tuple(
        (_compile([_need(f, "pattern", where, str)], where)[0], _need(f, "weight", where, int))
        for f in _need(entry, "features", where, list)
    )
    against = tuple(entry.get("against", SECTION_NAMES))
    if not set(against) <= set(SECTION_NAMES):
        raise ConfigurationError(f"Rule file {where}: against must name parts of {SECTION_NAMES}.")
    return SentenceFunction(name, part, features, Patterns(p for p, _ in features), against)


def build_review_rules(
    rules: Mapping[str, Any],
    phrases: Mapping[str, Any],
    sections: Mapping[str, Any],
    functions: Mapping[str, Any] | None = None,
) -> ReviewRules:
    """Validate and compile the rule files' contents into a `ReviewRules`."""
    metas = {rule: _rule_meta(rule, entry) for rule, entry in rules.get("rule", {}).items()}
    verdict = rules.get("verdict", {})
    _need(verdict, "source", "review/rules.toml [verdict]", str)
    unknown = set(verdict.get("rewrite_rules", [])) - set(metas)
    if unknown:
        raise ConfigurationError(
            f"Rule file review/rules.toml [verdict] names unknown rules {sorted(unknown)}."
        )
    thresholds = {k: float(v) for k, v in rules.get("thresholds", {}).items() if k != "source"}
    phrase_table = {
        name: _compile(entry.get("patterns"), f"review/phrases.toml [phrases.{name}]")
        for name, entry in phrases.get("phrases", {}).items()
        if _need(entry, "source", f"review/phrases.toml [phrases.{name}]", str)
    }
    section_table = sections.get("section", {})
    missing = [name for name in SECTION_NAMES if name not in section_table]
    if missing:
        raise ConfigurationError(f"Rule file review/sections.toml lacks sections {missing}.")
    markers = sections.get("markers", {})
    topics = sections.get("topic", {})
    notice = sections.get("notice_issue", {})
    topic_table = {
        name: _compile(entry.get("patterns"), f"review/sections.toml [topic.{name}]")
        for name, entry in topics.items()
    }
    return ReviewRules(
        rules=metas,
        thresholds=thresholds,
        ready_at=_need(verdict, "ready_at", "review/rules.toml [verdict]", int),
        rewrite_below=_need(verdict, "rewrite_below", "review/rules.toml [verdict]", int),
        rewrite_rules=frozenset(verdict.get("rewrite_rules", [])),
        phrases=phrase_table,
        sections={name: _section(name, section_table[name]) for name in SECTION_NAMES},
        frame=_compile(sections.get("frame", {}).get("patterns"), "review/sections.toml [frame]"),
        markers={
            kind: _compile(markers.get(kind), f"review/sections.toml [markers.{kind}]")
            for kind in MARKER_KINDS
        },
        topics=topic_table,
        any_topic=Patterns(p for patterns in topic_table.values() for p in patterns),
        functions={
            name: _function(name, entry)
            for name, entry in (functions or {}).get("function", {}).items()
        },
        remedies=_compile(sections.get("link", {}).get("remedies"), "review/sections.toml [link]"),
        containment=_compile(
            sections.get("link", {}).get("containment", []), "review/sections.toml [link]"
        ),
        topic_families={
            name: str(entry["family"]) for name, entry in topics.items() if "family" in entry
        },
        problem_topics=frozenset(name for name, entry in topics.items() if entry.get("problem")),
        notice_issues={
            name: NoticeIssue(
                name=name,
                label=_need(entry, "label", f"review/sections.toml [notice_issue.{name}]", str),
                categories=tuple(entry.get("categories", ())),
                notice=_compile(entry.get("notice"), f"review/sections.toml [notice_issue.{name}]"),
                letter=_compile(entry.get("letter"), f"review/sections.toml [notice_issue.{name}]"),
            )
            for name, entry in notice.items()
        },
    )
