"""Audit of the notice reader against the text of issue 3: threats versus removals, mixed-language
input, the team-address directory's confirmation flag, final decisions, spans, the API/CLI contract,
bad input at the API and CLI, translated guidance and dated deadlines."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reinstate import read_notice
from reinstate.cli.app import main
from reinstate.domain.errors import BinaryInputError, EmptyInputError, InputTooLargeError
from reinstate.ingest.notice_text import MAX_READ_CHARACTERS
from reinstate.rules.notice.loader import notice_rules
from reinstate.services.notice import read_notice_source

HELDOUT = Path(__file__).parents[1] / "data" / "notices_heldout"
FILES = sorted(p for p in HELDOUT.iterdir() if p.suffix in {".txt", ".eml", ".html"})


# ---------------------------------------------------------------- threats are not removals


@pytest.mark.parametrize(
    ("text", "severity", "threat"),
    [
        (
            "Ihre Rechnungsfehlerquote liegt bei 12 %. Wenn sie über dem Ziel bleibt, kann Ihr "
            "Konto deaktiviert werden.",
            "warning",
            True,
        ),
        (
            "Ihre Rechnungsfehlerquote liegt bei 12 %. Ihr Konto wurde deaktiviert.",
            "account_deactivated",
            False,
        ),
        (
            "注文不良率が1%を超えています。改善されない場合、アカウントを停止することがあります。",
            "warning",
            True,
        ),
        (
            "注文不良率が1%を超えているため、アカウントを停止しました。",
            "account_deactivated",
            False,
        ),
        (
            "Your Valid Tracking Rate is 88%. If it stays below 95%, you can no longer sell "
            "merchant-fulfilled products in the category.",
            "warning",
            True,
        ),
        (
            "Your Valid Tracking Rate is 88%. As a result, you can no longer sell "
            "merchant-fulfilled products in the category.",
            "privileges_removed",
            False,
        ),
    ],
)
def test_a_threatened_removal_is_not_a_removal(text: str, severity: str, threat: bool) -> None:
    reading = read_notice(text)
    assert reading.severity == severity
    threats = [e for e in reading.evidence if e.value == "conditional"]
    assert bool(threats) is threat
    assert all(reading.text[e.start : e.end] == e.text for e in threats)


def test_a_later_stated_removal_still_counts_after_a_threatened_one() -> None:
    text = (
        "If you relist these items, we may have to say that your account has been deactivated. "
        "We found that your account is related to an account that may not be used to sell on "
        "our site. Your account has been deactivated."
    )
    reading = read_notice(text)
    stated = [e for e in reading.evidence if e.conclusion == "severity"]
    assert reading.severity == "account_deactivated"
    assert stated[0].start == text.rindex("account has been deactivated")


# ---------------------------------------------------------------- language and marketplace


def test_an_agency_note_in_chinese_above_an_english_notice_reads_as_english() -> None:
    text = (
        "【代运营备注】王总您好，以下是店铺今天收到的通知，原文转发给您，请尽快确认。\n\n"
        "Your Order Defect Rate on Amazon.co.uk is 3.2%, above the 1% we expect from sellers. "
        "Most defects are A-to-z Guarantee claims. Your account is at risk of deactivation."
    )
    reading = read_notice(text)
    assert (reading.language, reading.category, reading.marketplace, reading.severity) == (
        "en",
        "performance_odr",
        "UK",
        "at_risk",
    )


def test_a_chinese_notice_full_of_asins_still_reads_as_chinese() -> None:
    text = "我们已删除您的以下商品：B07H8QMZWL、B08KX2N4RT、B09TQ6VB1P，因为它们属于受限商品。"
    assert read_notice(text).language == "zh"


@pytest.mark.parametrize(
    ("text", "marketplace"),
    [
        ("Amazon.co.jpでの出品権限を停止しました。", "JP"),
        ("Amazon.deの出品を削除しました。", "DE"),
        ("您在Amazon.com上的销售权限已被暂停。", "US"),
        ("Amazon.com.auの出荷遅延率", "AU"),
    ],
)
def test_a_domain_followed_by_cjk_text_is_still_the_marketplace(
    text: str, marketplace: str
) -> None:
    assert read_notice(text).marketplace == marketplace


# ---------------------------------------------------------------- team addresses


def test_every_team_address_says_whether_its_source_confirms_it() -> None:
    contacts = notice_rules().contacts
    by_key = {(c.team, c.marketplace): c for c in contacts}
    # The seed lists IN and US without a domain ending and MX with only ".mx".
    for key in [
        ("product_quality", "IN"),
        ("funds", "IN"),
        ("seller_performance", "US"),
        ("funds", "MX"),
        ("product_compliance", "*"),
    ]:
        assert by_key[key].confirmed is False, key
    for key in [("seller_performance", "FR"), ("funds", "DE"), ("ip_retraction", "*")]:
        assert by_key[key].confirmed is True, key


def test_an_unconfirmed_address_is_flagged_in_json_and_in_the_cli(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = HELDOUT / "rp_at_risk_us_en.eml"
    where = read_notice_source(path).to_dict()["appeal"]["where"]
    assert [(w["address"], w["confirmed"]) for w in where] == [
        (None, True),
        ("product-compliance-policy@amazon.com", False),
    ]
    assert main(["notice", str(path)]) == 0
    assert (
        "product-compliance-policy@amazon.com (address not confirmed by its source; check it "
        "before writing)"
    ) in capsys.readouterr().out


# ---------------------------------------------------------------- final decisions


def test_a_final_decision_offers_no_plan_of_action_and_no_appeal_steps() -> None:
    reading = read_notice_source(HELDOUT / "related_final_it.txt")
    assert reading.subcategory == "final_decision" and not reading.appeal.possible
    assert reading.appeal.plan_of_action == ()
    assert reading.appeal.evidence_to_gather == (
        "Your settlement reports, to check the held balance",
    )
    texts = [s.text for s in reading.next_steps]
    assert "Write a plan of action in three parts: root cause, actions taken, prevention" not in (
        texts
    )
    assert "Do not rush an appeal without a complete plan of action" not in texts
    assert "Do not open a new seller account" in texts
    assert reading.appeal.where[0].channel == "funds_request"


def test_a_deactivation_lists_every_do_not_of_seed_003() -> None:
    texts = {s.text for s in read_notice_source(HELDOUT / "inauth_forwarded_us_en.txt").next_steps}
    assert {
        "Do not rush an appeal without a complete plan of action",
        "Do not open a new seller account",
        "Do not alter or forge invoices or any other document",
        "Do not threaten Amazon with legal action",
        "Do not ask Seller Support to decide the appeal; Seller Performance decides it",
        "Do not use rude or emotional language",
        "Do not send the same appeal or e-mail again and again; wait for the reply",
    } <= texts


# ---------------------------------------------------------------- deadlines


@pytest.mark.parametrize(
    ("file", "notice_date", "source", "due"),
    [
        ("rp_at_risk_us_en.eml", "2024-06-04", "email_header", "2024-06-07"),
        ("review_at_risk_us_en.txt", "2024-09-16", "date_line", "2024-09-19"),
        ("lsr_legacy_us_en.txt", "2023-03-10", "date_line", "2023-03-27"),
    ],
)
def test_stated_clocks_are_dated_from_the_notice_date(
    file: str, notice_date: str, source: str, due: str
) -> None:
    data = read_notice_source(HELDOUT / file).to_dict()
    assert (data["notice_date"], data["notice_date_source"]) == (notice_date, source)
    stated = [d for d in data["deadlines"] if d["stated_in_notice"]]
    assert due in [d["due"] for d in stated]


def test_the_funds_wait_follows_the_2024_policy_only_from_its_date() -> None:
    path = HELDOUT / "related_deactivated_us_en.eml"  # 3 July 2024, before the change
    before = {d.id: d.due for d in read_notice_source(path).deadlines}
    after = {d.id: d.due for d in read_notice_source(path, notice_date=date(2024, 11, 4)).deadlines}
    assert before["funds_wait"] == date(2024, 10, 1)
    assert after["funds_wait_2024"] == date(2025, 1, 3) and "funds_wait" not in after


# ---------------------------------------------------------------- spans

FRAGMENTS = st.sampled_from(
    [
        "Your account has been deactivated. ",
        "If you relist, your account has been deactivated. ",
        "We removed the following listings: ",
        "related to an account that may not be used to sell on our site",
        "order defect rate",
        "Restricted Products\r\npolicy",
        "within 72 hours",
        "Date: March 10, 2023\n",
        "B07H8QMZWL ",
        "B0XXXXXX12 ",
        "112-4839201-5503921 ",
        "Amazon.co.jpでの",
        "アカウントを停止しました。",
        "改善されない場合、アカウントを停止することがあります。",
        "您的账户已被停用。",
        "Ihr Konto wurde deaktiviert.",
        "kann Ihr Konto deaktiviert werden.",
        "\r\n",
        "\n\n",
        " ",
        "x",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(FRAGMENTS, min_size=1, max_size=25).map("".join))
def test_every_evidence_span_of_a_reading_is_its_text(text: str) -> None:
    try:
        reading = read_notice(text)
    except EmptyInputError:
        return
    assert "\r" not in reading.text
    for e in reading.evidence:
        assert reading.text[e.start : e.end] == e.text, e
        assert e.text or e.rule.startswith("default."), e
    for d in reading.dates:
        assert reading.text[d.start : d.end] == d.text


def test_spans_survive_an_email_with_crlf_line_ends() -> None:
    reading = read_notice_source(HELDOUT / "rp_at_risk_us_en.eml")
    policy = next(e for e in reading.evidence if e.rule == "en.rp.policy")
    assert policy.text == "Restricted Products\npolicy"
    assert reading.text[policy.start : policy.end] == policy.text


# ---------------------------------------------------------------- API = CLI


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_cli_json_is_the_python_api(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notice", str(path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    pasted = path.read_bytes().decode("utf-8")
    assert printed == read_notice(pasted).to_dict()
    assert printed["schema"] == "reinstate.notice/2"


def test_cli_json_in_traditional_chinese_keeps_codes_in_english(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = HELDOUT / "inauth_forwarded_us_en.txt"
    assert main(["notice", str(path), "--json", "--lang", "zh_Hant"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == read_notice(path.read_text(encoding="utf-8"), lang="zh_Hant").to_dict()
    assert (printed["category"], printed["severity"], printed["guidance_language"]) == (
        "inauthentic",
        "account_deactivated",
        "zh_Hant",
    )
    assert "不要開設新的賣家賬戶" in [s["text"] for s in printed["next_steps"]]
    simplified = read_notice(path.read_text(encoding="utf-8"), lang="zh_Hans").to_dict()
    assert "不要开设新的卖家账户" in [s["text"] for s in simplified["next_steps"]]


def test_an_announcement_has_no_severity_in_json() -> None:
    data = read_notice_source(HELDOUT / "announcement_odr_webinar_en.txt").to_dict()
    assert (data["category"], data["subcategory"], data["severity"]) == (
        "other",
        "announcement",
        None,
    )
    assert data["confidence_level"] == "low"
    # Nothing was taken away and the text says nothing about appealing: no appeal is needed, and
    # the reader does not claim that one is impossible.
    assert data["appeal"]["possible"] is None and data["appeal"]["verdict"] == "not_needed"


# ---------------------------------------------------------------- bad input

EMPTY = (
    "The notice text is empty. Paste the notice text, or give the .eml file or the HTML page "
    "saved from Seller Central."
)
BINARY = (
    "The notice text is a binary file, not a notice. Give the notice as plain text, an .eml "
    "e-mail, or HTML saved from Seller Central; copy the text out of a PDF or image first."
)
TOO_LARGE = (
    "The notice text is 50.0 MB; a notice can be at most 10 MB. Save only the notice itself (the "
    "e-mail without attachments, or the text of the Seller Central page) and try again."
)
SCRIPTS_ONLY = (
    "The notice text is an HTML page with no readable text once its scripts and styles are "
    "removed. Open the notice in Seller Central, select its text, and paste that instead."
)


@pytest.mark.parametrize(
    ("text", "error", "message"),
    [
        ("", EmptyInputError, EMPTY),
        (" \n\t ", EmptyInputError, EMPTY),
        ("%PDF-1.7\x00\x01\x02", BinaryInputError, BINARY),
        ("a" * (50 * 1024 * 1024), InputTooLargeError, TOO_LARGE),
        (
            "<html><head><script>alert('Your account has been deactivated')</script></head>"
            "<body><script>track()</script></body></html>",
            EmptyInputError,
            SCRIPTS_ONLY,
        ),
    ],
    ids=["empty", "blank", "binary", "50 MB", "scripts only"],
)
def test_bad_input_to_the_api_raises_one_clear_sentence(
    text: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as exc:
        read_notice(text)
    assert str(exc.value) == message


def test_a_50_mb_paste_on_standard_input_is_one_line_on_stderr(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"a" * (50 * 1024 * 1024))))
    assert main(["notice", "-"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: Standard input is larger than 10 MB; a notice can be at most 10 MB. Save only the "
        "notice itself (the e-mail without attachments, or the text of the Seller Central page) "
        "and try again."
    )


def test_a_binary_file_is_one_line_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "notice.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    assert main(["notice", str(path), "--json"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"Error: The file {path} is a binary file, not a notice. Give the notice as plain text, "
        "an .eml e-mail, or HTML saved from Seller Central; copy the text out of a PDF or image "
        "first."
    )


def test_scripts_in_a_pasted_page_never_decide_the_reading() -> None:
    page = (
        "<html><head><script>var s = 'Your account has been deactivated';</script></head><body>"
        "<p>We are pleased to announce a new webinar about shipping.</p>"
        "<script>log('we removed your listings')</script></body></html>"
    )
    reading = read_notice(page)
    assert (reading.category, reading.severity, reading.input_format) == ("other", None, "html")
    assert reading.warnings == (
        "Removed 2 <script> blocks from the HTML; only its visible text was read.",
    )


def test_a_long_paste_is_read_up_to_the_limit_and_says_so() -> None:
    notice = (HELDOUT / "related_deactivated_zh.txt").read_text(encoding="utf-8")
    text = notice + "\n" + "x" * (MAX_READ_CHARACTERS * 3)
    reading = read_notice(text)
    assert reading.category == "related_accounts"
    assert len(reading.text) == MAX_READ_CHARACTERS
    assert reading.warnings == (
        f"The notice text has {len(text):,} characters; only the first 100,000 were read. Give "
        "only the notice itself (not a whole mailbox or page dump) to have all of it read.",
    )


# ---------------------------------------------------------------- appeal required or not


def test_an_account_level_ip_notice_requires_an_appeal_to_reactivate() -> None:
    appeal = read_notice_source(HELDOUT / "ip_account_in_en.txt").appeal
    assert (appeal.possible, appeal.required) == (True, True)
    assert [(w.channel, w.address, w.confirmed) for w in appeal.where] == [
        ("account_health_reactivation", None, True),
        ("email", "notice-request-dispute@amazon.com", False),
    ]


def test_a_listing_level_ip_complaint_can_be_appealed_but_need_not_be() -> None:
    appeal = read_notice_source(HELDOUT / "ip_tm_masked_us_en.txt").appeal
    assert (appeal.possible, appeal.required) == (True, False)
    assert [(w.channel, w.address) for w in appeal.where] == [
        ("received_ip_complaints", None),
        ("email", "notice-dispute@amazon.com"),
    ]
    assert "A retraction sent by the rights owner, if they agree to withdraw" in (
        appeal.evidence_to_gather
    )


@pytest.mark.parametrize(
    ("file", "item"),
    [
        (
            "inauth_forwarded_us_en.txt",
            "Supplier invoices or receipts from the last 365 days covering the ASINs and sales volume",
        ),
        (
            "idv_deactivated_uk.html",
            "A utility bill or bank statement under 90 days old with the registered address",
        ),
        (
            "ip_tm_removed_it.txt",
            "Supplier invoices or a letter of authorisation from the brand owner",
        ),
    ],
)
def test_the_evidence_list_names_what_the_issue_asks_for(file: str, item: str) -> None:
    assert item in read_notice_source(HELDOUT / file).appeal.evidence_to_gather


def test_the_documented_json_example_has_the_real_shape() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "notice.md").read_text(encoding="utf-8")
    example = json.loads(docs.split("```json\n", 1)[1].split("```", 1)[0])
    real = read_notice_source(HELDOUT / "rp_at_risk_us_en.eml").to_dict()
    assert list(example) == list(real)
    assert [set(w) for w in example["appeal"]["where"]] == [set(w) for w in real["appeal"]["where"]]
    assert set(example["deadlines"][0]) == set(real["deadlines"][0])
    assert set(example["evidence"][0]) == set(real["evidence"][0])
    assert "python tools/score_notices.py" in docs
