"""Read an Amazon notice: the use case behind `reinstate notice` and `reinstate.read_notice`."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from reinstate.domain.notice.model import Appeal, NoticeReading
from reinstate.domain.notice.reader import read_notice_text
from reinstate.i18n import normalize_language, translator
from reinstate.ingest.notice_text import (
    NoticeText,
    notice_from_text,
    read_notice_file,
    read_notice_stream,
)
from reinstate.rules.notice.loader import notice_rules

CATALOG = "notice"


def _read(notice: NoticeText, notice_date: date | None, lang: str | None) -> NoticeReading:
    reading = read_notice_text(
        notice.text,
        notice_rules(),
        notice_date=notice_date,
        sent_date=notice.sent_date,
        input_format=notice.format,
        warnings=notice.warnings,
    )
    return translate_reading(reading, normalize_language(lang))


def read_notice(
    text: str, *, notice_date: date | None = None, lang: str | None = "en"
) -> NoticeReading:
    """Read a notice given as text (plain, pasted e-mail source, or HTML from Seller Central)."""
    return _read(notice_from_text(text), notice_date, lang)


def read_notice_source(
    source: str | Path,
    *,
    notice_date: date | None = None,
    lang: str | None = "en",
    stdin: BinaryIO | None = None,
) -> NoticeReading:
    """Read a notice from a file path, or from standard input when `source` is `-`."""
    if str(source) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return _read(read_notice_stream(stream), notice_date, lang)
    return _read(read_notice_file(Path(source)), notice_date, lang)


def translate_reading(reading: NoticeReading, lang: str) -> NoticeReading:
    """Return `reading` with its guidance (labels, steps, topics) in `lang`; codes stay as they are."""
    if lang == "en":
        return reading
    _: Callable[[str], str] = translator(lang, CATALOG)
    appeal: Appeal = replace(
        reading.appeal,
        where=tuple(
            replace(d, label=_(d.label), path=_(d.path) if d.path else None)
            for d in reading.appeal.where
        ),
        plan_of_action=tuple(_(t) for t in reading.appeal.plan_of_action),
        evidence_to_gather=tuple(_(t) for t in reading.appeal.evidence_to_gather),
    )
    return replace(
        reading,
        appeal=appeal,
        deadlines=tuple(replace(d, label=_(d.label)) for d in reading.deadlines),
        next_steps=tuple(replace(s, text=_(s.text)) for s in reading.next_steps),
        guidance_language=lang,
    )


def category_label(code: str, lang: str = "en") -> str:
    """Return the readable name of a category in `lang`."""
    playbook = notice_rules().playbooks.get(code)
    return translator(lang, CATALOG)(playbook.label) if playbook else code


def subcategory_label(code: str, lang: str = "en") -> str:
    """Return the readable name of a subcategory in `lang`."""
    sub = notice_rules().subcategories.get(code)
    return translator(lang, CATALOG)(sub.label) if sub else code


def severity_label(code: str, lang: str = "en") -> str:
    """Return the readable name of a severity in `lang`."""
    label = notice_rules().severity_labels.get(code)
    return translator(lang, CATALOG)(label) if label else code


# What a front end tells the seller about appealing, per `Appeal.verdict` (msgids of the catalog).
APPEAL_MESSAGES: dict[str, str] = {
    "required": "An appeal is required.",
    "possible": "An appeal is possible but not required.",
    "closed": "The notice says the decision is final: no further appeal is possible.",
    "pending": "Your appeal is with Amazon: wait for the answer before you send anything else.",
    "not_needed": "Nothing has been taken away, so no appeal is needed now.",
    "not_stated": (
        "The notice does not say whether you can appeal. Look for an Appeal button next to this "
        "notice in Account Health or Performance Notifications before you decide."
    ),
}
UNSURE_NONE = (
    "Reinstate could not tell what this notice is about; read it yourself or ask for help."
)
UNSURE_ONE = (
    "Reinstate is not sure what this notice is about. It reads most like {first}; read the "
    "notice yourself to check."
)
UNSURE_TWO = (
    "Reinstate is not sure what this notice is about. It reads most like {first} or {second}; "
    "the guidance below covers both. Read the notice yourself to decide which it is."
)
READING_LABELS: dict[str, str] = {
    "reply": "Reply from Amazon to an appeal",
    "outcome": "Outcome",
    "missing": "What Amazon says is missing",
    "might_be": "Why it might be this",
}


def appeal_message(reading: NoticeReading, lang: str = "en") -> str:
    """Return the sentence about appealing for this reading, in `lang`."""
    return translator(lang, CATALOG)(APPEAL_MESSAGES[reading.appeal.verdict])


def unsure_message(reading: NoticeReading, lang: str = "en") -> str | None:
    """Return what the reader says when it is unsure (low confidence), naming its two best guesses."""
    if reading.confidence_level != "low":
        return None
    _ = translator(lang, CATALOG)
    names = [category_label(c.category, lang) for c in reading.candidates]
    if len(names) >= 2:
        return _(UNSURE_TWO).format(first=names[0], second=names[1])
    if names:
        return _(UNSURE_ONE).format(first=names[0])
    return _(UNSURE_NONE)


def outcome_label(code: str, lang: str = "en") -> str:
    """Return the readable name of a reply outcome in `lang`."""
    outcome = notice_rules().outcomes.get(code)
    return translator(lang, CATALOG)(outcome.label) if outcome else code


def missing_label(code: str, lang: str = "en") -> str:
    """Return the readable name of something a reply says is missing, in `lang`."""
    item = notice_rules().missing_items.get(code)
    return translator(lang, CATALOG)(item.label) if item else code


def reading_messages() -> tuple[str, ...]:
    """Return the fixed sentences the front ends show about a reading (the catalog's msgids)."""
    return (
        *APPEAL_MESSAGES.values(),
        UNSURE_NONE,
        UNSURE_ONE,
        UNSURE_TWO,
        *READING_LABELS.values(),
    )
