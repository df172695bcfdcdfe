"""Extraction from notice text: ASINs (valid, ISBN-10, masked), order ids, dates, marketplaces."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reinstate.domain.notice.extract import (
    detect_language,
    detect_marketplace,
    extract_dates,
    extract_identifiers,
    is_isbn10,
    is_masked_asin,
    stated_durations,
)
from reinstate.rules.notice.loader import notice_rules

RULES = notice_rules()


def test_valid_and_masked_asins_are_reported_apart() -> None:
    found = extract_identifiers("ASIN: B07XYZ1234, B00XXXXX1, B0****5678 and B08ABC1234.")
    assert found.asins == ("B07XYZ1234", "B08ABC1234")
    assert found.masked_asins == ("B00XXXXX1", "B0****5678")


def test_fully_masked_asin_after_label_is_masked() -> None:
    assert extract_identifiers("ASIN: XXXXXXXXXX").masked_asins == ("XXXXXXXXXX",)


def test_isbn10_asins_need_a_valid_check_digit() -> None:
    assert is_isbn10("0306406152")
    assert not is_isbn10("0306406153")
    assert extract_identifiers("Books 0306406152 and 0306406153").asins == ("0306406152",)


@pytest.mark.parametrize(
    ("token", "masked"),
    [("B00XXXXX1", True), ("B0XXXXXXXX", True), ("B07XXJ4K2L", False), ("B0ABC**123", True)],
)
def test_masks(token: str, masked: bool) -> None:
    assert is_masked_asin(token) is masked


def test_words_and_short_tokens_are_not_asins() -> None:
    found = extract_identifiers("B0ABC is short; AB07XYZ1234 is glued; b07xyz1234 is lower case.")
    assert found.asins == ()
    assert found.masked_asins == ()


def test_order_ids_valid_and_masked() -> None:
    found = extract_identifiers(
        "Orders 112-1234567-1234567, 112-1234567-1234567 and 112-XXXXXXX-1234567."
    )
    assert found.order_ids == ("112-1234567-1234567",)
    assert found.masked_order_ids == ("112-XXXXXXX-1234567",)


def test_a_longer_digit_run_is_not_an_order_id() -> None:
    assert extract_identifiers("ref 1112-1234567-1234567").order_ids == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date: 2024-03-05", date(2024, 3, 5)),
        ("on 2024/3/5", date(2024, 3, 5)),
        ("2024年3月5日", date(2024, 3, 5)),
        ("March 5, 2024", date(2024, 3, 5)),
        ("Mar 5th 2024", date(2024, 3, 5)),
        ("5 March 2024", date(2024, 3, 5)),
        ("Tue, 05 Mar 2024 10:00:00 +0000", date(2024, 3, 5)),
        ("5. März 2024", date(2024, 3, 5)),
        ("05.03.2024", date(2024, 3, 5)),
        ("1er mars 2024", date(2024, 3, 1)),
        ("5 marzo 2024", date(2024, 3, 5)),
        ("3 de marzo de 2024", date(2024, 3, 3)),
        ("25/03/2024", date(2024, 3, 25)),
        ("03/25/2024", date(2024, 3, 25)),
    ],
)
def test_dates_in_many_formats(text: str, expected: date) -> None:
    dates = extract_dates(text, RULES, month_first=True)
    assert [d.value for d in dates] == [expected]
    assert not dates[0].ambiguous


def test_ambiguous_numeric_dates_follow_the_marketplace_and_say_so() -> None:
    us = extract_dates("03/05/2024", RULES, month_first=True)[0]
    eu = extract_dates("03/05/2024", RULES, month_first=False)[0]
    assert (us.value, eu.value) == (date(2024, 3, 5), date(2024, 5, 3))
    assert us.ambiguous and eu.ambiguous


def test_impossible_dates_are_ignored() -> None:
    assert extract_dates("2024-02-30 and 31.04.2024", RULES, month_first=False) == ()


@pytest.mark.parametrize(
    ("text", "marketplace"),
    [
        ("Amazon.com", "US"),
        ("sellercentral.amazon.com.mx", "MX"),
        ("Amazon.co.uk", "UK"),
        ("amazon.de", "DE"),
        ("Amazon.fr", "FR"),
        ("Amazon.it", "IT"),
        ("Amazon.es", "ES"),
        ("Amazon.nl", "NL"),
        ("Amazon.co.jp", "JP"),
        ("Amazon.com.au", "AU"),
        ("Amazon.in", "IN"),
        ("Amazon.ca", "CA"),
        ("selling on Amazon.com.", "US"),
        ("您在日本站的商品", "JP"),
        ("a fee of £5", "UK"),
        ("no marketplace here", None),
    ],
)
def test_marketplace_detection(text: str, marketplace: str | None) -> None:
    found, evidence = detect_marketplace(text, RULES)
    assert found == marketplace
    for e in evidence:
        assert text[e.start : e.end] == e.text


def test_the_strongest_marketplace_wins() -> None:
    found, _ = detect_marketplace("Amazon.de seller, see also amazon.de and Amazon.com", RULES)
    assert found == "DE"


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("within 72 hours", 72),
        ("within 17 days", 408),
        ("for up to 90 days", 2160),
        ("请在 72 小时内提交", 72),
        ("最长 90 天", 2160),
        ("72時間以内に", 72),
        ("innerhalb von 72 Stunden", 72),
        ("dans les 72 heures", 72),
        ("entro 30 giorni", 720),
        ("en un plazo de 7 días", 168),
    ],
)
def test_stated_durations(text: str, hours: int) -> None:
    assert [h for h, _ in stated_durations(text, RULES)] == [hours]


def test_a_date_is_not_a_duration() -> None:
    assert stated_durations("2024年3月5日", RULES) == ()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Your account has been deactivated and we have removed your listings.", "en"),
        ("您的账户已被停用，我们已删除了您的部分商品。", "zh"),
        ("お客様のアカウントは停止されました。", "ja"),
        ("Ihr Konto wurde deaktiviert und wir haben die Angebote entfernt.", "de"),
        ("Votre compte a été désactivé et nous avons supprimé vos offres.", "fr"),
        ("Il tuo account è stato disattivato e abbiamo rimosso le offerte.", "it"),
        ("Su cuenta ha sido desactivada y hemos eliminado los anuncios.", "es"),
        ("12345", None),
    ],
)
def test_language_detection(text: str, language: str | None) -> None:
    assert detect_language(text, RULES) == language


TOKENS = st.sampled_from(
    [
        "B07XYZ1234",
        "B00XXXXX1",
        "112-1234567-1234567",
        "0306406152",
        "ASIN: XXXXXXXXXX",
        "2024-03-05",
        "5 March 2024",
        "Amazon.de",
        " ",
        "\n",
        "x",
        "B0",
        "-",
        "*",
        "年",
        "9",
    ]
)


@given(st.lists(TOKENS, max_size=30).map("".join))
def test_every_span_points_at_the_text_it_claims(text: str) -> None:
    found = extract_identifiers(text)
    for e in found.evidence:
        assert text[e.start : e.end] == e.text
    for d in extract_dates(text, RULES, month_first=False):
        assert text[d.start : d.end] == d.text
    values = set(found.asins) | set(found.masked_asins) | set(found.order_ids)
    assert all(v in text for v in values)
