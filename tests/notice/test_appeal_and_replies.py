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


@pytest.mark.parametrize(
    ("text", "possible", "outcome"),
    [
        # A plain refusal closes the appeal, even in the future tense.
        ("We will not reinstate your account. This decision is final.", False, "final_decision"),
        # "... unless / until / without ..." names a condition: the appeal stays open.
        (
            "We will not reinstate your selling privileges unless you explain the root cause.",
            True,
            "more_information",
        ),
        (
            "Your account will not be reinstated until you send the invoices we asked for.",
            True,
            "documents_requested",
        ),
        (
            "Your account will not be reinstated without proof of compliance with our policies.",
            True,
            "more_information",
        ),
        # A condition before the refusal does the same.
        (
            "If you do not answer within 17 days, we will not reinstate your account.",
            None,
            None,
        ),
    ],
)
def test_a_refusal_with_a_condition_is_not_a_final_decision(
    text: str, possible: bool | None, outcome: str | None
) -> None:
    reading = read_notice(text)
    assert reading.appeal.possible is possible
    assert (reading.reply.outcome if reading.reply else None) == outcome


def test_a_threatened_risk_is_a_warning_and_a_stated_one_is_at_risk() -> None:
    threatened = read_notice("If this continues, your account could be at risk of deactivation.")
    stated = read_notice("Your account is at risk of deactivation within 72 hours.")
    assert (threatened.severity, stated.severity) == ("warning", "at_risk")


def test_a_cause_that_may_be_true_does_not_make_the_removal_a_threat() -> None:
    # "可能" qualifies the complaint; "因此" starts the clause that says what was done.
    reading = read_notice("权利所有人称您的商品可能侵犯其商标，因此我们删除了您的部分商品。")
    assert reading.severity == "listing_removed"
    english = read_notice(
        "A rights owner reported that your listing may infringe their trademark; "
        "as a result, we removed your listing."
    )
    assert english.severity == "listing_removed"


def test_a_reply_naming_documents_asks_for_documents() -> None:
    reading = read_notice(
        "Thank you for your appeal. It does not contain enough information. "
        "Please provide copies of invoices from your supplier."
    )
    assert reading.reply is not None and reading.reply.outcome == "documents_requested"
    plain = read_notice(
        "Thank you for your appeal. It does not contain enough information. "
        "Please provide the following: the root cause of the late shipments."
    )
    assert plain.reply is not None and plain.reply.outcome == "more_information"
