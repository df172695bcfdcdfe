"""Reading whole notices: every category and severity, appeal route, deadlines, next steps, JSON."""

from __future__ import annotations

import json
from datetime import date

import pytest

import reinstate
from reinstate import read_notice
from reinstate.domain.notice.model import CATEGORIES, SCHEMA, SEVERITIES

DEACTIVATED = "Your Amazon seller account has been deactivated. "

# One short notice per category, written for the tests from the key phrases of each category.
BY_CATEGORY = {
    "performance_odr": "Your order defect rate does not meet our performance target of less than 1%.",
    "performance_late_shipment": "Your late shipment rate is higher than the goal of less than 4%.",
    "performance_cancellation": "Your pre-fulfillment cancel rate does not meet our performance target.",
    "performance_valid_tracking": "Your Valid Tracking Rate is below the 95% requirement.",
    "performance_other": "Your on-time delivery rate does not meet our performance target.",
    "related_accounts": DEACTIVATED + "Your account is related to an account that may not be used.",
    "restricted_products": "Listings violate the Restricted Products policy and were removed.",
    "ip_trademark": "We removed some of your listings: a trademark complaint from the rights owner.",
    "ip_copyright": "We removed some of your listings because they may infringe copyright.",
    "ip_patent": "We removed some of your listings because they may infringe a patent.",
    "inauthentic": "We received complaints that the items are inauthentic.",
    "product_condition": "Complaint Type: Used items sold as new.",
    "product_safety": "We removed some of your listings because of product safety concerns.",
    "review_manipulation": "Activity violating the Customer Product Reviews policy was found.",
    "identity_verification": DEACTIVATED
    + "We need additional documentation to verify your identity.",
    "listing_policy": "Your listings violate the Product Detail Page Rules.",
    "other": "Thanks for writing; we will reply about your shipping settings soon.",
}


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_is_recognised(category: str) -> None:
    reading = read_notice(BY_CATEGORY[category])
    assert reading.category == category
    if category != "other":
        evidence = reading.evidence_for("category")
        assert evidence and all(e.value == category for e in evidence)


BY_SEVERITY = {
    "warning": "Your order defect rate does not meet our performance target.",
    "at_risk": "Reviews activity has put your account at risk of deactivation within 72 hours.",
    "listing_removed": "We removed some of your listings because they may infringe copyright.",
    "privileges_removed": "We have removed your Amazon.com selling privileges: late shipment rate.",
    "account_deactivated": DEACTIVATED + "Your account is related to an account.",
}


@pytest.mark.parametrize("severity", SEVERITIES)
def test_every_severity_is_recognised(severity: str) -> None:
    reading = read_notice(BY_SEVERITY[severity])
    assert reading.severity == severity
    assert any(e.value == severity for e in reading.evidence_for("severity"))


def test_the_most_severe_sentence_decides() -> None:
    text = DEACTIVATED + "We removed your listings. Your order defect rate is too high."
    assert read_notice(text).severity == "account_deactivated"


def test_a_removal_no_sentence_states_is_never_the_severity_only_assumed() -> None:
    # No sentence says what was removed: severity stays null ("not stated") and the category's
    # usual level is only what the guidance plans for.
    reading = read_notice("We received complaints about the authenticity of the items liste")
    assert (reading.category, reading.severity) == ("inauthentic", None)
    assert reading.severity_assumed == "listing_removed"
    assert reading.evidence_for("severity_assumed")[0].rule == "default.inauthentic"
    assert reading.to_dict()["severity_assumed"] == "listing_removed"
    assert reading.appeal.required is not False


def test_a_metric_notice_without_a_severity_sentence_is_a_warning() -> None:
    reading = read_notice("Your order defect rate is 1.4%.")
    assert (reading.category, reading.severity, reading.severity_assumed) == (
        "performance_odr",
        "warning",
        None,
    )


def test_unknown_text_is_other_with_low_confidence_and_no_severity() -> None:
    reading = read_notice("Hello, your parcel left our warehouse today.")
    assert (reading.category, reading.severity, reading.confidence_level) == ("other", None, "low")
    assert not reading.appeal.possible


def test_an_announcement_mentioning_a_metric_is_still_other() -> None:
    text = (
        "We are pleased to announce a new feature: the order defect rate chart now shows claims. "
        "Join our webinar. Unsubscribe here."
    )
    reading = read_notice(text)
    assert (reading.category, reading.subcategory) == ("other", "announcement")
    assert reading.confidence_level == "low"
    assert reading.alternatives[0][0] == "performance_odr"


def test_final_decision_means_no_appeal_and_a_funds_route() -> None:
    reading = read_notice(
        "Upon careful consideration, we have decided not to reinstate your selling privileges on "
        "Amazon.de.",
        notice_date=date(2024, 3, 1),
    )
    assert reading.subcategory == "final_decision"
    assert not reading.appeal.possible and not reading.appeal.required
    assert reading.document == "reply" and reading.reply is not None
    assert reading.reply.outcome == "final_decision"
    assert reading.appeal.verdict == "closed"
    assert [d.channel for d in reading.appeal.where] == ["funds_request", "email"]
    assert reading.appeal.where[1].address == "payments-nachforschungen@amazon.de"
    assert [d.id for d in reading.deadlines] == ["funds_wait"]


def test_appeal_route_for_an_account_deactivation_includes_the_team_address() -> None:
    reading = read_notice(
        DEACTIVATED
        + "Your order defect rate on Amazon.fr is above 1%. To reactivate your account, submit "
        "a plan of action."
    )
    channels = [(d.channel, d.address) for d in reading.appeal.where]
    assert channels == [
        ("account_health_reactivation", None),
        ("email", "performance-vendeur@amazon.fr"),
    ]
    assert reading.appeal.required
    assert (
        "The steps that will keep the order defect rate under 1%" in reading.appeal.plan_of_action
    )


def test_a_warning_does_not_require_an_appeal() -> None:
    reading = read_notice(BY_SEVERITY["warning"])
    assert reading.appeal.required is False and reading.appeal.verdict == "not_needed"


def test_legacy_notices_also_point_at_performance_notifications() -> None:
    reading = read_notice(
        "Your late shipment rate is higher than the goal. You currently may not sell on Amazon.com. "
        "Go to Performance Notifications and click Appeal decision."
    )
    assert "performance_notifications" in [d.channel for d in reading.appeal.where]


@pytest.mark.parametrize(
    ("text", "notice_date", "expected"),
    [
        (
            "Your listing violates the Restricted Products policy; submit a plan of action within "
            "72 hours.",
            date(2024, 6, 3),
            [("restricted_products_plan", "2024-06-06", True)],
        ),
        (
            "You currently may not sell on Amazon.com: your late shipment rate is too high. Send an "
            "acceptable plan within 17 days.",
            date(2024, 1, 9),
            [("legacy_performance_plan", "2024-01-26", True), ("funds_wait", "2024-04-08", False)],
        ),
        (
            "A chargeback has been received for your order; the order defect rate counts it.",
            date(2024, 8, 14),
            [("chargeback_represent", "2024-08-21", False)],
        ),
        (
            "An A-to-z Guarantee claim has been filed; your order defect rate counts it.",
            date(2024, 7, 1),
            [("atoz_appeal", "2024-07-31", False)],
        ),
        (
            DEACTIVATED + "Your account is related to an account. Amazon.com",
            date(2024, 11, 1),
            [("funds_wait_2024", "2024-12-31", False)],
        ),
        (
            DEACTIVATED + "Your account is related to an account. Amazon.com",
            date(2024, 10, 1),
            [("funds_wait", "2024-12-30", False)],
        ),
    ],
)
def test_deadlines_are_dated_from_the_notice_date(
    text: str, notice_date: date, expected: list[tuple[str, str, bool]]
) -> None:
    reading = read_notice(text, notice_date=notice_date)
    dated = [
        (d.id, d.due.isoformat() if d.due else None, d.stated_in_notice)
        for d in reading.deadlines
        if d.starts == "notice_date"
    ]
    assert dated == expected


def test_deadlines_without_a_notice_date_have_no_due_date() -> None:
    reading = read_notice("Restricted Products policy: submit a plan of action within 72 hours.")
    assert reading.notice_date is None
    assert [(d.id, d.due) for d in reading.deadlines] == [("restricted_products_plan", None)]


def test_the_notice_date_comes_from_a_date_line() -> None:
    reading = read_notice("Datum: 5. März 2024\nIhre Bestellmängelquote ist zu hoch. Amazon.de")
    assert (reading.notice_date, reading.notice_date_source) == (date(2024, 3, 5), "date_line")


def test_an_unrecognised_stated_duration_still_becomes_a_deadline() -> None:
    reading = read_notice(
        "We removed some of your listings for copyright. Reply within 10 days.",
        notice_date=date(2024, 1, 1),
    )
    assert [(d.id, d.due) for d in reading.deadlines] == [
        ("stated_240h", date(2024, 1, 11)),
        ("appeal_reply", None),
    ]


def test_next_steps_start_with_reading_and_end_with_what_not_to_do() -> None:
    steps = read_notice(DEACTIVATED + "Your account is related to an account.").next_steps
    kinds = [s.kind for s in steps]
    assert steps[0].text == "Read the whole notice and list every ASIN, order and date it names"
    assert kinds == sorted(kinds, key=lambda k: k == "dont")
    donts = {s.text for s in steps if s.kind == "dont"}
    assert {
        "Do not open a new seller account",
        "Do not alter or forge invoices or any other document",
        "Do not threaten Amazon with legal action",
        "Do not send the same appeal or e-mail again and again; wait for the reply",
        "Do not use rude or emotional language",
        "Do not rush an appeal without a complete plan of action",
    } <= donts


def test_every_evidence_span_points_at_its_text() -> None:
    reading = read_notice(DEACTIVATED + "ASIN B07XYZ1234, order 112-1234567-1234567, Amazon.com")
    assert reading.evidence
    for e in reading.evidence:
        assert reading.text[e.start : e.end] == e.text


def test_json_shape() -> None:
    reading = read_notice(
        BY_CATEGORY["related_accounts"] + " ASIN: B00XXXXX1", notice_date=date(2024, 1, 2)
    )
    data = reading.to_dict()
    assert list(data) == [
        "schema",
        "document",
        "reply",
        "category",
        "subcategory",
        "severity",
        "severity_assumed",
        "confidence",
        "confidence_level",
        "alternatives",
        "candidates",
        "marketplace",
        "language",
        "guidance_language",
        "asins",
        "masked_asins",
        "order_ids",
        "masked_order_ids",
        "dates",
        "notice_date",
        "notice_date_source",
        "appeal",
        "deadlines",
        "next_steps",
        "evidence",
        "input",
        "text",
    ]
    assert data["schema"] == SCHEMA == "reinstate.notice/2"
    assert data["masked_asins"] == ["B00XXXXX1"]
    assert data["notice_date"] == "2024-01-02"
    assert set(data["appeal"]) == {
        "possible",
        "required",
        "verdict",
        "where",
        "plan_of_action",
        "evidence_to_gather",
        "source",
    }
    assert set(data["deadlines"][0]) == {
        "id",
        "label",
        "hours",
        "days",
        "starts",
        "due",
        "stated_in_notice",
        "source",
    }
    assert set(data["evidence"][0]) == {"rule", "conclusion", "value", "span", "text"}
    assert json.loads(json.dumps(data)) == data


def test_public_api_is_exported() -> None:
    assert "read_notice" in reinstate.__all__ and "NoticeReading" in reinstate.__all__
    assert isinstance(reinstate.read_notice("x"), reinstate.NoticeReading)


def test_guidance_can_be_read_in_chinese() -> None:
    text = DEACTIVATED + "Your account is related to an account."
    hans = read_notice(text, lang="zh_Hans")
    hant = read_notice(text, lang="zh_Hant")
    assert hans.category == "related_accounts" and hans.guidance_language == "zh_Hans"
    assert hans.next_steps[-1].text == "不要一再发送相同的申诉或邮件；请等待回复"
    assert hant.next_steps[-1].text == "不要一再發送相同的申訴或郵件；請等待回覆"
