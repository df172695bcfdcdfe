"""The letter reviewer: the three parts of a Plan of Action, the rules a letter breaks, a verdict.

What other capabilities may use is exported here (the composer will be held to these rules through
`review`); the modules inside are this package's own.
"""

from reinstate.domain.review.fingerprints import Fingerprints
from reinstate.domain.review.model import (
    SCHEMA,
    SECTION_NAMES,
    Finding,
    Review,
    Section,
    Severity,
    Span,
    Verdict,
)
from reinstate.domain.review.notice_facts import NoticeFacts, facts_from_reading
from reinstate.domain.review.reviewer import review
from reinstate.domain.review.rules import ReviewRules

__all__ = [
    "SCHEMA",
    "SECTION_NAMES",
    "Finding",
    "Fingerprints",
    "NoticeFacts",
    "Review",
    "ReviewRules",
    "Section",
    "Severity",
    "Span",
    "Verdict",
    "facts_from_reading",
    "review",
]
