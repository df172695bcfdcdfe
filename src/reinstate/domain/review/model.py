"""The result of reviewing a Plan of Action: sections, findings, score and verdict.

The JSON shape (`Review.to_dict()`) is a public contract, versioned by `SCHEMA`:

    {"schema": "reinstate.review/1", "score": 0..100, "verdict": "ready"|"revise"|"rewrite",
     "words": int, "sections": {name: {"present", "specific", "span"}},
     "findings": [{"rule", "severity", "section", "span", "quote", "message", "fix", "penalty"}]}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

SCHEMA = "reinstate.review/1"

Span = tuple[int, int]
"""A character range in the letter, `[start, end)`."""

SECTION_NAMES: tuple[str, ...] = ("root_cause", "corrective_actions", "preventive_measures")

TRANSLATED_PARAMS = frozenset({"part", "issue"})
"""Message fields that are words for the user; the rest (quotes, headings to write) stay as they are."""


class Severity(StrEnum):
    """How much a finding matters: errors block sending, warnings weaken, info suggests."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Verdict(StrEnum):
    """What to do with the letter: send it, fix the findings, or start again."""

    READY = "ready"
    REVISE = "revise"
    REWRITE = "rewrite"


@dataclass(frozen=True, slots=True)
class RuleText:
    """The user-facing text of one rule: message and fix templates with `{name}` fields."""

    message: str
    fix: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in the letter: which rule, how bad, where, and how to fix it."""

    rule: str
    severity: Severity
    span: Span | None
    text: RuleText
    params: tuple[tuple[str, str], ...] = ()
    section: str | None = None
    penalty: int = 0
    quote: str | None = None
    # The reviewer is not sure (e.g. blame in a sentence that also takes ownership): shown as `info`
    # ("check this"), it takes no points and never decides the verdict.
    unsure: bool = False

    @property
    def message(self) -> str:
        """Return the message with its fields filled in."""
        return self.text.message.format(**dict(self.params))

    @property
    def fix(self) -> str:
        """Return the suggested fix with its fields filled in."""
        return self.text.fix.format(**dict(self.params))

    def translated(self, gettext: Callable[[str], str]) -> Finding:
        """Return this finding with its message, fix and named fields in another language."""
        return replace(
            self,
            text=RuleText(gettext(self.text.message), gettext(self.text.fix)),
            params=tuple(
                (key, gettext(value) if key in TRANSLATED_PARAMS else value)
                for key, value in self.params
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the finding as documented JSON."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "section": self.section,
            "span": list(self.span) if self.span is not None else None,
            "quote": self.quote,
            "message": self.message,
            "fix": self.fix,
            "penalty": self.penalty,
            "unsure": self.unsure,
        }


@dataclass(frozen=True, slots=True)
class Section:
    """One of the three parts of a Plan of Action, as found in the letter."""

    name: str
    span: Span | None
    headed: bool = False
    specific: bool = False
    markers: int = 0

    @property
    def present(self) -> bool:
        """Return whether the letter contains this part."""
        return self.span is not None

    def to_dict(self) -> dict[str, Any]:
        """Return the section as documented JSON."""
        return {
            "present": self.present,
            "specific": self.specific,
            "span": list(self.span) if self.span is not None else None,
        }


@dataclass(frozen=True, slots=True)
class Review:
    """A reviewed letter: score 0-100, verdict, the three sections, and the findings."""

    score: int
    verdict: Verdict
    sections: Mapping[str, Section]
    findings: tuple[Finding, ...]
    words: int

    def translated(self, gettext: Callable[[str], str]) -> Review:
        """Return this review with every finding's message and fix in another language."""
        return replace(self, findings=tuple(f.translated(gettext) for f in self.findings))

    def by_severity(self, severity: Severity) -> tuple[Finding, ...]:
        """Return the findings of one severity, in order of position."""
        return tuple(f for f in self.findings if f.severity is severity)

    def to_dict(self) -> dict[str, Any]:
        """Return the review as the documented `reinstate.review/1` JSON object."""
        return {
            "schema": SCHEMA,
            "score": self.score,
            "verdict": self.verdict.value,
            "words": self.words,
            "sections": {name: self.sections[name].to_dict() for name in SECTION_NAMES},
            "findings": [f.to_dict() for f in self.findings],
        }
