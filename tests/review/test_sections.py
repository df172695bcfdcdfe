"""The section finder: the three parts, headed in many styles or not headed at all."""

from __future__ import annotations

import pytest

from reinstate.domain.review.sections import find_sections
from reinstate.rules.review.loader import review_rules
from support.letters import LETTERS

BODY = {
    "root_cause": "Our handling time was 1 day while the packer works 4 days a week.",
    "corrective_actions": "On 3 May 2026 we set the handling time to 2 days for all 80 SKUs.",
    "preventive_measures": "Every morning our warehouse manager confirms each order due that day.",
}


def letter(headings: tuple[str, str, str]) -> str:
    parts = [f"{h}\n- {BODY[name]}" for h, name in zip(headings, BODY, strict=True)]
    return "Dear Seller Performance Team,\n\n" + "\n\n".join(parts) + "\n\nSincerely,\nA Seller\n"


@pytest.mark.parametrize(
    "headings",
    [
        ("Root cause", "Corrective actions taken", "Preventive measures"),
        ("1. Root Cause:", "2. Actions we have taken", "3. Steps to prevent recurrence"),
        ("## Why did this happen?", "## What we have done", "## Going forward"),
        (
            "1. What was the root cause that led to the issue?",
            "2. What actions have you taken to resolve the issue?",
            "3. What steps will you take to prevent future issues?",
        ),
        ("**Our investigation**", "**Immediate fixes**", "**Preventative measures**"),
    ],
)
def test_headed_parts_are_found_in_many_styles(headings: tuple[str, str, str]) -> None:
    text = letter(headings)
    found = find_sections(text, review_rules())
    for name, body in BODY.items():
        assert found[name].headed
        assert found[name].span is not None
        start, end = found[name].span
        assert text[start:end] == f"- {body}"


def test_inline_headings_carry_their_text_on_the_same_line() -> None:
    text = "\n".join(
        f"{title}: {BODY[name]}"
        for title, name in zip(
            ("Root cause", "Corrective actions", "Preventive measures"), BODY, strict=True
        )
    )
    found = find_sections(text, review_rules())
    for name, body in BODY.items():
        span = found[name].span
        assert span is not None
        assert text[span[0] : span[1]] == body


def test_unheaded_paragraphs_are_classified_by_their_cues() -> None:
    text = (LETTERS / "strong_odr_unheaded.txt").read_text(encoding="utf-8")
    found = find_sections(text, review_rules())
    assert not any(section.headed for section in found.values())
    starts = {name: text[s.span[0] : s.span[0] + 30] for name, s in found.items() if s.span}
    assert starts == {
        "root_cause": "Our investigation of the 23 or",
        "corrective_actions": "Since then we have refunded al",
        "preventive_measures": "To prevent this from happening",
    }


def test_a_closing_paragraph_after_a_list_is_not_part_of_the_last_section() -> None:
    text = letter(("Root cause", "Corrective actions taken", "Preventive measures")).replace(
        "\n\nSincerely", "\n\nWe have been selling for 9 years.\n\nSincerely"
    )
    span = find_sections(text, review_rules())["preventive_measures"].span
    assert span is not None
    assert "9 years" not in text[span[0] : span[1]]


def test_a_letter_without_the_parts_has_none() -> None:
    text = "Dear team,\n\nThank you for your message about our store and the recent orders.\n"
    assert all(s.span is None for s in find_sections(text, review_rules()).values())
