"""Read one notice's plain text into a `NoticeReading` — the pure core of the notice reader."""

from __future__ import annotations

from datetime import date

from reinstate.domain.notice.classify import classify
from reinstate.domain.notice.extract import (
    detect_language,
    detect_marketplace,
    extract_dates,
    extract_identifiers,
    header_date,
    stated_durations,
)
from reinstate.domain.notice.guidance import build_appeal, build_deadlines, build_next_steps
from reinstate.domain.notice.model import Evidence, NoticeReading, Reply
from reinstate.domain.notice.rules import NoticeRules

# Marketplaces that write numeric dates month first (03/05/2024 is March 5).
_MONTH_FIRST = frozenset({"US"})


def read_notice_text(
    text: str,
    rules: NoticeRules,
    *,
    notice_date: date | None = None,
    sent_date: date | None = None,
    input_format: str = "text",
    warnings: tuple[str, ...] = (),
) -> NoticeReading:
    """Return what `text` says: category, severity, identifiers, appeal route and deadlines.

    `notice_date` (given by the user) wins over `sent_date` (an e-mail's Date header), which
    wins over a `Date:` line inside the text.
    """
    language = detect_language(text, rules)
    marketplace, marketplace_evidence = detect_marketplace(text, rules)
    month_first = marketplace in _MONTH_FIRST or (marketplace is None and language == "en")
    dates = extract_dates(text, rules, month_first=month_first)
    date_source: str | None = None
    line = None
    if notice_date is not None:
        date_source = "given"
    elif sent_date is not None:
        notice_date, date_source = sent_date, "email_header"
    else:
        line = header_date(text, dates, rules)
        if line is not None:
            notice_date, date_source = line.value, "date_line"

    date_evidence: tuple[Evidence, ...] = ()
    if line is not None and date_source == "date_line":
        date_evidence = (
            Evidence(
                "extract.notice_date",
                "notice_date",
                line.value.isoformat(),
                line.start,
                line.end,
                line.text,
            ),
        )

    identifiers = extract_identifiers(text)
    classification = classify(text, rules)
    appeal = build_appeal(classification, rules, marketplace)
    deadlines, deadline_evidence = build_deadlines(
        classification,
        rules,
        marketplace=marketplace,
        notice_date=notice_date,
        durations=stated_durations(text, rules),
        appeal_possible=appeal.possible,
    )
    evidence = sorted(
        (
            *classification.evidence,
            *marketplace_evidence,
            *date_evidence,
            *identifiers.evidence,
            *deadline_evidence,
        ),
        key=lambda e: (e.start, e.conclusion, e.rule),
    )
    return NoticeReading(
        category=classification.category,
        subcategory=classification.subcategory,
        severity=classification.severity,
        confidence=classification.confidence,
        confidence_level=classification.confidence_level,
        alternatives=classification.alternatives,
        marketplace=marketplace,
        language=language,
        asins=identifiers.asins,
        masked_asins=identifiers.masked_asins,
        order_ids=identifiers.order_ids,
        masked_order_ids=identifiers.masked_order_ids,
        dates=dates,
        notice_date=notice_date,
        notice_date_source=date_source,
        appeal=appeal,
        deadlines=deadlines,
        next_steps=build_next_steps(classification, rules, appeal_possible=appeal.possible),
        evidence=tuple(evidence),
        text=text,
        input_format=input_format,
        warnings=warnings,
        document="reply" if classification.reply_outcome else "notice",
        reply=Reply(classification.reply_outcome, classification.missing)
        if classification.reply_outcome
        else None,
        candidates=classification.candidates,
        severity_assumed=classification.assumed_severity,
    )
