"""What Reinstate reads out of an Amazon notice: the models and their documented JSON shape.

A `NoticeReading` is the whole answer (category, severity, marketplace, identifiers, dates, the
appeal route, deadlines, next steps) and `to_dict()` is the stable `reinstate.notice/2` JSON.
Every conclusion carries `Evidence`: the rule that fired and the character span it matched in
`NoticeReading.text`, so a front end can highlight the sentence behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA = "reinstate.notice/2"

CATEGORIES: tuple[str, ...] = (
    "performance_odr",
    "performance_late_shipment",
    "performance_cancellation",
    "performance_valid_tracking",
    "performance_other",
    "related_accounts",
    "restricted_products",
    "ip_trademark",
    "ip_copyright",
    "ip_patent",
    "inauthentic",
    "product_condition",
    "product_safety",
    "review_manipulation",
    "identity_verification",
    "listing_policy",
    "other",
)

# Ascending: a notice's severity is the most severe level any of its sentences states.
SEVERITIES: tuple[str, ...] = (
    "warning",
    "at_risk",
    "listing_removed",
    "privileges_removed",
    "account_deactivated",
)

CONFIDENCE_LEVELS: tuple[str, ...] = ("low", "medium", "high")

DOCUMENTS: tuple[str, ...] = ("notice", "reply")
"""A notice from Amazon, or Amazon's reply to an appeal."""

# In the order that breaks a tie between two stated outcomes: the one that changes the route most.
REPLY_OUTCOMES: tuple[str, ...] = (
    "final_decision",
    "reinstated",
    "documents_requested",
    "more_information",
    "acknowledged",
)

APPEAL_VERDICTS: tuple[str, ...] = (
    "required",
    "possible",
    "closed",
    "pending",
    "not_needed",
    "not_stated",
)
"""What the reading says about appealing, from the notice's own words (see `Appeal.verdict`)."""


def severity_rank(severity: str | None) -> int:
    """Return 0 for no severity, 1 for `warning` up to 5 for `account_deactivated`."""
    return SEVERITIES.index(severity) + 1 if severity in SEVERITIES else 0


@dataclass(frozen=True, slots=True)
class Evidence:
    """One rule that fired: what it concluded and the span of text that triggered it."""

    rule: str
    conclusion: str
    value: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "rule": self.rule,
            "conclusion": self.conclusion,
            "value": self.value,
            "span": [self.start, self.end],
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class DateMention:
    """A calendar date written in the notice; `ambiguous` when day and month could swap."""

    text: str
    value: date
    start: int
    end: int
    ambiguous: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "text": self.text,
            "date": self.value.isoformat(),
            "span": [self.start, self.end],
            "ambiguous": self.ambiguous,
        }


@dataclass(frozen=True, slots=True)
class Destination:
    """Where to act: a Seller Central page (`path`) or a team address for the marketplace.

    `confirmed` is False for an address whose source does not give it whole (a domain ending
    Reinstate restored, or a marketplace the directory lists without one); pages are always True.
    """

    channel: str
    label: str
    path: str | None = None
    address: str | None = None
    marketplace: str | None = None
    source: str = ""
    confirmed: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "channel": self.channel,
            "label": self.label,
            "path": self.path,
            "address": self.address,
            "marketplace": self.marketplace,
            "source": self.source,
            "confirmed": self.confirmed,
        }


@dataclass(frozen=True, slots=True)
class Appeal:
    """Whether and where to appeal, what the plan of action covers, what evidence to gather.

    `possible` comes from the notice's own words: True when it offers an appeal (an Appeal button,
    "reactivate", a plan of action, "if you believe ... in error"), False when it says no further
    appeal is possible, None when it says neither or both. `required` is None when `possible` is.
    """

    possible: bool | None
    required: bool | None
    where: tuple[Destination, ...]
    plan_of_action: tuple[str, ...]
    evidence_to_gather: tuple[str, ...]
    source: str
    verdict: str = "not_stated"
    """One of `APPEAL_VERDICTS`: what a front end tells the seller about appealing."""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "possible": self.possible,
            "required": self.required,
            "verdict": self.verdict,
            "where": [d.to_dict() for d in self.where],
            "plan_of_action": list(self.plan_of_action),
            "evidence_to_gather": list(self.evidence_to_gather),
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Deadline:
    """A clock the notice implies; `due` is set when the date it starts from is known."""

    id: str
    label: str
    hours: int
    starts: str
    due: date | None
    stated_in_notice: bool
    source: str

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "id": self.id,
            "label": self.label,
            "hours": self.hours,
            "days": self.hours / 24,
            "starts": self.starts,
            "due": self.due.isoformat() if self.due else None,
            "stated_in_notice": self.stated_in_notice,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Step:
    """One item of the next-steps checklist: something to do, or something not to do."""

    kind: str
    text: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"kind": self.kind, "text": self.text, "source": self.source}


@dataclass(frozen=True, slots=True)
class Reply:
    """What Amazon's reply to an appeal says: its outcome and what it says the appeal lacks."""

    outcome: str
    missing: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"outcome": self.outcome, "missing": list(self.missing)}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A category the notice may be about, with its score and the sentences that point to it."""

    category: str
    score: float
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "category": self.category,
            "score": self.score,
            "sentences": [{"text": e.text, "span": [e.start, e.end]} for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class NoticeReading:
    """Everything Reinstate concluded from one notice, with the evidence for each conclusion."""

    category: str
    subcategory: str | None
    severity: str | None
    confidence: float
    confidence_level: str
    alternatives: tuple[tuple[str, float], ...]
    marketplace: str | None
    language: str | None
    asins: tuple[str, ...]
    masked_asins: tuple[str, ...]
    order_ids: tuple[str, ...]
    masked_order_ids: tuple[str, ...]
    dates: tuple[DateMention, ...]
    notice_date: date | None
    notice_date_source: str | None
    appeal: Appeal
    deadlines: tuple[Deadline, ...]
    next_steps: tuple[Step, ...]
    evidence: tuple[Evidence, ...]
    text: str
    input_format: str = "text"
    warnings: tuple[str, ...] = field(default=())
    guidance_language: str = "en"
    document: str = "notice"
    reply: Reply | None = None
    candidates: tuple[Candidate, ...] = field(default=())
    """With low confidence: the two most likely categories, each with the sentences behind it."""
    severity_assumed: str | None = None
    """When no sentence states a severity: the category's usual level, which the guidance plans
    for. `severity` stays null: the notice did not say it."""

    def evidence_for(self, conclusion: str) -> tuple[Evidence, ...]:
        """Return the evidence behind one kind of conclusion (`category`, `severity`, ...)."""
        return tuple(e for e in self.evidence if e.conclusion == conclusion)

    def to_dict(self) -> dict[str, Any]:
        """Return the documented `reinstate.notice/2` JSON object."""
        return {
            "schema": SCHEMA,
            "document": self.document,
            "reply": self.reply.to_dict() if self.reply else None,
            "category": self.category,
            "subcategory": self.subcategory,
            "severity": self.severity,
            "severity_assumed": self.severity_assumed,
            "confidence": self.confidence,
            "confidence_level": self.confidence_level,
            "alternatives": [{"category": c, "score": s} for c, s in self.alternatives],
            "candidates": [c.to_dict() for c in self.candidates],
            "marketplace": self.marketplace,
            "language": self.language,
            "guidance_language": self.guidance_language,
            "asins": list(self.asins),
            "masked_asins": list(self.masked_asins),
            "order_ids": list(self.order_ids),
            "masked_order_ids": list(self.masked_order_ids),
            "dates": [d.to_dict() for d in self.dates],
            "notice_date": self.notice_date.isoformat() if self.notice_date else None,
            "notice_date_source": self.notice_date_source,
            "appeal": self.appeal.to_dict(),
            "deadlines": [d.to_dict() for d in self.deadlines],
            "next_steps": [s.to_dict() for s in self.next_steps],
            "evidence": [e.to_dict() for e in self.evidence],
            "input": {
                "format": self.input_format,
                "characters": len(self.text),
                "warnings": list(self.warnings),
            },
            "text": self.text,
        }
