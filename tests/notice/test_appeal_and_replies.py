"""The appeal comes from the notice's own words; replies are read as replies; unsure readings say so."""

from __future__ import annotations

import pytest

from reinstate import read_notice
from reinstate.services.notice import appeal_message, unsure_message

REMOVED = "We have removed your Amazon.com selling privileges because of your order defect rate. "


def test_an_offered_appeal_is_possible_and_required() -> None:
    reading = read_notice(
        REMOVED + "If you would like to appeal this decision, click the Appeal button."
    )
    assert reading.appeal.possible is True and reading.appeal.verdict == "required"


def test_a_closed_appeal_is_impossible() -> None:
    reading = read_notice(
        "Upon careful consideration, we have decided not to reinstate your selling privileges."
    )
    assert reading.appeal.possible is False and reading.appeal.verdict == "closed"


def test_an_unstated_appeal_is_never_called_impossible() -> None:
    reading = read_notice(REMOVED)
    assert reading.appeal.possible is None and reading.appeal.verdict == "not_stated"
    assert "Appeal button" in appeal_message(reading)


def test_a_threatened_closure_closes_nothing() -> None:
    reading = read_notice(
        REMOVED + "Your account will not be reinstated unless you submit a plan of action."
    )
    assert reading.appeal.possible is not False


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Thank you for your appeal. We have reinstated your selling privileges.", "reinstated"),
        (
            "Thank you for submitting your appeal. We do not have enough information to reactivate "
            "your account. Please include greater detail on the root cause.",
            "more_information",
        ),
        ("We have received your appeal and will review it and get back to you.", "acknowledged"),
    ],
)
def test_replies_are_read_as_replies(text: str, outcome: str) -> None:
    reading = read_notice(text)
    assert reading.document == "reply" and reading.reply is not None
    assert reading.reply.outcome == outcome


def test_a_reply_lists_what_is_missing() -> None:
    reading = read_notice(
        "Thank you for submitting your appeal. We do not have enough information. Please provide "
        "greater detail on the root cause and copies of invoices from your supplier."
    )
    assert reading.reply is not None
    assert {"root_cause", "invoices"} <= set(reading.reply.missing)


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "not sure"), ("zh_Hans", "无法确定"), ("zh_Hant", "無法確定")],
)
def test_an_unsure_reading_names_two_candidates(lang: str, words: str) -> None:
    reading = read_notice("trademark. counterfeit.", lang=lang)
    assert reading.confidence_level == "low"
    assert len(reading.candidates) == 2
    message = unsure_message(reading, lang)
    assert message is not None and words in message
