"""The notice reader: what an Amazon notice means, what to send, where, and by when.

What other capabilities may use is exported here (the reviewer and, later, the composer and the
case tracker read a notice through these names); the modules inside are this package's own.
"""

from reinstate.domain.notice.model import (
    CATEGORIES,
    SCHEMA,
    SEVERITIES,
    Appeal,
    DateMention,
    Deadline,
    Destination,
    Evidence,
    NoticeReading,
    Step,
    severity_rank,
)
from reinstate.domain.notice.reader import read_notice_text
from reinstate.domain.notice.rules import NoticeRules

__all__ = [
    "CATEGORIES",
    "SCHEMA",
    "SEVERITIES",
    "Appeal",
    "DateMention",
    "Deadline",
    "Destination",
    "Evidence",
    "NoticeReading",
    "NoticeRules",
    "Step",
    "read_notice_text",
    "severity_rank",
]
