"""What a notice asks a letter to address: its ASINs, order ids and issues."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reinstate.domain.review.rules import ReviewRules


@dataclass(frozen=True, slots=True)
class NoticeFacts:
    """The parts of a notice a letter must answer: ASINs, order ids and issue names."""

    asins: tuple[str, ...] = ()
    order_ids: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def issues_in_text(text: str, rules: ReviewRules) -> tuple[str, ...]:
    """Return the issues a notice's text raises, by the notice patterns in the rule file."""
    return tuple(name for name, issue in rules.notice_issues.items() if issue.notice.found(text))


def issues_of_category(category: str | None, rules: ReviewRules) -> tuple[str, ...]:
    """Return the issues a notice reader's category stands for."""
    if not category:
        return ()
    return tuple(
        name for name, issue in rules.notice_issues.items() if category in issue.categories
    )


def facts_from_reading(
    asins: Iterable[str],
    order_ids: Iterable[str],
    category: str | None,
    rules: ReviewRules,
    text: str | None = None,
) -> NoticeFacts:
    """Combine a notice reading's fields (and its text, when known) into the facts to check."""
    issues = list(issues_of_category(category, rules))
    if text:
        issues.extend(issues_in_text(text, rules))
    return NoticeFacts(
        asins=_unique(str(a).upper() for a in asins),
        order_ids=_unique(str(o) for o in order_ids),
        issues=_unique(issues),
    )


def unaddressed(letter: str, facts: NoticeFacts, rules: ReviewRules) -> tuple[list[str], list[str]]:
    """Return the notice's ASINs and issues that the letter never mentions."""
    upper = letter.upper()
    asins = [a for a in facts.asins if a.upper() not in upper]
    issues = [
        name
        for name in facts.issues
        if name in rules.notice_issues and not rules.notice_issues[name].letter.found(letter)
    ]
    return asins, issues
