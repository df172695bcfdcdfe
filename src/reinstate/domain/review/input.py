"""Refuse text that is not a Plan of Action, saying what is wrong, where, and how to fix it."""

from __future__ import annotations

import re

from reinstate.domain.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
)
from reinstate.domain.review.rules import ReviewRules
from reinstate.domain.review.text import count_words, foreign_share

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TAG = re.compile(
    r"<(?:!doctype|html|head|body|script|style|div|table|p|br|span)\b[^>]*>", re.IGNORECASE
)
_FIRST_PERSON = re.compile(r"\b(?:we|our|ours|us)\b", re.IGNORECASE)
# A seller writing alone says "I" and "my"; Amazon's notices say them only in their questions
# ("How do I reactivate my account?"), so lines that end with a question mark are not counted.
_FIRST_SINGULAR = re.compile(r"\b(?:i|my|me|mine)\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
_MIN_TABLE_LINES = 3
_MIN_NOTICE_PHRASES = 2
_SELLER_VOICE = re.compile(r"\b(?:we|our|ours|us|i|my|me)\b", re.IGNORECASE)


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _notice_wording(text: str, rules: ReviewRules) -> list[tuple[str, int]]:
    """Return the distinct phrases of Amazon's notice wording in the text, with their lines."""
    found = []
    for pattern in rules.phrases.get("notice_wording", ()):
        match = pattern.search(text)
        if match:
            found.append((" ".join(match.group(0).split()), _line_of(text, match.start())))
    return sorted(found, key=lambda item: item[1])


def check_letter(text: str, rules: ReviewRules, where: str = "The letter") -> None:
    """Raise an `InputError` when the text cannot be reviewed as a letter."""
    if not text.strip():
        raise EmptyInputError(
            f"{where} is empty. Give the text of your Plan of Action "
            "(a file, or '-' to read it from standard input)."
        )
    limit = int(rules.threshold("max_chars"))
    if len(text) > limit:
        raise InputTooLargeError(
            f"{where} has {len(text):,} characters; Reinstate reviews letters of up to {limit:,}. "
            "Give only the letter itself, not a whole mailbox or document."
        )
    control = _CONTROL.search(text)
    if control:
        raise BinaryInputError(
            f"{where} contains binary data (a control character at line "
            f"{_line_of(text, control.start())}), not text. "
            "Save the letter as plain text (.txt) and review that file."
        )
    tag = _TAG.search(text)
    if tag:
        raise InputError(
            f"{where} looks like an HTML page (a {tag.group(0)[:20]!r} tag at line "
            f"{_line_of(text, tag.start())}), not a letter. Copy the letter's text and review that."
        )
    all_lines = [line for line in text.splitlines() if line.strip()]
    tabbed = sum(1 for line in all_lines if line.count("\t") >= 2 or line.count(",") >= 6)
    if tabbed >= _MIN_TABLE_LINES and tabbed * 2 >= len(all_lines):
        raise InputError(
            f"{where} looks like a data table ({tabbed} of its {len(all_lines)} lines have "
            "columns), not a letter. Review the letter's text; reports go to 'reinstate import'."
        )
    share = foreign_share(text)
    if share > rules.threshold("foreign_script_share"):
        raise InputError(
            f"{where} is mostly not in English ({round(share * 100)}% of its letters are in "
            "other scripts). Amazon's teams read English: translate the whole letter into English, "
            "then review it."
        )
    words = count_words(text)
    minimum = int(rules.threshold("min_words"))
    if words < minimum:
        raise InputError(
            f"{where} has only {words} words, too few for a Plan of Action (at least {minimum}). "
            "Give the whole letter: root cause, corrective actions and preventive measures."
        )
    notice = _notice_wording(text, rules)
    if len(notice) >= _MIN_NOTICE_PHRASES:
        quoted = " and ".join(f"{phrase!r} (line {line})" for phrase, line in notice[:2])
        raise InputError(
            f"{where} reads like Amazon's notice, not a seller's letter: it has the notice's "
            f"wording {quoted}. If this is Amazon's notice, give it as the notice (--notice) and "
            "give your own letter to review."
        )
    we = len(_FIRST_PERSON.findall(text)) + sum(
        len(_FIRST_SINGULAR.findall(line))
        for line in text.splitlines()
        if not line.rstrip().endswith("?")
    )
    you = _SECOND_PERSON.search(text)
    you_count = len(_SECOND_PERSON.findall(text))
    if you is not None and we < 3 and you_count > 3 * max(we, 1):
        raise InputError(
            f"{where} does not read like a seller's letter: 'you' or 'your' appears {you_count} "
            f"times (first at line {_line_of(text, you.start())}), 'we', 'our', 'I' or 'my' only {we}. "
            "If this is Amazon's notice, give it as the notice (--notice) and give "
            "your own letter to review."
        )
    if _SELLER_VOICE.search(text) is None:
        raise InputError(
            f"{where} does not read like a seller's letter: no sentence speaks as the seller "
            "('we', 'our', 'I'). Give the Plan of Action you are about to send to Amazon."
        )
